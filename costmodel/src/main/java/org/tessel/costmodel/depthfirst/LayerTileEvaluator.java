package org.tessel.costmodel.depthfirst;

import org.tessel.costmodel.temporal.MemoryHierarchyTooSmallException;

/**
 * The single-layer model as seen by the depth-first engine: evaluates one layer-tile on its
 * truncated hierarchy and returns the minimal-energy evaluation (spec depthfirst.md §1.2 stages
 * 7–11). Implementations must be thread-safe: independent tile types are evaluated in parallel.
 */
@FunctionalInterface
public interface LayerTileEvaluator {

    /**
     * Evaluates {@code problem}.
     *
     * @throws MemoryHierarchyTooSmallException if no temporal mapping fits in the truncated
     *     hierarchy; the engine then retries with more levels (spec depthfirst.md §3.7 (g))
     */
    LayerTileResult evaluate(LayerTileProblem problem);
}
