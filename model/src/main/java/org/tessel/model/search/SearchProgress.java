package org.tessel.model.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.tessel.model.schedule.Schedule;
import org.tessel.model.schedule.StackSchedule;

/**
 * The bookkeeping of one search run, shared by all back ends so that they count, budget and report
 * alike: it evaluates points and stacks (in parallel, memoised), enforces the {@link Budget}, and
 * keeps the best schedule (or Pareto front) and the best-so-far trace.
 *
 * <p>Determinism: batches are deduplicated and cut to the remaining budget in the order given,
 * evaluated in parallel, then recorded one by one in that same order on the calling thread. So
 * the result depends only on the order of the requests, never on thread timing. Not thread-safe:
 * call it from one thread.
 */
public final class SearchProgress implements AutoCloseable {

    private final String strategy;
    private final ScheduleSpace space;
    private final ScheduleEvaluator evaluator;
    private final Objective objective;
    private final Budget budget;
    private final boolean memoiseSchedules;
    private final boolean composesStacks;
    private final int parallelism;
    private final ExecutorService pool;
    private final long startNanos = System.nanoTime();
    private final Map<Schedule, ScheduleCost> scheduleMemo = new HashMap<>();
    private final Map<StackSchedule, StackCost> stackMemo = new HashMap<>();
    private final List<TracePoint> trace = new ArrayList<>();
    private final List<EvaluatedSchedule> front = new ArrayList<>();
    private long evaluations;
    private double bestValue = Double.POSITIVE_INFINITY;

