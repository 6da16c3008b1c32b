package org.tessel.search.toy;

import java.util.ArrayList;
import java.util.List;
import org.tessel.model.schedule.Schedule;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.search.ScheduleCost;
import org.tessel.model.search.ScheduleEvaluator;
import org.tessel.model.search.StackComposition;
import org.tessel.model.search.StackCost;
import org.tessel.model.workload.Layer;
import org.tessel.model.workload.Workload;

/**
 * A toy depth-first cost model with the right trade-offs: cutting costs DRAM traffic, fusing costs
 * recomputation (fully recompute) or cache traffic and latency (cached modes), small tiles cost
 * per-tile overhead, a tile whose intermediates do not fit on chip spills them to DRAM;
 * recomputation is cheap in latency (idle array), cache copies are cheap
 * in energy but slow, which gives an energy-latency trade-off; weights or overlap caches that do
 * not fit on chip are infeasible.
 *
 * <p>With {@code composition} {@code ADDITIVE} a schedule is the sum of its stacks; with
 * {@code BOUNDED} each switch of overlap mode between neighbouring stacks adds a reconfiguration
 * cost (so stacks alone are lower bounds); {@code OPAQUE} is the additive model that hides it.
 *
 * @param workload the workload
 * @param activationBuffer on-chip activation capacity (elements)
 * @param weightBuffer on-chip weight capacity (elements)
 * @param composition what the evaluator declares
 */
public record ToyEvaluator(Workload workload, long activationBuffer, long weightBuffer, StackComposition composition)
        implements ScheduleEvaluator {

    /** Energy and latency of a mode switch between neighbouring stacks (BOUNDED only). */
    static final double SWITCH_ENERGY = 5e4;
    static final long SWITCH_CYCLES = 3_000;

    /** The default toy accelerator: 32 K activations, 64 K weights. */
    public static ToyEvaluator of(Workload workload, StackComposition composition) {
        return new ToyEvaluator(workload, 32 * 1024, 64 * 1024, composition);
    }

    @Override
    public StackComposition stackComposition() {
        return composition;
    }

    @Override
    public ScheduleCost evaluate(Schedule schedule) {
        List<StackCost> stacks = new ArrayList<>();
        for (StackSchedule s : schedule.stacks()) {
            stacks.add(evaluateStack(s));
        }
        ScheduleCost sum = ScheduleCost.sum(stacks);
        if (composition != StackComposition.BOUNDED || !sum.feasible()) {
            return sum;
        }
        long switches = 0;
        for (int i = 1; i < schedule.stacks().size(); i++) {
            if (schedule.stacks().get(i).mode() != schedule.stacks().get(i - 1).mode()) {
                switches++;
            }
        }
        return new ScheduleCost(sum.energyPj() + switches * SWITCH_ENERGY,
                sum.latencyCycles() + switches * SWITCH_CYCLES, true, stacks);
    }

    @Override
    public StackCost evaluateStack(StackSchedule stack) {
        List<Layer> layers = stack.layerIds().stream().map(workload::layer).toList();
        Layer out = layers.getLast();
        long ox = out.loopSize("OX");
        long oy = out.loopSize("OY");
        long tx = stack.tile() instanceof TileSize.Fixed f ? Math.min(f.width(), ox) : ox;
        long ty = stack.tile() instanceof TileSize.Fixed f ? Math.min(f.height(), oy) : oy;
        long tilesX = ceilDiv(ox, tx);
        long tilesY = ceilDiv(oy, ty);
        long tiles = tilesX * tilesY;
        double macs = 0;
        double cacheElements = 0;
        double spilled = 0;
        long cacheSet = 0;
        long weights = 0;
        double onChip = 0;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            long depth = layers.size() - 1 - i; // layers after this one in the stack: the halo they need
            long wx = Math.min(ox, tx + 2 * depth);
            long wy = Math.min(oy, ty + 2 * depth);
            long k = l.loopSize("K") * l.loopSize("G");
            long c = l.loopSize("C");
            double computed = switch (stack.mode()) {
                case FULLY_RECOMPUTE -> (double) tiles * wx * wy;
                case H_CACHED_V_RECOMPUTE -> (double) tilesY * ox * wy;
                case FULLY_CACHED -> (double) ox * oy;
            };
            computed = Math.max(computed, ox * oy);
            macs += computed * k * c * l.loopSize("FX") * l.loopSize("FY");
            onChip += computed * (k + c);
            long cache = switch (stack.mode()) {
                case FULLY_RECOMPUTE -> 0;
                case H_CACHED_V_RECOMPUTE -> 2 * depth * wy * c;
                case FULLY_CACHED -> 2 * depth * (wy + ox) * c;
            };
            cacheElements += (double) cache * tiles;
            cacheSet += cache;
            if (depth > 0 && wx * wy * (k + c) + cacheSet > activationBuffer) {
                spilled += 2 * computed * k; // the tile's intermediate does not fit: out to DRAM and back
            }
            weights += l.isElementWise() ? 0 : k * c * l.loopSize("FX") * l.loopSize("FY");
        }
        if (cacheSet > activationBuffer || weights > weightBuffer) {
            return StackCost.infeasible();
        }
        Layer first = layers.getFirst();
        double dram = (double) first.loopSize("C") * first.loopSize("OX") * first.loopSize("OY")
                + (double) out.loopSize("K") * out.loopSize("G") * ox * oy + weights + spilled;
        double energy = macs * 0.5 + onChip * 1.5 + cacheElements * 2.0 + dram * 60.0;
        long latency = (long) Math.ceil(macs / 1024.0) + tiles * 150L * layers.size()
                + (long) Math.ceil(dram * 8 / 64.0) + (long) Math.ceil(cacheElements / 2.0);
        return new StackCost(energy, latency, true);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
