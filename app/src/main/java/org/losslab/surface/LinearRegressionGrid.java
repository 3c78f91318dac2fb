package org.losslab.surface;

import java.util.Arrays;
import java.util.Objects;
import org.losslab.kernel.ElementwiseLoss;
import org.losslab.problem.LinearRegressionProblem;
import org.losslab.problem.Regularizer;

/**
 * Exact loss surfaces of one-feature linear regression, fast because they use the structure of the problem.
 *
 * <h2>The surface</h2>
 * Data (x_k, y_k), k = 1..N; model yhat = w x + b; theta = (theta1, theta2) = (w, b); column i of the grid is
 * w_i, row j is b_j (see {@link SurfaceGrid}). The loss is the kernel's mean plus a {@link Penalty}:
 * <pre>
 *   L(w, b) = (1/N) sum_k l(w x_k + b, y_k) + R(w, b),      R = l1 (|w| + |b|) + l2 (w^2 + b^2)
 * </pre>
 * exactly what {@link LinearRegressionProblem#value} computes ({@link #of} and {@link #penaltyOf} adapt one).
 * with the kernel convention residual = prediction - target = w x_k + b - y_k. For N = 0 the mean is 0.
 * A cell-by-cell loop costs O(nx ny N): 655 million kernel calls for 256 x 256 cells over 10,000 points.
 *
 * <h2>MSE: O(N + nx ny)</h2>
 * With means xbar, ybar, centred u_k = x_k - xbar, v_k = y_k - ybar, the least-squares slope
 * beta = S_uv / S_uu and the centred residuals e_k = v_k - beta u_k, every residual is
 * <pre>
 *   w x_k + b - y_k = d u_k - e_k + c,     d = w - beta,   c = w xbar + b - ybar
 *   sum_k r_k^2    = d^2 S_uu + S_ee + N c^2 - 2 d S_ue + 2 d c S_u - 2 c S_e
 * </pre>
 * The last three sums are zero in exact arithmetic and of rounding size here; they are kept so the identity holds
 * for the computed u_k, e_k. The three big terms are all non-negative, so, unlike the raw-moment form
 * {@code w^2 Sxx + 2wb Sx + ... + Syy}, nothing cancels near the minimum: the result stays accurate to rounding
 * relative to the loss itself even when the fit is nearly perfect.
 *
 * <h2>MAE and quantile: O(N + ny) per column</h2>
 * Fix a column (one w) and let r_k = y_k - w x_k, so the kernel residual is b - r_k. With the sorted row values
 * b_0 &lt; ... &lt; b_{G-1} (G = ny, step h), each r_k falls in exactly one gap
 * <pre>
 *   g(r) = #{ j : b_j &lt;= r }  in 0..G,      i.e.  b_{g-1} &lt;= r &lt; b_g      (b_{-1} = -inf, b_G = +inf)
 * </pre>
 * found by index arithmetic, {@code g = clamp(floor((r - b_0) / h) + 1, 0, G)}: no sort, no search. Per gap we
 * keep a count and the two sums of distances to the gap's ends, {@code sum (b_g - r)} and
 * {@code sum (r - b_{g-1})}. Then
 * <pre>
 *   S_j = sum_{r &lt; b_j} (b_j - r):    S_j = S_{j-1} + n_{&lt;=j-1} (b_j - b_{j-1}) + sum_{gap j} (b_j - r)
 *   T_j = sum_{r &gt;= b_j} (r - b_j):   T_j = T_{j+1} + n_{&gt;=j+1} (b_{j+1} - b_j) + sum_{gap j+1} (r - b_j)
 * </pre>
 * one sweep up and one down. Every term is non-negative, so the running totals cannot cancel and the result is
 * accurate relative to the loss itself. Finally
 * <pre>
 *   MAE:            L = (T_j + S_j) / N
 *   quantile(tau):  L = (tau T_j + (1 - tau) S_j) / N        (u = target - prediction = r - b; tau u for u &gt; 0)
 * </pre>
 * Ties need no care: a residual on a grid line contributes 0 to that row whichever side it is counted on, and
 * one that index rounding puts in the neighbouring gap only turns a rounding-sized distance into its negative.
 *
 * <h2>Huber(delta): O(N + ny) per column</h2>
 * With d = b - r the loss of one point is delta (|d| - delta/2) for |d| &gt; delta and d^2/2 inside. Each point
 * has three gap indices, at its knots r - delta, r and r + delta:
 * <pre>
 *   s = #{ b_j &lt;= r - delta },   g = #{ b_j &lt;= r },   q = #{ b_j &lt;= r + delta }      (s &lt;= g &lt;= q)
 *   j &lt;  s:       far above, linear:   delta (r - b_j) - delta^2/2
 *   s &lt;= j &lt; g:   right window:        (r - b_j)^2 / 2
 *   g &lt;= j &lt; q:   left window:         (b_j - r)^2 / 2
 *   j &gt;= q:       far below, linear:   delta (b_j - r) - delta^2/2
 * </pre>
 * An upward sweep carries the left window's count W0, sum W1 = sum (b_j - r) and sum of squares W2, shifted by
 * h = b_j - b_{j-1} as {@code W2 += h (2 W1 + h W0), W1 += h W0}; points enter at g (with their distance to
 * b_g) and move to the linear set at q (with their distance to b_q). A downward sweep does the same for the right
 * window and the far-above set. In each sweep every point's distance only grows, the shifts add non-negative
 * terms, and a point leaves the window only when its linear loss is at least delta^2/2: the rounding of the
 * subtraction is bounded by the loss that point then contributes, so the result is accurate relative to the loss
 * (an emptied window restarts from exact zeros). Points below the whole window range (q = 0) or above it
 * (s = G) go straight to the linear sums. The per-gap sums come from one bucketing per point into sub-buckets
 * that split each gap where q and s change ({@link #splitSums}), which costs five sums per point instead of
 * eleven.
 *
 * <p>Smooth L1(beta) is Huber(delta = beta) / beta (beta > 0) and MAE (beta = 0), so it takes these paths too.
 * Other elementwise losses use the cell-by-cell loop ({@link #computeCellByCell}).
 *
 * <h2>Threads</h2>
 * Columns are the units of {@link Workers#run}, {@link #COLUMNS_PER_CHUNK} per claim, so cancellation is checked
 * every few columns. Scratch buffers (a few ny doubles, plus the sub-buckets for Huber) are allocated once per
 * worker per call; the per-point loops allocate nothing. An instance holds an immutable copy of the data and may be used from several threads at once.
 */
