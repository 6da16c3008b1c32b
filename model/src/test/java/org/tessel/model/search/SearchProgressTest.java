package org.tessel.model.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tessel.model.schedule.Schedule;
import org.tessel.model.schedule.StackSchedule;

/**
 * How {@link SearchProgress} counts and budgets: with additive stacks, whole-schedule requests
 * are costed from memoised stacks and every stack the model costs counts once, whatever asks.
 */
class SearchProgressTest {

    private static final ScheduleSpace SPACE = ScheduleSpace.of(ScheduleSpaceTest.load("fsrcnn"));

    /** A deterministic additive evaluator that remembers which stacks it was asked for. */
    private static final class CountingStacks implements AdditiveScheduleEvaluator {
        final Set<StackSchedule> asked = ConcurrentHashMap.newKeySet();
        final AtomicLong calls = new AtomicLong();

        @Override
        public StackCost evaluateStack(StackSchedule stack) {
            calls.incrementAndGet();
            asked.add(stack);
            long h = stack.hashCode() & 0xffff;
            return new StackCost(1000 + h, 10 + h % 97, true);
        }
    }

    private static List<SchedulePoint> randomPoints(long seed, int count) {
        Random random = new Random(seed);
        List<SchedulePoint> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            points.add(SPACE.pointAt(new BigInteger(SPACE.size().bitLength() + 8, random).mod(SPACE.size())));
        }
        return points;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void countsEachStackOnceAndComposesSchedulesExactly(long seed) {
        CountingStacks eval = new CountingStacks();
        List<SchedulePoint> points = randomPoints(seed, 40);
        points.addAll(points.subList(0, 10)); // repeats cost nothing
        try (SearchProgress progress = new SearchProgress("t", SPACE, eval, Objective.ENERGY, Budget.unlimited(), true, 2)) {
            List<Optional<ScheduleCost>> costs = progress.evaluateAll(points);
            Set<StackSchedule> needed = new HashSet<>();
            points.forEach(p -> needed.addAll(SPACE.decode(p).stacks()));
            assertEquals(needed.size(), progress.budget().evaluations());
            assertEquals(needed.size(), eval.calls.get());
            for (int i = 0; i < points.size(); i++) {
                Schedule s = SPACE.decode(points.get(i));
                assertEquals(eval.evaluate(s), costs.get(i).orElseThrow());
                assertEquals(costs.get(i), progress.cached(points.get(i)));
            }
        }
    }

    /** {@link CountingStacks} whose new stacks are costed a whole batch at a time, as on a cluster. */
    private static final class BatchedStacks implements AdditiveScheduleEvaluator {
        final CountingStacks costs = new CountingStacks();
        final List<Integer> batches = new ArrayList<>();

        @Override
        public StackCost evaluateStack(StackSchedule stack) {
            throw new AssertionError("a batched evaluator's stacks are costed by its batch coster only");
        }

