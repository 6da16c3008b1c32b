package org.tessel.costmodel.depthfirst.aggregate;

import java.util.List;
import org.tessel.costmodel.depthfirst.partition.FusedStack;
import org.tessel.costmodel.depthfirst.partition.StackCuts;
import org.tessel.costmodel.depthfirst.tiletype.TileTypeEvaluation;
import org.tessel.costmodel.depthfirst.tiling.StackTiling;

/**
 * Everything a depth-first run produced (spec depthfirst.md §1.3).
 *
 * @param cuts the cut list used
 * @param stacks the stacks in processing order
 * @param tilings the tiling of each stack (same order)
 * @param evaluations every tile type's evaluation, stacks in order, tile types in order of first appearance
 * @param keys the aggregated keys in order of first appearance
 * @param totals the network totals (DeFiNES' sums over the keys, spec depthfirst.md §5.3)
 * @param stackTotals per stack (same order), the totals of that stack's keys alone: what the stack
 *     costs on its own (the depth-first {@code ScheduleEvaluator}'s stack cost); their latencies add up exactly to the
 *     network's, their energies up to floating-point reassociation
 */
public record DepthFirstResult(StackCuts cuts, List<FusedStack> stacks, List<StackTiling> tilings,
        List<TileTypeEvaluation> evaluations, List<KeyAggregate> keys, NetworkTotals totals, List<NetworkTotals> stackTotals) {

    public DepthFirstResult {
        stacks = List.copyOf(stacks);
        tilings = List.copyOf(tilings);
        evaluations = List.copyOf(evaluations);
        keys = List.copyOf(keys);
        stackTotals = List.copyOf(stackTotals);
    }

    /** The aggregate of {@code key}. */
    public KeyAggregate key(String key) {
        return keys.stream().filter(k -> k.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no key " + key));
    }
}
