package org.tessel.costmodel.layer;

import java.util.List;

/**
 * One periodic transfer on a memory port (spec costmodel.md §8.1).
 *
 * @param real cycles one period's transfer takes
 * @param allowed cycles it may take (period if double-buffered, else the window)
 * @param period the period in cycles
 * @param periodCount number of periods
 */
record PortActivity(long real, long allowed, long period, long periodCount) {

    /** Stall (+) or slack (−) over the layer, first period excluded. */
    long stall() {
        return (real - allowed) * (periodCount - 1);
    }

    /** Total allowed update window, first period excluded. */
    long updateWindow() {
        return allowed * (periodCount - 1);
    }

    /** Union of the update windows of one port's activities (spec costmodel.md §8.2). */
    static long windowUnion(List<PortActivity> acts) {
        for (PortActivity a : acts) {
            if (a.allowed == a.period) {
                return a.period * a.periodCount;
            }
        }
        PortActivity longest = acts.getFirst();
        for (PortActivity a : acts) {
            if (a.period > longest.period) {
                longest = a;
            }
        }
        // every period divides the longest one (all are prefix products of one loop ordering):
        // mark slot t of [0, Pmax) when t mod P < allowed, and count the marked slots
        int slots = Math.toIntExact(longest.period);
        java.util.BitSet marked = new java.util.BitSet(slots);
        for (PortActivity a : acts) {
            if (a.allowed <= 0) {
                continue;
            }
            int width = (int) Math.min(a.allowed, a.period);
            for (long start = 0; start < slots; start += a.period) {
                marked.set((int) start, (int) Math.min(slots, start + width));
            }
        }
        long n = marked.cardinality();
        return n * longest.periodCount;
    }

    /** Stall of one port (spec costmodel.md §8.3). */
    static long portStall(List<PortActivity> acts) {
        if (acts.size() == 1) {
            return acts.getFirst().stall();
        }
        long positive = 0;
        long slack = 0;
        long windows = 0;
        for (PortActivity a : acts) {
            long ss = a.stall();
            if (ss > 0) {
                positive += ss;
            } else {
                slack += ss;
            }
            windows += a.updateWindow();
        }
        return positive + Math.max(0, slack + windows - windowUnion(acts));
    }
}
