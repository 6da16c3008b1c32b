package org.tessel.search.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tessel.model.schedule.OverlapMode;
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

/**
 * What every heuristic back end must do on the toy evaluators, judged by the exact optimum of
 * the exhaustive search: get within 1 % on a tenth of the space, respect the budget, give the same
 * result for the same seed, and find a non-dominated front close to the exact one. A back end's
 * test class extends this and adds what is particular to it.
 */
public abstract class SearchStrategyContract {

    /** Default grid on 64×64 outputs: 49 tiles × 3 modes per stack, 1.0e13 schedules. */
    protected static final Workload CHAIN = ToyWorkloads.chain6();
    protected static final ScheduleSpace BIG = ScheduleSpace.of(CHAIN);

    /** The back end under test. */
    protected abstract SearchStrategy strategy();

    /** The exact result of {@code objective} on {@code space}. */
    protected static SearchResult exact(ScheduleSpace space, ScheduleEvaluator eval, Objective objective) {
        return ExhaustiveSearch.standard().search(space, eval, objective, Budget.unlimited(), 0);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void reachesOnePercentOfTheOptimumWithATenthOfTheSpace(long seed) {
        ScheduleEvaluator eval = ToyEvaluator.of(CHAIN, StackComposition.OPAQUE);
        Objective objective = Objective.values()[(int) (seed % 3)];
        double optimum = exact(BIG, ToyEvaluator.of(CHAIN, StackComposition.ADDITIVE), objective).bestValue();
        SearchResult r = strategy().search(BIG, eval, objective, Budget.evaluations(8_000), seed);
        System.out.printf("%s %s seed %d: %.4f of optimum after %d evaluations (best at %d), space %s%n",
                strategy().name(), objective, seed, r.bestValue() / optimum, r.evaluations(), r.evaluationsToBest(), BIG.size());
        assertTrue(r.bestValue() <= optimum * 1.01, r.bestValue() / optimum + " of the optimum");
        assertTrue(BigInteger.valueOf(r.evaluations() * 10).compareTo(BIG.size()) <= 0);
    }

    @Test
    void sameSeedSameResult() {
        ScheduleEvaluator eval = ToyEvaluator.of(CHAIN, StackComposition.OPAQUE);
        SearchResult a = strategy().search(BIG, eval, Objective.EDP, Budget.evaluations(1500), 11);
        SearchResult b = strategy().search(BIG, eval, Objective.EDP, Budget.evaluations(1500), 11);
        assertEquals(a.front(), b.front());
        assertEquals(a.trace(), b.trace());
        assertEquals(a.evaluations(), b.evaluations());
    }

    @Test
    void budgetIsRespected() {
        SearchResult r = strategy().search(BIG, ToyEvaluator.of(CHAIN, StackComposition.OPAQUE), Objective.ENERGY,
                Budget.evaluations(333), 3);
        assertEquals(333, r.evaluations());
        assertTrue(r.best().isPresent());
    }

    @Test
    void paretoFrontIsNonDominatedAndCloseToTheExactFront() {
        Workload w = ToyWorkloads.residual();
        ScheduleSpace space = ScheduleSpace.of(w, TileGrid.divisorsAndPowers(), List.of(OverlapMode.values()));
        SearchResult exact = exact(space, ToyEvaluator.of(w, StackComposition.ADDITIVE), Objective.PARETO_ENERGY_LATENCY);
        SearchResult r = strategy().search(space, ToyEvaluator.of(w, StackComposition.OPAQUE), Objective.PARETO_ENERGY_LATENCY,
                Budget.evaluations(20_000), 5);
        for (EvaluatedSchedule a : r.front()) {
            for (EvaluatedSchedule b : r.front()) {
                assertFalse(a.cost().dominates(b.cost()));
            }
        }
        // every exact front point is matched within 2 % in both energy and latency by the found front
        long covered = exact.front().stream().filter(e -> r.front().stream().anyMatch(
                f -> f.cost().energyPj() <= e.cost().energyPj() * 1.02
                        && f.cost().latencyCycles() <= e.cost().latencyCycles() * 1.02)).count();
        System.out.printf("%s pareto: %d of %d exact front points covered within 2 %%, front %d, min EDP %.4f of exact%n",
                strategy().name(), covered, exact.front().size(), r.front().size(), r.bestValue() / exact.bestValue());
        assertTrue(covered >= exact.front().size() * 0.7);
        assertTrue(r.bestValue() <= exact.bestValue() * 1.01);
    }
}
