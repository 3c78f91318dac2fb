package org.losslab.surface;

/**
 * A flag that asks a running computation to stop.
 *
 * <p>Grid computations check it before each unit of work (a row or a column of the grid), so a cancelled
 * computation stops within one row per worker and reports that it did not finish. Cancelling is one volatile
 * write; checking is one volatile read. A token never resets: a new request takes a new token.
 *
 * <p>{@link Latest} hands out one token per request and cancels the previous one, which is how a newer request (a
 * drag that moved on, a changed loss) drops an older one that is still computing.
 */
public final class CancelToken {
    /** A token that is never cancelled; {@link #cancel()} on it does nothing. */
    public static final CancelToken NONE = new CancelToken(false);

    private final boolean cancellable;
    private volatile boolean cancelled;

    private CancelToken(boolean cancellable) {
        this.cancellable = cancellable;
    }

    /** A fresh token, not cancelled. */
    public static CancelToken create() {
        return new CancelToken(true);
    }

    /** Asks the computations holding this token to stop. Idempotent and thread-safe. */
    public void cancel() {
        if (cancellable) {
            cancelled = true;
        }
    }

    /** Whether {@link #cancel()} has been called. */
    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * One token per request, the previous one cancelled when the next is taken: only the latest request runs to
     * the end. Thread-safe.
     */
    public static final class Latest {
        private CancelToken current;

        /** Cancels the token of the previous request (if any) and returns a fresh one for a new request. */
        public synchronized CancelToken next() {
            if (current != null) {
                current.cancel();
            }
            current = create();
            return current;
        }

        /** Cancels the current request, if any, without starting a new one (for shutdown). */
        public synchronized void cancel() {
            if (current != null) {
                current.cancel();
            }
        }

        /** Whether {@code token} is still the latest one handed out (its result is wanted). */
        public synchronized boolean isLatest(CancelToken token) {
            return token == current && !token.isCancelled();
        }
    }
}
