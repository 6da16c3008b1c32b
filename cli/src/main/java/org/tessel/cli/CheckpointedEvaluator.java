package org.tessel.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
 * Stacks only, one by one or in batches for a cluster's members: a whole schedule, and the
 * bounds, come from the real evaluator. Thread-safe.
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

    /**
     * The real evaluator's batch coster (a cluster's members), if it has one, for the stacks of a
     * batch the file does not hold; the others are taken from the file, and every cost keeps its
     * place in the batch.
     */
    @Override
    public Optional<StackBatchCoster> stackBatchCoster() {
        return delegate().stackBatchCoster().map(members -> stacks -> {
            List<StackCost> costs = new ArrayList<>(Collections.nCopies(stacks.size(), (StackCost) null));
            List<StackSchedule> fresh = new ArrayList<>();
            List<Integer> freshAt = new ArrayList<>();
            for (int i = 0; i < stacks.size(); i++) {
                StackCost known = checkpoint.restored(stacks.get(i));
                if (known != null) {
                    costs.set(i, known);
                    restored.incrementAndGet();
                } else {
                    fresh.add(stacks.get(i));
                    freshAt.add(i);
                }
            }
            if (!fresh.isEmpty()) {
                List<StackCost> costed = members.costAll(fresh);
                for (int j = 0; j < fresh.size(); j++) {
                    checkpoint.record(fresh.get(j), costed.get(j));
                    costs.set(freshAt.get(j), costed.get(j));
                }
                recorded.addAndGet(fresh.size());
            }
            return costs;
        });
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
