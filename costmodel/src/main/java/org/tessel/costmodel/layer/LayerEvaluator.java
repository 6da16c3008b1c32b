package org.tessel.costmodel.layer;

import java.util.List;
import org.tessel.costmodel.LayerCost;
import org.tessel.costmodel.Loop;
import org.tessel.costmodel.OperandCostTable;
import org.tessel.model.mapping.TemporalMapping;

/**
 * The production single-layer cost model (spec costmodel.md), behind {@link LayerCostModel}: one
 * pass over one reusable workspace of flat arrays, step by step as the spec's sections —
 * {@link MergedLoops} (spec mapping.md §3.6), {@link TransferPatterns} (§1–§2),
 * {@link AccessEnergy} (§4–§5), {@link DoubleBuffering} (§3, §6) and {@link TransferLatency}
 * (§7–§9) — with the arithmetic of the spec-shaped test oracle ({@code LayerCostOracle}) in the
 * same order of operations, so every number is bit-identical. Where each operand's numbers sit in
 * the workspace's arrays is {@link WorkspaceIndex}'s business.
 *
 * <p>One instance per thread ({@link #local()}); the arrays grow to the largest context seen and
 * are reused, so an evaluation allocates only its result (whose breakdown is an
 * {@link OperandCostTable} over one array, its records built only when read).
 */
final class LayerEvaluator {

    private static final ThreadLocal<LayerEvaluator> LOCAL = ThreadLocal.withInitial(LayerEvaluator::new);

    private final WorkspaceIndex index = new WorkspaceIndex();
    private final MergedLoops loops = new MergedLoops(index);
    private final TransferPatterns patterns = new TransferPatterns(index);
    private final DoubleBuffering buffering = new DoubleBuffering(index);
    private final TransferLatency latency = new TransferLatency(index);

    private LayerEvaluator() {}

    /** This thread's evaluator. */
    static LayerEvaluator local() {
        return LOCAL.get();
    }

    /** As {@link LayerCostModel#evaluate(LayerContext, TemporalMapping)}. */
    LayerCost evaluate(LayerContext ctx, TemporalMapping mapping) {
        IndexedHierarchy h = ctx.indexedHierarchy();
        prepare(h, mapping.loops().size());
        loops.place(ctx, h, mapping);
        return evaluate(ctx, h);
    }

    /** As {@link LayerCostModel#evaluateLevels}. */
    LayerCost evaluateLevels(LayerContext ctx, List<List<List<Loop>>> temporal) {
        IndexedHierarchy h = ctx.indexedHierarchy();
        prepare(h, MergedLoops.maxLoops(ctx, temporal));
        loops.place(ctx, h, temporal);
        return evaluate(ctx, h);
    }

    /** Memory level {@code m} of operand {@code op}, whose chain has {@code n} levels, exists. */
    static void checkLevel(String op, int m, int n) {
        if (m >= n) {
            throw new IllegalArgumentException("operand " + op + " has only " + n + " memory levels");
        }
        if (m < 0) {
            throw new IllegalArgumentException("operand " + op + " has no memory level " + m);
        }
    }

    /** Operand {@code x} is allocated to as many memory levels as its chain has. */
    static void checkLevelCount(LayerContext ctx, int x, int count) {
        int n = ctx.chain(x).size();
        if (count != n) {
            throw new IllegalArgumentException("operand " + ctx.operands().get(x) + " has " + n
                    + " memory levels, the allocation gives loops for " + count);
        }
    }

    private void prepare(IndexedHierarchy h, int maxLoops) {
        index.reset(h.maxLevels, maxLoops);
        loops.ensureCapacity(h.operands);
        patterns.ensureCapacity(h.operands);
        buffering.ensureCapacity(h.operands);
        latency.ensureCapacity(h.operands, h.maxPortUses);
    }

    /** The cost of the merged-down loops in {@link #loops}. */
    private LayerCost evaluate(LayerContext ctx, IndexedHierarchy h) {
        long totalCycles = loops.totalCycles(h);
        // spec costmodel.md §1–§2.6
        patterns.compute(ctx, h, loops, totalCycles);
        // spec costmodel.md §4–§5: word accesses and energy from the fractional mapping
        double[] table = new double[h.totalLevels * OperandCostTable.SLOT];
        AccessEnergy.wordAccesses(h, index, patterns, table);
        double memEnergy = AccessEnergy.energy(h, table);
        double macEnergy = h.macEnergy;
        double energyTotal = memEnergy + macEnergy;
        // spec costmodel.md §3, §6: utilization and double-buffer flags from the fractional mapping
        buffering.compute(ctx, h, patterns);
        // spec costmodel.md §7–§9: from the ceiled mapping
        long stall = latency.stall(h, patterns, buffering);
        long loading = latency.loading(ctx, h);
        long offloading = latency.offloading(h);
        // spec costmodel.md §10
        long ideal = h.idealCycles;
        long lat0 = totalCycles + stall;
        long lat1 = lat0 + loading;
        long lat2 = lat1 + offloading;
        OperandCostTable breakdown = new OperandCostTable(ctx.operands(), h.memoryOperands, h.memoryNames, table,
                h.readEnergy, h.writeEnergy, h.firstLevel);
        return new LayerCost(energyTotal, macEnergy, memEnergy, breakdown, lat0, lat1, lat2, ideal, totalCycles,
                stall, loading, offloading, (double) ideal / totalCycles);
    }
}
