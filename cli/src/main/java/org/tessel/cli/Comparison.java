package org.tessel.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.tessel.model.BadInputException;

/**
 * The runs of one {@code tessel compare} against the exact optimum: the summary table and the
 * per-run CSV.
 *
 * @param setup the problem searched
 * @param optimum the exact optimum of the objective's scalar value
 * @param budgetEvaluations the evaluation budget every run had
 * @param runs the runs, grouped by strategy in the order requested
 */
record Comparison(SearchSetup setup, double optimum, long budgetEvaluations, List<ComparisonRun> runs) {

    /** "Close to the optimum": within 1 %. */
    static final double TOLERANCE = 0.01;

    Comparison {
        runs = List.copyOf(runs);
    }

    /** The strategies compared, in the order requested. */
    List<StrategyChoice> strategies() {
        return runs.stream().map(ComparisonRun::strategy).distinct().toList();
    }

    /** The runs of one strategy. */
    List<ComparisonRun> runsOf(StrategyChoice strategy) {
        return runs.stream().filter(r -> r.strategy() == strategy).toList();
    }

    /**
     * The median (Commons Math's default percentile estimate) of values that may include +∞;
     * +∞ if at least half are.
     */
    static double median(double[] values) {
        long infinite = Arrays.stream(values).filter(v -> v == Double.POSITIVE_INFINITY).count();
        if (values.length == 0 || 2 * infinite >= values.length) {
            return Double.POSITIVE_INFINITY;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        // +∞ only at the top end: replace by the largest finite value so interpolation stays finite
        double top = sorted[(int) (sorted.length - infinite - 1)];
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] == Double.POSITIVE_INFINITY) {
                sorted[i] = top;
            }
        }
        return new Percentile().evaluate(sorted, 50);
    }

    /** One row per strategy: best and median value, their gaps, runs within 1 %, evaluations to get there, wall time. */
    TextTable table() {
        TextTable t = TextTable.of("strategy", ">runs", ">best", ">median", ">gap best", ">gap median", ">within 1 %",
                ">evals to 1 % (median)", ">wall s (median)");
        for (StrategyChoice s : strategies()) {
            List<ComparisonRun> rs = runsOf(s);
            double[] values = rs.stream().mapToDouble(r -> r.result().bestValue()).toArray();
            double best = Arrays.stream(values).min().orElse(Double.POSITIVE_INFINITY);
            double median = median(values);
            List<OptionalLong> reached = rs.stream().map(r -> r.evaluationsToWithin(optimum, TOLERANCE)).toList();
            double[] toReach = reached.stream().filter(OptionalLong::isPresent).mapToDouble(OptionalLong::getAsLong).toArray();
            double[] wall = rs.stream().mapToDouble(r -> r.result().wallTime().toMillis() / 1000.0).toArray();
            t = t.withRow(s.cliName() + (s.ignoresSeed() ? " (seed-free)" : ""), rs.size(), SearchReport.scientific(best),
                    SearchReport.scientific(median), percent(best / optimum - 1), percent(median / optimum - 1),
                    toReach.length + "/" + rs.size(),
                    toReach.length == 0 ? "-" : String.format(Locale.ROOT, "%,.0f", median(toReach)),
                    String.format(Locale.ROOT, "%.1f", median(wall)));
        }
        return t;
    }

    private static String percent(double gap) {
        return Double.isFinite(gap) ? String.format(Locale.ROOT, "%.2f %%", 100 * gap) : "-";
    }

    /** One line per run. */
    List<String> csvLines() {
        List<String> lines = new ArrayList<>();
        lines.add("workload,accelerator,objective,strategy,seed,budget_evals,best_value,optimum,gap_percent,evaluations,"
                + "evaluations_to_1pct,wall_ms,complete");
        for (ComparisonRun r : runs) {
            OptionalLong reach = r.evaluationsToWithin(optimum, TOLERANCE);
            double value = r.result().bestValue();
            lines.add(String.join(",", setup.scenario().workload().name(), setup.scenario().accelerator().name(),
                    setup.objective().cliName(), r.strategy().cliName(), r.seed() == null ? "" : r.seed().toString(),
                    Long.toString(budgetEvaluations), Double.isFinite(value) ? Double.toString(value) : "",
                    Double.toString(optimum), Double.isFinite(value) ? String.format(Locale.ROOT, "%.6f", 100 * r.gap(optimum)) : "",
                    Long.toString(r.result().evaluations()), reach.isPresent() ? Long.toString(reach.getAsLong()) : "",
                    Long.toString(r.result().wallTime().toMillis()), Boolean.toString(r.result().complete())));
        }
        return lines;
    }

    /** Writes {@link #csvLines()} to {@code file}. */
    void writeCsv(Path file) {
        try {
            Files.write(file, csvLines());
        } catch (IOException e) {
            throw new BadInputException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
