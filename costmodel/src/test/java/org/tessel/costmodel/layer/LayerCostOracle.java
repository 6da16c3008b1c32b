package org.tessel.costmodel.layer;

import static org.tessel.costmodel.layer.DirectionIndex.RD_HIGH;
import static org.tessel.costmodel.layer.DirectionIndex.RD_LOW;
import static org.tessel.costmodel.layer.DirectionIndex.WR_HIGH;
import static org.tessel.costmodel.layer.DirectionIndex.WR_LOW;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.tessel.costmodel.DirectionValues;
import org.tessel.costmodel.LayerCost;
import org.tessel.costmodel.Loop;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.mapping.TemporalLoop;
import org.tessel.model.mapping.TemporalMapping;

/**
 * The test oracle of the single-layer cost model: the spec-shaped form of
 * {@link LayerCostModel#evaluate(LayerContext, TemporalMapping)} and
 * {@link LayerCostModel#evaluateLevels}, with one object per intermediate quantity as
 * costmodel.md describes them ({@link StationaryMapping}, {@link OperandTransfers},
 * {@link OperandEnergy}, and the latency part here: {@link BufferState}, {@link TransferCycles},
 * {@link PortActivity}). Never used in production; {@code LayerEvaluatorTest} requires the
 * production evaluator ({@link LayerEvaluator}) to give bit-identical {@link LayerCost}s and the
 * same exceptions, and {@code WorkedExamplesTest} reads the per-level tables of the spec from
 * these objects.
 */
final class LayerCostOracle {

    private LayerCostOracle() {}

    /** As {@link LayerCostModel#evaluate(LayerContext, TemporalMapping)}. */
    static LayerCost evaluate(LayerContext ctx, TemporalMapping mapping) {
        int ops = ctx.operandCount();
        List<TemporalLoop> loops = mapping.loops();
        int count = loops.size();
        int[] dims = new int[count];
        long[] sizes = new long[count];
        for (int i = 0; i < count; i++) {
            TemporalLoop l = loops.get(i);
            dims[i] = ctx.dimensionId(l.dimension());
            sizes[i] = l.size();
        }
        StationaryMapping[] tm = new StationaryMapping[ops];
        for (int x = 0; x < ops; x++) {
            String op = ctx.operands().get(x);
            List<Integer> lv = mapping.levels().get(op);
            if (lv == null) {
                throw new IllegalArgumentException("temporal mapping has no levels for operand " + op);
            }
            tm[x] = placed(ctx.indexedOperand(x), dims, sizes, lv, ctx.chain(x).size(), op);
        }
        return evaluate(ctx, tm);
    }

    /** As {@link LayerCostModel#evaluateLevels}. */
    static LayerCost evaluateLevels(LayerContext ctx, List<List<List<Loop>>> temporal) {
        int ops = ctx.operandCount();
        for (int x = 0; x < ops; x++) {
            LayerEvaluator.checkLevelCount(ctx, x, temporal.get(x).size());
        }
        StationaryMapping[] tm = new StationaryMapping[ops];
        for (int x = 0; x < ops; x++) {
            tm[x] = StationaryMapping.of(ctx, x, temporal.get(x));
        }
        return evaluate(ctx, tm);
    }

    /** Per operand the loops per memory level of {@code mapping}. */
    static List<List<List<Loop>>> levelsOf(LayerContext ctx, TemporalMapping mapping) {
        int ops = ctx.operandCount();
        List<List<List<Loop>>> perOperand = new ArrayList<>(ops);
        for (int x = 0; x < ops; x++) {
            String op = ctx.operands().get(x);
            List<Integer> lv = mapping.levels().get(op);
            if (lv == null) {
                throw new IllegalArgumentException("temporal mapping has no levels for operand " + op);
            }
            int n = ctx.chain(x).size();
            List<List<Loop>> levels = new ArrayList<>(n);
            for (int m = 0; m < n; m++) {
                levels.add(new ArrayList<>());
            }
            for (int i = 0; i < mapping.loops().size(); i++) {
                TemporalLoop l = mapping.loops().get(i);
                int m = lv.get(i);
                LayerEvaluator.checkLevel(op, m, n);
                levels.get(m).add(new Loop(l.dimension(), l.size()));
            }
            perOperand.add(levels);
        }
        return perOperand;
    }

