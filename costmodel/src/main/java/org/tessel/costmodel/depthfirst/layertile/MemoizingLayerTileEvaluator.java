package org.tessel.costmodel.depthfirst.layertile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.tessel.costmodel.temporal.MemoryHierarchyTooSmallException;

/**
 * A thread-safe, bounded memo of a {@link LayerTileEvaluator}: identical {@link LayerTileProblem}s
 * (same tile layer, truncated hierarchy, array, spatial mapping and lpf limit) are evaluated once.
 *
 * <p>Design: an access-ordered {@link LinkedHashMap} (least recently used entry evicted beyond
 * {@code capacity}) behind one lock, holding futures. The first caller of a problem computes it
 * outside the lock; concurrent callers of the same problem wait for that future instead of
 * recomputing. "Hierarchy too small" outcomes are memoised too (the retry path asks again). No
 * caching library is on the class path; a single-layer evaluation (a LOMA search) costs far
 * more than the lock, and entries are small, so this minimal LRU is sufficient.
 *
 * <p>If the delegate {@linkplain LayerTileEvaluator#ignoresLayerIdentity() ignores layer identity},
 * problems are keyed without the layer's id and sources ({@link IdentityFreeKey}): identical
 * layer-tiles of different layers share one entry. The result carries no layer identity; a memoised
 * "hierarchy too small" is re-issued naming the asking layer
 * ({@link MemoryHierarchyTooSmallException#forLayer}).
 */
public final class MemoizingLayerTileEvaluator implements LayerTileEvaluator {

    private final LayerTileEvaluator delegate;
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final boolean identityFree;
    private final Map<Object, CompletableFuture<LayerTileResult>> cache;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /**
     * A memo of at most {@code capacity} results in front of {@code delegate}.
     *
     * @throws IllegalArgumentException if {@code capacity < 1}
     */
    public MemoizingLayerTileEvaluator(LayerTileEvaluator delegate, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.delegate = delegate;
        this.capacity = capacity;
        this.identityFree = delegate.ignoresLayerIdentity();
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, CompletableFuture<LayerTileResult>> eldest) {
                return size() > MemoizingLayerTileEvaluator.this.capacity;
            }
        };
    }

    @Override
    public LayerTileResult evaluate(LayerTileProblem problem) {
        Object key = identityFree ? new IdentityFreeKey(problem) : problem;
        CompletableFuture<LayerTileResult> future;
        boolean owner = false;
        lock.lock();
        try {
            future = cache.get(key);
            if (future == null) {
                future = new CompletableFuture<>();
                cache.put(key, future);
                owner = true;
            }
        } finally {
            lock.unlock();
        }
        if (owner) {
            misses.incrementAndGet();
            try {
                future.complete(delegate.evaluate(problem));
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
                if (!(e instanceof MemoryHierarchyTooSmallException)) {
                    lock.lock();
                    try {
                        cache.remove(key, future);
                    } finally {
                        lock.unlock();
                    }
                }
            }
        } else {
            hits.incrementAndGet();
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            if (identityFree && e.getCause() instanceof MemoryHierarchyTooSmallException tooSmall) {
                throw tooSmall.forLayer(problem.layer().id());
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Number of evaluations answered from the memo (or an in-flight twin). */
    public long hits() {
        return hits.get();
    }

    /** Number of evaluations delegated. */
    public long misses() {
        return misses.get();
    }

    /** Current number of memoised problems. */
    public int size() {
        lock.lock();
        try {
            return cache.size();
        } finally {
            lock.unlock();
        }
    }
}
