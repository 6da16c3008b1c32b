package org.tessel.search.toy;

import java.util.List;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.StackSchedule;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.search.AdditiveScheduleEvaluator;
import org.tessel.model.search.StackCost;
import org.tessel.model.workload.Workload;

/**
 * A deceptive additive landscape: fusing layers costs 15 % per extra layer, so every local step
 * from layer-by-layer (the greedy local optimum, with the greedy tile) towards fusion is uphill;
 * only the fully fused stack is cheap (0.8 of layer-by-layer), and cheapest (0.6) with one
 * particular tile and the fully-cached mode, far from the greedy tile.
 *
 * @param workload the workload
 * @param tiles the tile candidates (the same for every stack)
 * @param greedyTile the tile index that is best for partial stacks
 * @param targetTile the tile index of the global optimum
 */
public record DeceptiveEvaluator(Workload workload, List<TileSize> tiles, int greedyTile, int targetTile)
        implements AdditiveScheduleEvaluator {
    @Override
    public StackCost evaluateStack(StackSchedule stack) {
        double base = stack.layerIds().stream().mapToDouble(id -> workload.layer(id).macCount()).sum() / 1e3;
        int tile = tiles.indexOf(stack.tile());
        boolean whole = stack.layerIds().size() == workload.computeLayers().size();
        double factor;
        if (whole) {
            factor = tile == targetTile && stack.mode() == OverlapMode.FULLY_CACHED ? 0.6 : 0.8;
        } else {
            factor = 1 + 0.15 * (stack.layerIds().size() - 1);
        }
        factor *= 1 + 0.02 * Math.abs(tile - greedyTile) / tiles.size() + 0.01 * stack.mode().ordinal();
        return new StackCost(base * factor, Math.round(base * factor), true);
    }
}
