package org.tessel.costmodel.layer;

import java.util.Arrays;

/**
 * The periodic transfers one memory port carries (spec costmodel.md §8.1) and its stall (§8.2–§8.3),
 * on arrays reused from port to port: the caller writes the active transfers {@code 0 … n-1} into
 * {@link #real}, {@link #allowed}, {@link #period} and {@link #count}, then asks for
 * {@link #stall}{@code (n)}. (The port walk in {@link TransferLatency} keeps {@code n} in a local and
 * writes the arrays itself: behind a setter and a count field it measured several percent slower.)
 */
final class PortActivities {

    /** Bit words of the window-union marking kept between calls (larger ones are temporary). */
    private static final int KEPT_SLOT_WORDS = 1 << 14;

    /** Per transfer: the cycles one period's transfer takes. */
    long[] real = new long[0];
    /** Per transfer: the cycles it may take (the period if double-buffered, else the window). */
    long[] allowed = new long[0];
    /** Per transfer: the period in cycles. */
    long[] period = new long[0];
    /** Per transfer: the number of periods. */
    long[] count = new long[0];
    private long[] slotWords = new long[0];

    /** Makes room for {@code transfers} transfers on one port. */
    void ensureCapacity(int transfers) {
        if (real.length < transfers) {
            real = new long[transfers];
            allowed = new long[transfers];
            period = new long[transfers];
            count = new long[transfers];
        }
    }

    /** The stall (+) or slack (−) of transfers {@code 0 … n-1}, first period excluded (spec §8.3); n ≥ 1. */
    long stall(int n) {
        if (n == 1) {
            return (real[0] - allowed[0]) * (count[0] - 1);
        }
        long positive = 0;
        long slack = 0;
        long windows = 0;
        for (int i = 0; i < n; i++) {
            long ss = (real[i] - allowed[i]) * (count[i] - 1);
            if (ss > 0) {
                positive += ss;
            } else {
                slack += ss;
            }
            windows += allowed[i] * (count[i] - 1);
        }
        return positive + Math.max(0, slack + windows - windowUnion(n));
    }

    /** The union of the update windows of transfers {@code 0 … n-1} (spec costmodel.md §8.2); n ≥ 1. */
    long windowUnion(int n) {
        for (int i = 0; i < n; i++) {
            if (allowed[i] == period[i]) {
                return period[i] * count[i];
            }
        }
        int longest = 0;
        for (int i = 0; i < n; i++) {
            if (period[i] > period[longest]) {
                longest = i;
            }
        }
        // every period divides the longest one (all are prefix products of one loop ordering):
        // mark slot t of [0, Pmax) when t mod P < allowed, and count the marked slots
        int slots = Math.toIntExact(period[longest]);
        int words = (slots + 63) >>> 6;
        long[] bits = slotWords;
        if (bits.length < words) {
            bits = new long[words];
            if (words <= KEPT_SLOT_WORDS) {
                slotWords = bits;
            }
        } else {
            Arrays.fill(bits, 0, words, 0L);
        }
        for (int i = 0; i < n; i++) {
            long al = allowed[i];
            if (al <= 0) {
                continue;
            }
            long per = period[i];
            int width = (int) Math.min(al, per);
            for (long start = 0; start < slots; start += per) {
                setRange(bits, (int) start, (int) Math.min(slots, start + width));
            }
        }
        long marked = 0;
        for (int w = 0; w < words; w++) {
            marked += Long.bitCount(bits[w]);
        }
        return marked * count[longest];
    }

    /** Sets bits {@code [from, to)}, as {@link java.util.BitSet#set(int, int)}. */
    private static void setRange(long[] bits, int from, int to) {
        if (from == to) {
            return;
        }
        int first = from >>> 6;
        int last = (to - 1) >>> 6;
        long firstMask = -1L << from;
        long lastMask = -1L >>> -to;
        if (first == last) {
            bits[first] |= firstMask & lastMask;
        } else {
            bits[first] |= firstMask;
            for (int w = first + 1; w < last; w++) {
                bits[w] = -1L;
            }
            bits[last] |= lastMask;
        }
    }
}
