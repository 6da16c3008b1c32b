package org.tessel.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.tessel.costmodel.depthfirst.aggregate.DepthFirstResult;
import org.tessel.costmodel.depthfirst.copy.UnroutableCopyException;
import org.tessel.costmodel.depthfirst.graph.StackGraph;
import org.tessel.costmodel.depthfirst.partition.StackPartition;
import org.tessel.costmodel.depthfirst.partition.UnbuildableStackException;
import org.tessel.costmodel.temporal.MemoryHierarchyTooSmallException;
import org.tessel.model.BadInputException;
import org.tessel.model.config.ConfigLoader;
import org.tessel.model.schedule.Schedule;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.search.ScheduleCost;
import picocli.CommandLine.ITypeConverter;

/**
 * What {@code search --baseline auto|none|FILE} compares the search's result with: the reference's
 * automatic baseline ({@link Baseline}, on the search's warm cache and within what is left of its
 * wall-time budget), nothing, or a schedule file (the format {@code --schedule-out} writes) costed
 * on the same cost model.
 */
sealed interface BaselineChoice {

    /** The reference's way of scheduling, best global tile and mode ({@link Baseline#find}). */
    record Auto() implements BaselineChoice {}

    /** No baseline: the search's result alone. */
    record None() implements BaselineChoice {}

    /**
     * A schedule file's schedule.
     *
     * @param file the file
     * @param schedule its schedule, read and checked against the workload ({@link #prepared}); null before
     */
    record FromFile(Path file, Schedule schedule) implements BaselineChoice {}

    /** The value as the option's text gives it: {@code auto}, {@code none} or a file name. */
    static BaselineChoice parse(String text) {
        return switch (text.strip()) {
            case "auto" -> new Auto();
            case "none" -> new None();
            default -> new FromFile(Path.of(text.strip()), null);
        };
    }

    /** {@code --baseline} values. */
    final class Converter implements ITypeConverter<BaselineChoice> {
        @Override
        public BaselineChoice convert(String value) {
            return parse(value);
        }
    }

    /**
     * This choice ready to run after the search: a schedule file is read and checked now, before
     * the search, so that a bad file costs nothing.
     *
     * @throws BadInputException if the file is not a schedule of the workload whose stacks can be built
     */
    default BaselineChoice prepared(SearchSetup setup) {
        if (!(this instanceof FromFile f)) {
            return this;
        }
        Schedule schedule = ConfigLoader.schedule(f.file(), setup.scenario().workload());
        try {
            StackPartition.of(StackGraph.of(setup.scenario().workload()),
                    schedule.stacks().stream().map(StackSchedule::layerIds).toList(), false);
        } catch (UnbuildableStackException e) {
            throw new BadInputException("--baseline " + f.file() + ": " + e.getMessage());
        }
        return new FromFile(f.file(), schedule);
    }

    /**
     * The baseline, after the search, on its cost model.
     *
     * @param startNanos when the wall-time budget started
     * @param timeBudget the wall-time budget (the automatic baseline keeps to what is left of it)
     */
    default BaselineOutcome run(SearchSetup setup, CostModel model, long startNanos, Duration timeBudget) {
        return switch (this) {
            case Auto a -> Baseline.find(setup, model, startNanos, timeBudget);
            case None n -> BaselineOutcome.notAsked();
            case FromFile f -> {
                long start = System.nanoTime();
                ScheduleCost cost = cost(setup, model, f.schedule());
                if (!cost.feasible()) {
                    yield BaselineOutcome.of(null);
                }
                yield BaselineOutcome.of(new Baseline(f.schedule(), cost, setup.objective().objective().value(cost), 1, 1,
                        (System.nanoTime() - start) / 1_000_000, f.file()));
            }
        };
    }

    /** The schedule's cost through the search's evaluator, or the engine for stacks the evaluator does not build. */
    private static ScheduleCost cost(SearchSetup setup, CostModel model, Schedule schedule) {
        try {
            return model.evaluator().evaluate(schedule);
        } catch (UnbuildableStackException notBuildable) {
            // a stack that splits a branch-and-merge unit: the engine builds it (as evaluate --schedule does)
        }
        DepthFirstResult r;
        try {
            r = model.engine().run(setup.scenario(), schedule, setup.lpfLimit(), false);
        } catch (MemoryHierarchyTooSmallException | UnroutableCopyException e) {
            return ScheduleCost.infeasible();
        }
        return Baseline.costOf(r);
    }
}
