package org.tessel.costmodel.layer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tessel.costmodel.Loop;
import org.tessel.model.accelerator.MemoryOperand;

/**
 * The energy part of {@link LayerCostModel} for many temporal mappings of one problem, as a
 * search needs it: an operand's word accesses and energies depend only on its own merged-down
 * allocation (and, without pr dimensions, only on each level's loop multiset and top loops),
 * so they are computed once per distinct such key and reused; the total is then accumulated
 * in the reference's order (spec costmodel.md §5), giving bit-identical {@code energy_total}.
 * Latency is not computed (the search chooses on energy only, spec mapping.md §4). Not
 * thread-safe; use one instance per search.
 */
public final class IncrementalEnergy {

    /** Products of temporal sizes below this are exact in doubles. */
    private static final long EXACT_INTEGERS = 1L << 53;

    private final LayerContext ctx;
    private final double macEnergy;
    private final List<Map<Key, OperandEnergy>> cache;
    /** Sharing groups without a level-0 member: their used members as {operand, level}. */
    private final List<int[][]> checkedGroups;
    /** Per operand: whether the coarse (per-level multiset) key is exact for it, see {@link #coarseKey}. */
    private final boolean[] coarse;

    /** An empty cache for {@code ctx}. */
    public IncrementalEnergy(LayerContext ctx) {
        this.ctx = ctx;
        this.macEnergy = ctx.problem().core().array().unit().macEnergy() * ctx.macCount();
        this.checkedGroups = new ArrayList<>();
        for (Map<MemoryOperand, Integer> g : ctx.sharingList()) {
            if (!g.containsValue(0)) {
                checkedGroups.add(g.entrySet().stream().filter(en -> ctx.operandOf(en.getKey()) >= 0)
                        .map(en -> new int[] {ctx.operandOf(en.getKey()), en.getValue()}).toArray(int[][]::new));
            }
        }
        this.cache = new ArrayList<>();
        this.coarse = new boolean[ctx.operandCount()];
        for (int x = 0; x < ctx.operandCount(); x++) {
            cache.add(new HashMap<>());
            IndexedOperand operand = ctx.indexedOperand(x);
            coarse[x] = !operand.hasPr || (x != 0 && integral(operand.spatialSizes) && ctx.macCount() < EXACT_PR_DATA);
        }
    }

    /** Bound on the MAC count below which the pr data sizes are recovered exactly (see {@link #coarseKey}). */
    private static final long EXACT_PR_DATA = 1L << 40;

    private static boolean integral(double[][] sizes) {
        for (double[] level : sizes) {
            for (double v : level) {
                if (v != Math.rint(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * {@code energy_total} of an allocation (per operand the loops per memory level, before
     * merge-down), identical to {@link LayerCostModel#evaluateLevels}{@code .energyTotal()}.
     *
     * @throws IllegalStateException where the reference's utilization assertion fails
     */
    public double energyTotal(List<List<List<Loop>>> temporal) {
        OperandEnergy[] oe = new OperandEnergy[ctx.operandCount()];
        for (int x = 0; x < oe.length; x++) {
            oe[x] = operandEnergy(x, StationaryMapping.of(ctx, x, temporal.get(x)));
        }
        return total(oe);
    }

    /** As {@link #energyTotal(List)} for an allocation in compact form. */
    public double energyTotal(Allocation allocation) {
        OperandEnergy[] oe = new OperandEnergy[ctx.operandCount()];
        for (int x = 0; x < oe.length; x++) {
            oe[x] = operandEnergy(x, new StationaryMapping(ctx.indexedOperand(x), allocation.dims, allocation.sizes,
                    allocation.ends[x]));
        }
        return total(oe);
    }

    private OperandEnergy operandEnergy(int x, StationaryMapping tm) {
        Key key = !coarse[x] || tm.totalCycles() > EXACT_INTEGERS ? exactKey(tm) : coarseKey(tm);
        OperandEnergy e = cache.get(x).get(key);
        if (e == null) {
            e = new OperandEnergy(ctx, x, new OperandTransfers(ctx, x, false, tm, tm.totalCycles(), false));
            cache.get(x).put(key, e);
        }
        return e;
    }

    /**
     * Everything the cost model derives from an operand's temporal loops is a function of the
     * merged-down levels (spec mapping.md §3.6): the loop sequence with its level cuts.
     */
    private static Key exactKey(StationaryMapping tm) {
        long[] k = new long[2 * tm.dims.length + 1];
        int m = 0;
        for (int i = 0; i < tm.dims.length; i++) {
            while (i >= tm.ends[m]) {
                m++;
            }
            k[2 * i] = ((long) tm.dims[i] << 32) | m;
            k[2 * i + 1] = tm.sizes[i];
        }
        k[k.length - 1] = tm.ends.length;
        return new Key(k);
    }

    /**
     * For an operand without pr dimensions everything the cost model derives from its temporal
     * loops is a function of the loop multiset of each merged level plus the top products
     * {@code top_r}, {@code top_ir}: the per-level products multiply the integer temporal sizes
     * first (exact below 2^53, hence order-free) and then the spatial factors in a fixed order.
     * Orderings that differ only inside levels therefore share one evaluation.
     *
     * <p>The same key is exact for an operand with pr dimensions whose spatial sizes are all
     * integers (and fewer than 2^40 MACs): then every pr extent is an exact integer and
     * {@code prsize} is exact in any order; of the order-dependent pr-decoupled products an input
     * operand's energy uses only {@code D[a] = round(prod_{b<=a} r2[b])} (spec costmodel.md
     * §2.1, §2.3), whose exact value telescopes to the integer element count of levels 0…a; the
     * at most a few hundred roundings on the way (relative error each ≤ 2^-53) leave it within
     * far less than 0.5 of that integer below 2^40, so the rounding recovers it in every order.
     * (Only for inputs: the output uses its {@code ir1} products unrounded.)
     */
    private static Key coarseKey(StationaryMapping tm) {
        int n = tm.ends.length;
        long[] k = new long[tm.dims.length + 3 * n];
        int w = 0;
        int start = 0;
        for (int m = 0; m < n; m++) {
            int end = tm.ends[m];
            k[w++] = end - start;
            int from = w;
            for (int i = start; i < end; i++) {
                if (tm.sizes[i] >= 1L << 40) {
                    return exactKey(tm);
                }
                k[w++] = ((long) tm.dims[i] << 40) | tm.sizes[i];
            }
            for (int i = from + 1; i < w; i++) { // insertion sort: a level holds a few loops
                long v = k[i];
                int j = i - 1;
                while (j >= from && k[j] > v) {
                    k[j + 1] = k[j];
                    j--;
                }
                k[j + 1] = v;
            }
            k[w++] = tm.topR[m + 1];
            k[w++] = tm.topIr[m + 1];
            start = end;
        }
        return new Key(k);
    }

    /** Value key over a {@code long[]} with a cached hash. */
    private static final class Key {
        private final long[] codes;
        private final int hash;

        Key(long[] codes) {
            this.codes = codes;
            this.hash = java.util.Arrays.hashCode(codes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && hash == k.hash && java.util.Arrays.equals(codes, k.codes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
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
                    throw new OverfullMemoryException("memory utilization above 1");
                }
            }
        }
        for (int[][] g : checkedGroups) {
            double sum = 0;
            for (int[] member : g) {
                sum += oe[member[0]].util[member[1]];
            }
            if (sum > 1) {
                throw new OverfullMemoryException("shared memory utilization above 1");
            }
        }
    }
}
