package org.losslab.optim;

/** Where a {@link Run} stands. */
public enum RunStatus {
    /** Still stepping: no stop condition has been met. */
    RUNNING,
    /** Stopped because the gradient norm fell below the tolerance. */
    CONVERGED,
    /** Stopped because theta or the loss blew up (not finite, or beyond the run's bounds). */
    DIVERGED
}
