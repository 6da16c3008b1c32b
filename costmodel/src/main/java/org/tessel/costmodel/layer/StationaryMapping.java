package org.tessel.costmodel.layer;

import java.util.List;
import org.tessel.costmodel.Loop;

/**
 * One operand's temporal loops per memory level after the merge-down of stationary loops, with
 * the cycle counts and the top relevant/irrelevant loop products (spec mapping.md §3.6).
 * The loops are held as one sequence (innermost first) cut into levels: level m is
 * {@code [ends[m-1], ends[m])}. The merge-down never reorders loops, it only moves cuts.
 *
 * <p>The object form used by {@link IncrementalEnergy} (and the test oracle); {@link LayerEvaluator}
 * does the same merge-down in its workspace ({@code MergedLoops}).
 */
final class StationaryMapping {

    final int[] dims;
    final long[] sizes;
    /** Level ends after merge-down. */
    final int[] ends;
    /** {@code cycle_cabl[m]}: cycles of one iteration of everything up to level m. */
    final long[] cycles;
    /** {@code top_r[a]}, a = 0 … N (index 0 = 1). */
    final long[] topR;
    /** {@code top_ir[a]}, a = 0 … N (index 0 = 1). */
    final long[] topIr;

    /** From per-level loop lists (before merge-down). */
    static StationaryMapping of(LayerContext ctx, int x, List<List<Loop>> levels) {
        int total = 0;
        for (List<Loop> l : levels) {
            total += l.size();
        }
        int[] dims = new int[total];
        long[] sizes = new long[total];
        int[] ends = new int[levels.size()];
        int i = 0;
        for (int m = 0; m < levels.size(); m++) {
            for (Loop l : levels.get(m)) {
                dims[i] = ctx.dimensionId(l.dim());
                sizes[i] = (long) l.size();
                i++;
            }
            ends[m] = i;
        }
        return new StationaryMapping(ctx.indexedOperand(x), dims, sizes, ends);
    }

    /** From one loop sequence and the level ends before merge-down (arrays are not copied). */
    StationaryMapping(IndexedOperand operand, int[] dims, long[] sizes, int[] levelEnds) {
        this.dims = dims;
        this.sizes = sizes;
        int n = levelEnds.length;
        int[] e = levelEnds.clone();
        // spec mapping.md §3.6(a): irrelevant loops at the bottom of level m move to the top of level m-1,
        // repeatedly, until nothing changes
        boolean changed = true;
        while (changed) {
            changed = false;
            int[] next = e.clone();
            for (int m = 1; m < n; m++) {
                int i = e[m - 1];
                while (i < e[m] && operand.irrelevant[dims[i]]) {
                    i++;
                }
                if (i > e[m - 1]) {
                    next[m - 1] = i;
                    changed = true;
                }
            }
            e = next;
        }
        this.ends = e;
        // spec mapping.md §3.6(b)
        cycles = new long[n];
        long c = 1;
        int start = 0;
        for (int m = 0; m < n; m++) {
            for (int i = start; i < e[m]; i++) {
                c *= sizes[i];
            }
            cycles[m] = c;
            start = e[m];
        }
        // spec mapping.md §3.6(c)
        topR = new long[n + 1];
        topIr = new long[n + 1];
        topR[0] = 1;
        topIr[0] = 1;
        for (int m = 0; m < n; m++) {
            int s = m == 0 ? 0 : e[m - 1];
            topR[m + 1] = topProduct(s, e[m], operand.relevant);
            topIr[m + 1] = topProduct(s, e[m], operand.irrelevant);
        }
    }

    private long topProduct(int start, int end, boolean[] member) {
        long p = 1;
        for (int i = end - 1; i >= start && member[dims[i]]; i--) {
            p *= sizes[i];
        }
        return p;
    }

    int start(int m) {
        return m == 0 ? 0 : ends[m - 1];
    }

    long totalCycles() {
        return cycles[cycles.length - 1];
    }
}
