package org.tessel.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.tessel.cluster.RunSpec;
import org.tessel.cluster.UnitKind;
import org.tessel.costmodel.SingleLayerEvaluator;
import org.tessel.costmodel.depthfirst.DepthFirstEngine;
import org.tessel.costmodel.depthfirst.partition.StackCuts;
import org.tessel.model.BadInputException;
import org.tessel.model.config.Scenario;
import org.tessel.model.search.Memo;
import org.tessel.model.search.Objective;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A sweep point on a member ({@link UnitKind#SWEEP_POINT}): its CSV row, computed by {@code tessel
 * sweep}'s own code ({@link SweepCommand#row}). A member prepares a sweep's problem (scenario, cuts,
 * an engine with its layer-tile memo) once and keeps it for the sweep's next points, as a sweep on
 * one machine shares one memo over its grid.
 */
final class SweepPointWorker {

    /** Sweeps whose problem a member keeps at once. */
    private static final int PROBLEMS_KEPT = 4;

    /** A sweep's problem as prepared on this member. */
    private record Problem(Scenario scenario, StackCuts cuts, DepthFirstEngine engine, int lpfLimit, boolean definesCompat) {}

    /** The options of a point: {@code sweep}'s, with one tile size and one mode. */
    static final class PointArguments {
        @Mixin
        ScenarioOptions files;

        @Option(names = "--tiles", required = true)
        String tile;

        @Option(names = "--modes", required = true)
        String mode;

        @Option(names = "--cuts", defaultValue = "auto")
        String cuts;

        @Mixin
        LpfLimitOption lpf;

        @Option(names = "--defines-compat")
        boolean definesCompat;
    }

    private final ScratchFiles scratch;
    private final Memo<String, Problem> problems = new Memo<>(PROBLEMS_KEPT);

    SweepPointWorker(ScratchFiles scratch) {
        this.scratch = scratch;
    }

    /** The options of the point {@code tile} ({@code WxH}) in {@code mode} of a sweep with {@code problemOptions}. */
    static List<String> options(List<String> problemOptions, SweepGrid.Point point) {
        List<String> o = new ArrayList<>(problemOptions);
        o.addAll(List.of("--tiles", point.tile().width() + "x" + point.tile().height(), "--modes", point.mode().cliName()));
        return o;
    }

    /** The point's CSV row. */
    String run(RunSpec unit) {
        PointArguments a = new PointArguments();
        try {
            new CommandLine(a).parseArgs(scratch.arguments(unit));
        } catch (CommandLine.ParameterException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        Problem p = problems.get(problemKey(unit), k -> prepare(a));
        SweepGrid.Point point = SweepGrid.parse(a.tile, SweepCommand.modeList(a.mode)).iterator().next();
        return SweepCommand.row(p.engine(), p.scenario(), point, p.cuts(), p.lpfLimit(), p.definesCompat());
    }

    /** The unit without its point: what its sweep's other points share. */
    private static String problemKey(RunSpec unit) {
        List<String> o = new ArrayList<>(unit.options());
        for (String option : List.of("--tiles", "--modes")) {
            int at = o.indexOf(option);
            o.subList(at, at + 2).clear();
        }
        return new RunSpec(unit.kind(), unit.workload(), unit.accelerator(), unit.mapping(), o).fingerprint();
    }

    private static Problem prepare(PointArguments a) {
        int lpfLimit = a.lpf.get();
        Scenario s = a.files.loadToCost(new PrintWriter(Writer.nullWriter()), Objective.ENERGY, lpfLimit);
        return new Problem(s, EvaluateCommand.cuts(a.cuts, s), new DepthFirstEngine(SingleLayerEvaluator.memoized()), lpfLimit,
                a.definesCompat);
    }
}
