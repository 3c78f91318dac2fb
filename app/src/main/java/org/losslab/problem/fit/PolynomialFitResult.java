package org.losslab.problem.fit;

import java.util.Arrays;
import java.util.Objects;

/**
 * The best polynomial y = c_0 + c_1 x + ... + c_N x^N for a loss.
 *
 * <p>{@link #coefficients()} are those of the original x, as printed and as a reader would plug in. For high
 * degrees on x far from 0 that monomial form loses digits to cancellation, so {@link #predict} evaluates the
 * well-conditioned form the solver worked in: a Chebyshev series sum_k a_k T_k(u) in u = (x - centre) / halfWidth,
 * which maps the data's x range onto [-1, 1]. {@link #loss()} is computed from that form.
 */
public final class PolynomialFitResult {
    private final double[] coefficients;
    private final double[] chebyshev;
    private final double centre;
    private final double halfWidth;
    private final double loss;
    private final int iterations;
    private final FitMethod method;
    private final Optimality optimality;
    private final String note;

    PolynomialFitResult(double[] coefficients, double[] chebyshev, double centre, double halfWidth, double loss,
                        int iterations, FitMethod method, Optimality optimality, String note) {
        this.coefficients = coefficients.clone();
        this.chebyshev = chebyshev.clone();
        this.centre = centre;
        this.halfWidth = halfWidth;
        this.loss = loss;
        this.iterations = iterations;
        this.method = Objects.requireNonNull(method);
        this.optimality = Objects.requireNonNull(optimality);
        this.note = note == null ? "" : note;
    }

    /** The degree N asked for (the length of {@link #coefficients()} minus 1). */
    public int degree() {
        return coefficients.length - 1;
    }

    /** c_0 .. c_N of the original x (a copy); c_k multiplies x^k. */
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** c_k. */
    public double coefficient(int k) {
        return coefficients[k];
    }

    /** The fitted value at x, from the Chebyshev form (Clenshaw's recurrence). */
    public double predict(double x) {
        double u = halfWidth > 0 ? (x - centre) / halfWidth : 0.0;
        return clenshaw(chebyshev, chebyshev.length, u);
    }

    /** The kernel's mean loss at the fit. */
    public double loss() {
        return loss;
    }

    /** Solver iterations (0 for a direct solve). */
    public int iterations() {
        return iterations;
    }

    public FitMethod method() {
        return method;
    }

    public Optimality optimality() {
        return optimality;
    }

    /** A sentence worth showing the user, or empty. */
    public String note() {
        return note;
    }

    /** sum_{k &lt; d} a_k T_k(u) by Clenshaw: b_k = a_k + 2 u b_{k+1} - b_{k+2}, result a_0 + u b_1 - b_2. */
    static double clenshaw(double[] a, int d, double u) {
        double b1 = 0.0;
        double b2 = 0.0;
        for (int k = d - 1; k >= 1; k--) {
            double t = 2.0 * u * b1 - b2 + a[k];
            b2 = b1;
            b1 = t;
        }
        return u * b1 - b2 + a[0];
    }

    @Override
    public String toString() {
        return "PolynomialFitResult" + Arrays.toString(coefficients) + " loss=" + loss + " (" + optimality.label()
                + ")";
    }
}
