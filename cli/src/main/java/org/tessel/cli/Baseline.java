package org.tessel.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tessel.costmodel.depthfirst.DepthFirstLatency;
import org.tessel.costmodel.depthfirst.aggregate.DepthFirstResult;
import org.tessel.costmodel.depthfirst.copy.UnroutableCopyException;
import org.tessel.costmodel.depthfirst.graph.StackGraph;
import org.tessel.costmodel.depthfirst.partition.FusedStack;
import org.tessel.costmodel.depthfirst.partition.StackCuts;
import org.tessel.costmodel.depthfirst.partition.StackPartition;
import org.tessel.costmodel.depthfirst.partition.UnbuildableStackException;
import org.tessel.costmodel.temporal.MemoryHierarchyTooSmallException;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.Schedule;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.search.ScheduleCost;
import org.tessel.model.search.StackCost;

/**
 * The reference's way of scheduling, the yardstick of every search: the automatic
 * weights-overflow cuts (spec depthfirst.md §2.2) and one tile size and overlap mode for all
 * stacks, the best pair among the three modes and the tile candidates of the space for these
 * stacks (the grid's candidates for each stack's output layer; their union if there are several
 * stacks). With one automatic stack the baseline is a point of the space, so an exact search can
 * only match or beat it.
 *
 * @param schedule the best baseline schedule (the automatic stacks with the global tile and mode)
 * @param cost its cost
 * @param value its objective value
 * @param candidates number of (tile, mode) pairs evaluated
 * @param total number of (tile, mode) pairs there are; more than {@code candidates} if the
 *     wall-time budget stopped the evaluation
 * @param millis wall time spent
 * @param file the schedule file it was read from ({@code --baseline FILE}); null for the reference's baseline
 */
record Baseline(Schedule schedule, ScheduleCost cost, double value, int candidates, int total, long millis, Path file) {

    /** True if every candidate was evaluated. */
    boolean complete() {
        return candidates == total;
    }

    /**
     * Evaluates the candidates and keeps the best (the first one on ties), within what is left of
     * the wall-time budget: it is checked before every candidate (one candidate is not
     * interrupted), and once it is spent the best so far is the baseline. Through the schedule
     * evaluator, which takes the stacks the search costed from the run's stack memo; cuts that split a
     * branch-and-merge unit, which the evaluator does not build, are run through the engine.
     *
     * @param startNanos when the budget started ({@link System#nanoTime()})
     * @param timeBudget the wall-time budget, or {@link org.tessel.model.search.Budget#NO_TIME_LIMIT}
     * @return the baseline of every candidate or of those evaluated in time, none feasible, or
     *     skipped if the budget was spent before the first candidate
     */
    static BaselineOutcome find(SearchSetup setup, CostModel model, long startNanos, Duration timeBudget) {
        if (spent(startNanos, timeBudget)) {
            return BaselineOutcome.skipped();
        }
        long start = System.nanoTime();
        List<List<Integer>> stacks = automaticStacks(setup);
        Set<TileSize> tiles = new LinkedHashSet<>();
        for (List<Integer> stack : stacks) {
            tiles.addAll(setup.grid().candidates(setup.scenario().workload().layer(stack.getLast())));
        }
        Schedule best = null;
        ScheduleCost bestCost = null;
        double bestValue = Double.POSITIVE_INFINITY;
        int total = tiles.size() * setup.space().modes().size();
        int candidates = 0;
        search:
        for (TileSize tile : tiles) {
            for (OverlapMode mode : setup.space().modes()) {
                if (candidates > 0 && spent(startNanos, timeBudget)) {
                    break search;
                }
                candidates++;
                Schedule schedule = new Schedule(stacks.stream().map(ids -> new StackSchedule(ids, tile, mode)).toList());
                ScheduleCost cost = cost(setup, model, schedule, tile, mode);
                double value = setup.objective().objective().value(cost);
                if (value < bestValue) {
                    bestValue = value;
                    bestCost = cost;
                    best = schedule;
                }
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (best == null) {
            return candidates < total ? BaselineOutcome.skipped() : BaselineOutcome.of(null);
        }
        return BaselineOutcome.of(new Baseline(best, bestCost, bestValue, candidates, total, millis, null));
    }

    private static boolean spent(long startNanos, Duration timeBudget) {
        return Duration.ofNanos(System.nanoTime() - startNanos).compareTo(timeBudget) >= 0;
    }

    /**
     * The layers of the stacks made by the weights-overflow rule (spec depthfirst.md §2.2), built by
     * the stack rule of docs/stacks.md: inside a unit whose weights overflow, one layer per stack, on
     * both paths of a branch region too. A stack of the network input alone (the rule cuts after the
     * input when not even the first unit fits, e.g. on TPU_like) has no layer to schedule and is left
     * out: its only cost is a DRAM-to-DRAM copy of 0 pJ (spec §2.3).
     */
    private static List<List<Integer>> automaticStacks(SearchSetup setup) {
        StackGraph network = StackGraph.of(setup.scenario().workload());
        StackGraph full = StackPartition.fullSize(network);
        int first = full.topologicalOrder().getFirst();
        var core = setup.scenario().accelerator().core(full.node(first).layer().core());
        StackCuts cuts = StackCuts.automatic(full, core.hierarchy());
        return StackPartition.of(network, cuts, false).stacks().stream().map(FusedStack::layerIds).filter(ids -> !ids.isEmpty())
                .toList();
    }

    private static ScheduleCost cost(SearchSetup setup, CostModel model, Schedule schedule, TileSize tile, OverlapMode mode) {
        try {
            return model.evaluator().evaluate(schedule);
        } catch (UnbuildableStackException notBuildable) {
            // a stack the schedule evaluator does not build on its own: run DeFiNES' way
        }
        DepthFirstResult r;
        try {
            r = model.engine().run(setup.scenario(), setup.automaticCuts(tile, mode));
        } catch (MemoryHierarchyTooSmallException | UnroutableCopyException e) {
            return ScheduleCost.infeasible();
        }
        return costOf(r);
    }

    /** A whole-engine result as the search costs schedules: its stacks' energy and latency_total1, summed. */
    static ScheduleCost costOf(DepthFirstResult r) {
        List<StackCost> costs = new ArrayList<>();
        for (var t : r.stackTotals()) {
            costs.add(new StackCost(t.energyTotal(), DepthFirstLatency.LATENCY_TOTAL1.of(t), true));
        }
        return ScheduleCost.sum(costs);
    }
}
