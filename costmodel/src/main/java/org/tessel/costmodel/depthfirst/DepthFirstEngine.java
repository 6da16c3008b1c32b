package org.tessel.costmodel.depthfirst;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessel.model.accelerator.Accelerator;
import org.tessel.model.accelerator.Core;
import org.tessel.model.config.Scenario;
import org.tessel.model.mapping.SpatialMappings;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.workload.Workload;

/**
 * The depth-first engine ({@code DfStackCutIfWeightsOverflowStage} + {@code DepthFirstStage},
 * spec depthfirst.md §2–§5) around a pluggable single-layer model. Tile types of all stacks are
 * independent and are evaluated in parallel; results are collected in the reference order, so
 * the numbers do not depend on the schedule of the threads.
 *
 * @param evaluator the single-layer model (wrap it in a {@link MemoizingLayerTileEvaluator} to share
 *     results between identical layer-tiles)
 */
public record DepthFirstEngine(LayerTileEvaluator evaluator) {

    /** Runs {@code scenario} with {@code settings}. */
    public DepthFirstResult run(Scenario scenario, DepthFirstSettings settings) {
        return run(scenario.workload(), scenario.accelerator(), scenario.mappings(), settings);
    }

    /** Runs a workload on an accelerator with the given spatial mappings and settings. */
    public DepthFirstResult run(Workload workload, Accelerator accelerator, SpatialMappings mappings,
            DepthFirstSettings settings) {
        StackGraph network = StackGraph.of(workload);
        Core core = accelerator.core(network.node(network.topologicalOrder().getFirst()).layer().core());
        StackCuts cuts = settings.fixedCuts() != null ? settings.fixedCuts()
                : StackCuts.automatic(StackPartition.fullSize(network), core.hierarchy());
        StackPartition partition = StackPartition.of(network, cuts, settings.definesCompat());
        List<StackTiling> tilings = new ArrayList<>();
        record Job(TileTypeEvaluation.Context ctx, int type) {}
        List<Job> jobs = new ArrayList<>();
        for (Stack stack : partition.stacks()) {
            Map<String, Long> out = stack.output().layer().loops();
            long tx = settings.tile() instanceof TileSize.Fixed f ? f.width() : out.get("OX");
            long ty = settings.tile() instanceof TileSize.Fixed f ? f.height() : out.get("OY");
            StackTiling tiling = StackTiling.of(stack, core.hierarchy(), settings.mode(), tx, ty);
            tilings.add(tiling);
            TileTypeEvaluation.Context ctx = new TileTypeEvaluation.Context(stack, tiling, core.hierarchy(), core.array(),
                    mappings, settings.lpfLimit(), evaluator);
            for (int t = 0; t < tiling.types().size(); t++) {
                jobs.add(new Job(ctx, t));
            }
        }
        List<TileTypeEvaluation> evaluations = jobs.parallelStream()
                .map(j -> TileTypeEvaluation.evaluate(j.ctx(), j.type())).toList();
        // spec depthfirst.md §5.1: one ordered list per key, keys in order of first appearance
        Map<String, List<KeyAggregate.Entry>> perKey = new LinkedHashMap<>();
        Map<String, Boolean> isCopy = new LinkedHashMap<>();
        for (TileTypeEvaluation ev : evaluations) {
            for (NodeTileRecord r : ev.nodes()) {
                KeyAggregate.Entry e = new KeyAggregate.Entry(ev.stackIndex(), ev.typeIndex(), ev.type().multiplicity(), r);
                perKey.computeIfAbsent(r.copies().name(), k -> new ArrayList<>()).add(e);
                isCopy.put(r.copies().name(), true);
                if (!r.isInput()) {
                    String k = String.valueOf(r.layerId());
                    perKey.computeIfAbsent(k, x -> new ArrayList<>()).add(e);
                    isCopy.put(k, false);
                }
            }
        }
        List<KeyAggregate> keys = new ArrayList<>();
        perKey.forEach((k, entries) -> keys.add(KeyAggregate.of(k, isCopy.get(k), entries, settings.definesCompat())));
        return new DepthFirstResult(cuts, partition.stacks(), tilings, evaluations, keys, NetworkTotals.of(keys));
    }
}
