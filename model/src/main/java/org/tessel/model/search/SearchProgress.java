package org.tessel.model.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.tessel.model.schedule.Schedule;
import org.tessel.model.schedule.StackSchedule;

/**
 * One search run, shared by all back ends so that they count, budget and report alike: it answers
 * a strategy's requests for costs and composes the parts that each do one job — the
 * {@link BudgetMeter} (evaluations and wall time), the run's stack memo (a {@link Memo}, from
 * {@link ScheduleEvaluator#newStackMemo()}) and, for evaluators that cannot compose stacks, its
 * schedule memo, the threads that compute a batch ({@link ParallelEvaluation}), the best schedules
 * ({@link BestSchedules}: the best one or the Pareto front) and the best-so-far {@link Trace}.
 *
 * <p>An evaluation is one stack costed by the model if the evaluator's stacks are
 * {@link StackComposition#ADDITIVE} (a schedule is then the sum of its memoised stacks), else one
 * whole schedule; each distinct stack or schedule is computed and counted once per run.
 *
 * <p>Determinism: batches are deduplicated and cut to the remaining budget in the order given,
 * computed in parallel, then recorded one by one in that same order on the calling thread. So
 * the result depends only on the order of the requests, never on thread timing. Not thread-safe:
 * call it from one thread.
 */
public final class SearchProgress implements AutoCloseable {

    private final String strategy;
    private final ScheduleSpace space;
    private final ScheduleEvaluator evaluator;
    /** The evaluator's batch coster, asked once per run. */
    private final Optional<StackBatchCoster> batchCoster;
    private final Objective objective;
    private final boolean composesStacks;
    private final BudgetMeter budget;
    /** Every stack this run has costed. */
    private final Memo<StackSchedule, StackCost> stacks;
    /** Every whole schedule this run has costed (evaluators that cannot compose stacks), or null: not kept. */
    private final Memo<Schedule, ScheduleCost> schedules;
    private final ParallelEvaluation threads;
    private final BestSchedules best;
    private final Trace trace = new Trace();

    /**
     * Starts a run.
     *
     * @param strategy the strategy's name, for the result
     * @param memoiseSchedules whether to remember whole-schedule costs (searches that revisit points);
     *     enumerations that visit each point once pass false to save memory. Stacks are always memoised.
     * @param parallelism number of threads evaluating a batch (1 evaluates on the calling thread)
     */
    public SearchProgress(String strategy, ScheduleSpace space, ScheduleEvaluator evaluator, Objective objective,
            Budget budget, boolean memoiseSchedules, int parallelism) {
        this.strategy = strategy;
        this.space = space;
        this.evaluator = evaluator;
        this.batchCoster = evaluator.stackBatchCoster();
        this.objective = objective;
        this.composesStacks = evaluator.stackComposition() == StackComposition.ADDITIVE;
        this.budget = new BudgetMeter(budget);
        this.stacks = evaluator.newStackMemo();
        this.schedules = memoiseSchedules && !composesStacks ? new Memo<>() : null;
        this.threads = new ParallelEvaluation(parallelism);
        this.best = new BestSchedules(objective);
    }

    /** The space searched. */
    public ScheduleSpace space() {
        return space;
    }

    /** The objective. */
    public Objective objective() {
        return objective;
    }

    /** What the run has spent of its budget. */
    public BudgetMeter budget() {
        return budget;
    }

    /** The best objective value recorded so far (+∞ if none). */
    public double bestValue() {
        return trace.best();
    }

    /** True if a recorded schedule is at least as good as {@code cost} in both energy and latency (Pareto mode). */
    public boolean weaklyDominated(ScheduleCost cost) {
        return best.weaklyDominated(cost);
    }

    /** The memoised cost of a stack, without evaluating it. */
    public Optional<StackCost> known(StackSchedule stack) {
        return Optional.ofNullable(stacks.peek(stack));
    }

    /** The memoised cost of a point, without evaluating it. */
    public Optional<ScheduleCost> cached(SchedulePoint point) {
        Schedule schedule = space.decode(point);
        if (!composesStacks) {
            return Optional.ofNullable(schedules == null ? null : schedules.peek(schedule));
        }
        List<StackCost> parts = new ArrayList<>();
        for (StackSchedule stack : schedule.stacks()) {
            StackCost cost = stacks.peek(stack);
            if (cost == null) {
                return Optional.empty();
            }
            parts.add(cost);
        }
        return Optional.of(ScheduleCost.sum(parts));
    }

