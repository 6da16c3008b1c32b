package org.tessel.costmodel.layer;

import static org.tessel.costmodel.layer.DirectionIndex.RD_HIGH;
import static org.tessel.costmodel.layer.DirectionIndex.RD_LOW;
import static org.tessel.costmodel.layer.DirectionIndex.WR_HIGH;
import static org.tessel.costmodel.layer.DirectionIndex.WR_LOW;

/**
 * Part of {@link LayerEvaluator}'s workspace: per operand the data sizes per architectural level
 * and the periodic transfer pattern per memory level and direction (spec costmodel.md §1–§2.6),
 * the flat form of {@link OperandTransfers} without its informational products and with the same
 * arithmetic. Each exists in two versions ({@code [v]}): {@link #FRACTIONAL} (energy, buffer
 * state) and {@link #CEILED} (latency); the ceiled one is computed only for operands whose ceiled
 * spatial mapping differs ({@link IndexedHierarchy#ceiledSame}), otherwise latency reads the
 * fractional one ({@link #forLatency}).
 */
final class TransferPatterns {

    static final int FRACTIONAL = 0;
    static final int CEILED = 1;

    private final WorkspaceIndex index;
    /** Per architectural level ({@link WorkspaceIndex#arch}): {@code D[a]}, elements one level-(a-1) instance holds. */
    final long[][] data = {new long[0], new long[0]};
    /** Per architectural level, fractional version only: {@code Dbits[a]}, {@code EffBits[a]} (spec §2.3). */
    long[] dataBits = new long[0];
    long[] effBits = new long[0];
    /** Per direction ({@link WorkspaceIndex#direction}): elements per period, period, periods, window, precision. */
    final long[][] amount = {new long[0], new long[0]};
    final long[][] period = {new long[0], new long[0]};
    final long[][] count = {new long[0], new long[0]};
    final long[][] window = {new long[0], new long[0]};
    final long[][] precision = {new long[0], new long[0]};
    // one operand's scratch per architectural level
    private double[] r2 = new double[0];
    private double[] ir1 = new double[0];
    private boolean[] irFlag = new boolean[0];
    private double[] ocaal = new double[0];
    private boolean[] psum = new boolean[0];
    private final PrDecoupler c1 = new PrDecoupler();
    private final PrDecoupler c2 = new PrDecoupler();

    TransferPatterns(WorkspaceIndex index) {
        this.index = index;
    }

    /** The version latency reads for operand {@code x}. */
    static int forLatency(IndexedHierarchy h, int x) {
        return h.ceiledSame[x] ? FRACTIONAL : CEILED;
    }

    /** Makes room for {@code operands} operands as {@link #index} is laid out now. */
    void ensureCapacity(int operands) {
        int arch = index.archSlots(operands);
        if (dataBits.length < arch) {
            dataBits = new long[arch];
            effBits = new long[arch];
            data[FRACTIONAL] = new long[arch];
            data[CEILED] = new long[arch];
        }
        int dirs = index.directionSlots(operands);
        if (amount[FRACTIONAL].length < dirs) {
            for (int v = FRACTIONAL; v <= CEILED; v++) {
                amount[v] = new long[dirs];
                period[v] = new long[dirs];
                count[v] = new long[dirs];
                window[v] = new long[dirs];
                precision[v] = new long[dirs];
            }
        }
        int perOperand = index.maxLevels() + 3;
        if (r2.length < perOperand) {
            r2 = new double[perOperand];
            ir1 = new double[perOperand];
            irFlag = new boolean[perOperand];
            ocaal = new double[perOperand];
            psum = new boolean[perOperand];
        }
    }

    /** Every operand's patterns: the fractional version, and the ceiled one where it differs. */
    void compute(LayerContext ctx, IndexedHierarchy h, MergedLoops loops, long totalCycles) {
        for (int x = 0; x < h.operands; x++) {
            compute(ctx, h, loops, x, FRACTIONAL, totalCycles);
            if (!h.ceiledSame[x]) {
                compute(ctx, h, loops, x, CEILED, totalCycles);
            }
        }
    }

