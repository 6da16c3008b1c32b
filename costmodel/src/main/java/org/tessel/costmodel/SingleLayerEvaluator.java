package org.tessel.costmodel;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tessel.costmodel.depthfirst.layertile.LayerTileEvaluator;
import org.tessel.costmodel.depthfirst.layertile.LayerTileProblem;
import org.tessel.costmodel.depthfirst.layertile.LayerTileResult;
import org.tessel.costmodel.depthfirst.layertile.MemoizingLayerTileEvaluator;
import org.tessel.costmodel.temporal.TemporalMappingSearch;
import org.tessel.model.accelerator.Core;

/**
 * The real single-layer model behind the depth-first engine: every layer-tile problem is solved by
 * the LOMA-equivalent temporal-mapping search and the cost model (spec mapping.md §3–4,
 * costmodel.md). Stateless and thread-safe; wrap it in a
 * {@link org.tessel.costmodel.depthfirst.layertile.MemoizingLayerTileEvaluator} to share results.
 */
public final class SingleLayerEvaluator implements LayerTileEvaluator {

    /** Layer-tile results kept by {@link #memoized()}: a few KB each, a few hundred MB at most. */
    public static final int DEFAULT_MEMO_CAPACITY = 200_000;

    /** The single-layer model behind a memo of {@link #DEFAULT_MEMO_CAPACITY} layer-tile results. */
    public static MemoizingLayerTileEvaluator memoized() {
        return new MemoizingLayerTileEvaluator(new SingleLayerEvaluator(), DEFAULT_MEMO_CAPACITY);
    }

    @Override
    public LayerTileResult evaluate(LayerTileProblem p) {
        LayerProblem problem = p.layerProblem();
        // a MemoryHierarchyTooSmallException passes through: the engine retries with more levels
        return result(TemporalMappingSearch.best(problem, p.lpfLimit()).cost());
    }

    /**
     * True: the single-layer model reads neither the layer id nor its sources.
     * {@link org.tessel.costmodel.layer.LayerContext} and the cost model read the equation, relations, loops (in order), precisions, memory-operand
     * links and the spatial mapping; the id only enters the "no loop ordering of layer …" message
     * ({@link org.tessel.costmodel.temporal.MemoryHierarchyTooSmallException#noLoopOrdering}), and
     * the {@link Core} of {@link LayerTileProblem#layerProblem()} carries the layer's core id, which nothing reads.
     */
    @Override
    public boolean ignoresLayerIdentity() {
        return true;
    }

    /** The depth-first engine's view of one layer cost (spec depthfirst.md §5). */
    static LayerTileResult result(LayerCost c) {
        Map<String, Map<String, Double>> energy = new LinkedHashMap<>();
        for (LayerCost.OperandCost op : c.operands()) {
            Map<String, Double> perMemory = new LinkedHashMap<>();
            op.levels().forEach(l -> perMemory.put(l.memory(), l.energy()));
            energy.put(op.operand(), perMemory);
        }
        return new LayerTileResult(c.energyTotal(), c.macEnergy(), c.memoryEnergy(), c.latencyTotal0(), c.latencyTotal1(),
                c.latencyTotal2(), c.idealCycles(), c.temporalCycles(), c.loadingCycles(), c.offloadingCycles(), energy);
    }
}
