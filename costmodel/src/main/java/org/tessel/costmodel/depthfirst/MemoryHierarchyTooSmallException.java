package org.tessel.costmodel.depthfirst;

/**
 * Thrown by a {@link LayerTileEvaluator} when no temporal mapping fits in the truncated
 * hierarchy ({@code mapping.md} §3.5); the depth-first engine retries the layer with more
 * levels (spec depthfirst.md §3.7 (g)). The engine itself throws it when a stack cannot run: a
 * layer-tile still does not fit after every retry, or no memory level can hold an overlap cache
 * (spec §3.4 F, "no fallback; DeFiNES crashes").
 */
public final class MemoryHierarchyTooSmallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with a readable reason. */
    public MemoryHierarchyTooSmallException(String message) {
        super(message);
    }
}
