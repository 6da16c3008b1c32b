package org.tessel.costmodel.layer;

import org.tessel.model.accelerator.Direction;

/**
 * The four directions of data movement at a memory level as array indices (spec costmodel.md
 * §2.4): read out to the level below, written in by the level below, read out to the level above,
 * written in by the level above.
 */
final class DirectionIndex {

    /** {@link Direction#RD_OUT_TO_LOW}. */
    static final int RD_LOW = 0;
    /** {@link Direction#WR_IN_BY_LOW}. */
    static final int WR_LOW = 1;
    /** {@link Direction#RD_OUT_TO_HIGH}. */
    static final int RD_HIGH = 2;
    /** {@link Direction#WR_IN_BY_HIGH}. */
    static final int WR_HIGH = 3;
    /** Number of directions. */
    static final int COUNT = 4;

    private DirectionIndex() {}

    /** The index of {@code d}. */
    static int of(Direction d) {
        return switch (d) {
            case RD_OUT_TO_LOW -> RD_LOW;
            case WR_IN_BY_LOW -> WR_LOW;
            case RD_OUT_TO_HIGH -> RD_HIGH;
            case WR_IN_BY_HIGH -> WR_HIGH;
        };
    }
}
