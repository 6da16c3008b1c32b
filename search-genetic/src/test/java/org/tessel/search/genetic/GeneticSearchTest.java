package org.tessel.search.genetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.search.Budget;
import org.tessel.model.search.EvaluatedSchedule;
import org.tessel.model.search.Objective;
import org.tessel.model.search.ScheduleEvaluator;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.SearchResult;
import org.tessel.model.search.SearchStrategy;
import org.tessel.model.search.StackComposition;
import org.tessel.model.search.TileGrid;
import org.tessel.model.workload.Workload;
import org.tessel.search.exhaustive.ExhaustiveSearch;
import org.tessel.search.toy.DeceptiveEvaluator;
import org.tessel.search.toy.SearchStrategyContract;
import org.tessel.search.toy.ToyEvaluator;
import org.tessel.search.toy.ToyWorkloads;

/** The genetic search gets within 1 % of the exact optimum on a fraction of the space, reproducibly. */
class GeneticSearchTest extends SearchStrategyContract {

    @Override
    protected SearchStrategy strategy() {
        return GA;
    }


    static final GeneticSearch GA = new GeneticSearch(20, 2, 0.5, 0.6, 30);
    @Test
    void escapesTheDeceptiveLocalOptimum() {
        List<TileSize> tiles = BIG.tileCandidates(0);
        DeceptiveEvaluator eval = new DeceptiveEvaluator(CHAIN, tiles, 0, tiles.size() / 2);
        double optimum = exact(BIG, eval, Objective.ENERGY).bestValue();
        SearchResult r = GA.search(BIG, eval, Objective.ENERGY, Budget.evaluations(20_000), 7);
        System.out.printf("genetic deceptive: %.4f of optimum, best at %d evaluations%n", r.bestValue() / optimum,
                r.evaluationsToBest());
        assertTrue(r.bestValue() <= optimum * 1.01, r.bestValue() / optimum + " of the optimum");
    }

    /** Counting schedules (opaque, EDP) and counting stacks (additive, energy). */
    @ParameterizedTest
    @EnumSource(value = StackComposition.class, names = {"OPAQUE", "ADDITIVE"})
    void sameSeedSameResultAnyParallelism(StackComposition composition) {
        ScheduleEvaluator eval = ToyEvaluator.of(CHAIN, composition);
        Objective objective = composition == StackComposition.OPAQUE ? Objective.EDP : Objective.ENERGY;
        long budget = composition == StackComposition.OPAQUE ? 3000 : 400;
        SearchResult a = new GeneticSearch(20, 1, 0.5, 0.6, 30).search(BIG, eval, objective, Budget.evaluations(budget), 11);
        SearchResult b = new GeneticSearch(20, 2, 0.5, 0.6, 30).search(BIG, eval, objective, Budget.evaluations(budget), 11);
        assertEquals(a.front(), b.front());
        assertEquals(a.trace(), b.trace());
        assertEquals(a.evaluations(), b.evaluations());
        assertTrue(a.evaluations() <= budget);
        SearchResult c = new GeneticSearch(20, 2, 0.5, 0.6, 30).search(BIG, eval, objective, Budget.evaluations(budget), 12);
        assertFalse(a.trace().equals(c.trace()), "another seed should take another path");
    }

    @Test
    void stopsWhenATinySpaceIsExhausted() {
        ScheduleSpace tiny = ScheduleSpace.of(CHAIN, TileGrid.fixed(List.of()), List.of(OverlapMode.FULLY_CACHED));
        SearchResult r = GA.search(tiny, ToyEvaluator.of(CHAIN, StackComposition.ADDITIVE), Objective.ENERGY,
                Budget.evaluations(1_000_000), 1);
        double optimum = exact(tiny, ToyEvaluator.of(CHAIN, StackComposition.ADDITIVE), Objective.ENERGY).bestValue();
        assertEquals(optimum, r.bestValue());
        assertTrue(r.evaluations() <= 21, r.evaluations() + " stacks"); // 6 units: 21 spans, one tile, one mode
    }
}
