package org.tessel.cli;

import java.util.List;
import org.tessel.cluster.RunSpec;
import org.tessel.cluster.RunWorker;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.search.StackCost;

/**
 * What a Tessel member does with the work units it is sent: a campaign's search run ({@link
 * SearchRunWorker}), a sweep point ({@link SweepPointWorker}) or a batch of an exhaustive search's
 * stacks ({@link StackCostingWorker}), each with the code of the command it comes from. Their config
 * files arrive with them and are kept in one {@link ScratchFiles}.
 */
final class MemberWorker implements RunWorker {

    private final SearchRunWorker searchRuns;
    private final SweepPointWorker sweepPoints;
    private final StackCostingWorker stacks;

    MemberWorker(ScratchFiles scratch) {
        this.searchRuns = new SearchRunWorker(scratch);
        this.sweepPoints = new SweepPointWorker(scratch);
        this.stacks = new StackCostingWorker(scratch);
    }

    /** A worker with a fresh scratch directory, removed when the JVM exits. */
    static MemberWorker withScratchDirectory() {
        return new MemberWorker(ScratchFiles.create());
    }

    @Override
    public String run(RunSpec spec) {
        return switch (spec.kind()) {
            case SEARCH_RUN -> searchRuns.run(spec);
            case SWEEP_POINT -> sweepPoints.run(spec);
            case STACK_COSTING -> throw new IllegalArgumentException("a stack-costing problem comes with its batches of stacks");
        };
    }

    @Override
    public List<StackCost> costStacks(RunSpec problem, List<StackSchedule> batch) {
        return stacks.cost(problem, batch);
    }
}
