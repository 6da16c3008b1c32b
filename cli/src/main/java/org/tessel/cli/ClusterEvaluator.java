package org.tessel.cli;

import java.util.Optional;
import org.tessel.model.schedule.Schedule;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.search.Memo;
import org.tessel.model.search.ScheduleCost;
import org.tessel.model.search.ScheduleEvaluator;
import org.tessel.model.search.StackBatchCoster;
import org.tessel.model.search.StackComposition;
import org.tessel.model.search.StackCost;
import org.tessel.model.search.StackLowerBound;

/**
 * The search's evaluator with its batches of new stacks costed on a cluster's members ({@code search
 * --cluster}): everything else — whole schedules, stack lower bounds, the run's stack memo — is the
 * coordinator's own evaluator, so the baseline and the report after the search see the same memo.
 *
 * @param local the coordinator's evaluator (the same model the members build)
 * @param members what costs a batch of stacks on the members
 */
record ClusterEvaluator(ScheduleEvaluator local, StackBatchCoster members) implements ScheduleEvaluator {

    @Override
    public ScheduleCost evaluate(Schedule schedule) {
        return local.evaluate(schedule);
    }

    @Override
    public StackComposition stackComposition() {
        return local.stackComposition();
    }

    @Override
    public StackCost evaluateStack(StackSchedule stack) {
        return local.evaluateStack(stack);
    }

    @Override
    public Optional<StackBatchCoster> stackBatchCoster() {
        return Optional.of(members);
    }

    @Override
    public Memo<StackSchedule, StackCost> newStackMemo() {
        return local.newStackMemo();
    }

    @Override
    public StackLowerBound stackLowerBound() {
        return local.stackLowerBound();
    }

    @Override
    public void boundsImproved(double incumbent, double lowerBound) {
        local.boundsImproved(incumbent, lowerBound);
    }
}
