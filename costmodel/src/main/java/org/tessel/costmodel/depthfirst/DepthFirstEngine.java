package org.tessel.costmodel.depthfirst;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tessel.costmodel.depthfirst.aggregate.DepthFirstResult;
import org.tessel.costmodel.depthfirst.aggregate.KeyAggregate;
import org.tessel.costmodel.depthfirst.aggregate.NetworkTotals;
import org.tessel.costmodel.depthfirst.copy.UnroutableCopyException;
import org.tessel.costmodel.depthfirst.graph.StackGraph;
import org.tessel.costmodel.depthfirst.layertile.LayerTileEvaluator;
import org.tessel.costmodel.depthfirst.layertile.MemoizingLayerTileEvaluator;
import org.tessel.costmodel.depthfirst.partition.FusedStack;
import org.tessel.costmodel.depthfirst.partition.StackCuts;
import org.tessel.costmodel.depthfirst.partition.StackPartition;
import org.tessel.costmodel.depthfirst.partition.UnbuildableStackException;
import org.tessel.costmodel.depthfirst.tiletype.TileTypeEvaluation;
import org.tessel.costmodel.depthfirst.tiling.StackTiling;
import org.tessel.costmodel.temporal.MemoryHierarchyTooSmallException;
import org.tessel.model.accelerator.Accelerator;
import org.tessel.model.accelerator.Core;
import org.tessel.model.config.Scenario;
import org.tessel.model.mapping.SpatialMappings;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.Schedule;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.workload.Workload;

/**
 * The depth-first engine ({@code DfStackCutIfWeightsOverflowStage} + {@code DepthFirstStage},
 * spec depthfirst.md §2–§5) around a pluggable single-layer model. Tile types of all stacks are
 * independent and are evaluated in parallel; results are collected in the reference order, so
 * the numbers do not depend on the schedule of the threads.
 *
 * <p>Two ways to say what to run: {@link DepthFirstSettings} (DeFiNES' knobs: one tile size and
 * mode for every stack, automatic or explicit cuts) or a {@link Schedule} (explicit stacks, each
 * with its own tile size and overlap mode). A schedule whose stacks are those of the settings, all
 * with the settings' tile and mode, gives the identical result.
 *
 * @param evaluator the single-layer model (wrap it in a {@link MemoizingLayerTileEvaluator} to share
 *     results between identical layer-tiles)
 */
public record DepthFirstEngine(LayerTileEvaluator evaluator) {

    /** Runs {@code scenario} with {@code settings}. */
    public DepthFirstResult run(Scenario scenario, DepthFirstSettings settings) {
        return run(scenario.workload(), scenario.accelerator(), scenario.mappings(), settings);
    }

    /**
     * Runs a workload on an accelerator with the given spatial mappings and settings.
     *
     * @throws UnbuildableStackException if a cut names no node or makes a stack with two output layers
     *     ({@link StackPartition})
     * @throws org.tessel.model.BadInputException if the automatic cuts meet a network with several outputs
     */
    public DepthFirstResult run(Workload workload, Accelerator accelerator, SpatialMappings mappings,
            DepthFirstSettings settings) {
        StackGraph network = StackGraph.of(workload);
        Core core = coreOf(accelerator, network);
        StackCuts cuts = settings.fixedCuts() != null ? settings.fixedCuts()
                : StackCuts.automatic(StackPartition.fullSize(network), core.hierarchy());
        StackPartition partition = StackPartition.of(network, cuts, settings.definesCompat());
        int n = partition.stacks().size();
        return execute(core, mappings, cuts, partition.stacks(), Collections.nCopies(n, settings.tile()),
                Collections.nCopies(n, settings.mode()), settings.lpfLimit(), settings.definesCompat());
    }

