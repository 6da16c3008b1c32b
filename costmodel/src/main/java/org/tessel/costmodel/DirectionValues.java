package org.tessel.costmodel;

import org.tessel.model.accelerator.Direction;

/**
 * One number per data-movement direction of a memory level (access counts in words, or energy).
 *
 * @param rdOutToLow read to feed the level below / the MACs
 * @param wrInByLow written by the level below (outputs, partial sums)
 * @param rdOutToHigh read to send to the level above
 * @param wrInByHigh written with data from the level above
 */
public record DirectionValues(double rdOutToLow, double wrInByLow, double rdOutToHigh, double wrInByHigh) {

    /** All four zero. */
    public static final DirectionValues ZERO = new DirectionValues(0, 0, 0, 0);

    /** The value of {@code direction}. */
    public double get(Direction direction) {
        return switch (direction) {
            case RD_OUT_TO_LOW -> rdOutToLow;
            case WR_IN_BY_LOW -> wrInByLow;
            case RD_OUT_TO_HIGH -> rdOutToHigh;
            case WR_IN_BY_HIGH -> wrInByHigh;
        };
    }

    /** Element-wise sum. */
    public DirectionValues plus(DirectionValues o) {
        return new DirectionValues(rdOutToLow + o.rdOutToLow, wrInByLow + o.wrInByLow,
                rdOutToHigh + o.rdOutToHigh, wrInByHigh + o.wrInByHigh);
    }
}
