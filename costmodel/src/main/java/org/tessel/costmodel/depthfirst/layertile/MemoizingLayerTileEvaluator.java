package org.tessel.costmodel.depthfirst.layertile;

import org.tessel.costmodel.temporal.MemoryHierarchyTooSmallException;
import org.tessel.model.search.Memo;

/**
 * A thread-safe, bounded memo of a {@link LayerTileEvaluator}: identical {@link LayerTileProblem}s
 * (same tile layer, truncated hierarchy, array, spatial mapping and lpf limit) are evaluated once.
 *
 * <p>Design: a {@link Memo} with a capacity (least recently used entry evicted beyond it): the
 * first caller of a problem computes it, concurrent callers of the same problem wait for it
 * instead of recomputing. "Hierarchy too small" outcomes are memoised too (the retry path asks
 * again), as values; other failures are not. A single-layer evaluation (a LOMA search) costs far
 * more than the memo's lock, and entries are small.
 *
 * <p>If the delegate {@linkplain LayerTileEvaluator#ignoresLayerIdentity() ignores layer identity},
 * problems are keyed without the layer's id and sources ({@link IdentityFreeKey}): identical
 * layer-tiles of different layers share one entry. The result carries no layer identity; a memoised
 * "hierarchy too small" is re-issued naming the asking layer
 * ({@link MemoryHierarchyTooSmallException#forLayer}).
 */
public final class MemoizingLayerTileEvaluator implements LayerTileEvaluator {

    /** What a problem came to: a result, or no loop ordering fits. */
    private record Outcome(LayerTileResult result, MemoryHierarchyTooSmallException tooSmall) {}

    private final LayerTileEvaluator delegate;
    private final boolean identityFree;
    private final Memo<Object, Outcome> cache;

    /**
     * A memo of at most {@code capacity} results in front of {@code delegate}.
     *
     * @throws IllegalArgumentException if {@code capacity < 1}
     */
    public MemoizingLayerTileEvaluator(LayerTileEvaluator delegate, int capacity) {
        this.delegate = delegate;
        this.identityFree = delegate.ignoresLayerIdentity();
        this.cache = new Memo<>(capacity);
    }

    @Override
    public LayerTileResult evaluate(LayerTileProblem problem) {
        Outcome outcome = cache.get(identityFree ? new IdentityFreeKey(problem) : problem, k -> {
            try {
                return new Outcome(delegate.evaluate(problem), null);
            } catch (MemoryHierarchyTooSmallException e) {
                return new Outcome(null, e);
            }
        });
        if (outcome.tooSmall() != null) {
            throw identityFree ? outcome.tooSmall().forLayer(problem.layer().id()) : outcome.tooSmall();
        }
        return outcome.result();
    }

    /** Number of evaluations answered from the memo (or an in-flight twin). */
    public long hits() {
        return cache.hits();
    }

    /** Number of evaluations delegated. */
    public long misses() {
        return cache.misses();
    }

    /** Current number of memoised problems. */
    public int size() {
        return cache.size();
    }
}
