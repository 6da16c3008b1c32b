package org.tessel.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import org.tessel.cluster.RunSpec;
import org.tessel.cluster.UnitKind;
import org.tessel.model.BadInputException;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.search.Memo;
import org.tessel.model.search.ScheduleEvaluator;
import org.tessel.model.search.StackCost;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * Batches of an exhaustive search's stacks on a member ({@link UnitKind#STACK_COSTING}): the member
 * builds the search's evaluator from the problem's files and options once, as {@code tessel search}
 * builds it ({@link SearchOptions#setup}, {@link SearchSetup#newCostModel()}), keeps it with its
 * layer-tile memo for the problem's next batches, and costs each batch on all its cores.
 */
final class StackCostingWorker {

    /** Problems whose evaluator a member keeps at once. */
    private static final int PROBLEMS_KEPT = 4;

    /** The options of a costing problem: {@code search}'s (objective, tiles, lpf limit, import options). */
    static final class CostingArguments {
        @Mixin
        SearchOptions options;
    }

    private final ScratchFiles scratch;
    private final Memo<String, ScheduleEvaluator> evaluators = new Memo<>(PROBLEMS_KEPT);

    StackCostingWorker(ScratchFiles scratch) {
        this.scratch = scratch;
    }

    /** The costs of {@code stacks}, in order. */
    List<StackCost> cost(RunSpec problem, List<StackSchedule> stacks) {
        if (problem.kind() != UnitKind.STACK_COSTING) {
            throw new IllegalArgumentException("stacks come with a stack-costing problem, not " + problem.kind());
        }
        ScheduleEvaluator evaluator = evaluators.get(problem.fingerprint(), k -> build(problem));
        return stacks.parallelStream().map(evaluator::evaluateStack).toList();
    }

    private ScheduleEvaluator build(RunSpec problem) {
        CostingArguments a = new CostingArguments();
        try {
            new CommandLine(a).parseArgs(scratch.arguments(problem));
        } catch (CommandLine.ParameterException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        return a.options.setup(new PrintWriter(Writer.nullWriter())).newCostModel().evaluator();
    }
}
