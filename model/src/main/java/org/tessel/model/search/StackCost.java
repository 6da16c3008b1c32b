package org.tessel.model.search;

/**
 * The cost of one stack of a schedule.
 *
 * @param energyPj energy in picojoules
 * @param latencyCycles latency in clock cycles
 * @param feasible false if the stack cannot run as chosen (e.g. its tile does not fit on chip);
 *     the numbers of an infeasible stack are meaningless
 */
public record StackCost(double energyPj, long latencyCycles, boolean feasible) {

    public StackCost {
        if (feasible && (!(energyPj >= 0) || latencyCycles < 0)) {
            throw new IllegalArgumentException("a feasible stack needs energy >= 0 and latency >= 0, got "
                    + energyPj + " pJ, " + latencyCycles + " cycles");
        }
    }

    /** An infeasible stack. */
    public static StackCost infeasible() {
        return new StackCost(Double.NaN, 0, false);
    }
}
