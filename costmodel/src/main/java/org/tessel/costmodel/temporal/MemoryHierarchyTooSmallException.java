package org.tessel.costmodel.temporal;

/**
 * No loop ordering could be allocated: a top memory level cannot hold what is left
 * (the reference's {@code MemHierarchyTooSmall}, spec mapping.md §3.5). The depth-first engine
 * catches it and retries with more memory levels.
 */
public final class MemoryHierarchyTooSmallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The layer named by {@link #noLoopOrdering}, or null. */
    private final Integer layerId;

    /** With a message naming the layer. */
    public MemoryHierarchyTooSmallException(String message) {
        super(message);
        this.layerId = null;
    }

    private MemoryHierarchyTooSmallException(int layerId) {
        super("no loop ordering of layer " + layerId + " fits the memory hierarchy");
        this.layerId = layerId;
    }

    /** The temporal-mapping search's outcome: no loop ordering of layer {@code layerId} fits. */
    public static MemoryHierarchyTooSmallException noLoopOrdering(int layerId) {
        return new MemoryHierarchyTooSmallException(layerId);
    }

    /**
     * The same outcome for the identical problem of another layer: a {@link #noLoopOrdering}
     * exception is re-issued naming {@code otherLayerId}; any other is returned as is.
     */
    public MemoryHierarchyTooSmallException forLayer(int otherLayerId) {
        return layerId == null || layerId == otherLayerId ? this : noLoopOrdering(otherLayerId);
    }
}
