package org.tessel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tessel.costmodel.SingleLayerEvaluator;
import org.tessel.costmodel.depthfirst.DepthFirstScheduleEvaluator;
import org.tessel.model.config.ConfigLoader;
import org.tessel.model.config.Scenario;
import org.tessel.model.schedule.Schedule;
import org.tessel.model.search.ScheduleCost;

/**
 * The commands on networks whose branch regions hold layers on both paths (issue 9): a ResNet-50
 * projection block and an Inception-like block (model's test resources). Before, {@code evaluate
 * --cuts all|auto} ended in an internal error and {@code search} in overlapping baseline stacks.
 */
class BranchedWorkloadsTest {

    static final Path BRANCHES = Path.of("..", "model", "src", "test", "resources", "branches");
    static final String ACCELERATORS = CommandLineTest.CONFIGS + "/accelerators/";
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<String> scenario(String workload, String family) {
        return List.of("--workload", BRANCHES.resolve(workload + ".yaml").toString(), "--accelerator",
                ACCELERATORS + family + "_DF.yaml", "--mapping", BRANCHES.resolve(workload + "." + family + ".mapping.yaml").toString());
    }

    static CommandLineTest.Run run(String command, List<String> scenario, String... more) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(scenario);
        args.addAll(List.of(more));
        return CommandLineTest.run(args.toArray(String[]::new));
    }

    static Stream<Arguments> workloadsAndAccelerators() {
        return Stream.of("resnet50_blocks", "inception_block")
                .flatMap(w -> Stream.of("Tesla_NPU_like", "Meta_prototype").map(f -> Arguments.of(w, f)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("workloadsAndAccelerators")
    void evaluateRunsLayerByLayerAndWithTheAutomaticCuts(String workload, String family, @TempDir Path dir) throws Exception {
        Path all = dir.resolve("all.json");
        CommandLineTest.Run r = run("evaluate", scenario(workload, family), "--cuts", "all", "--tile", "full", "--mode",
                "fully-cached", "--json", all.toString());
        assertEquals(0, r.status(), r.err());
        List<List<Integer>> stacks = stacks(JSON.readTree(all.toFile()));
        assertEquals(10, stacks.size(), "one stack per layer: " + stacks);
        assertTrue(stacks.stream().allMatch(s -> s.size() == 1), stacks::toString);
        assertPartition(stacks);

        Path auto = dir.resolve("auto.json");
        r = run("evaluate", scenario(workload, family), "--cuts", "auto", "--tile", "7x7", "--mode", "fully-cached", "--json",
                auto.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode doc = JSON.readTree(auto.toFile());
        assertPartition(stacks(doc));
        // both accelerators have 8 Mbit for weights: the projection block's 12.1 Mbit overflow and run layer
        // by layer, the identity block is fused; the Inception block fits and everything is fused
        List<List<Integer>> expected = workload.equals("resnet50_blocks")
                ? List.of(List.of(0), List.of(1), List.of(4), List.of(2), List.of(3), List.of(5), List.of(6, 7, 8, 9))
                : List.of(List.of(0, 1, 2, 4, 3, 5, 7, 6, 8, 9));
        assertEquals(expected, stacks(doc));
        assertTrue(doc.get("energy_total_pJ").asDouble() > 0);
    }

    @Test
    void aStackEndingOnBothPathsIsBadInputNamingTheLayers() {
        // topological order -1, 0, 1, 4, 2, 3, 5, …: cuts after 0 and 4 make a stack of the main path's first
        // layer and the shortcut, whose outputs both leave the stack
        CommandLineTest.Run r = run("evaluate", scenario("resnet50_blocks", "Meta_prototype"), "--cuts", "0,4", "--tile", "full",
                "--mode", "fully-cached");
        assertEquals(2, r.status(), r.out() + r.err());
        assertEquals("error: --cuts 0,4: the cuts make a stack of layers [1, 4] with 2 outputs [1, 4] (layers no other layer of the stack"
                + " reads); a depth-first stack has exactly one output, so cut after each of them or after none (docs/stacks.md)",
                r.err().strip());
    }

    @Test
    void cutsInsideABranchRegionRunWhenEveryStackHasOneOutput(@TempDir Path dir) throws Exception {
        // topological order -1, 0, 1, 2, 4, 3, 5, 7, 6, 8, 9. Cutting after 1 and 3 makes the stack [2, 4, 3]:
        // 4 (third branch) and 3 (second branch) both leave it
        CommandLineTest.Run r = run("evaluate", scenario("inception_block", "Meta_prototype"), "--cuts", "3,1", "--tile",
                "7x7", "--mode", "h-cached-v-recompute");
        assertEquals(2, r.status(), r.out() + r.err());
        assertTrue(r.err().contains("a stack of layers [2, 4, 3] with 2 outputs [4, 3]"), r.err());
        // cutting after 1, 2 and 4 instead: the last stack holds the rest of all three branches and reads
        // the first branch (1), the second (2) and the third (4) through three stack inputs
        Path json = dir.resolve("e.json");
        r = run("evaluate", scenario("inception_block", "Meta_prototype"), "--cuts", "1,2,4", "--tile", "7x7", "--mode",
                "h-cached-v-recompute", "--json", json.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode doc = JSON.readTree(json.toFile());
        assertEquals(List.of(List.of(0, 1), List.of(2), List.of(4), List.of(3, 5, 7, 6, 8, 9)), stacks(doc));
        assertTrue(r.out().contains("datamovement_b4_InputLayerNode_substack_input_layer_2"), r.out());
    }

    @Test
    void aStackOfOneBranchAndTheJoinRunsWithTheOtherBranchAsStackInput(@TempDir Path dir) throws Exception {
        // the input feeds two 1x1 convolutions added by 2 (cli test resources): the stack [1, 2] reads the
        // input (for 1) and layer 0 (for 2) through two stack inputs; it used to be refused ("layer 1 loses
        // its inputs"), as the reference's construction leaves 1 without its input
        Path schedule = Files.writeString(dir.resolve("split.yaml"), """
                kind: schedule
                workload: branch
                stacks:
                  - {layers: [0], tile: full, mode: fully-cached}
                  - {layers: [1, 2], tile: 8x8, mode: fully-cached}
                """);
        Path json = dir.resolve("e.json");
        CommandLineTest.Run r = CommandLineTest.run("evaluate", "--workload", "src/test/resources/branch/branch.yaml",
                "--accelerator", CommandLineTest.META_DF, "--mapping", "src/test/resources/branch/branch-mapping.yaml",
                "--schedule", schedule.toString(), "--json", json.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of(List.of(0), List.of(1, 2)), stacks(JSON.readTree(json.toFile())));
        assertTrue(r.out().contains("datamovement_b4_InputLayerNode_substack_input_layer_1"), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"exhaustive", "genetic", "constraint"})
    void everyStrategySearchesAProjectionBlock(String strategy, @TempDir Path dir) throws Exception {
        Path json = dir.resolve("result.json");
        CommandLineTest.Run r = run("search", scenario("resnet50_blocks", "Tesla_NPU_like"), "--strategy", strategy,
                "--budget-evals", "300", "--tiles", "7x7,8x8", "--no-progress", "--json", json.toString());
        assertEquals(0, r.status(), r.err());
        assertFalse(r.err().contains("more than one stack"), r.err());
        JsonNode doc = JSON.readTree(json.toFile());
        assertTrue(doc.hasNonNull("best_schedule"), doc.toString());
        assertTrue(doc.hasNonNull("baseline_schedule"), doc.toString());
        assertPartition(stacks(doc.get("best_schedule")));
        List<List<Integer>> baseline = stacks(doc.get("baseline_schedule"));
        assertEquals(List.of(List.of(0), List.of(1), List.of(4), List.of(2), List.of(3), List.of(5), List.of(6, 7, 8, 9)), baseline);
        if (strategy.equals("exhaustive")) {
            // 54 stacks with this grid (6 unit spans × 3 tiles × 3 modes): the budget covers the space, and fusing the projection block beats
            // running it layer by layer (the baseline is not a point of the space: it cuts inside a unit)
            assertTrue(doc.get("complete").asBoolean(), doc.toString());
            assertTrue(doc.get("best_value").asDouble() < doc.get("baseline_value").asDouble(), doc.toString());
        }
        // both replay as schedule files: the baseline's cuts inside the block are stacks of the model too
        Scenario scenario = Scenario.load(BRANCHES.resolve("resnet50_blocks.yaml"), Path.of(ACCELERATORS + "Tesla_NPU_like_DF.yaml"),
                BRANCHES.resolve("resnet50_blocks.Tesla_NPU_like.mapping.yaml"));
        DepthFirstScheduleEvaluator evaluator = new DepthFirstScheduleEvaluator(scenario, new SingleLayerEvaluator(), 6, false);
        for (String which : List.of("best", "baseline")) {
            Path file = Files.writeString(dir.resolve(which + ".json"), doc.get(which + "_schedule").toString());
            Schedule schedule = ConfigLoader.schedule(file, scenario.workload());
            ScheduleCost cost = evaluator.evaluate(schedule);
            assertEquals(doc.get(which + "_value").asDouble(), cost.energyPj(), which);
        }
    }

    @Test
    void theBaselineLeavesOutTheStackOfTheInputAlone(@TempDir Path dir) throws Exception {
        // TPU_like's weight chain is rf_128B, dram: not even the first layer's weights fit in 1 kbit, so the
        // weights-overflow rule cuts after the input itself (spec depthfirst.md §2.2: [-1, 0, 1, 2]); that
        // stack has no layer, and the baseline used to end in an internal error (NoSuchElementException)
        Path json = dir.resolve("result.json");
        CommandLineTest.Run r = CommandLineTest.run("search", "--workload", CommandLineTest.CONFIGS + "/workloads/mccnn.yaml",
                "--accelerator", ACCELERATORS + "TPU_like.yaml", "--mapping", CommandLineTest.CONFIGS + "/mappings/TPU_like/mccnn.yaml",
                "--strategy", "constraint", "--budget-evals", "4", "--tiles", "60x72", "--no-progress", "--json", json.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of(List.of(0), List.of(1), List.of(2), List.of(3)), stacks(JSON.readTree(json.toFile()).get("baseline_schedule")));
    }

    /** The layers of every stack in a report or schedule's {@code stacks} array. */
    private static List<List<Integer>> stacks(JsonNode doc) {
        List<List<Integer>> out = new ArrayList<>();
        for (JsonNode stack : doc.get("stacks")) {
            List<Integer> layers = new ArrayList<>();
            stack.get("layers").forEach(n -> layers.add(n.asInt()));
            out.add(layers);
        }
        return out;
    }

    /** Every layer 0..9 in exactly one stack. */
    private static void assertPartition(List<List<Integer>> stacks) {
        List<Integer> all = stacks.stream().flatMap(List::stream).sorted().toList();
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), all, "stacks " + stacks);
    }
}
