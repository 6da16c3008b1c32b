package org.tessel.costmodel.depthfirst.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tessel.costmodel.depthfirst.DepthFirstEngine;
import org.tessel.costmodel.depthfirst.DepthFirstScheduleEvaluator;
import org.tessel.costmodel.depthfirst.DepthFirstScheduleEvaluatorTest;
import org.tessel.costmodel.depthfirst.DepthFirstSettings;
import org.tessel.costmodel.depthfirst.ReferenceCase;
import org.tessel.costmodel.depthfirst.SyntheticLayerTileEvaluator;
import org.tessel.costmodel.depthfirst.aggregate.DepthFirstResult;
import org.tessel.costmodel.depthfirst.graph.DfNode;
import org.tessel.costmodel.depthfirst.graph.StackGraph;
import org.tessel.model.BadInputException;
import org.tessel.model.config.ConfigLoader;
import org.tessel.model.config.Scenario;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.Schedule;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.search.SchedulePoint;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.TileGrid;
import org.tessel.model.search.UndividableUnits;
import org.tessel.model.workload.Equation;
import org.tessel.model.workload.Layer;
import org.tessel.model.workload.Workload;

/**
 * Stacks on networks with layers on both paths of a branch region (issue 9; the rule of
 * docs/stacks.md): cuts are positions in topological order, every producer outside a stack gets a
 * stack-input pseudo-layer, a stack with two outputs is refused by name. Held against the reference's
 * own construction (spec depthfirst.md §2.3) wherever that one builds a valid partition, and against
 * the search's units. The single-layer model is the synthetic one: no quantity here depends on it.
 */
class StackPartitionTest {

    /** The test workloads with projection shortcuts and Inception-like branches (model's test resources). */
    static final Path BRANCHES = Path.of("..", "model", "src", "test", "resources", "branches");
    /** Every bundled workload: the reference's five and the real-size ResNet-50, VGG-19 and MobileNetV2 (exact sizes, padding). */
    static final List<String> BUNDLED = List.of("fsrcnn", "mccnn", "dmcnnvd", "mobilenetv1", "resnet18", "resnet50", "vgg19",
            "mobilenetv2");
    static final List<String> WITH_BRANCHES = List.of("resnet50_blocks", "inception_block");
    private static final int LPF = 6;
    private static final List<TileSize> TILES = List.of(TileSize.of(4, 4), TileSize.of(7, 7), TileSize.of(8, 16),
            TileSize.wholeOutput());
    private static final Map<String, StackGraph> FULL = new ConcurrentHashMap<>();

    static Workload workload(String name) {
        return WITH_BRANCHES.contains(name) ? ConfigLoader.workload(BRANCHES.resolve(name + ".yaml"))
                : ConfigLoader.workload(Path.of("..", "configs", "workloads", name + ".yaml"));
    }

    /** {@code name} on Meta_prototype_DF: a test workload with its mapping from the test resources, or a bundled one. */
    static Scenario scenario(String name) {
        if (!WITH_BRANCHES.contains(name)) {
            return ReferenceCase.scenario(name, "Meta_prototype_DF", "Meta_prototype");
        }
        return Scenario.load(BRANCHES.resolve(name + ".yaml"), Path.of("..", "configs", "accelerators", "Meta_prototype_DF.yaml"),
                BRANCHES.resolve(name + ".Meta_prototype.mapping.yaml"));
    }

    static StackGraph full(String name) {
        return FULL.computeIfAbsent(name, n -> StackPartition.fullSize(StackGraph.of(workload(n))));
    }

    static Stream<String> allWorkloads() {
        return Stream.concat(BUNDLED.stream(), WITH_BRANCHES.stream());
    }

    static Stream<Arguments> allWorkloadsAndSeeds() {
        return allWorkloads().flatMap(w -> seeds(50).map(seed -> Arguments.of(w, seed)));
    }

