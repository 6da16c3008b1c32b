package org.tessel.search.exhaustive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.Schedule;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.search.Budget;
import org.tessel.model.search.EvaluatedSchedule;
import org.tessel.model.search.Objective;
import org.tessel.model.search.ScheduleEvaluator;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.SearchResult;
import org.tessel.model.search.StackComposition;
import org.tessel.model.search.TileGrid;
import org.tessel.search.toy.DeceptiveEvaluator;
import org.tessel.search.toy.ToyEvaluator;
import org.tessel.search.toy.ToyWorkloads;
import org.tessel.model.workload.Workload;

/** The dynamic programme, the enumerations and branch and bound agree, and budgets hold. */
class ExhaustiveSearchTest {

    static final List<TileSize> TILES = List.of(TileSize.of(8, 8), TileSize.of(16, 16), TileSize.of(32, 8));
    static final ExhaustiveSearch DP = new ExhaustiveSearch(2, ExhaustiveMethod.DYNAMIC_PROGRAMMING);
    static final ExhaustiveSearch BRUTE = new ExhaustiveSearch(2, ExhaustiveMethod.ENUMERATION);

    static ScheduleSpace space(Workload w) {
        return ScheduleSpace.of(w, TileGrid.fixed(TILES), List.of(OverlapMode.values()));
    }

    static void assertSameOptimum(SearchResult a, SearchResult b) {
        assertEquals(a.bestValue(), b.bestValue(), Math.abs(a.bestValue()) * 1e-12);
        assertEquals(a.best().orElseThrow().schedule(), b.best().orElseThrow().schedule());
    }

