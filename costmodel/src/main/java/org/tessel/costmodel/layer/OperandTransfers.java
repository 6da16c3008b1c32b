package org.tessel.costmodel.layer;

import static org.tessel.costmodel.layer.DirectionIndex.RD_HIGH;
import static org.tessel.costmodel.layer.DirectionIndex.RD_LOW;
import static org.tessel.costmodel.layer.DirectionIndex.WR_HIGH;
import static org.tessel.costmodel.layer.DirectionIndex.WR_LOW;

import org.tessel.costmodel.spatial.SpatialUnits;

/**
 * The mapping-derived quantities of one operand for one version of the spatial mapping
 * (fractional or ceiled): data sizes per architectural level (spec costmodel.md §1–§2.3) and the
 * periodic transfer pattern per memory level and direction (spec costmodel.md §2.4–§2.6).
 * Directions are indexed as {@link DirectionIndex}.
 *
 * <p>The object form {@link IncrementalEnergy} reuses per operand (and the test oracle builds);
 * {@link LayerEvaluator} computes the same, without the informational products, in
 * {@link TransferPatterns}.
 */
final class OperandTransfers {

    /** Number of memory levels N. */
    final int levels;
    /** Informational per-architectural-level products (spec costmodel.md §2.1, §2.4). */
    final double[] r1;
    final double[] ir1;
    final double[] r2;
    final double[] ir2;
    final long[] rc1;
    final double[] ic1;
    final double[] ic2;
    final long[] raw1;
    final long[] raw2;
    /** {@code prec[a]}. */
    final long[] prec;
    /** {@code D[a]}: elements held by one instance of memory level a-1. */
    final long[] data;
    /** {@code Dbits[a]} (with the output precision off-by-one quirk). */
    final long[] dataBits;
    /** {@code EffBits[a]}. */
    final long[] effBits;
    /** Per memory level m and direction. */
    final long[][] amount;
    final long[][] period;
    final long[][] count;
    final long[][] window;
    final long[][] precision;

    /** With the informational products (the per-level tables of spec examples.md). */
    OperandTransfers(LayerContext ctx, int x, boolean ceiled, StationaryMapping tm, long totalCycles) {
        this(ctx, x, ceiled, tm, totalCycles, true);
    }