    /**
     * Runs {@code schedule}: its stacks in order, stack {@code i} with its own tile size and overlap
     * mode ({@link TileSize.WholeOutput}: one tile, the whole output of the stack's last layer). The
     * cuts are derived from the stacks (the last layer of every stack but the last); the automatic
     * cut rule of §2.2 is not used.
     *
     * @param lpfLimit the LOMA loop-prime-factor limit handed to the single-layer model
     * @param definesCompat as in {@link DepthFirstSettings#definesCompat()}
     * @throws UnbuildableStackException if the stacks do not cover every layer once as consecutive runs
     *     of the topological order, or a stack has two output layers (see {@link StackPartition#of(StackGraph,
     *     List, boolean)})
     * @throws MemoryHierarchyTooSmallException if a stack cannot run (no hierarchy fits a layer-tile
     *     even after all retries, or no level can hold an overlap cache)
     * @throws UnroutableCopyException if a stack needs a data copy the hierarchy cannot route
     */
    public DepthFirstResult run(Scenario scenario, Schedule schedule, int lpfLimit, boolean definesCompat) {
        StackGraph network = StackGraph.of(scenario.workload());
        Core core = coreOf(scenario.accelerator(), network);
        List<List<Integer>> layers = schedule.stacks().stream().map(StackSchedule::layerIds).toList();
        StackPartition partition = StackPartition.of(network, layers, definesCompat);
        StackCuts cuts = StackPartition.cutsOf(partition.fullGraph(), layers);
        return execute(core, scenario.mappings(), cuts, partition.stacks(),
                schedule.stacks().stream().map(StackSchedule::tile).toList(),
                schedule.stacks().stream().map(StackSchedule::mode).toList(), lpfLimit, definesCompat);
    }

    /**
     * Runs one stack on its own, exactly as it is built and evaluated inside any schedule that
     * contains it (spec depthfirst.md §2.3: its bounds are the node before its first layer and its
     * last layer). The result has one stack (index 0) and no cuts.
     *
     * @throws UnbuildableStackException if the layers are not a stack of the network
     * @throws MemoryHierarchyTooSmallException if the stack cannot run
     * @throws UnroutableCopyException if the stack needs a data copy the hierarchy cannot route
     */
    public DepthFirstResult runStack(Scenario scenario, StackSchedule stack, int lpfLimit, boolean definesCompat) {
        StackGraph network = StackGraph.of(scenario.workload());
        return runStack(coreOf(scenario.accelerator(), network), StackPartition.fullSize(network), scenario.mappings(), stack,
                lpfLimit, definesCompat);
    }

    /**
     * {@link #runStack(Scenario, StackSchedule, int, boolean)} with the network's core and
     * full-size graph ({@link StackPartition#fullSize}) prepared once, for callers that run many
     * stacks of one scenario.
     */
    public DepthFirstResult runStack(Core core, StackGraph fullGraph, SpatialMappings mappings, StackSchedule stack,
            int lpfLimit, boolean definesCompat) {
        FusedStack s = StackPartition.stackOf(fullGraph, 0, stack.layerIds(), definesCompat);
        return execute(core, mappings, new StackCuts(List.of()), List.of(s), List.of(stack.tile()), List.of(stack.mode()),
                lpfLimit, definesCompat);
    }

    /** The core the network runs on: that of its first layer in topological order. */
    static Core coreOf(Accelerator accelerator, StackGraph network) {
        return accelerator.core(network.node(network.topologicalOrder().getFirst()).layer().core());
    }

    private DepthFirstResult execute(Core core, SpatialMappings mappings, StackCuts cuts, List<FusedStack> stacks,
            List<TileSize> tiles, List<OverlapMode> modes, int lpfLimit, boolean definesCompat) {
        List<StackTiling> tilings = new ArrayList<>();
        record Job(TileTypeEvaluation.Context ctx, int type) {}
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < stacks.size(); i++) {
            FusedStack stack = stacks.get(i);
            StackTiling tiling = StackTiling.of(stack, core.hierarchy(), modes.get(i), tiles.get(i));
            tilings.add(tiling);
            TileTypeEvaluation.Context ctx = new TileTypeEvaluation.Context(stack, tiling, core.hierarchy(), core.array(),
                    mappings, lpfLimit, evaluator);
            for (int t = 0; t < tiling.types().size(); t++) {
                jobs.add(new Job(ctx, t));
            }
        }
        List<TileTypeEvaluation> evaluations = jobs.parallelStream()
                .map(j -> TileTypeEvaluation.evaluate(j.ctx(), j.type())).toList();
        List<KeyAggregate> keys = KeyAggregate.perKey(evaluations, definesCompat);
        List<NetworkTotals> stackTotals = new ArrayList<>();
        NetworkTotals totals = NetworkTotals.of(keys);
        for (FusedStack stack : stacks) {
            // one stack: its evaluations are all evaluations, its aggregate is keys
            stackTotals.add(stacks.size() == 1 ? totals : NetworkTotals.of(KeyAggregate.perKey(
                    evaluations.stream().filter(e -> e.stackIndex() == stack.index()).toList(), definesCompat)));
        }
        return new DepthFirstResult(cuts, stacks, tilings, evaluations, keys, totals, stackTotals);
    }
}
