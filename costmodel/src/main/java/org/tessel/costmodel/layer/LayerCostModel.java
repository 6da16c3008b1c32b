package org.tessel.costmodel.layer;

import java.util.List;
import org.tessel.costmodel.LayerCost;
import org.tessel.costmodel.LayerProblem;
import org.tessel.costmodel.Loop;
import org.tessel.model.mapping.TemporalMapping;

/**
 * The DeFiNES/ZigZag single-layer cost model (spec costmodel.md): energy and latency of one
 * layer under one spatial and one temporal mapping, reproducing every quirk of the reference.
 *
 * <p>The entry point only: the work is done by {@link LayerEvaluator} (one reusable workspace per
 * thread), whose steps follow the spec's sections. The search ranks orderings by energy alone
 * with {@link IncrementalEnergy}. The spec-shaped test oracle both are checked against is
 * {@code LayerCostOracle} in the test sources.
 */
public final class LayerCostModel {

    private LayerCostModel() {}

    /** Evaluates {@code problem} under {@code mapping} (loops before merge-down, spec mapping.md §3.6). */
    public static LayerCost evaluate(LayerProblem problem, TemporalMapping mapping) {
        return evaluate(LayerContext.of(problem), mapping);
    }

    /**
     * Evaluates a prepared problem under {@code mapping}.
     *
     * @throws IllegalArgumentException if the mapping gives no levels for an operand, or a level
     *     outside the operand's memory chain
     */
    public static LayerCost evaluate(LayerContext ctx, TemporalMapping mapping) {
        return LayerEvaluator.local().evaluate(ctx, mapping);
    }

    /**
     * Evaluates per-operand temporal loops per memory level (before merge-down): the form the
     * memory allocator produces.
     *
     * @throws IllegalArgumentException if an operand's level count differs from its chain length
     */
    public static LayerCost evaluateLevels(LayerContext ctx, List<List<List<Loop>>> temporal) {
        return LayerEvaluator.local().evaluateLevels(ctx, temporal);
    }
}
