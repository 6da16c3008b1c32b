package org.tessel.cli;

import java.util.Optional;
import org.tessel.model.search.ForwardingScheduleEvaluator;
import org.tessel.model.search.ScheduleEvaluator;
import org.tessel.model.search.StackBatchCoster;

/**
 * The search's evaluator with its batches of new stacks costed on a cluster's members ({@code search
 * --cluster}): everything else — whole schedules, stack lower bounds, the run's stack memo — is the
 * coordinator's own evaluator, so the baseline and the report after the search see the same memo.
 */
final class ClusterEvaluator extends ForwardingScheduleEvaluator {

    private final StackBatchCoster members;

    /**
     * @param local the coordinator's evaluator (the same model the members build)
     * @param members what costs a batch of stacks on the members
     */
    ClusterEvaluator(ScheduleEvaluator local, StackBatchCoster members) {
        super(local);
        this.members = members;
    }

    @Override
    public Optional<StackBatchCoster> stackBatchCoster() {
        return Optional.of(members);
    }
}
