package org.tessel.cli;

import com.hazelcast.core.HazelcastInstance;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.tessel.cli.chart.SearchFigure;
import org.tessel.cluster.ClusterSpec;
import org.tessel.cluster.ClusterStackCoster;
import org.tessel.cluster.ConfigFile;
import org.tessel.cluster.RunSpec;
import org.tessel.cluster.UnitKind;
import org.tessel.model.BadInputException;
import org.tessel.model.search.Budget;
import org.tessel.model.search.ScheduleEvaluator;
import org.tessel.model.search.SearchResult;
import org.tessel.model.search.StackComposition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tessel search}: the best depth-first schedule of a workload on an accelerator, compared
 * with the reference's baseline. Ctrl-C or an exhausted budget still reports the best found so far.
 * The result is printed and written before the baseline runs ({@link SearchOutput}); the baseline
 * gets what is left of the wall-time budget, and its failure is a warning, not the run's.
 */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Searches for the best depth-first schedule (fusion cuts, per-stack tile sizes and overlap modes).",
            "Prints it with its cost, the baseline's cost (automatic weights-overflow cuts, best single global tile",
            "and mode) and the gain. Ctrl-C stops the search and still prints (and writes) the best found so far."
        })
final class SearchCommand implements Callable<Integer> {

    @Mixin
    SearchOptions options;

    @Option(names = "--strategy", paramLabel = "NAME", defaultValue = "exhaustive",
            converter = SearchOptions.StrategyConverter.class,
            description = "exhaustive | genetic | constraint (default: ${DEFAULT-VALUE})")
    StrategyChoice strategy;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--json", converter = OutputFile.class, paramLabel = "FILE", description = "write the result as JSON")
    Path json;

    @Option(names = "--schedule-out", converter = OutputFile.class, paramLabel = "FILE",
            description = "write the best schedule as a schedule file (JSON if FILE ends in .json, else YAML)")
    Path scheduleOut;

    @Option(names = "--no-progress", description = "no progress bar on standard error")
    boolean noProgress;

    @Option(names = "--checkpoint", converter = OutputFile.class, paramLabel = "FILE",
            description = "record every stack the model costs in FILE as it is costed, and take the costs FILE already "
                    + "holds for the same problem instead of costing those stacks again: an interrupted search resumes "
                    + "where it stopped (docs/search.md \"Checkpoints\")")
    Path checkpointFile;

    @Mixin
    ChartOption chart;

    @Option(names = "--baseline", paramLabel = "auto|none|FILE", defaultValue = "auto", converter = BaselineChoice.Converter.class,
            description = "what the result is compared with: auto (the reference's weights-overflow cuts with the best global "
                    + "tile and mode, within the wall-time budget), none, or a schedule file (default: ${DEFAULT-VALUE})")
    BaselineChoice baselineChoice;

    @Mixin
    ClusterOption cluster;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Longest progress line written to a log (a terminal gets its width). */
    private static final int LOG_LINE_LENGTH = 200;

    /** Where each run's cost model comes from: a fresh one (tests give evaluators that fail on purpose). */
    private final Function<SearchSetup, CostModel> costModels;

    private boolean barClosed;

    /** The command as the user runs it. */
    SearchCommand() {
        this(SearchSetup::newCostModel);
    }

    SearchCommand(Function<SearchSetup, CostModel> costModels) {
        this.costModels = costModels;
    }

