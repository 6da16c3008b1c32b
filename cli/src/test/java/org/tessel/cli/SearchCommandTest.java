package org.tessel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tessel.costmodel.SingleLayerEvaluator;
import org.tessel.costmodel.depthfirst.DepthFirstScheduleEvaluator;
import org.tessel.model.config.ConfigLoader;
import org.tessel.model.config.Scenario;
import org.tessel.model.schedule.Schedule;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.search.ScheduleCost;
import org.tessel.model.search.ScheduleEvaluator;
import org.tessel.model.search.StackComposition;
import org.tessel.model.search.StackCost;

/** {@code tessel search} on a three-layer workload whose spaces take a second to search. */
class SearchCommandTest {

    static final String TINY = "src/test/resources/tiny/tiny.yaml";
    static final String TINY_MAPPING = "src/test/resources/tiny/tiny-mapping.yaml";
    static final String META_DF = CommandLineTest.META_DF;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The tiny scenario with two tile sizes (plus the whole output): 54 stacks, 900 schedules. */
    static List<String> tiny(String... more) {
        List<String> args = new ArrayList<>(List.of("--workload", TINY, "--accelerator", META_DF, "--mapping", TINY_MAPPING,
                "--tiles", "8x8,16x16"));
        args.addAll(List.of(more));
        return args;
    }

    static CommandLineTest.Run search(String... more) {
        List<String> args = new ArrayList<>(List.of("search"));
        args.addAll(tiny(more));
        return CommandLineTest.run(args.toArray(String[]::new));
    }

