package org.tessel.costmodel.layer;

import java.util.Arrays;
import java.util.List;
import org.tessel.costmodel.LayerCost;
import org.tessel.costmodel.Loop;
import org.tessel.costmodel.OperandCostTable;
import org.tessel.model.mapping.TemporalLoop;
import org.tessel.model.mapping.TemporalMapping;

/**
 * The single-layer cost model (spec costmodel.md) in one pass over one reusable workspace of flat
 * arrays: the same arithmetic as {@link StationaryMapping}, {@link OperandTransfers} (without the
 * informational products), {@link OperandEnergy}, {@code BufferState}, {@code TransferCycles},
 * {@code PortActivity} and the loading/off-loading of the test oracle {@code LayerCostOracle}, in the same order of
 * operations, so every number is bit-identical; only the storage differs. One instance per thread
 * ({@link #local()}); the arrays grow to the largest context seen and are reused. The result's
 * breakdown is an {@link OperandCostTable} over one array, its records built only when read.
 *
 * <p>Indexing, with {@code N} the largest chain length of the context: level {@code (x, m)} at
 * {@code x·N + m}; architectural level {@code (x, a)} at {@code x·(N+1) + a}; direction
 * {@code (x, m, d)} at {@code (x·N + m)·4 + d}; loop {@code i} of operand {@code x} at
 * {@code x·L + i}. Transfer patterns exist in two versions: [0] fractional, [1] ceiled (used only
 * for operands whose ceiled spatial mapping differs, {@link IndexedHierarchy#ceiledSame}).
 */
final class LayerEvaluator {

    private static final int RD_LOW = DirectionIndex.RD_LOW;
    private static final int WR_LOW = DirectionIndex.WR_LOW;
    private static final int RD_HIGH = DirectionIndex.RD_HIGH;
    private static final int WR_HIGH = DirectionIndex.WR_HIGH;

    /** Bit words of the window-union marking kept between calls (larger ones are temporary). */
    private static final int KEPT_SLOT_WORDS = 1 << 14;

    private static final ThreadLocal<LayerEvaluator> LOCAL = ThreadLocal.withInitial(LayerEvaluator::new);

    /** This thread's evaluator. */
    static LayerEvaluator local() {
        return LOCAL.get();
    }

    private int nmax;
    private int loopCap;

    // loops: the mapping's (operand-independent) and per operand after placement by level
    private int[] mapDims = new int[0];
    private long[] mapSizes = new long[0];
    private int[] loopLevel = new int[0];
    private int[] dims = new int[0];
    private long[] sizes = new long[0];
    private int[] fill = new int[0];
    // stationary mapping per level / architectural level
    private int[] ends = new int[0];
    private long[] cycles = new long[0];
    private long[] topR = new long[0];
    private long[] topIr = new long[0];
    // transfer pattern per version
    private final long[][] data = {new long[0], new long[0]};
    private long[] dataBits = new long[0];
    private long[] effBits = new long[0];
    private final long[][] amount = {new long[0], new long[0]};
    private final long[][] period = {new long[0], new long[0]};
    private final long[][] count = {new long[0], new long[0]};
    private final long[][] window = {new long[0], new long[0]};
    private final long[][] precision = {new long[0], new long[0]};
    // per-operand scratch of the transfer pattern (architectural levels)
    private double[] r2 = new double[0];
    private double[] ir1 = new double[0];
    private boolean[] irFlag = new boolean[0];
    private double[] ocaal = new double[0];
    private boolean[] psum = new boolean[0];
    private final Decoupler d1 = new Decoupler();
    private final Decoupler d2 = new Decoupler();
    // buffer state per level / double-buffer flags per architectural level
    private double[] eff = new double[0];
    private double[] effShared = new double[0];
    private boolean[] db = new boolean[0];
    // latency per direction
    private long[] real = new long[0];
    private long[] allowed = new long[0];
    private int[] loadShared = new int[0];
    private boolean[] offRecorded = new boolean[0];
    // one port's activities
    private long[] actReal = new long[0];
    private long[] actAllowed = new long[0];
    private long[] actPeriod = new long[0];
    private long[] actCount = new long[0];
    private long[] slotWords = new long[0];

