package org.losslab.problem.fit;

import java.util.Arrays;
import java.util.Objects;
import org.losslab.kernel.ElementwiseLoss;

/**
 * The best polynomial of degree N = 1..9 for a regression loss, for the overfitting lesson:
 * <pre>
 *   minimise  (1/n) sum_i l(p(x_i), y_i),    p(x) = c_0 + c_1 x + ... + c_N x^N.
 * </pre>
 *
 * <h2>Conditioning</h2>
 * The solvers never build x^k: x is mapped onto [-1, 1] by u = (x - centre) / halfWidth (centre and half-width of
 * the data's range) and the design matrix holds Chebyshev polynomials T_k(u) (T_0 = 1, T_1 = u,
 * T_{k+1} = 2 u T_k - T_{k-1}), whose columns are far from collinear (the monomial Vandermonde matrix of degree 9
 * has a condition number in the millions on [0, 10]). The solution a_0..a_N in that basis is converted to the
 * coefficients of x: first to powers of u through the Chebyshev recurrence, then u = alpha x + beta
 * (alpha = 1 / halfWidth, beta = -centre / halfWidth) is substituted by Horner's rule on coefficient arrays,
 * q &lt;- q (beta + alpha x) + m_k.
 *
 * <h2>Method per loss</h2>
 * <ul>
 *   <li>degree 1: {@link LineFitter} (exact for every loss it supports).</li>
 *   <li>mse: least squares by Householder QR of the n x (N+1) Chebyshev design matrix.</li>
 *   <li>mae, quantile, smooth_l1 with beta = 0: the linear program by {@link VertexDescent} in N+1 dimensions,
 *       started from the least-squares polynomial improved by 8 IRLS steps (weights P/|r| or N/|r|). Exact and certified at a non-degenerate optimum (exactly N+1
 *       points on the curve); at a degenerate one (more points exactly on it) the result is the best vertex the
 *       descent found and is reported as approximate.</li>
 *   <li>smooth kernels: damped Newton in N+1 dimensions (Cholesky of the Hessian sum_i l''(r_i) t_i t_i^T / n,
 *       IRLS weights l'(r)/r where it is not positive definite, Armijo backtracking), until every gradient
 *       component has cancelled to 12 digits. Non-convex Barron (alpha &lt; 1) as for lines: the better of runs
 *       from the least-squares and least-absolute-deviations fits, a local optimum.</li>
 * </ul>
 * With k distinct x values and N &gt;= k, a polynomial of degree k - 1 already goes through every x: the fit is made
 * at that degree, the higher coefficients are 0, and the optimum is reported as not unique.
 *
 * <p>No penalty term is supported here (a penalty on the coefficients of x^k depends on the units of x).
 */
public final class PolynomialFit {
    /** The highest degree. */
    public static final int MAX_DEGREE = 9;

    private static final double GRADIENT_TOLERANCE = 1e-12;
    private static final int MAX_NEWTON = 200;

    private final double[] x;
    private final double[] y;
    private final int n;
    private final ElementwiseLoss loss;
    private final int d;
    private final double centre;
    private final double halfWidth;
    private final double[] design;

    private PolynomialFit(double[] x, double[] y, ElementwiseLoss loss, int d, double centre, double halfWidth) {
        this.x = x;
        this.y = y;
        this.n = x.length;
        this.loss = loss;
        this.d = d;
        this.centre = centre;
        this.halfWidth = halfWidth;
        this.design = new double[n * d];
        for (int i = 0; i < n; i++) {
            double u = (x[i] - centre) / halfWidth;
            design[i * d] = 1.0;
            if (d > 1) {
                design[i * d + 1] = u;
            }
            for (int k = 2; k < d; k++) {
                design[i * d + k] = 2.0 * u * design[i * d + k - 1] - design[i * d + k - 2];
            }
        }
    }

