package org.losslab.surface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkersTest {
    private static void coversEveryUnitOnce(Workers workers, int count, int chunk) {
        AtomicIntegerArray hits = new AtomicIntegerArray(count);
        assertTrue(workers.run(count, chunk, CancelToken.NONE, (w, from, to) -> {
            assertTrue(w >= 0 && w < workers.parallelism());
            for (int k = from; k < to; k++) {
                hits.incrementAndGet(k);
            }
        }));
        for (int k = 0; k < count; k++) {
            assertEquals(1, hits.get(k), "unit " + k);
        }
    }

    @Test
    void everyUnitIsDoneOnceWhateverTheExecutor() {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            coversEveryUnitOnce(Workers.of(pool, 4), 1000, 7);
            coversEveryUnitOnce(Workers.of(Runnable::run, 3), 100, 1);
            coversEveryUnitOnce(Workers.callerOnly(), 10, 3);
            coversEveryUnitOnce(Workers.commonPool(), 257, 8);
            coversEveryUnitOnce(Workers.of(new ForkJoinPool(2), 2), 64, 1);
            Executor rejecting = r -> {
                throw new RejectedExecutionException("full");
            };
            coversEveryUnitOnce(Workers.of(rejecting, 4), 50, 2);
            // an executor that never runs what it is given: the caller does everything and does not wait for it
            coversEveryUnitOnce(Workers.of(r -> { }, 4), 50, 2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailureInAChunkIsRethrownToTheCaller() {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Workers.of(pool, 3).run(100, 1, CancelToken.NONE, (w, from, to) -> {
                        if (from == 42) {
                            throw new IllegalStateException("boom");
                        }
                    }));
            assertEquals("boom", e.getMessage());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void nothingToDoIsComplete() {
        assertTrue(Workers.callerOnly().run(0, 1, CancelToken.NONE, (w, f, t) -> { }));
        CancelToken none = CancelToken.NONE;
        none.cancel();
        assertTrue(!none.isCancelled(), "NONE cannot be cancelled");
    }
}
