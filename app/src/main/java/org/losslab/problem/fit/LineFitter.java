package org.losslab.problem.fit;

import java.util.Objects;
import org.losslab.kernel.ElementwiseLoss;
import org.losslab.problem.Regularizer;

/**
 * The best line y = w x + b for a regression loss kernel, exactly: the minimiser of the kernel's mean loss plus an
 * optional penalty on both parameters (as in {@link org.losslab.problem.LinearRegressionProblem}),
 * <pre>
 *   J(w, b) = L(w, b) + R(w, b),   L(w, b) = (1/n) sum_i l(w x_i + b, y_i),   R = l1 (|w| + |b|) + l2 (w^2 + b^2).
 * </pre>
 *
 * <h2>Method per loss</h2>
 * <ul>
 *   <li><b>mse</b> (any penalty): closed form from the centred moments m_x, m_y, v_x = mean((x - m_x)^2),
 *       c_xy = mean((x - m_x)(y - m_y)), v_y. With no penalty w = c_xy / v_x and b = m_y - w m_x. With l2 the
 *       normal equations give
 *       <pre>
 *         w = (c_xy + l2 m_x m_y / (1 + l2) + m_x h_b / (1 + l2) - h_w) / (v_x + l2 + l2 m_x^2 / (1 + l2)),
 *         b = (m_y - w m_x - h_b) / (1 + l2),
 *       </pre>
 *       where h_w = l1 s_w / 2, h_b = l1 s_b / 2 for the signs s of the L1 term. With l1 &gt; 0 each sign pattern
 *       (both free, w = 0, b = 0, both 0) gives a candidate and the one with the lowest J is the optimum (J is
 *       convex and quadratic on each orthant, so its minimum is one of these stationary points). J is evaluated
 *       exactly from the moments: mse(w, b) = w^2 v_x - 2 w c_xy + v_y + (b + w m_x - m_y)^2.</li>
 *   <li><b>mae, quantile(tau), smooth_l1 with beta = 0</b> (l(r) = P r^+ + N r^-), no L2 term: an exact linear
 *       program by {@link VertexDescent} (the optimum is a line through two data points; an L1 penalty enters as
 *       two more hinge rows |w| and |b| of weight n l1). With an L2 term: {@link FitMethod#PROFILE}, Brent's method
 *       over w on phi(w) = min_b J(w, b) (convex), with the inner minimum over b exact ({@link Kinks}: a weighted
 *       quantile with a quadratic), w known to lie within |w*| &lt;= sqrt(J(0, 0) / l2) and bracketed by a walk
 *       outwards from the start point.</li>
 *   <li><b>huber, smooth_l1, log_cosh, barron and any other smooth kernel</b>: damped Newton with the kernel's
 *       d1 and d2 (a 2 x 2 system solved in centred coordinates (w, c = b + w m_x)), falling back to the IRLS
 *       matrix sum_i (l'(r_i) / r_i) [x_i^2 x_i; x_i 1] (positive for every symmetric loss that grows away from 0)
 *       where the Hessian is not positive definite, with an Armijo backtracking line search, until
 *       |dJ/dtheta_k| &lt;= 1e-12 sum_i |l'(r_i)| |dr_i/dtheta_k| / n (the gradient cancelled to 12 digits) plus what
 *       rounding alone leaves, sum_i |l''(r_i)| 4 eps (|y_i| + |w x_i| + |b|) |dr_i/dtheta_k| / n (w and b are
 *       doubles: near x = 1e5 the residuals cannot be represented more finely). An L1
 *       term is handled orthant-wise (as in OWL-QN): zero parameters stay at zero while their smooth derivative
 *       is within l1, the others move with fixed signs and are clipped at zero. For convex kernels this is the
 *       global optimum. When Newton has not converged after 40 steps (the Hessian can be singular at the
 *       optimum: Huber or smooth_l1 with fewer than two points inside the quadratic zone, where IRLS only creeps),
 *       a convex loss is finished by nested root finding ({@link FitMethod#PROFILE}): phi(w) = min_b J(w, b) is
 *       convex with phi'(w) = dJ/dw(w, b*(w)), so w* is the root of phi' and b* the root of dJ/db at w*, both
 *       non-decreasing, found by bracketing and the Illinois regula falsi to neighbouring doubles (kinks of the L1
 *       term at 0 checked first: a parameter stays 0 when its smooth slope there is within [-l1, l1]). Barron with
 *       alpha &lt; 1 is not convex: Newton is run from the least-squares line and the
 *       exact least-absolute-deviations line and the lower end point is returned; it is a local optimum, usually
 *       but not certainly the global one. With a warm start only one run is made, from the warm start: the fit
 *       follows the basin it is in (continuous and cheap during a drag; pass no warm start to look again).</li>
 *   <li>A piecewise-linear kernel that is not recognised (no curvature): IRLS, reported as approximate.</li>
 *   <li>All x equal with no penalty: only w x + b is determined; w = 0 and b is the exact location estimate (mean,
 *       weighted quantile, or the root of dJ/db; Newton for a non-convex loss).</li>
 * </ul>
 *
 * <p>Cost: O(n) for mse; O(n) expected per vertex step (typically a handful of steps) for mae and quantile; O(n)
 * per Newton step with three kernel calls per point; about 30 O(n) profile evaluations for mae or quantile with an
 * L2 term. A warm start (the previous frame's optimum during a drag) cuts the steps further: measured on one core
 * with 10,000 points, warm fits take about 0.1 ms (mse), 0.2 to 0.4 ms (mae, quantile), 0.7 ms (huber), 3 ms
 * (log_cosh, barron), 9 to 12 ms (mae or quantile with an L2 term). An instance reuses its buffers and is not
 * thread-safe: use one per thread.
 */
public final class LineFitter {
    private static final double GRADIENT_TOLERANCE = 1e-12;
    private static final int MAX_NEWTON = 200;
    private static final int MAX_NEWTON_CONVEX = 40;

