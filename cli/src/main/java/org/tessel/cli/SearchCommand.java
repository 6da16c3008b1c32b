package org.tessel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.tessel.model.config.ScheduleWriter;
import org.tessel.model.search.Budget;
import org.tessel.model.search.SearchResult;
import org.tessel.model.search.StackComposition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tessel search}: the best depth-first schedule of a workload on an accelerator, compared
 * with the reference's baseline. Ctrl-C or an exhausted budget still reports the best found so far.
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

    @Option(names = "--json", paramLabel = "FILE", description = "write the result as JSON")
    Path json;

    @Option(names = "--schedule-out", paramLabel = "FILE",
            description = "write the best schedule as a schedule file (JSON if FILE ends in .json, else YAML)")
    Path scheduleOut;

    @Option(names = "--no-progress", description = "no progress bar on standard error")
    boolean noProgress;

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
        Budget budget = options.budget();
        SearchSetup setup = options.setup();
        PrintWriter out = spec.commandLine().getOut();
        CostModel model = costModels.apply(setup);
        long start = System.nanoTime();
        ProgressBar bar = noProgress ? null : progressBar(setup, budget, model, start);
        EvaluationWatch watch = new EvaluationWatch(model.evaluator(), setup.space(), setup.objective().objective(),
                strategy.cliName(), n -> {
                    if (bar != null) {
                        bar.stepTo(n);
                    }
                });
        AtomicBoolean reported = new AtomicBoolean();
        AtomicReference<SearchResult> finished = new AtomicReference<>();
        // Ctrl-C: report from the watch (or the finished result if only the baseline was running)
        Thread hook = new Thread(() -> {
            if (reported.compareAndSet(false, true)) {
                close(bar);
                SearchResult done = finished.get();
                SearchReport report = new SearchReport(setup, strategy, seed, done != null ? done : watch.soFar(), null, true);
                emit(report, out);
            }
        }, "tessel-search-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            SearchResult result = strategy.create().search(setup.space(), watch, setup.objective().objective(), budget, seed);
            finished.set(result);
            close(bar);
            Baseline baseline = Baseline.find(setup, model);
            if (reported.compareAndSet(false, true)) {
                emit(new SearchReport(setup, strategy, seed, result, baseline, false), out);
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: it reports
            }
        }
        return ExitCode.OK;
    }

    private void emit(SearchReport report, PrintWriter out) {
        report.print(out);
        if (json != null) {
            JsonFile.write(json, report.json());
            out.println("Wrote " + json);
        }
        var best = report.result().best();
        if (scheduleOut != null && best.isPresent()) {
            ScheduleWriter.write(scheduleOut, report.setup().scenario().workload().name(), best.get().schedule());
            out.println("Wrote " + scheduleOut);
        }
        out.flush();
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
