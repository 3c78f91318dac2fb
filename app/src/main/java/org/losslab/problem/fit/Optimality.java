package org.losslab.problem.fit;

/**
 * What a fit guarantees about the parameters it returns.
 *
 * <p>For a convex objective every local minimum is global, and a solver that reaches a point where no direction
 * descends has the global optimum; whether that optimum is the only one is a separate question (MAE through an
 * even number of points, all x equal, a Huber fit with every residual in the linear zone may have a whole segment
 * of optima, all with the same loss).
 */
public enum Optimality {
    /** The global minimum, and no other parameters reach it. */
    UNIQUE_GLOBAL("global optimum, unique"),
    /** A global minimum; other parameters reach the same loss (the returned ones are one of them). */
    GLOBAL_NOT_UNIQUE("global optimum, not unique"),
    /** A global minimum; whether it is unique was not established. */
    GLOBAL("global optimum"),
    /** A point where no direction descends (a local minimum) of an objective that may not be convex. */
    LOCAL("local optimum"),
    /** Close to the optimum, but not certified (a solver for a loss it has no exact method for). */
    APPROXIMATE("approximate optimum");

    private final String label;

    Optimality(String label) {
        this.label = label;
    }

    /** Short human text, for example "global optimum, unique". */
    public String label() {
        return label;
    }

    /** Whether the returned point is a global minimum. */
    public boolean isGlobal() {
        return this == UNIQUE_GLOBAL || this == GLOBAL_NOT_UNIQUE || this == GLOBAL;
    }
}
