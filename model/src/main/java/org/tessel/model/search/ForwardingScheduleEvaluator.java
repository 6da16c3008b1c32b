package org.tessel.model.search;

import java.util.Optional;
import org.tessel.model.schedule.Schedule;
import org.tessel.model.schedule.StackSchedule;

/**
 * A {@link ScheduleEvaluator} that forwards every call to another one: the base of decorators,
 * which override only what they change (a cluster's batch coster, a checkpoint file in front of
 * the stack costs), so that a method added to the interface reaches the real evaluator through all
 * of them.
 */
public abstract class ForwardingScheduleEvaluator implements ScheduleEvaluator {

    private final ScheduleEvaluator delegate;

    /** Forwards to {@code delegate}. */
    protected ForwardingScheduleEvaluator(ScheduleEvaluator delegate) {
        this.delegate = delegate;
    }

    /** The evaluator calls are forwarded to. */
    protected final ScheduleEvaluator delegate() {
        return delegate;
    }

    @Override
    public ScheduleCost evaluate(Schedule schedule) {
        return delegate.evaluate(schedule);
    }

    @Override
    public StackComposition stackComposition() {
        return delegate.stackComposition();
    }

    @Override
    public StackCost evaluateStack(StackSchedule stack) {
        return delegate.evaluateStack(stack);
    }

    @Override
    public Optional<StackBatchCoster> stackBatchCoster() {
        return delegate.stackBatchCoster();
    }

    @Override
    public Memo<StackSchedule, StackCost> newStackMemo() {
        return delegate.newStackMemo();
    }

    @Override
    public StackLowerBound stackLowerBound() {
        return delegate.stackLowerBound();
    }

    @Override
    public void boundsImproved(double incumbent, double lowerBound) {
        delegate.boundsImproved(incumbent, lowerBound);
    }
}