    static Stream<Arguments> branchedWorkloadsAndSeeds() {
        return Stream.of("resnet50_blocks", "inception_block", "resnet18", "resnet50", "mobilenetv2")
                .flatMap(w -> seeds(50).map(seed -> Arguments.of(w, seed)));
    }

    static Stream<Arguments> branchWorkloadsAndSeeds() {
        return Stream.of("resnet50_blocks", "inception_block", "resnet18").flatMap(w -> seeds(50).map(seed -> Arguments.of(w, seed)));
    }

    private static Stream<Long> seeds(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> (long) i);
    }

    // ---- the two implementations of the undividable units

    @ParameterizedTest(name = "{0}")
    @MethodSource("allWorkloads")
    void theEngineAndTheSearchSeeTheSameUnits(String name) {
        Workload w = workload(name);
        StackGraph g = StackGraph.of(w);
        List<List<Integer>> engine = new ArrayList<>();
        for (List<Integer> unit : StackCuts.units(g)) {
            List<Integer> layers = unit.stream().filter(id -> !g.node(id).isInput()).toList();
            if (!layers.isEmpty()) {
                engine.add(layers);
            }
        }
        assertEquals(UndividableUnits.of(w).units(), engine);
        // and on the full-size graph the automatic rule walks (same topology, other loop sizes)
        assertEquals(StackCuts.units(g), StackCuts.units(full(name)));
    }

    @Test
    void bothUnitImplementationsRefuseANetworkWithTwoOutputs() {
        // -1 → 0 → 1 and 0 → 2: the branches never merge; before, the search kept the open tail as a
        // unit (a stack with two outputs) while the engine's units failed
        Workload w = new Workload("two-outputs", List.of(input(), conv(0, -1), conv(1, 0), conv(2, 0)));
        BadInputException search = assertThrows(BadInputException.class, () -> UndividableUnits.of(w));
        BadInputException engine = assertThrows(BadInputException.class, () -> StackCuts.units(StackGraph.of(w)));
        assertEquals(search.getMessage(), engine.getMessage());
        assertTrue(engine.getMessage().contains("2 output layers [1, 2]"), engine.getMessage());
    }

    // ---- the reference's construction, wherever it is valid

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("allWorkloadsAndSeeds")
    void theReferenceStacksAreKeptWhereverTheyAreValid(String name, long seed) {
        StackGraph full = full(name);
        List<Integer> order = full.topologicalOrder();
        Random rnd = new Random(seed);
        double density = rnd.nextDouble();
        List<Integer> cuts = new ArrayList<>();
        for (int pos = 0; pos < order.size(); pos++) {
            if (rnd.nextDouble() < density && (pos > 0 || rnd.nextInt(4) == 0)) {
                cuts.add(order.get(pos));
            }
        }
        List<FusedStack> reference = referenceStacks(full, cuts);
        if (reference == null) {
            // only a branch region can make the reference's stacks invalid: a cut inside it that leaves a
            // layer without an input (ResNet-18: a cut after a block's first convolution cuts the
            // shortcut to its add, which is no successor of the cut) or makes stacks overlap
            assertTrue(full.ids().stream().anyMatch(id -> full.successorsOf(id).size() > 1),
                    "the reference's stacks for " + cuts + " are invalid");
            return;
        }
        StackPartition p = StackPartition.of(StackGraph.of(workload(name)), new StackCuts(cuts), false);
        assertEquals(reference.size(), p.stacks().size(), "stacks for cuts " + cuts);
        for (int i = 0; i < reference.size(); i++) {
            FusedStack a = reference.get(i);
            FusedStack b = p.stacks().get(i);
            assertEquals(render(a.graph()), render(b.graph()), "stack " + i + " for cuts " + cuts);
            assertEquals(a, b, "stack " + i + " for cuts " + cuts);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"resnet50_blocks", "inception_block", "resnet18"})
    void theReferenceStacksAreKeptForUnitCutsAndOverflowingUnits(String name) {
        // the search's cuts (random subsets of unit boundaries), and the weights-overflow rule's (some units
        // cut after every node): the reference's stacks are valid unless a unit with layers on both paths
        // of a branch is cut inside
        StackGraph full = full(name);
        List<List<Integer>> units = StackCuts.units(full);
        Random rnd = new Random(7);
        int compared = 0;
        for (int round = 0; round < 80; round++) {
            List<Integer> cuts = new ArrayList<>();
            boolean inside = false;
            for (List<Integer> unit : units.subList(0, units.size() - 1)) {
                int choice = rnd.nextInt(round < 40 ? 2 : 3);
                if (choice == 1) {
                    cuts.add(unit.getLast());
                } else if (choice == 2) {
                    cuts.addAll(unit);
                    inside |= unit.size() > 1;
                }
            }
            List<FusedStack> reference = referenceStacks(full, cuts);
            boolean layersOnBothPaths = !name.equals("resnet18");
            assertEquals(!(inside && layersOnBothPaths), reference != null, "the reference's stacks for cuts " + cuts);
            if (reference != null) {
                List<FusedStack> stacks = StackPartition.of(StackGraph.of(workload(name)), new StackCuts(cuts), false).stacks();
                assertEquals(reference.stream().map(st -> render(st.graph())).toList(), stacks.stream().map(st -> render(st.graph())).toList());
                assertEquals(reference, stacks);
                compared++;
            }
        }
        assertTrue(compared >= 40, compared + " cut lists compared");
    }

    /**
     * The reference's stacks for a cut list (spec depthfirst.md §2.3 steps 1–3 on each pair of cuts), or
     * null if they are not a valid partition: a pair fails to build, two stacks share a layer, a layer
     * is in no stack, or a layer lost an input (one of its sources is not in its stack).
     */
    static List<FusedStack> referenceStacks(StackGraph full, List<Integer> cuts) {
        int last = full.topologicalOrder().getLast();
        List<Integer> before = new ArrayList<>();
        before.add(null);
        before.addAll(cuts);
        List<Integer> after = new ArrayList<>(cuts);
        after.add(null);
        List<FusedStack> stacks = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i) != null && before.get(i) == last) {
                continue;
            }
            FusedStack s;
            try {
                s = StackPartition.definesStack(full, stacks.size(), before.get(i), after.get(i), false);
            } catch (RuntimeException invalid) {
                return null;
            }
            for (int id : s.graph().ids()) {
                DfNode n = s.graph().node(id);
                if (!n.isInput() && !seen.add(id)) {
                    return null;
                }
                for (List<Integer> producers : n.layer().sources().values()) {
                    if (!s.graph().ids().containsAll(producers)) {
                        return null;
                    }
                }
            }
            stacks.add(s);
        }
        long layers = full.nodes().stream().filter(n -> !n.isInput()).count();
        return seen.size() == layers ? stacks : null;
    }

    // ---- any cut list: valid stacks or a refusal by name

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("branchedWorkloadsAndSeeds")
    void anyCutListGivesValidStacksOrARefusalNamingTheOutputs(String name, long seed) {
        stacksOrRefusal(name, randomCuts(full(name), new Random(seed), (int) (seed % 3)));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("branchWorkloadsAndSeeds")
    void anyCutListThatGivesStacksGivesAdditiveOnes(String name, long seed) {
        Random rnd = new Random(seed);
        StackPartition p = stacksOrRefusal(name, randomCuts(full(name), rnd, (int) (seed % 3)));
        if (p == null) {
            return;
        }
        // the stacks as a schedule with random tiles and modes: Σ stacks alone = the schedule = the engine's stacks
        List<StackSchedule> stacks = new ArrayList<>();
        for (FusedStack st : p.stacks()) {
            if (!st.layerIds().isEmpty()) {
                stacks.add(new StackSchedule(st.layerIds(), TILES.get(rnd.nextInt(TILES.size())), OverlapMode.values()[rnd.nextInt(3)]));
            }
        }
        DepthFirstScheduleEvaluatorTest.assertAdditive(scenario(name), new Schedule(stacks), false);
    }

    /**
     * The stacks of {@code cuts}, checked valid, or null after checking the refusal: exactly when the
     * rule, worked out here from the positions alone, makes a stack with two outputs, naming them.
     */
    private static StackPartition stacksOrRefusal(String name, List<Integer> cuts) {
        StackGraph full = full(name);
        List<Integer> order = full.topologicalOrder();
        List<List<Integer>> runs = runs(order, cuts);
        List<Integer> badOutputs = null;
        for (List<Integer> run : runs) {
            List<Integer> outputs = run.stream().filter(id -> full.successorsOf(id).stream().noneMatch(run::contains)).toList();
            if (outputs.size() > 1 && badOutputs == null) {
                badOutputs = outputs;
            }
        }
        StackGraph network = StackGraph.of(workload(name));
        if (badOutputs != null) {
            UnbuildableStackException e = assertThrows(UnbuildableStackException.class,
                    () -> StackPartition.of(network, new StackCuts(cuts), false), "cuts " + cuts);
            assertTrue(e.getMessage().contains("outputs " + badOutputs), e.getMessage() + " / expected outputs " + badOutputs);
            return null;
        }
        StackPartition p = StackPartition.of(network, new StackCuts(cuts), false);
        assertValid(full, p.stacks());
        assertEquals(runs.stream().map(r -> r.stream().filter(id -> !full.node(id).isInput()).toList()).filter(r -> !r.isEmpty()).toList(),
                p.stacks().stream().map(st -> inNetworkOrder(order, st.layerIds())).filter(r -> !r.isEmpty()).toList());
        return p;
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("branchWorkloadsAndSeeds")
    void everyScheduleOfTheSearchSpaceIsValidAndAdditive(String name, long seed) {
        Scenario s = scenario(name);
        ScheduleSpace space = ScheduleSpace.of(s.workload(), TileGrid.fixed(TILES), List.of(OverlapMode.values()));
        Random rnd = new Random(seed);
        List<Boolean> cuts = new ArrayList<>();
        for (int i = 0; i < space.cutPointCount(); i++) {
            cuts.add(rnd.nextBoolean());
        }
        int count = 1 + (int) cuts.stream().filter(c -> c).count();
        List<Integer> tiles = new ArrayList<>();
        List<OverlapMode> modes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tiles.add(rnd.nextInt(TILES.size()));
            modes.add(OverlapMode.values()[rnd.nextInt(3)]);
        }
        Schedule schedule = space.decode(new SchedulePoint(cuts, tiles, modes));
        StackPartition p = StackPartition.of(StackGraph.of(s.workload()),
                schedule.stacks().stream().map(StackSchedule::layerIds).toList(), false);
        assertValid(full(name), p.stacks());
        DepthFirstScheduleEvaluatorTest.assertAdditive(s, schedule, false);
    }

    /** Layers in the network's topological order (a stack's own order may differ: its inputs come first). */
    private static List<Integer> inNetworkOrder(List<Integer> order, List<Integer> layers) {
        return layers.stream().sorted(Comparator.comparingInt(order::indexOf)).toList();
    }

    /**
     * A random cut list of one of three kinds: (0) any nodes, in any order, with repeats, the input and the
     * last node included; (1) random unit boundaries and random units cut after every node (the
     * weights-overflow rule's lists), shuffled; (2) every node but a random third (mostly layer by layer,
     * with some neighbours fused, inside branch regions too).
     */
    static List<Integer> randomCuts(StackGraph full, Random rnd, int kind) {
        List<Integer> order = full.topologicalOrder();
        List<Integer> cuts = new ArrayList<>();
        switch (kind) {
            case 0 -> {
                int n = rnd.nextInt(order.size() + 3);
                for (int i = 0; i < n; i++) {
                    cuts.add(order.get(rnd.nextInt(order.size())));
                }
            }
            case 1 -> {
                for (List<Integer> unit : StackCuts.units(full)) {
                    switch (rnd.nextInt(3)) {
                        case 0 -> cuts.add(unit.getLast());
                        case 1 -> cuts.addAll(unit);
                        default -> { }
                    }
                }
                Collections.shuffle(cuts, rnd);
            }
            default -> order.stream().filter(id -> rnd.nextInt(3) != 0).forEach(cuts::add);
        }
        return cuts;
    }

    /** The runs of nodes between the cuts' positions: the rule, computed independently. */
    private static List<List<Integer>> runs(List<Integer> order, List<Integer> cuts) {
        TreeSet<Integer> ends = new TreeSet<>();
        cuts.forEach(c -> ends.add(order.indexOf(c)));
        ends.add(order.size() - 1);
        List<List<Integer>> runs = new ArrayList<>();
        int start = 0;
        for (int end : ends) {
            runs.add(order.subList(start, end + 1));
            start = end + 1;
        }
        return runs;
    }

    /**
     * Stacks that partition the layers into runs of the topological order, each with one output (its
     * last layer), every layer with all its inputs, and one stack-input pseudo-layer per producer outside.
     */
    static void assertValid(StackGraph full, List<FusedStack> stacks) {
        List<Integer> order = full.topologicalOrder();
        List<Integer> layers = order.stream().filter(id -> !full.node(id).isInput()).toList();
        List<Integer> seen = new ArrayList<>();
        for (FusedStack st : stacks) {
            StackGraph g = st.graph();
            List<Integer> sinks = g.ids().stream().filter(id -> g.successorsOf(id).isEmpty()).toList();
            assertEquals(1, sinks.size(), "stack " + st.layerIds() + " outputs");
            assertEquals(sinks.getFirst(), st.output().id());
            Set<Integer> members = new HashSet<>(g.ids());
            Set<Integer> outside = new LinkedHashSet<>();
            for (int id : g.ids()) {
                DfNode node = g.node(id);
                Set<Integer> producers = new HashSet<>();
                node.layer().sources().values().forEach(producers::addAll);
                assertTrue(g.ids().containsAll(producers), "layer " + id + " reads " + producers + " outside its stack " + g.ids());
                assertEquals(producers, new HashSet<>(g.predecessorsOf(id)), "layer " + id + " edges");
                if (id > StackPartition.STACK_INPUT_ID_BASE) {
                    // the layer's producers in the network: each outside the stack is replaced by a stack input
                    full.node(id).layer().sources().values().forEach(ps -> ps.stream().filter(q -> !members.contains(q))
                            .forEach(outside::add));
                }
            }
            long stackInputs = g.nodes().stream().filter(n -> n.id() <= StackPartition.STACK_INPUT_ID_BASE).count();
            assertEquals(outside.size(), stackInputs, "stack " + st.layerIds() + " inputs for " + outside);
            seen.addAll(inNetworkOrder(order, st.layerIds()));
        }
        assertEquals(layers, seen, "the stacks are consecutive runs covering every layer once");
    }

    // ---- ResNet-50's projection block

    @Test
    void theOverflowingProjectionBlockRunsLayerByLayerWithEveryInputConnected() {
        Scenario s = scenario("resnet50_blocks");
        DepthFirstResult r = new DepthFirstEngine(SyntheticLayerTileEvaluator.INSTANCE)
                .run(s, new DepthFirstSettings(TileSize.of(7, 7), OverlapMode.FULLY_CACHED, null, LPF, false));
        // spec depthfirst.md §2.2: the block's 12.1 Mbit of weights overflow the 8 Mbit sram_1MB_W, so it
        // is cut after every node; the identity block (3.3 Mbit) is fused
        assertEquals(List.of(0, 1, 4, 2, 3, 5), r.cuts().cuts());
        assertEquals(List.of(List.of(0), List.of(1), List.of(4), List.of(2), List.of(3), List.of(5), List.of(6, 7, 8, 9)),
                r.stacks().stream().map(FusedStack::layerIds).toList());
        // the shortcut's convolution reads the stem (an earlier stack) through its own stack input (16
        // distinct columns of the stride-2 1x1: spec zigzag-inputs.md §2.3); the reference's construction leaves it without one (its stack starts after layer 1, and only
        // layer 1's successors get stack inputs)
        assertEquals("InputLayerNode_substack_input_layer_0{K=512, OX=16, OY=16} -> [4]", inputs(r.stacks().get(2)));
        FusedStack reference = StackPartition.definesStack(full("resnet50_blocks"), 2, 1, 4, false);
        assertEquals(List.of(4), reference.layerIds());
        assertTrue(reference.graph().predecessorsOf(4).isEmpty(), "the reference's stack leaves layer 4 without input");
        // layer 1 reads the stem too; the shortcut, in a later stack, still counts for its size (spec §2.3)
        assertEquals("InputLayerNode_substack_input_layer_0{K=512, OX=33, OY=33} -> [1]", inputs(r.stacks().get(1)));
        assertEquals("InputLayerNode_substack_input_layer_0{K=1024, OY=16, OX=16} -> [5] "
                + "InputLayerNode_substack_input_layer_1{K=1024, OY=16, OX=16} -> [5]", inputs(r.stacks().get(5)));
        assertEquals(List.of(-1_000_000, -1_000_001), r.stacks().get(5).graph().node(5).layer().sources().values().stream()
                .flatMap(List::stream).toList(), "X (the shortcut) then Y (the main path), as the add's sources name them");
        assertValid(full("resnet50_blocks"), r.stacks());
    }

    @Test
    void laterBranchesReadingAStackInputsProducerCountForItsSizeAsInTheReference() {
        // inception_block layer by layer: the stack [1] reads the stem (18x18, for the deepest branch)
        // through a stack input; 1 itself needs 14x14, but as in spec §2.3 step 1 the successors of the cut
        // in later stacks (2: 16x16, 4: 18x18) count too, and the channels are the minimum
        StackPartition p = StackPartition.of(StackGraph.of(workload("inception_block")),
                StackCuts.everyLayer(StackGraph.of(workload("inception_block"))), false);
        assertEquals("InputLayerNode_substack_input_layer_0{K=64, OX=18, OY=18} -> [1]", inputs(p.stacks().get(1)));
        // the stack [2] starts after 1, which 2 does not read: only 2 counts (the reference left 2 without input)
        assertEquals("InputLayerNode_substack_input_layer_0{K=64, OX=16, OY=16} -> [2]", inputs(p.stacks().get(2)));
        // the add 7 reads 1 and 3 from two earlier stacks: two stack inputs, X first
        assertEquals(List.of(7), p.stacks().get(6).layerIds());
        assertEquals("InputLayerNode_substack_input_layer_0{K=64, OY=14, OX=14} -> [7] "
                + "InputLayerNode_substack_input_layer_1{K=64, OY=14, OX=14} -> [7]", inputs(p.stacks().get(6)));
    }

    @Test
    void aStackEndingOnBothPathsIsRefusedNamingItsOutputs() {
        Scenario s = scenario("resnet50_blocks");
        StackGraph network = StackGraph.of(s.workload());
        String expected = "the cuts make a stack of layers [1, 4] with 2 outputs [1, 4] (layers no other layer of the stack"
                + " reads); a depth-first stack has exactly one output, so cut after each of them or after none (docs/stacks.md)";
        // topological order -1, 0, 1, 4, 2, …: cutting after 0 and 4 leaves 1 and 4 as the ends of one stack
        assertEquals(expected, assertThrows(UnbuildableStackException.class,
                () -> StackPartition.of(network, new StackCuts(List.of(0, 4)), false)).getMessage());
        assertEquals(expected, assertThrows(UnbuildableStackException.class, () -> StackPartition.of(network,
                List.of(List.of(0), List.of(1, 4), List.of(2, 3, 5, 6, 7, 8, 9)), false)).getMessage());
        DepthFirstScheduleEvaluator ev = new DepthFirstScheduleEvaluator(s, SyntheticLayerTileEvaluator.INSTANCE, LPF, false);
        assertEquals(expected, assertThrows(UnbuildableStackException.class,
                () -> ev.evaluateStack(new StackSchedule(List.of(1, 4), TileSize.wholeOutput(), OverlapMode.FULLY_CACHED)))
                .getMessage());
        // a stack that is not a run of the topological order is refused as before
        assertThrows(UnbuildableStackException.class,
                () -> ev.evaluateStack(new StackSchedule(List.of(1, 2), TileSize.wholeOutput(), OverlapMode.FULLY_CACHED)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allWorkloads")
    void everyLayerIsLayerByLayerInTopologicalOrder(String name) {
        StackGraph network = StackGraph.of(workload(name));
        StackPartition p = StackPartition.of(network, StackCuts.everyLayer(network), false);
        List<Integer> layers = network.topologicalOrder().stream().filter(id -> !network.node(id).isInput()).toList();
        assertEquals(layers.stream().map(List::of).toList(), p.stacks().stream().map(FusedStack::layerIds).toList());
        assertValid(full(name), p.stacks());
    }

    @Test
    void theOrderOfTheCutsDoesNotMatter() {
        StackGraph network = StackGraph.of(workload("resnet50_blocks"));
        StackPartition sorted = StackPartition.of(network, new StackCuts(List.of(0, 1, 4, 2, 3, 5)), false);
        StackPartition shuffled = StackPartition.of(network, new StackCuts(List.of(5, 3, 0, 4, 1, 2, 5, 0)), false);
        assertEquals(sorted.stacks(), shuffled.stacks());
        assertEquals(List.of(List.of(0), List.of(1), List.of(4), List.of(2), List.of(3), List.of(5), List.of(6, 7, 8, 9)),
                shuffled.stacks().stream().map(FusedStack::layerIds).toList());
    }

    @Test
    void aCutAfterAnUnknownNodeIsRefused() {
        StackGraph network = StackGraph.of(workload("inception_block"));
        assertEquals("cut after 42: the network has no node 42", assertThrows(UnbuildableStackException.class,
                () -> StackPartition.of(network, new StackCuts(List.of(3, 42)), false)).getMessage());
    }

    /** The stack's input pseudo-layers with their loops and the layers reading them. */
    private static String inputs(FusedStack st) {
        StackGraph g = st.graph();
        List<String> parts = new ArrayList<>();
        for (int id : g.topologicalOrder()) {
            if (g.node(id).isInput()) {
                parts.add(g.node(id).name() + g.node(id).layer().loops() + " -> " + g.successorsOf(id));
            }
        }
        return String.join(" ", parts);
    }

    /** Every order-sensitive part of a stack graph: nodes in insertion order, loop and source maps in key order, edges. */
    static String render(StackGraph g) {
        StringBuilder b = new StringBuilder();
        for (DfNode n : g.nodes()) {
            b.append(n.name()).append(' ').append(n.id()).append(' ').append(n.layer().loops()).append(' ')
                    .append(n.layer().sources()).append(' ').append(n.layer().precision()).append(' ').append(n.originalLoops())
                    .append(" succ ").append(g.successorsOf(n.id())).append(" pred ").append(g.predecessorsOf(n.id())).append('\n');
        }
        return b.toString();
    }

    private static Layer input() {
        return new Layer(-1, Equation.INPUT, List.of(), Map.of("K", 4L, "OX", 8L, "OY", 8L), Map.of("O", 8, "O_final", 8),
                Map.of(), Map.of(), List.of(), Map.of(), 1);
    }

    private static Layer conv(int id, int source) {
        return new Layer(id, Equation.parse("O[b][k][oy][ox]+=W[k][c]*I[b][c][ox][oy]"), List.of(),
                Map.of("K", 4L, "C", 4L, "OX", 8L, "OY", 8L), Map.of("O", 16, "O_final", 8, "W", 8, "I", 8),
                Map.of("W", List.of(), "I", List.of(source)), Map.of("I", Map.of("OX", "OX", "OY", "OY", "C", "K")),
                List.of("W"), Map.of(), 1);
    }
}
