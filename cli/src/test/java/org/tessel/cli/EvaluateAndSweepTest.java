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

/** {@code tessel evaluate} and {@code tessel sweep} against reference numbers, and their errors. */
class EvaluateAndSweepTest {

    static final String[] SCENARIO = {"--workload", FSRCNN, "--accelerator", META_DF, "--mapping", META_MAPPING};

    static String[] cmd(String command, String... more) {
        return Stream.of(new String[] {command}, SCENARIO, more).flatMap(Stream::of).toArray(String[]::new);
    }

    static double rel(double expected, double actual) {
        return Math.abs(expected - actual) / Math.abs(expected);
    }

    @Test
    void evaluateGivesTheReferenceNumbersAndEveryJsonField(@TempDir Path dir) throws Exception {
        // reference: fsrcnn__Meta_prototype_DF__t60x72__m3__lpf6 (latency_total2 as corrected)
        Path json = dir.resolve("e.json");
        CommandLineTest.Run r = run(cmd("evaluate", "--tile", "60x72", "--mode", "fully-cached", "--json", json.toString()));
        assertEquals(0, r.status(), r.err());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        for (String f : List.of("energy_total_pJ", "mac_energy_pJ", "memory_energy_pJ", "latency_total0", "latency_total1",
                "latency_total2", "stacks", "layers", "runtime_ms")) {
            assertTrue(j.has(f), f);
        }
        assertTrue(rel(2.154699943145E9, j.get("energy_total_pJ").asDouble()) < 1e-9);
        assertEquals(20187977, j.get("latency_total1").asLong());
        assertEquals(21354309, j.get("latency_total2").asLong());
        JsonNode stack = j.get("stacks").get(0);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), new ObjectMapper().convertValue(stack.get("layers"), List.class));
        assertEquals("60x72", stack.get("tile").asText());
        assertEquals(128, Stream.iterate(0, i -> i + 1).limit(stack.get("tile_types").size())
                .mapToLong(i -> stack.get("tile_types").get(i).get("multiplicity").asLong()).sum()); // 16 × 8 tiles
        // the first tile is the remainder row (540 % 72 = 36 rows), widened by each layer's kernel going back
        JsonNode regions = stack.get("tile_types").get(0).get("regions");
        assertEquals(60, regions.at("/LayerNode_7/OX").asLong());
        assertEquals(36, regions.at("/LayerNode_7/OY").asLong());
        assertEquals(70, regions.at("/LayerNode_0/OX").asLong());
        assertEquals(46, regions.at("/LayerNode_0/OY").asLong());
    }

    @Test
    void aScheduleFileGivesTheSameNumbersAsTheEquivalentOptions(@TempDir Path dir) throws Exception {
        Path schedule = Files.writeString(dir.resolve("s.yaml"), """
                kind: schedule
                workload: fsrcnn
                stacks:
                  - {layers: [0, 1, 2, 3, 4, 5, 6, 7], tile: 16x18, mode: h-cached-v-recompute}
                """);
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        assertEquals(0, run(cmd("evaluate", "--schedule", schedule.toString(), "--json", a.toString())).status());
        assertEquals(0, run(cmd("evaluate", "--tile", "16x18", "--mode", "h-cached-v-recompute", "--cuts", "none",
                "--json", b.toString())).status());
        ObjectMapper m = new ObjectMapper();
        JsonNode ja = m.readTree(a.toFile());
        JsonNode jb = m.readTree(b.toFile());
        assertEquals(ja.get("energy_total_pJ"), jb.get("energy_total_pJ"));
        assertEquals(ja.get("latency_total1"), jb.get("latency_total1"));
        assertEquals(1.9926900711850004E9, ja.get("energy_total_pJ").asDouble(), 1e-9 * 2e9); // reference t16x18 m2
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of(cmd("evaluate", "--tile", "60x", "--mode", "fully-cached"), "'60x' is not a tile size"),
                Arguments.of(cmd("evaluate", "--tile", "60x72", "--mode", "cached"), "unknown --mode 'cached'"),
                Arguments.of(cmd("evaluate", "--tile", "60x72", "--mode", "fully-cached", "--cuts", "3,99"),
                        "--cuts: workload fsrcnn has no compute layer 99"),
                Arguments.of(cmd("evaluate", "--tile", "60x72", "--mode", "fully-cached", "--cuts", "x"),
                        "--cuts takes auto, none, all or layer ids"),
                Arguments.of(cmd("sweep", "--tiles", "1,4", "--csv", "/tmp/never.csv"), "--tiles must be WIDTHSxHEIGHTS"),
                Arguments.of(cmd("sweep", "--tiles", "1,0x4", "--csv", "/tmp/never.csv"), "--tiles sizes must be positive"),
                Arguments.of(cmd("sweep", "--tiles", "4x4", "--modes", "fully", "--csv", "/tmp/never.csv"), "unknown mode 'fully'"),
                Arguments.of(cmd("sweep", "--tiles", "4x4", "--csv", "/tmp/no-such-tessel-dir/x.csv"),
                        "--csv: cannot write /tmp/no-such-tessel-dir/x.csv: its directory does not exist"));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void badInputIsOneLineWithStatusTwo(String[] args, String message) {
        CommandLineTest.Run r = run(args);
        assertEquals(2, r.status(), r.out());
        assertTrue(r.err().startsWith("error: " + message), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void evaluateNeedsEitherTileAndModeOrASchedule() {
        CommandLineTest.Run r = run(cmd("evaluate", "--tile", "60x72"));
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--mode"), r.err());
    }

    @Test
    void sweepWritesOneRowPerPointAndResumesWithoutRedoingThem(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("sweep.csv");
        CommandLineTest.Run r = run(cmd("sweep", "--tiles", "960,60x540,72", "--modes", "fully-recompute", "--csv", csv.toString()));
        assertEquals(0, r.status(), r.err());
        List<String> rows = Files.readAllLines(csv);
        assertEquals(SweepCommand.HEADER, rows.getFirst());
        assertEquals(5, rows.size(), rows.toString());
        // reference fsrcnn__Meta_prototype_DF__t960x540__m1 and t60x72__m1
        assertTrue(rows.get(1).startsWith("960,540,fully-recompute,true,2.0265261895015E10,28540137,29008303,29068983,"), rows.get(1));
        assertTrue(rows.get(4).startsWith("60,72,fully-recompute,true,2.3613631505449996E9,22572288,22776595,23975523,"), rows.get(4));

        // drop the last two rows, as an interrupted run would, and resume
        Files.write(csv, rows.subList(0, 3));
        r = run(cmd("sweep", "--tiles", "960,60x540,72", "--modes", "fully-recompute", "--csv", csv.toString(), "--resume"));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("4 points (2 already in"), r.out());
        List<String> resumed = Files.readAllLines(csv);
        assertEquals(rows.stream().map(EvaluateAndSweepTest::withoutRuntime).toList(),
                resumed.stream().map(EvaluateAndSweepTest::withoutRuntime).toList());
    }

    private static String withoutRuntime(String row) {
        return row.substring(0, row.lastIndexOf(','));
    }

    /** A declared size the engine overrides is never silent (docs/padding.md). */
    @Test
    void aWorkloadTheEngineGrowsIsNamedWithBothSizesAndItsMacs(@TempDir Path dir) throws Exception {
        Path grown = dir.resolve("resnet18-112.yaml");
        Files.writeString(grown, Files.readString(Path.of("..", "configs", "workloads", "resnet18.yaml"))
                .replace("OY: 311, OX: 311", "OY: 112, OX: 112"));
        CommandLineTest.Run r = run("evaluate", "--workload", grown.toString(), "--accelerator", META_DF, "--mapping",
                "../configs/mappings/Meta_prototype/resnet18.yaml", "--tile", "full", "--mode", "fully-cached");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("declares no padding, so as the reference the engine grows 2 of its layers"), r.err());
        assertTrue(r.err().contains("(layer -1: 627x627, declared 224x224); it costs 9,353,143,424 MACs, not the 8,561,206,208 declared"),
                r.err());
        CommandLineTest.Run valid = run(cmd("evaluate", "--tile", "60x72", "--mode", "fully-cached"));
        assertEquals("", valid.err(), "FSRCNN is written valid: nothing is grown");
    }
}
