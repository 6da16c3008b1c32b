package org.tessel.costmodel.layer;

/**
 * A temporal mapping whose data does not fit a memory: the utilization of a level, or of a
 * memory shared by several operands, is above 1 (spec costmodel.md §3). The reference asserts
 * this and crashes; the temporal-mapping search rejects such a candidate instead, and reports
 * the hierarchy as too small if no candidate fits (so the depth-first engine retries with more
 * levels, spec depthfirst.md §3.7 (g)). Reference cases never reach it.
 */
public final class OverfullMemoryException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** A mapping that overfills {@code what}. */
    public OverfullMemoryException(String what) {
        super(what);
    }
}
