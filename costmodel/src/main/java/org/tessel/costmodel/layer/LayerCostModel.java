package org.tessel.costmodel.layer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tessel.costmodel.DirectionValues;
import org.tessel.costmodel.LayerContext;
import org.tessel.costmodel.LayerCost;
import org.tessel.costmodel.LayerProblem;
import org.tessel.costmodel.Loop;
import org.tessel.model.accelerator.Direction;
import org.tessel.model.accelerator.MemoryLevel;
import org.tessel.model.accelerator.MemoryOperand;
import org.tessel.model.accelerator.Port;
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

    /** Evaluates a prepared problem under {@code mapping}. */
    public static LayerCost evaluate(LayerContext ctx, TemporalMapping mapping) {
        return evaluateLevels(ctx, levelsOf(ctx, mapping));
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
        int ops = ctx.operandCount();
        StationaryMapping[] tm = new StationaryMapping[ops];
        for (int x = 0; x < ops; x++) {
            tm[x] = StationaryMapping.of(ctx, x, temporal.get(x));
        }
        long totalCycles = tm[0].totalCycles();
        for (int x = 1; x < ops; x++) {
            if (tm[x].totalCycles() != totalCycles) {
                throw new IllegalArgumentException("operands iterate different numbers of cycles");
            }
        }
        OperandTransfers[] map = new OperandTransfers[ops];
        OperandTransfers[] mapInt = new OperandTransfers[ops];
        for (int x = 0; x < ops; x++) {
            map[x] = new OperandTransfers(ctx, x, false, tm[x], totalCycles);
            mapInt[x] = new OperandTransfers(ctx, x, true, tm[x], totalCycles);
        }

        // spec costmodel.md §4–§5: word accesses and energy from the fractional mapping
        List<LayerCost.OperandCost> breakdown = new ArrayList<>(ops);
        double memEnergy = 0;
        for (int x = 0; x < ops; x++) {
            OperandEnergy oe = new OperandEnergy(ctx, x, map[x]);
            List<MemoryLevel> chain = ctx.chain(x);
            List<LayerCost.LevelCost> levels = new ArrayList<>(chain.size());
            for (int m = 0; m < chain.size(); m++) {
                memEnergy += oe.level[m]; // spec costmodel.md §5: accumulated operand by operand, level by level
                double[] w = oe.words[m];
                double[] e = oe.energy[m];
                levels.add(new LayerCost.LevelCost(chain.get(m).name(),
                        new DirectionValues(w[RD_LOW], w[WR_LOW], w[RD_HIGH], w[WR_HIGH]),
                        new DirectionValues(e[RD_LOW], e[WR_LOW], e[RD_HIGH], e[WR_HIGH]), oe.level[m]));
            }
            breakdown.add(new LayerCost.OperandCost(ctx.operands().get(x), ctx.memoryOperand(x), levels));
        }
        long macs = ctx.macCount();
        double macEnergy = ctx.problem().core().array().unit().macEnergy() * macs;
        double energyTotal = memEnergy + macEnergy;

        // spec costmodel.md §3, §6: utilization and double-buffer flags from the fractional mapping
        boolean[][] doubleBuffered = BufferState.of(ctx, map).doubleBuffered();
        TransferCycles cycles = TransferCycles.of(ctx, mapInt, doubleBuffered);

        // spec costmodel.md §7–§8: allowed/real cycles from the ceiled mapping, per port
        long stall = 0;
        boolean anyPort = false;
        Map<Long, long[]> loadRec = new HashMap<>(); // key (x, m, dir) -> {real, shared}
        Map<Long, Long> offRec = new HashMap<>();
        for (MemoryLevel level : ctx.hierarchy().levels()) {
            for (Port port : level.ports()) {
                boolean shared = port.served().stream().anyMatch(u -> u.operand() == MemoryOperand.I1)
                        && port.served().stream().anyMatch(u -> u.operand() == MemoryOperand.I2);
                List<PortActivity> acts = new ArrayList<>();
                for (Port.Use use : port.served()) {
                    int x = ctx.operandOf(use.operand());
                    if (x < 0) {
                        continue;
                    }
                    int m = use.level();
                    int d = index(use.direction());
                    OperandTransfers t = mapInt[x];
                    if (t.count[m][d] == 0) {
                        continue;
                    }
                    long real = cycles.real()[x][m][d];
                    long allowed = cycles.allowed()[x][m][d];
                    acts.add(new PortActivity(real, allowed, t.period[m][d], t.count[m][d]));
                    long key = ((long) x * 64 + m) * 4 + d;
                    if (use.operand() == MemoryOperand.I1 || use.operand() == MemoryOperand.I2) {
                        loadRec.put(key, new long[] {real, shared ? 1 : 0});
                    } else if (d == WR_LOW || d == RD_HIGH) {
                        offRec.put(key, real);
                    }
                }
                if (!acts.isEmpty()) {
                    long ss = PortActivity.portStall(acts);
                    stall = anyPort ? Math.max(stall, ss) : ss;
                    anyPort = true;
                }
            }
        }
        stall = Math.max(0, stall);

        long loading = loading(ctx, loadRec);
        long offloading = offloading(ctx, offRec);

        // spec costmodel.md §10
        long ideal = (long) Math.ceil((double) macs / ctx.problem().core().array().unitCount());
        long lat0 = totalCycles + stall;
        long lat1 = lat0 + loading;
        long lat2 = lat1 + offloading;
        return new LayerCost(energyTotal, macEnergy, memEnergy, breakdown, lat0, lat1, lat2, ideal, totalCycles,
                stall, loading, offloading, (double) ideal / totalCycles);
    }

    private static int index(Direction d) {
        return switch (d) {
            case RD_OUT_TO_LOW -> RD_LOW;
            case WR_IN_BY_LOW -> WR_LOW;
            case RD_OUT_TO_HIGH -> RD_HIGH;
            case WR_IN_BY_HIGH -> WR_HIGH;
        };
    }

    // spec costmodel.md §9.1
    private static long loading(LayerContext ctx, Map<Long, long[]> rec) {
        List<String> inputs = ctx.layer().equation().inputOperands();
        long[] indiv = new long[inputs.size()];
        long[] half = new long[inputs.size()];
        long[] sh = new long[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            int x = ctx.indexOf(inputs.get(i));
            MemoryOperand mo = ctx.memoryOperand(x);
            if (mo != MemoryOperand.I1 && mo != MemoryOperand.I2) {
                continue;
            }
            int n = ctx.chain(x).size();
            for (int m = 0; m <= n - 2; m++) {
                long[] a = rec.get(((long) x * 64 + m) * 4 + WR_HIGH);
                long[] b = rec.get(((long) x * 64 + m + 1) * 4 + RD_LOW);
                if (a == null || b == null) {
                    throw new IllegalStateException("no port records the loading of " + inputs.get(i) + " at level " + m);
                }
                long l = Math.max(a[0], b[0]);
                boolean s1 = a[1] == 1;
                boolean s2 = b[1] == 1;
                if (!s1 && !s2) {
                    indiv[i] += l;
                } else if (s1 && s2) {
                    sh[i] += l;
                } else {
                    half[i] = l; // spec costmodel.md §9.1 quirk: assignment, not accumulation
                }
            }
        }
        if (inputs.size() == 1) {
            return indiv[0];
        }
        long p1 = sh[0] + Math.max(sh[1] + half[1] + indiv[1], half[0] + indiv[0]);
        long p2 = sh[1] + Math.max(sh[0] + half[0] + indiv[0], half[1] + indiv[1]);
        return Math.min(p1, p2);
    }

    // spec costmodel.md §9.2
    private static long offloading(LayerContext ctx, Map<Long, Long> rec) {
        int x = 0;
        int n = ctx.chain(x).size();
        if (n < 2) {
            throw new IllegalStateException("the output needs at least two memory levels");
        }
        long[] pairs = new long[n - 1];
        for (int m = 0; m <= n - 2; m++) {
            Long a = rec.get(((long) x * 64 + m) * 4 + RD_HIGH);
            Long b = rec.get(((long) x * 64 + m + 1) * 4 + WR_LOW);
            if (a == null || b == null) {
                throw new IllegalStateException("no port records the off-loading at level " + m);
            }
            pairs[m] = Math.max(a, b);
        }
        long off = pairs[n - 2];
        for (int m = 0; m <= n - 3; m++) {
            off += ctx.chain(x).get(m + 1).memory().latency();
        }
        return off;
    }
}
