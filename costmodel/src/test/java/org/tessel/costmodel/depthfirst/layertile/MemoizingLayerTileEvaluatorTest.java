package org.tessel.costmodel.depthfirst.layertile;

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
import org.tessel.costmodel.depthfirst.ReferenceCase;
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

    // ---- identity-free keys ---------------------------------------------------------------

    private static final org.tessel.model.config.Scenario DMCNNVD = ReferenceCase.scenario("dmcnnvd", "Meta_prototype_DF",
            "Meta_prototype");

    /** A tile of dmcnnvd layer {@code id} (its middle layers differ only in id, sources and OX/OY). */
    private static LayerTileProblem dmTile(int id, long ox, long oy) {
        Layer l = DMCNNVD.workload().layer(id);
        Map<String, Long> loops = new java.util.LinkedHashMap<>(l.loops());
        loops.put("OX", ox);
        loops.put("OY", oy);
        org.tessel.model.accelerator.Core core = DMCNNVD.accelerator().core(l.core());
        return new LayerTileProblem(l.withLoops(loops), core.hierarchy(), core.array(), DMCNNVD.mappings().of(id), 6);
    }

    private static LayerTileEvaluator identityFree(LayerTileEvaluator e) {
        return new LayerTileEvaluator() {
            @Override
            public LayerTileResult evaluate(LayerTileProblem p) {
                return e.evaluate(p);
            }

            @Override
            public boolean ignoresLayerIdentity() {
                return true;
            }
        };
    }

    @Test
    void theSingleLayerModelGivesLayersThatDifferOnlyInIdAndSourcesIdenticalResults() {
        LayerTileProblem a = dmTile(3, 8, 6);
        LayerTileProblem b = dmTile(11, 8, 6);
        org.junit.jupiter.api.Assertions.assertNotEquals(a, b);
        org.junit.jupiter.api.Assertions.assertNotEquals(a.layer().sources(), b.layer().sources());
        org.tessel.costmodel.SingleLayerEvaluator model = new org.tessel.costmodel.SingleLayerEvaluator();
        org.junit.jupiter.api.Assertions.assertTrue(model.ignoresLayerIdentity());
        assertEquals(model.evaluate(a), model.evaluate(b));
        MemoizingLayerTileEvaluator memo = org.tessel.costmodel.SingleLayerEvaluator.memoized();
        LayerTileResult ra = memo.evaluate(a);
        LayerTileResult rb = memo.evaluate(b);
        assertEquals(model.evaluate(b), rb);
        org.junit.jupiter.api.Assertions.assertSame(ra, rb);
        assertEquals(1, memo.misses());
        assertEquals(1, memo.hits());
    }

    @Test
    void identityFreeKeysShareOnlyWhatTheModelCannotTellApart() {
        AtomicInteger calls = new AtomicInteger();
        MemoizingLayerTileEvaluator memo = new MemoizingLayerTileEvaluator(identityFree(p -> {
            calls.incrementAndGet();
            return result(calls.get());
        }), 100);
        memo.evaluate(dmTile(3, 8, 6));
        memo.evaluate(dmTile(11, 8, 6)); // id and sources differ: shared
        assertEquals(1, calls.get());
        memo.evaluate(dmTile(3, 6, 8)); // OX and OY swapped: not shared
        assertEquals(2, calls.get());
        memo.evaluate(dmTile(0, 8, 6)); // the first layer has C = 3: not shared
        assertEquals(3, calls.get());
        LayerTileProblem p = dmTile(5, 8, 6);
        Layer l = p.layer();
        Map<String, Long> reordered = new java.util.LinkedHashMap<>();
        reordered.put("OX", l.loops().get("OX"));
        l.loops().forEach(reordered::putIfAbsent);
        assertEquals(l.loops(), reordered);
        memo.evaluate(new LayerTileProblem(l.withLoops(reordered), p.hierarchy(), p.array(), p.spatialMapping(), 6));
        assertEquals(4, calls.get()); // equal loop maps in another order: not shared (the order is a tie-break)
        Map<String, Integer> precision = new java.util.LinkedHashMap<>(l.precision());
        precision.put("O", 24);
        memo.evaluate(new LayerTileProblem(new Layer(l.id(), l.equation(), l.relations(), l.loops(), precision, l.sources(),
                l.sourceDimensions(), l.constantOperands(), l.memoryOperands(), l.core()), p.hierarchy(), p.array(),
                p.spatialMapping(), 6));
        assertEquals(5, calls.get());
        memo.evaluate(new LayerTileProblem(l, p.hierarchy().withoutTopLevel(org.tessel.model.accelerator.MemoryOperand.I1),
                p.array(), p.spatialMapping(), 6));
        assertEquals(6, calls.get());
        memo.evaluate(new LayerTileProblem(l, p.hierarchy(), p.array(), p.spatialMapping(), 5));
        assertEquals(7, calls.get());
        memo.evaluate(dmTile(17, 8, 6));
        assertEquals(7, calls.get());
        assertEquals(2, memo.hits());
    }

    @Test
    void withoutThePromiseLayersAreNeverShared() {
        AtomicInteger calls = new AtomicInteger();
        MemoizingLayerTileEvaluator memo = new MemoizingLayerTileEvaluator(p -> {
            calls.incrementAndGet();
            return result(p.layer().id());
        }, 100);
        assertEquals(3.0, memo.evaluate(dmTile(3, 8, 6)).energyTotal());
        assertEquals(11.0, memo.evaluate(dmTile(11, 8, 6)).energyTotal());
        assertEquals(2, calls.get());
    }

    @Test
    void aSharedTooSmallOutcomeNamesTheAskingLayer() {
        AtomicInteger calls = new AtomicInteger();
        MemoizingLayerTileEvaluator memo = new MemoizingLayerTileEvaluator(identityFree(p -> {
            calls.incrementAndGet();
            throw MemoryHierarchyTooSmallException.noLoopOrdering(p.layer().id());
        }), 100);
        MemoryHierarchyTooSmallException a = assertThrows(MemoryHierarchyTooSmallException.class,
                () -> memo.evaluate(dmTile(3, 8, 6)));
        MemoryHierarchyTooSmallException b = assertThrows(MemoryHierarchyTooSmallException.class,
                () -> memo.evaluate(dmTile(11, 8, 6)));
        assertEquals(1, calls.get());
        assertEquals("no loop ordering of layer 3 fits the memory hierarchy", a.getMessage());
        assertEquals("no loop ordering of layer 11 fits the memory hierarchy", b.getMessage());
    }
}