    /**
     * The stationary mapping of one ordering (dimension ids and sizes, innermost first) with this
     * operand's memory level per loop: the loops of each level keep their order.
     */
    private static StationaryMapping placed(IndexedOperand operand, int[] dims, long[] sizes, List<Integer> levelOfLoop,
            int levelCount, String name) {
        int count = dims.length;
        int[] level = new int[count];
        int[] perLevel = new int[levelCount];
        for (int i = 0; i < count; i++) {
            int m = levelOfLoop.get(i);
            LayerEvaluator.checkLevel(name, m, levelCount);
            level[i] = m;
            perLevel[m]++;
        }
        int[] ends = new int[levelCount];
        int e = 0;
        for (int m = 0; m < levelCount; m++) {
            e += perLevel[m];
            ends[m] = e;
        }
        int[] d = new int[count];
        long[] z = new long[count];
        int[] fill = new int[levelCount];
        for (int m = 1; m < levelCount; m++) {
            fill[m] = ends[m - 1];
        }
        for (int i = 0; i < count; i++) {
            int at = fill[level[i]]++;
            d[at] = dims[i];
            z[at] = sizes[i];
        }
        return new StationaryMapping(operand, d, z, ends);
    }

    private static LayerCost evaluate(LayerContext ctx, StationaryMapping[] tm) {
        int ops = ctx.operandCount();
        IndexedHierarchy h = ctx.indexedHierarchy();
        long totalCycles = tm[0].totalCycles();
        for (int x = 1; x < ops; x++) {
            if (tm[x].totalCycles() != totalCycles) {
                throw new IllegalArgumentException("operands iterate different numbers of cycles");
            }
        }
        // the informational C1 products of input operands feed neither energy nor latency
        OperandTransfers[] map = new OperandTransfers[ops];
        OperandTransfers[] mapInt = new OperandTransfers[ops];
        for (int x = 0; x < ops; x++) {
            map[x] = new OperandTransfers(ctx, x, false, tm[x], totalCycles, false);
            mapInt[x] = h.ceiledSame[x] ? map[x] : new OperandTransfers(ctx, x, true, tm[x], totalCycles, false);
        }

        // spec costmodel.md §4–§5: word accesses and energy from the fractional mapping
        List<LayerCost.OperandCost> breakdown = new ArrayList<>(ops);
        double memEnergy = 0;
        for (int x = 0; x < ops; x++) {
            OperandEnergy oe = new OperandEnergy(ctx, x, map[x]);
            List<MemoryLevel> chain = ctx.chain(x);
            LayerCost.LevelCost[] levels = new LayerCost.LevelCost[chain.size()];
            for (int m = 0; m < levels.length; m++) {
                memEnergy += oe.level[m]; // spec costmodel.md §5: accumulated operand by operand, level by level
                double[] w = oe.words[m];
                double[] e = oe.energy[m];
                levels[m] = new LayerCost.LevelCost(chain.get(m).name(),
                        new DirectionValues(w[RD_LOW], w[WR_LOW], w[RD_HIGH], w[WR_HIGH]),
                        new DirectionValues(e[RD_LOW], e[WR_LOW], e[RD_HIGH], e[WR_HIGH]), oe.level[m]);
            }
            breakdown.add(new LayerCost.OperandCost(ctx.operands().get(x), ctx.memoryOperand(x), List.of(levels)));
        }
        long macs = ctx.macCount();
        double macEnergy = ctx.problem().core().array().unit().macEnergy() * macs;
        double energyTotal = memEnergy + macEnergy;

        // spec costmodel.md §3, §6: utilization and double-buffer flags from the fractional mapping
        boolean[][] doubleBuffered = BufferState.of(ctx, map).doubleBuffered();
        TransferCycles cycles = TransferCycles.of(ctx, mapInt, doubleBuffered);
        long[][][] real = cycles.real();
        long[][][] allowed = cycles.allowed();

        // spec costmodel.md §7–§8: allowed/real cycles from the ceiled mapping, per port
        long stall = 0;
        boolean anyPort = false;
        // per (x, m, d) recorded by an active port: loading (-1 none, else 1 if the port is shared) and off-loading
        int[][][] loadShared = new int[ops][][];
        boolean[][][] offRecorded = new boolean[ops][][];
        for (int x = 0; x < ops; x++) {
            int n = h.sizeBits[x].length;
            loadShared[x] = new int[n][4];
            offRecorded[x] = new boolean[n][4];
            for (int[] row : loadShared[x]) {
                Arrays.fill(row, -1);
            }
        }
        List<PortActivity> acts = new ArrayList<>();
        for (int p = 0; p < h.portUses.length; p++) {
            acts.clear();
            for (int[] use : h.portUses[p]) {
                int x = use[0];
                int m = use[1];
                int d = use[2];
                OperandTransfers t = mapInt[x];
                if (t.count[m][d] == 0) {
                    continue;
                }
                acts.add(new PortActivity(real[x][m][d], allowed[x][m][d], t.period[m][d], t.count[m][d]));
                if (h.isInputOperand[x]) {
                    loadShared[x][m][d] = h.portShared[p] ? 1 : 0;
                } else if (d == WR_LOW || d == RD_HIGH) {
                    offRecorded[x][m][d] = true;
                }
            }
            if (!acts.isEmpty()) {
                long ss = PortActivity.portStall(acts);
                stall = anyPort ? Math.max(stall, ss) : ss;
                anyPort = true;
            }
        }
        stall = Math.max(0, stall);

        long loading = loading(ctx, h, real, loadShared);
        long offloading = offloading(h, real, offRecorded);

        // spec costmodel.md §10
        long ideal = (long) Math.ceil((double) macs / ctx.problem().core().array().unitCount());
        long lat0 = totalCycles + stall;
        long lat1 = lat0 + loading;
        long lat2 = lat1 + offloading;
        return new LayerCost(energyTotal, macEnergy, memEnergy, breakdown, lat0, lat1, lat2, ideal, totalCycles,
                stall, loading, offloading, (double) ideal / totalCycles);
    }