public final class LinearRegressionGrid {
    /**
     * Columns per claim: eight adjacent columns share the cache lines of every row they write, so one worker
     * takes them together (no false sharing between cores on the output array).
     */
    static final int COLUMNS_PER_CHUNK = 8;

    private final double[] x;
    private final double[] y;
    private final int n;

    // MSE moments (see the class comment)
    private final double meanX;
    private final double meanY;
    private final double sumU;
    private final double sumUU;
    private final double beta;
    private final double sumE;
    private final double sumUE;
    private final double sumEE;

    /** The surface of the data (x_k, y_k), k &lt; x.length (copied). */
    public LinearRegressionGrid(double[] x, double[] y) {
        this(x, y, x.length);
    }

    /**
     * The surface of the first {@code n} points (copied).
     *
     * @throws IllegalArgumentException when the arrays are shorter than n or hold a non-finite value
     */
    public LinearRegressionGrid(double[] x, double[] y, int n) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (n < 0 || x.length < n || y.length < n) {
            throw new IllegalArgumentException("need " + n + " points, got x: " + x.length + ", y: " + y.length);
        }
        this.n = n;
        this.x = Arrays.copyOf(x, n);
        this.y = Arrays.copyOf(y, n);
        for (int k = 0; k < n; k++) {
            if (!Double.isFinite(this.x[k]) || !Double.isFinite(this.y[k])) {
                throw new IllegalArgumentException("point " + k + " is not finite: (" + x[k] + ", " + y[k] + ")");
            }
        }
        double sx = 0.0;
        double sy = 0.0;
        for (int k = 0; k < n; k++) {
            sx += this.x[k];
            sy += this.y[k];
        }
        meanX = n == 0 ? 0.0 : sx / n;
        meanY = n == 0 ? 0.0 : sy / n;
        double su = 0.0;
        double suu = 0.0;
        double suv = 0.0;
        for (int k = 0; k < n; k++) {
            double u = this.x[k] - meanX;
            double v = this.y[k] - meanY;
            su += u;
            suu += u * u;
            suv += u * v;
        }
        sumU = su;
        sumUU = suu;
        beta = suu > 0.0 ? suv / suu : 0.0;
        double se = 0.0;
        double sue = 0.0;
        double see = 0.0;
        for (int k = 0; k < n; k++) {
            double u = this.x[k] - meanX;
            double e = (this.y[k] - meanY) - beta * u;
            se += e;
            sue += u * e;
            see += e * e;
        }
        sumE = se;
        sumUE = sue;
        sumEE = see;
    }

    /** The surface of a linear-regression problem's data (its loss and penalty go to {@link #compute}). */
    public static LinearRegressionGrid of(LinearRegressionProblem problem) {
        return new LinearRegressionGrid(problem.x(), problem.y());
    }

    /** The penalty of a problem's regularizer: the same l1 and l2 weights, on both parameters. */
    public static Penalty penaltyOf(Regularizer regularizer) {
        return new Penalty(regularizer.l1(), regularizer.l2());
    }

    /**
     * The surface of {@code problem} into {@code out}: its data, loss and regularizer through {@link #compute}
     * (structured when the loss has a fast path).
     */
    public static boolean compute(LinearRegressionProblem problem, SurfaceGrid out, Workers workers,
                                  CancelToken token) {
        return of(problem).compute(problem.loss(), penaltyOf(problem.regularizer()), out, workers, token);
    }

    /** The number of data points N. */
    public int size() {
        return n;
    }

    /** A copy of the x values. */
    public double[] x() {
        return x.clone();
    }

    /** A copy of the y values. */
    public double[] y() {
        return y.clone();
    }

    /**
     * Whether {@link #compute} has an exact structured path for this loss: mse, mae, huber, quantile and
     * smooth_l1. Others fall back to the cell-by-cell loop.
     */
    public static boolean hasFastPath(ElementwiseLoss loss) {
        switch (loss.id()) {
            case "mse":
            case "mae":
            case "huber":
            case "quantile":
            case "smooth_l1":
                return true;
            default:
                return false;
        }
    }

    /**
     * Fills {@code out} with L(w, b) for this loss: through its structured path when there is one
     * ({@link #hasFastPath}), else cell by cell. Updates the statistics and sets the stride to 1 when complete.
     *
     * @return true when complete, false when cancelled (then the values are partial and stats untouched)
     */
    public boolean compute(ElementwiseLoss loss, Penalty penalty, SurfaceGrid out, Workers workers,
                           CancelToken token) {
        switch (loss.id()) {
            case "mse":
                return computeMse(penalty, out, workers, token);
            case "mae":
                return computeMae(penalty, out, workers, token);
            case "quantile":
                return computeQuantile(loss.param("tau"), penalty, out, workers, token);
            case "huber":
                return computeHuber(loss.param("delta"), penalty, out, workers, token);
            case "smooth_l1": {
                double beta = loss.param("beta");
                return beta > 0.0 ? huber(beta, 1.0 / beta, penalty, out, workers, token)
                        : computeMae(penalty, out, workers, token);
            }
            default:
                return computeCellByCell(loss, penalty, out, workers, token);
        }
    }

    /** MSE, (1/N) sum (w x + b - y)^2 + penalty, in O(N + nx ny) (see the class comment). */
    public boolean computeMse(Penalty penalty, SurfaceGrid out, Workers workers, CancelToken token) {
        Axis ax = new Axis(out, penalty);
        int nx = out.nx();
        int ny = out.ny();
        double[] values = out.values();
        double[] b = ax.b;
        double[] penB = ax.penB;
        double invN = n == 0 ? 0.0 : 1.0 / n;
        double count = n;
        boolean complete = workers.run(nx, COLUMNS_PER_CHUNK, token, (worker, from, to) -> {
            for (int i = from; i < to; i++) {
                double w = out.theta1(i);
                double d = w - beta;
                double dd = d * d * sumUU + sumEE - 2.0 * d * sumUE;
                double penW = ax.penW(w);
                for (int j = 0; j < ny; j++) {
                    double c = w * meanX + b[j] - meanY;
                    double sum = dd + count * c * c + 2.0 * c * (d * sumU - sumE);
                    values[j * nx + i] = sum * invN + penW + penB[j];
                }
            }
        });
        return finish(out, complete);
    }

    /** MAE, (1/N) sum |w x + b - y| + penalty, in O(N + ny) per column. */
    public boolean computeMae(Penalty penalty, SurfaceGrid out, Workers workers, CancelToken token) {
        return absolute(1.0, 1.0, penalty, out, workers, token);
    }

    /**
     * Quantile (pinball) loss, (1/N) sum max(tau u, (tau - 1) u) with u = y - (w x + b), plus penalty, in
     * O(N + ny) per column.
     *
     * @param tau in [0, 1]
     */
    public boolean computeQuantile(double tau, Penalty penalty, SurfaceGrid out, Workers workers,
                                   CancelToken token) {
        if (!(tau >= 0.0 && tau <= 1.0)) {
            throw new IllegalArgumentException("tau must be in [0, 1], got " + tau);
        }
        return absolute(tau, 1.0 - tau, penalty, out, workers, token);
    }

    /**
     * Huber loss, (1/N) sum huber_delta(w x + b - y) + penalty, in O(N + ny) per column.
     *
     * @param delta &gt; 0 and finite
     */
    public boolean computeHuber(double delta, Penalty penalty, SurfaceGrid out, Workers workers,
                                CancelToken token) {
        return huber(delta, 1.0, penalty, out, workers, token);
    }

    /**
     * The plain loop: for every cell, {@code (1/N) sum_k loss.value(w x_k + b, y_k)} plus the penalty. O(nx ny N);
     * the reference the structured paths are measured against, and the path of losses without one. Columns are
     * split across the workers like the structured paths.
     */
    public boolean computeCellByCell(ElementwiseLoss loss, Penalty penalty, SurfaceGrid out, Workers workers,
                                     CancelToken token) {
        Objects.requireNonNull(loss, "loss");
        Axis ax = new Axis(out, penalty);
        int nx = out.nx();
        int ny = out.ny();
        double[] values = out.values();
        double[] b = ax.b;
        double[] penB = ax.penB;
        double[] xs = x;
        double[] ys = y;
        int count = n;
        boolean complete = workers.run(nx, COLUMNS_PER_CHUNK, token, (worker, from, to) -> {
            for (int i = from; i < to; i++) {
                double w = out.theta1(i);
                double penW = ax.penW(w);
                for (int j = 0; j < ny; j++) {
                    double bj = b[j];
                    double sum = 0.0;
                    for (int k = 0; k < count; k++) {
                        sum += loss.value(w * xs[k] + bj, ys[k]);
                    }
                    values[j * nx + i] = (count == 0 ? 0.0 : sum / count) + penW + penB[j];
                }
            }
        });
        return finish(out, complete);
    }

    // ---------------------------------------------------------------------------------------------------------
    // MAE / quantile

    private boolean absolute(double above, double below, Penalty penalty, SurfaceGrid out, Workers workers,
                             CancelToken token) {
        Axis ax = new Axis(out, penalty);
        int nx = out.nx();
        Scratch[] scratch = new Scratch[workers.parallelism()];
        double invN = n == 0 ? 0.0 : 1.0 / n;
        boolean complete = workers.run(nx, COLUMNS_PER_CHUNK, token, (worker, from, to) -> {
            Scratch sc = scratch[worker];
            if (sc == null) {
                sc = new Scratch(4 * (ax.b.length + 1));
                scratch[worker] = sc;
            }
            for (int i = from; i < to; i++) {
                double w = out.theta1(i);
                absoluteColumn(w, x, y, n, ax, sc, above, below, invN, out.values(), i, nx);
            }
        });
        return finish(out, complete);
    }

    /**
     * One column of the MAE / quantile surface: {@code out[j nx + i] = (above T_j + below S_j) / N + penalty} with
     * S_j, T_j as in the class comment. The points go in blocks of {@link Scratch#BLOCK}: first the residuals and
     * their gap indices (a loop the JIT vectorizes), then the scatter into the per-gap sums.
     *
     * <p>Gap index: {@code g = clamp(floor((r - b_0) / h) + 1, 0, G) = #{j : b_j <= r}}, so that
     * {@code b_{g-1} <= r < b_g}; a residual within rounding of a grid line may land in the neighbouring gap,
     * which changes its contribution by a rounding-sized distance only (both sums are of signed distances).
     *
     * <p>Scratch {@code acc}: per gap g = 0..G {count, sum (b_g - r), sum (r - b_{g-1})}, then S_j.
     */
    static void absoluteColumn(double w, double[] x, double[] y, int n, Axis ax, Scratch sc, double above,
                               double below, double invN, double[] out, int i, int nx) {
        double[] b = ax.b;
        double[] up = ax.up;
        double[] lo = ax.lo;
        double[] acc = sc.acc;
        double[] rb = sc.r;
        int[] gb = sc.g;
        int gCount = b.length;
        int sOff = 3 * (gCount + 1);
        Arrays.fill(acc, 0, sOff, 0.0);
        double invH = ax.invH;
        double offset = 1.0 - b[0] * invH;
        for (int k0 = 0; k0 < n; k0 += Scratch.BLOCK) {
            int len = Math.min(Scratch.BLOCK, n - k0);
            for (int k = 0; k < len; k++) {
                double r = y[k0 + k] - w * x[k0 + k];
                rb[k] = r;
                gb[k] = Math.min(Math.max((int) (r * invH + offset), 0), gCount);
            }
            for (int k = 0; k < len; k++) {
                int g = gb[k];
                double r = rb[k];
                int a = 3 * g;
                acc[a] += 1.0;
                acc[a + 1] += up[g] - r;
                acc[a + 2] += r - lo[g];
            }
        }
        // upward: S_j = sum_{r < b_j} (b_j - r)
        double s = 0.0;
        double c = 0.0;
        for (int j = 0; j < gCount; j++) {
            if (j > 0) {
                s += c * (b[j] - b[j - 1]);
            }
            int a = 3 * j;
            s += acc[a + 1];
            c += acc[a];
            acc[sOff + j] = s;
        }
        // downward: T_j = sum_{r >= b_j} (r - b_j), combined with S_j
        double penW = ax.penW(w);
        double[] penB = ax.penB;
        double t = 0.0;
        c = 0.0;
        for (int j = gCount - 1; j >= 0; j--) {
            if (j < gCount - 1) {
                t += c * (b[j + 1] - b[j]);
            }
            int a = 3 * (j + 1);
            t += acc[a + 2];
            c += acc[a];
            out[j * nx + i] = (above * t + below * acc[sOff + j]) * invN + penW + penB[j];
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Huber

    private boolean huber(double delta, double scale, Penalty penalty, SurfaceGrid out, Workers workers,
                          CancelToken token) {
        if (!(delta > 0.0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("delta must be finite and > 0, got " + delta);
        }
        Axis ax = new Axis(out, penalty);
        HuberSplit split = HuberSplit.of(ax, delta);
        int nx = out.nx();
        int gCount = ax.b.length;
        int accLength = 11 * (gCount + 2) + gCount;
        Scratch[] scratch = new Scratch[workers.parallelism()];
        double factor = n == 0 ? 0.0 : scale / n;
        boolean complete = workers.run(nx, COLUMNS_PER_CHUNK, token, (worker, from, to) -> {
            Scratch sc = scratch[worker];
            if (sc == null) {
                sc = new Scratch(accLength);
                if (split != null) {
                    sc.sub = split.template.clone();
                }
                scratch[worker] = sc;
            }
            for (int i = from; i < to; i++) {
                double w = out.theta1(i);
                huberColumn(w, x, y, n, ax, split, delta, sc, factor, out.values(), i, nx);
            }
        });
        return finish(out, complete);
    }

    /**
     * One column of the Huber surface: {@code out[j nx + i] = factor * sum_k huber(b_j - r_k) + penalty}.
     *
     * <p>The per-gap sums of the class comment are gathered in one of two ways, then swept (see
     * {@link #huberSweeps}). With gap indices as in {@link #absoluteColumn}
     * <pre>
     *   g = #{b_j <= r},   q = #{b_j <= r + delta},   s = #{b_j <= r - delta}      (s <= g <= q)
     * </pre>
     * the sums are, per r-gap g: {count, sum dl, sum dl^2, sum dr, sum dr^2} with dl = b_g - r, dr = r - b_{g-1};
     * per q-gap: {count, sum (b_q - r), sum (b_q - r)^2}; per s-gap: {count, sum (r - b_{s-1}), sum (r - b_{s-1})^2}.
     * A point with q = 0 lies below every window of the column and is kept only in q-slot 0 (which then holds
     * the far-below linear sums, count and sum (b_0 - r)); one with s = G only in s-slot G (far above).
     * <ul>
     *   <li>{@link HuberSplit} (when delta / h is at most 2G): one bucketing into sub-buckets, then the sums
     *       above per sub-bucket, see {@link #splitSums};</li>
     *   <li>otherwise three bucketings per point straight into the sums ({@link #directSums}).</li>
     * </ul>
     */
    static void huberColumn(double w, double[] x, double[] y, int n, Axis ax, HuberSplit split, double delta,
                            Scratch sc, double factor, double[] out, int i, int nx) {
        int gCount = ax.b.length;
        int pOff = 5 * (gCount + 2);
        int mOff = pOff + 3 * (gCount + 1);
        int lowOff = mOff + 3 * (gCount + 1);
        Arrays.fill(sc.acc, 0, lowOff, 0.0);
        if (split != null) {
            splitSums(w, x, y, n, ax, split, sc, pOff, mOff);
        } else {
            directSums(w, x, y, n, ax, delta, sc, pOff, mOff);
        }
        huberSweeps(sc.acc, ax, delta, pOff, mOff, lowOff, factor, ax.penW(w), out, i, nx);
    }

    /**
     * The per-gap sums through sub-buckets: one bucketing and five sums per point instead of three bucketings
     * and eleven sums.
     *
     * <p>Write delta / h = K + phi (K whole, 0 &lt;= phi &lt; 1). The q-gap of r changes where r + delta crosses a
     * grid line, i.e. where the fractional position f of r inside its gap crosses 1 - phi; the s-gap changes
     * where f crosses phi. Splitting every gap at phi and 1 - phi gives at most three sub-buckets, and all three
     * indices g, q, s are constant on each (precomputed in {@link HuberSplit}). The grid is extended by K + 2
     * virtual gaps below b_0 and above b_{G-1} so that every point within delta of the rows has its own
     * sub-bucket; points beyond fall into the outermost virtual gaps, which are wholly far below (q = 0) or far
     * above (s = G).
     *
     * <p>Per sub-bucket with lower and upper ends a_lo, a_hi the points add {count, sum e, sum e^2, sum d,
     * sum d^2} with e = a_hi - r and d = r - a_lo, both &gt;= 0. The per-gap sums then follow by exact shifts
     * whose three terms are all non-negative (so nothing cancels), e.g. for dl = b_g - r with D = b_g - a_hi:
     * <pre>
     *   sum dl = n D + sum e,     sum dl^2 = n D^2 + 2 D sum e + sum e^2
     * </pre>
     * and likewise dp = b_q - r from e, dr = r - b_{g-1} and dm = r - b_{s-1} from d.
     */
    static void splitSums(double w, double[] x, double[] y, int n, Axis ax, HuberSplit split, Scratch sc,
                          int pOff, int mOff) {
        double[] acc = sc.acc;
        double[] sub = sc.sub;
        int slots = split.slots;
        splitScatter(w, x, y, n, ax.invH, split, sub);
        int gCount = ax.b.length;
        double[] up = ax.up;
        double[] lo = ax.lo;
        double b0 = ax.b[0];
        double bLast = ax.b[gCount - 1];
        int farHigh = mOff + 3 * gCount;
        double[] aHi = split.hi;
        double[] aLo = split.lo;
        for (int slot = 0; slot < slots; slot++) {
            int a = HuberSplit.STRIDE * slot;
            double c = sub[a];
            if (c == 0.0) {
                continue;
            }
            double e1 = sub[a + 1];
            double d1 = sub[a + 3];
            int q = split.q[slot];
            int s = split.s[slot];
            if (q == 0) {
                acc[pOff] += c;
                acc[pOff + 1] += c * (b0 - aHi[slot]) + e1;
                continue;
            }
            if (s == gCount) {
                acc[farHigh] += c;
                acc[farHigh + 1] += c * (aLo[slot] - bLast) + d1;
                continue;
            }
            double e2 = sub[a + 2];
            double d2 = sub[a + 4];
            int g = split.g[slot];
            double dl = up[g] - aHi[slot];
            double dr = aLo[slot] - lo[g];
            int ar = 5 * g;
            acc[ar] += c;
            acc[ar + 1] += c * dl + e1;
            acc[ar + 2] += (c * dl + 2.0 * e1) * dl + e2;
            acc[ar + 3] += c * dr + d1;
            acc[ar + 4] += (c * dr + 2.0 * d1) * dr + d2;
            double dp = up[q] - aHi[slot];
            int ap = pOff + 3 * q;
            acc[ap] += c;
            acc[ap + 1] += c * dp + e1;
            acc[ap + 2] += (c * dp + 2.0 * e1) * dp + e2;
            double dm = aLo[slot] - lo[s];
            int am = mOff + 3 * s;
            acc[am] += c;
            acc[am + 1] += c * dm + d1;
            acc[am + 2] += (c * dm + 2.0 * d1) * dm + d2;
        }
    }

    /**
     * The hot loop of {@link #splitSums}: zeroes the sums of every sub-bucket, then adds each point to its
     * sub-bucket. One loop (measured faster here than a separate index pass); the slot of a point holds its sums
     * and, in the same cache line, the sub-bucket's ends.
     */
    static void splitScatter(double w, double[] x, double[] y, int n, double invH, HuberSplit split,
                             double[] sub) {
        int slots = split.slots;
        for (int slot = 0; slot < slots; slot++) {
            int a = HuberSplit.STRIDE * slot;
            sub[a] = 0.0;
            sub[a + 1] = 0.0;
            sub[a + 2] = 0.0;
            sub[a + 3] = 0.0;
            sub[a + 4] = 0.0;
        }
        double offset = split.offset;
        int lastGap = split.gaps - 1;
        double c1 = split.cut1;
        double c2 = split.cut2;
        for (int k = 0; k < n; k++) {
            double r = y[k] - w * x[k];
            double t = r * invH + offset;
            int m = Math.min(Math.max((int) t, 0), lastGap);
            double f = t - m;
            int a = HuberSplit.STRIDE * (3 * m + (f >= c1 ? 1 : 0) + (f >= c2 ? 1 : 0));
            double e = sub[a + HuberSplit.HI] - r;
            double d = r - sub[a + HuberSplit.LO];
            sub[a] += 1.0;
            sub[a + 1] += e;
            sub[a + 2] += e * e;
            sub[a + 3] += d;
            sub[a + 4] += d * d;
        }
    }

    /**
     * The per-gap sums by three bucketings per point, all from one {@code t = (r - b_0) / h + 1}:
     * {@code g = clamp(floor(t))}, {@code q = clamp(floor(t + delta/h))}, {@code s = clamp(floor(t - delta/h))}.
     * Far-below and far-above points put their r-gap sums in a spare slot G + 1 that no sweep reads, which keeps
     * the loop free of branches. Used when delta is so large against the row spacing that sub-buckets would not
     * fit in the cache.
     */
    static void directSums(double w, double[] x, double[] y, int n, Axis ax, double delta, Scratch sc, int pOff,
                           int mOff) {
        double[] b = ax.b;
        double[] up = ax.up;
        double[] lo = ax.lo;
        double[] acc = sc.acc;
        double[] rb = sc.r;
        int[] gb = sc.g;
        int[] qb = sc.q;
        int[] sb = sc.s;
        int gCount = b.length;
        int spare = gCount + 1;
        double invH = ax.invH;
        double offset = 1.0 - b[0] * invH;
        double dH = delta * invH;
        for (int k0 = 0; k0 < n; k0 += Scratch.BLOCK) {
            int len = Math.min(Scratch.BLOCK, n - k0);
            for (int k = 0; k < len; k++) {
                double r = y[k0 + k] - w * x[k0 + k];
                rb[k] = r;
                double t = r * invH + offset;
                gb[k] = Math.min(Math.max((int) t, 0), gCount);
                qb[k] = Math.min(Math.max((int) (t + dH), 0), gCount);
                sb[k] = Math.min(Math.max((int) (t - dH), 0), gCount);
            }
            for (int k = 0; k < len; k++) {
                double r = rb[k];
                int g = gb[k];
                int q = qb[k];
                int s = sb[k];
                int a = 5 * ((q == 0) | (s == gCount) ? spare : g);
                double dl = up[g] - r;
                double dr = r - lo[g];
                acc[a] += 1.0;
                acc[a + 1] += dl;
                acc[a + 2] += dl * dl;
                acc[a + 3] += dr;
                acc[a + 4] += dr * dr;
                int ap = pOff + 3 * q;
                double dp = up[q] - r;
                acc[ap] += 1.0;
                acc[ap + 1] += dp;
                acc[ap + 2] += dp * dp;
                int am = mOff + 3 * s;
                double dm = r - lo[s];
                acc[am] += 1.0;
                acc[am + 1] += dm;
                acc[am + 2] += dm * dm;
            }
        }
    }

    /**
     * The two sweeps of the Huber surface over the per-gap sums (layout of {@link #huberColumn}): upward the left
     * window (g &lt;= j &lt; q) and the far-below set (j &gt;= q), downward the right window (s &lt;= j &lt; g) and
     * the far-above set (j &lt; s). q-slot 0 and s-slot G hold only far points, so they start the linear sums and
     * are never taken out of a window.
     */
    static void huberSweeps(double[] acc, Axis ax, double delta, int pOff, int mOff, int lowOff, double factor,
                            double penW, double[] out, int i, int nx) {
        double[] b = ax.b;
        int gCount = b.length;
        double halfDelta2 = 0.5 * delta * delta;
        double w0 = 0.0;
        double w1 = 0.0;
        double w2 = 0.0;
        double l0 = acc[pOff];
        double l1 = acc[pOff + 1];
        for (int j = 0; j < gCount; j++) {
            int a = 5 * j;
            if (j > 0) {
                double h = b[j] - b[j - 1];
                w2 += h * (2.0 * w1 + h * w0);
                w1 += h * w0;
                l1 += h * l0;
                int ap = pOff + 3 * j;
                double leaving = acc[ap];
                double leaving1 = acc[ap + 1];
                w0 += acc[a] - leaving;
                w1 += acc[a + 1] - leaving1;
                w2 += acc[a + 2] - acc[ap + 2];
                l0 += leaving;
                l1 += leaving1;
            } else {
                w0 += acc[a];
                w1 += acc[a + 1];
                w2 += acc[a + 2];
            }
            if (w0 == 0.0) {
                w1 = 0.0;
                w2 = 0.0;
            }
            acc[lowOff + j] = delta * l1 - halfDelta2 * l0 + 0.5 * w2;
        }
        double v0 = 0.0;
        double v1 = 0.0;
        double v2 = 0.0;
        double u0 = acc[mOff + 3 * gCount];
        double u1 = acc[mOff + 3 * gCount + 1];
        double[] penB = ax.penB;
        for (int j = gCount - 1; j >= 0; j--) {
            int a = 5 * (j + 1);
            if (j < gCount - 1) {
                double h = b[j + 1] - b[j];
                v2 += h * (2.0 * v1 + h * v0);
                v1 += h * v0;
                u1 += h * u0;
                int am = mOff + 3 * (j + 1);
                double leaving = acc[am];
                double leaving1 = acc[am + 1];
                v0 += acc[a] - leaving;
                v1 += acc[a + 3] - leaving1;
                v2 += acc[a + 4] - acc[am + 2];
                u0 += leaving;
                u1 += leaving1;
            } else {
                v0 += acc[a];
                v1 += acc[a + 3];
                v2 += acc[a + 4];
            }
            if (v0 == 0.0) {
                v1 = 0.0;
                v2 = 0.0;
            }
            double total = acc[lowOff + j] + delta * u1 - halfDelta2 * u0 + 0.5 * v2;
            out[j * nx + i] = total * factor + penW + penB[j];
        }
    }

    /**
     * The sub-bucket layout of one Huber computation (shared read-only by the workers): the virtual gaps, the
     * cut points inside a gap, each sub-bucket's ends and its g, q, s.
     */
    static final class HuberSplit {
        /** Largest K = floor(delta / h), in multiples of G, for which sub-buckets are used. */
        static final int MAX_K_PER_ROW = 2;
        /**
         * Doubles per sub-bucket in a worker's buffer: count, sum e, sum e^2, sum d, sum d^2, then the ends
         * a_hi and a_lo (so one point touches one slot), one spare.
         */
        static final int STRIDE = 8;
        static final int HI = 5;
        static final int LO = 6;

        final int gaps;
        final int slots;
        final double offset;
        final double cut1;
        final double cut2;
        final double[] lo;
        final double[] hi;
        final int[] g;
        final int[] q;
        final int[] s;
        /** A worker buffer with the ends filled in and the sums zero ({@link #STRIDE} doubles per sub-bucket). */
        final double[] template;

        private HuberSplit(Axis ax, double delta, int k, double phi) {
            int gCount = ax.b.length;
            int ext = k + 2;
            gaps = gCount - 1 + 2 * ext;
            slots = 3 * gaps;
            double invH = ax.invH;
            offset = ext - ax.b[0] * invH;
            cut1 = Math.min(phi, 1.0 - phi);
            cut2 = Math.max(phi, 1.0 - phi);
            double[] cuts = {0.0, cut1, cut2, 1.0};
            lo = new double[slots];
            hi = new double[slots];
            g = new int[slots];
            q = new int[slots];
            s = new int[slots];
            for (int m = 0; m < gaps; m++) {
                int gm = m - ext + 1;
                for (int u = 0; u < 3; u++) {
                    int slot = 3 * m + u;
                    lo[slot] = (m + cuts[u] - offset) / invH;
                    hi[slot] = (m + cuts[u + 1] - offset) / invH;
                    int qUp = cuts[u] >= 1.0 - phi ? 1 : 0;
                    int sDown = cuts[u + 1] <= phi ? 1 : 0;
                    g[slot] = clamp(gm, gCount);
                    q[slot] = clamp(gm + k + qUp, gCount);
                    s[slot] = clamp(gm - k - sDown, gCount);
                }
            }
            template = new double[STRIDE * slots];
            for (int slot = 0; slot < slots; slot++) {
                template[STRIDE * slot + HI] = hi[slot];
                template[STRIDE * slot + LO] = lo[slot];
            }
        }

        /** The layout for this delta, or null when delta / h exceeds {@link #MAX_K_PER_ROW} G. */
        static HuberSplit of(Axis ax, double delta) {
            double dh = delta * ax.invH;
            if (!(dh <= (double) MAX_K_PER_ROW * ax.b.length)) {
                return null;
            }
            int k = (int) Math.floor(dh);
            return new HuberSplit(ax, delta, k, dh - k);
        }

        private static int clamp(int v, int max) {
            return Math.min(Math.max(v, 0), max);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private static boolean finish(SurfaceGrid out, boolean complete) {
        if (complete) {
            out.updateStats();
            out.setStride(1);
        }
        return complete;
    }

    /** Per-worker buffers: the per-gap sums and one block of residuals with their gap indices. */
    static final class Scratch {
        /** Points per block: the residuals and indices of a block stay in the L1 cache between the two loops. */
        static final int BLOCK = 512;
        final double[] acc;
        final double[] r = new double[BLOCK];
        final int[] g = new int[BLOCK];
        final int[] q = new int[BLOCK];
        final int[] s = new int[BLOCK];
        /** The sub-bucket buffer of the Huber path (see {@link HuberSplit#template}), or null. */
        double[] sub;

        Scratch(int accLength) {
            acc = new double[accLength];
        }
    }

    /** The row axis of one computation: the b_j, the gap ends, the index scale and the penalty per row. */
    static final class Axis {
        final double[] b;
        final double[] up;
        final double[] lo;
        final double invH;
        final double[] penB;
        final Penalty penalty;

        Axis(SurfaceGrid grid, Penalty penalty) {
            int g = grid.ny();
            b = new double[g];
            for (int j = 0; j < g; j++) {
                b[j] = grid.theta2(j);
            }
            up = new double[g + 1];
            lo = new double[g + 1];
            for (int k = 0; k <= g; k++) {
                up[k] = b[Math.min(k, g - 1)];
                lo[k] = b[Math.max(k - 1, 0)];
            }
            // one row: any positive scale puts r < b_0 in gap 0 and r >= b_0 in gap 1 after clamping
            invH = g > 1 ? (g - 1) / (b[g - 1] - b[0])
                    : 1.0 / (grid.bounds().max2() - grid.bounds().min2());
            this.penalty = penalty;
            penB = new double[g];
            for (int j = 0; j < g; j++) {
                penB[j] = penalty.term(b[j]);
            }
        }

        /** f(w), the penalty term of a column. */
        double penW(double w) {
            return penalty.term(w);
        }
    }
}
