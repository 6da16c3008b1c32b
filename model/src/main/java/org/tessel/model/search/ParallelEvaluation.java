package org.tessel.model.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The threads of a search run that compute a batch of costs: each thread takes the next input
 * until none is left (costs of one batch differ by orders of magnitude — a deep stack with small
 * tiles against a single layer — so fixed chunks left threads idle behind one long chunk, and a
 * task per input costs as much as a quick bound), and the results come back in the order of the
 * inputs, so what a run does with them never depends on thread timing.
 * One thread computes on the calling thread.
 */
final class ParallelEvaluation implements AutoCloseable {

    private final int parallelism;
    private final ExecutorService pool;

    /** @param parallelism number of threads (1 or less: the calling thread only) */
    ParallelEvaluation(int parallelism) {
        this.parallelism = Math.max(1, parallelism);
        this.pool = this.parallelism > 1 ? Executors.newFixedThreadPool(this.parallelism, r -> {
            Thread t = new Thread(r, "tessel-eval");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** {@code compute} of every input, in input order. */
    <K, V> List<V> computeAll(List<K> todo, Function<K, V> compute) {
        if (pool == null || todo.size() < 2) {
            return todo.stream().map(compute).toList();
        }
        // each thread takes the next input until none is left: balanced, and no future per input
        AtomicInteger next = new AtomicInteger();
        Object[] results = new Object[todo.size()];
        List<Future<?>> futures = new ArrayList<>(parallelism);
        for (int t = 0; t < Math.min(parallelism, todo.size()); t++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < results.length; i = next.getAndIncrement()) {
                    results[i] = compute.apply(todo.get(i));
                }
            }));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        @SuppressWarnings("unchecked")
        List<V> out = (List<V>) Collections.unmodifiableList(Arrays.asList(results));
        return out;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
