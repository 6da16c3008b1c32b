package org.tessel.costmodel.depthfirst;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tessel.costmodel.depthfirst.aggregate.DepthFirstResult;
import org.tessel.costmodel.depthfirst.aggregate.NetworkTotals;
import org.tessel.costmodel.depthfirst.bound.DepthFirstStackBound;
import org.tessel.costmodel.depthfirst.copy.UnroutableCopyException;
import org.tessel.costmodel.depthfirst.graph.StackGraph;
import org.tessel.costmodel.depthfirst.layertile.LayerTileEvaluator;
import org.tessel.costmodel.depthfirst.layertile.MemoizingLayerTileEvaluator;
import org.tessel.costmodel.depthfirst.partition.StackPartition;
import org.tessel.costmodel.depthfirst.partition.UnbuildableStackException;
import org.tessel.costmodel.temporal.MemoryHierarchyTooSmallException;
import org.tessel.model.accelerator.Core;
import org.tessel.model.config.Scenario;
import org.tessel.model.schedule.Schedule;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.search.Memo;
import org.tessel.model.search.ScheduleCost;
import org.tessel.model.search.ScheduleEvaluator;
import org.tessel.model.search.StackComposition;
import org.tessel.model.search.StackCost;
import org.tessel.model.search.StackLowerBound;

/**
 * The DeFiNES depth-first model as a {@link ScheduleEvaluator}: energy in pJ ({@code energy_total})
 * and latency in cycles ({@code latency_total1} unless another {@link DepthFirstLatency} is chosen)
 * of any schedule, each stack with its own tile size and overlap mode.
 *
 * <h2>Are stacks independent? Yes: the composition is {@link StackComposition#ADDITIVE}.</h2>
 *
 * <p>What a stack costs is a function of the workload, the core, the single-layer model, the lpf
 * limit, the compatibility flag and of the stack's own {@link StackSchedule} only (its layers, tile
 * size, mode). The neighbours never enter, point by point (spec depthfirst.md):
 * <ul>
 * <li><b>Where inputs come from and outputs go to.</b> The stack input level is
 *   {@code levels('I1')[-1]} and the stack output level {@code levels('O')[-1]}, hard-coded: "feature
 *   maps between stacks always go through the top memory" (§2.3, last paragraph). The input pseudo-layer
 *   fetches its region from that level ({@code SI} copy, §3.7 (b2)); the stack output's {@code Olist}
 *   always runs up to that level (§3.7 (a), "if {@code isOut}") and its single-layer call keeps the
 *   full output chain (§3.8 step 2). No level choice looks at the previous or next stack.</li>
 * <li><b>Stack-input pseudo-layers</b> (§2.3 step 1, one per producer outside the stack, docs/stacks.md)
 *   are built from the <i>full-size</i> workload (§2.3, the full-size propagation runs once on the whole
 *   network and does not depend on the schedule) and from {@code cutBefore}, which for a stack of a valid
 *   schedule is the node right before its first layer in topological order, i.e. a property of the
 *   stack's own layers ({@link StackPartition#stackOf}). Successors in later stacks contribute to their
 *   sizes only through the full-size workload, not through how those stacks are cut, tiled or cached.</li>
 * <li><b>Data-copy layers</b> belong to one node of one tile type of one stack (§3.7 (b), (d), §4.3);
 *   output→cache copies registered by a stack's last node would be dropped, and there are none (§3.7
 *   (f)). No copy crosses a stack boundary. The stack-input overlap cache fill is free within the stack
 *   (§3.7 (f), quirk 7).</li>
 * <li><b>The merged key</b> {@code datamovement_b4_InputLayerNode_substack_input_layer_0}: every later
 *   stack's first stack input has that name, so DeFiNES collects them in one list (§5.1, "harmless for
 *   totals"). A key's total is {@code r1·m1 + r2·m2 + …} with linear operators (§5.2), including the
 *   unscaled data-copy {@code latency_total2} of DeFiNES-compatible mode (§7 item 12: still one term per
 *   tile type). Merging therefore only re-associates the floating-point energy sum.</li>
 * <li><b>Weights.</b> {@code Wstack} is planned per stack (§3.5), and the first tile of <i>every</i> stack
 *   reads all its weights from the top level ({@code wFromTop}, §3.6, §3.8 step 5, §7 item 10), whatever
 *   the previous stack left on chip.</li>
 * <li><b>Tiles and caches</b>: the grid is that of the stack's own output (§3.1, §3.3); plans, cache
 *   levels and tile types are per stack (§3.4–§3.6). DeFiNES uses one tile size for all stacks (§3.3);
 *   giving each stack its own changes nothing else.</li>
 * <li><b>The automatic cut rule</b> (§2.2) is the one global decision, and a schedule replaces it:
 *   stacks are explicit.</li>
 * <li><b>Totals are plain sums</b> over all keys; "nothing overlaps: layers, tiles, data copies and
 *   stacks are strictly sequential" (§1.3, §5.3). Latencies are integers, so they add exactly.</li>
 * <li><b>The id-0 quirk</b> (§2.3, §7 item 16), in DeFiNES-compatible mode: a stack bounded by node 0
 *   is built as DeFiNES builds it (up to the network end, or from the network input), which is again a
 *   function of the stack's own bounds, so additivity holds; such schedules count layers twice, as
 *   DeFiNES does.</li>
 * </ul>
 * Hence a schedule costs exactly the sum of its stacks and is feasible iff every stack is. This
 * evaluator defines the schedule's energy as the sum of the stack energies in stack order (with
 * {@link ScheduleCost#sum}), which equals {@link #evaluateStack} summed bit for bit; DeFiNES' own total
 * (a sum over keys, {@link DepthFirstResult#totals()}) equals it up to floating-point reassociation,
 * and its latencies exactly.
 *
 * <p>Infeasibility: a stack the engine cannot run (a layer-tile fits no hierarchy even after all
 * retries, or no level can hold an overlap cache, {@link MemoryHierarchyTooSmallException}; or a
 * level choice of a retry needs a data copy the hierarchy cannot route, {@link
 * UnroutableCopyException}) gets {@code feasible = false}, and so does every schedule containing it. A schedule or stack that is
 * malformed (not covering every layer once, not contiguous in topological order, a stack with two
 * output layers) is a caller error: {@link UnbuildableStackException}.
 *
 * <p>Thread-safe and deterministic as long as the single-layer model is (it must be a pure function
 * of its problem). {@link #evaluateStack} computes every time: a search run memoises the stacks it
 * costs in the memo it gets from {@link #newStackMemo()}, and this evaluator keeps the latest such
 * memo to take the stacks of whole schedules evaluated after the run from it (the baseline after a
 * search); before any run, whole schedules are computed stack by stack. Wrap the single-layer model
 * in a {@link MemoizingLayerTileEvaluator} to share layer-tiles between stacks.
 */
