package org.tessel.costmodel.layer;

import static org.tessel.costmodel.layer.DirectionIndex.RD_HIGH;
import static org.tessel.costmodel.layer.DirectionIndex.RD_LOW;
import static org.tessel.costmodel.layer.DirectionIndex.WR_HIGH;
import static org.tessel.costmodel.layer.DirectionIndex.WR_LOW;

import java.util.Arrays;

/**
 * Part of {@link LayerEvaluator}'s workspace: the latency the data transfers add to the temporal
 * cycles, from the transfer pattern latency reads ({@link TransferPatterns#forLatency}) — real and
 * allowed cycles of the active movements (spec costmodel.md §7), the stall of every memory port
 * (§8), and the loading of the inputs before and off-loading of the output after the layer (§9).
 */
final class TransferLatency {

    private final WorkspaceIndex index;
    /**
     * Per direction ({@link WorkspaceIndex#direction}): real cycles per period, written by
     * {@link #stall} for the movements it finds active (the only ones {@link #loading} and
     * {@link #offloading} read: they refuse a movement no active port recorded).
     */
    private long[] real = new long[0];
    /** Per direction, as the port walk records it: loading, -1 if no port, else 1 if I1 and I2 share the port. */
    private int[] loadShared = new int[0];
    /** Per direction, as the port walk records it: an off-loading movement some active port carries. */
    private boolean[] offRecorded = new boolean[0];
    private final PortActivities port = new PortActivities();

    TransferLatency(WorkspaceIndex index) {
        this.index = index;
    }

    /** Makes room for {@code operands} operands as {@link #index} is laid out now, {@code portUses} per port. */
    void ensureCapacity(int operands, int portUses) {
        int dirs = index.directionSlots(operands);
        if (real.length < dirs) {
            real = new long[dirs];
            loadShared = new int[dirs];
            offRecorded = new boolean[dirs];
        }
        port.ensureCapacity(portUses);
    }

    /**
     * The stall of the layer's transfers: spec costmodel.md §8, the largest stall over the ports that
     * carry an active transfer (none below 0), with §7's real and allowed cycles computed for the
     * movements the walk meets active — the only ones §8 and §9 read — and recording on the way
     * which loading and off-loading movements some port carries.
     */
    long stall(IndexedHierarchy h, TransferPatterns patterns, DoubleBuffering buffering) {
        boolean[] db = buffering.doubleBuffered;
        int dirs = index.directionSlots(h.operands);
        Arrays.fill(loadShared, 0, dirs, -1);
        Arrays.fill(offRecorded, 0, dirs, false);
        long stall = 0;
        boolean anyPort = false;
        long[] actReal = port.real;
        long[] actAllowed = port.allowed;
        long[] actPeriod = port.period;
        long[] actCount = port.count;
        int[] start = h.portUseStart;
        int[] slot = h.useSlot;
        int[] version = h.useVersion;
        int[] record = h.useRecord;
        long[] bandwidth = h.useBandwidth;
        int[] bufferSlot = h.useBufferSlot;
        long[][] amounts = patterns.amount;
        long[][] precisions = patterns.precision;
        long[][] counts = patterns.count;
        long[][] periods = patterns.period;
        long[][] windows = patterns.window;
        for (int p = 0; p < start.length - 1; p++) {
            int active = 0;
            for (int u = start[p]; u < start[p + 1]; u++) {
                int k = slot[u];
                int v = version[u];
                long c = counts[v][k];
                if (c == 0) {
                    continue;
                }
                // §7
                long pe = periods[v][k];
                long r = realCycles(amounts[v][k] * precisions[v][k], bandwidth[u]);
                long a = db[bufferSlot[u]] ? pe : windows[v][k];
                real[k] = r;
                actReal[active] = r;
                actAllowed[active] = a;
                actPeriod[active] = pe;
                actCount[active] = c;
                active++;
                if (record[u] == IndexedHierarchy.RECORDS_LOADING) {
                    loadShared[k] = h.portShared[p] ? 1 : 0;
                } else if (record[u] == IndexedHierarchy.RECORDS_OFFLOADING) {
                    offRecorded[k] = true;
                }
            }
            if (active > 0) {
                long ss = active == 1 ? (actReal[0] - actAllowed[0]) * (actCount[0] - 1) : port.stall(active);
                stall = anyPort ? Math.max(stall, ss) : ss;
                anyPort = true;
            }
        }
        return Math.max(0, stall);
    }