    // spec costmodel.md §9.1
    private static long loading(LayerContext ctx, IndexedHierarchy h, long[][][] real, int[][][] shared) {
        int[] inputs = h.inputs;
        long[] indiv = new long[inputs.length];
        long[] half = new long[inputs.length];
        long[] sh = new long[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            int x = inputs[i];
            if (!h.isInputOperand[x]) {
                continue;
            }
            int n = h.sizeBits[x].length;
            for (int m = 0; m <= n - 2; m++) {
                int a = shared[x][m][WR_HIGH];
                int b = shared[x][m + 1][RD_LOW];
                if (a < 0 || b < 0) {
                    throw new IllegalStateException("no port records the loading of " + ctx.operands().get(x)
                            + " at level " + m);
                }
                long l = Math.max(real[x][m][WR_HIGH], real[x][m + 1][RD_LOW]);
                boolean s1 = a == 1;
                boolean s2 = b == 1;
                if (!s1 && !s2) {
                    indiv[i] += l;
                } else if (s1 && s2) {
                    sh[i] += l;
                } else {
                    half[i] = l; // spec costmodel.md §9.1 quirk: assignment, not accumulation
                }
            }
        }
        if (inputs.length == 1) {
            return indiv[0];
        }
        long p1 = sh[0] + Math.max(sh[1] + half[1] + indiv[1], half[0] + indiv[0]);
        long p2 = sh[1] + Math.max(sh[0] + half[0] + indiv[0], half[1] + indiv[1]);
        return Math.min(p1, p2);
    }

    // spec costmodel.md §9.2
    private static long offloading(IndexedHierarchy h, long[][][] real, boolean[][][] recorded) {
        int x = 0;
        int n = h.sizeBits[x].length;
        if (n < 2) {
            throw new IllegalStateException("the output needs at least two memory levels");
        }
        long[] pairs = new long[n - 1];
        for (int m = 0; m <= n - 2; m++) {
            if (!recorded[x][m][RD_HIGH] || !recorded[x][m + 1][WR_LOW]) {
                throw new IllegalStateException("no port records the off-loading at level " + m);
            }
            pairs[m] = Math.max(real[x][m][RD_HIGH], real[x][m + 1][WR_LOW]);
        }
        long off = pairs[n - 2];
        for (int m = 0; m <= n - 3; m++) {
            off += h.latency[x][m + 1];
        }
        return off;
    }

