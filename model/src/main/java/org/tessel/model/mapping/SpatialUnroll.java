package org.tessel.model.mapping;

/**
 * One array dimension's share of a spatial mapping: loop dimension {@code loopDimension} is
 * unrolled {@code factor} times across it.
 */
public record SpatialUnroll(String loopDimension, long factor) {
    public SpatialUnroll {
        if (factor <= 0) {
            throw new IllegalArgumentException("unroll factor must be positive, got " + factor);
        }
    }
}
