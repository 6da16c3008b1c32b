package org.tessel.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.tessel.model.schedule.Schedule;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.search.AdditiveScheduleEvaluator;
import org.tessel.model.search.Budget;
import org.tessel.model.search.EvaluatedSchedule;
import org.tessel.model.search.Objective;
import org.tessel.model.search.ScheduleCost;
import org.tessel.model.search.ScheduleEvaluator;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.SearchProgress;
import org.tessel.model.search.SearchResult;
import org.tessel.model.search.StackComposition;
import org.tessel.model.search.StackCost;
import org.tessel.model.search.TracePoint;
import org.tessel.search.exhaustive.ExhaustiveMethod;
import org.tessel.search.exhaustive.ExhaustiveSearch;

/**
 * A {@link ScheduleEvaluator} in front of the real one that watches a search from outside: it
 * counts evaluator calls (for the progress bar) and remembers what was evaluated, so that the best
 * schedule found so far can be reported while the search is still running (on Ctrl-C). Search
 * back ends only return their result at the end.
 *
 * <p>Whole schedules are kept as the best (or the non-dominated ones); stacks evaluated on their
 * own (the exhaustive dynamic programme) are kept with their costs, and the best schedule built
 * from them only is composed on demand. Thread-safe.
 */
final class EvaluationWatch implements ScheduleEvaluator {

    private final ScheduleEvaluator delegate;
    private final ScheduleSpace space;
    private final Objective objective;
    private final String strategy;
    private final LongConsumer onEvaluation;
    private final long startNanos = System.nanoTime();
    private final AtomicLong calls = new AtomicLong();
    private final Map<StackSchedule, StackCost> stacks = new ConcurrentHashMap<>();
    /** Best whole schedules seen; its own counts are unused. Guarded by {@code this}. */
    private final SearchProgress schedules;
    private final List<TracePoint> trace = new ArrayList<>();

    /**
     * @param onEvaluation called after every evaluator call with the number of calls so far
     */
    EvaluationWatch(ScheduleEvaluator delegate, ScheduleSpace space, Objective objective, String strategy,
            LongConsumer onEvaluation) {
        this.delegate = delegate;
        this.space = space;
        this.objective = objective;
        this.strategy = strategy;
        this.onEvaluation = onEvaluation;
        this.schedules = new SearchProgress(strategy, space, delegate, objective, Budget.unlimited(), false, 1);
    }

    @Override
    public ScheduleCost evaluate(Schedule schedule) {
        ScheduleCost cost = delegate.evaluate(schedule);
        long n = calls.incrementAndGet();
        synchronized (this) {
            double before = schedules.bestValue();
            schedules.offer(space.encode(schedule), schedule, cost);
            if (schedules.bestValue() < before) {
                trace.add(new TracePoint(n, schedules.bestValue()));
            }
        }
        onEvaluation.accept(n);
        return cost;
    }

    @Override
    public StackComposition stackComposition() {
        return delegate.stackComposition();
    }

    @Override
    public StackCost evaluateStack(StackSchedule stack) {
        StackCost cost = delegate.evaluateStack(stack);
        stacks.put(stack, cost);
        onEvaluation.accept(calls.incrementAndGet());
        return cost;
    }

    /** Evaluator calls so far. */
    long calls() {
        return calls.get();
    }

    /** The best objective value among whole schedules evaluated so far (+∞ if none). */
    synchronized double bestScheduleValue() {
        return schedules.bestValue();
    }

    /**
     * What has been found so far, as a result that is not complete: the best whole schedule
     * evaluated, or the best schedule composed from the stacks evaluated (exact for additive
     * stacks), whichever is better.
     */
    synchronized SearchResult soFar() {
        if (!stacks.isEmpty() && delegate.stackComposition() == StackComposition.ADDITIVE) {
            ScheduleEvaluator known = new KnownStacks(Map.copyOf(stacks));
            SearchResult composed = new ExhaustiveSearch(1, ExhaustiveMethod.DYNAMIC_PROGRAMMING)
                    .search(space, known, objective, Budget.unlimited(), 0);
            for (EvaluatedSchedule e : composed.front()) {
                schedules.offer(e.point(), e.schedule(), e.cost());
            }
        }
        SearchResult seen = schedules.result(false);
        long n = calls.get();
        List<TracePoint> points = new ArrayList<>(trace);
        if (seen.bestValue() < (points.isEmpty() ? Double.POSITIVE_INFINITY : points.getLast().value())) {
            points.add(new TracePoint(n, seen.bestValue()));
        }
        return new SearchResult(strategy, objective, seen.front(), seen.bestValue(), n,
                Duration.ofNanos(System.nanoTime() - startNanos), points, false);
    }

    /** The stacks evaluated so far, with their recorded costs; any other stack is infeasible. */
    private record KnownStacks(Map<StackSchedule, StackCost> costs) implements AdditiveScheduleEvaluator {
        @Override
        public StackCost evaluateStack(StackSchedule stack) {
            return costs.getOrDefault(stack, StackCost.infeasible());
        }
    }
}
