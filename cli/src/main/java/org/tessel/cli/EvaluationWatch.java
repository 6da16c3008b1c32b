package org.tessel.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.tessel.model.schedule.Schedule;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.search.AdditiveScheduleEvaluator;
import org.tessel.model.search.BestSchedules;
import org.tessel.model.search.Budget;
import org.tessel.model.search.EvaluatedSchedule;
import org.tessel.model.search.Memo;
import org.tessel.model.search.Objective;
import org.tessel.model.search.ScheduleCost;
import org.tessel.model.search.ScheduleEvaluator;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.SearchResult;
import org.tessel.model.search.StackBatchCoster;
import org.tessel.model.search.StackComposition;
import org.tessel.model.search.StackCost;
import org.tessel.model.search.StackLowerBound;
import org.tessel.model.search.Trace;
import org.tessel.model.search.TracePoint;
import org.tessel.search.exhaustive.ExhaustiveMethod;
import org.tessel.search.exhaustive.ExhaustiveSearch;

/**
 * A {@link ScheduleEvaluator} in front of the real one that watches a search from outside: it
 * counts evaluator calls (for the progress bar) and sees what was evaluated, so that the best
 * schedule found so far can be reported while the search is still running (on Ctrl-C). Search
 * back ends only return their result at the end.
 *
 * <p>Whole schedules are kept as the best (or the non-dominated ones); stacks evaluated on their
 * own are read from the search run's stack memo, which the watch hands out (from the real
 * evaluator, {@link #newStackMemo()}) and keeps, and the best schedule built from them only is
 * composed on demand. Thread-safe.
 */
final class EvaluationWatch implements ScheduleEvaluator {

    private final ScheduleEvaluator delegate;
    private final ScheduleSpace space;
    private final Objective objective;
    private final String strategy;
    private final LongConsumer onEvaluation;
    private final long startNanos = System.nanoTime();
    private final AtomicLong calls = new AtomicLong();
    /** The stack memo of the run being watched, or null before it starts. */
    private volatile Memo<StackSchedule, StackCost> stacks;
    /** The latest (incumbent, lower bound) a search proved, or null. */
    private volatile double[] bounds;
    /** Called when the bounds change (the progress line). */
    private volatile Runnable onBounds = () -> {};

    /** Stack lower bounds computed so far. */
    private final AtomicLong bounded = new AtomicLong();