        @Override
        public Optional<StackBatchCoster> stackBatchCoster() {
            return Optional.of(stacks -> {
                batches.add(stacks.size());
                assertEquals(stacks.size(), new HashSet<>(stacks).size(), "no stack twice in a batch");
                return stacks.stream().map(costs::evaluateStack).toList();
            });
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void aBatchCosterGetsEachNewStackOnceAndChangesNoResult(long seed) {
        List<SchedulePoint> points = randomPoints(seed, 30);
        CountingStacks local = new CountingStacks();
        BatchedStacks batched = new BatchedStacks();
        try (SearchProgress alone = new SearchProgress("t", SPACE, local, Objective.ENERGY, Budget.unlimited(), false, 2);
                SearchProgress elsewhere = new SearchProgress("t", SPACE, batched, Objective.ENERGY, Budget.unlimited(), false, 2)) {
            assertEquals(alone.evaluateAll(points), elsewhere.evaluateAll(points));
            assertEquals(alone.evaluateAll(points.subList(0, 5)), elsewhere.evaluateAll(points.subList(0, 5)));
            List<StackSchedule> some = new ArrayList<>(SPACE.decode(points.get(0)).stacks());
            assertEquals(alone.evaluateStacks(some), elsewhere.evaluateStacks(some));
            assertEquals(alone.budget().evaluations(), elsewhere.budget().evaluations());
            assertEquals(local.asked, batched.costs.asked);
            assertEquals(1, batched.batches.size(), "one batch for the new stacks, none for known ones: " + batched.batches);
            assertEquals(alone.result(true).bestValue(), elsewhere.result(true).bestValue());
        }
    }

    /** {@link CountingStacks} that keeps the stack memo it hands out to a run. */
    private static final class KeepsTheRunMemo implements AdditiveScheduleEvaluator {
        final CountingStacks costs = new CountingStacks();
        Memo<StackSchedule, StackCost> run;

        @Override
        public StackCost evaluateStack(StackSchedule stack) {
            return costs.evaluateStack(stack);
        }

        @Override
        public Memo<StackSchedule, StackCost> newStackMemo() {
            run = AdditiveScheduleEvaluator.super.newStackMemo();
            return run;
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void theRunsStackMemoIsTheOnlyOneAndHoldsExactlyTheStacksCounted(long seed) {
        KeepsTheRunMemo eval = new KeepsTheRunMemo();
        List<SchedulePoint> points = randomPoints(seed, 30);
        try (SearchProgress progress = new SearchProgress("t", SPACE, eval, Objective.ENERGY, Budget.evaluations(40), true,
                2)) {
            progress.evaluateAll(points);
            progress.evaluateAll(points);
            long counted = progress.budget().evaluations();
            assertEquals(counted, eval.run.size());
            assertEquals(counted, eval.run.misses(), "each stack computed once");
            assertEquals(eval.costs.asked, eval.run.snapshot().keySet());
            assertEquals(counted, eval.costs.calls.get());
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5, 6})
    void budgetAdmitsSchedulesInOrderWhileTheirNewStacksFit(long seed) {
        List<SchedulePoint> points = randomPoints(seed, 30);
        long budget = 25;
        CountingStacks eval = new CountingStacks();
        try (SearchProgress progress = new SearchProgress("t", SPACE, eval, Objective.ENERGY,
                Budget.evaluations(budget), true, 2)) {
            List<Optional<ScheduleCost>> costs = progress.evaluateAll(points);
            assertTrue(progress.budget().evaluations() <= budget);
            assertEquals(eval.calls.get(), progress.budget().evaluations());
            // the admission rule, replayed sequentially
            Set<StackSchedule> seen = new HashSet<>();
            for (int i = 0; i < points.size(); i++) {
                List<StackSchedule> fresh = SPACE.decode(points.get(i)).stacks().stream()
                        .filter(s -> !seen.contains(s)).toList();
                boolean fits = seen.size() + fresh.size() <= budget;
                assertEquals(fits, costs.get(i).isPresent(), "schedule " + i);
                if (fits) {
                    seen.addAll(fresh);
                }
            }
            assertEquals(seen, eval.asked);
            // a schedule whose stacks are all known stays free once the budget is spent
            SchedulePoint known = points.get(0);
            assertTrue(progress.evaluateAll(List.of(known)).getFirst().isPresent());
            long before = progress.budget().evaluations();
            progress.evaluateAll(List.of(known));
            assertEquals(before, progress.budget().evaluations());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void resultDoesNotDependOnThreads(int threads) {
        List<SchedulePoint> points = randomPoints(7, 50);
        SearchResult one;
        try (SearchProgress p = new SearchProgress("t", SPACE, new CountingStacks(), Objective.ENERGY,
                Budget.evaluations(60), true, 1)) {
            p.evaluateAll(points);
            one = p.result(false);
        }
        try (SearchProgress p = new SearchProgress("t", SPACE, new CountingStacks(), Objective.ENERGY,
                Budget.evaluations(60), true, threads)) {
            p.evaluateAll(points);
            SearchResult many = p.result(false);
            assertEquals(one.bestValue(), many.bestValue());
            assertEquals(one.evaluations(), many.evaluations());
            assertEquals(one.trace(), many.trace());
            assertFalse(many.trace().isEmpty());
        }
    }

    /** Stacks that must be costed even after the wall time is up still count against the evaluations. */
    @org.junit.jupiter.api.Test
    void stacksDespiteTimeIgnoreOnlyTheWallTime() {
        List<StackSchedule> stacks = randomPoints(7, 3).stream().map(p -> SPACE.decode(p).stacks().getFirst()).distinct()
                .toList();
        assertEquals(3, stacks.size());
        CountingStacks eval = new CountingStacks();
        try (SearchProgress progress = new SearchProgress("t", SPACE, eval, Objective.ENERGY,
                new Budget(2, java.time.Duration.ofNanos(1)), false, 1)) {
            assertTrue(progress.budget().exhausted());
            assertTrue(progress.evaluateStacks(stacks).stream().allMatch(Optional::isEmpty));
            assertEquals(2, progress.budget().evaluationsLeft());
            List<Optional<StackCost>> costs = progress.evaluateStacksDespiteTime(stacks);
            assertEquals(List.of(true, true, false), costs.stream().map(Optional::isPresent).toList());
            assertEquals(2, progress.budget().evaluations());
            assertEquals(0, progress.budget().evaluationsLeft());
            // once costed, a stack is known whatever the budget says
            assertEquals(costs.subList(0, 2), progress.evaluateStacks(stacks.subList(0, 2)));
        }
    }
}