public final class DepthFirstScheduleEvaluator implements ScheduleEvaluator {

    private final Scenario scenario;
    private final DepthFirstEngine engine;
    private final int lpfLimit;
    private final boolean definesCompat;
    private final DepthFirstLatency latency;
    /** Position of every layer among the layers (input pseudo-layers left out), in topological order. */
    private final Map<Integer, Integer> position;
    /** The network's full-size graph and core, prepared once for every stack. */
    private final StackGraph fullGraph;
    private final Core core;
    /** The stack memo of the latest search run, or null before any. */
    private volatile Memo<StackSchedule, StackCost> lastRun;

    /** An evaluator reporting {@code latency_total1}. */
    public DepthFirstScheduleEvaluator(Scenario scenario, LayerTileEvaluator layerTiles, int lpfLimit, boolean definesCompat) {
        this(scenario, layerTiles, lpfLimit, definesCompat, DepthFirstLatency.LATENCY_TOTAL1);
    }

    /**
     * An evaluator.
     *
     * @param scenario workload, accelerator and spatial mappings
     * @param layerTiles the single-layer model
     * @param lpfLimit the LOMA loop-prime-factor limit
     * @param definesCompat reproduce DeFiNES' defects (see {@link DepthFirstSettings#definesCompat()})
     * @param latency which latency sum is the schedule's latency
     */
    public DepthFirstScheduleEvaluator(Scenario scenario, LayerTileEvaluator layerTiles, int lpfLimit, boolean definesCompat,
            DepthFirstLatency latency) {
        this.scenario = Objects.requireNonNull(scenario);
        this.engine = new DepthFirstEngine(Objects.requireNonNull(layerTiles));
        this.lpfLimit = lpfLimit;
        this.definesCompat = definesCompat;
        this.latency = Objects.requireNonNull(latency);
        StackGraph network = StackGraph.of(scenario.workload());
        StackGraph full = StackPartition.fullSize(network);
        this.fullGraph = full;
        this.core = DepthFirstEngine.coreOf(scenario.accelerator(), network);
        Map<Integer, Integer> pos = new HashMap<>();
        for (int id : full.topologicalOrder()) {
            if (!full.node(id).isInput()) {
                pos.put(id, pos.size());
            }
        }
        this.position = Map.copyOf(pos);
    }