    /** How many bounds between two updates of the progress line. */
    private static final int BOUNDS_PER_UPDATE = 100;
    /** Best whole schedules seen. Guarded by {@code this}. */
    private final BestSchedules schedules;
    /** When the best whole schedule improved, in evaluator calls. Guarded by {@code this}. */
    private final Trace trace = new Trace();

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
        this.schedules = new BestSchedules(objective);
    }

    /** Calls {@code listener} whenever a search reports new bounds. */
    void onBounds(Runnable listener) {
        onBounds = listener;
    }

    @Override
    public ScheduleCost evaluate(Schedule schedule) {
        ScheduleCost cost = delegate.evaluate(schedule);
        long n = calls.incrementAndGet();
        synchronized (this) {
            if (schedules.offer(space.encode(schedule), schedule, cost)) {
                trace.offer(n, objective.value(cost));
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
        onEvaluation.accept(calls.incrementAndGet());
        return cost;
    }

    /** The real evaluator's batch coster (a cluster's members), its stacks counted as they come back. */
    @Override
    public Optional<StackBatchCoster> stackBatchCoster() {
        return delegate.stackBatchCoster().map(members -> stacks -> {
            List<StackCost> costs = members.costAll(stacks);
            onEvaluation.accept(calls.addAndGet(stacks.size()));
            return costs;
        });
    }

    /**
     * The real evaluator's bounds (the watch must not hide them from the search), counted: bounding
     * every stack of a big network takes minutes before the first stack is costed, and the
     * progress line says how far it has got.
     */
    @Override
    public StackLowerBound stackLowerBound() {
        StackLowerBound bound = delegate.stackLowerBound();
        if (bound == StackLowerBound.ZERO) {
            return bound; // no bounds: the search must still see that
        }
        StackLowerBound quick = bound.quick();
        if (quick == bound) {
            return counted(bound);
        }
        // the up-front bounds are the quick ones; the full bound then comes with the costing
        return StackLowerBound.withQuick(bound, counted(quick));
    }

    private StackLowerBound counted(StackLowerBound bound) {
        return stack -> {
            StackCost b = bound.of(stack);
            if (bounded.incrementAndGet() % BOUNDS_PER_UPDATE == 0) {
                onBounds.run();
            }
            return b;
        };
    }

    /** Keeps the latest bounds for the progress line and tells the real evaluator. */
    @Override
    public void boundsImproved(double incumbent, double lowerBound) {
        bounds = new double[] {incumbent, lowerBound};
        onBounds.run();
        delegate.boundsImproved(incumbent, lowerBound);
    }

    /**
     * The proven gap so far as a short text ({@code gap 2.31% (best …, bound …)}), or empty if the
     * search proves no bounds.
     */
    String gapText() {
        long n = bounded.get();
        String counted = n == 0 ? "" : String.format(java.util.Locale.ROOT, ", %,d stacks bounded", n);
        double[] b = bounds;
        if (b == null || !(b[0] < Double.POSITIVE_INFINITY)) {
            return (b == null ? "" : String.format(java.util.Locale.ROOT, "bound %.6e", b[1])) + counted;
        }
        double gap = b[0] <= 0 ? 0 : Math.max(0, (b[0] - b[1]) / b[0]);
        return String.format(java.util.Locale.ROOT, "gap %.2f%% (best %.6e, bound %.6e)", 100 * gap, b[0], b[1]) + counted;
    }

    /** The real evaluator's memo for the run, kept to read the stacks it costs. */
    @Override
    public Memo<StackSchedule, StackCost> newStackMemo() {
        Memo<StackSchedule, StackCost> memo = delegate.newStackMemo();
        stacks = memo;
        return memo;
    }

    /**
     * Stacks costed so far through the run's stack memo (by the search, then by whatever evaluates
     * whole schedules after it, such as the baseline); 0 before the run starts.
     */
    long stacksCosted() {
        Memo<StackSchedule, StackCost> run = stacks;
        return run == null ? 0 : run.misses();
    }

    /**
     * What has been found so far, as a result that is not complete: the best whole schedule
     * evaluated, or the best schedule composed from the stacks evaluated (exact for additive
     * stacks), whichever is better.
     */
    synchronized SearchResult soFar() {
        Memo<StackSchedule, StackCost> run = stacks;
        Map<StackSchedule, StackCost> known = run == null ? Map.of() : run.snapshot();
        if (!known.isEmpty() && delegate.stackComposition() == StackComposition.ADDITIVE) {
            SearchResult composed = new ExhaustiveSearch(1, ExhaustiveMethod.DYNAMIC_PROGRAMMING)
                    .search(space, new KnownStacks(known), objective, Budget.unlimited(), 0);
            for (EvaluatedSchedule e : composed.front()) {
                schedules.offer(e.point(), e.schedule(), e.cost());
            }
        }
        List<EvaluatedSchedule> front = schedules.sorted();
        double best = front.stream().mapToDouble(e -> objective.value(e.cost())).min().orElse(Double.POSITIVE_INFINITY);
        long n = calls.get();
        List<TracePoint> points = new ArrayList<>(trace.points());
        if (best < trace.best()) {
            points.add(new TracePoint(n, best));
        }
        double[] b = bounds;
        return new SearchResult(strategy, objective, front, best, n, Duration.ofNanos(System.nanoTime() - startNanos), points,
                false, b == null ? Double.NaN : Math.min(b[1], best));
    }

    /** The stacks evaluated so far, with their recorded costs; any other stack is infeasible. */
    private record KnownStacks(Map<StackSchedule, StackCost> costs) implements AdditiveScheduleEvaluator {
        @Override
        public StackCost evaluateStack(StackSchedule stack) {
            return costs.getOrDefault(stack, StackCost.infeasible());
        }
    }
}