    @Override
    public Integer call() {
        OutputFile.requireDirectory(json, "--json");
        OutputFile.requireDirectory(scheduleOut, "--schedule-out");
        chart.check();
        Budget budget = options.budget();
        if (cluster.requested() && strategy != StrategyChoice.EXHAUSTIVE) {
            throw new BadInputException("--cluster spreads the stacks of --strategy exhaustive only; run other strategies "
                    + "(seeds, budgets) on a cluster as a campaign: tessel campaign FILE --cluster " + cluster.file);
        }
        ClusterSpec clusterSpec = cluster.requested() ? cluster.spec() : null;
        SearchSetup setup = options.setup(spec.commandLine().getErr());
        BaselineChoice baselineWanted = baselineChoice.prepared(setup);
        CostModel model = costModels.apply(setup);
        SearchCheckpoint checkpoint = checkpointFile == null ? null
                : SearchCheckpoint.open(checkpointFile, costingProblem(setup).fingerprint(), spec.commandLine().getErr());
        HazelcastInstance client = clusterSpec == null ? null : ClusterOption.connect(clusterSpec);
        try {
            return search(setup, budget, baselineWanted, model, client, checkpoint);
        } finally {
            if (client != null) {
                client.shutdown();
            }
            if (checkpoint != null) {
                checkpoint.close();
            }
        }
    }

    /**
     * The problem members cost stacks of, whose fingerprint also names a checkpoint's problem: the
     * files (searched mappings as found here) and what the cost of a stack depends on besides the
     * stack (the lpf limit, the ONNX import options).
     */
    private RunSpec costingProblem(SearchSetup setup) {
        List<ConfigFile> files = options.files.shipped(setup.scenario());
        List<String> o = new ArrayList<>(options.files.importOptions());
        o.addAll(List.of("--lpf-limit", Integer.toString(setup.lpfLimit())));
        return new RunSpec(UnitKind.STACK_COSTING, files.get(0), files.get(1), files.get(2), o);
    }