    // as OperandTransfers(ctx, x, v == CEILED, tm, totalCycles, false): spec costmodel.md §1–§2.6
    private void compute(LayerContext ctx, IndexedHierarchy h, MergedLoops loops, int x, int v, long totalCycles) {
        IndexedOperand operand = ctx.indexedOperand(x);
        boolean output = x == 0;
        double[][] spatialSizes = v == CEILED ? operand.spatialSizesInt : operand.spatialSizes;
        int n = h.levels[x];
        int loop0 = index.loop(x, 0);
        int arch0 = index.arch(x, 0);
        int[] dims = loops.dims;
        long[] sizes = loops.sizes;
        int[] ends = loops.ends;
        int level0 = index.level(x, 0);
        // spec costmodel.md §1–§2.1: per-level products of C1[a] = T[a-1] ++ S[a] (output only: ir1 and the
        // psum flags) and C2[a] = T[a-1] ++ S[a-1], each pr-decoupled as one running sequence
        c2.reset(operand);
        if (output) {
            c1.reset(operand);
        }
        for (int a = 0; a <= n; a++) {
            if (output) {
                c1.begin();
            }
            c2.begin();
            if (a > 0) {
                int s = a == 1 ? 0 : ends[level0 + a - 2];
                int e = ends[level0 + a - 1];
                for (int i = loop0 + s; i < loop0 + e; i++) {
                    if (output) {
                        c1.addIrrelevant(dims[i], sizes[i]);
                    }
                    c2.addRelevant(dims[i], sizes[i]);
                }
                int[] sd = operand.spatialDims[a - 1];
                double[] ss = spatialSizes[a - 1];
                for (int k = 0; k < sd.length; k++) {
                    c2.addRelevant(sd[k], ss[k]);
                }
            }
            if (output) {
                int[] sd = operand.spatialDims[a];
                double[] ss = spatialSizes[a];
                for (int k = 0; k < sd.length; k++) {
                    c1.addIrrelevant(sd[k], ss[k]);
                }
            }
            r2[a] = c2.r;
            ir1[a] = output ? c1.ir : 1;
            irFlag[a] = output && c1.irFlag;
        }
        // spec costmodel.md §2.1, §2.3: D[a] = Rc2[a] = round(prod_{b<=a} r2[b])
        long[] dat = data[v];
        double cr2 = 1;
        for (int a = 0; a <= n; a++) {
            cr2 *= r2[a];
            dat[arch0 + a] = (long) Math.rint(cr2);
        }
        if (output) { // spec costmodel.md §2.1–§2.2
            outputReuse(n, ir1, irFlag, ocaal, psum);
        }
        int partial = h.outputPartialPrecision;
        int fin = h.outputFinalPrecision;
        int own = h.precision[x];
        // spec costmodel.md §2.2 (off-by-one quirk: prec[O][a] from psum[a]) and §2.3; only the
        // fractional version's bits are used (buffer state)
        if (v == FRACTIONAL) {
            long[] topR = loops.topR;
            for (int a = 0; a <= n; a++) {
                long prec = output ? (psum[a] ? partial : fin) : own;
                long bits = dat[arch0 + a] * prec;
                dataBits[arch0 + a] = bits;
                effBits[arch0 + a] = bits / (a == 0 ? 1 : topR[arch0 + a]); // both non-negative: floorDiv
            }
        }
        // spec costmodel.md §2.4–§2.6
        long[] am = amount[v];
        long[] pe = period[v];
        long[] co = count[v];
        long[] wi = window[v];
        long[] pr = precision[v];
        long[] boost = h.boost[v][x];
        long[] cycles = loops.cycles;
        long[] topIr = loops.topIr;
        int lowDir = output ? WR_LOW : RD_LOW;
        int highDir = output ? RD_HIGH : WR_HIGH;
        // the high side of level m and the low side of level m+1 share cycle_cabl[m], so its count and
        // window (the same integer divisions) are computed once
        long cycLow = 1;
        long cntLow = totalCycles;
        long winLow = 1 / topIr[arch0];
        int k0 = index.direction(x, 0, 0);
        for (int m = 0; m < n; m++) {
            int k = k0 + m * DirectionIndex.COUNT;
            for (int d = 0; d < DirectionIndex.COUNT; d++) {
                am[k + d] = 0;
                pe[k + d] = 0;
                co[k + d] = 0;
                wi[k + d] = 0;
                pr[k + d] = 0;
            }
            long cycHigh = cycles[level0 + m];
            long cntHigh = totalCycles / cycHigh;
            long winHigh = cycHigh / topIr[arch0 + m + 1];
            int lo = k + lowDir;
            am[lo] = dat[arch0 + m] * boost[m];
            pe[lo] = cycLow;
            co[lo] = cntLow;
            wi[lo] = winLow;
            int hi = k + highDir;
            am[hi] = dat[arch0 + m + 1];
            pe[hi] = cycHigh;
            co[hi] = cntHigh;
            wi[hi] = winHigh;
            cycLow = cycHigh;
            cntLow = cntHigh;
            winLow = winHigh;
            if (output) {
                // spec costmodel.md §2.4: precision decided by whether the element counts are non-zero
                boolean readBack = ocaal[m + 1] != 1.0;
                boolean fromAbove = ocaal[m + 2] != 1.0;
                pr[k + WR_LOW] = readBack ? partial : fin;
                pr[k + RD_LOW] = readBack ? partial : 0;
                pr[k + RD_HIGH] = fromAbove ? partial : fin;
                pr[k + WR_HIGH] = fromAbove ? partial : 0;
                if (psum[m]) { // rd→low moves as wr←low
                    am[k + RD_LOW] = am[k + WR_LOW];
                    pe[k + RD_LOW] = pe[k + WR_LOW];
                    co[k + RD_LOW] = co[k + WR_LOW];
                    wi[k + RD_LOW] = wi[k + WR_LOW];
                }
                if (m + 1 < n && psum[m + 1]) { // wr←high moves as rd→high
                    am[k + WR_HIGH] = am[k + RD_HIGH];
                    pe[k + WR_HIGH] = pe[k + RD_HIGH];
                    co[k + WR_HIGH] = co[k + RD_HIGH];
                    wi[k + WR_HIGH] = wi[k + RD_HIGH];
                }
            } else {
                pr[k + RD_LOW] = own;
                pr[k + WR_HIGH] = own;
            }
        }
        // spec costmodel.md §2.6: no traffic above the top level
        int top = index.direction(x, n - 1, 0);
        for (int d = RD_HIGH; d <= WR_HIGH; d++) {
            am[top + d] = 0;
            pe[top + d] = 0;
            co[top + d] = 0;
            wi[top + d] = 0;
            pr[top + d] = 0;
        }
    }

    /**
     * The output's reuse from its C1 products (spec costmodel.md §2.1: {@code Ocaal[a] =
     * prod_{b=a..N} ir1[b]}, 1 at N+1 and N+2) and its partial-sum flags (§2.2: {@code psum[m]}
     * when a level above m has an irrelevant factor above 1; {@code psum[N]} false).
     */
    static void outputReuse(int n, double[] ir1, boolean[] irFlag, double[] ocaal, boolean[] psum) {
        for (int a = 0; a <= n; a++) {
            double p = 1;
            for (int b = a; b <= n; b++) {
                p *= ir1[b];
            }
            ocaal[a] = p;
        }
        ocaal[n + 1] = 1;
        ocaal[n + 2] = 1;
        for (int m = 0; m < n; m++) {
            boolean f = false;
            for (int a = m + 1; a <= n; a++) {
                f |= irFlag[a];
            }
            psum[m] = f;
        }
        psum[n] = false;
    }
}