    /**
     * The cost of {@code schedule}: the sum of its stacks (see the class comment).
     *
     * @throws UnbuildableStackException if the schedule does not cover every layer once with stacks
     *     that are consecutive runs of layers in topological order, or a stack is not buildable
     */
    @Override
    public ScheduleCost evaluate(Schedule schedule) {
        checkCoverage(schedule);
        Memo<StackSchedule, StackCost> known = lastRun;
        List<StackCost> stacks = schedule.stacks().parallelStream()
                .map(s -> known == null ? evaluateStack(s) : known.get(s, this::evaluateStack)).toList();
        return ScheduleCost.sum(stacks);
    }

    /** {@link StackComposition#ADDITIVE}: stacks are independent (see the class comment). */
    @Override
    public StackComposition stackComposition() {
        return StackComposition.ADDITIVE;
    }

    /**
     * The cost of one stack on its own: exactly its cost inside any schedule containing it.
     *
     * @throws UnbuildableStackException if the layers are not a stack of the network
     */
    @Override
    public StackCost evaluateStack(StackSchedule stack) {
        DepthFirstResult r;
        try {
            r = runStack(stack);
        } catch (MemoryHierarchyTooSmallException | UnroutableCopyException e) {
            return StackCost.infeasible();
        }
        NetworkTotals t = r.stackTotals().getFirst();
        return new StackCost(t.energyTotal(), latency.of(t), true);
    }

    /**
     * A new memo for a search run (see the class comment), kept for the whole schedules evaluated
     * after it.
     */
    @Override
    public Memo<StackSchedule, StackCost> newStackMemo() {
        Memo<StackSchedule, StackCost> memo = new Memo<>();
        lastRun = memo;
        return memo;
    }

    /** Lower bounds of stacks: {@link DepthFirstStackBound} (docs/search.md "Lower bounds"). */
    @Override
    public StackLowerBound stackLowerBound() {
        return new DepthFirstStackBound(core, fullGraph, definesCompat, scenario.mappings(), lpfLimit);
    }

    /** The engine's full result for one stack on its own (for inspection; not memoised). */
    public DepthFirstResult runStack(StackSchedule stack) {
        return engine.runStack(core, fullGraph, scenario.mappings(), stack, lpfLimit, definesCompat);
    }

    private void checkCoverage(Schedule schedule) {
        int next = 0;
        for (StackSchedule s : schedule.stacks()) {
            int lo = Integer.MAX_VALUE;
            int hi = -1;
            for (int id : s.layerIds()) {
                Integer p = position.get(id);
                if (p == null) {
                    throw new UnbuildableStackException("stack " + s.layerIds() + ": " + id + " is not a layer of "
                            + scenario.workload().name());
                }
                lo = Math.min(lo, p);
                hi = Math.max(hi, p);
            }
            if (lo != next || hi - lo + 1 != s.layerIds().size()) {
                throw new UnbuildableStackException("stack " + s.layerIds() + " is not the run of layers following the previous"
                        + " stack in topological order");
            }
            next = hi + 1;
        }
        if (next != position.size()) {
            throw new UnbuildableStackException("the schedule does not cover every layer of " + scenario.workload().name());
        }
    }
}
