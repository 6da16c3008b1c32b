package org.tessel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tessel.cli.CommandLineTest.FSRCNN;
import static org.tessel.cli.CommandLineTest.META_DF;
import static org.tessel.cli.CommandLineTest.META_MAPPING;
import static org.tessel.cli.CommandLineTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code tessel layer} on the worked examples of the spec, its JSON, and its errors. */
class LayerCommandTest {

    static final ObjectMapper JSON = new ObjectMapper();
    // spec examples.md Example 2: FSRCNN layer 2, tile OY=6 OX=10, hierarchy cut to the on-chip memories
    static final String[] EXAMPLE_2 = {"layer", "--workload", FSRCNN, "--accelerator", META_DF, "--mapping", META_MAPPING,
        "--layer", "2", "--ox", "10", "--oy", "6", "--top", "I1=sram_64KB,O=sram_64KB,I2=sram_1MB_W"};

    static String[] with(String[] base, String... more) {
        return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void workedExampleTwoWithEveryJsonField(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("l2.json");
        CommandLineTest.Run r = run(with(EXAMPLE_2, "--json", json.toString()));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("13,281.900 pJ"), r.out());
        JsonNode j = JSON.readTree(json.toFile());
        for (String field : List.of("energy_total_pJ", "mac_energy_pJ", "memory_energy_pJ", "energy_per_operand_level_pJ",
                "access_counts", "latency_total0", "latency_total1", "latency_total2", "ideal_cycles", "stall_cycles",
                "onloading_cycles", "offloading_cycles", "spatial_utilization", "temporal_mapping")) {
            assertTrue(j.has(field), field);
        }
        assertEquals(13281.9, j.get("energy_total_pJ").asDouble(), 1e-9 * 13281.9);
        assertEquals(3110.4, j.get("mac_energy_pJ").asDouble(), 1e-9 * 3110.4);
        assertEquals(324, j.get("latency_total0").asLong());
        assertEquals(346, j.get("latency_total1").asLong());
        assertEquals(349, j.get("latency_total2").asLong());
        assertEquals(2664.8999999999996, j.at("/energy_per_operand_level_pJ/W/sram_32KB").asDouble(), 1e-9 * 2664.9);
        assertEquals(121.5, j.at("/access_counts/W/sram_32KB/rd_out_to_low").asDouble());
        assertEquals(20.25, j.at("/access_counts/W/sram_32KB/wr_in_by_high").asDouble());
    }

    @Test
    void theChosenTemporalMappingReplaysToTheSameNumbers(@TempDir Path dir) throws Exception {
        Path searched = dir.resolve("searched.json");
        assertEquals(0, run(with(EXAMPLE_2, "--json", searched.toString())).status());
        JsonNode first = JSON.readTree(searched.toFile());
        Path mapping = dir.resolve("tm.json");
        Files.writeString(mapping, first.get("temporal_mapping").toString());
        Path replayed = dir.resolve("replayed.json");
        CommandLineTest.Run r = run(with(EXAMPLE_2, "--temporal-mapping", mapping.toString(), "--json", replayed.toString()));
        assertEquals(0, r.status(), r.err());
        assertEquals(first, JSON.readTree(replayed.toFile()));
    }

    static Stream<Arguments> badInput() {
        String[] base = {"layer", "--workload", FSRCNN, "--accelerator", META_DF, "--mapping", META_MAPPING};
        return Stream.of(
                Arguments.of(with(base, "--layer", "9"), "workload fsrcnn has no compute layer 9"),
                Arguments.of(with(base, "--layer", "-1"), "workload fsrcnn has no compute layer -1"),
                Arguments.of(with(base, "--layer", "2", "--ox", "969"), "--ox 969 is not a tile of layer 2, whose OX is 968"),
                Arguments.of(with(base, "--layer", "1", "--oy", "0"), "--oy 0 is not a tile of layer 1, whose OY is 550"),
                Arguments.of(with(base, "--layer", "2", "--top", "I2=sram_64KB"),
                        "--top I2=sram_64KB: that memory does not hold I2 (its memories: rf_1B, sram_32KB, sram_1MB_W, dram)"),
                Arguments.of(with(base, "--layer", "2", "--top", "W=dram"), "--top names unknown operand 'W'"),
                Arguments.of(with(base, "--layer", "0", "--top", "O=rf_2B,I1=sram_64KB"), "no temporal mapping fits"),
                Arguments.of(with(base, "--layer", "2", "--lpf-limit", "0"), "--lpf-limit must be at least 1"));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void badInputIsOneLineWithStatusTwo(String[] args, String message) {
        CommandLineTest.Run r = run(args);
        assertEquals(2, r.status(), r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: " + message), r.err());
    }

    static Stream<Arguments> refusedMappings() {
        String loops = """
                  - {dim: C, size: 6, levels: {O: 0, W: 1, I: 0}}
                  - {dim: FY, size: 3, levels: {O: 0, W: 1, I: 0}}
                  - {dim: FX, size: 3, levels: {O: 0, W: 1, I: 0}}
                  - {dim: OY, size: 2, levels: {O: 1, W: 1, I: 0}}
                """;
        return Stream.of(
                Arguments.of(loops.lines().findFirst().orElseThrow(),
                        "the temporal mapping's loops multiply to {C=6}, but after spatial unrolling"),
                Arguments.of(loops + "  - {dim: OX, size: 3, levels: {O: 2, W: 1, I: 0}}",
                        "operand O has 2 memory levels (0..1), the temporal mapping uses level 2"));
    }

    @ParameterizedTest
    @MethodSource("refusedMappings")
    void aMappingThatDoesNotFitTheLayerIsRefused(String loops, String message, @TempDir Path dir) throws Exception {
        Path mapping = Files.writeString(dir.resolve("tm.yaml"), "kind: temporal-mapping\nloops:\n" + loops + "\n");
        CommandLineTest.Run r = run(with(EXAMPLE_2, "--temporal-mapping", mapping.toString()));
        assertEquals(2, r.status());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: " + message), r.err());
    }
}