    private final VertexDescent lp = new VertexDescent();
    private final Kinks kinks = new Kinks();
    private final double[] start = new double[2];
    private double[] xc = new double[0];

    // the problem of the current call
    private double[] x;
    private double[] y;
    private int n;
    private ElementwiseLoss loss;
    private double l1;
    private double l2;
    private double xm;
    private double xMin;
    private double xMax;

    // sums of the last pass (means over the points)
    private double sumValue;
    private double gW;
    private double gC;
    private double hWW;
    private double hWC;
    private double hCC;
    private double iWW;
    private double iWC;
    private double iCC;
    private double absW;
    private double absC;
    private double absX;
    private double floorW;
    private double floorC;
    private double floorX;

    // the last Newton run
    private double nW;
    private double nB;
    private double nObjective;
    private int nIterations;
    private boolean nConverged;
    private boolean nHessianPositive;

    /** The best line for the loss, with no penalty. */
    public FitResult fit(double[] x, double[] y, ElementwiseLoss loss) {
        return fit(x, y, x.length, loss, Regularizer.NONE, null);
    }

    /** The best line for the loss plus the penalty. */
    public FitResult fit(double[] x, double[] y, ElementwiseLoss loss, Regularizer regularizer) {
        return fit(x, y, x.length, loss, regularizer, null);
    }

    /**
     * The best line for the first {@code n} points.
     *
     * @param x           inputs, finite
     * @param y           targets, finite
     * @param n           how many points to use, 1 &lt;= n &lt;= x.length, y.length
     * @param loss        a regression kernel
     * @param regularizer the penalty, {@link Regularizer#NONE} for none
     * @param warmStart   {w, b} to start from (for example the previous optimum while a point is dragged), or
     *                    null; for convex losses it changes how fast the optimum is reached, not which one; for a
     *                    non-convex loss it selects the basin (one Newton run from there)
     * @throws IllegalArgumentException for no points, a non-finite value or a loss that is not a regression loss
     */
    public FitResult fit(double[] x, double[] y, int n, ElementwiseLoss loss, Regularizer regularizer,
                         double[] warmStart) {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(regularizer, "regularizer");
        check(x, y, n, loss);
        this.x = x;
        this.y = y;
        this.n = n;
        this.loss = loss;
        this.l1 = regularizer.l1();
        this.l2 = regularizer.l2();
        prepare();
        boolean hasStart = warmStart != null && warmStart.length >= 2 && Double.isFinite(warmStart[0])
                && Double.isFinite(warmStart[1]);
        try {
            boolean allEqual = xMin == xMax;
            if (LossTraits.isMse(loss)) {
                return closedForm(allEqual);
            }
            if (allEqual && l1 == 0.0 && l2 == 0.0) {
                return location();
            }
            double[] slopes = LossTraits.kinkSlopes(loss);
            if (slopes != null) {
                if (l2 == 0.0) {
                    return vertex(slopes, hasStart ? warmStart[0] : Double.NaN, hasStart ? warmStart[1] : Double.NaN);
                }
                return profile(slopes, hasStart ? warmStart[0] : Double.NaN);
            }
            return smooth(hasStart ? warmStart : null);
        } finally {
            this.x = null;
            this.y = null;
            this.loss = null;
        }
    }