    /**
     * @param informational false to skip what neither energy nor latency uses: for input operands
     *     the whole C1 sequence ({@code r1}, {@code ir1}, {@code Rc1}, {@code Ic1}, {@code raw1} stay 0),
     *     and {@code Ic2}, {@code raw2}
     */
    OperandTransfers(LayerContext ctx, int x, boolean ceiled, StationaryMapping tm, long totalCycles,
            boolean informational) {
        IndexedOperand operand = ctx.indexedOperand(x);
        boolean c1Needed = informational || x == 0; // the output needs ir1 (Ocaal) and the psum flags
        SpatialUnits units = ctx.units(ceiled);
        double[][] spatialSizes = ceiled ? operand.spatialSizesInt : operand.spatialSizes;
        int n = tm.ends.length;
        this.levels = n;
        // spec costmodel.md §1–§2.1: per-level products of C1[a] = T[a-1] ++ S[a] and C2[a] = T[a-1] ++ S[a-1],
        // each pr-decoupled as one running sequence (spec mapping.md §2.1)
        r1 = new double[n + 1];
        ir1 = new double[n + 1];
        r2 = new double[n + 1];
        ir2 = new double[n + 1];
        boolean[] irflag = new boolean[n + 1];
        PrDecoupler d1 = c1Needed ? new PrDecoupler() : null;
        PrDecoupler d2 = new PrDecoupler();
        if (c1Needed) {
            d1.reset(operand);
        }
        d2.reset(operand);
        for (int a = 0; a <= n; a++) {
            if (c1Needed) {
                d1.begin();
            }
            d2.begin();
            if (a > 0) {
                for (int i = tm.start(a - 1); i < tm.ends[a - 1]; i++) {
                    if (c1Needed) {
                        d1.add(tm.dims[i], tm.sizes[i]);
                    }
                    d2.add(tm.dims[i], tm.sizes[i]);
                }
                int[] sd = operand.spatialDims[a - 1];
                double[] ss = spatialSizes[a - 1];
                for (int k = 0; k < sd.length; k++) {
                    d2.add(sd[k], ss[k]);
                }
            }
            int[] sd = operand.spatialDims[a];
            double[] ss = spatialSizes[a];
            for (int k = 0; c1Needed && k < sd.length; k++) {
                d1.add(sd[k], ss[k]);
            }
            r1[a] = c1Needed ? d1.r : 1;
            ir1[a] = c1Needed ? d1.ir : 1;
            irflag[a] = c1Needed && d1.irFlag;
            r2[a] = d2.r;
            ir2[a] = d2.ir;
        }
        // spec costmodel.md §2.1, §2.3: D[a] = Rc2[a] = round(prod_{b<=a} r2[b])
        rc1 = new long[n + 1];
        ic1 = new double[n + 1];
        ic2 = new double[n + 1];
        raw1 = new long[n + 1];
        raw2 = new long[n + 1];
        data = new long[n + 1];
        long macs = ctx.macCount();
        double cr1 = 1;
        double cr2 = 1;
        double ci1 = 1;
        double ci2 = 1;
        for (int a = 0; a <= n; a++) {
            cr2 *= r2[a];
            data[a] = (long) Math.rint(cr2);
            if (informational) {
                cr1 *= r1[a];
                ci1 *= ir1[a];
                ci2 *= ir2[a];
                rc1[a] = (long) Math.rint(cr1);
                ic1[a] = ci1;
                ic2[a] = ci2;
                raw1[a] = (long) Math.rint(macs / ci1);
                raw2[a] = (long) Math.rint(macs / ci2);
            }
        }
        boolean output = x == 0;
        // spec costmodel.md §2.1: Ocaal[a] = prod_{b=a..N} ir1_O[b]; §2.2 psum flags
        double[] ocaal = new double[n + 3];
        boolean[] psum = new boolean[n + 1];
        if (output) {
            TransferPatterns.outputReuse(n, ir1, irflag, ocaal, psum);
        }
        // spec costmodel.md §2.2 (off-by-one quirk: prec[O][a] from psum[a]) and §2.3
        dataBits = new long[n + 1];
        effBits = new long[n + 1];
        prec = new long[n + 1];
        for (int a = 0; a <= n; a++) {
            prec[a] = output ? (psum[a] ? ctx.outputPartialPrecision() : ctx.outputFinalPrecision()) : ctx.precision(x);
            dataBits[a] = data[a] * prec[a];
            effBits[a] = Math.floorDiv(dataBits[a], a == 0 ? 1 : tm.topR[a]);
        }
        // spec costmodel.md §2.4–§2.6
        amount = new long[n][4];
        period = new long[n][4];
        count = new long[n][4];
        window = new long[n][4];
        precision = new long[n][4];
        for (int m = 0; m < n; m++) {
            long cycLow = m == 0 ? 1 : tm.cycles[m - 1];
            long cycHigh = tm.cycles[m];
            long lowAmount = data[m] * units.boost(x, m);
            long highAmount = data[m + 1];
            int lowDir = output ? WR_LOW : RD_LOW;
            int highDir = output ? RD_HIGH : WR_HIGH;
            set(m, lowDir, lowAmount, cycLow, totalCycles / cycLow, cycLow / tm.topIr[m]);
            set(m, highDir, highAmount, cycHigh, totalCycles / cycHigh, cycHigh / tm.topIr[m + 1]);
            if (output) {
                // spec costmodel.md §2.4: precision decided by whether the element counts are non-zero
                boolean readBack = ocaal[m + 1] != 1.0;
                boolean fromAbove = ocaal[m + 2] != 1.0;
                precision[m][WR_LOW] = readBack ? ctx.outputPartialPrecision() : ctx.outputFinalPrecision();
                precision[m][RD_LOW] = readBack ? ctx.outputPartialPrecision() : 0;
                precision[m][RD_HIGH] = fromAbove ? ctx.outputPartialPrecision() : ctx.outputFinalPrecision();
                precision[m][WR_HIGH] = fromAbove ? ctx.outputPartialPrecision() : 0;
                if (psum[m]) {
                    copy(m, WR_LOW, RD_LOW);
                }
                if (m + 1 < n && psum[m + 1]) {
                    copy(m, RD_HIGH, WR_HIGH);
                }
            } else {
                precision[m][RD_LOW] = ctx.precision(x);
                precision[m][WR_HIGH] = ctx.precision(x);
            }
        }
        // spec costmodel.md §2.6: no traffic above the top level
        int top = n - 1;
        for (int d : new int[] {RD_HIGH, WR_HIGH}) {
            amount[top][d] = 0;
            period[top][d] = 0;
            count[top][d] = 0;
            window[top][d] = 0;
            precision[top][d] = 0;
        }
    }

    private void set(int m, int d, long amt, long per, long cnt, long win) {
        amount[m][d] = amt;
        period[m][d] = per;
        count[m][d] = cnt;
        window[m][d] = win;
    }

    private void copy(int m, int from, int to) {
        set(m, to, amount[m][from], period[m][from], count[m][from], window[m][from]);
    }
}
