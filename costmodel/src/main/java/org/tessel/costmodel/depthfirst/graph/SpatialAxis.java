package org.tessel.costmodel.depthfirst.graph;

import java.util.Map;

/**
 * The two spatial axes a stack's output is tiled along (spec depthfirst.md §3.2, §3.3): the tile's
 * width runs along {@link #X} (output dimension {@code OX}, read through input dimensions such as
 * {@code IX}), its height along {@link #Y} ({@code OY}, {@code IY}). Which input dimension follows
 * an output dimension is a property of the layer's relations, found by the back-propagation.
 */
public enum SpatialAxis {
    /** Columns: the tile's width, output dimension {@code OX}. */
    X("OX"),
    /** Rows: the tile's height, output dimension {@code OY}. */
    Y("OY");

    private final String dim;

    SpatialAxis(String dim) {
        this.dim = dim;
    }

    /** The output loop dimension of this axis, {@code OX} or {@code OY}. */
    public String dim() {
        return dim;
    }

    /** The size along this axis in loop sizes {@code loops}; 1 if the axis is not a loop there. */
    public long sizeIn(Map<String, Long> loops) {
        return loops.getOrDefault(dim, 1L);
    }
}