    private static void check(double[] x, double[] y, int n, ElementwiseLoss loss) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (!loss.definition().family().isRegression()) {
            throw new IllegalArgumentException("a line fit needs a regression loss, but " + loss.id() + " is "
                    + loss.definition().family().label());
        }
        if (n < 1) {
            throw new IllegalArgumentException("a line fit needs at least one point");
        }
        if (n > x.length || n > y.length) {
            throw new IllegalArgumentException("n = " + n + " but there are " + x.length + " x and " + y.length
                    + " y values");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("point " + i + " (" + x[i] + ", " + y[i] + ") is not finite");
            }
        }
    }

    /** Range and mean of x (exactly x_0 when all x are equal) and the centred copy x - m_x. */
    private void prepare() {
        if (xc.length < n) {
            xc = new double[Math.max(n, 2 * xc.length)];
        }
        double lo = x[0];
        double hi = x[0];
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            lo = Math.min(lo, x[i]);
            hi = Math.max(hi, x[i]);
            s += x[i];
        }
        xMin = lo;
        xMax = hi;
        double mean = lo == hi ? lo : s / n;
        // one correction pass: the mean of the residuals x - mean
        if (lo != hi) {
            double corr = 0.0;
            for (int i = 0; i < n; i++) {
                corr += x[i] - mean;
            }
            mean += corr / n;
        }
        xm = mean;
        for (int i = 0; i < n; i++) {
            xc[i] = x[i] - xm;
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // mse

    private FitResult closedForm(boolean allEqual) {
        double my = 0.0;
        for (int i = 0; i < n; i++) {
            my += y[i];
        }
        my /= n;
        double vx = 0.0;
        double vy = 0.0;
        double cxy = 0.0;
        for (int i = 0; i < n; i++) {
            double dy = y[i] - my;
            vx += xc[i] * xc[i];
            vy += dy * dy;
            cxy += xc[i] * dy;
        }
        if (allEqual) {
            vx = 0.0;
            cxy = 0.0;
        }
        vx /= n;
        vy /= n;
        cxy /= n;
        Moments mo = new Moments(xm, my, vx, vy, cxy, l1, l2);
        double bestW = 0.0;
        double bestB = 0.0;
        double best = Double.POSITIVE_INFINITY;
        double[] signs = l1 > 0 ? new double[] {-1.0, 1.0} : new double[] {0.0};
        for (double sw : signs) {
            for (double sb : signs) {
                double hw = 0.5 * l1 * sw;
                double hb = 0.5 * l1 * sb;
                double den = vx + l2 + l2 * xm * xm / (1.0 + l2);
                if (den > 0) {
                    double w = (cxy + (l2 * xm * my + xm * hb) / (1.0 + l2) - hw) / den;
                    double b = (my - w * xm - hb) / (1.0 + l2);
                    double j = mo.objective(w, b);
                    if (j < best) {
                        best = j;
                        bestW = w;
                        bestB = b;
                    }
                }
            }
        }
        if (best == Double.POSITIVE_INFINITY || l1 > 0) {
            // w = 0 (b free), b = 0 (w free), both 0; also the answer when v_x = 0 and l2 = 0
            for (double sb : signs) {
                double b = (my - 0.5 * l1 * sb) / (1.0 + l2);
                double j = mo.objective(0.0, b);
                if (j < best) {
                    best = j;
                    bestW = 0.0;
                    bestB = b;
                }
            }
            if (l1 > 0) {
                double den = vx + xm * xm + l2;
                for (double sw : signs) {
                    if (den > 0) {
                        double w = (cxy + xm * my - 0.5 * l1 * sw) / den;
                        double j = mo.objective(w, 0.0);
                        if (j < best) {
                            best = j;
                            bestW = w;
                            bestB = 0.0;
                        }
                    }
                }
                if (mo.objective(0.0, 0.0) < best) {
                    bestW = 0.0;
                    bestB = 0.0;
                }
            }
        }
        Optimality opt;
        String note = "";
        if (vx > 0 || l2 > 0) {
            opt = Optimality.UNIQUE_GLOBAL;
        } else if (l1 == 0) {
            opt = Optimality.GLOBAL_NOT_UNIQUE;
            note = allEqualNote();
        } else {
            opt = Optimality.GLOBAL;
            note = "all x are equal (x = " + xMin + "): the optimum may not be unique";
        }
        return result(bestW, bestB, 0, FitMethod.CLOSED_FORM, opt, note);
    }

    /** Exact evaluation of the penalised mse from centred moments. */
    private record Moments(double mx, double my, double vx, double vy, double cxy, double l1, double l2) {
        double objective(double w, double b) {
            double off = b + w * mx - my;
            double mse = w * w * vx - 2.0 * w * cxy + vy + off * off;
            return mse + l1 * (Math.abs(w) + Math.abs(b)) + l2 * (w * w + b * b);
        }
    }

    private String allEqualNote() {
        return "all x are equal (x = " + xMin + "): only w*" + xMin + " + b is determined; w = 0 is reported";
    }

    // -------------------------------------------------------------------------------------------------------------
    // all x equal, no penalty

    private FitResult location() {
        double[] slopes = LossTraits.kinkSlopes(loss);
        if (slopes != null) {
            kinks.clear();
            for (int i = 0; i < n; i++) {
                // b below y_i under-predicts: cost N per unit to the left, P to the right
                kinks.add(y[i], slopes[1], slopes[0], i);
            }
            double b = kinks.minimize(0.0, 0.0);
            return result(0.0, b, 1, FitMethod.LOCATION, Optimality.GLOBAL_NOT_UNIQUE, allEqualNote());
        }
        double b0 = 0.0;
        for (int i = 0; i < n; i++) {
            b0 += y[i];
        }
        b0 /= n;
        boolean convex = LossTraits.isConvex(loss);
        if (convex) {
            // J is convex in b alone: its minimum is the root of dJ/db
            rootEvaluations = 0;
            nW = 0.0;
            nB = innerB(0.0, b0);
            nIterations = rootEvaluations;
            nConverged = true;
        } else {
            newton(0.0, b0, true, MAX_NEWTON);
        }
        Optimality opt = convex ? Optimality.GLOBAL_NOT_UNIQUE : Optimality.LOCAL;
        String note = allEqualNote();
        if (!convex) {
            note += "; " + nonConvexNote();
        }
        if (!nConverged) {
            opt = Optimality.APPROXIMATE;
            note += "; " + notConvergedNote();
        }
        return result(nW, nB, nIterations, FitMethod.LOCATION, opt, note);
    }

    // -------------------------------------------------------------------------------------------------------------
    // piecewise-linear losses: exact vertex descent

    private FitResult vertex(double[] slopes, double w0, double b0) {
        boolean penalised = l1 > 0;
        int rows = n + (penalised ? 2 : 0);
        lp.reset(rows, 2);
        for (int i = 0; i < n; i++) {
            lp.row(i, 0, xc[i]);
            lp.row(i, 1, 1.0);
            lp.target(i, y[i]);
            lp.slopes(i, slopes[0], slopes[1]);
        }
        if (penalised) {
            // n l1 |w| and n l1 |b| = n l1 |c - m_x w| as hinge rows with target 0 (the objective is n J)
            double weight = n * l1;
            lp.row(n, 0, 1.0);
            lp.row(n, 1, 0.0);
            lp.target(n, 0.0);
            lp.slopes(n, weight, weight);
            lp.row(n + 1, 0, -xm);
            lp.row(n + 1, 1, 1.0);
            lp.target(n + 1, 0.0);
            lp.slopes(n + 1, weight, weight);
        }
        if (Double.isNaN(w0)) {
            double[] ls = leastSquares();
            w0 = ls[0];
            b0 = ls[1];
        }
        start[0] = w0;
        start[1] = b0 + w0 * xm;
        if (!lp.solve(start)) {
            // cannot happen: the rows span R^2 unless all x are equal with no penalty, handled before
            throw new IllegalStateException("no vertex: the rows do not span the plane");
        }
        double w = lp.theta(0);
        double b = lp.theta(1) - w * xm;
        Optimality opt;
        String note = "";
        if (!lp.certified()) {
            opt = Optimality.APPROXIMATE;
            note = lp.problem();
        } else if (!lp.uniquenessKnown()) {
            opt = Optimality.GLOBAL;
        } else if (lp.unique()) {
            opt = Optimality.UNIQUE_GLOBAL;
        } else {
            opt = Optimality.GLOBAL_NOT_UNIQUE;
            note = "the optimum is not unique: other lines reach the same loss";
        }
        return result(w, b, lp.iterations(), FitMethod.VERTEX_DESCENT, opt, note);
    }

    /** The least-squares (ridge, with l2) line, ignoring l1: a start point. */
    private double[] leastSquares() {
        double my = 0.0;
        for (int i = 0; i < n; i++) {
            my += y[i];
        }
        my /= n;
        double vx = 0.0;
        double cxy = 0.0;
        for (int i = 0; i < n; i++) {
            vx += xc[i] * xc[i];
            cxy += xc[i] * (y[i] - my);
        }
        vx /= n;
        cxy /= n;
        double den = vx + l2 + l2 * xm * xm / (1.0 + l2);
        double w = den > 0 ? (cxy + l2 * xm * my / (1.0 + l2)) / den : 0.0;
        double b = (my - w * xm) / (1.0 + l2);
        return new double[] {w, b};
    }

    // -------------------------------------------------------------------------------------------------------------
    // piecewise-linear losses with an L2 term: Brent over w, exact over b

    private double profileB;
    private double[] profileSlopes;

    /**
     * phi(w) = min_b J(w, b). For fixed w, J is in b a sum of hinges at t_i = y_i - w x_i with slopes N_i / n to
     * the left and P_i / n to the right, a hinge l1 |b| at 0, and l2 b^2: minimised exactly by {@link Kinks}.
     */
    private double profileValue(double w) {
        kinks.clear();
        double invN = 1.0 / n;
        for (int i = 0; i < n; i++) {
            kinks.add(y[i] - w * x[i], profileSlopes[1] * invN, profileSlopes[0] * invN, i);
        }
        if (l1 > 0) {
            kinks.add(0.0, l1, l1, -1);
        }
        double b = kinks.minimize(l2, 0.0);
        profileB = b;
        return objectiveAt(w, b);
    }

    private FitResult profile(double[] slopes, double w0) {
        profileSlopes = slopes;
        double j0 = objectiveAt(0.0, 0.0);
        // J(w*, b*) <= J(0, 0) and l2 (w*^2 + b*^2) <= J(w*, b*), so |w*| <= sqrt(J(0, 0) / l2)
        double radius = Math.sqrt(j0 / l2);
        if (!(radius > 0)) {
            profileValue(0.0);
            return result(0.0, profileB, 1, FitMethod.PROFILE, Optimality.UNIQUE_GLOBAL, "");
        }
        if (Double.isNaN(w0)) {
            w0 = leastSquares()[0];
        }
        w0 = Math.max(-radius, Math.min(radius, w0));
        int[] evaluations = new int[1];
        double[] bracket = bracket(w0, -radius, radius, evaluations);
        double w = brent(bracket[0], bracket[1], bracket[2], 1e-13, 1e-15 * radius, evaluations);
        profileValue(w);
        return result(w, profileB, evaluations[0], FitMethod.PROFILE, Optimality.UNIQUE_GLOBAL,
                "");
    }

    /**
     * A bracket {a, b, x} with a &lt; x &lt; b and phi(x) &lt;= phi(a), phi(b) around the minimum of the convex profile,
     * found by walking downhill from x0 in steps growing by the golden ratio (within [lo, hi], where the minimum is
     * known to lie): a start near the optimum (a warm start) gives a small bracket and few Brent steps.
     */
    private double[] bracket(double x0, double lo, double hi, int[] evaluations) {
        double h = 1e-4 * Math.max(Math.abs(x0), 1e-6 * (hi - lo));
        double fx = profileValue(x0);
        double right = Math.min(hi, x0 + h);
        double fr = profileValue(right);
        double left = Math.max(lo, x0 - h);
        double fl = profileValue(left);
        int count = 3;
        double dir;
        if (fr >= fx && fl >= fx) {
            evaluations[0] += count;
            return new double[] {left, right, x0};
        }
        dir = fr < fl ? 1.0 : -1.0;
        double a = dir > 0 ? left : right;
        double x = dir > 0 ? right : left;
        double f = dir > 0 ? fr : fl;
        double step = Math.abs(x - x0) + h;
        while (true) {
            double next = dir > 0 ? Math.min(hi, x + 1.618 * step) : Math.max(lo, x - 1.618 * step);
            double fn = profileValue(next);
            count++;
            if (fn >= f || next == (dir > 0 ? hi : lo) || count > 200) {
                evaluations[0] += count;
                if (fn < f) {
                    // the minimum is at the bound (or the walk ran out): bracket up to it
                    return dir > 0 ? new double[] {x, next, next} : new double[] {next, x, next};
                }
                return dir > 0 ? new double[] {a, next, x} : new double[] {next, a, x};
            }
            a = x;
            x = next;
            f = fn;
            step *= 1.618;
        }
    }

    /**
     * Brent's (1973) minimisation of the unimodal profile on [lo, hi], golden-section steps with parabolic
     * interpolation, started at x0, until the bracket around the minimum is below 2 (rel |x| + abs).
     */
    private double brent(double lo, double hi, double x0, double rel, double abs, int[] evaluations) {
        final double golden = 0.3819660112501051;
        double a = lo;
        double b = hi;
        double xv = x0;
        double wv = x0;
        double vv = x0;
        double fx = profileValue(x0);
        double fw = fx;
        double fv = fx;
        double d = 0.0;
        double e = 0.0;
        int count = 1;
        for (int iter = 0; iter < 300; iter++) {
            double mid = 0.5 * (a + b);
            double tol1 = rel * Math.abs(xv) + abs;
            double tol2 = 2.0 * tol1;
            if (Math.abs(xv - mid) <= tol2 - 0.5 * (b - a)) {
                break;
            }
            boolean golden_step = true;
            if (Math.abs(e) > tol1) {
                double r = (xv - wv) * (fx - fv);
                double q = (xv - vv) * (fx - fw);
                double p = (xv - vv) * q - (xv - wv) * r;
                q = 2.0 * (q - r);
                if (q > 0) {
                    p = -p;
                }
                q = Math.abs(q);
                double eOld = e;
                e = d;
                if (Math.abs(p) < Math.abs(0.5 * q * eOld) && p > q * (a - xv) && p < q * (b - xv)) {
                    d = p / q;
                    double u = xv + d;
                    if (u - a < tol2 || b - u < tol2) {
                        d = mid >= xv ? tol1 : -tol1;
                    }
                    golden_step = false;
                }
            }
            if (golden_step) {
                e = xv >= mid ? a - xv : b - xv;
                d = golden * e;
            }
            double u = Math.abs(d) >= tol1 ? xv + d : xv + (d >= 0 ? tol1 : -tol1);
            double fu = profileValue(u);
            count++;
            if (fu <= fx) {
                if (u >= xv) {
                    a = xv;
                } else {
                    b = xv;
                }
                vv = wv;
                fv = fw;
                wv = xv;
                fw = fx;
                xv = u;
                fx = fu;
            } else {
                if (u < xv) {
                    a = u;
                } else {
                    b = u;
                }
                if (fu <= fw || wv == xv) {
                    vv = wv;
                    fv = fw;
                    wv = u;
                    fw = fu;
                } else if (fu <= fv || vv == xv || vv == wv) {
                    vv = u;
                    fv = fu;
                }
            }
        }
        evaluations[0] += count;
        return xv;
    }

    // -------------------------------------------------------------------------------------------------------------
    // smooth losses: damped Newton / IRLS

    private FitResult smooth(double[] warmStart) {
        boolean convex = LossTraits.isConvex(loss);
        boolean curvature = loss.hasCurvature();
        // convex losses get a short Newton run and then the nested root search (robust where the Hessian is
        // singular at the optimum, as for Huber with fewer than two points inside its quadratic zone)
        int limit = convex && curvature ? MAX_NEWTON_CONVEX : MAX_NEWTON;
        FitMethod method = FitMethod.NEWTON;
        double[] ls = leastSquares();
        double bestW;
        double bestB;
        double bestJ;
        int iterations;
        boolean converged;
        boolean hessianPositive;
        if (warmStart != null) {
            newton(warmStart[0], warmStart[1], false, limit);
        } else {
            newton(ls[0], ls[1], false, limit);
        }
        bestW = nW;
        bestB = nB;
        bestJ = nObjective;
        iterations = nIterations;
        converged = nConverged;
        hessianPositive = nHessianPositive;
        if (convex && curvature && !converged) {
            nested(bestW, bestB);
            method = FitMethod.PROFILE;
            bestW = nW;
            bestB = nB;
            bestJ = nObjective;
            iterations += nIterations;
            converged = nConverged;
            hessianPositive = nHessianPositive;
        }
        if (!convex && curvature && warmStart == null) {
            // another basin: the exact L1 line (the first run started from the least-squares line)
            double[][] starts = new double[1][];
            starts[0] = l1Line(ls);
            for (double[] s : starts) {
                if (s == null) {
                    continue;
                }
                newton(s[0], s[1], false, limit);
                iterations += nIterations;
                if (nObjective < bestJ) {
                    bestW = nW;
                    bestB = nB;
                    bestJ = nObjective;
                    converged = nConverged;
                    hessianPositive = nHessianPositive;
                }
            }
        }
        Optimality opt;
        String note = "";
        if (!curvature) {
            opt = Optimality.APPROXIMATE;
            note = loss.id() + " is piecewise linear with no exact solver here: IRLS gives an approximate optimum";
        } else if (!convex) {
            opt = Optimality.LOCAL;
            note = warmStart == null ? nonConvexNote() : warmNonConvexNote();
        } else if (l2 > 0 || (LossTraits.isStrictlyConvex(loss) && xMin != xMax) || hessianPositive) {
            opt = Optimality.UNIQUE_GLOBAL;
        } else {
            opt = Optimality.GLOBAL;
        }
        if (!converged && curvature) {
            opt = Optimality.APPROXIMATE;
            note = note.isEmpty() ? notConvergedNote() : note + "; " + notConvergedNote();
        }
        return result(bestW, bestB, iterations, method, opt, note);
    }

    private String nonConvexNote() {
        return loss.spec() + " is not convex: this is a local optimum (the best of Newton runs from the"
                + " least-squares and least-absolute-deviations lines), not certainly the global one";
    }

    private String warmNonConvexNote() {
        return loss.spec() + " is not convex: this is the local optimum reached from the warm start";
    }

    private static String notConvergedNote() {
        return "the solver stopped before the gradient vanished to 12 digits";
    }

    /** The exact least-absolute-deviations line (with the L1 penalty rows), as a start for non-convex losses. */
    private double[] l1Line(double[] ls) {
        if (xMin == xMax && l1 == 0.0) {
            return null;
        }
        FitResult r = vertex(new double[] {1.0, 1.0}, ls[0], ls[1]);
        return new double[] {r.w(), r.b()};
    }

    /**
     * One pass over the points at (w, b): the mean loss and, in centred coordinates (w, c = b + w m_x), the
     * gradient (gW, gC), Hessian (hWW, hWC, hCC), IRLS matrix (iWW, iWC, iCC) with weights l'(r) / r (l''(r) at
     * r = 0), and the sizes sum |l'| |x - m_x|, sum |l'|, sum |l'| |x|, all divided by n.
     */
    private void pass(double w, double b) {
        double c = b + w * xm;
        double sv = 0.0;
        double sgw = 0.0;
        double sgc = 0.0;
        double shww = 0.0;
        double shwc = 0.0;
        double shcc = 0.0;
        double siww = 0.0;
        double siwc = 0.0;
        double sicc = 0.0;
        double saw = 0.0;
        double sac = 0.0;
        double sax = 0.0;
        double sfw = 0.0;
        double sfc = 0.0;
        double sfx = 0.0;
        for (int i = 0; i < n; i++) {
            double xi = xc[i];
            double p = w * xi + c;
            double yi = y[i];
            double g1 = loss.d1(p, yi);
            double h = loss.d2(p, yi);
            sv += loss.value(p, yi);
            double res = p - yi;
            double om = res != 0.0 ? g1 / res : h;
            if (!(om >= 0.0) || om == Double.POSITIVE_INFINITY) {
                om = h > 0 ? h : 0.0;
            }
            sgw += g1 * xi;
            sgc += g1;
            shww += h * xi * xi;
            shwc += h * xi;
            shcc += h;
            siww += om * xi * xi;
            siwc += om * xi;
            sicc += om;
            double ag = Math.abs(g1);
            saw += ag * Math.abs(xi);
            sac += ag;
            sax += ag * Math.abs(x[i]);
            // what rounding alone leaves in l'(r_i): |l''| 4 eps (|y_i| + |w x_i| + |b|), the spacing of the
            // doubles near w x_i + b - y_i (w and b are doubles: a smaller residual error cannot be represented)
            double fl = Math.abs(h) * 9e-16 * (Math.abs(yi) + Math.abs(w * x[i]) + Math.abs(b));
            sfw += fl * Math.abs(xi);
            sfc += fl;
            sfx += fl * Math.abs(x[i]);
        }
        double inv = 1.0 / n;
        sumValue = sv * inv;
        gW = sgw * inv;
        gC = sgc * inv;
        hWW = shww * inv;
        hWC = shwc * inv;
        hCC = shcc * inv;
        iWW = siww * inv;
        iWC = siwc * inv;
        iCC = sicc * inv;
        absW = saw * inv;
        absC = sac * inv;
        absX = sax * inv;
        floorW = sfw * inv;
        floorC = sfc * inv;
        floorX = sfx * inv;
    }

    /** J(w, b) in one pass of kernel values (predictions w (x - m_x) + (b + w m_x)). */
    private double objectiveAt(double w, double b) {
        double c = b + w * xm;
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            s += loss.value(w * xc[i] + c, y[i]);
        }
        return s / n + l1 * (Math.abs(w) + Math.abs(b)) + l2 * (w * w + b * b);
    }

    private final double[] step2 = new double[2];

    /**
     * Solves [p q; q s] z = -(u, v) into {@link #step2} after scaling to unit diagonal.
     *
     * @return false unless the matrix is positive definite with 1 - rho^2 &gt; 1e-12
     */
    private boolean solve2(double p, double q, double s, double u, double v) {
        if (!(p > 0) || !(s > 0) || Double.isInfinite(p) || Double.isInfinite(s)) {
            return false;
        }
        double sp = 1.0 / Math.sqrt(p);
        double ss = 1.0 / Math.sqrt(s);
        double rho = q * sp * ss;
        double det = 1.0 - rho * rho;
        if (!(det > 1e-12)) {
            return false;
        }
        double gu = u * sp;
        double gv = v * ss;
        step2[0] = -(gu - rho * gv) / det * sp;
        step2[1] = -(gv - rho * gu) / det * ss;
        return Double.isFinite(step2[0]) && Double.isFinite(step2[1]);
    }

    /**
     * Damped Newton on J from (w0, b0), writing nW, nB, nObjective, nIterations, nConverged, nHessianPositive.
     *
     * @param fixW          keep w = 0 (the all-x-equal case)
     * @param maxIterations at most this many steps
     */
    private void newton(double w0, double b0, boolean fixW, int maxIterations) {
        double w = fixW ? 0.0 : w0;
        double b = b0;
        double f = Double.NaN;
        boolean converged = false;
        boolean hessianPositive = false;
        int it = 0;
        for (; it < maxIterations; it++) {
            pass(w, b);
            f = sumValue + l1 * (Math.abs(w) + Math.abs(b)) + l2 * (w * w + b * b);
            // smooth part (loss + L2) of the gradient in (w, b)
            double pwS = 2.0 * l2 * w;
            double pbS = 2.0 * l2 * b;
            double gwSmooth = gW + xm * gC + pwS;
            double gbSmooth = gC + pbS;
            // orthant: which parameters move, and the sign of their L1 term
            double sw = 0.0;
            double sb = 0.0;
            boolean freeW;
            boolean freeB = true;
            if (fixW) {
                freeW = false;
            } else if (l1 == 0.0) {
                freeW = true;
            } else if (w != 0.0) {
                freeW = true;
                sw = Math.signum(w);
            } else if (gwSmooth + l1 < 0) {
                freeW = true;
                sw = 1.0;
            } else if (gwSmooth - l1 > 0) {
                freeW = true;
                sw = -1.0;
            } else {
                freeW = false;
            }
            if (l1 > 0) {
                if (b != 0.0) {
                    sb = Math.signum(b);
                } else if (gbSmooth + l1 < 0) {
                    sb = 1.0;
                } else if (gbSmooth - l1 > 0) {
                    sb = -1.0;
                } else {
                    freeB = false;
                }
            }
            double pw = pwS + l1 * sw;
            double pb = pbS + l1 * sb;
            double pgW = freeW ? gwSmooth + l1 * sw : 0.0;
            double pgB = freeB ? gbSmooth + l1 * sb : 0.0;
            // convergence, and the Newton (or IRLS) direction
            double dw;
            double db;
            double l2w = 2.0 * l2;
            boolean newtonStep;
            if (freeW && freeB) {
                double gtW = gW + pw - xm * pb;
                double gtC = gC + pb;
                hessianPositive = solve2(hWW + l2w * (1.0 + xm * xm), hWC - l2w * xm, hCC + l2w, gtW, gtC);
                if (Math.abs(gtW) <= GRADIENT_TOLERANCE * (absW + Math.abs(pw) + Math.abs(xm * pb)) + floorW
                        && Math.abs(gtC) <= GRADIENT_TOLERANCE * (absC + Math.abs(pb)) + floorC) {
                    converged = true;
                    break;
                }
                newtonStep = hessianPositive;
                if (!hessianPositive
                        && !solve2(iWW + l2w * (1.0 + xm * xm), iWC - l2w * xm, iCC + l2w, gtW, gtC)) {
                    double scale = Math.max(Math.max(iWW, iCC), Math.max(Math.max(hWW, hCC), l2w));
                    scale = scale > 0 ? scale : 1.0;
                    step2[0] = -gtW / scale;
                    step2[1] = -gtC / scale;
                }
                dw = step2[0];
                db = step2[1] - xm * step2[0];
            } else if (freeW) {
                hessianPositive = false;
                if (Math.abs(pgW) <= GRADIENT_TOLERANCE * (absX + Math.abs(pw)) + floorX) {
                    converged = true;
                    break;
                }
                double hw = hWW + 2.0 * xm * hWC + xm * xm * hCC + l2w;
                newtonStep = hw > 0;
                if (!(hw > 0)) {
                    hw = iWW + 2.0 * xm * iWC + xm * xm * iCC + l2w;
                }
                dw = -pgW / (hw > 0 ? hw : 1.0);
                db = 0.0;
            } else if (freeB) {
                hessianPositive = false;
                if (Math.abs(pgB) <= GRADIENT_TOLERANCE * (absC + Math.abs(pb)) + floorC) {
                    converged = true;
                    break;
                }
                double hb = hCC + l2w;
                newtonStep = hb > 0;
                if (!(hb > 0)) {
                    hb = iCC + l2w;
                }
                dw = 0.0;
                db = -pgB / (hb > 0 ? hb : 1.0);
            } else {
                converged = true;
                break;
            }
            if (l1 > 0) {
                // a parameter leaving 0 must leave on the side its pseudo-gradient chose (OWL-QN alignment); the
                // others follow Newton and are clipped at 0 by the line search if they would change sign
                if (w == 0.0 && dw * pgW > 0) {
                    dw = 0.0;
                }
                if (b == 0.0 && db * pgB > 0) {
                    db = 0.0;
                }
            }
            double slope = dw * pgW + db * pgB;
            if (!(slope < 0)) {
                newtonStep = false;
                dw = -pgW;
                db = -pgB;
                slope = -(pgW * pgW + pgB * pgB);
                if (!(slope < 0)) {
                    converged = true;
                    break;
                }
            }
            // Armijo backtracking, clipping at zero the parameters whose L1 sign would flip
            double t = 1.0;
            boolean accepted = false;
            double wn = w;
            double bn = b;
            double fn = f;
            for (int k = 0; k < 60; k++) {
                wn = w + t * dw;
                bn = b + t * db;
                if (l1 > 0) {
                    if (sw != 0.0 && wn * sw < 0) {
                        wn = 0.0;
                    }
                    if (sb != 0.0 && bn * sb < 0) {
                        bn = 0.0;
                    }
                }
                if (fixW) {
                    wn = 0.0;
                }
                fn = objectiveAt(wn, bn);
                if (fn <= f + 1e-4 * (pgW * (wn - w) + pgB * (bn - b))) {
                    accepted = true;
                    break;
                }
                if (newtonStep && t == 1.0 && -slope <= 1e-13 * Math.abs(f) && fn <= f + 1e-13 * Math.abs(f)) {
                    // a full Newton step whose predicted decrease is below the rounding of f: take it, the
                    // gradient (which rounding does not hide) decides convergence at the next pass
                    accepted = true;
                    break;
                }
                t *= 0.5;
            }
            if (!accepted || (wn == w && bn == b)) {
                // no representable progress: converged to rounding if the gradient is small at all
                double relW = Math.max(0.0, Math.abs(pgW) - floorX) / (absX + Math.abs(pw) + Double.MIN_NORMAL);
                double relB = Math.max(0.0, Math.abs(pgB) - floorC) / (absC + Math.abs(pb) + Double.MIN_NORMAL);
                converged = Math.max(relW, relB) <= 1e-8;
                break;
            }
            w = wn;
            b = bn;
            f = fn;
        }
        if (Double.isNaN(f)) {
            f = objectiveAt(w, b);
        }
        nW = w;
        nB = b;
        nObjective = f;
        nIterations = it + 1;
        nConverged = converged;
        nHessianPositive = hessianPositive;
    }

    // -------------------------------------------------------------------------------------------------------------
    // convex losses, robust fallback: nested monotone root finding

    private double lastSum;
    private double lastSumX;
    private int rootEvaluations;
    private boolean innerPinned;

    /**
     * One pass at (w, c), predictions w (x_i - m_x) + c: returns (1/n) sum_i l'(.) and leaves
     * (1/n) sum_i l'(.) (x_i - m_x) in {@link #lastSumX}.
     */
    private double slopeSums(double w, double c) {
        double s = 0.0;
        double sx = 0.0;
        for (int i = 0; i < n; i++) {
            double g = loss.d1(w * xc[i] + c, y[i]);
            s += g;
            sx += g * xc[i];
        }
        rootEvaluations++;
        lastSum = s / n;
        lastSumX = sx / n;
        return lastSum;
    }

    /**
     * argmin_c J for fixed w, in the centred intercept c = b + m_x w (so that the resolution of c, not of a large
     * b, limits the predictions): the root of the non-decreasing dJ/dc = mean l' + 2 l2 b + l1 sign(b) with
     * b = c - m_x w. With l1 &gt; 0 the kink b = 0 is checked first: c = m_x w (and {@link #innerPinned}) when the
     * smooth slope there is within [-l1, l1].
     */
    private double innerC(double w, double guess) {
        double spread = Math.max(Math.abs(guess), 1.0);
        double kink = xm * w;
        innerPinned = false;
        if (l1 > 0) {
            double d0 = slopeSums(w, kink);
            if (Math.abs(d0) <= l1) {
                innerPinned = true;
                return kink;
            }
            double sign = d0 > l1 ? -1.0 : 1.0;
            double lo = sign < 0 ? Double.NEGATIVE_INFINITY : kink;
            double hi = sign < 0 ? kink : Double.POSITIVE_INFINITY;
            return monotoneRoot(c -> slopeSums(w, c) + 2.0 * l2 * (c - kink) + l1 * sign, lo, hi, guess, spread);
        }
        return monotoneRoot(c -> slopeSums(w, c) + 2.0 * l2 * (c - kink), Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY, guess, spread);
    }

    /** argmin_b J(w, b) for fixed w (see {@link #innerC}). */
    private double innerB(double w, double guess) {
        return innerC(w, guess + xm * w) - xm * w;
    }

    private double innerGuess;

    /**
     * phi'(w) for phi(w) = min_c J, without the L1 term of w: by the envelope theorem dJ/dw at (w, c*(w)) with c
     * held, mean l' (x - m_x) + 2 l2 w - m_x (2 l2 b + l1 sign(b)); when c* sits on the kink b = 0, c moves with w
     * and phi'(w) = mean l' x + 2 l2 w instead. Updates {@link #innerGuess}.
     */
    private double profileSlope(double w) {
        double c = innerC(w, innerGuess);
        innerGuess = c;
        boolean pinned = innerPinned;
        slopeSums(w, c);
        if (pinned) {
            return lastSumX + xm * lastSum + 2.0 * l2 * w;
        }
        double b = c - xm * w;
        return lastSumX + 2.0 * l2 * w - xm * (2.0 * l2 * b + l1 * Math.signum(b));
    }

    /**
     * The minimum of a convex J by nested root finding: phi(w) = min_c J is convex, so w* is the root of phi' (or 0
     * when |phi'(0)| &lt;= l1) and c* = argmin_c J(w*, c); both levels are solved to the resolution of doubles by
     * {@link #monotoneRoot}. Writes the n* fields like {@link #newton}.
     */
    private void nested(double w0, double b0) {
        rootEvaluations = 0;
        innerGuess = b0 + xm * w0;
        double spread = Math.max(Math.abs(w0), 1e-3);
        double w;
        if (l1 > 0) {
            double e0 = profileSlope(0.0);
            if (Math.abs(e0) <= l1) {
                w = 0.0;
            } else {
                double sign = e0 > l1 ? -1.0 : 1.0;
                double lo = sign < 0 ? Double.NEGATIVE_INFINITY : 0.0;
                double hi = sign < 0 ? 0.0 : Double.POSITIVE_INFINITY;
                w = monotoneRoot(t -> profileSlope(t) + l1 * sign, lo, hi, w0, spread);
            }
        } else {
            w = monotoneRoot(this::profileSlope, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, w0, spread);
        }
        double c = innerC(w, innerGuess);
        double b = innerPinned ? 0.0 : c - xm * w;
        pass(w, b);
        double l2w = 2.0 * l2;
        nHessianPositive = solve2(hWW + l2w * (1.0 + xm * xm), hWC - l2w * xm, hCC + l2w, 0.0, 0.0);
        nW = w;
        nB = b;
        nObjective = objectiveAt(w, b);
        nIterations = rootEvaluations;
        nConverged = true;
    }

    /**
     * A root of a non-decreasing function f on [lo, hi]: a t with f(t-) &lt;= 0 &lt;= f(t+) (so jumps across 0
     * count). From the guess, steps of {@code step}, doubling, find a sign change (or the bound, when f has one
     * sign on the whole side); then the Illinois variant of regula falsi, with a bisection every third step,
     * narrows the bracket to neighbouring doubles.
     */
    private static double monotoneRoot(java.util.function.DoubleUnaryOperator f, double lo, double hi, double guess,
                                       double step) {
        double t0 = Math.max(lo, Math.min(hi, guess));
        double f0 = f.applyAsDouble(t0);
        if (f0 == 0.0) {
            return t0;
        }
        double a;
        double fa;
        double b;
        double fb;
        double h = step * 1e-3;
        if (f0 > 0) {
            b = t0;
            fb = f0;
            while (true) {
                a = Math.max(lo, b - h);
                fa = f.applyAsDouble(a);
                if (fa <= 0) {
                    break;
                }
                if (a == lo || h > 1e300) {
                    return a;
                }
                b = a;
                fb = fa;
                h *= 2.0;
            }
        } else {
            a = t0;
            fa = f0;
            while (true) {
                b = Math.min(hi, a + h);
                fb = f.applyAsDouble(b);
                if (fb >= 0) {
                    break;
                }
                if (b == hi || h > 1e300) {
                    return b;
                }
                a = b;
                fa = fb;
                h *= 2.0;
            }
        }
        if (fa == 0.0) {
            return a;
        }
        if (fb == 0.0) {
            return b;
        }
        int side = 0;
        double ga = fa;
        double gb = fb;
        for (int iter = 0; iter < 400; iter++) {
            double mid = 0.5 * (a + b);
            if (!(mid > a && mid < b)) {
                break;
            }
            double c = iter % 3 == 2 ? mid : b - gb * (b - a) / (gb - ga);
            if (!(c > a && c < b)) {
                c = mid;
            }
            double fc = f.applyAsDouble(c);
            if (fc == 0.0) {
                return c;
            }
            if (fc < 0) {
                a = c;
                ga = fc;
                if (side < 0) {
                    gb *= 0.5;
                }
                side = -1;
            } else {
                b = c;
                gb = fc;
                if (side > 0) {
                    ga *= 0.5;
                }
                side = 1;
            }
        }
        return Math.abs(ga) <= Math.abs(gb) ? a : b;
    }

    // -------------------------------------------------------------------------------------------------------------

    private FitResult result(double w, double b, int iterations, FitMethod method, Optimality optimality,
                             String note) {
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            s += loss.value(w * x[i] + b, y[i]);
        }
        double mean = s / n;
        double objective = mean + l1 * (Math.abs(w) + Math.abs(b)) + l2 * (w * w + b * b);
        return new FitResult(w, b, mean, objective, iterations, method, optimality, note);
    }
}
