package org.tessel.model.search;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The threads of a search run that compute a batch of costs: the batch is split into chunks
 * computed in parallel, and the results come back in the order of the inputs, so what a run does
 * with them never depends on thread timing. One thread computes on the calling thread.
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
        int chunks = Math.min(todo.size(), parallelism * 4);
        List<Future<List<V>>> futures = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            List<K> part = todo.subList(todo.size() * c / chunks, todo.size() * (c + 1) / chunks);
            futures.add(pool.submit(() -> part.stream().map(compute).toList()));
        }
        List<V> out = new ArrayList<>(todo.size());
        try {
            for (Future<List<V>> f : futures) {
                out.addAll(f.get());
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