    /**
     * Memory utilizations and double-buffer flags from the fractional mapping
     * (spec costmodel.md §3 and §6).
     *
     * @param util {@code util[x][m]}
     * @param effective {@code effutil[x][m]}
     * @param effectiveShared {@code effutil_sh[x][m]} after the double-buffer updates
     * @param doubleBuffered {@code DB[x][a]}: index 0 = MAC level, a = m+1 = memory level m
     */
    record BufferState(double[][] util, double[][] effective, double[][] effectiveShared,
            boolean[][] doubleBuffered) {

        static BufferState of(LayerContext ctx, OperandTransfers[] map) {
            IndexedHierarchy h = ctx.indexedHierarchy();
            int ops = ctx.operandCount();
            double[][] util = new double[ops][];
            double[][] eff = new double[ops][];
            double[][] effShared = new double[ops][];
            for (int x = 0; x < ops; x++) {
                int n = h.sizeBits[x].length;
                util[x] = new double[n];
                eff[x] = new double[n];
                for (int m = 0; m < n; m++) {
                    double z = h.sizeBits[x][m];
                    util[x][m] = map[x].dataBits[m + 1] / z;
                    eff[x][m] = map[x].effBits[m + 1] / z;
                    if (util[x][m] > 1) {
                        throw new OverfullMemoryException("memory utilization above 1 at " + ctx.chain(x).get(m).name());
                    }
                }
                effShared[x] = eff[x].clone();
            }
            for (int g = 0; g < h.groups.length; g++) {
                double sumU = 0;
                double sumE = 0;
                for (int[] member : h.groups[g]) {
                    sumU += util[member[0]][member[1]];
                    sumE += eff[member[0]][member[1]];
                }
                if (!h.groupHasLevel0[g] && sumU > 1) {
                    throw new OverfullMemoryException("shared memory utilization above 1");
                }
                for (int[] member : h.groups[g]) {
                    effShared[member[0]][member[1]] = sumE;
                }
            }
            boolean[][] db = new boolean[ops][];
            for (int x = 0; x < ops; x++) {
                int n = h.sizeBits[x].length;
                db[x] = new boolean[n + 1];
                for (int m = 0; m < n; m++) {
                    if (effShared[x][m] <= 0.5) {
                        db[x][m + 1] = true;
                    } else if (eff[x][m] <= 1 - effShared[x][m]) {
                        db[x][m + 1] = true;
                        int g = h.firstGroupAt[x][m];
                        if (g >= 0) {
                            for (int[] member : h.groups[g]) {
                                effShared[member[0]][member[1]] += eff[x][m];
                            }
                        }
                    }
                }
            }
            return new BufferState(util, eff, effShared, db);
        }
    }

    /**
     * Allowed and real transfer cycles per operand, memory level and direction, from the ceiled
     * mapping (spec costmodel.md §7).
     *
     * @param real {@code ceil(amount · precision / bw)} of the memory owning the direction
     * @param allowed the period if the relevant level is double-buffered, else the window
     */
    record TransferCycles(long[][][] real, long[][][] allowed) {

        static TransferCycles of(LayerContext ctx, OperandTransfers[] mapInt, boolean[][] doubleBuffered) {
            IndexedHierarchy h = ctx.indexedHierarchy();
            int ops = ctx.operandCount();
            long[][][] real = new long[ops][][];
            long[][][] allowed = new long[ops][][];
            for (int x = 0; x < ops; x++) {
                OperandTransfers t = mapInt[x];
                int n = t.levels;
                real[x] = new long[n][4];
                allowed[x] = new long[n][4];
                for (int m = 0; m < n; m++) {
                    for (int d = 0; d < 4; d++) {
                        boolean write = d == WR_LOW || d == WR_HIGH;
                        long bw = write ? h.writeBandwidth[x][m] : h.readBandwidth[x][m];
                        real[x][m][d] = (long) Math.ceil((double) (t.amount[m][d] * t.precision[m][d]) / bw);
                        boolean low = d == RD_LOW || d == WR_LOW;
                        boolean flag = low ? doubleBuffered[x][m] : doubleBuffered[x][m + 1];
                        allowed[x][m][d] = flag ? t.period[m][d] : t.window[m][d];
                    }
                }
            }
            return new TransferCycles(real, allowed);
        }
    }

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
            BitSet marked = new BitSet(slots);
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
}
