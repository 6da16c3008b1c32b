package org.tessel.model.search;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The threads of a search run that compute a batch of costs: every input is a task of its own
 * (costs of one batch differ by orders of magnitude — a deep stack with small tiles against a
 * single layer — so fixed chunks left threads idle behind one long chunk), and the results come
 * back in the order of the inputs, so what a run does with them never depends on thread timing.
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
        List<Future<V>> futures = new ArrayList<>(todo.size());
        for (K k : todo) {
            futures.add(pool.submit(() -> compute.apply(k)));
        }
        List<V> out = new ArrayList<>(todo.size());
        try {
            for (Future<V> f : futures) {
                out.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        return out;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
