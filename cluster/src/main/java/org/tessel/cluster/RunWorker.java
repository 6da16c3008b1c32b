package org.tessel.cluster;

import java.util.List;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.search.StackCost;

/**
 * What a member does with a work unit. The cli installs one that runs {@code tessel search}'s and
 * {@code tessel sweep}'s code (so a run on a member is the same as a run alone) and costs stacks with
 * the search's evaluator; tests install toy ones. Each member is given
 * its worker when it starts: no code travels over the network, only {@link RunSpec}s.
 */
@FunctionalInterface
public interface RunWorker {

    /** The key under which a member's user context holds its worker. */
    String CONTEXT_KEY = "tessel.run-worker";

    /**
     * Runs one unit.
     *
     * @return the result document as JSON text (one object)
     * @throws RuntimeException if the run fails; the message goes back to the coordinator
     */
    String run(RunSpec spec);

    /**
     * Costs a batch of stacks of the costing problem {@code problem} ({@link UnitKind#STACK_COSTING}):
     * each exactly as the problem's evaluator on the coordinator would. A member keeps what it builds
     * for a problem (its evaluator, its layer-tile memo) for the next batches.
     *
     * @return the costs, in the order of {@code stacks}
     * @throws RuntimeException if the problem cannot be set up; the message goes back to the coordinator
     */
    default List<StackCost> costStacks(RunSpec problem, List<StackSchedule> stacks) {
        throw new UnsupportedOperationException("this member's worker costs no stacks");
    }
}
