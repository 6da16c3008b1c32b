package org.tessel.benchmarks;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards the JMH annotation processor: on JDK 23+ a processor that is not listed explicitly
 * silently produces no {@code META-INF/BenchmarkList}, and the benchmarks jar then runs nothing.
 */
class BenchmarkListTest {

    @Test
    void benchmarkListNamesEveryBenchmark() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/BenchmarkList")) {
            assertNotNull(in, "META-INF/BenchmarkList missing from the compiled classes: JMH processor did not run");
            String list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // one line per benchmark method, naming its generated class <Benchmark>_<method>_jmhTest
            for (String benchmark : List.of("FixedMappingBenchmark_evaluate", "MappingSearchBenchmark_search",
                    "WholeScheduleBenchmark_cold", "WholeScheduleBenchmark_warm")) {
                assertTrue(list.contains("org.tessel.benchmarks.jmh_generated." + benchmark + "_jmhTest"),
                        () -> benchmark + " not in " + list);
            }
        }
    }
}
