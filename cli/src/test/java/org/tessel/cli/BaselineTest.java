package org.tessel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessel.model.config.Scenario;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.Schedule;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.search.Budget;
import org.tessel.model.search.ScheduleCost;
import org.tessel.model.search.ScheduleEvaluator;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.StackComposition;
import org.tessel.model.search.StackCost;
import org.tessel.model.search.TileGrid;

/** The baseline keeps to the wall-time budget of the search it follows. */
class BaselineTest {

    /** The tiny scenario with two tile sizes and the whole output: one automatic stack, 9 candidates. */
    static SearchSetup setup() {
        Scenario s = Scenario.load(Path.of(SearchCommandTest.TINY), Path.of(SearchCommandTest.META_DF),
                Path.of(SearchCommandTest.TINY_MAPPING));
        TileGrid grid = TileGrid.fixed(List.of(TileSize.of(8, 8), TileSize.of(16, 16)));
        return new SearchSetup(s, ScheduleSpace.of(s.workload(), grid, List.of(OverlapMode.values())), ObjectiveChoice.ENERGY,
                6, grid, "8x8,16x16");
    }

    /** The real cost model, with every whole schedule (the baseline's candidates) taking at least {@code millis} longer. */
    record SlowSchedules(ScheduleEvaluator real, long millis) implements ScheduleEvaluator {
        @Override
        public ScheduleCost evaluate(Schedule schedule) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return real.evaluate(schedule);
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

    @Test
    void withoutATimeLimitEveryCandidateIsEvaluated() {
        SearchSetup setup = setup();
        BaselineOutcome outcome = Baseline.find(setup, setup.newCostModel(), System.nanoTime(), Budget.NO_TIME_LIMIT);
        assertEquals(BaselineOutcome.Kind.COMPLETE, outcome.kind());
        assertEquals(9, outcome.baseline().candidates());
        assertEquals(9, outcome.baseline().total());
        assertNull(outcome.note());
    }

    @Test
    void aSpentBudgetSkipsIt() {
        SearchSetup setup = setup();
        long start = System.nanoTime() - Duration.ofSeconds(2).toNanos();
        BaselineOutcome outcome = Baseline.find(setup, setup.newCostModel(), start, Duration.ofSeconds(1));
        assertEquals(BaselineOutcome.Kind.SKIPPED, outcome.kind());
        assertEquals("baseline skipped: budget spent", outcome.note());
    }

    @Test
    void aBudgetRunningOutMidWayKeepsTheBestCandidateSoFar() {
        SearchSetup setup = setup();
        // every candidate takes at least 100 ms, the budget ends 250 ms from now: about three of nine
        CostModel real = setup.newCostModel();
        CostModel slow = new CostModel(real.engine(), new SlowSchedules(real.evaluator(), 100));
        BaselineOutcome outcome = Baseline.find(setup, slow, System.nanoTime(), Duration.ofMillis(250));
        assertEquals(BaselineOutcome.Kind.PARTIAL, outcome.kind());
        int evaluated = outcome.baseline().candidates();
        assertTrue(evaluated >= 1 && evaluated < 9, evaluated + " candidates");
        assertEquals("baseline stopped: budget spent after " + evaluated + " of 9 candidates", outcome.note());
        BaselineOutcome all = Baseline.find(setup, real, System.nanoTime(), Budget.NO_TIME_LIMIT);
        assertTrue(outcome.baseline().value() >= all.baseline().value());
    }
}