    @ParameterizedTest
    @EnumSource(value = Objective.class, names = {"ENERGY", "LATENCY", "EDP"})
    void dynamicProgrammeEqualsBruteForceOnChain(Objective objective) {
        Workload w = ToyWorkloads.chain6();
        ScheduleSpace space = space(w);
        ScheduleEvaluator eval = ToyEvaluator.of(w, StackComposition.ADDITIVE);
        SearchResult dp = DP.search(space, eval, objective, Budget.unlimited(), 0);
        SearchResult brute = BRUTE.search(space, eval, objective, Budget.unlimited(), 0);
        assertTrue(dp.complete() && brute.complete());
        assertSameOptimum(dp, brute);
        assertEquals(space.units().count() * (space.units().count() + 1) / 2 * 12, dp.evaluations());
        assertEquals(dp.bestValue(), objective.value(eval.evaluate(dp.best().orElseThrow().schedule())), dp.bestValue() * 1e-12);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void dynamicProgrammeEqualsBruteForceOnRandomChains(long seed) {
        Workload w = ToyWorkloads.randomChain(seed, 5);
        ScheduleSpace space = space(w);
        ScheduleEvaluator eval = ToyEvaluator.of(w, StackComposition.ADDITIVE);
        Objective objective = Objective.values()[(int) (seed % 3)];
        assertSameOptimum(DP.search(space, eval, objective, Budget.unlimited(), 0),
                BRUTE.search(space, eval, objective, Budget.unlimited(), 0));
    }

    @Test
    void paretoFrontOfDynamicProgrammeEqualsBruteForceAndIsNonDominated() {
        Workload w = ToyWorkloads.residual();
        ScheduleSpace space = space(w);
        ScheduleEvaluator eval = ToyEvaluator.of(w, StackComposition.ADDITIVE);
        SearchResult dp = DP.search(space, eval, Objective.PARETO_ENERGY_LATENCY, Budget.unlimited(), 0);
        SearchResult brute = BRUTE.search(space, eval, Objective.PARETO_ENERGY_LATENCY, Budget.unlimited(), 0);
        assertTrue(dp.front().size() > 2, "front of " + dp.front().size());
        assertEquals(dp.front().stream().map(e -> List.of(e.cost().energyPj(), (double) e.cost().latencyCycles())).toList(),
                brute.front().stream().map(e -> List.of(e.cost().energyPj(), (double) e.cost().latencyCycles())).toList());
        for (EvaluatedSchedule a : dp.front()) {
            for (EvaluatedSchedule b : dp.front()) {
                assertFalse(a.cost().dominates(b.cost()));
            }
        }
        SearchResult edp = DP.search(space, eval, Objective.EDP, Budget.unlimited(), 0);
        assertEquals(edp.bestValue(), dp.bestValue(), edp.bestValue() * 1e-12);
    }

    @Test
    void opaqueEnumerationFindsTheAdditiveOptimum() {
        Workload w = ToyWorkloads.residual();
        ScheduleSpace space = space(w);
        SearchResult dp = DP.search(space, ToyEvaluator.of(w, StackComposition.ADDITIVE), Objective.EDP, Budget.unlimited(), 0);
        SearchResult all = BRUTE.search(space, ToyEvaluator.of(w, StackComposition.OPAQUE), Objective.EDP, Budget.unlimited(), 0);
        assertSameOptimum(dp, all);
        assertEquals(space.size().longValueExact(), all.evaluations());
        assertTrue(all.complete());
    }

    @ParameterizedTest
    @EnumSource(value = Objective.class, names = {"ENERGY", "EDP", "PARETO_ENERGY_LATENCY"})
    void branchAndBoundEqualsFullEnumerationWithFewerSchedules(Objective objective) {
        Workload w = ToyWorkloads.residual();
        ScheduleSpace space = space(w);
        ToyEvaluator bounded = ToyEvaluator.of(w, StackComposition.BOUNDED);
        ScheduleEvaluator opaque = bounded::evaluate;
        SearchResult bb = BRUTE.search(space, bounded, objective, Budget.unlimited(), 0);
        SearchResult all = BRUTE.search(space, opaque, objective, Budget.unlimited(), 0);
        assertTrue(bb.complete());
        assertEquals(all.bestValue(), bb.bestValue(), all.bestValue() * 1e-12);
        assertEquals(all.front().stream().map(e -> e.cost().energyPj()).toList(),
                bb.front().stream().map(e -> e.cost().energyPj()).toList());
        assertTrue(bb.evaluations() < all.evaluations() / 2, bb.evaluations() + " vs " + all.evaluations());
    }

    @Test
    void deceptiveOptimumIsTheFullyFusedTargetTile() {
        Workload w = ToyWorkloads.chain6();
        ScheduleSpace space = space(w);
        List<TileSize> tiles = space.tileCandidates(0);
        DeceptiveEvaluator eval = new DeceptiveEvaluator(w, tiles, 0, tiles.size() - 1);
        SearchResult dp = DP.search(space, eval, Objective.ENERGY, Budget.unlimited(), 0);
        Schedule best = dp.best().orElseThrow().schedule();
        assertEquals(1, best.stacks().size());
        assertEquals(TileSize.wholeOutput(), best.stacks().getFirst().tile());
        assertEquals(OverlapMode.FULLY_CACHED, best.stacks().getFirst().mode());
        assertSameOptimum(dp, BRUTE.search(space, eval, Objective.ENERGY, Budget.unlimited(), 0));
    }

    @Test
    void budgetStopsEnumerationAndKeepsTheBestSoFar() {
        Workload w = ToyWorkloads.residual();
        ScheduleSpace space = space(w);
        SearchResult r = BRUTE.search(space, ToyEvaluator.of(w, StackComposition.OPAQUE), Objective.ENERGY,
                Budget.evaluations(3000), 0);
        assertEquals(3000, r.evaluations());
        assertFalse(r.complete());
        assertTrue(r.best().isPresent());
        assertTrue(r.trace().stream().allMatch(t -> t.evaluations() <= 3000));
    }

    /**
     * A dynamic programme stopped early still reports a whole schedule: it costs layer by layer
     * and the fully fused stacks first, and composes its answer from every stack costed.
     */
    @Test
    void budgetStoppedDynamicProgrammeReportsASeedScheduleOrBetter() {
        Workload w = ToyWorkloads.chain6();
        ScheduleSpace space = space(w);
        int n = space.units().count();
        ToyEvaluator eval = ToyEvaluator.of(w, StackComposition.ADDITIVE);
        SearchResult r = DP.search(space, eval, Objective.ENERGY, Budget.evaluations(n + 3), 0);
        assertFalse(r.complete());
        assertEquals(n + 3, r.evaluations());
        Schedule best = r.best().orElseThrow().schedule();
        assertTrue(best.stacks().size() == n || best.stacks().size() == 1, best.toString());
        double layerByLayer = eval.evaluate(new Schedule(w.computeLayers().stream()
                .map(l -> new StackSchedule(List.of(l.id()), TileSize.wholeOutput(), OverlapMode.values()[0])).toList()))
                .energyPj();
        assertTrue(r.bestValue() <= layerByLayer, r.bestValue() + " vs layer by layer " + layerByLayer);
        // the evaluations of a complete run are not changed by the seeds: every stack once
        assertEquals(n * (n + 1) / 2 * 12, DP.search(space, eval, Objective.ENERGY, Budget.unlimited(), 0).evaluations());
    }

    /** A wall-time budget spent before the first stack still gets layer by layer, costed regardless. */
    @Test
    void wallTimeSpentAtOnceStillReportsLayerByLayer() {
        Workload w = ToyWorkloads.residual();
        ScheduleSpace space = space(w);
        SearchResult r = DP.search(space, ToyEvaluator.of(w, StackComposition.ADDITIVE), Objective.EDP,
                Budget.wallTime(java.time.Duration.ofNanos(1)), 0);
        assertFalse(r.complete());
        assertEquals(space.units().count(), r.evaluations());
        Schedule best = r.best().orElseThrow().schedule();
        assertEquals(space.units().count(), best.stacks().size());
        assertTrue(best.stacks().stream().allMatch(st -> st.tile().equals(TileSize.wholeOutput())), best.toString());
    }

    /** With fewer evaluations than units, the whole network fused comes first: one stack, one schedule. */
    @Test
    void evaluationBudgetBelowLayerByLayerGetsTheFusedSchedule() {
        Workload w = ToyWorkloads.chain6();
        ScheduleSpace space = space(w);
        SearchResult r = DP.search(space, ToyEvaluator.of(w, StackComposition.ADDITIVE), Objective.LATENCY,
                Budget.evaluations(1), 0);
        assertEquals(1, r.evaluations());
        Schedule best = r.best().orElseThrow().schedule();
        assertEquals(1, best.stacks().size());
        assertEquals(w.computeLayers().size(), best.stacks().getFirst().layerIds().size());
    }

    @Test
    void resultDoesNotDependOnParallelism() {
        Workload w = ToyWorkloads.residual();
        ScheduleSpace space = space(w);
        ScheduleEvaluator eval = ToyEvaluator.of(w, StackComposition.OPAQUE);
        SearchResult one = new ExhaustiveSearch(1, ExhaustiveMethod.AUTO).search(space, eval, Objective.LATENCY, Budget.evaluations(20_000), 0);
        SearchResult two = new ExhaustiveSearch(2, ExhaustiveMethod.AUTO).search(space, eval, Objective.LATENCY, Budget.evaluations(20_000), 0);
        assertEquals(one.front(), two.front());
        assertEquals(one.trace(), two.trace());
        assertEquals(one.evaluations(), two.evaluations());
    }
}