    // ceil(amount · precision / bw); (long) ceil(0.0 / bw) is 0 for every bw (NaN casts to 0)
    private static long realCycles(long bits, long bw) {
        return bits == 0 ? 0 : (long) Math.ceil((double) bits / bw);
    }

    /** Spec costmodel.md §9.1: cycles to load the inputs before the layer, after {@link #stall}. */
    long loading(LayerContext ctx, IndexedHierarchy h) {
        int[] inputs = h.inputs;
        long indiv0 = 0;
        long half0 = 0;
        long sh0 = 0;
        long indiv1 = 0;
        long half1 = 0;
        long sh1 = 0;
        for (int i = 0; i < inputs.length; i++) {
            int x = inputs[i];
            if (!h.isInputOperand[x]) {
                continue;
            }
            int n = h.levels[x];
            int k0 = index.direction(x, 0, 0);
            for (int m = 0; m <= n - 2; m++) {
                int k = k0 + m * DirectionIndex.COUNT;
                int kHigh = k + WR_HIGH; // level m
                int kLow = k + DirectionIndex.COUNT + RD_LOW; // level m + 1
                int a = loadShared[kHigh];
                int b = loadShared[kLow];
                if (a < 0 || b < 0) {
                    throw new IllegalStateException("no port records the loading of " + ctx.operands().get(x)
                            + " at level " + m);
                }
                long l = Math.max(real[kHigh], real[kLow]);
                boolean s1 = a == 1;
                boolean s2 = b == 1;
                if (i == 0) {
                    if (!s1 && !s2) {
                        indiv0 += l;
                    } else if (s1 && s2) {
                        sh0 += l;
                    } else {
                        half0 = l; // spec costmodel.md §9.1 quirk: assignment, not accumulation
                    }
                } else if (i == 1) {
                    if (!s1 && !s2) {
                        indiv1 += l;
                    } else if (s1 && s2) {
                        sh1 += l;
                    } else {
                        half1 = l;
                    }
                }
            }
        }
        if (inputs.length == 1) { // at least one: IndexedHierarchy
            return indiv0;
        }
        long p1 = sh0 + Math.max(sh1 + half1 + indiv1, half0 + indiv0);
        long p2 = sh1 + Math.max(sh0 + half0 + indiv0, half1 + indiv1);
        return Math.min(p1, p2);
    }

    /** Spec costmodel.md §9.2: cycles to off-load the output after the layer, after {@link #stall}. */
    long offloading(IndexedHierarchy h) {
        int n = h.levels[0];
        if (n < 2) {
            throw new IllegalStateException("the output needs at least two memory levels");
        }
        long last = 0;
        int k0 = index.direction(0, 0, 0);
        for (int m = 0; m <= n - 2; m++) {
            int k = k0 + m * DirectionIndex.COUNT;
            int kHigh = k + RD_HIGH; // level m
            int kLow = k + DirectionIndex.COUNT + WR_LOW; // level m + 1
            if (!offRecorded[kHigh] || !offRecorded[kLow]) {
                throw new IllegalStateException("no port records the off-loading at level " + m);
            }
            last = Math.max(real[kHigh], real[kLow]);
        }
        long off = last;
        for (int m = 0; m <= n - 3; m++) {
            off += h.latency[0][m + 1];
        }
        return off;
    }
}