    /**
     * Starts a run.
     *
     * @param strategy the strategy's name, for the result
     * @param memoiseSchedules whether to remember schedule costs (searches that revisit points);
     *     enumerations that visit each point once pass false to save memory
     * @param parallelism number of threads evaluating a batch (1 evaluates on the calling thread)
     */
    public SearchProgress(String strategy, ScheduleSpace space, ScheduleEvaluator evaluator, Objective objective,
            Budget budget, boolean memoiseSchedules, int parallelism) {
        this.strategy = strategy;
        this.space = space;
        this.evaluator = evaluator;
        this.objective = objective;
        this.budget = budget;
        this.memoiseSchedules = memoiseSchedules;
        this.composesStacks = evaluator.stackComposition() == StackComposition.ADDITIVE;
        this.parallelism = Math.max(1, parallelism);
        this.pool = this.parallelism > 1 ? Executors.newFixedThreadPool(this.parallelism, r -> {
            Thread t = new Thread(r, "tessel-eval");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** The space searched. */
    public ScheduleSpace space() {
        return space;
    }

    /** The objective. */
    public Objective objective() {
        return objective;
    }

    /** Evaluations so far: stacks costed if {@link #countsStacks()}, else whole schedules. */
    public long evaluations() {
        return evaluations;
    }

    /** Wall time since the run started. */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Wall time left in the budget, or {@link Budget#NO_TIME_LIMIT}. */
    public Duration timeLeft() {
        if (budget.maxWallTime().equals(Budget.NO_TIME_LIMIT)) {
            return Budget.NO_TIME_LIMIT;
        }
        Duration left = budget.maxWallTime().minus(elapsed());
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Evaluations the budget still allows ({@code Long.MAX_VALUE} minus the count if it sets no limit). */
    public long evaluationsLeft() {
        return Math.max(0, budget.maxEvaluations() - evaluations);
    }

    /** True once the evaluation count or the wall time has reached the budget. */
    public boolean exhausted() {
        return evaluations >= budget.maxEvaluations() || elapsed().compareTo(budget.maxWallTime()) >= 0;
    }

    /** The best objective value recorded so far (+∞ if none). */
    public double bestValue() {
        return bestValue;
    }

    /**
     * True if a recorded schedule is at least as good as {@code cost} in both energy and latency
     * (Pareto mode), i.e. nothing costing {@code cost} or more could join the front.
     */
    public boolean weaklyDominated(ScheduleCost cost) {
        return front.stream().anyMatch(e -> e.cost().energyPj() <= cost.energyPj()
                && e.cost().latencyCycles() <= cost.latencyCycles());
    }

    /**
     * True if evaluations are counted in stacks: the evaluator's stacks are
     * {@link StackComposition#ADDITIVE}, so a schedule is costed as the sum of its memoised stacks
     * and an evaluation is one stack costed by the model, whichever back end asks. Otherwise an
     * evaluation is one whole schedule.
     */
    public boolean countsStacks() {
        return composesStacks;
    }

    /** The memoised cost of a point, without evaluating it. */
    public Optional<ScheduleCost> cached(SchedulePoint point) {
        Schedule schedule = space.decode(point);
        if (composesStacks) {
            List<StackCost> parts = new ArrayList<>();
            for (StackSchedule stack : schedule.stacks()) {
                StackCost cost = stackMemo.get(stack);
                if (cost == null) {
                    return Optional.empty();
                }
                parts.add(cost);
            }
            return Optional.of(ScheduleCost.sum(parts));
        }
        return Optional.ofNullable(scheduleMemo.get(schedule));
    }

    /** The cost of a point, evaluated now if needed; empty if it is new and the budget is spent. */
    public Optional<ScheduleCost> evaluate(SchedulePoint point) {
        return evaluateAll(List.of(point)).getFirst();
    }

    /**
     * The costs of points, in the order given: memoised ones are looked up, new ones are
     * evaluated in parallel while the budget lasts (in list order); the rest are empty.
     */
    public List<Optional<ScheduleCost>> evaluateAll(List<SchedulePoint> points) {
        List<Schedule> schedules = points.stream().map(space::decode).toList();
        if (composesStacks) {
            return evaluateComposed(points, schedules);
        }
        Map<Schedule, ScheduleCost> known = new HashMap<>();
        List<Schedule> fresh = lookUp(schedules, scheduleMemo, known, false);
        Map<Schedule, ScheduleCost> computed = computeByKey(fresh, evaluator::evaluate);
        List<Optional<ScheduleCost>> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Schedule s = schedules.get(i);
            ScheduleCost cost = known.get(s);
            if (cost == null && computed.containsKey(s)) {
                // counted where it first appears, so the trace says exactly when a best was found
                cost = computed.remove(s);
                evaluations++;
                known.put(s, cost);
                if (memoiseSchedules) {
                    scheduleMemo.put(s, cost);
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
    private List<Optional<ScheduleCost>> evaluateComposed(List<SchedulePoint> points, List<Schedule> schedules) {
        LinkedHashMap<StackSchedule, Boolean> fresh = new LinkedHashMap<>();
        boolean[] admitted = new boolean[schedules.size()];
        boolean timeLeft = !exhausted();
        for (int i = 0; i < schedules.size(); i++) {
            List<StackSchedule> needed = schedules.get(i).stacks().stream()
                    .filter(s -> !stackMemo.containsKey(s) && !fresh.containsKey(s)).distinct().toList();
            if (needed.isEmpty()
                    || (timeLeft && evaluations + fresh.size() + needed.size() <= budget.maxEvaluations())) {
                admitted[i] = true;
                needed.forEach(s -> fresh.put(s, Boolean.TRUE));
            }
        }
        Map<StackSchedule, StackCost> pending = computeByKey(List.copyOf(fresh.keySet()), evaluator::evaluateStack);
        List<Optional<ScheduleCost>> out = new ArrayList<>();
        for (int i = 0; i < schedules.size(); i++) {
            if (!admitted[i]) {
                out.add(Optional.empty());
                continue;
            }
            List<StackCost> parts = new ArrayList<>();
            for (StackSchedule stack : schedules.get(i).stacks()) {
                StackCost cost = stackMemo.get(stack);
                if (cost == null) {
                    cost = pending.remove(stack);
                    evaluations++;
                    stackMemo.put(stack, cost);
                }
                parts.add(cost);
            }
            ScheduleCost cost = ScheduleCost.sum(parts);
            out.add(Optional.of(cost));
            offer(points.get(i), schedules.get(i), cost);
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

    private List<Optional<StackCost>> evaluateStacks(List<StackSchedule> stacks, boolean despiteTime) {
        Map<StackSchedule, StackCost> known = new HashMap<>();
        List<StackSchedule> fresh = lookUp(stacks, stackMemo, known, despiteTime);
        List<StackCost> costs = computeAll(fresh, evaluator::evaluateStack);
        for (int i = 0; i < fresh.size(); i++) {
            evaluations++;
            known.put(fresh.get(i), costs.get(i));
            stackMemo.put(fresh.get(i), costs.get(i));
        }
        return stacks.stream().map(s -> Optional.ofNullable(known.get(s))).toList();
    }

    /**
     * Records a schedule whose cost the caller composed itself (e.g. from memoised stack costs),
     * without counting an evaluation.
     */
    public void offer(SchedulePoint point, Schedule schedule, ScheduleCost cost) {
        if (!cost.feasible()) {
            return;
        }
        double value = objective.value(cost);
        if (objective.isPareto()) {
            for (EvaluatedSchedule e : front) {
                if (e.cost().dominates(cost) || (e.cost().energyPj() == cost.energyPj()
                        && e.cost().latencyCycles() == cost.latencyCycles())) {
                    return;
                }
            }
            front.removeIf(e -> cost.dominates(e.cost()));
            front.add(new EvaluatedSchedule(point, schedule, cost));
        } else if (value < bestValue) {
            front.clear();
            front.add(new EvaluatedSchedule(point, schedule, cost));
        }
        if (value < bestValue) {
            bestValue = value;
            trace.add(new TracePoint(evaluations, value));
        }
    }

    /** The result so far. */
    public SearchResult result(boolean complete) {
        List<EvaluatedSchedule> sorted = new ArrayList<>(front);
        sorted.sort(Comparator.comparingDouble((EvaluatedSchedule e) -> e.cost().energyPj())
                .thenComparingLong(e -> e.cost().latencyCycles()));
        return new SearchResult(strategy, objective, sorted, bestValue, evaluations, elapsed(), trace, complete);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /**
     * Fills {@code known} from the memo and returns the new keys to evaluate: distinct, in request
     * order, as many as the budget still allows (its evaluation count only, if {@code despiteTime}).
     */
    private <K, V> List<K> lookUp(List<K> keys, Map<K, V> memo, Map<K, V> known, boolean despiteTime) {
        LinkedHashMap<K, Boolean> fresh = new LinkedHashMap<>();
        boolean timeLeft = despiteTime || !exhausted();
        for (K k : keys) {
            V v = memo.get(k);
            if (v != null) {
                known.put(k, v);
            } else if (timeLeft && !fresh.containsKey(k) && evaluations + fresh.size() < budget.maxEvaluations()) {
                fresh.put(k, Boolean.TRUE);
            }
        }
        return List.copyOf(fresh.keySet());
    }

    /** {@link #computeAll}, as a map from key to value. */
    private <K, V> Map<K, V> computeByKey(List<K> todo, Function<K, V> compute) {
        List<V> values = computeAll(todo, compute);
        Map<K, V> out = new HashMap<>();
        for (int i = 0; i < todo.size(); i++) {
            out.put(todo.get(i), values.get(i));
        }
        return out;
    }

    private <K, V> List<V> computeAll(List<K> todo, Function<K, V> compute) {
        if (pool == null || todo.size() < 2) {
            return todo.stream().map(compute).toList();
        }
        int chunks = Math.min(todo.size(), parallelism * 4);
        List<Future<List<V>>> futures = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            List<K> part = todo.subList(todo.size() * c / chunks, todo.size() * (c + 1) / chunks);
            futures.add(pool.submit(() -> part.stream().map(compute).toList()));
        }
        List<V> out = new ArrayList<>(todo.size());
        try {
            for (Future<List<V>> f : futures) {
                out.addAll(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        return out;
    }
}
