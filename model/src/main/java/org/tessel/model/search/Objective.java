package org.tessel.model.search;

/**
 * What a search minimises. The scalar objectives give every cost one value (infeasible: +∞);
 * {@link #PARETO_ENERGY_LATENCY} asks for the set of non-dominated (energy, latency) schedules and
 * uses the energy-delay product as its scalar summary (the EDP optimum always lies on that front).
 */
public enum Objective {
    /** Total energy (pJ). */
    ENERGY,
    /** Total latency (cycles). */
    LATENCY,
    /** Energy-delay product (pJ · cycles). */
    EDP,
    /** The Pareto front of energy and latency. */
    PARETO_ENERGY_LATENCY;

    /** The value to minimise; +∞ for an infeasible cost. */
    public double value(ScheduleCost cost) {
        if (!cost.feasible()) {
            return Double.POSITIVE_INFINITY;
        }
        return switch (this) {
            case ENERGY -> cost.energyPj();
            case LATENCY -> cost.latencyCycles();
            case EDP, PARETO_ENERGY_LATENCY -> cost.energyPj() * cost.latencyCycles();
        };
    }

    /** True if the result is a front rather than one schedule. */
    public boolean isPareto() {
        return this == PARETO_ENERGY_LATENCY;
    }

    /** True if the value of a schedule is the sum of the values of its independent stacks. */
    public boolean isAdditive() {
        return this == ENERGY || this == LATENCY;
    }
}
