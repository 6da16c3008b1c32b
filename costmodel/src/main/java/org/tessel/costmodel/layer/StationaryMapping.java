package org.tessel.costmodel.layer;

import java.util.ArrayList;
import java.util.List;
import org.tessel.costmodel.Loop;
import org.tessel.costmodel.OperandRelevance;

/**
 * One operand's temporal loops per memory level after the merge-down of stationary loops, with
 * the cycle counts and the top relevant/irrelevant loop products (spec mapping.md §3.6).
 */
final class StationaryMapping {

    final List<List<Loop>> levels;
    /** {@code cycle_cabl[m]}: cycles of one iteration of everything up to level m. */
    final long[] cycles;
    /** {@code top_r[a]}, a = 0 … N (index 0 = 1). */
    final long[] topR;
    /** {@code top_ir[a]}, a = 0 … N (index 0 = 1). */
    final long[] topIr;

    StationaryMapping(List<List<Loop>> temporal, OperandRelevance rel) {
        int n = temporal.size();
        List<List<Loop>> t = temporal;
        // spec mapping.md §3.6(a): push irrelevant loops at the bottom of a level to the top of the level below
        while (true) {
            List<List<Loop>> next = new ArrayList<>(n);
            for (int m = 0; m < n; m++) {
                next.add(new ArrayList<>());
            }
            for (int m = 0; m < n; m++) {
                List<Loop> loops = t.get(m);
                int i = 0;
                while (i < loops.size() && rel.isIrrelevant(loops.get(i).dim())) {
                    next.get(m == 0 ? 0 : m - 1).add(loops.get(i));
                    i++;
                }
                next.get(m).addAll(loops.subList(i, loops.size()));
            }
            if (next.equals(t)) {
                break;
            }
            t = next;
        }
        this.levels = t;
        // spec mapping.md §3.6(b)
        cycles = new long[n];
        long c = 1;
        for (int m = 0; m < n; m++) {
            for (Loop l : t.get(m)) {
                c *= (long) l.size();
            }
            cycles[m] = c;
        }
        // spec mapping.md §3.6(c)
        topR = new long[n + 1];
        topIr = new long[n + 1];
        topR[0] = 1;
        topIr[0] = 1;
        for (int m = 0; m < n; m++) {
            topR[m + 1] = topProduct(t.get(m), rel, true);
            topIr[m + 1] = topProduct(t.get(m), rel, false);
        }
    }

    private static long topProduct(List<Loop> loops, OperandRelevance rel, boolean relevant) {
        long p = 1;
        for (int i = loops.size() - 1; i >= 0; i--) {
            Loop l = loops.get(i);
            if (relevant ? rel.isRelevant(l.dim()) : rel.isIrrelevant(l.dim())) {
                p *= (long) l.size();
            } else {
                break;
            }
        }
        return p;
    }

    long totalCycles() {
        return cycles[cycles.length - 1];
    }
}
