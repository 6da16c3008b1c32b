package org.tessel.costmodel.depthfirst;

/**
 * Thrown by a {@link LayerTileEvaluator} when no temporal mapping fits in the truncated
 * hierarchy ({@code mapping.md} §3.5); the depth-first engine retries the layer with more
 * levels (spec depthfirst.md §3.7 (g)).
 */
public final class MemoryHierarchyTooSmallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with a readable reason. */
    public MemoryHierarchyTooSmallException(String message) {
        super(message);
    }
}
