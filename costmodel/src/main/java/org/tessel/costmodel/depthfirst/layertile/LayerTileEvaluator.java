package org.tessel.costmodel.depthfirst.layertile;

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

    /**
     * True if the outcome of {@link #evaluate} does not depend on the layer's identity: on its
     * {@link org.tessel.model.workload.Layer#id() id} and {@link org.tessel.model.workload.Layer#sources()
     * sources} (the producers' ids), except for the layer id named in a {@link
     * MemoryHierarchyTooSmallException#noLoopOrdering} message. A {@link MemoizingLayerTileEvaluator}
     * then shares one entry between layers that differ only in those, such as the identical middle
     * layers of a plain convolution chain. False unless an implementation promises it.
     */
    default boolean ignoresLayerIdentity() {
        return false;
    }
}
