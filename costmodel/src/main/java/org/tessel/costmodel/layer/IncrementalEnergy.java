package org.tessel.costmodel.layer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tessel.costmodel.LayerContext;
import org.tessel.costmodel.Loop;
import org.tessel.model.accelerator.MemoryOperand;

/**
 * The energy part of {@link LayerCostModel} for many temporal mappings of one problem, as a
 * search needs it: an operand's word accesses and energies depend only on its own allocation,
 * so they are computed once per distinct allocation and reused; the total is then accumulated
 * in the reference's order (spec costmodel.md §5), giving bit-identical {@code energy_total}.
 * Latency is not computed (the search chooses on energy only, spec mapping.md §4). Not
 * thread-safe; use one instance per search.
 */
public final class IncrementalEnergy {

    /** Products of temporal sizes below this are exact in doubles. */
    private static final long EXACT_INTEGERS = 1L << 53;

    private final LayerContext ctx;
    private final double macEnergy;
    private final List<Map<List<List<Loop>>, OperandEnergy>> cache;
    private final List<Map<Allocation.OperandKey, OperandEnergy>> keyed;

    /** An empty cache for {@code ctx}. */
    public IncrementalEnergy(LayerContext ctx) {
        this.ctx = ctx;
        this.macEnergy = ctx.problem().core().array().unit().macEnergy() * ctx.macCount();
        this.cache = new ArrayList<>();
        this.keyed = new ArrayList<>();
        for (int x = 0; x < ctx.operandCount(); x++) {
            cache.add(new HashMap<>());
            keyed.add(new HashMap<>());
        }
    }

    /**
     * {@code energy_total} of an allocation (per operand the loops per memory level, before
     * merge-down), identical to {@link LayerCostModel#evaluateLevels}{@code .energyTotal()}.
     *
     * @throws IllegalStateException where the reference's utilization assertion fails
     */
    public double energyTotal(List<List<List<Loop>>> temporal) {
        int ops = ctx.operandCount();
        OperandEnergy[] oe = new OperandEnergy[ops];
        for (int x = 0; x < ops; x++) {
            List<List<Loop>> levels = temporal.get(x);
            OperandEnergy e = cache.get(x).get(levels);
            if (e == null) {
                StationaryMapping tm = StationaryMapping.of(ctx, x, levels);
                e = new OperandEnergy(ctx, x, new OperandTransfers(ctx, x, false, tm, tm.totalCycles()));
                cache.get(x).put(levels, e);
            }
            oe[x] = e;
        }
        return total(oe);
    }

    /** As {@link #energyTotal(List)} for an allocation in compact form. */
    public double energyTotal(Allocation allocation) {
        int ops = ctx.operandCount();
        OperandEnergy[] oe = new OperandEnergy[ops];
        for (int x = 0; x < ops; x++) {
            OperandCode code = ctx.code(x);
            StationaryMapping tm = new StationaryMapping(code, allocation.dims, allocation.sizes, allocation.ends[x]);
            Allocation.OperandKey key = code.hasPr || tm.totalCycles() > EXACT_INTEGERS
                    ? allocation.key(x) : coarseKey(tm);
            OperandEnergy e = keyed.get(x).get(key);
            if (e == null) {
                e = new OperandEnergy(ctx, x, new OperandTransfers(ctx, x, false, tm, tm.totalCycles()));
                keyed.get(x).put(key, e);
            }
            oe[x] = e;
        }
        return total(oe);
    }

    /**
     * For an operand without pr dimensions everything the cost model derives from its temporal
     * loops is a function of the loop multiset of each (merged) level plus the top products
     * {@code top_r}, {@code top_ir}: the per-level products multiply the integer temporal sizes
     * first (exact below 2^53, hence order-free) and then the spatial factors in a fixed order.
     * Orderings that differ only inside levels therefore share one evaluation.
     */
    private static Allocation.OperandKey coarseKey(StationaryMapping tm) {
        int n = tm.ends.length;
        long[] k = new long[tm.dims.length + 3 * n];
        int w = 0;
        int start = 0;
        for (int m = 0; m < n; m++) {
            int end = tm.ends[m];
            k[w++] = end - start;
            int from = w;
            for (int i = start; i < end; i++) {
                k[w++] = ((long) tm.dims[i] << 48) | tm.sizes[i];
            }
            java.util.Arrays.sort(k, from, w);
            k[w++] = tm.topR[m + 1];
            k[w++] = tm.topIr[m + 1];
            start = end;
        }
        return new Allocation.OperandKey(k);
    }

    private double total(OperandEnergy[] oe) {
        int ops = oe.length;
        checkUtilization(oe);
        double mem = 0;
        for (int x = 0; x < ops; x++) {
            for (double e : oe[x].level) {
                mem += e;
            }
        }
        return mem + macEnergy;
    }

    // spec costmodel.md §3: the reference's assertions (as in BufferState)
    private void checkUtilization(OperandEnergy[] oe) {
        for (OperandEnergy e : oe) {
            for (double u : e.util) {
                if (u > 1) {
                    throw new IllegalStateException("memory utilization above 1");
                }
            }
        }
        for (Map<MemoryOperand, Integer> g : ctx.sharingList()) {
            if (g.containsValue(0)) {
                continue;
            }
            double sum = 0;
            for (var en : g.entrySet()) {
                int x = ctx.operandOf(en.getKey());
                if (x >= 0) {
                    sum += oe[x].util[en.getValue()];
                }
            }
            if (sum > 1) {
                throw new IllegalStateException("shared memory utilization above 1");
            }
        }
    }
}
