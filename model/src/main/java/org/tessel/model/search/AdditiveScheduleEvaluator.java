package org.tessel.model.search;

import org.tessel.model.schedule.Schedule;
import org.tessel.model.schedule.StackSchedule;

/**
 * A {@link ScheduleEvaluator} whose stacks are independent: a schedule costs exactly the sum of
 * its stacks ({@link StackComposition#ADDITIVE}), so only {@link #evaluateStack} is written.
 */
public interface AdditiveScheduleEvaluator extends ScheduleEvaluator {

    /** The sum of the stacks' costs, in stack order; infeasible if any stack is. */
    @Override
    default ScheduleCost evaluate(Schedule schedule) {
        return ScheduleCost.sum(schedule.stacks().stream().map(this::evaluateStack).toList());
    }

    @Override
    default StackComposition stackComposition() {
        return StackComposition.ADDITIVE;
    }

    @Override
    StackCost evaluateStack(StackSchedule stack);
}
