package org.tessel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.tessel.model.config.Scenario;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.search.AdditiveScheduleEvaluator;
import org.tessel.model.search.Budget;
import org.tessel.model.search.Memo;
import org.tessel.model.search.Objective;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.SearchResult;
import org.tessel.model.search.StackCost;
import org.tessel.model.search.TileGrid;
import org.tessel.search.exhaustive.ExhaustiveSearch;
import org.tessel.search.genetic.GeneticSearch;

/** What Ctrl-C reports: the watch's best-so-far, checked against finished searches on a toy cost model. */
class EvaluationWatchTest {

    /** Additive toy costs that favour fusing and mid-sized tiles, so the optimum is not a corner. */
    record Toy() implements AdditiveScheduleEvaluator {
        @Override
        public StackCost evaluateStack(StackSchedule s) {
            double tile = s.tile() instanceof TileSize.Fixed f ? f.width() : 64;
            double energy = 100 + 10 * s.layerIds().size() + Math.abs(tile - 16) * s.layerIds().size() + s.mode().ordinal();
            return new StackCost(energy, 10L * s.layerIds().size() + s.mode().ordinal(), true);
        }
    }

    static ScheduleSpace space() {
        Scenario s = Scenario.load(Path.of(SearchCommandTest.TINY), Path.of(SearchCommandTest.META_DF),
                Path.of(SearchCommandTest.TINY_MAPPING));
        return ScheduleSpace.of(s.workload(), TileGrid.fixed(List.of(TileSize.of(8, 8), TileSize.of(16, 16))),
                List.of(OverlapMode.values()));
    }

    @Test
    void stacksEvaluatedByTheExhaustiveSearchComposeItsOptimum() {
        ScheduleSpace space = space();
        AtomicLong last = new AtomicLong();
        EvaluationWatch watch = new EvaluationWatch(new Toy(), space, Objective.ENERGY, "exhaustive", last::set);
        SearchResult done = ExhaustiveSearch.standard().search(space, watch, Objective.ENERGY, Budget.unlimited(), 0);
        SearchResult soFar = watch.soFar();
        assertEquals(done.bestValue(), soFar.bestValue());
        assertEquals(done.best().orElseThrow().schedule(), soFar.best().orElseThrow().schedule());
        assertEquals(done.evaluations(), soFar.evaluations());
        assertEquals(done.evaluations(), last.get());
        assertFalse(soFar.complete());
    }

    /** {@link Toy} that keeps the stack memo it hands out, as the depth-first evaluator does. */
    static final class KeepsTheRunMemo implements AdditiveScheduleEvaluator {
        Memo<StackSchedule, StackCost> run;

        @Override
        public StackCost evaluateStack(StackSchedule s) {
            return new Toy().evaluateStack(s);
        }

        @Override
        public Memo<StackSchedule, StackCost> newStackMemo() {
            run = AdditiveScheduleEvaluator.super.newStackMemo();
            return run;
        }
    }

    @Test
    void theRunsStackMemoComesFromTheRealEvaluatorWhichKeepsItForTheBaseline() {
        ScheduleSpace space = space();
        KeepsTheRunMemo real = new KeepsTheRunMemo();
        EvaluationWatch watch = new EvaluationWatch(real, space, Objective.ENERGY, "exhaustive", n -> {});
        SearchResult done = ExhaustiveSearch.standard().search(space, watch, Objective.ENERGY, Budget.unlimited(), 0);
        assertEquals(done.evaluations(), real.run.size());
        assertEquals(done.bestValue(), watch.soFar().bestValue());
    }

    @Test
    void wholeSchedulesKeepTheBestAndATrace() {
        ScheduleSpace space = space();
        EvaluationWatch watch = new EvaluationWatch(new Toy(), space, Objective.ENERGY, "genetic", n -> {});
        SearchResult done = GeneticSearch.standard().search(space, watch, Objective.ENERGY, Budget.evaluations(40), 3);
        SearchResult soFar = watch.soFar();
        assertEquals(done.bestValue(), soFar.bestValue());
        assertEquals(40, soFar.evaluations());
        assertTrue(soFar.trace().getLast().value() == soFar.bestValue(), soFar.trace().toString());
    }

    @Test
    void nothingEvaluatedYetIsAnEmptyResult() {
        EvaluationWatch watch = new EvaluationWatch(new Toy(), space(), Objective.EDP, "constraint", n -> {});
        SearchResult soFar = watch.soFar();
        assertTrue(soFar.front().isEmpty());
        assertEquals(Double.POSITIVE_INFINITY, soFar.bestValue());
    }

    /** The toy with a bound: half of each stack's cost. */
    record BoundedToy() implements AdditiveScheduleEvaluator {
        @Override
        public StackCost evaluateStack(StackSchedule s) {
            return new Toy().evaluateStack(s);
        }

        @Override
        public org.tessel.model.search.StackLowerBound stackLowerBound() {
            return s -> {
                StackCost c = evaluateStack(s);
                return new StackCost(c.energyPj() / 2, c.latencyCycles() / 2, true);
            };
        }
    }

    @Test
    void boundsPassThroughCountedAndAbsentBoundsStayAbsent() {
        ScheduleSpace space = space();
        EvaluationWatch none = new EvaluationWatch(new Toy(), space, Objective.ENERGY, "exhaustive", n -> {});
        assertSame(org.tessel.model.search.StackLowerBound.ZERO, none.stackLowerBound(), "the search must still see no bounds");
        EvaluationWatch watch = new EvaluationWatch(new BoundedToy(), space, Objective.ENERGY, "exhaustive", n -> {});
        List<StackSchedule> stacks = new java.util.ArrayList<>();
        for (int i = 0; stacks.size() < 250; i++) {
            stacks.addAll(space.decode(space.pointAt(java.math.BigInteger.valueOf(i))).stacks());
        }
        stacks = stacks.subList(0, 250);
        var bound = watch.stackLowerBound();
        for (StackSchedule st : stacks) {
            assertEquals(new BoundedToy().stackLowerBound().of(st), bound.of(st), "the real evaluator's bound, unchanged");
        }
        assertTrue(watch.gapText().endsWith(", 250 stacks bounded"), watch.gapText());
        ExhaustiveSearch search = new ExhaustiveSearch(1, org.tessel.search.exhaustive.ExhaustiveMethod.AUTO);
        SearchResult r = search.search(space, watch, Objective.ENERGY, org.tessel.model.search.Budget.unlimited(), 1);
        assertTrue(r.complete());
        assertTrue(watch.gapText().startsWith("gap 0.00%"), watch.gapText());
    }
}
