package org.tessel.model.search;

import java.util.Optional;
import org.tessel.model.schedule.Schedule;
import org.tessel.model.schedule.StackSchedule;

/**
 * Computes the cost of schedules: the only thing a search back end knows about the cost model.
 * Implementations must be thread-safe (back ends evaluate in parallel) and deterministic (the same
 * schedule always gets the same cost).
 */
public interface ScheduleEvaluator {

    /** The cost of a whole schedule. */
    ScheduleCost evaluate(Schedule schedule);

    /** How schedule costs relate to stack costs; {@link StackComposition#OPAQUE} unless overridden. */
    default StackComposition stackComposition() {
        return StackComposition.OPAQUE;
    }

    /**
     * The cost of one stack on its own.
     *
     * @throws UnsupportedOperationException if {@link #stackComposition()} is {@link StackComposition#OPAQUE}
     */
    default StackCost evaluateStack(StackSchedule stack) {
        throw new UnsupportedOperationException("this evaluator cannot cost a stack on its own");
    }

    /**
     * Where a search run costs its batches of new stacks: empty (the default) for the run's own
     * threads, each stack with {@link #evaluateStack}; or a {@link StackBatchCoster} that costs a
     * whole batch elsewhere (a cluster's members) with the same results.
     */
    default Optional<StackBatchCoster> stackBatchCoster() {
        return Optional.empty();
    }

    /**
     * A new, empty, unbounded memo for the stack costs of one search run: {@link SearchProgress}
     * asks for one when a run starts and keeps there every stack the run costs, so that each is
     * computed and counted once per run. By default nobody else sees it; an evaluator may keep the
     * memo it hands out, to reuse the run's stacks afterwards or to watch the run from outside.
     */
    default Memo<StackSchedule, StackCost> newStackMemo() {
        return new Memo<>();
    }

    /**
     * A lower bound of the cost of any stack, cheaper than {@link #evaluateStack} (used by branch
     * and bound to leave dominated stacks uncosted); {@link StackLowerBound#ZERO} unless overridden.
     */
    default StackLowerBound stackLowerBound() {
        return StackLowerBound.ZERO;
    }

    /**
     * Told by a search that proves bounds whenever they improve: the best schedule's value so far
     * (the incumbent) and the best proven lower bound of the optimum, so that a watcher can show the
     * gap. Does nothing unless overridden; must be thread-safe and cheap.
     */
    default void boundsImproved(double incumbent, double lowerBound) {}
}