    private LayerEvaluator() {}

    /** As {@link LayerCostModel#evaluate(LayerContext, TemporalMapping)}. */
    LayerCost evaluate(LayerContext ctx, TemporalMapping mapping) {
        IndexedHierarchy h = ctx.indexedHierarchy();
        int ops = h.operands;
        List<TemporalLoop> loops = mapping.loops();
        int n0 = loops.size();
        prepare(h, n0);
        for (int i = 0; i < n0; i++) {
            TemporalLoop l = loops.get(i);
            mapDims[i] = h.dimensionId(ctx, l.dimension());
            mapSizes[i] = l.size();
        }
        for (int x = 0; x < ops; x++) {
            String op = ctx.operands().get(x);
            List<Integer> lv = mapping.levels().get(op);
            if (lv == null) {
                throw new IllegalArgumentException("temporal mapping has no levels for operand " + op);
            }
            // StationaryMapping.of(code, dims, sizes, levelOfLoop, levelCount, operand): stable placement by level
            int n = h.levels[x];
            int eb = x * nmax;
            Arrays.fill(ends, eb, eb + n, 0);
            for (int i = 0; i < n0; i++) {
                int m = lv.get(i);
                checkLevel(op, m, n);
                loopLevel[i] = m;
                ends[eb + m]++;
            }
            int e = 0;
            for (int m = 0; m < n; m++) {
                fill[m] = e;
                e += ends[eb + m];
                ends[eb + m] = e;
            }
            int lb = x * loopCap;
            for (int i = 0; i < n0; i++) {
                int at = lb + fill[loopLevel[i]]++;
                dims[at] = mapDims[i];
                sizes[at] = mapSizes[i];
            }
            mergeDown(ctx.indexedOperand(x), x, n);
        }
        return evaluate(ctx, h);
    }

    /** As {@link LayerCostModel#evaluateLevels}. */
    LayerCost evaluateLevels(LayerContext ctx, List<List<List<Loop>>> temporal) {
        IndexedHierarchy h = ctx.indexedHierarchy();
        int ops = h.operands;
        int cap = 0;
        for (int x = 0; x < ops; x++) {
            List<List<Loop>> levels = temporal.get(x);
            checkLevelCount(ctx, x, levels.size());
            int total = 0;
            for (List<Loop> l : levels) {
                total += l.size();
            }
            cap = Math.max(cap, total);
        }
        prepare(h, cap);
        for (int x = 0; x < ops; x++) {
            // StationaryMapping.of(ctx, x, levels)
            List<List<Loop>> levels = temporal.get(x);
            int n = h.levels[x];
            int eb = x * nmax;
            int lb = x * loopCap;
            int i = 0;
            for (int m = 0; m < n; m++) {
                List<Loop> level = levels.get(m);
                for (int k = 0, c = level.size(); k < c; k++) {
                    Loop l = level.get(k);
                    dims[lb + i] = h.dimensionId(ctx, l.dim());
                    sizes[lb + i] = (long) l.size();
                    i++;
                }
                ends[eb + m] = i;
            }
            mergeDown(ctx.indexedOperand(x), x, n);
        }
        return evaluate(ctx, h);
    }

    /** Memory level {@code m} of operand {@code op}, whose chain has {@code n} levels, exists. */
    static void checkLevel(String op, int m, int n) {
        if (m >= n) {
            throw new IllegalArgumentException("operand " + op + " has only " + n + " memory levels");
        }
        if (m < 0) {
            throw new IllegalArgumentException("operand " + op + " has no memory level " + m);
        }
    }

    /** Operand {@code x} is allocated to as many memory levels as its chain has. */
    static void checkLevelCount(LayerContext ctx, int x, int count) {
        int n = ctx.chain(x).size();
        if (count != n) {
            throw new IllegalArgumentException("operand " + ctx.operands().get(x) + " has " + n
                    + " memory levels, the allocation gives loops for " + count);
        }
    }

