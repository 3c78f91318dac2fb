package org.losslab.problem.fit;

import java.util.Arrays;
import org.losslab.problem.Model;

/**
 * The minimum of a {@link Model}'s loss by damped Newton steps with a backtracking (Armijo) line search, for the
 * convex classification losses (bce, bce_logits with any pos_weight, focal, squared_hinge, softmax cross-entropy),
 * where it converges quadratically near the minimum, and for hinge, whose kinks leave only a zero Hessian, where
 * it falls back to steepest descent with the same line search and, where that stalls at a kink, to a direct search
 * along axes and seeded random directions (see {@link #directionSearch}); that ends near the minimum (within about
 * 1e-9 of the minimum loss, relatively, in the tests) but not exactly at it: an exact hinge minimum is a linear
 * program.
 *
 * <h2>One iteration at theta with gradient g and Hessian H</h2>
 * <pre>
 *   d = -(H + mu I)^-1 g     the first mu in 0, m, 100 m, 10^4 m, ... (m = 1e-10 (1 + max_k |H_kk|)) for which
 *                            H + mu I is positive definite (Cholesky), at most 6 tries; else d = -g
 *   t = 1 for Newton (for steepest descent: twice the last accepted step), halved until
 *       L(theta + t d) &lt;= L(theta) + 1e-4 t g.d                 (Armijo's sufficient decrease)
 *   theta &lt;- theta + t d
 * </pre>
 * Stops when |g| &lt; gradTolerance, when no step of any length lowers the loss (t below 1e-20, or the decrease
 * below rounding; then the direct search runs once, which at a smooth minimum finds nothing), or after
 * maxIterations. A minimum at infinity (separable data without a penalty: the loss
 * keeps falling as |w| grows) is not reached; the iterations stop with theta growing.
 */
public final class ModelFit {
    private ModelFit() {
    }

    /**
     * @param m             the model
     * @param start         the first theta (length n), not modified
     * @param maxIterations at most this many iterations
     * @param gradTolerance stop once |grad L| is below this
     * @return the last theta
     */
    public static double[] minimize(Model m, double[] start, int maxIterations, double gradTolerance) {
        int n = m.dimension();
        if (start.length != n) {
            throw new IllegalArgumentException("the start needs " + n + " numbers (got " + start.length + ")");
        }
        double[] theta = start.clone();
        double[] g = new double[n];
        double[] h = new double[n * n];
        double[] damped = new double[n * n];
        double[] l = new double[n * n];
        double[] scale = new double[n];
        double[] d = new double[n];
        double[] trial = new double[n];
        double[] negG = new double[n];
        double f = m.gradient(theta, g);
        double descentStep = 1.0;
        for (int it = 0; it < maxIterations; it++) {
            double gNorm = norm(g);
            if (!(gNorm >= gradTolerance)) {
                break;
            }
            boolean newton = m.hessian(theta, h) && newtonDirection(h, g, n, damped, l, scale, negG, d);
            if (!newton) {
                for (int k = 0; k < n; k++) {
                    d[k] = -g[k];
                }
            }
            double slope = dot(g, d, n);
            if (!(slope < 0)) {
                for (int k = 0; k < n; k++) {
                    d[k] = -g[k];
                }
                slope = -gNorm * gNorm;
                newton = false;
            }
            double t = newton ? 1.0 : descentStep;
            double ft = Double.NaN;
            boolean accepted = false;
            while (t > 1e-20) {
                for (int k = 0; k < n; k++) {
                    trial[k] = theta[k] + t * d[k];
                }
                ft = m.value(trial);
                if (ft <= f + 1e-4 * t * slope) {
                    accepted = true;
                    break;
                }
                t *= 0.5;
            }
            if (!accepted || !(ft < f)) {
                f = directionSearch(m, theta, f);
                break;
            }
            if (!newton) {
                descentStep = 2.0 * t;
            }
            System.arraycopy(trial, 0, theta, 0, n);
            f = m.gradient(theta, g);
        }
        return theta;
    }

    /**
     * Where steepest descent stalls at a kink (hinge): a search along the coordinate axes and seeded random unit
     * directions, accepting any lower loss and halving the step after a round without one, from
     * 0.01 (1 + max |theta|) down to 1e-9, at most 20,000 evaluations. Deterministic: the directions come from a
     * fixed seed.
     */
    private static double directionSearch(Model m, double[] theta, double f) {
        int n = theta.length;
        java.util.SplittableRandom random = new java.util.SplittableRandom(20170707L);
        double maxAbs = 0.0;
        for (double v : theta) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        double step = 0.01 * (1.0 + maxAbs);
        double[] dir = new double[n];
        double[] trial = new double[n];
        int evaluations = 0;
        while (step > 1e-9 && evaluations < 20_000) {
            boolean improved = false;
            for (int k = 0; k < 2 * n + 4 * n && evaluations < 20_000; k++) {
                if (k < 2 * n) {
                    Arrays.fill(dir, 0.0);
                    dir[k / 2] = k % 2 == 0 ? 1.0 : -1.0;
                } else {
                    double len = 0.0;
                    for (int i = 0; i < n; i++) {
                        dir[i] = random.nextDouble() * 2.0 - 1.0;
                        len += dir[i] * dir[i];
                    }
                    len = Math.sqrt(len);
                    for (int i = 0; i < n; i++) {
                        dir[i] /= len;
                    }
                }
                for (int i = 0; i < n; i++) {
                    trial[i] = theta[i] + step * dir[i];
                }
                double ft = m.value(trial);
                evaluations++;
                if (ft < f) {
                    f = ft;
                    System.arraycopy(trial, 0, theta, 0, n);
                    improved = true;
                }
            }
            if (!improved) {
                step *= 0.5;
            }
        }
        return f;
    }

    /** d = -(H + mu I)^-1 g for the first mu that makes H + mu I positive definite; false if none does. */
    private static boolean newtonDirection(double[] h, double[] g, int n, double[] damped, double[] l,
            double[] scale, double[] negG, double[] d) {
        double maxDiag = 0.0;
        for (int k = 0; k < n; k++) {
            maxDiag = Math.max(maxDiag, Math.abs(h[k * n + k]));
            negG[k] = -g[k];
        }
        double mu = 0.0;
        double step = 1e-10 * (1.0 + maxDiag);
        for (int attempt = 0; attempt < 7; attempt++) {
            System.arraycopy(h, 0, damped, 0, n * n);
            for (int k = 0; k < n; k++) {
                damped[k * n + k] += mu;
            }
            if (Dense.cholesky(damped, n, l, scale)) {
                Dense.choleskySolve(l, scale, n, negG, d);
                return allFinite(d);
            }
            mu = mu == 0.0 ? step : mu * 100.0;
        }
        return false;
    }

    private static boolean allFinite(double[] v) {
        return Arrays.stream(v).allMatch(Double::isFinite);
    }

    private static double dot(double[] a, double[] b, int n) {
        double s = 0.0;
        for (int k = 0; k < n; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    private static double norm(double[] v) {
        return Math.sqrt(dot(v, v, v.length));
    }
}
