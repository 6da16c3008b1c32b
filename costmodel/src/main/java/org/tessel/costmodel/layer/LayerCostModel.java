package org.tessel.costmodel.layer;

import java.util.ArrayList;
import java.util.List;
import org.tessel.costmodel.DirectionValues;
import org.tessel.costmodel.LayerCost;
import org.tessel.costmodel.LayerProblem;
import org.tessel.costmodel.Loop;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.mapping.TemporalLoop;
import org.tessel.model.mapping.TemporalMapping;

/**
 * The DeFiNES/ZigZag single-layer cost model (spec costmodel.md): energy and latency of one
 * layer under one spatial and one temporal mapping, reproducing every quirk of the reference.
 */
public final class LayerCostModel {

    private static final int RD_LOW = OperandTransfers.RD_LOW;
    private static final int WR_LOW = OperandTransfers.WR_LOW;
    private static final int RD_HIGH = OperandTransfers.RD_HIGH;
    private static final int WR_HIGH = OperandTransfers.WR_HIGH;

    private LayerCostModel() {}

    /** Evaluates {@code problem} under {@code mapping} (loops before merge-down, spec mapping.md §3.6). */
    public static LayerCost evaluate(LayerProblem problem, TemporalMapping mapping) {
        return evaluate(LayerContext.of(problem), mapping);
    }

    /**
     * Evaluates a prepared problem under {@code mapping}: one pass over this thread's reusable
     * workspace ({@link LayerEvaluator}); bit-identical to {@link #evaluateReference}.
     */
    public static LayerCost evaluate(LayerContext ctx, TemporalMapping mapping) {
        return LayerEvaluator.local().evaluate(ctx, mapping);
    }

    /**
     * The reference form of {@link #evaluate(LayerContext, TemporalMapping)}: one object per
     * intermediate quantity ({@link StationaryMapping}, {@link OperandTransfers},
     * {@link OperandEnergy}, {@link BufferState}, {@link TransferCycles}, {@link PortActivity}), as
     * the spec describes them. Kept to check the single-pass evaluator against.
     */
    static LayerCost evaluateReference(LayerContext ctx, TemporalMapping mapping) {
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
            tm[x] = StationaryMapping.of(ctx.indexedOperand(x), dims, sizes, lv, ctx.chain(x).size(), op);
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
                if (m >= n) {
                    throw new IllegalArgumentException("operand " + op + " has only " + n + " memory levels");
                }
                levels.get(m).add(new Loop(l.dimension(), l.size()));
            }
            perOperand.add(levels);
        }
        return perOperand;
    }

    /**
     * Evaluates per-operand temporal loops per memory level (before merge-down): the form the
     * memory allocator produces.
     */
    public static LayerCost evaluateLevels(LayerContext ctx, List<List<List<Loop>>> temporal) {
        LayerCost c = LayerEvaluator.local().evaluateLevels(ctx, temporal);
        return c != null ? c : evaluateLevelsReference(ctx, temporal);
    }

    /** The reference form of {@link #evaluateLevels} (see {@link #evaluateReference}). */
    static LayerCost evaluateLevelsReference(LayerContext ctx, List<List<List<Loop>>> temporal) {
        int ops = ctx.operandCount();
        StationaryMapping[] tm = new StationaryMapping[ops];
        for (int x = 0; x < ops; x++) {
            tm[x] = StationaryMapping.of(ctx, x, temporal.get(x));
        }
        return evaluate(ctx, tm);
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
                java.util.Arrays.fill(row, -1);
            }
        }
        List<PortActivity> acts = new ArrayList<>();
        for (int p = 0; p < h.portUses.length; p++) {
            if (!acts.isEmpty()) {
                acts.clear();
            }
            PortActivity single = null;
            int active = 0;
            for (int[] use : h.portUses[p]) {
                int x = use[0];
                int m = use[1];
                int d = use[2];
                OperandTransfers t = mapInt[x];
                if (t.count[m][d] == 0) {
                    continue;
                }
                PortActivity a = new PortActivity(real[x][m][d], allowed[x][m][d], t.period[m][d], t.count[m][d]);
                if (active == 0) {
                    single = a;
                } else {
                    if (active == 1) {
                        acts.add(single);
                    }
                    acts.add(a);
                }
                active++;
                if (h.isInputOperand[x]) {
                    loadShared[x][m][d] = h.portShared[p] ? 1 : 0;
                } else if (d == WR_LOW || d == RD_HIGH) {
                    offRecorded[x][m][d] = true;
                }
            }
            if (active > 0) {
                long ss = active == 1 ? single.stall() : PortActivity.portStall(acts);
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
}
