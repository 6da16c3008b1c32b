package org.tessel.model.schedule;

import java.util.List;

/**
 * One fused stack of a schedule: its layers (in workload order), tile size and overlap mode.
 *
 * @param layerIds the layers fused into this stack
 * @param tile the tile size of the stack's last output
 * @param mode the overlap mode
 */
public record StackSchedule(List<Integer> layerIds, TileSize tile, OverlapMode mode) {
    public StackSchedule {
        layerIds = List.copyOf(layerIds);
        if (layerIds.isEmpty()) {
            throw new IllegalArgumentException("a stack needs at least one layer");
        }
    }
}
