package org.tessel.model.search;

import java.util.List;

/**
 * The cost of a whole schedule.
 *
 * <p>Latency is a {@code long}: the reference's latencies are whole cycles (ceiled transfer cycles,
 * integer temporal cycles, integer tile multiplicities), and summing them as integers keeps the
 * additive dynamic programme exact. Energy is fractional in the reference (fractional spatial
 * unrolling, per-bit costs), hence a {@code double}.
 *
 * @param energyPj total energy in picojoules
 * @param latencyCycles total latency in clock cycles
 * @param feasible false if any part of the schedule cannot run; the totals are then meaningless
 * @param perStack per-stack costs in execution order, or empty if the evaluator does not report them
 */
public record ScheduleCost(double energyPj, long latencyCycles, boolean feasible, List<StackCost> perStack) {

    public ScheduleCost {
        perStack = List.copyOf(perStack);
        if (feasible && (!(energyPj >= 0) || latencyCycles < 0)) {
            throw new IllegalArgumentException("a feasible schedule needs energy >= 0 and latency >= 0, got "
                    + energyPj + " pJ, " + latencyCycles + " cycles");
        }
    }

    /** An infeasible schedule without per-stack detail. */
    public static ScheduleCost infeasible() {
        return new ScheduleCost(Double.NaN, 0, false, List.of());
    }

    /**
     * The cost of a schedule whose stacks run one after the other and do not interact: energies and
     * latencies add up, and the schedule is feasible iff every stack is.
     */
    public static ScheduleCost sum(List<StackCost> stacks) {
        if (stacks.stream().anyMatch(s -> !s.feasible())) {
            return new ScheduleCost(Double.NaN, 0, false, stacks);
        }
        double energy = 0;
        long latency = 0;
        for (StackCost s : stacks) {
            energy += s.energyPj();
            latency = Math.addExact(latency, s.latencyCycles());
        }
        return new ScheduleCost(energy, latency, true, stacks);
    }

    /** Number of infeasible stacks, or 1 for an infeasible schedule without per-stack detail. */
    public long infeasibleStackCount() {
        long count = perStack.stream().filter(s -> !s.feasible()).count();
        return feasible ? 0 : Math.max(1, count);
    }

    /**
     * Pareto dominance in (energy, latency), both minimised: true if this is feasible and no worse
     * than {@code other} in both, and strictly better in at least one (or {@code other} is infeasible).
     */
    public boolean dominates(ScheduleCost other) {
        if (!feasible) {
            return false;
        }
        if (!other.feasible) {
            return true;
        }
        boolean noWorse = energyPj <= other.energyPj && latencyCycles <= other.latencyCycles;
        boolean better = energyPj < other.energyPj || latencyCycles < other.latencyCycles;
        return noWorse && better;
    }
}
