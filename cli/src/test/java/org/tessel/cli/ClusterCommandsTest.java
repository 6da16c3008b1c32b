package org.tessel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessel.cluster.ClusterSpec;
import org.tessel.cluster.RunSpec;
import org.tessel.cluster.RunWorker;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.search.StackCost;

/**
 * {@code sweep --cluster} and {@code search --strategy exhaustive --cluster} on three members in
 * this JVM (loopback): the same rows in the same order, and the same search result bit for bit
 * (best value, schedule, evaluations, trace), as on one machine; the same when a member is
 * terminated in the middle of the run; {@code sweep --resume} on a cluster runs only the missing
 * points. Members of another cluster name are refused: {@code ClusterDispatchTest}.
 */
class ClusterCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** 3 modes x 3 widths x 3 heights of the tiny workload: 27 points, each a whole (small) network. */
    private static final String[] GRID = {"--tiles", "8,16,34x8,17,34", "--modes", "all"};
    /** The fields of a search result that do not depend on where or how fast it ran. */
    private static final List<String> RESULT_FIELDS = List.of("best_value", "best_energy_pj", "best_latency_cycles",
            "best_schedule", "front", "evaluations", "complete", "trace", "lower_bound", "gap", "stack_count");

    @TempDir
    static Path dir;

    private static final List<HazelcastInstance> MEMBERS = new ArrayList<>();
    private static Path clusterFile;
    private static List<String> sweepAlone;
    /** Branch and bound (energy: a few batches of 8 stacks) and the plain programme (EDP: every stack). */
    private static final List<String> OBJECTIVES = List.of("energy", "edp");
    private static final java.util.Map<String, JsonNode> searchAlone = new java.util.HashMap<>();

    @BeforeAll
    static void aloneAndThreeMembers() throws IOException {
        ClusterSpec.quietLogging();
        Path csv = dir.resolve("alone.csv");
        CommandLineTest.Run r = CommandLineTest.run(sweep(csv));
        assertEquals(0, r.status(), r.err());
        sweepAlone = withoutRuntime(Files.readAllLines(csv));
        assertEquals(28, sweepAlone.size());
        for (String objective : OBJECTIVES) {
            searchAlone.put(objective, search(dir.resolve("alone-" + objective + ".json"), "--objective", objective));
        }
        clusterFile = startThree("tessel-cli-cluster", MEMBERS, i -> MemberWorker.withScratchDirectory());
    }

    @AfterAll
    static void shutDown() {
        MEMBERS.forEach(HazelcastInstance::shutdown);
    }

    /** Starts three members with the workers {@code workers} gives and writes their cluster file. */
    static Path startThree(String name, List<HazelcastInstance> into, java.util.function.IntFunction<RunWorker> workers)
            throws IOException {
        int[] ports = {CampaignCommandTest.freePort(), CampaignCommandTest.freePort(), CampaignCommandTest.freePort()};
        ClusterSpec spec = new ClusterSpec(name, IntStream.of(ports).mapToObj(p -> "127.0.0.1:" + p).toList(), ClusterSpec.LOOPBACK);
        for (int i = 0; i < ports.length; i++) {
            into.add(Hazelcast.newHazelcastInstance(spec.memberConfig(ports[i], workers.apply(i), false)));
        }
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, "kind: cluster\nname: " + name + "\nmembers: [" + String.join(", ", spec.members()) + "]\n");
        return file;
    }

    static String[] sweep(Path csv, String... more) {
        List<String> args = new ArrayList<>(List.of("sweep", "--workload", SearchCommandTest.TINY, "--accelerator",
                SearchCommandTest.META_DF, "--mapping", SearchCommandTest.TINY_MAPPING));
        args.addAll(List.of(GRID));
        args.addAll(List.of("--csv", csv.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    static List<String> withoutRuntime(List<String> rows) {
        return rows.stream().map(row -> row.substring(0, row.lastIndexOf(','))).toList();
    }

    /** The exhaustive search of the tiny workload (three tile sizes), its result document. */
    static JsonNode search(Path json, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("search", "--workload", SearchCommandTest.TINY, "--accelerator",
                SearchCommandTest.META_DF, "--mapping", SearchCommandTest.TINY_MAPPING, "--tiles", "4x4,8x8,16x16",
                "--strategy", "exhaustive", "--baseline", "none", "--no-progress", "--json", json.toString()));
        args.addAll(List.of(more));
        CommandLineTest.Run r = CommandLineTest.run(args.toArray(String[]::new));
        assertEquals(0, r.status(), r.err());
        return JSON.readTree(json.toFile());
    }

    static void assertSameResult(JsonNode expected, JsonNode actual) {
        for (String field : RESULT_FIELDS) {
            assertEquals(expected.get(field), actual.get(field), field);
        }
        assertTrue(actual.get("complete").asBoolean() && actual.get("evaluations").asLong() > 10, actual.toString());
    }

    @Test
    void aSweepOnThreeMembersWritesTheRowsOfOneMachineInTheSameOrder() throws IOException {
        Path csv = dir.resolve("three.csv");
        CommandLineTest.Run r = CommandLineTest.run(sweep(csv, "--cluster", clusterFile.toString()));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("27 points (0 already in " + csv + "), on the members of cluster 'tessel-cli-cluster'"), r.out());
        assertEquals(sweepAlone, withoutRuntime(Files.readAllLines(csv)));
    }

    @Test
    void aResumedSweepOnTheClusterRunsOnlyTheMissingPoints() throws IOException {
        Path csv = dir.resolve("resumed.csv");
        List<String> full = Files.readAllLines(dir.resolve("alone.csv"));
        Files.write(csv, full.subList(0, 11)); // the header and 10 rows
        CommandLineTest.Run r = CommandLineTest.run(sweep(csv, "--cluster", clusterFile.toString(), "--resume"));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("27 points (10 already in"), r.out());
        List<String> rows = Files.readAllLines(csv);
        assertEquals(full.subList(0, 11), rows.subList(0, 11), "the rows kept are untouched");
        assertEquals(sweepAlone, withoutRuntime(rows));
    }

    @Test
    void anExhaustiveSearchOnThreeMembersIsBitForBitTheSearchOfOneMachine() throws IOException {
        for (String objective : OBJECTIVES) {
            JsonNode three = search(dir.resolve("three-" + objective + ".json"), "--objective", objective, "--cluster",
                    clusterFile.toString());
            assertSameResult(searchAlone.get(objective), three);
        }
        assertEquals(72, searchAlone.get("edp").get("evaluations").asLong(), "the plain programme costs every stack");
    }

    @Test
    void aStoppedSearchOnTheClusterResumesFromItsCheckpoint() throws IOException {
        Path checkpoint = dir.resolve("cluster-stacks.jsonl");
        JsonNode stopped = search(dir.resolve("stopped.json"), "--cluster", clusterFile.toString(), "--checkpoint",
                checkpoint.toString(), "--budget-evals", "8");
        assertFalse(stopped.get("complete").asBoolean(), stopped.toString());
        long recorded = Files.readAllLines(checkpoint).size() - 1;
        assertEquals(stopped.get("evaluations").asLong(), recorded, "every stack the members costed is recorded");
        JsonNode resumed = search(dir.resolve("resumed.json"), "--cluster", clusterFile.toString(), "--checkpoint",
                checkpoint.toString());
        assertSameResult(searchAlone.get("energy"), resumed);
        assertEquals(resumed.get("evaluations").asLong() + 1, Files.readAllLines(checkpoint).size(),
                "the rest costed by the members and recorded, none twice");
    }

    @Test
    void aMemberTerminatedMidRunLosesNothingAndRepeatsNothing() throws IOException {
        List<HazelcastInstance> members = new ArrayList<>();
        AtomicBoolean pointCrash = new AtomicBoolean();
        AtomicBoolean batchCrash = new AtomicBoolean();
        AtomicInteger points = new AtomicInteger();
        try {
            // the second member terminates itself in its third sweep point, and a second one in its first batch of stacks
            Path file = startThree("tessel-cli-crash", members, i -> i != 1 ? MemberWorker.withScratchDirectory()
                    : crashing(members, i, points, pointCrash, batchCrash));
            Path csv = dir.resolve("crash.csv");
            CommandLineTest.Run r = CommandLineTest.run(sweep(csv, "--cluster", file.toString()));
            assertEquals(0, r.status(), r.err());
            assertTrue(pointCrash.get(), "a member died during the sweep");
            assertEquals(sweepAlone, withoutRuntime(Files.readAllLines(csv)), "no row lost or written twice");

            members.add(Hazelcast.newHazelcastInstance(ClusterSpec.read(file).memberConfig(
                    Integer.parseInt(ClusterSpec.read(file).members().get(1).split(":")[1]),
                    crashing(members, 3, points, pointCrash, batchCrash), false)));
            JsonNode searched = search(dir.resolve("crash.json"), "--objective", "edp", "--cluster", file.toString());
            assertTrue(batchCrash.get(), "a member died during the search");
            assertSameResult(searchAlone.get("edp"), searched);
        } finally {
            members.forEach(m -> {
                if (m.getLifecycleService().isRunning()) {
                    m.shutdown();
                }
            });
        }
    }

    /**
     * A member's real worker, except that it terminates its member abruptly in its third sweep point
     * (if none has crashed yet) or in its first batch of stacks, and never answers.
     */
    private static RunWorker crashing(List<HazelcastInstance> members, int index, AtomicInteger points, AtomicBoolean pointCrash,
            AtomicBoolean batchCrash) {
        MemberWorker real = MemberWorker.withScratchDirectory();
        return new RunWorker() {
            @Override
            public String run(RunSpec spec) {
                if (points.incrementAndGet() == 3 && pointCrash.compareAndSet(false, true)) {
                    die(members.get(index));
                }
                return real.run(spec);
            }

            @Override
            public List<StackCost> costStacks(RunSpec problem, List<StackSchedule> stacks) {
                if (batchCrash.compareAndSet(false, true)) {
                    die(members.get(index));
                }
                return real.costStacks(problem, stacks);
            }
        };
    }

    private static void die(HazelcastInstance member) {
        new Thread(() -> member.getLifecycleService().terminate()).start();
        try {
            Thread.sleep(5_000); // never answers: its member is gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void onlyTheExhaustiveSearchTakesACluster() {
        CommandLineTest.Run r = SearchCommandTest.search("--strategy", "genetic", "--budget-evals", "10", "--cluster",
                clusterFile.toString());
        assertEquals(2, r.status());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--cluster spreads the stacks of --strategy exhaustive only"), r.err());
    }
}
