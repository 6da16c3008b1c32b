package org.tessel.model.search;

import org.tessel.model.schedule.StackSchedule;

/**
 * A cheap lower bound of a stack's cost, for branch and bound: what a search may know about a stack
 * without costing it. For every stack the bound's energy is at most the stack's real energy and its
 * latency at most the real latency; an infeasible bound means the stack is certainly infeasible.
 * Implementations must be thread-safe and deterministic.
 */
@FunctionalInterface
public interface StackLowerBound {

    /** The bound that knows nothing: zero energy, zero latency, feasible. */
    StackLowerBound ZERO = stack -> new StackCost(0, 0, true);

    /**
     * A lower bound of {@code stack}'s cost: {@code energyPj} and {@code latencyCycles} no larger
     * than the stack's, or {@link StackCost#infeasible()} if the stack cannot run.
     */
    StackCost of(StackSchedule stack);

    /**
     * A bound that, like this one, is at most every stack's cost, and is much cheaper (and usually
     * looser), to bound every stack of a space up front: a search then asks {@link #of} only for
     * the stacks the quick bound cannot exclude. The default is this bound itself (it is the quick
     * one).
     */
    default StackLowerBound quick() {
        return this;
    }

    /** {@code full} with {@code quick} as its {@link #quick} form (each at most every stack's cost). */
    static StackLowerBound withQuick(StackLowerBound full, StackLowerBound quick) {
        return new StackLowerBound() {
            @Override
            public StackCost of(StackSchedule stack) {
                return full.of(stack);
            }

            @Override
            public StackLowerBound quick() {
                return quick;
            }
        };
    }
}
