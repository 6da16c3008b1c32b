package org.tessel.costmodel;

import org.tessel.model.accelerator.Core;
import org.tessel.model.mapping.SpatialMapping;
import org.tessel.model.workload.Layer;

/**
 * One single-layer cost problem: a layer (possibly a tile, see {@link Layer#withLoops}), the core
 * it runs on (whose hierarchy may be truncated, see {@link HierarchyCut}) and the user spatial
 * mapping. Value equality makes it usable as a cache key.
 *
 * @param layer the layer or tile
 * @param core the core with its (possibly truncated) memory hierarchy
 * @param spatialMapping the user spatial mapping (clamped to the tile by the cost model)
 */
public record LayerProblem(Layer layer, Core core, SpatialMapping spatialMapping) {

    public LayerProblem {
        if (layer.isInput()) {
            throw new IllegalArgumentException("the input pseudo-layer is never costed");
        }
    }
}
