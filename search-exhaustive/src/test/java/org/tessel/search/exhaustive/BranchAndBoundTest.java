package org.tessel.search.exhaustive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.search.AdditiveScheduleEvaluator;
import org.tessel.model.search.Budget;
import org.tessel.model.search.Objective;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.SearchResult;
import org.tessel.model.search.StackComposition;
import org.tessel.model.search.StackCost;
import org.tessel.model.search.StackLowerBound;
import org.tessel.model.search.TileGrid;
import org.tessel.model.workload.Workload;
import org.tessel.search.toy.ToyEvaluator;
import org.tessel.search.toy.ToyWorkloads;

/**
 * Branch and bound against the plain dynamic programme on toy models whose bounds are a seeded
 * random fraction of the real cost (some exact, some zero): the same best value bit for bit and
 * the same schedule, also when many stacks cost the same (ties), fewer stacks costed, the same
 * answer for any thread count, also with a quick bound (a fraction of the full one) up front; a
 * target gap stops early with the gap it proves.
 */
class BranchAndBoundTest {

    static final List<TileSize> TILES = List.of(TileSize.of(4, 4), TileSize.of(8, 8), TileSize.of(16, 16),
            TileSize.of(32, 8));
    static final ExhaustiveSearch DP = new ExhaustiveSearch(2, ExhaustiveMethod.DYNAMIC_PROGRAMMING);

    /**
     * The toy model with costs optionally rounded (to make ties) and a bound of a seeded fraction of
     * each stack's cost: exact for a quarter of the stacks, zero for another quarter.
     */
    record Bounded(ToyEvaluator toy, long seed, double roundTo, boolean withQuick) implements AdditiveScheduleEvaluator {

        Bounded(ToyEvaluator toy, long seed, double roundTo) {
            this(toy, seed, roundTo, false);
        }

        @Override
        public StackCost evaluateStack(StackSchedule stack) {
            StackCost c = toy.evaluateStack(stack);
            if (!c.feasible() || roundTo == 0) {
                return c;
            }
            return new StackCost(Math.ceil(c.energyPj() / roundTo) * roundTo, c.latencyCycles() / 1000 * 1000, true);
        }

        /** With {@code withQuick}, a quick form of a third of the bound (zero for every fifth stack). */
        @Override
        public StackLowerBound stackLowerBound() {
            return withQuick ? withQuick(new java.util.concurrent.atomic.AtomicInteger()) : fullBound();
        }

        /** The bound with its quick form, which counts its calls in {@code quickCalls}. */
        StackLowerBound withQuick(java.util.concurrent.atomic.AtomicInteger quickCalls) {
            StackLowerBound full = fullBound();
            return StackLowerBound.withQuick(full, stack -> {
                quickCalls.incrementAndGet();
                StackCost b = full.of(stack);
                if (!b.feasible()) {
                    return b;
                }
                double f = Math.floorMod(stack.hashCode() ^ seed, 5) == 0 ? 0 : 1 / 3.0;
                return new StackCost(b.energyPj() * f, (long) (b.latencyCycles() * f), true);
            });
        }

        private StackLowerBound fullBound() {
            return stack -> {
                StackCost c = evaluateStack(stack);
                if (!c.feasible()) {
                    return c;
                }
                long h = (stack.hashCode() * 0x9E3779B97F4A7C15L) ^ seed;
                double f = switch ((int) Math.floorMod(h, 4)) {
                    case 0 -> 1;
                    case 1 -> 0;
                    default -> (Math.floorMod(h >>> 8, 1000)) / 1000.0;
                };
                return new StackCost(c.energyPj() * f, (long) (c.latencyCycles() * f), true);
            };
        }
    }