    private void prepare(IndexedHierarchy h, int loops) {
        int ops = h.operands;
        nmax = h.maxLevels;
        loopCap = loops;
        int lv = ops * nmax;
        int ar = ops * (nmax + 1);
        int dr = lv * 4;
        int lp = ops * loops;
        if (mapDims.length < loops) {
            mapDims = new int[loops];
            mapSizes = new long[loops];
            loopLevel = new int[loops];
        }
        if (dims.length < lp) {
            dims = new int[lp];
            sizes = new long[lp];
        }
        if (ends.length < lv) {
            ends = new int[lv];
            cycles = new long[lv];
            eff = new double[lv];
            effShared = new double[lv];
            fill = new int[nmax];
        }
        if (topR.length < ar) {
            topR = new long[ar];
            topIr = new long[ar];
            dataBits = new long[ar];
            effBits = new long[ar];
            db = new boolean[ar];
            data[0] = new long[ar];
            data[1] = new long[ar];
        }
        if (real.length < dr) {
            real = new long[dr];
            allowed = new long[dr];
            loadShared = new int[dr];
            offRecorded = new boolean[dr];
            for (int v = 0; v < 2; v++) {
                amount[v] = new long[dr];
                period[v] = new long[dr];
                count[v] = new long[dr];
                window[v] = new long[dr];
                precision[v] = new long[dr];
            }
        }
        if (r2.length < nmax + 3) {
            r2 = new double[nmax + 3];
            ir1 = new double[nmax + 3];
            irFlag = new boolean[nmax + 3];
            ocaal = new double[nmax + 3];
            psum = new boolean[nmax + 3];
        }
        if (actReal.length < h.maxPortUses) {
            int u = h.maxPortUses;
            actReal = new long[u];
            actAllowed = new long[u];
            actPeriod = new long[u];
            actCount = new long[u];
        }
    }