    /**
     * The best polynomial of the given degree.
     *
     * @param x      inputs, finite, at least one
     * @param y      targets, finite, as many as x
     * @param loss   a regression kernel
     * @param degree 1 to {@link #MAX_DEGREE}
     * @throws IllegalArgumentException for a degree out of range, bad data or a non-regression loss
     */
    public static PolynomialFitResult fit(double[] x, double[] y, ElementwiseLoss loss, int degree) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(loss, "loss");
        if (degree < 1 || degree > MAX_DEGREE) {
            throw new IllegalArgumentException("the degree must be between 1 and " + MAX_DEGREE + " (got " + degree
                    + ")");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("there are " + x.length + " x values but " + y.length + " y values");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("a polynomial fit needs at least one point");
        }
        if (!loss.definition().family().isRegression()) {
            throw new IllegalArgumentException("a polynomial fit needs a regression loss, but " + loss.id() + " is "
                    + loss.definition().family().label());
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("point " + i + " (" + x[i] + ", " + y[i] + ") is not finite");
            }
        }
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        int distinct = 1;
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] != sorted[i - 1]) {
                distinct++;
            }
        }
        int effective = Math.min(degree, distinct - 1);
        String reduced = effective < degree
                ? "only " + distinct + " distinct x value" + (distinct == 1 ? "" : "s") + ": a polynomial of degree "
                + effective + " already passes through every x, so the coefficients above it are 0 and the"
                + " optimum is not unique"
                : "";
        if (effective <= 1) {
            FitResult line = new LineFitter().fit(x, y, loss);
            double[] c = new double[degree + 1];
            c[0] = line.b();
            c[1] = line.w();
            double lo = sorted[0];
            double hi = sorted[sorted.length - 1];
            double centre = 0.5 * (lo + hi);
            double half = 0.5 * (hi - lo);
            // the same line as a Chebyshev series in u: w x + b = (b + w centre) T_0 + (w half) T_1
            double[] cheb = {line.b() + line.w() * centre, line.w() * half};
            Optimality opt = line.optimality();
            String note = line.note();
            if (!reduced.isEmpty()) {
                if (opt == Optimality.UNIQUE_GLOBAL || opt == Optimality.GLOBAL) {
                    opt = Optimality.GLOBAL_NOT_UNIQUE;
                }
                note = note.isEmpty() || effective == 0 ? reduced : reduced + "; " + note;
            }
            return new PolynomialFitResult(c, half > 0 ? cheb : new double[] {line.predict(lo), 0.0}, centre,
                    half, line.loss(), line.iterations(), line.method(), opt, note);
        }
        double lo = sorted[0];
        double hi = sorted[sorted.length - 1];
        PolynomialFit problem = new PolynomialFit(x, y, loss, effective + 1, 0.5 * (lo + hi), 0.5 * (hi - lo));
        PolynomialFitResult r = problem.solve(degree);
        if (reduced.isEmpty()) {
            return r;
        }
        Optimality opt = r.optimality();
        if (opt == Optimality.UNIQUE_GLOBAL || opt == Optimality.GLOBAL) {
            opt = Optimality.GLOBAL_NOT_UNIQUE;
        }
        String note = r.note().isEmpty() ? reduced : reduced + "; " + r.note();
        return new PolynomialFitResult(r.coefficients(), problem.lastChebyshev, problem.centre, problem.halfWidth,
                r.loss(), r.iterations(), r.method(), opt, note);
    }

    private double[] lastChebyshev;

    private PolynomialFitResult solve(int degree) {
        double[] ls = leastSquares();
        double[] a;
        int iterations = 0;
        FitMethod method;
        Optimality opt;
        String note = "";
        double[] slopes = LossTraits.kinkSlopes(loss);
        if (LossTraits.isMse(loss)) {
            a = ls;
            method = FitMethod.LEAST_SQUARES_QR;
            opt = Optimality.UNIQUE_GLOBAL;
        } else if (slopes != null) {
            VertexDescent lp = new VertexDescent();
            a = vertex(lp, slopes, irls(slopes, ls, 8));
            iterations = lp.iterations();
            method = FitMethod.VERTEX_DESCENT;
            if (!lp.certified()) {
                opt = Optimality.APPROXIMATE;
                note = lp.problem();
            } else if (!lp.uniquenessKnown()) {
                opt = Optimality.GLOBAL;
            } else if (lp.unique()) {
                opt = Optimality.UNIQUE_GLOBAL;
            } else {
                opt = Optimality.GLOBAL_NOT_UNIQUE;
                note = "the optimum is not unique: other polynomials reach the same loss";
            }
        } else {
            method = FitMethod.NEWTON;
            boolean convex = LossTraits.isConvex(loss);
            Newton best = newton(ls);
            if (!convex && loss.hasCurvature()) {
                double[] l1 = vertex(new VertexDescent(), new double[] {1.0, 1.0}, ls);
                Newton other = newton(l1);
                if (other.objective < best.objective) {
                    other.iterations += best.iterations;
                    best = other;
                } else {
                    best.iterations += other.iterations;
                }
            }
            a = best.a;
            iterations = best.iterations;
            if (!loss.hasCurvature()) {
                opt = Optimality.APPROXIMATE;
                note = loss.id() + " is piecewise linear with no exact solver here: IRLS gives an approximate optimum";
            } else if (!convex) {
                opt = Optimality.LOCAL;
                note = loss.spec() + " is not convex: this is a local optimum (the best of Newton runs from the"
                        + " least-squares and least-absolute-deviations fits), not certainly the global one";
            } else if (LossTraits.isStrictlyConvex(loss) || best.hessianPositive) {
                opt = Optimality.UNIQUE_GLOBAL;
            } else {
                opt = Optimality.GLOBAL;
            }
            if (!best.converged && loss.hasCurvature()) {
                opt = Optimality.APPROXIMATE;
                String more = "the solver stopped before the gradient vanished to 12 digits";
                note = note.isEmpty() ? more : note + "; " + more;
            }
        }
        lastChebyshev = a;
        double mean = 0.0;
        for (int i = 0; i < n; i++) {
            mean += loss.value(PolynomialFitResult.clenshaw(a, d, (x[i] - centre) / halfWidth), y[i]);
        }
        mean /= n;
        double[] c = Arrays.copyOf(toPowersOfX(a), degree + 1);
        return new PolynomialFitResult(c, a, centre, halfWidth, mean, iterations, method, opt, note);
    }

    /** Least squares in the Chebyshev basis by Householder QR. */
    private double[] leastSquares() {
        double[] a = design.clone();
        double[] rhs = y.clone();
        double[] out = new double[d];
        if (!Dense.leastSquares(a, n, d, rhs, out)) {
            // cannot happen with d <= the number of distinct x; keep a safe answer
            throw new IllegalStateException("the design matrix is rank deficient");
        }
        return out;
    }

    /**
     * A few iteratively reweighted least-squares steps towards the hinge-loss optimum, as a start for the vertex
     * descent (which then needs far fewer steps): weights P / |r_i| or N / |r_i| (by the sign of r_i), |r_i| floored
     * at 1e-6 of the mean |r|, since P r^+ + N r^- = w_i r_i^2 at the current residuals.
     */
    private double[] irls(double[] slopes, double[] start, int steps) {
        double[] a = start.clone();
        double[] m = new double[d * d];
        double[] rhs = new double[d];
        double[] fac = new double[d * d];
        double[] scale = new double[d];
        double[] next = new double[d];
        for (int step = 0; step < steps; step++) {
            double meanAbs = 0.0;
            for (int i = 0; i < n; i++) {
                meanAbs += Math.abs(residual(a, i));
            }
            meanAbs /= n;
            if (!(meanAbs > 0)) {
                break;
            }
            double floor = 1e-6 * meanAbs;
            Arrays.fill(m, 0.0);
            Arrays.fill(rhs, 0.0);
            for (int i = 0; i < n; i++) {
                double r = residual(a, i);
                double wt = (r > 0 ? slopes[0] : slopes[1]) / Math.max(Math.abs(r), floor);
                if (wt == 0.0) {
                    wt = 1e-6 / Math.max(Math.abs(r), floor);
                }
                int row = i * d;
                for (int k = 0; k < d; k++) {
                    double tk = wt * design[row + k];
                    rhs[k] += tk * y[i];
                    for (int j = 0; j <= k; j++) {
                        m[k * d + j] += tk * design[row + j];
                    }
                }
            }
            if (!Dense.cholesky(m, d, fac, scale)) {
                break;
            }
            Dense.choleskySolve(fac, scale, d, rhs, next);
            System.arraycopy(next, 0, a, 0, d);
        }
        return a;
    }

    private double residual(double[] a, int i) {
        int row = i * d;
        double p = 0.0;
        for (int k = 0; k < d; k++) {
            p += design[row + k] * a[k];
        }
        return p - y[i];
    }

    private double[] vertex(VertexDescent lp, double[] slopes, double[] startCoefficients) {
        lp.reset(n, d);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                lp.row(i, k, design[i * d + k]);
            }
            lp.target(i, y[i]);
            lp.slopes(i, slopes[0], slopes[1]);
        }
        if (!lp.solve(startCoefficients)) {
            throw new IllegalStateException("no vertex: the design does not have full rank");
        }
        double[] a = new double[d];
        for (int k = 0; k < d; k++) {
            a[k] = lp.theta(k);
        }
        return a;
    }

    /** The end point of a Newton run. */
    private static final class Newton {
        double[] a;
        double objective;
        int iterations;
        boolean converged;
        boolean hessianPositive;
    }

    /**
     * Damped Newton on L(a) = (1/n) sum_i l(t_i . a, y_i), t_i the Chebyshev row of point i: gradient
     * g = sum_i l'(r_i) t_i / n, Hessian H = sum_i l''(r_i) t_i t_i^T / n (IRLS weights l'(r_i) / r_i instead when
     * H is not positive definite, plain gradient steps when neither is), Armijo backtracking, stop when
     * |g_k| &lt;= 1e-12 sum_i |l'(r_i)| |t_ik| / n for every k.
     */
    private Newton newton(double[] start) {
        double[] a = start.clone();
        double[] g = new double[d];
        double[] gAbs = new double[d];
        double[] floor = new double[d];
        double[] h = new double[d * d];
        double[] fac = new double[d * d];
        double[] scale = new double[d];
        double[] step = new double[d];
        double[] trial = new double[d];
        double f = meanLoss(a);
        boolean converged = false;
        boolean hessianPositive = false;
        int it = 0;
        for (; it < MAX_NEWTON; it++) {
            Arrays.fill(g, 0.0);
            Arrays.fill(gAbs, 0.0);
            Arrays.fill(floor, 0.0);
            Arrays.fill(h, 0.0);
            for (int i = 0; i < n; i++) {
                int row = i * d;
                double p = 0.0;
                double size = Math.abs(y[i]);
                for (int k = 0; k < d; k++) {
                    double term = design[row + k] * a[k];
                    p += term;
                    size += Math.abs(term);
                }
                double g1 = loss.d1(p, y[i]);
                double h2 = loss.d2(p, y[i]);
                double ag = Math.abs(g1);
                // what rounding alone leaves in l'(r_i): |l''| 4 eps times the size of the terms of r_i
                double fl = Math.abs(h2) * 9e-16 * size;
                for (int k = 0; k < d; k++) {
                    double tk = design[row + k];
                    g[k] += g1 * tk;
                    gAbs[k] += ag * Math.abs(tk);
                    floor[k] += fl * Math.abs(tk);
                    if (h2 != 0.0) {
                        double ht = h2 * tk;
                        for (int j = 0; j <= k; j++) {
                            h[k * d + j] += ht * design[row + j];
                        }
                    }
                }
            }
            boolean small = true;
            for (int k = 0; k < d; k++) {
                g[k] /= n;
                gAbs[k] /= n;
                floor[k] /= n;
                if (Math.abs(g[k]) > GRADIENT_TOLERANCE * gAbs[k] + floor[k]) {
                    small = false;
                }
                for (int j = 0; j <= k; j++) {
                    h[k * d + j] /= n;
                }
            }
            hessianPositive = Dense.cholesky(h, d, fac, scale);
            if (small) {
                converged = true;
                break;
            }
            boolean haveStep = false;
            if (hessianPositive) {
                Dense.choleskySolve(fac, scale, d, g, step);
                haveStep = true;
            } else {
                irlsMatrix(a, h);
                if (Dense.cholesky(h, d, fac, scale)) {
                    Dense.choleskySolve(fac, scale, d, g, step);
                    haveStep = true;
                }
            }
            double slope = 0.0;
            if (haveStep) {
                for (int k = 0; k < d; k++) {
                    step[k] = -step[k];
                    slope += step[k] * g[k];
                }
            }
            if (!haveStep || !(slope < 0)) {
                slope = 0.0;
                for (int k = 0; k < d; k++) {
                    step[k] = -g[k];
                    slope -= g[k] * g[k];
                }
            }
            double t = 1.0;
            boolean accepted = false;
            double fn = f;
            for (int tries = 0; tries < 60; tries++) {
                for (int k = 0; k < d; k++) {
                    trial[k] = a[k] + t * step[k];
                }
                fn = meanLoss(trial);
                if (fn <= f + 1e-4 * t * slope) {
                    accepted = true;
                    break;
                }
                if (hessianPositive && t == 1.0 && -slope <= 1e-13 * Math.abs(f) && fn <= f + 1e-13 * Math.abs(f)) {
                    // a Newton step whose predicted decrease is below the rounding of f
                    accepted = true;
                    break;
                }
                t *= 0.5;
            }
            if (!accepted || Arrays.equals(trial, a)) {
                double worst = 0.0;
                for (int k = 0; k < d; k++) {
                    worst = Math.max(worst, Math.max(0.0, Math.abs(g[k]) - floor[k]) / (gAbs[k] + Double.MIN_NORMAL));
                }
                converged = worst <= 1e-8;
                break;
            }
            System.arraycopy(trial, 0, a, 0, d);
            f = fn;
        }
        Newton out = new Newton();
        out.a = a;
        out.objective = f;
        out.iterations = it + 1;
        out.converged = converged;
        out.hessianPositive = hessianPositive;
        return out;
    }

    /** sum_i w_i t_i t_i^T / n with IRLS weights w_i = l'(r_i) / r_i (l''(r_i) at r_i = 0), lower triangle. */
    private void irlsMatrix(double[] a, double[] h) {
        Arrays.fill(h, 0.0);
        for (int i = 0; i < n; i++) {
            int row = i * d;
            double p = 0.0;
            for (int k = 0; k < d; k++) {
                p += design[row + k] * a[k];
            }
            double res = p - y[i];
            double g1 = loss.d1(p, y[i]);
            double om = res != 0.0 ? g1 / res : loss.d2(p, y[i]);
            if (!(om >= 0.0) || om == Double.POSITIVE_INFINITY) {
                om = 0.0;
            }
            if (om == 0.0) {
                continue;
            }
            for (int k = 0; k < d; k++) {
                double wt = om * design[row + k];
                for (int j = 0; j <= k; j++) {
                    h[k * d + j] += wt * design[row + j];
                }
            }
        }
        for (int k = 0; k < d; k++) {
            for (int j = 0; j <= k; j++) {
                h[k * d + j] /= n;
            }
        }
    }

    private double meanLoss(double[] a) {
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            int row = i * d;
            double p = 0.0;
            for (int k = 0; k < d; k++) {
                p += design[row + k] * a[k];
            }
            s += loss.value(p, y[i]);
        }
        return s / n;
    }

    /**
     * Converts sum_k a_k T_k(u) to sum_j c_j x^j: powers of u from the Chebyshev recurrence (T_{k+1} = 2 u T_k -
     * T_{k-1} on coefficient arrays), then Horner with u = alpha x + beta.
     */
    private double[] toPowersOfX(double[] a) {
        double[] powersOfU = new double[d];
        double[] prev = new double[d];
        double[] cur = new double[d];
        double[] next = new double[d];
        prev[0] = 1.0; // T_0
        powersOfU[0] += a[0];
        if (d > 1) {
            cur[1] = 1.0; // T_1
            powersOfU[1] += a[1];
        }
        for (int k = 2; k < d; k++) {
            Arrays.fill(next, 0.0);
            for (int j = 0; j < d; j++) {
                if (j + 1 < d) {
                    next[j + 1] += 2.0 * cur[j];
                }
                next[j] -= prev[j];
            }
            for (int j = 0; j < d; j++) {
                powersOfU[j] += a[k] * next[j];
            }
            double[] t = prev;
            prev = cur;
            cur = next;
            next = t;
        }
        double alpha = 1.0 / halfWidth;
        double beta = -centre / halfWidth;
        double[] q = new double[d];
        q[0] = powersOfU[d - 1];
        int len = 1;
        for (int k = d - 2; k >= 0; k--) {
            // q <- q (beta + alpha x) + powersOfU[k]
            for (int j = len; j >= 1; j--) {
                q[j] = beta * q[j] + alpha * q[j - 1];
            }
            q[0] = beta * q[0] + powersOfU[k];
            len++;
        }
        return q;
    }
}
