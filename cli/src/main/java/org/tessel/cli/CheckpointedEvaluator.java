package org.tessel.cli;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.search.ForwardingScheduleEvaluator;
import org.tessel.model.search.ScheduleEvaluator;
import org.tessel.model.search.StackBatchCoster;
import org.tessel.model.search.StackCost;

/**
 * A {@link ScheduleEvaluator} in front of the real one that costs a stack from the
 * {@link SearchCheckpoint} where the file has it, and records every stack the real one costs.
 * The search sees the same costs either way, so a resumed search takes the same path as one that
 * was never interrupted, with the same result and evaluation count; only the time differs.
 * Stacks only: a whole schedule, and the bounds, come from the real evaluator. Thread-safe.
 */
final class CheckpointedEvaluator extends ForwardingScheduleEvaluator {

    private final SearchCheckpoint checkpoint;
    private final AtomicLong restored = new AtomicLong();
    private final AtomicLong recorded = new AtomicLong();

    CheckpointedEvaluator(ScheduleEvaluator delegate, SearchCheckpoint checkpoint) {
        super(delegate);
        this.checkpoint = checkpoint;
    }

    @Override
    public StackCost evaluateStack(StackSchedule stack) {
        StackCost known = checkpoint.restored(stack);
        if (known != null) {
            restored.incrementAndGet();
            return known;
        }
        StackCost cost = delegate().evaluateStack(stack);
        checkpoint.record(stack, cost);
        recorded.incrementAndGet();
        return cost;
    }

    /** Not the members': their costs would not pass through the file (search refuses the two together). */
    @Override
    public Optional<StackBatchCoster> stackBatchCoster() {
        return Optional.empty();
    }

    /** Stacks taken from the file so far. */
    long restored() {
        return restored.get();
    }

    /** Stacks the real evaluator costed and the file recorded so far. */
    long recorded() {
        return recorded.get();
    }
}
