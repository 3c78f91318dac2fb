package org.losslab.surface;

/**
 * A regularization term added to a loss surface, over both parameters theta = (w, b):
 * <pre>
 *   R(w, b) = l1 (|w| + |b|) + l2 (w^2 + b^2)          = l1 |theta|_1 + l2 |theta|_2^2
 * </pre>
 * usually one of the two ({@link #of(Kind, double)}: lambda |theta|_1 or lambda |theta|_2^2), both for an
 * elastic net. The bias is penalised too, as {@code org.losslab.problem.Regularizer} does. The term is
 * separable, {@code R = f(w) + f(b)} with {@code f(t) = l1 |t| + l2 t^2}, which is how the grid paths add it:
 * f(w) once per column, f(b) once per row.
 *
 * @param l1 weight of the L1 norm, finite and {@code >= 0}
 * @param l2 weight of the squared L2 norm, finite and {@code >= 0}
 */
public record Penalty(double l1, double l2) {
    /** No regularization. */
    public static final Penalty NONE = new Penalty(0.0, 0.0);

    /** Which norm a single-norm penalty uses. */
    public enum Kind { NONE, L1, L2 }

    public Penalty {
        check(l1, "L1");
        check(l2, "L2");
    }

    /** lambda |theta|_1 for L1, lambda |theta|_2^2 for L2, nothing for NONE. */
    public static Penalty of(Kind kind, double lambda) {
        switch (kind) {
            case L1:
                return new Penalty(lambda, 0.0);
            case L2:
                return new Penalty(0.0, lambda);
            default:
                return NONE;
        }
    }

    /** lambda |theta|_1. */
    public static Penalty l1(double lambda) {
        return new Penalty(lambda, 0.0);
    }

    /** lambda |theta|_2^2. */
    public static Penalty l2(double lambda) {
        return new Penalty(0.0, lambda);
    }

    /** Whether the term is zero everywhere. */
    public boolean isZero() {
        return l1 == 0.0 && l2 == 0.0;
    }

    /** f(t) = l1 |t| + l2 t^2, the term of one parameter. */
    public double term(double t) {
        return l1 * Math.abs(t) + l2 * t * t;
    }

    /** R(w, b) = f(w) + f(b). */
    public double value(double w, double b) {
        return term(w) + term(b);
    }

    private static void check(double lambda, String name) {
        if (!(lambda >= 0.0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("the " + name + " weight must be finite and >= 0, got " + lambda);
        }
    }
}