    @Test
    void unknownStrategyIsBadInput() {
        CommandLineTest.Run r = search("--strategy", "greedy");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("unknown strategy 'greedy' (choose from exhaustive, genetic, constraint)"), r.err());
    }

    @Test
    void unknownObjectiveIsBadInput() {
        CommandLineTest.Run r = search("--objective", "power");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("unknown objective 'power'"), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5"})
    void nonPositiveEvaluationBudgetIsBadInput(String budget) {
        CommandLineTest.Run r = search("--budget-evals", budget);
        assertEquals(2, r.status());
        assertEquals("error: --budget-evals must be a positive number, got " + budget, r.err().strip());
    }

    @Test
    void nonPositiveTimeBudgetIsBadInput() {
        CommandLineTest.Run r = search("--budget-seconds", "0");
        assertEquals(2, r.status());
        assertEquals("error: --budget-seconds must be a positive number, got 0.0", r.err().strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"8x", "axb", "0x4", "8x8x8"})
    void badTileListIsBadInput(String tile) {
        CommandLineTest.Run r = search("--tiles", "16x16," + tile);
        assertEquals(2, r.status());
        assertTrue(r.err().contains("Invalid value for option '--tiles'"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void unwritableOutputIsRefusedBeforeSearching(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-dir");
        for (String option : List.of("--json", "--schedule-out")) {
            Path file = missing.resolve("result.json");
            CommandLineTest.Run r = search(option, file.toString());
            assertEquals(2, r.status(), r.out() + r.err());
            assertTrue(r.err().contains(option + ": cannot write " + file), r.err());
            assertFalse(r.err().contains("\tat "), r.err());
            assertFalse(r.out().contains("Evaluations:"), "nothing searched: " + r.out());
        }
    }

    @Test
    void exhaustiveSearchWritesEveryFieldAndAReplayableSchedule(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("result.json");
        Path schedule = dir.resolve("best.yaml");
        CommandLineTest.Run r = search("--json", json.toString(), "--schedule-out", schedule.toString());
        assertEquals(0, r.status(), r.err());
        // branch and bound: 11 of the 54 stacks of the space are costed
        assertTrue(r.out().contains("Evaluations: 11 in"), r.out());
        assertTrue(r.out().contains("(complete: the optimum)"), r.out());
        assertTrue(r.out().contains("Gain over baseline: "), r.out());
        assertTrue(r.err().contains("exhaustive"), "progress bar on standard error: " + r.err());

        JsonNode doc = JSON.readTree(json.toFile());
        for (String field : List.of("objective", "best_value", "best_schedule", "baseline_value", "evaluations", "wall_ms",
                "seed", "trace", "gain", "complete")) {
            assertTrue(doc.hasNonNull(field), field + " in " + doc);
        }
        assertEquals("energy", doc.get("objective").asText());
        assertEquals(11, doc.get("evaluations").asLong());
        assertEquals(0.0, doc.get("gap").asDouble());
        assertEquals(doc.get("best_value").asDouble(), doc.get("lower_bound").asDouble());
        assertTrue(doc.get("complete").asBoolean());
        assertEquals("schedule", doc.get("best_schedule").get("kind").asText());
        JsonNode trace = doc.get("trace");
        assertEquals(doc.get("best_value").asDouble(), trace.get(trace.size() - 1).get("value").asDouble());
        // the exact optimum can only beat or equal the baseline, which is a point of the same space
        assertTrue(doc.get("best_value").asDouble() <= doc.get("baseline_value").asDouble());

        Scenario scenario = Scenario.load(Path.of(TINY), Path.of(META_DF), Path.of(TINY_MAPPING));
        Schedule best = ConfigLoader.schedule(schedule, scenario.workload());
        ScheduleCost replayed = new DepthFirstScheduleEvaluator(scenario, new SingleLayerEvaluator(), 6, false).evaluate(best);
        assertEquals(doc.get("best_value").asDouble(), replayed.energyPj());
        assertEquals(doc.get("best_latency_cycles").asLong(), replayed.latencyCycles());
    }

    @ParameterizedTest
    @ValueSource(strings = {"genetic", "constraint"})
    void sameSeedSameResult(String strategy, @TempDir Path dir) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        for (String name : List.of("a.json", "b.json")) {
            Path json = dir.resolve(name);
            CommandLineTest.Run r = search("--strategy", strategy, "--seed", "7", "--budget-evals", "25", "--objective", "edp",
                    "--no-progress", "--json", json.toString());
            assertEquals(0, r.status(), r.err());
            ObjectNode doc = (ObjectNode) JSON.readTree(json.toFile());
            doc.remove(List.of("wall_ms", "baseline_ms"));
            docs.add(doc);
        }
        assertEquals(docs.get(0), docs.get(1));
        assertEquals(25, docs.get(0).get("evaluations").asLong());
        assertEquals(7, docs.get(0).get("seed").asLong());
    }

    @Test
    void paretoObjectiveWritesTheFront(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("front.json");
        CommandLineTest.Run r = search("--objective", "pareto", "--no-progress", "--json", json.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode front = JSON.readTree(json.toFile()).get("front");
        assertTrue(front.isArray() && !front.isEmpty(), String.valueOf(front));
        for (JsonNode point : front) {
            assertEquals(point.get("energy_pj").asDouble() * point.get("latency_cycles").asLong(), point.get("edp").asDouble());
            assertEquals("schedule", point.get("schedule").get("kind").asText());
        }
    }

    @Test
    void timeBudgetStillReportsTheBestFoundSoFar(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("budget.json");
        CommandLineTest.Run r = search("--strategy", "genetic", "--budget-seconds", "0.3", "--no-progress", "--json",
                json.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode doc = JSON.readTree(json.toFile());
        assertFalse(doc.get("complete").asBoolean());
        assertTrue(doc.hasNonNull("best_schedule"), doc.toString());
    }

    @Test
    void constraintSearchTakesABudgetInSeconds(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("constraint.json");
        CommandLineTest.Run r = search("--strategy", "constraint", "--budget-seconds", "1.5", "--no-progress", "--json",
                json.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode doc = JSON.readTree(json.toFile());
        assertTrue(doc.hasNonNull("best_schedule"), doc.toString());
        assertTrue(doc.get("wall_ms").asLong() <= 2500, "search took " + doc.get("wall_ms") + " ms on a budget of 1.5 s");
    }

    /** The real cost model, except that whole schedules — only the baseline asks for them — fail. */
    record BaselineBreaks(ScheduleEvaluator real) implements ScheduleEvaluator {
        @Override
        public ScheduleCost evaluate(Schedule schedule) {
            throw new IllegalStateException("baseline broke");
        }

        @Override
        public StackComposition stackComposition() {
            return real.stackComposition();
        }

        @Override
        public StackCost evaluateStack(StackSchedule stack) {
            return real.evaluateStack(stack);
        }
    }

    /** The real cost model, with every stack taking at least {@code millis} longer. */
    record Slow(ScheduleEvaluator real, long millis) implements ScheduleEvaluator {
        @Override
        public ScheduleCost evaluate(Schedule schedule) {
            return real.evaluate(schedule);
        }

        @Override
        public StackComposition stackComposition() {
            return real.stackComposition();
        }

        @Override
        public StackCost evaluateStack(StackSchedule stack) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return real.evaluateStack(stack);
        }
    }

    static Function<SearchSetup, CostModel> withEvaluator(Function<ScheduleEvaluator, ScheduleEvaluator> wrap) {
        return setup -> {
            CostModel real = setup.newCostModel();
            return new CostModel(real.engine(), wrap.apply(real.evaluator()));
        };
    }

    @Test
    void aFailingBaselineIsAWarningAndTheResultStands(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("result.json");
        Path schedule = dir.resolve("best.yaml");
        CommandLineTest.Run r = ExitStatusTest.searchWith(withEvaluator(BaselineBreaks::new), "--no-progress", "--json",
                json.toString(), "--schedule-out", schedule.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("warning: the baseline failed (IllegalStateException: baseline broke); the search result stands",
                r.err().strip());
        assertTrue(r.out().contains("(complete: the optimum)"), r.out());
        assertTrue(r.out().indexOf("Wrote " + json) < r.out().indexOf("Baseline: not computed (it failed: "
                + "IllegalStateException: baseline broke)."), "result written before the baseline ran: " + r.out());
        JsonNode doc = JSON.readTree(json.toFile());
        assertEquals("baseline failed: IllegalStateException: baseline broke", doc.get("baseline_note").asText());
        assertTrue(doc.get("baseline_value").isNull());
        assertEquals(54, doc.get("evaluations").asLong()); // this wrapper hides the bounds: the plain programme
        assertEquals(0.0, doc.get("gap").asDouble());
        assertEquals(doc.get("best_value").asDouble(), doc.get("lower_bound").asDouble());
        Scenario scenario = Scenario.load(Path.of(TINY), Path.of(META_DF), Path.of(TINY_MAPPING));
        Schedule best = ConfigLoader.schedule(schedule, scenario.workload());
        assertEquals(doc.get("best_value").asDouble(),
                new DepthFirstScheduleEvaluator(scenario, new SingleLayerEvaluator(), 6, false).evaluate(best).energyPj());
    }

    @Test
    void aSpentTimeBudgetSkipsTheBaselineWithANote(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("result.json");
        // 54 stacks of at least 40 ms on two threads take over a second: the search spends the budget
        CommandLineTest.Run r = ExitStatusTest.searchWith(withEvaluator(e -> new Slow(e, 40)), "--no-progress",
                "--budget-seconds", "0.5", "--json", json.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("Baseline skipped: budget spent."), r.out());
        assertFalse(r.out().contains("Baseline cost"), r.out()); // skipped before its first stack: no cost line
        JsonNode doc = JSON.readTree(json.toFile());
        assertEquals("baseline skipped: budget spent", doc.get("baseline_note").asText());
        assertTrue(doc.get("baseline_value").isNull());
        assertFalse(doc.get("complete").asBoolean());
        assertTrue(doc.hasNonNull("best_schedule"), doc.toString());
    }

    @Test
    void anUnwritableScheduleFileStillLeavesTheResultAndTheJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("result.json");
        Path taken = dir.resolve("taken");
        // a directory in its way appears once the search runs: the up-front check (OutputFile) found none
        CommandLineTest.Run r = ExitStatusTest.searchWith(setup -> {
            try {
                java.nio.file.Files.createDirectory(taken);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return setup.newCostModel();
        }, "--no-progress", "--json", json.toString(), "--schedule-out", taken.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().startsWith("error: cannot write " + taken), r.err());
        assertTrue(r.out().contains("Best: ") && r.out().contains("Gain over baseline: "), r.out());
        JsonNode doc = JSON.readTree(json.toFile());
        assertTrue(doc.hasNonNull("best_schedule") && doc.hasNonNull("baseline_value"), doc.toString());
    }

    /** A bundled network stopped by its budget long before the exhaustive search ends still reports a schedule. */
    @Test
    void budgetStoppedExhaustiveSearchOfABundledNetworkReportsAFeasibleSchedule(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("fsrcnn.json");
        CommandLineTest.Run r = CommandLineTest.run("search", "--workload", CommandLineTest.FSRCNN, "--accelerator", META_DF,
                "--mapping", CommandLineTest.META_MAPPING, "--budget-seconds", "1", "--no-progress", "--json",
                json.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode doc = JSON.readTree(json.toFile());
        assertFalse(doc.get("complete").asBoolean());
        assertTrue(doc.get("evaluations").asLong() < doc.get("stack_count").asLong(), doc.toString());
        assertTrue(doc.hasNonNull("best_schedule"), doc.toString());
        assertTrue(doc.get("best_value").asDouble() > 0);
        assertEquals("baseline skipped: budget spent", doc.get("baseline_note").asText());
        assertFalse(r.out().contains("No feasible schedule"), r.out());
    }
}
