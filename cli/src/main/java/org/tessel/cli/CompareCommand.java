package org.tessel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tessel.model.BadInputException;
import org.tessel.model.search.Budget;
import org.tessel.model.search.SearchResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tessel compare}: several strategies on the same problem with the same evaluation budget
 * and several seeds, judged against the exact optimum.
 */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Compares search strategies on one evaluation budget and several seeds against the exact optimum.",
            "The optimum comes from an unlimited exhaustive search (or --optimum). Prints best, median, gap, how often",
            "and how soon each strategy came within 1 %%, and wall time. Every run gets a fresh cost model with empty",
            "caches, so wall times are comparable."
        })
final class CompareCommand implements Callable<Integer> {

    @Mixin
    SearchOptions options;

    @Option(names = "--strategies", paramLabel = "LIST", split = ",", defaultValue = "exhaustive,genetic,constraint",
            converter = SearchOptions.StrategyConverter.class,
            description = "strategies to compare (default: ${DEFAULT-VALUE})")
    List<StrategyChoice> strategies;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "5", description = "seeds per strategy (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--first-seed", paramLabel = "N", defaultValue = "1",
            description = "seeds are N, N+1, ... (default: ${DEFAULT-VALUE})")
    long firstSeed;

    @Option(names = "--optimum", paramLabel = "VALUE",
            description = "the exact optimum if already known (e.g. best_value of an exhaustive search's JSON)")
    Double optimum;

    @Option(names = "--csv", paramLabel = "FILE", description = "write one line per run as CSV")
    Path csv;

    @Option(names = "--chart", paramLabel = "FILE", description = "write a PNG chart of best-so-far against evaluations")
    Path chart;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (options.budgetEvals == null) {
            throw new BadInputException("compare needs --budget-evals: only an evaluation budget is the same on every machine");
        }
        Budget budget = options.budget();
        if (seeds < 1) {
            throw new BadInputException("--seeds must be at least 1, got " + seeds);
        }
        if (optimum != null && !(optimum > 0 && Double.isFinite(optimum))) {
            throw new BadInputException("--optimum must be a positive number, got " + optimum);
        }
        OutputFile.requireDirectory(csv, "--csv");
        OutputFile.requireDirectory(chart, "--chart");
        SearchSetup setup = options.setup(spec.commandLine().getErr());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        double exact;
        if (optimum != null) {
            exact = optimum;
            out.printf(Locale.ROOT, "Exact optimum (given): %s %s%n", SearchReport.scientific(exact), setup.objective().unit());
        } else {
            err.printf(Locale.ROOT, "exact optimum: exhaustive search of %,d stacks...%n", setup.stackCount());
            err.flush();
            SearchResult full = StrategyChoice.EXHAUSTIVE.create().search(setup.space(), setup.newCostModel().evaluator(),
                    setup.objective().objective(), Budget.unlimited(), 0);
            if (full.front().isEmpty()) {
                throw new BadInputException("no feasible schedule exists: nothing to compare");
            }
            exact = full.bestValue();
            out.printf(Locale.ROOT, "Exact optimum: %s %s (exhaustive: %,d evaluations, %.1f s)%n", SearchReport.scientific(exact),
                    setup.objective().unit(), full.evaluations(), full.wallTime().toMillis() / 1000.0);
        }
        List<ComparisonRun> runs = new ArrayList<>();
        for (StrategyChoice s : strategies.stream().distinct().toList()) {
            int count = s.ignoresSeed() ? 1 : seeds;
            for (int i = 0; i < count; i++) {
                Long seed = s.ignoresSeed() ? null : firstSeed + i;
                SearchResult r = s.create().search(setup.space(), setup.newCostModel().evaluator(), setup.objective().objective(),
                        budget, seed == null ? 0 : seed);
                runs.add(new ComparisonRun(s, seed, r));
                err.printf(Locale.ROOT, "%s%s: best %s after %,d evaluations (%.1f s)%n", s.cliName(),
                        seed == null ? "" : " seed " + seed, SearchReport.scientific(r.bestValue()), r.evaluations(),
                        r.wallTime().toMillis() / 1000.0);
                err.flush();
            }
        }
        Comparison comparison = new Comparison(setup, exact, budget.maxEvaluations(), runs);
        out.printf(Locale.ROOT, "%s on %s, objective %s (%s), budget %,d evaluations, %d seed%s, tile grid %s%n",
                setup.scenario().workload().name(), setup.scenario().accelerator().name(), setup.objective().cliName(),
                setup.objective().unit(), budget.maxEvaluations(), seeds, seeds == 1 ? "" : "s", setup.tileGrid());
        out.print(comparison.table().render(2));
        if (csv != null) {
            comparison.writeCsv(csv);
            out.println("Wrote " + csv);
        }
        if (chart != null) {
            new ComparisonChart(comparison).writePng(chart);
            out.println("Wrote " + chart);
        }
        out.flush();
        return ExitCode.OK;
    }
}
