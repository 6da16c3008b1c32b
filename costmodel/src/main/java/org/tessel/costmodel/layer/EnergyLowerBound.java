package org.tessel.costmodel.layer;

import static org.tessel.costmodel.layer.DirectionIndex.RD_HIGH;
import static org.tessel.costmodel.layer.DirectionIndex.RD_LOW;
import static org.tessel.costmodel.layer.DirectionIndex.WR_HIGH;
import static org.tessel.costmodel.layer.DirectionIndex.WR_LOW;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A lower bound on {@code energy_total} (spec costmodel.md §5) shared by every temporal mapping
 * whose lowest memory levels are already fixed, as a branch-and-bound over loop orderings needs it.
 *
 * <p>Why it is a bound. Of one operand, call the traffic across the cut between memory levels
 * {@code b−1} and {@code b} "boundary b": the high-side directions of level {@code b−1} and the
 * low-side directions of level {@code b} (boundary 0 is the low side of level 0, towards the MAC
 * array). Its word counts (spec costmodel.md §2.3–§2.5, §4) use only {@code D[b]} and
 * {@code cycle_cabl[b−1]}, which depend on the loops of levels {@code 0 … b−1} after merge-down,
 * and the partial-sum flags and read-back precisions of the output, which depend only on whether
 * an irrelevant loop lies above that cut, a property of the multiset of the loops above it. So
 * once the merged-down end of level {@code b−1} is fixed, boundaries {@code 0 … b} are exactly
 * those of every completion; they are computed on one completion (all the remaining loops in level
 * {@code b}) by the same code, in the same order of operations, as {@link IncrementalEnergy}.
 * Every other term is replaced by zero, which is no larger since accesses and energies per access
 * are non-negative ({@link #applicable}). The terms are then added in the reference's order;
 * rounded addition is monotone, so the bound is at most the {@code energy_total} that the full
 * evaluation of any completion computes, bit for bit, not only in exact arithmetic.
 *
 * <p>Results are cached per operand and fixed prefix. Not thread-safe; one instance per search.
 */
public final class EnergyLowerBound {

    private final LayerContext ctx;
    private final double macEnergy;
    private final boolean applicable;
    private final List<Map<Key, double[][]>> cache;

    /** An empty cache for {@code ctx}. */
    public EnergyLowerBound(LayerContext ctx) {
        this.ctx = ctx;
        this.macEnergy = ctx.problem().core().array().unit().macEnergy() * ctx.macCount();
        IndexedHierarchy h = ctx.indexedHierarchy();
        boolean ok = macEnergy >= 0 && Double.isFinite(macEnergy);
        for (int x = 0; x < ctx.operandCount(); x++) {
            for (double e : h.readEnergy[x]) {
                ok &= e >= 0 && Double.isFinite(e);
            }
            for (double e : h.writeEnergy[x]) {
                ok &= e >= 0 && Double.isFinite(e);
            }
        }
        this.applicable = ok;
        this.cache = new ArrayList<>();
        for (int x = 0; x < ctx.operandCount(); x++) {
            cache.add(new HashMap<>());
        }
    }

    /** Whether the bound holds: every energy per access (and the MAC energy) is finite and non-negative. */
    public boolean applicable() {
        return applicable;
    }

    /**
     * The bound for an ordering whose first levels are fixed.
     *
     * @param dims dimension ids of one completion of the ordering (innermost first)
     * @param sizes the loop sizes of that completion
     * @param mergedEnds per operand (equation order), the ends of its levels after merge-down
     *     (spec mapping.md §3.6(a)); only the first {@code fixed[x]} are read
     * @param fixed per operand, how many of its non-top levels have a merged-down end that every
     *     completion shares (and the loops before it are the same in every completion)
     */
    public double bound(int[] dims, long[] sizes, int[][] mergedEnds, int[] fixed) {
        double mem = 0;
        for (int x = 0; x < ctx.operandCount(); x++) {
            double[][] e = terms(x, dims, sizes, mergedEnds[x], fixed[x]);
            int k = fixed[x];
            for (int m = 0; m < e.length; m++) {
                // boundary m (low side of level m) and boundary m+1 (high side) are known up to boundary k
                double rdLow = m <= k ? e[m][RD_LOW] : 0;
                double wrLow = m <= k ? e[m][WR_LOW] : 0;
                double rdHigh = m + 1 <= k ? e[m][RD_HIGH] : 0;
                double wrHigh = m + 1 <= k ? e[m][WR_HIGH] : 0;
                mem += (rdHigh + rdLow) + (wrHigh + wrLow); // spec costmodel.md §5, as OperandEnergy.level
            }
        }
        return mem + macEnergy;
    }

    /**
     * Per operand (equation order), the energy of the low side of its memory level 0 — the words
     * between the innermost memory and the MAC array, both directions — which every temporal
     * mapping of the problem shares (boundary 0 above, nothing fixed): a lower bound of that part of
     * any mapping's {@code energy_total}, apart from every other level and the MAC energy.
     *
     * @param dims dimension ids of any ordering of the problem's temporal loops
     * @param sizes their sizes
     */
    public double[] levelZero(int[] dims, long[] sizes) {
        double[] e = new double[ctx.operandCount()];
        for (int x = 0; x < e.length; x++) {
            double[][] t = terms(x, dims, sizes, new int[0], 0);
            e[x] = t[0][RD_LOW] + t[0][WR_LOW];
        }
        return e;
    }

    /**
     * Whether {@link #levelZero} is the same in every hierarchy that keeps each operand's level 0
     * and cuts levels above it (as the depth-first engine does, spec depthfirst.md §3.8): level 0's
     * words depend on the spatial loops above level 0 only through products of their sizes (unit
     * counts, bandwidth boosts, mapping.md §2.3), which a cut regroups but does not change — unless
     * an operand's partially relevant loops are decoupled there (mapping.md §2.1), where the
     * grouping matters. So: true unless some operand has a spatial loop of a partially relevant
     * dimension above level 0.
     */
    public boolean levelZeroIgnoresUpperLevels() {
        for (int x = 0; x < ctx.operandCount(); x++) {
            IndexedOperand operand = ctx.indexedOperand(x);
            if (!operand.hasPr) {
                continue;
            }
            for (int a = 1; a < operand.spatialDims.length; a++) {
                for (int dim : operand.spatialDims[a]) {
                    if (operand.relationsOf[dim].length > 0) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    // per level and direction the energies of the completion with all remaining loops in level k
    private double[][] terms(int x, int[] dims, long[] sizes, int[] mergedEnds, int k) {
        int cut = k == 0 ? 0 : mergedEnds[k - 1];
        long[] code = new long[2 * cut + 1];
        int m = 0;
        for (int i = 0; i < cut; i++) {
            while (i >= mergedEnds[m]) {
                m++;
            }
            code[2 * i] = ((long) dims[i] << 32) | m;
            code[2 * i + 1] = sizes[i];
        }
        code[2 * cut] = k;
        Key key = new Key(code);
        double[][] e = cache.get(x).get(key);
        if (e == null) {
            IndexedOperand operand = ctx.indexedOperand(x);
            int levels = operand.spatialLevels() - 1;
            int[] ends = new int[levels];
            for (int l = 0; l < levels; l++) {
                ends[l] = l < k ? mergedEnds[l] : dims.length;
            }
            StationaryMapping tm = new StationaryMapping(operand, dims, sizes, ends);
            e = new OperandEnergy(ctx, x, new OperandTransfers(ctx, x, false, tm, tm.totalCycles(), false)).energy;
            cache.get(x).put(key, e);
        }
        return e;
    }

    /** Value key over a {@code long[]} with a cached hash. */
    private record Key(long[] codes, int hash) {

        Key(long[] codes) {
            this(codes, Arrays.hashCode(codes));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && hash == k.hash && Arrays.equals(codes, k.codes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
