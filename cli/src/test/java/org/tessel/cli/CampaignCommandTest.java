package org.tessel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessel.cluster.CampaignRun;
import org.tessel.cluster.ClusterSpec;

/**
 * {@code tessel campaign} on the tiny workload of {@link SearchCommandTest}: each run's row is what
 * {@code search} gives alone, three members give one member's rows, {@code --resume} after a killed
 * coordinator keeps the finished rows and runs the rest, bad files are one-line errors.
 */
class CampaignCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fields that depend on where and how fast a run ran, not on what it found. */
    private static final List<String> MACHINE_FIELDS = List.of("member", "wall_ms", "baseline_ms");

    @TempDir
    static Path shared;

    static Path campaign;
    /** The campaign's rows on one embedded member. */
    static List<ObjectNode> alone;

    static String abs(String path) {
        return Path.of(path).toAbsolutePath().normalize().toString();
    }

    @BeforeAll
    static void runOnOneMember() throws IOException {
        ClusterSpec.quietLogging();
        campaign = shared.resolve("campaign.yaml");
        Files.writeString(campaign, String.join("\n", "kind: campaign", "runs:",
                "  - workload: " + abs(SearchCommandTest.TINY),
                "    accelerator: " + abs(SearchCommandTest.META_DF),
                "    mapping: " + abs(SearchCommandTest.TINY_MAPPING),
                "    strategy: [exhaustive, genetic, constraint]",
                "    budget_evals: 10",
                "    seed: [1, 2]",
                "    tiles: 8x8,16x16", ""));
        CommandLineTest.Run r = CommandLineTest.run("campaign", campaign.toString(), "--out", shared.resolve("alone").toString(),
                "--no-progress");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("5 runs in " + campaign + " (0 already in"), r.out());
        alone = rows(shared.resolve("alone"));
    }

    static List<ObjectNode> rows(Path dir) throws IOException {
        List<ObjectNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("runs.jsonl"))) {
            rows.add((ObjectNode) JSON.readTree(line));
        }
        return rows;
    }

    static ObjectNode withoutMachineFields(ObjectNode row) {
        ObjectNode copy = row.deepCopy();
        copy.remove(MACHINE_FIELDS);
        return copy;
    }

    @Test
    void eachRowIsWhatSearchGivesAlone(@TempDir Path dir) throws IOException {
        assertEquals(List.of("exhaustive", "genetic", "genetic", "constraint", "constraint"),
                alone.stream().map(r -> r.get("strategy").asText()).toList());
        for (ObjectNode row : alone) {
            Path json = dir.resolve("run" + row.get("run").asInt() + ".json");
            List<String> args = new ArrayList<>(List.of("--strategy", row.get("strategy").asText(), "--json", json.toString(),
                    "--no-progress"));
            if (!row.get("seed").isNull()) {
                args.addAll(List.of("--seed", row.get("seed").asText(), "--budget-evals", row.get("budget_evals").asText()));
            }
            CommandLineTest.Run r = SearchCommandTest.search(args.toArray(String[]::new));
            assertEquals(0, r.status(), r.err());
            JsonNode search = JSON.readTree(json.toFile());
            for (String field : List.of("best_value", "best_energy_pj", "best_latency_cycles", "best_schedule", "evaluations", "complete",
                    "trace", "space_size", "stack_count", "tile_grid")) {
                assertEquals(search.get(field), row.get(field), field + " of run " + row.get("run"));
            }
        }
        List<String> csv = Files.readAllLines(shared.resolve("alone/runs.csv"));
        assertEquals(6, csv.size());
        assertEquals(String.join(",", CampaignResults.COLUMNS), csv.getFirst());
        List<String> summary = Files.readAllLines(shared.resolve("alone/summary.csv"));
        assertEquals(4, summary.size(), "one line per strategy");
        assertTrue(summary.get(1).contains(",exhaustive,,1,") && summary.get(1).contains(",exact optimum,"), summary.get(1));
        assertTrue(Files.size(shared.resolve("alone/charts/tiny_Meta_prototype_DF_energy.png")) > 10_000);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void threeMembersGiveTheRowsOfOne(@TempDir Path dir) throws IOException {
        int[] ports = {freePort(), freePort(), freePort()};
        ClusterSpec spec = new ClusterSpec("tessel-cli-test", Arrays.stream(ports).mapToObj(p -> "127.0.0.1:" + p).toList(),
                ClusterSpec.LOOPBACK);
        Path clusterFile = dir.resolve("cluster.yaml");
        Files.writeString(clusterFile, "kind: cluster\nname: tessel-cli-test\nmembers: [" + String.join(", ", spec.members()) + "]\n");
        List<HazelcastInstance> members = new ArrayList<>();
        try {
            for (int p : ports) {
                members.add(Hazelcast.newHazelcastInstance(spec.memberConfig(p, MemberWorker.withScratchDirectory(), false)));
            }
            CommandLineTest.Run r = CommandLineTest.run("campaign", campaign.toString(), "--out", dir.resolve("out").toString(),
                    "--cluster", clusterFile.toString(), "--no-progress", "--verbose");
            assertEquals(0, r.status(), r.err());
            List<ObjectNode> rows = rows(dir.resolve("out"));
            assertEquals(alone.stream().map(CampaignCommandTest::withoutMachineFields).toList(),
                    rows.stream().map(CampaignCommandTest::withoutMachineFields).toList());
            assertTrue(r.err().contains("runs per member") || r.err().contains("member 127.0.0.1:"), r.err());
        } finally {
            members.forEach(HazelcastInstance::shutdown);
        }
    }

    @Test
    void resumeAfterAKilledCoordinatorKeepsFinishedRowsAndRunsTheRest(@TempDir Path dir) throws IOException {
        // what a coordinator killed while writing its third row leaves
        List<String> lines = Files.readAllLines(shared.resolve("alone/runs.jsonl"));
        Files.writeString(dir.resolve("runs.jsonl"), lines.get(0) + "\n" + lines.get(1) + "\n" + lines.get(2).substring(0, 40));
        Files.writeString(dir.resolve("runs.csv"), "run,workload_file\n1,torn");
        CommandLineTest.Run r = CommandLineTest.run("campaign", campaign.toString(), "--out", dir.toString(), "--resume",
                "--no-progress");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("5 runs in " + campaign + " (2 already in"), r.out());
        assertTrue(r.out().contains("3 runs in "), r.out());
        List<ObjectNode> rows = rows(dir);
        // the first two are kept as they were (same wall time: not run again), the others equal a full run
        assertEquals(alone.subList(0, 2), rows.subList(0, 2));
        assertEquals(alone.stream().map(CampaignCommandTest::withoutMachineFields).toList(),
                rows.stream().map(CampaignCommandTest::withoutMachineFields).toList());
        assertEquals(Files.readAllLines(shared.resolve("alone/runs.csv")).size(), Files.readAllLines(dir.resolve("runs.csv")).size());
        assertFalse(Files.readString(dir.resolve("runs.csv")).contains("torn"));
    }

    @Test
    void anExistingResultIsNotOverwrittenWithoutResume() {
        CommandLineTest.Run r = CommandLineTest.run("campaign", campaign.toString(), "--out", shared.resolve("alone").toString(),
                "--no-progress");
        assertEquals(2, r.status());
        assertTrue(r.err().strip().startsWith("error: --out: ") && r.err().contains("already holds runs.jsonl; add --resume"), r.err());
    }

    @Test
    void aSecondCampaignOnTheSameDirectoryFailsInOneLine(@TempDir Path dir) {
        // what a first campaign running in another process holds
        try (DirectoryLock first = DirectoryLock.acquire(dir, "--out", "campaign")) {
            CommandLineTest.Run r = CommandLineTest.run("campaign", campaign.toString(), "--out", dir.toString(), "--no-progress");
            assertEquals(2, r.status());
            assertEquals("error: --out: " + dir + " is in use by another campaign (it holds " + dir.resolve(DirectoryLock.FILE)
                    + "); wait for it to end or choose another directory", r.err().strip());
            assertFalse(Files.exists(dir.resolve("runs.jsonl")), "nothing written");
        }
    }

    @Test
    void mappingAutoOfAnOnnxWorkloadGivesTheRowsOfSearchWithMappingAuto(@TempDir Path dir) throws IOException {
        Path model = OnnxCommandsTest.writeBlockModel(dir);
        Path file = dir.resolve("auto.yaml");
        Files.writeString(file, String.join("\n", "kind: campaign", "runs:",
                "  - workload: " + model,
                "    accelerator: " + abs(SearchCommandTest.META_DF),
                "    mapping: auto",
                "    strategy: [exhaustive, genetic]",
                "    budget_evals: 12",
                "    tiles: 4x4,8x8", ""));
        CommandLineTest.Run r = CommandLineTest.run("campaign", file.toString(), "--out", dir.resolve("out").toString(), "--no-progress");
        assertEquals(0, r.status(), r.err());
        List<ObjectNode> rows = rows(dir.resolve("out"));
        assertEquals(2, rows.size());
        for (ObjectNode row : rows) {
            assertEquals("auto", row.get("mapping_file").asText());
            Path json = dir.resolve(row.get("strategy").asText() + ".json");
            List<String> args = new ArrayList<>(List.of("search", "--workload", model.toString(), "--accelerator",
                    SearchCommandTest.META_DF, "--mapping", "auto", "--tiles", "4x4,8x8", "--strategy", row.get("strategy").asText(),
                    "--baseline", "none", "--no-progress", "--json", json.toString()));
            if (!row.get("seed").isNull()) {
                args.addAll(List.of("--seed", row.get("seed").asText(), "--budget-evals", "12"));
            }
            CommandLineTest.Run alone = CommandLineTest.run(args.toArray(String[]::new));
            assertEquals(0, alone.status(), alone.err());
            JsonNode search = JSON.readTree(json.toFile());
            for (String field : List.of("best_value", "best_schedule", "evaluations", "complete", "trace")) {
                assertEquals(search.get(field), row.get(field), field + " of " + row.get("strategy"));
            }
        }
    }

    @Test
    void badCampaignFilesAreOneLineErrors(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(campaign).replace("constraint]", "annealing]"));
        CommandLineTest.Run r = CommandLineTest.run("campaign", bad.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, r.status());
        assertEquals("error: " + bad + ": runs[0].strategy[2]: unknown strategy 'annealing' (choose from exhaustive, genetic, "
                + "constraint)", r.err().strip());
        Files.writeString(bad, Files.readString(campaign).replace("8x8,16x16", "8x8,nonsense"));
        r = CommandLineTest.run("campaign", bad.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, r.status());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("nonsense"), r.err());
        Path notCluster = dir.resolve("c.yaml");
        Files.writeString(notCluster, "kind: cluster\nname: lab\nmembers: [127.0.0.1:1]\nbind: 0.0.0.0\n");
        r = CommandLineTest.run("campaign", campaign.toString(), "--out", dir.resolve("out2").toString(), "--cluster",
                notCluster.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("error: " + notCluster + ": bind: must be one address"), r.err());
    }

    @Test
    void campaignNamesWhatSearchAccepts() {
        assertEquals(Arrays.stream(StrategyChoice.values()).map(StrategyChoice::cliName).toList(), CampaignRun.STRATEGIES);
        assertEquals(Arrays.stream(ObjectiveChoice.values()).map(ObjectiveChoice::cliName).toList(), CampaignRun.OBJECTIVES);
    }

    @Test
    void bundledCampaignAndClusterFilesValidate() {
        CommandLineTest.Run r = CommandLineTest.run("validate", CommandLineTest.CONFIGS + "/campaigns", CommandLineTest.CONFIGS + "/clusters");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("(campaign)") && r.out().contains("(cluster)"), r.out());
    }
}
