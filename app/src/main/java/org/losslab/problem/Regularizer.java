package org.losslab.problem;

import org.losslab.kernel.Loss;
import org.losslab.kernel.Numerics;

/**
 * An optional penalty on the parameters of a data problem, added to its loss (and so drawn into its surface):
 * <pre>
 *   R(theta) = l1 (|theta1| + |theta2|) + l2 (theta1^2 + theta2^2)
 *   dR/dtheta_i  = l1 sign(theta_i) + 2 l2 theta_i          with sign(0) = 0 (the kinks convention)
 *   d2R/dtheta_i^2 = 2 l2,  d2R/dtheta1 dtheta2 = 0          (the L1 kink's Dirac term is left out)
 * </pre>
 * Both parameters are penalised, the bias b included, as the issue writes the penalty on |theta|. (Libraries
 * differ here: scikit-learn leaves the intercept out; weight decay in PyTorch applies to every parameter it is
 * given.) l1 &gt; 0 makes the loss non-quadratic even for mse.
 *
 * @param l1 weight of the L1 norm, lambda |theta|_1; 0 for none
 * @param l2 weight of the squared L2 norm, lambda |theta|_2^2; 0 for none
 */
public record Regularizer(double l1, double l2) {
    /** No penalty. */
    public static final Regularizer NONE = new Regularizer(0.0, 0.0);

    public Regularizer {
        if (!(l1 >= 0) || !Double.isFinite(l1)) {
            throw new IllegalArgumentException("the L1 weight must be a finite number >= 0 (got " + l1 + ")");
        }
        if (!(l2 >= 0) || !Double.isFinite(l2)) {
            throw new IllegalArgumentException("the L2 weight must be a finite number >= 0 (got " + l2 + ")");
        }
    }

    /** lambda |theta|_1. */
    public static Regularizer l1(double lambda) {
        return new Regularizer(lambda, 0.0);
    }

    /** lambda |theta|_2^2. */
    public static Regularizer l2(double lambda) {
        return new Regularizer(0.0, lambda);
    }

    /** Whether there is no penalty at all. */
    public boolean isNone() {
        return l1 == 0.0 && l2 == 0.0;
    }

    /** R(theta). */
    public double value(double theta1, double theta2) {
        return l1 * (Math.abs(theta1) + Math.abs(theta2)) + l2 * (theta1 * theta1 + theta2 * theta2);
    }

    /** Adds dR/dtheta to {@code gradient[0..1]}. */
    public void addGradient(double theta1, double theta2, double[] gradient) {
        gradient[0] += l1 * Numerics.sign(theta1) + 2.0 * l2 * theta1;
        gradient[1] += l1 * Numerics.sign(theta2) + 2.0 * l2 * theta2;
    }

    /** Adds the Hessian of R, diag(2 l2, 2 l2), to {@code hessian = {h11, h12, h22}}. */
    public void addHessian(double[] hessian) {
        hessian[0] += 2.0 * l2;
        hessian[2] += 2.0 * l2;
    }

    /** R(theta) over the first {@code n} parameters: l1 sum |theta_k| + l2 sum theta_k^2. */
    public double value(double[] theta, int n) {
        double a = 0.0;
        double q = 0.0;
        for (int k = 0; k < n; k++) {
            a += Math.abs(theta[k]);
            q += theta[k] * theta[k];
        }
        return l1 * a + l2 * q;
    }

    /** Adds dR/dtheta_k = l1 sign(theta_k) + 2 l2 theta_k to {@code gradient[k]}, k &lt; n. */
    public void addGradient(double[] theta, double[] gradient, int n) {
        for (int k = 0; k < n; k++) {
            gradient[k] += l1 * Numerics.sign(theta[k]) + 2.0 * l2 * theta[k];
        }
    }

    /** Adds 2 l2 to the diagonal of the row-major n-by-n Hessian {@code h}. */
    public void addHessian(double[] h, int n) {
        for (int k = 0; k < n; k++) {
            h[k * n + k] += 2.0 * l2;
        }
    }

    /** For display names: empty, " + 0.1·|θ|₁", " + 0.01·|θ|₂²" or both. */
    public String suffix() {
        StringBuilder sb = new StringBuilder();
        if (l1 > 0) {
            sb.append(" + ").append(Loss.formatParam(l1)).append("·|θ|₁");
        }
        if (l2 > 0) {
            sb.append(" + ").append(Loss.formatParam(l2)).append("·|θ|₂²");
        }
        return sb.toString();
    }
}
