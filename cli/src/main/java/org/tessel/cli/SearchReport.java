package org.tessel.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tessel.model.config.ScheduleWriter;
import org.tessel.model.schedule.Schedule;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.search.EvaluatedSchedule;
import org.tessel.model.search.SearchResult;
import org.tessel.model.search.StackCost;
import org.tessel.model.search.TracePoint;

/**
 * The outcome of one {@code tessel search} run, printed for people and written as JSON.
 *
 * @param setup the problem searched
 * @param strategy the back end
 * @param seed the random seed
 * @param result what the back end found (so far, if interrupted)
 * @param baselineOutcome the reference baseline, or what became of it
 * @param interrupted true if the search was stopped by the user before it finished
 */
record SearchReport(SearchSetup setup, StrategyChoice strategy, long seed, SearchResult result,
        BaselineOutcome baselineOutcome, boolean interrupted) {

    /** The same report with the baseline step's outcome. */
    SearchReport withBaseline(BaselineOutcome outcome) {
        return new SearchReport(setup, strategy, seed, result, outcome, interrupted);
    }

    /** The baseline, complete or partial; null if there is none. */
    Baseline baseline() {
        return baselineOutcome.baseline();
    }

    /** Baseline value over best value: how many times better the search is; NaN if either is missing. */
    double gain() {
        if (baseline() == null || result.front().isEmpty()) {
            return Double.NaN;
        }
        return baseline().value() / result.bestValue();
    }

    /** Prints the whole summary: {@link #printResult} and {@link #printBaseline}. */
    void print(PrintWriter out) {
        printResult(out);
        printBaseline(out);
    }

    /** Prints what the search found: the best schedule per stack and its cost (and the front). */
    void printResult(PrintWriter out) {
        String unit = setup.objective().unit();
        out.printf(Locale.ROOT, "%s search of %s on %s, objective %s%s%n", strategy.cliName(), setup.scenario().workload().name(),
                setup.scenario().accelerator().name(), setup.objective().cliName(),
                strategy.ignoresSeed() ? "" : ", seed " + seed);
        out.printf(Locale.ROOT, "Space: %d units, tile grid %s, %s schedules, %,d distinct stacks%n",
                setup.space().units().count(), setup.tileGrid(), scientific(setup.space().size().doubleValue()),
                setup.stackCount());
        if (interrupted) {
            out.println("Interrupted: best found so far.");
        }
        out.printf(Locale.ROOT, "Evaluations: %,d in %.1f s%s%n", result.evaluations(), result.wallTime().toMillis() / 1000.0,
                result.complete() ? " (complete: the optimum)" : "");
        if (!result.complete() && !Double.isNaN(result.gap())) {
            out.printf(Locale.ROOT, "Proven gap: %.2f%% (the optimum is at least %s %s)%n", 100 * result.gap(),
                    scientific(result.lowerBound()), unit);
        }
        var best = result.best();
        if (best.isEmpty()) {
            // a search stopped early has not seen the whole space: say so rather than that none exists
            out.println(result.complete() ? "No feasible schedule exists in this space."
                    : "No feasible schedule among those evaluated before the search stopped.");
        } else {
            EvaluatedSchedule b = best.get();
            out.printf(Locale.ROOT, "Best: %s %s (energy %s pJ, latency %,d cycles)%n", scientific(result.bestValue()), unit,
                    scientific(b.cost().energyPj()), b.cost().latencyCycles());
            out.print(stackTable(b.schedule(), b.cost().perStack()).render(2));
        }
        if (setup.objective().objective().isPareto() && result.front().size() > 1) {
            out.printf(Locale.ROOT, "Pareto front (%d schedules):%n", result.front().size());
            TextTable t = TextTable.of(">energy pJ", ">latency cycles", ">EDP", ">stacks");
            for (EvaluatedSchedule e : result.front()) {
                t = t.withRow(scientific(e.cost().energyPj()), String.format(Locale.ROOT, "%,d", e.cost().latencyCycles()),
                        scientific(e.cost().energyPj() * e.cost().latencyCycles()), e.schedule().stacks().size());
            }
            out.print(t.render(2));
        }
        out.flush();
    }

    /** Prints the baseline and the gain over it, or what became of the baseline. */
    void printBaseline(PrintWriter out) {
        Baseline baseline = baseline();
        switch (baselineOutcome.kind()) {
            case COMPLETE, PARTIAL -> {
                StackSchedule first = baseline.schedule().stacks().getFirst();
                int n = baseline.schedule().stacks().size();
                String of = baseline.complete() ? Integer.toString(baseline.candidates())
                        : baseline.candidates() + " of " + baseline.total() + " candidates, budget spent";
                if (baseline.file() != null) {
                    out.printf(Locale.ROOT, "Baseline (schedule file %s, %d stack%s): %s %s%n", baseline.file(), n,
                            n == 1 ? "" : "s", scientific(baseline.value()), setup.objective().unit());
                } else {
                    out.printf(Locale.ROOT, "Baseline (weights-overflow cuts, %d stack%s, global tile %s, %s; best of %s): %s %s%n",
                            n, n == 1 ? "" : "s", first.tile(), first.mode().cliName(), of, scientific(baseline.value()),
                            setup.objective().unit());
                }
                if (!Double.isNaN(gain())) {
                    double change = 100 * (1 - 1 / gain());
                    out.printf(Locale.ROOT, "Gain over baseline: %.3fx (%.1f %% %s %s)%s%n", gain(), Math.abs(change),
                            change >= 0 ? "lower" : "higher", setup.objective() == ObjectiveChoice.ENERGY ? "energy"
                                    : setup.objective() == ObjectiveChoice.LATENCY ? "latency" : "EDP",
                            baseline.complete() ? "" : ", against a partial baseline");
                }
            }
            case NONE_FEASIBLE -> out.println("Baseline: no feasible candidate.");
            case PENDING -> out.println("Baseline: pending.");
            case SKIPPED -> out.println("Baseline skipped: budget spent.");
            case FAILED -> out.println("Baseline: not computed (it failed: " + baselineOutcome.failure() + ").");
            case INTERRUPTED -> out.println("Baseline: not computed (interrupted).");
            case NOT_ASKED -> out.println("Baseline: not computed (--baseline none).");
        }
        BaselineCost cost = baselineOutcome.cost();
        boolean nothingDone = baselineOutcome.kind() == BaselineOutcome.Kind.SKIPPED && cost != null && cost.stacks() == 0;
        if (cost != null && !nothingDone) { // a baseline skipped before its first stack cost nothing worth a line
            // apart from the search's own time and evaluations, which it does not change
            out.printf(Locale.ROOT, "Baseline cost: %.1f s, %,d stack%s costed (apart from the search)%n", cost.millis() / 1000.0,
                    cost.stacks(), cost.stacks() == 1 ? "" : "s");
        }
        out.flush();
    }

    private static TextTable stackTable(Schedule schedule, List<StackCost> costs) {
        TextTable t = TextTable.of(">stack", "layers", "tile", "mode", ">energy pJ", ">latency cycles");
        for (int i = 0; i < schedule.stacks().size(); i++) {
            StackSchedule s = schedule.stacks().get(i);
            StackCost c = i < costs.size() ? costs.get(i) : null;
            t = t.withRow(i + 1, layers(s.layerIds()), s.tile(), s.mode().cliName(), c == null ? "-" : scientific(c.energyPj()),
                    c == null ? "-" : String.format(Locale.ROOT, "%,d", c.latencyCycles()));
        }
        return t;
    }

    /** Layer ids with runs of consecutive ids shortened, e.g. 0-3,5. */
    static String layers(List<Integer> ids) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < ids.size()) {
            int j = i;
            while (j + 1 < ids.size() && ids.get(j + 1) == ids.get(j) + 1) {
                j++;
            }
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(ids.get(i));
            if (j > i) {
                sb.append('-').append(ids.get(j));
            }
            i = j + 1;
        }
        return sb.toString();
    }

    /** A value with 7 significant digits; "none" for +∞ (nothing feasible found). */
    static String scientific(double v) {
        if (v == Double.POSITIVE_INFINITY) {
            return "none";
        }
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6e", v) : String.valueOf(v);
    }

    /** The JSON document: every field of the run; numbers are exact doubles, timings in ms. */
    Map<String, Object> json() {
        String workload = setup.scenario().workload().name();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "search");
        m.put("workload", workload);
        m.put("accelerator", setup.scenario().accelerator().name());
        m.put("strategy", strategy.cliName());
        m.put("objective", setup.objective().cliName());
        m.put("unit", setup.objective().unit());
        m.put("seed", seed);
        m.put("tile_grid", setup.tileGrid());
        m.put("lpf_limit", setup.lpfLimit());
        m.put("space_size", setup.space().size().toString());
        m.put("stack_count", setup.stackCount());
        var best = result.best();
        m.put("best_value", best.isPresent() ? result.bestValue() : null);
        m.put("best_energy_pj", best.map(b -> b.cost().energyPj()).orElse(null));
        m.put("best_latency_cycles", best.map(b -> b.cost().latencyCycles()).orElse(null));
        m.put("best_schedule", best.map(b -> ScheduleWriter.toMap(workload, b.schedule())).orElse(null));
        Baseline baseline = baseline();
        m.put("baseline_value", baseline == null ? null : baseline.value());
        m.put("baseline_energy_pj", baseline == null ? null : baseline.cost().energyPj());
        m.put("baseline_latency_cycles", baseline == null ? null : baseline.cost().latencyCycles());
        m.put("baseline_schedule", baseline == null ? null : ScheduleWriter.toMap(workload, baseline.schedule()));
        m.put("baseline_candidates", baseline == null ? null : baseline.candidates());
        m.put("baseline_note", baselineOutcome.note());
        m.put("gain", Double.isNaN(gain()) ? null : gain());
        m.put("evaluations", result.evaluations());
        m.put("complete", result.complete());
        m.put("lower_bound", Double.isNaN(result.lowerBound()) ? null : result.lowerBound());
        m.put("gap", Double.isNaN(result.gap()) ? null : result.gap());
        m.put("interrupted", interrupted || baselineOutcome.kind() == BaselineOutcome.Kind.INTERRUPTED);
        m.put("wall_ms", result.wallTime().toMillis());
        BaselineCost cost = baselineOutcome.cost();
        // the baseline step's cost, apart from the search's wall_ms and evaluations
        m.put("baseline_ms", cost != null ? Long.valueOf(cost.millis()) : baseline == null ? null : baseline.millis());
        m.put("baseline_stacks", cost == null ? null : cost.stacks());
        m.put("baseline_file", baseline == null || baseline.file() == null ? null : baseline.file().toString());
        List<Map<String, Object>> trace = new ArrayList<>();
        for (TracePoint p : result.trace()) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("evaluations", p.evaluations());
            point.put("value", p.value());
            trace.add(point);
        }
        m.put("trace", trace);
        if (setup.objective().objective().isPareto()) {
            List<Map<String, Object>> front = new ArrayList<>();
            for (EvaluatedSchedule e : result.front()) {
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("energy_pj", e.cost().energyPj());
                point.put("latency_cycles", e.cost().latencyCycles());
                point.put("edp", e.cost().energyPj() * e.cost().latencyCycles());
                point.put("schedule", ScheduleWriter.toMap(workload, e.schedule()));
                front.add(point);
            }
            m.put("front", front);
        }
        return m;
    }
}