    // StationaryMapping(code, dims, sizes, levelEnds): spec mapping.md §3.6
    private void mergeDown(IndexedOperand code, int x, int n) {
        int eb = x * nmax;
        int lb = x * loopCap;
        boolean[] irrelevant = code.irrelevant;
        // §3.6(a): irrelevant loops at the bottom of level m move to the top of level m-1 until nothing
        // changes; updating in place in ascending m reads only the previous round's ends, as the reference
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int m = 1; m < n; m++) {
                int start = ends[eb + m - 1];
                int end = ends[eb + m];
                int i = start;
                while (i < end && irrelevant[dims[lb + i]]) {
                    i++;
                }
                if (i > start) {
                    ends[eb + m - 1] = i;
                    changed = true;
                }
            }
        }
        // §3.6(b)
        long c = 1;
        int start = 0;
        for (int m = 0; m < n; m++) {
            int end = ends[eb + m];
            for (int i = start; i < end; i++) {
                c *= sizes[lb + i];
            }
            cycles[eb + m] = c;
            start = end;
        }
        // §3.6(c)
        int ab = x * (nmax + 1);
        topR[ab] = 1;
        topIr[ab] = 1;
        for (int m = 0; m < n; m++) {
            int s = m == 0 ? 0 : ends[eb + m - 1];
            int e = ends[eb + m];
            topR[ab + m + 1] = topProduct(lb, s, e, code.relevant);
            topIr[ab + m + 1] = topProduct(lb, s, e, code.irrelevant);
        }
    }

    private long topProduct(int lb, int start, int end, boolean[] member) {
        long p = 1;
        for (int i = end - 1; i >= start && member[dims[lb + i]]; i--) {
            p *= sizes[lb + i];
        }
        return p;
    }

    private LayerCost evaluate(LayerContext ctx, IndexedHierarchy h) {
        int ops = h.operands;
        int nm = nmax;
        long totalCycles = cycles[h.levels[0] - 1];
        for (int x = 1; x < ops; x++) {
            if (cycles[x * nm + h.levels[x] - 1] != totalCycles) {
                throw new IllegalArgumentException("operands iterate different numbers of cycles");
            }
        }
        for (int x = 0; x < ops; x++) {
            transfers(ctx, h, x, 0, totalCycles);
            if (!h.ceiledSame[x]) {
                transfers(ctx, h, x, 1, totalCycles);
            }
        }

        // spec costmodel.md §4–§5 (OperandEnergy): word accesses and energy from the fractional mapping
        double[] values = new double[h.totalLevels * OperandCostTable.SLOT];
        long[] amt = amount[0];
        long[] prc = precision[0];
        long[] cnt = count[0];
        double memEnergy = 0;
        for (int x = 0; x < ops; x++) {
            int n = h.levels[x];
            double[] re = h.readEnergy[x];
            double[] we = h.writeEnergy[x];
            long[] rbw = h.readBandwidth[x];
            long[] wbw = h.writeBandwidth[x];
            long[] rmin = h.readMin[x];
            long[] wmin = h.writeMin[x];
            double[] rq = h.readMinRatio[x];
            double[] wq = h.writeMinRatio[x];
            double[] ratio = h.uniqueRatio[x];
            long[] units = h.unitCount[x];
            for (int m = 0; m < n; m++) {
                int k = (x * nm + m) * 4;
                double wRdLow = lowWords(amt[k + RD_LOW], prc[k + RD_LOW], cnt[k + RD_LOW], rbw[m], rmin[m], rq[m],
                        m > 0 ? wbw[m - 1] : 0, m, ratio[m], units[m]);
                double wWrLow = lowWords(amt[k + WR_LOW], prc[k + WR_LOW], cnt[k + WR_LOW], wbw[m], wmin[m], wq[m],
                        m > 0 ? rbw[m - 1] : 0, m, ratio[m], units[m]);
                double wRdHigh = highWords(amt[k + RD_HIGH], prc[k + RD_HIGH], cnt[k + RD_HIGH], rmin[m], rq[m],
                        units[m]);
                double wWrHigh = highWords(amt[k + WR_HIGH], prc[k + WR_HIGH], cnt[k + WR_HIGH], wmin[m], wq[m],
                        units[m]);
                // spec costmodel.md §5: E_rd = rd→high·r_cost + rd→low·r_cost; E_wr likewise; E = E_rd + E_wr
                double eRdHigh = wRdHigh * re[m];
                double eRdLow = wRdLow * re[m];
                double eWrHigh = wWrHigh * we[m];
                double eWrLow = wWrLow * we[m];
                double level = (eRdHigh + eRdLow) + (eWrHigh + eWrLow);
                memEnergy += level; // spec costmodel.md §5: accumulated operand by operand, level by level
                int o = (h.firstLevel[x] + m) * OperandCostTable.SLOT;
                values[o] = wRdLow;
                values[o + 1] = wWrLow;
                values[o + 2] = wRdHigh;
                values[o + 3] = wWrHigh;
                values[o + 4] = eRdLow;
                values[o + 5] = eWrLow;
                values[o + 6] = eRdHigh;
                values[o + 7] = eWrHigh;
                values[o + 8] = level;
            }
        }
        double macEnergy = h.macEnergy;
        double energyTotal = memEnergy + macEnergy;

        bufferState(ctx, h);
        // spec costmodel.md §7 (TransferCycles): real and allowed cycles from the ceiled mapping
        for (int x = 0; x < ops; x++) {
            int v = h.ceiledSame[x] ? 0 : 1;
            long[] am = amount[v];
            long[] pr = precision[v];
            long[] pe = period[v];
            long[] wi = window[v];
            int n = h.levels[x];
            int ab = x * (nm + 1);
            for (int m = 0; m < n; m++) {
                long rbw = h.readBandwidth[x][m];
                long wbw = h.writeBandwidth[x][m];
                boolean dbLow = db[ab + m];
                boolean dbHigh = db[ab + m + 1];
                int k = (x * nm + m) * 4;
                real[k + RD_LOW] = realCycles(am[k + RD_LOW] * pr[k + RD_LOW], rbw);
                real[k + WR_LOW] = realCycles(am[k + WR_LOW] * pr[k + WR_LOW], wbw);
                real[k + RD_HIGH] = realCycles(am[k + RD_HIGH] * pr[k + RD_HIGH], rbw);
                real[k + WR_HIGH] = realCycles(am[k + WR_HIGH] * pr[k + WR_HIGH], wbw);
                allowed[k + RD_LOW] = dbLow ? pe[k + RD_LOW] : wi[k + RD_LOW];
                allowed[k + WR_LOW] = dbLow ? pe[k + WR_LOW] : wi[k + WR_LOW];
                allowed[k + RD_HIGH] = dbHigh ? pe[k + RD_HIGH] : wi[k + RD_HIGH];
                allowed[k + WR_HIGH] = dbHigh ? pe[k + WR_HIGH] : wi[k + WR_HIGH];
            }
        }

        // spec costmodel.md §8: per port
        int dr = ops * nm * 4;
        Arrays.fill(loadShared, 0, dr, -1);
        Arrays.fill(offRecorded, 0, dr, false);
        long stall = 0;
        boolean anyPort = false;
        for (int p = 0; p < h.portUses.length; p++) {
            int active = 0;
            for (int[] use : h.portUses[p]) {
                int x = use[0];
                int d = use[2];
                int k = (x * nm + use[1]) * 4 + d;
                int v = h.ceiledSame[x] ? 0 : 1;
                long c = count[v][k];
                if (c == 0) {
                    continue;
                }
                actReal[active] = real[k];
                actAllowed[active] = allowed[k];
                actPeriod[active] = period[v][k];
                actCount[active] = c;
                active++;
                if (h.isInputOperand[x]) {
                    loadShared[k] = h.portShared[p] ? 1 : 0;
                } else if (d == WR_LOW || d == RD_HIGH) {
                    offRecorded[k] = true;
                }
            }
            if (active > 0) {
                long ss = active == 1 ? (actReal[0] - actAllowed[0]) * (actCount[0] - 1) : portStall(active);
                stall = anyPort ? Math.max(stall, ss) : ss;
                anyPort = true;
            }
        }
        stall = Math.max(0, stall);

        long loading = loading(ctx, h);
        long offloading = offloading(h);

        // spec costmodel.md §10
        long ideal = h.idealCycles;
        long lat0 = totalCycles + stall;
        long lat1 = lat0 + loading;
        long lat2 = lat1 + offloading;
        OperandCostTable breakdown = new OperandCostTable(ctx.operands(), h.memoryOperands, h.memoryNames, values,
                h.firstLevel);
        return new LayerCost(energyTotal, macEnergy, memEnergy, breakdown, lat0, lat1, lat2, ideal, totalCycles,
                stall, loading, offloading, (double) ideal / totalCycles);
    }

    // OperandTransfers(ctx, x, ceiled, tm, totalCycles, false): spec costmodel.md §1–§2.6
    private void transfers(LayerContext ctx, IndexedHierarchy h, int x, int v, long totalCycles) {
        IndexedOperand code = ctx.indexedOperand(x);
        boolean output = x == 0;
        double[][] spatialSizes = v == 1 ? code.spatialSizesInt : code.spatialSizes;
        int n = h.levels[x];
        int nm = nmax;
        int eb = x * nm;
        int lb = x * loopCap;
        int ab = x * (nm + 1);
        // spec costmodel.md §1–§2.1: per-level products of C1[a] = T[a-1] ++ S[a] (output only: ir1 and the
        // psum flags) and C2[a] = T[a-1] ++ S[a-1], each pr-decoupled as one running sequence
        Decoupler c1 = d1;
        Decoupler c2 = d2;
        c2.reset(code);
        if (output) {
            c1.reset(code);
        }
        for (int a = 0; a <= n; a++) {
            if (output) {
                c1.begin();
            }
            c2.begin();
            if (a > 0) {
                int s = a == 1 ? 0 : ends[eb + a - 2];
                int e = ends[eb + a - 1];
                for (int i = lb + s; i < lb + e; i++) {
                    if (output) {
                        c1.addIrrelevant(dims[i], sizes[i]);
                    }
                    c2.addRelevant(dims[i], sizes[i]);
                }
                int[] sd = code.spatialDims[a - 1];
                double[] ss = spatialSizes[a - 1];
                for (int k = 0; k < sd.length; k++) {
                    c2.addRelevant(sd[k], ss[k]);
                }
            }
            if (output) {
                int[] sd = code.spatialDims[a];
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
            dat[ab + a] = (long) Math.rint(cr2);
        }
        // spec costmodel.md §2.1: Ocaal[a] = prod_{b=a..N} ir1_O[b]; §2.2 psum flags
        if (output) {
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
        int partial = h.outputPartialPrecision;
        int fin = h.outputFinalPrecision;
        int own = h.precision[x];
        // spec costmodel.md §2.2 (off-by-one quirk: prec[O][a] from psum[a]) and §2.3; only the
        // fractional version's bits are used (buffer state)
        if (v == 0) {
            for (int a = 0; a <= n; a++) {
                long prec = output ? (psum[a] ? partial : fin) : own;
                long bits = dat[ab + a] * prec;
                dataBits[ab + a] = bits;
                effBits[ab + a] = Math.floorDiv(bits, a == 0 ? 1 : topR[ab + a]);
            }
        }
        // spec costmodel.md §2.4–§2.6
        long[] am = amount[v];
        long[] pe = period[v];
        long[] co = count[v];
        long[] wi = window[v];
        long[] pr = precision[v];
        long[] boost = h.boost[v][x];
        int lowDir = output ? WR_LOW : RD_LOW;
        int highDir = output ? RD_HIGH : WR_HIGH;
        // the high side of level m and the low side of level m+1 share cycle_cabl[m], so its count and
        // window (the same integer divisions) are computed once
        long cycLow = 1;
        long cntLow = totalCycles;
        long winLow = 1 / topIr[ab];
        for (int m = 0; m < n; m++) {
            int k = (eb + m) * 4;
            for (int d = 0; d < 4; d++) {
                am[k + d] = 0;
                pe[k + d] = 0;
                co[k + d] = 0;
                wi[k + d] = 0;
                pr[k + d] = 0;
            }
            long cycHigh = cycles[eb + m];
            long cntHigh = totalCycles / cycHigh;
            long winHigh = cycHigh / topIr[ab + m + 1];
            int lo = k + lowDir;
            am[lo] = dat[ab + m] * boost[m];
            pe[lo] = cycLow;
            co[lo] = cntLow;
            wi[lo] = winLow;
            int hi = k + highDir;
            am[hi] = dat[ab + m + 1];
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
                if (psum[m]) {
                    am[k + RD_LOW] = am[k + WR_LOW];
                    pe[k + RD_LOW] = pe[k + WR_LOW];
                    co[k + RD_LOW] = co[k + WR_LOW];
                    wi[k + RD_LOW] = wi[k + WR_LOW];
                }
                if (m + 1 < n && psum[m + 1]) {
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
        int top = (eb + n - 1) * 4;
        for (int d = RD_HIGH; d <= WR_HIGH; d++) {
            am[top + d] = 0;
            pe[top + d] = 0;
            co[top + d] = 0;
            wi[top + d] = 0;
            pr[top + d] = 0;
        }
    }

    // TransferCycles: ceil(amount · precision / bw); (long) ceil(0.0 / bw) is 0 for every bw (NaN casts to 0)
    private static long realCycles(long bits, long bw) {
        return bits == 0 ? 0 : (long) Math.ceil((double) bits / bw);
    }

    // OperandEnergy.lowWords: spec costmodel.md §4, low-side directions; minRatio = (double) bmin / bmax
    private static double lowWords(long n, long p, long count, long bmax, long bmin, double minRatio, long otherBw,
            int m, double ratio, long units) {
        if (n == 0 || p == 0) {
            return 0;
        }
        double e;
        double k;
        if (m > 0) {
            // spec costmodel.md §4: the unit_unique ratio first, then times the bandwidth
            double bother = otherBw * ratio;
            e = Math.min(Math.min(bother / p, (double) bmax / p), (double) n);
            k = Math.ceil(n / e);
        } else {
            e = n;
            k = 1;
        }
        // spec costmodel.md §4: strictly left to right
        return Math.ceil(e * p / bmin) * minRatio * count * k * units;
    }

    // OperandEnergy.highWords: spec costmodel.md §4, high-side directions; minRatio = (double) bmin / bmax
    private static double highWords(long n, long p, long count, long bmin, double minRatio, long units) {
        if (n == 0) {
            return 0;
        }
        return Math.ceil((double) (n * p) / bmin) * minRatio * count * units;
    }

    // BufferState.of: spec costmodel.md §3 and §6, from the fractional mapping; leaves db
    private void bufferState(LayerContext ctx, IndexedHierarchy h) {
        int ops = h.operands;
        int nm = nmax;
        for (int x = 0; x < ops; x++) {
            int n = h.levels[x];
            int ab = x * (nm + 1);
            long[] size = h.sizeBits[x];
            for (int m = 0; m < n; m++) {
                double z = size[m];
                double util = dataBits[ab + m + 1] / z;
                double e = effBits[ab + m + 1] / z;
                eff[x * nm + m] = e;
                effShared[x * nm + m] = e;
                if (util > 1) {
                    throw new IllegalStateException("memory utilization above 1 at " + ctx.chain(x).get(m).name());
                }
            }
        }
        for (int g = 0; g < h.groups.length; g++) {
            double sumU = 0;
            double sumE = 0;
            for (int[] member : h.groups[g]) {
                int x = member[0];
                int m = member[1];
                sumU += dataBits[x * (nm + 1) + m + 1] / (double) h.sizeBits[x][m];
                sumE += eff[x * nm + m];
            }
            if (!h.groupHasLevel0[g] && sumU > 1) {
                throw new IllegalStateException("shared memory utilization above 1");
            }
            for (int[] member : h.groups[g]) {
                effShared[member[0] * nm + member[1]] = sumE;
            }
        }
        for (int x = 0; x < ops; x++) {
            int n = h.levels[x];
            int ab = x * (nm + 1);
            db[ab] = false;
            for (int m = 0; m < n; m++) {
                int i = x * nm + m;
                boolean flag = false;
                if (effShared[i] <= 0.5) {
                    flag = true;
                } else if (eff[i] <= 1 - effShared[i]) {
                    flag = true;
                    int g = h.firstGroupAt[x][m];
                    if (g >= 0) {
                        for (int[] member : h.groups[g]) {
                            effShared[member[0] * nm + member[1]] += eff[i];
                        }
                    }
                }
                db[ab + m + 1] = flag;
            }
        }
    }

    // PortActivity.portStall over actXxx[0 … active): spec costmodel.md §8.3, active ≥ 2
    private long portStall(int active) {
        long positive = 0;
        long slack = 0;
        long windows = 0;
        for (int i = 0; i < active; i++) {
            long ss = (actReal[i] - actAllowed[i]) * (actCount[i] - 1);
            if (ss > 0) {
                positive += ss;
            } else {
                slack += ss;
            }
            windows += actAllowed[i] * (actCount[i] - 1);
        }
        return positive + Math.max(0, slack + windows - windowUnion(active));
    }

    // PortActivity.windowUnion: spec costmodel.md §8.2
    private long windowUnion(int active) {
        for (int i = 0; i < active; i++) {
            if (actAllowed[i] == actPeriod[i]) {
                return actPeriod[i] * actCount[i];
            }
        }
        int longest = 0;
        for (int i = 0; i < active; i++) {
            if (actPeriod[i] > actPeriod[longest]) {
                longest = i;
            }
        }
        // mark slot t of [0, Pmax) when t mod P < allowed, and count the marked slots
        int slots = Math.toIntExact(actPeriod[longest]);
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
        for (int i = 0; i < active; i++) {
            long al = actAllowed[i];
            if (al <= 0) {
                continue;
            }
            long per = actPeriod[i];
            int width = (int) Math.min(al, per);
            for (long start = 0; start < slots; start += per) {
                setRange(bits, (int) start, (int) Math.min(slots, start + width));
            }
        }
        long n = 0;
        for (int w = 0; w < words; w++) {
            n += Long.bitCount(bits[w]);
        }
        return n * actCount[longest];
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

    // spec costmodel.md §9.1
    private long loading(LayerContext ctx, IndexedHierarchy h) {
        int[] inputs = h.inputs;
        int nm = nmax;
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
            for (int m = 0; m <= n - 2; m++) {
                int kHigh = (x * nm + m) * 4 + WR_HIGH;
                int kLow = (x * nm + m + 1) * 4 + RD_LOW;
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

    // spec costmodel.md §9.2
    private long offloading(IndexedHierarchy h) {
        int n = h.levels[0];
        if (n < 2) {
            throw new IllegalStateException("the output needs at least two memory levels");
        }
        long last = 0;
        for (int m = 0; m <= n - 2; m++) {
            int kHigh = m * 4 + RD_HIGH;
            int kLow = (m + 1) * 4 + WR_LOW;
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

    /**
     * Running pr decoupling of one loop sequence (spec mapping.md §2.1), as
     * {@code OperandTransfers.Decoupler}, with its state arrays reused; each sequence needs only one of
     * the two products, and each is computed exactly as there (the other's arithmetic does not feed it).
     */
    private static final class Decoupler {
        private IndexedOperand code;
        private double[] extA = new double[0];
        private double[] extB = new double[0];
        private double[] prevSize = new double[0];
        private double[] prevReuse = new double[0];
        double r;
        double ir;
        boolean irFlag;

        void reset(IndexedOperand code) {
            this.code = code;
            int np = code.firstDim.length;
            if (extA.length < np) {
                extA = new double[np];
                extB = new double[np];
                prevSize = new double[np];
                prevReuse = new double[np];
            }
            Arrays.fill(extA, 0, np, 1.0);
            Arrays.fill(extB, 0, np, 1.0);
            Arrays.fill(prevSize, 0, np, 1.0);
            Arrays.fill(prevReuse, 0, np, 1.0);
        }

        void begin() {
            r = 1;
            ir = 1;
            irFlag = false;
        }

        /** {@code Decoupler.add} for {@code r} only (C2: the data sizes). */
        void addRelevant(int dim, double size) {
            int[] ps = code.relationsOf[dim];
            if (ps.length == 0) {
                if (code.reformedRelevant[dim]) {
                    r *= size;
                }
                return;
            }
            boolean[] first = code.isFirst[dim];
            for (int k = 0; k < ps.length; k++) {
                int p = ps[k];
                if (first[k]) {
                    extA[p] *= size;
                } else {
                    extB[p] *= size;
                }
                double s = code.distinctIndices(p, extA[p], extB[p]);
                r *= s / prevSize[p];
                prevSize[p] = s;
            }
        }

        /** {@code Decoupler.add} for {@code ir} and the flag only (C1 of the output). */
        void addIrrelevant(int dim, double size) {
            int[] ps = code.relationsOf[dim];
            if (ps.length == 0) {
                if (code.reformedIrrelevant[dim]) {
                    ir *= size;
                    irFlag |= size > 1;
                }
                return;
            }
            boolean[] first = code.isFirst[dim];
            for (int k = 0; k < ps.length; k++) {
                int p = ps[k];
                if (first[k]) {
                    extA[p] *= size;
                } else {
                    extB[p] *= size;
                }
                double s = code.distinctIndices(p, extA[p], extB[p]);
                double reuse = extA[p] * extB[p] / s;
                double fir = reuse / prevReuse[p];
                ir *= fir;
                irFlag |= fir > 1;
                prevReuse[p] = reuse;
            }
        }
    }
}