    private Integer search(SearchSetup setup, Budget budget, BaselineChoice baselineWanted, CostModel model, HazelcastInstance client,
            SearchCheckpoint checkpoint) {
        ClusterStackCoster members = client == null ? null
                : new ClusterStackCoster(client, costingProblem(setup), ClusterOption.MEMBER_WAIT);
        ScheduleEvaluator searched = members == null ? model.evaluator() : new ClusterEvaluator(model.evaluator(), members);
        CheckpointedEvaluator checkpointed = checkpoint == null ? null : new CheckpointedEvaluator(searched, checkpoint);
        if (checkpointed != null) {
            searched = checkpointed;
            PrintWriter err = spec.commandLine().getErr();
            err.printf(Locale.ROOT, "checkpoint %s: %,d stack cost%s of this problem restored%n", checkpoint.file(),
                    checkpoint.restoredCount(), checkpoint.restoredCount() == 1 ? "" : "s");
            err.flush();
        }
        long start = System.nanoTime();
        ProgressBar bar = noProgress ? null : progressBar(setup, budget, model, start);
        EvaluationWatch watch = new EvaluationWatch(searched, setup.space(), setup.objective().objective(),
                strategy.cliName(), n -> {
                    if (bar != null) {
                        bar.stepTo(n);
                    }
                });
        if (bar != null) {
            watch.onBounds(() -> bar.setExtraMessage(watch.gapText()));
        }
        SearchOutput output = new SearchOutput(spec.commandLine().getOut(), spec.commandLine().getErr(), json, scheduleOut);
        AtomicReference<SearchResult> finished = new AtomicReference<>();
        // Ctrl-C: the best so far from the watch while searching, else the finished result without baseline
        Thread hook = new Thread(() -> {
            close(bar);
            SearchResult done = finished.get();
            output.interrupted(() -> new SearchReport(setup, strategy, seed, done != null ? done : watch.soFar(),
                    BaselineOutcome.interrupted(), done == null));
        }, "tessel-search-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            SearchResult result = strategy.create().search(setup.space(), watch, setup.objective().objective(), budget, seed);
            finished.set(result);
            close(bar);
            if (checkpointed != null) {
                PrintWriter err = spec.commandLine().getErr();
                err.printf(Locale.ROOT, "checkpoint %s: %,d stack%s taken from it, %,d costed and recorded%n", checkpoint.file(),
                        checkpointed.restored(), checkpointed.restored() == 1 ? "" : "s", checkpointed.recorded());
                err.flush();
            }
            if (members != null) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("stacks costed per member: " + members.stacksPerMember().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + "; "
                        + members.batchSummary());
                err.flush();
            }
            SearchReport report = new SearchReport(setup, strategy, seed, result, BaselineOutcome.pending(), false);
            // the result first: whatever happens to the baseline, it is printed and written
            if (output.result(report)) {
                SearchReport full = report.withBaseline(baseline(baselineWanted, setup, model, watch, start, budget));
                output.baseline(full);
                if (chart.requested()) {
                    drawChart(full, model);
                }
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: it reports
            }
        }
        output.rethrowFailures();
        return ExitCode.OK;
    }

    /**
     * The search figure ({@link SearchFigure}), drawn from the result document with the energy
     * breakdown of the best, the baseline and the layer-by-layer schedule added; the JSON, if asked
     * for, is written again with that breakdown so that {@code tessel report} draws the same.
     */
    private void drawChart(SearchReport report, CostModel model) {
        Map<String, Object> document = new LinkedHashMap<>(report.json());
        document.put("energy_breakdown", SearchBreakdown.of(report, model.engine()));
        if (json != null) {
            JsonFile.write(json, document);
        }
        chart.write(document, SearchFigure::of, 1);
        spec.commandLine().getOut().println("charts in " + chart.file);
        spec.commandLine().getOut().flush();
    }

    /**
     * The baseline within what is left of the wall-time budget. It only puts the result in
     * perspective, so its failure is a warning on standard error, never the run's failure.
     */
    private BaselineOutcome baseline(BaselineChoice wanted, SearchSetup setup, CostModel model, EvaluationWatch watch, long start,
            Budget budget) {
        long t0 = System.nanoTime();
        long stacks0 = watch.stacksCosted();
        try {
            BaselineOutcome outcome = wanted.run(setup, model, start, budget.maxWallTime());
            return outcome.kind() == BaselineOutcome.Kind.NOT_ASKED ? outcome
                    : outcome.withCost(new BaselineCost((System.nanoTime() - t0) / 1_000_000, watch.stacksCosted() - stacks0));
        } catch (RuntimeException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("warning: the baseline failed (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "); the search result stands");
            if (TesselCommand.debugRequested(spec)) {
                e.printStackTrace(err);
            }
            err.flush();
            return BaselineOutcome.failed(e);
        }
    }

    /**
     * A bar over the evaluation budget, or over all stacks for the exhaustive search, else
     * open-ended; its line ({@link ProgressLine}) gives an ETA from the measured rate.
     */
    private ProgressBar progressBar(SearchSetup setup, Budget budget, CostModel model, long startNanos) {
        long max = budget.limitsEvaluations() ? budget.maxEvaluations() : -1;
        if (strategy == StrategyChoice.EXHAUSTIVE) {
            max = max < 0 ? setup.stackCount() : Math.min(max, setup.stackCount());
        }
        var console = System.console();
        boolean terminal = console != null && console.isTerminal();
        String unit = model.evaluator().stackComposition() == StackComposition.ADDITIVE ? "stacks" : "schedules";
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(strategy.cliName())
                .setInitialMax(max)
                .setRenderer(new ProgressLine(unit, startNanos, budget.maxWallTime(), terminal));
        if (!terminal) {
            // a log file, not a terminal: a plain line every few seconds instead of a redrawn bar
            PrintWriter err = spec.commandLine().getErr();
            builder.setConsumer(new DelegatingProgressBarConsumer(line -> {
                err.println(line);
                err.flush();
            }, LOG_LINE_LENGTH)).setUpdateIntervalMillis(5000);
        } else {
            builder.setUpdateIntervalMillis(500);
        }
        return builder.build();
    }

    private synchronized void close(ProgressBar bar) {
        if (bar != null && !barClosed) {
            barClosed = true;
            bar.close();
        }
    }
}