    static ScheduleSpace space(Workload w) {
        return ScheduleSpace.of(w, TileGrid.fixed(TILES), List.of(OverlapMode.values()));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void sameOptimumAndScheduleAsThePlainProgrammeWithFewerStacks(long seed) {
        Workload w = seed % 4 == 0 ? ToyWorkloads.residual() : ToyWorkloads.randomChain(seed, 7);
        ScheduleSpace space = space(w);
        Objective objective = seed % 2 == 0 ? Objective.ENERGY : Objective.LATENCY;
        // odd seeds: costs rounded, so that many schedules tie
        Bounded bounded = new Bounded(ToyEvaluator.of(w, StackComposition.ADDITIVE), seed, seed % 3 == 0 ? 0 : 2e5);
        SearchResult plain = DP.search(space, bounded, objective, Budget.unlimited(), 0);
        // with the full bound for every stack, and with a quick bound up front and the full one for survivors
        for (Bounded eval : List.of(bounded, new Bounded(bounded.toy(), seed, bounded.roundTo(), true)))
        for (int threads : new int[] {1, 3}) {
            SearchResult bnb = new ExhaustiveSearch(threads, ExhaustiveMethod.AUTO).search(space, eval, objective,
                    Budget.unlimited(), 0);
            assertTrue(bnb.complete());
            assertEquals(plain.bestValue(), bnb.bestValue(), 0.0);
            assertEquals(plain.best().orElseThrow().schedule(), bnb.best().orElseThrow().schedule());
            assertEquals(plain.best().orElseThrow().cost(), bnb.best().orElseThrow().cost());
            assertEquals(bnb.bestValue(), bnb.lowerBound(), 0.0);
            assertEquals(0, bnb.gap(), 0.0);
            assertTrue(bnb.evaluations() < plain.evaluations(), bnb.evaluations() + " of " + plain.evaluations());
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void sameEvaluationsForAnyThreadCountAndATargetGapStopsWithItsProof(long seed) {
        Workload w = ToyWorkloads.randomChain(seed, 8);
        ScheduleSpace space = space(w);
        Bounded eval = new Bounded(ToyEvaluator.of(w, StackComposition.ADDITIVE), seed, 0);
        SearchResult one = new ExhaustiveSearch(1, ExhaustiveMethod.BRANCH_AND_BOUND).search(space, eval, Objective.ENERGY,
                Budget.unlimited(), 0);
        SearchResult four = new ExhaustiveSearch(4, ExhaustiveMethod.BRANCH_AND_BOUND).search(space, eval, Objective.ENERGY,
                Budget.unlimited(), 0);
        assertEquals(one.evaluations(), four.evaluations());
        assertEquals(one.trace(), four.trace());
        SearchResult gap = new ExhaustiveSearch(2, ExhaustiveMethod.BRANCH_AND_BOUND).search(space, eval, Objective.ENERGY,
                Budget.unlimited().withTargetGap(0.5), 0);
        assertTrue(gap.best().isPresent());
        assertTrue(gap.lowerBound() <= one.bestValue(), gap.lowerBound() + " > optimum " + one.bestValue());
        assertTrue(gap.bestValue() >= one.bestValue());
        if (!gap.complete()) {
            assertTrue(gap.gap() <= 0.5, "gap " + gap.gap());
            assertTrue(gap.evaluations() <= one.evaluations());
        }
    }

    @Test
    void quickBoundsUpFrontExceptWhenTheRunStopsAtATargetGap() {
        Workload w = ToyWorkloads.randomChain(17, 6);
        ScheduleSpace space = space(w);
        java.util.concurrent.atomic.AtomicInteger quickCalls = new java.util.concurrent.atomic.AtomicInteger();
        Bounded bounded = new Bounded(ToyEvaluator.of(w, StackComposition.ADDITIVE), 17, 0, true);
        AdditiveScheduleEvaluator counting = new AdditiveScheduleEvaluator() {
            @Override
            public StackCost evaluateStack(StackSchedule stack) {
                return bounded.evaluateStack(stack);
            }

            @Override
            public StackLowerBound stackLowerBound() {
                return bounded.withQuick(quickCalls);
            }
        };
        SearchResult toEnd = new ExhaustiveSearch(1, ExhaustiveMethod.BRANCH_AND_BOUND).search(space, counting,
                Objective.ENERGY, Budget.unlimited(), 0);
        long stacks = 0;
        for (int last = 0; last < space.units().count(); last++) {
            stacks += (last + 1) * space.stackChoices(last);
        }
        assertEquals(stacks, quickCalls.get(), "every stack gets the quick bound first");
        quickCalls.set(0);
        SearchResult toGap = new ExhaustiveSearch(1, ExhaustiveMethod.BRANCH_AND_BOUND).search(space, counting,
                Objective.ENERGY, Budget.unlimited().withTargetGap(0.01), 0);
        assertEquals(0, quickCalls.get(), "a run to a target gap bounds with the full bound");
        assertTrue(toGap.bestValue() >= toEnd.bestValue());
        assertTrue(toGap.complete() || toGap.gap() <= 0.01);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 40})
    void aStoppedRunHasAScheduleAndAValidLowerBound(int evaluations) {
        Workload w = ToyWorkloads.randomChain(21, 8);
        ScheduleSpace space = space(w);
        Bounded eval = new Bounded(ToyEvaluator.of(w, StackComposition.ADDITIVE), 21, 0);
        SearchResult full = DP.search(space, eval, Objective.ENERGY, Budget.unlimited(), 0);
        SearchResult stopped = new ExhaustiveSearch(2, ExhaustiveMethod.BRANCH_AND_BOUND).search(space, eval, Objective.ENERGY,
                Budget.evaluations(evaluations + space.units().count() + 3), 0);
        assertFalse(stopped.complete());
        assertTrue(stopped.best().isPresent(), "the seeds give a schedule");
        assertTrue(stopped.lowerBound() <= full.bestValue());
        assertTrue(stopped.bestValue() >= full.bestValue());
    }
}
