package org.tessel.model.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The compute-once-others-wait memo. */
class MemoTest {

    @Test
    void concurrentCallersOfAKeyWaitForOneComputation() throws Exception {
        Memo<String, Integer> memo = new Memo<>();
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<Integer> owner = pool.submit(() -> memo.get("k", k -> {
                calls.incrementAndGet();
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return 7;
            }));
            started.await();
            assertNull(memo.peek("k"), "peek neither computes nor waits");
            assertTrue(memo.snapshot().isEmpty(), "nothing computed yet");
            List<Future<Integer>> waiting = IntStream.range(0, 6).mapToObj(i -> pool.submit(() -> memo.get("k", k -> {
                calls.incrementAndGet();
                return -1;
            }))).toList();
            Thread.sleep(50);
            release.countDown();
            assertEquals(7, owner.get());
            for (Future<Integer> f : waiting) {
                assertEquals(7, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, calls.get());
        assertEquals(1, memo.misses());
        assertEquals(6, memo.hits());
        assertEquals(7, memo.peek("k"));
        assertEquals(Map.of("k", 7), memo.snapshot());
    }

    @Test
    void failuresAreNotMemoised() {
        Memo<String, Integer> memo = new Memo<>();
        IllegalStateException boom = new IllegalStateException("boom");
        assertSame(boom, assertThrows(IllegalStateException.class, () -> memo.get("k", k -> {
            throw boom;
        })));
        assertEquals(0, memo.size());
        assertEquals(3, memo.get("k", k -> 3));
        assertEquals(3, memo.get("k", k -> 4));
    }

    @Test
    void aBoundedMemoEvictsTheLeastRecentlyUsed() {
        Memo<Integer, Integer> memo = new Memo<>(2);
        memo.get(1, k -> k);
        memo.get(2, k -> k);
        memo.get(1, k -> -1); // 1 is now the most recent
        memo.get(3, k -> k); // evicts 2
        assertEquals(2, memo.size());
        assertNull(memo.peek(2));
        assertEquals(1, memo.peek(1));
        assertThrows(IllegalArgumentException.class, () -> new Memo<>(0));
    }

    @Test
    void anUnboundedMemoKeepsEverythingInInsertionOrder() {
        Memo<Integer, Integer> memo = new Memo<>();
        for (int i = 100; i > 0; i--) {
            memo.get(i, k -> k * 2);
        }
        assertEquals(IntStream.iterate(100, i -> i > 0, i -> i - 1).boxed().toList(), List.copyOf(memo.snapshot().keySet()));
    }
}
