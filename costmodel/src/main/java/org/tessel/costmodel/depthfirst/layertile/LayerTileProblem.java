package org.tessel.costmodel.depthfirst.layertile;

import org.tessel.costmodel.LayerProblem;
import org.tessel.model.accelerator.Core;
import org.tessel.model.accelerator.MemoryHierarchy;
import org.tessel.model.accelerator.OperationalArray;
import org.tessel.model.mapping.SpatialMapping;
import org.tessel.model.workload.Layer;

/**
 * One single-layer evaluation requested by the depth-first engine (spec depthfirst.md §3.7 (e),
 * §3.8, §3.9): a tile-sized layer on a truncated memory hierarchy. Immutable and value-equal, so
 * it serves as a memo key.
 *
 * @param layer the tile layer: the workload layer with the tile's loop sizes ({@code OX}/{@code OY}
 *     hold the computed region); for element-wise adds whose two inputs shared {@code I1}, the
 *     second input operand is relinked to {@code I2}
 * @param hierarchy the truncated memory hierarchy: each operand's chain ends at the level the
 *     engine chose for it (weights: at {@code Wstack}, or the full chain on a stack's first tile)
 * @param array the core's operational array
 * @param spatialMapping the user spatial mapping of the layer (the single-layer model clamps it
 *     to the tile loop sizes, spec mapping.md §1)
 * @param lpfLimit the LOMA loop-prime-factor limit
 */
public record LayerTileProblem(Layer layer, MemoryHierarchy hierarchy, OperationalArray array,
        SpatialMapping spatialMapping, int lpfLimit) {

    /** The single-layer problem this evaluation is: the layer on a core of this array and hierarchy. */
    public LayerProblem layerProblem() {
        return new LayerProblem(layer, new Core(layer.core(), array, hierarchy), spatialMapping);
    }
}
