package org.losslab.surface;

import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Splits {@code count} independent units of work (rows or columns of a grid) across the calling thread and up to
 * {@code parallelism - 1} helper tasks on an {@link Executor}.
 *
 * <h2>Scheme</h2>
 * Units are claimed in chunks from one shared counter ({@code from = next.getAndAdd(chunk)}), so a fast worker
 * simply takes more chunks: no static partition, no work lost to a slow core. The caller works too, which keeps
 * three properties:
 * <ul>
 *   <li>progress without the executor: a same-thread executor, a saturated or shut-down pool all still finish
 *       (the caller takes every chunk);</li>
 *   <li>no deadlock when called from inside the pool: before waiting, the caller withdraws every helper that
 *       has not started yet, so it waits only for helpers that are actually running;</li>
 *   <li>the results are visible to the caller on return (the latch gives the happens-before edge).</li>
 * </ul>
 * The {@link CancelToken} is read before each chunk is claimed: with a chunk of one row, a cancelled computation
 * stops within one row per worker. {@link #run} reports whether every unit was done.
 *
 * <p>Worker indices are 0 (the caller) to {@code parallelism - 1}; each index is used by one thread at a time
 * during a run, so a body may keep per-worker scratch buffers in an array indexed by it.
 *
 * <p>Instances are immutable and may be shared; several runs may proceed at once on the same executor.
 */
public final class Workers {
    /** The body of a run: do units {@code [from, to)} as worker {@code worker}. */
    @FunctionalInterface
    public interface Chunk {
        void run(int worker, int from, int to);
    }

    private static final Workers CALLER_ONLY = new Workers(null, 1);

    private final Executor executor;
    private final int parallelism;

    private Workers(Executor executor, int parallelism) {
        this.executor = executor;
        this.parallelism = parallelism;
    }

    /** Everything on the calling thread. */
    public static Workers callerOnly() {
        return CALLER_ONLY;
    }

    /**
     * The caller plus {@code parallelism - 1} tasks submitted to {@code executor} (an ExecutorService, a
     * ForkJoinPool or a same-thread executor).
     *
     * @param parallelism the number of threads that work at once, caller included (at least 1)
     */
    public static Workers of(Executor executor, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        return new Workers(Objects.requireNonNull(executor, "executor"), parallelism);
    }

    /**
     * The common ForkJoinPool plus the caller: {@code getCommonPoolParallelism() + 1} threads, which is every
     * core when the common pool has its default size (cores - 1).
     */
    public static Workers commonPool() {
        return new Workers(ForkJoinPool.commonPool(), ForkJoinPool.getCommonPoolParallelism() + 1);
    }

    /** The number of threads that may work at once, the caller included. */
    public int parallelism() {
        return parallelism;
    }

    /**
     * Does units {@code 0 .. count-1} in chunks of {@code chunk}, in parallel, and waits for them.
     *
     * @return true when every unit was done; false when the token was cancelled before the last chunk was
     *         claimed (then some units were not done and the output is partial)
     * @throws RuntimeException the first exception a chunk threw (after every running chunk has stopped)
     */
    public boolean run(int count, int chunk, CancelToken token, Chunk body) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be at least 1, got " + chunk);
        }
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(body, "body");
        if (count <= 0) {
            return !token.isCancelled();
        }
        int chunks = (count - 1) / chunk + 1;
        int helpers = executor == null ? 0 : Math.min(parallelism - 1, chunks - 1);
        Job job = new Job(count, chunk, token, body, helpers);
        for (int h = 1; h <= helpers; h++) {
            int worker = h;
            try {
                executor.execute(() -> job.help(worker));
            } catch (RejectedExecutionException e) {
                job.withdraw(worker);
            }
        }
        job.work(0);
        job.finish();
        return job.done.get() == count;
    }

    /** The shared state of one {@link #run}. */
    private static final class Job {
        private static final int PENDING = 0;
        private static final int STARTED = 1;
        private static final int WITHDRAWN = 2;

        final int count;
        final int chunk;
        final CancelToken token;
        final Chunk body;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicIntegerArray state;
        final CountDownLatch helpersDone;
        volatile boolean abort;

        Job(int count, int chunk, CancelToken token, Chunk body, int helpers) {
            this.count = count;
            this.chunk = chunk;
            this.token = token;
            this.body = body;
            this.state = new AtomicIntegerArray(helpers + 1);
            this.helpersDone = new CountDownLatch(helpers);
        }

        /** A helper task: works unless the caller already withdrew it. */
        void help(int worker) {
            if (!state.compareAndSet(worker, PENDING, STARTED)) {
                return;
            }
            try {
                work(worker);
            } finally {
                helpersDone.countDown();
            }
        }

        /** Marks a helper that will never run (rejected, or not started when the caller finished). */
        void withdraw(int worker) {
            if (state.compareAndSet(worker, PENDING, WITHDRAWN)) {
                helpersDone.countDown();
            }
        }

        void work(int worker) {
            try {
                while (!abort && !token.isCancelled()) {
                    int from = next.getAndAdd(chunk);
                    if (from >= count) {
                        return;
                    }
                    int to = Math.min(count, from + chunk);
                    body.run(worker, from, to);
                    done.addAndGet(to - from);
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
                abort = true;
            }
        }

        /** Withdraws helpers that never started, waits for the running ones, rethrows a failure. */
        void finish() {
            for (int h = 1; h < state.length(); h++) {
                withdraw(h);
            }
            boolean interrupted = false;
            while (true) {
                try {
                    helpersDone.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    abort = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable t = failure.get();
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            }
            if (t instanceof Error) {
                throw (Error) t;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }
}
