package org.tessel.costmodel.depthfirst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.tessel.costmodel.temporal.MemoryHierarchyTooSmallException;
import org.tessel.model.accelerator.MemoryHierarchy;
import org.tessel.model.mapping.SpatialMapping;
import org.tessel.model.workload.Layer;
import org.tessel.model.workload.Workload;

/** The bounded, thread-safe memo of single-layer results. */
class MemoizingLayerTileEvaluatorTest {

    private static final Workload FSRCNN = ReferenceCase.scenario("fsrcnn", "Meta_prototype_DF", "Meta_prototype").workload();

    private static LayerTileProblem problem(long ox) {
        Layer l = FSRCNN.layer(2);
        Map<String, Long> loops = new java.util.LinkedHashMap<>(l.loops());
        loops.put("OX", ox);
        return new LayerTileProblem(l.withLoops(loops), new MemoryHierarchy(List.of()), null, new SpatialMapping(Map.of()), 6);
    }

    private static LayerTileResult result(double e) {
        return new LayerTileResult(e, 0, e, 1, 2, 3, 1, 1, 1, 1, Map.of());
    }

    @Test
    void identicalProblemsAreEvaluatedOnceEvenConcurrently() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        MemoizingLayerTileEvaluator memo = new MemoizingLayerTileEvaluator(p -> {
            calls.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return result(p.layer().loopSize("OX"));
        }, 10);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<LayerTileResult>> fs = java.util.stream.IntStream.range(0, 8)
                    .mapToObj(i -> pool.submit(() -> memo.evaluate(problem(7)))).toList();
            Thread.sleep(50);
            release.countDown();
            for (Future<LayerTileResult> f : fs) {
                assertEquals(7.0, f.get().energyTotal());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, calls.get());
        assertEquals(1, memo.misses());
        assertEquals(7, memo.hits());
    }

    @Test
    void leastRecentlyUsedEntriesAreEvictedBeyondCapacity() {
        AtomicInteger calls = new AtomicInteger();
        MemoizingLayerTileEvaluator memo = new MemoizingLayerTileEvaluator(p -> {
            calls.incrementAndGet();
            return result(p.layer().loopSize("OX"));
        }, 2);
        memo.evaluate(problem(1));
        memo.evaluate(problem(2));
        memo.evaluate(problem(1)); // 1 is now most recent
        memo.evaluate(problem(3)); // evicts 2
        assertEquals(2, memo.size());
        memo.evaluate(problem(1));
        assertEquals(3, calls.get());
        memo.evaluate(problem(2));
        assertEquals(4, calls.get());
    }

    @Test
    void tooSmallOutcomesAreMemoisedOtherFailuresAreNot() {
        AtomicInteger calls = new AtomicInteger();
        MemoizingLayerTileEvaluator memo = new MemoizingLayerTileEvaluator(p -> {
            calls.incrementAndGet();
            if (p.layer().loopSize("OX") == 1) {
                throw new MemoryHierarchyTooSmallException("too small");
            }
            throw new IllegalStateException("boom");
        }, 10);
        assertThrows(MemoryHierarchyTooSmallException.class, () -> memo.evaluate(problem(1)));
        assertThrows(MemoryHierarchyTooSmallException.class, () -> memo.evaluate(problem(1)));
        assertEquals(1, calls.get());
        assertThrows(IllegalStateException.class, () -> memo.evaluate(problem(2)));
        assertThrows(IllegalStateException.class, () -> memo.evaluate(problem(2)));
        assertEquals(3, calls.get());
    }
}