    /**
     * The costs of points, in the order given: memoised ones are looked up, new ones are
     * evaluated in parallel while the budget lasts (in list order); the rest are empty. Every
     * schedule costed is offered to the best schedules.
     */
    public List<Optional<ScheduleCost>> evaluateAll(List<SchedulePoint> points) {
        List<Schedule> decoded = points.stream().map(space::decode).toList();
        if (composesStacks) {
            return evaluateComposed(points, decoded);
        }
        List<Schedule> fresh = fresh(decoded, s -> schedules != null && schedules.peek(s) != null, false);
        Map<Schedule, ScheduleCost> computed = computeAll(fresh,
                s -> schedules == null ? evaluator.evaluate(s) : schedules.get(s, evaluator::evaluate));
        Map<Schedule, ScheduleCost> known = new HashMap<>();
        List<Optional<ScheduleCost>> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Schedule s = decoded.get(i);
            ScheduleCost cost = known.get(s);
            if (cost == null) {
                // counted where it first appears, so the trace says exactly when a best was found
                cost = computed.remove(s);
                if (cost != null) {
                    budget.count();
                } else if (schedules != null) {
                    cost = schedules.peek(s);
                }
                if (cost != null) {
                    known.put(s, cost);
                }
            }
            out.add(Optional.ofNullable(cost));
            if (cost != null) {
                offer(points.get(i), s, cost);
            }
        }
        return out;
    }

    /**
     * {@link #evaluateAll} for additive evaluators: a schedule is admitted (in list order) if the
     * stacks it needs that are not yet memoised still fit in the budget; the new stacks of all
     * admitted schedules are evaluated in one parallel batch, and each is counted with the first
     * schedule that needs it, so the trace says exactly when a best was found.
     */
    private List<Optional<ScheduleCost>> evaluateComposed(List<SchedulePoint> points, List<Schedule> decoded) {
        LinkedHashSet<StackSchedule> fresh = new LinkedHashSet<>();
        boolean[] admitted = new boolean[decoded.size()];
        boolean timeLeft = !budget.exhausted();
        for (int i = 0; i < decoded.size(); i++) {
            List<StackSchedule> needed = decoded.get(i).stacks().stream()
                    .filter(s -> !fresh.contains(s) && stacks.peek(s) == null).distinct().toList();
            if (needed.isEmpty() || (timeLeft && budget.allows(fresh.size() + needed.size()))) {
                admitted[i] = true;
                fresh.addAll(needed);
            }
        }
        Map<StackSchedule, StackCost> computed = computeStacks(List.copyOf(fresh));
        List<Optional<ScheduleCost>> out = new ArrayList<>();
        for (int i = 0; i < decoded.size(); i++) {
            if (!admitted[i]) {
                out.add(Optional.empty());
                continue;
            }
            List<StackCost> parts = new ArrayList<>();
            for (StackSchedule stack : decoded.get(i).stacks()) {
                StackCost cost = computed.remove(stack);
                if (cost != null) {
                    budget.count();
                } else {
                    cost = stacks.peek(stack);
                }
                parts.add(cost);
            }
            ScheduleCost cost = ScheduleCost.sum(parts);
            out.add(Optional.of(cost));
            offer(points.get(i), decoded.get(i), cost);
        }
        return out;
    }

    /**
     * The costs of stacks evaluated alone, memoised, in the order given; empty where the budget
     * ran out first. Needs an evaluator whose {@link StackComposition} allows it.
     */
    public List<Optional<StackCost>> evaluateStacks(List<StackSchedule> stacks) {
        return evaluateStacks(stacks, false);
    }

    /**
     * {@link #evaluateStacks} even if the wall time is already up (the evaluation budget still
     * holds): for the few stacks a search costs first so that it has a whole schedule to report
     * however early it is stopped. The batch may overrun a wall-time budget by its own cost.
     */
    public List<Optional<StackCost>> evaluateStacksDespiteTime(List<StackSchedule> stacks) {
        return evaluateStacks(stacks, true);
    }

    private List<Optional<StackCost>> evaluateStacks(List<StackSchedule> requested, boolean despiteTime) {
        List<StackSchedule> fresh = fresh(requested, s -> stacks.peek(s) != null, despiteTime);
        computeStacks(fresh);
        fresh.forEach(s -> budget.count());
        return requested.stream().map(s -> Optional.ofNullable(stacks.peek(s))).toList();
    }

    /**
     * Records a schedule whose cost the caller composed itself (e.g. from memoised stack costs),
     * without counting an evaluation.
     */
    public void offer(SchedulePoint point, Schedule schedule, ScheduleCost cost) {
        if (best.offer(point, schedule, cost)) {
            trace.offer(budget.evaluations(), objective.value(cost));
        }
    }

    /**
     * {@link #offer} for the schedule a search proved optimal: it replaces a kept schedule of the same
     * value, so that the search's tie rule, not the order incumbents came in, decides what is reported.
     */
    public void offerOptimum(SchedulePoint point, Schedule schedule, ScheduleCost cost) {
        if (best.offer(point, schedule, cost, true)) {
            trace.offer(budget.evaluations(), objective.value(cost));
        }
    }

    /** The result so far. */
    public SearchResult result(boolean complete) {
        return new SearchResult(strategy, objective, best.sorted(), trace.best(), budget.evaluations(), budget.elapsed(),
                trace.points(), complete);
    }

    /**
     * The result so far with a proven lower bound of the optimum (branch and bound); the optimum
     * itself if {@code complete}.
     */
    public SearchResult result(boolean complete, double lowerBound) {
        return new SearchResult(strategy, objective, best.sorted(), trace.best(), budget.evaluations(), budget.elapsed(),
                trace.points(), complete, complete ? trace.best() : Math.min(lowerBound, trace.best()));
    }

    /** The evaluator's lower bounds of stacks ({@link ScheduleEvaluator#stackLowerBound()}). */
    public StackLowerBound stackLowerBound() {
        return evaluator.stackLowerBound();
    }

    /** Tells the evaluator the incumbent and the proven lower bound ({@link ScheduleEvaluator#boundsImproved}). */
    public void boundsImproved(double lowerBound) {
        evaluator.boundsImproved(trace.best(), lowerBound);
    }

    /**
     * {@code compute} of every input with the run's threads, results in input order; nothing is
     * counted or memoised (for pure, cheap side work such as lower bounds).
     */
    public <K, V> List<V> computeInParallel(List<K> inputs, Function<K, V> compute) {
        return threads.computeAll(inputs, compute);
    }

    @Override
    public void close() {
        threads.close();
    }

    /**
     * The keys not known yet, distinct and in request order, as many as the budget still allows
     * (its evaluation count only, if {@code despiteTime}).
     */
    private <K> List<K> fresh(List<K> keys, Predicate<K> known, boolean despiteTime) {
        LinkedHashSet<K> fresh = new LinkedHashSet<>();
        boolean timeLeft = despiteTime || !budget.exhausted();
        for (K k : keys) {
            if (timeLeft && !known.test(k) && budget.allows(fresh.size() + 1)) {
                fresh.add(k);
            }
        }
        return List.copyOf(fresh);
    }

    /**
     * Computes new stacks into the memo, in parallel on the run's threads or as one batch by the
     * evaluator's {@link StackBatchCoster}; their costs by stack.
     */
    private Map<StackSchedule, StackCost> computeStacks(List<StackSchedule> todo) {
        if (batchCoster.isEmpty() || todo.isEmpty()) {
            return computeAll(todo, s -> stacks.get(s, evaluator::evaluateStack));
        }
        List<StackCost> costs = batchCoster.get().costAll(todo);
        if (costs.size() != todo.size()) {
            throw new IllegalStateException("a batch of " + todo.size() + " stacks came back with " + costs.size() + " costs");
        }
        Map<StackSchedule, StackCost> out = new HashMap<>();
        for (int i = 0; i < todo.size(); i++) {
            StackCost cost = costs.get(i);
            out.put(todo.get(i), stacks.get(todo.get(i), s -> cost));
        }
        return out;
    }

    private <K, V> Map<K, V> computeAll(List<K> todo, Function<K, V> compute) {
        List<V> values = threads.computeAll(todo, compute);
        Map<K, V> out = new HashMap<>();
        for (int i = 0; i < todo.size(); i++) {
            out.put(todo.get(i), values.get(i));
        }
        return out;
    }
}
