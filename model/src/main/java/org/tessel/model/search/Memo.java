package org.tessel.model.search;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A thread-safe memo that computes every key once: the first caller of a key computes its value
 * (outside the lock), and whoever asks for the same key meanwhile waits for that computation
 * instead of repeating it. The one memo of the project: the stack costs of a search run, its
 * schedule costs, the single-layer results of the depth-first model.
 *
 * <p>Design: a {@link LinkedHashMap} of futures behind one lock. Unbounded by default; with a
 * capacity, the least recently used entry is evicted beyond it. A computation that fails is not
 * memoised: its entry is removed and the failure reaches the caller and everyone waiting for it
 * (a caller that wants a failure remembered returns it as a value). Values must not be null.
 *
 * @param <K> the key, with value equality
 * @param <V> the value
 */
public final class Memo<K, V> {

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<K, CompletableFuture<V>> entries;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /** An unbounded memo. */
    public Memo() {
        this.capacity = Integer.MAX_VALUE;
        this.entries = new LinkedHashMap<>();
    }

    /**
     * A memo of at most {@code capacity} entries, the least recently used evicted first.
     *
     * @throws IllegalArgumentException if {@code capacity < 1}
     */
    public Memo(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, CompletableFuture<V>> eldest) {
                return size() > Memo.this.capacity;
            }
        };
    }

    /**
     * The value of {@code key}: memoised, being computed by another caller (then this one waits),
     * or computed now by {@code compute} on the calling thread.
     *
     * @throws RuntimeException whatever {@code compute} threw, here or in the caller computing it
     */
    public V get(K key, Function<? super K, ? extends V> compute) {
        CompletableFuture<V> future;
        boolean owner = false;
        lock.lock();
        try {
            future = entries.get(key);
            if (future == null) {
                future = new CompletableFuture<>();
                entries.put(key, future);
                owner = true;
            }
        } finally {
            lock.unlock();
        }
        if (!owner) {
            hits.incrementAndGet();
            return join(future);
        }
        misses.incrementAndGet();
        V value;
        try {
            value = compute.apply(key);
        } catch (RuntimeException | Error e) {
            lock.lock();
            try {
                entries.remove(key, future);
            } finally {
                lock.unlock();
            }
            future.completeExceptionally(e);
            throw e;
        }
        future.complete(value);
        return value;
    }

    /** The value of {@code key} if it has been computed, else null; never computes nor waits. */
    public V peek(K key) {
        CompletableFuture<V> future;
        lock.lock();
        try {
            future = entries.get(key);
        } finally {
            lock.unlock();
        }
        return future == null ? null : future.getNow(null);
    }

    /** Every entry computed so far (not those still being computed), in insertion order if unbounded. */
    public Map<K, V> snapshot() {
        Map<K, V> out = new LinkedHashMap<>();
        lock.lock();
        try {
            entries.forEach((k, f) -> {
                if (f.isDone() && !f.isCompletedExceptionally()) {
                    out.put(k, f.join());
                }
            });
        } finally {
            lock.unlock();
        }
        return out;
    }

    /** Number of entries, those being computed included. */
    public int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }

    /** Number of {@link #get} calls answered by the memo or by another caller's computation. */
    public long hits() {
        return hits.get();
    }

    /** Number of {@link #get} calls that computed. */
    public long misses() {
        return misses.get();
    }

    private static <V> V join(CompletableFuture<V> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
