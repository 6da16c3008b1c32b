package org.tessel.cli;

import org.tessel.costmodel.SingleLayerEvaluator;
import org.tessel.costmodel.depthfirst.DepthFirstEngine;
import org.tessel.costmodel.depthfirst.DepthFirstScheduleEvaluator;
import org.tessel.costmodel.depthfirst.DepthFirstSettings;
import org.tessel.costmodel.depthfirst.layertile.MemoizingLayerTileEvaluator;
import org.tessel.model.config.Scenario;
import org.tessel.model.schedule.OverlapMode;
import org.tessel.model.schedule.TileSize;
import org.tessel.model.search.ScheduleSpace;
import org.tessel.model.search.TileGrid;

/**
 * One search problem as the commands see it: the scenario, its schedule space, the objective and
 * the cost model's knobs.
 *
 * @param scenario workload, accelerator and spatial mappings
 * @param space the schedules to choose from
 * @param objective what to minimise
 * @param lpfLimit the loop-prime-factor limit of the single-layer mapping search
 * @param grid the tile grid the space was built with
 * @param tileGrid a short description of the tile grid, for reports
 */
record SearchSetup(Scenario scenario, ScheduleSpace space, ObjectiveChoice objective, int lpfLimit, TileGrid grid,
        String tileGrid) {

    private static final boolean DEFINES_COMPAT = false;

    /**
     * A fresh cost model with empty caches, so that every run pays for its own evaluations and
     * wall times are comparable. DeFiNES' defects (spec depthfirst.md §7 items 12 and 16) are not
     * reproduced: a search must not profit from a cut at node 0 that counts layers twice.
     */
    CostModel newCostModel() {
        MemoizingLayerTileEvaluator layerTiles = SingleLayerEvaluator.memoized();
        return new CostModel(new DepthFirstEngine(layerTiles),
                new DepthFirstScheduleEvaluator(scenario, layerTiles, lpfLimit, DEFINES_COMPAT));
    }

    /** The engine's settings for one global tile and mode with the automatic cut rule (the baseline). */
    DepthFirstSettings automaticCuts(TileSize tile, OverlapMode mode) {
        return new DepthFirstSettings(tile, mode, null, lpfLimit, DEFINES_COMPAT);
    }

    /** Number of distinct stacks (unit span × tile × mode): what the exhaustive dynamic programme evaluates. */
    long stackCount() {
        int n = space.units().count();
        long count = 0;
        for (int last = 0; last < n; last++) {
            count += (last + 1) * space.stackChoices(last);
        }
        return count;
    }
}
