package org.losslab.optim;

import org.losslab.problem.Problem;

/**
 * Curvature and the learning rates it allows. For a quadratic f(theta) = 1/2 theta^T H theta + ... with H
 * symmetric positive definite and eigenvalues mu_min = lambda_min, L = lambda_max, gradient descent multiplies
 * the error along each eigenvector by (1 - lr lambda) per step, so:
 * <pre>
 *   stable            iff  lr &lt; 2 / L                                  (|1 - lr L| &lt; 1)
 *   fastest constant  lr* = 2 / (lambda_min + L),  rate (kappa - 1)/(kappa + 1),  kappa = L / lambda_min
 *   heavy ball (torch momentum mu, dampening tau):  stable iff lr &lt; 2 (1 + mu) / ((1 - tau) L)
 *   torch Nesterov (mu):                             stable iff lr &lt; 2 (1 + mu) / ((1 + 2 mu) L)
 *   Polyak's optimal heavy ball:  lr = 4 / (sqrt(L) + sqrt(lambda_min))^2,
 *                                 mu = ((sqrt(kappa) - 1) / (sqrt(kappa) + 1))^2
 * </pre>
 * The momentum limits come from the 2x2 iteration on (theta, lr b) per eigenvalue, with h = lr lambda: for heavy
 * ball the matrix [[1 - h, -mu], [h, mu]] (trace 1 + mu - h, determinant mu); for torch's Nesterov
 * [[1 - h(1 + mu), -mu^2], [h, mu]] (trace 1 + mu - h(1 + mu), determinant mu(1 - h)). A real 2x2 iteration is
 * stable iff |det| &lt; 1 and |trace| &lt; 1 + det; the binding condition is trace &gt; -(1 + det), which gives
 * the limits above (dampening scales h by 1 - tau after the first step).
 */
public final class Curvature {
    private Curvature() {
    }

    /**
     * The larger eigenvalue of the symmetric matrix [[a, b], [b, c]]: (a + c)/2 + hypot((a - c)/2, b).
     */
    public static double lambdaMax(double a, double b, double c) {
        return 0.5 * (a + c) + Math.hypot(0.5 * (a - c), b);
    }

    /**
     * The smaller eigenvalue of [[a, b], [b, c]]: (a + c)/2 - hypot((a - c)/2, b), computed as
     * (ac - b^2) / lambda_max when the subtraction would cancel.
     */
    public static double lambdaMin(double a, double b, double c) {
        double m = 0.5 * (a + c);
        double r = Math.hypot(0.5 * (a - c), b);
        if (m > 0 && m + r != 0.0) {
            return (a * c - b * b) / (m + r);
        }
        return m - r;
    }

    /** {lambda_min, lambda_max} of the Hessian {h11, h12, h22}. */
    public static double[] eigenvalues(double[] hessian) {
        return new double[] {lambdaMin(hessian[0], hessian[1], hessian[2]),
                lambdaMax(hessian[0], hessian[1], hessian[2])};
    }

    /**
     * {lambda_min, lambda_max} of a problem's Hessian at a point, or null when it has none there (or it is not
     * finite). For a quadratic problem any point gives the same answer.
     */
    public static double[] eigenvaluesAt(Problem problem, double theta1, double theta2) {
        double[] h = new double[3];
        if (!problem.hessian(theta1, theta2, h)
                || !Double.isFinite(h[0]) || !Double.isFinite(h[1]) || !Double.isFinite(h[2])) {
            return null;
        }
        return eigenvalues(h);
    }

    /** The local L = lambda_max of the Hessian at a point; NaN when there is none. */
    public static double localLambdaMax(Problem problem, double theta1, double theta2) {
        double[] e = eigenvaluesAt(problem, theta1, theta2);
        return e == null ? Double.NaN : e[1];
    }

    /** For a quadratic problem, {lambda_min, lambda_max} of its constant Hessian. */
    public static double[] quadraticEigenvalues(Problem problem) {
        if (!problem.isQuadratic()) {
            throw new IllegalArgumentException(problem.id() + " is not quadratic: its curvature changes from point"
                    + " to point; use eigenvaluesAt");
        }
        return eigenvaluesAt(problem, 0.0, 0.0);
    }

    /** 2 / L, the largest stable learning rate of gradient descent; +inf when L &lt;= 0. */
    public static double stabilityLimit(double lambdaMax) {
        return lambdaMax > 0 ? 2.0 / lambdaMax : Double.POSITIVE_INFINITY;
    }

    /** 2 / (lambda_min + lambda_max), the constant rate that contracts fastest. */
    public static double bestConstantRate(double lambdaMin, double lambdaMax) {
        return 2.0 / (lambdaMin + lambdaMax);
    }

    /** The contraction factor per step at the best constant rate: (kappa - 1)/(kappa + 1). */
    public static double bestConstantFactor(double lambdaMin, double lambdaMax) {
        return (lambdaMax - lambdaMin) / (lambdaMax + lambdaMin);
    }

    /** 2 (1 + mu) / L, the stability limit of heavy-ball momentum (torch's momentum, dampening 0). */
    public static double momentumLimit(double lambdaMax, double mu) {
        return lambdaMax > 0 ? 2.0 * (1.0 + mu) / lambdaMax : Double.POSITIVE_INFINITY;
    }

    /** 2 (1 + mu) / ((1 + 2 mu) L), the stability limit of torch's Nesterov momentum. */
    public static double nesterovLimit(double lambdaMax, double mu) {
        return lambdaMax > 0 ? 2.0 * (1.0 + mu) / ((1.0 + 2.0 * mu) * lambdaMax) : Double.POSITIVE_INFINITY;
    }

    /** Polyak's optimal heavy-ball pair {lr, mu} for curvatures in [lambda_min, lambda_max], lambda_min &gt; 0. */
    public static double[] optimalHeavyBall(double lambdaMin, double lambdaMax) {
        double sL = Math.sqrt(lambdaMax);
        double sm = Math.sqrt(lambdaMin);
        double lr = 4.0 / ((sL + sm) * (sL + sm));
        double q = (sL - sm) / (sL + sm);
        return new double[] {lr, q * q};
    }

    /**
     * The stability limit of a gradient-descent optimizer (sgd, momentum, nesterov) at curvature L, from its
     * hyper-parameters; NaN for the adaptive ones (adagrad, rmsprop, adam), whose step is not lr times the
     * gradient. Weight decay wd adds wd to every curvature, so L becomes L + wd.
     */
    public static double limitFor(OptimizerSpec spec, double lambdaMax) {
        double l = lambdaMax + spec.get("weight_decay");
        switch (spec.kind()) {
            case SGD:
                return stabilityLimit(l);
            case MOMENTUM: {
                double tau = spec.get("dampening");
                return tau >= 1.0 ? Double.POSITIVE_INFINITY : momentumLimit(l, spec.get("momentum")) / (1.0 - tau);
            }
            case NESTEROV:
                return nesterovLimit(l, spec.get("momentum"));
            default:
                return Double.NaN;
        }
    }

    /** How {@link #limitFor} is written for messages: "2/L", "2(1+μ)/L", "2(1+μ)/((1+2μ)L)". */
    static String limitFormula(OptimizerSpec spec) {
        switch (spec.kind()) {
            case MOMENTUM:
                return spec.get("dampening") == 0.0 ? "2(1+μ)/L" : "2(1+μ)/((1−τ)L)";
            case NESTEROV:
                return "2(1+μ)/((1+2μ)L)";
            default:
                return "2/L";
        }
    }
}
