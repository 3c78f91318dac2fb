package org.losslab.surface;

import java.util.Arrays;
import java.util.Objects;
import org.losslab.kernel.ElementwiseLoss;
import org.losslab.kernel.LossFamily;
import org.losslab.kernel.Numerics;
import org.losslab.problem.LogisticProblem;

/**
 * Exact loss surfaces of one-feature binary classification, fast because they use the structure of the problem.
 *
 * <h2>The surface</h2>
 * Data (x_k, y_k), k = 1..N, labels as the loss takes them ({@link LogisticProblem#y()}); score z = w x + b;
 * column i of the grid is w_i, row j is b_j (see {@link SurfaceGrid}). The loss is the kernel's mean plus a
 * {@link Penalty}, exactly what {@link LogisticProblem#value} computes:
 * <pre>
 *   L(w, b) = (1/N) sum_k l(w x_k + b, y_k) + l1 (|w| + |b|) + l2 (w^2 + b^2)
 * </pre>
 * where a kernel on probabilities (bce) or a regression kernel (mse, mae, ...) sees p = sigmoid(w x_k + b)
 * ({@link Numerics#sigmoid}), as in {@link LogisticProblem}.
 * A cell-by-cell loop costs O(nx ny N) kernel calls, each an exp and a log1p for bce_logits: 65 million of them
 * for 256 x 256 cells over 1,000 points. The paths here cost O(N + G) per column (hinge, squared hinge) and
 * O(N + G + near) per column (bce_logits, bce, mse on sigma; "near" defined below), with G = ny.
 *
 * <h2>One column: sorted scores, no per-column sort</h2>
 * Fix w and write {@code r_k = -fl(w x_k)}, so that the reference's score is {@code z = fl(b - r_k)} and
 * {@code z > 0} exactly when {@code b > r_k}. Rounding is monotone, so the order of the r_k is the order of the
 * x_k, reversed when w &gt; 0: sorting x once (per label class) gives every column's r in ascending order in
 * O(N). For each row b_j the points split at three indices that only move up as j grows:
 * <pre>
 *   lo_j  = #{k : r_k &lt;  b_j - T}       far below the boundary:  z &gt; T
 *   mid_j = #{k : r_k &lt;  b_j}           z &gt; 0 for k &lt; mid_j,  z &lt;= 0 from mid_j on
 *   hi_j  = #{k : r_k &lt;= b_j + T}       far above (z &lt; -T) from hi_j on
 * </pre>
 * with the near/far threshold {@code T = }{@value #NEAR}.
 *
 * <h2>Hinge and squared hinge: O(N + G) per column</h2>
 * Labels -1/+1. For y = +1, {@code max(0, 1 - z) = max(0, r'_k - b)} with {@code r'_k = 1 - w x_k}; for y = -1,
 * {@code max(0, 1 + z) = max(0, b - r''_k)} with {@code r''_k = -1 - w x_k}. So per class one running sum over
 * the sorted r, as in the MAE path of {@link LinearRegressionGrid}:
 * <pre>
 *   S_j = sum_{r &lt; b_j} (b_j - r)^p:     upward, shifting by h = b_j - b_{j-1}:
 *                                         S1 += h S0,   S2 += h (2 S1 + h S0)   (before S1 is shifted)
 *   T_j = sum_{r &gt; b_j} (r - b_j)^p:     the same downward
 * </pre>
 * then the points that crossed b_j enter with their own distance. p = 1 (hinge) or 2 (squared hinge). Every term
 * is non-negative, so nothing cancels.
 *
 * <h2>bce_logits: max part, far part, near part</h2>
 * With pos_weight pw and a label y in [0, 1], {@code l = pw y softplus(-z) + (1 - y) softplus(z)} and
 * {@code softplus(v) = max(v, 0) + phi(v)}, {@code phi(v) = log1p(e^-|v|)} even in v, so with a = pw y,
 * beta = 1 - y, C = a + beta:
 * <pre>
 *   l = a max(-z, 0) + beta max(z, 0) + C phi(z)
 * </pre>
 * The points are grouped by label (at most {@value #MAX_CLASSES} distinct labels, e.g. 0 and 1), each class with
 * its own weights; per class:
 * <ul>
 *   <li><b>max part</b>: beta S_j + a T_j with p = 1, as for the hinge (the r here are {@code -w x_k}).</li>
 *   <li><b>far part</b>, |z| &gt; T, so t = e^-|z| &lt; e^-T: the alternating series
 *       {@code log1p(t) = sum_{q=1}^{m} (-1)^(q+1) t^q / q}, truncated after m = {@value #TERMS} terms. It needs
 *       only the power sums F_q = sum t_k^q over the far points, which follow rows by
 *       <pre>
 *   F_q(j) = F_q(j-1) e^{-q h_j} + sum over points entering the far-below set at j of e^{-q z_kj}
 *       </pre>
 *       upward (far below: z = b_j - r_k), and the same downward for far above (z = r_k - b_j): one exp per point
 *       and direction, m multiply-adds per point and per row. Truncation: the series alternates with decreasing
 *       terms, so its error is at most {@code t^(m+1)/(m+1)}, relative to {@code log1p(t) >= t/(1+t)} at most
 *       {@code e^{-mT} (1 + e^-T)/(m + 1) = 2.4e-17}, below the rounding unit 2^-53 = 1.1e-16. No cancellation
 *       either: the sum lies between F_1 (1 - e^-T / 2) and F_1.</li>
 *   <li><b>near part</b>, |z| &lt;= T: the sum of log1p(t_k) over the window [lo_j, hi_j) as the log of a product,
 *       {@code sum log1p(t_k) = log prod (1 + t_k)}, one log per row. The factors need no exp per cell: with an
 *       anchor c for a block of rows spanning at most {@value #ANCHOR_SPAN} (so |r_k - c| &lt;= 36 inside the
 *       window and nothing over- or underflows),
 *       <pre>
 *   t_k = e^{r_k - c} e^{c - b_j}    (k &lt; mid_j, z &gt; 0),      t_k = e^{c - r_k} e^{b_j - c}    (k &gt;= mid_j)
 *       </pre>
 *       where e^{r_k - c} is one exp per point per block and column, e^{c - r_k} its reciprocal, and the row
 *       factors are tabulated once per surface. Each factor 1 + t_k lies in (1, 2]. Each near point multiplies
 *       its factor into the products of its own rows (a contiguous range, see {@link #near}): a loop over rows
 *       that vectorizes. The row products are rescaled by exact powers of two ({@link Math#getExponent},
 *       {@link Math#scalb}) every {@value #RUN} points, so any window size works with one {@link Math#log} per
 *       row: {@code log(prod) = log(m) + e ln 2}.</li>
 * </ul>
 *
 * <h2>Error bound (bce_logits)</h2>
 * With u = 2^-53 and everything relative to the exact value of the part (all parts and all classes are sums of
 * non-negative terms, so the cell's relative error is at most the largest part's):
 * <ul>
 *   <li>max part: sums of non-negative terms; a point's distance is the reference's own fl(w x + b) at the row
 *       it enters, then grows by row steps: at most about (N + 2G) u.</li>
 *   <li>far part: each e^{-z} at entry carries the reference's own conditioning |z| u plus 1 ulp of exp; each row
 *       step adds 1 ulp of exp(-q h) and one rounding per multiply-add: at most about (3G + N + 2m + |z|) u, plus
 *       the truncation 2.4e-17.</li>
 *   <li>near part: per factor, t carries (|r - c| + |c - b| + 6) u &lt;= (36 + 32 + 6) u = 74 u relative, which
 *       moves log1p(t) by at most as much relatively (t d/dt log1p(t) &lt;= log1p(t)); per factor, rounding
 *       1 + t, the multiply and the share of e ln 2 (e is at most the number of factors, ln 2 &lt; 0.7) add about
 *       3 u in absolute terms to the log, against at least log1p(e^-T) = 0.0181 per factor: at most
 *       3 u / 0.0181 + 74 u, about 250 u in all.</li>
 * </ul>
 * So a cell is within about (N + 3G + 250 + max|z|) u of the exact loss, 2e-13 relative for N = 1,000,
 * G = 256, |z| &lt;= 100 (a cell-by-cell sum of N terms has an error bound of N u itself). Below the smallest normal
 * double, 2.2e-308, relative precision ends for any method (e^-z for z &gt; 708 is subnormal): there the bound is
 * absolute, a few 1e-308. For the hinge losses a margin near zero has an absolute rounding of about
 * u (|w x| + |b| + 1) in any method, the reference included; the running sums add about (N + G) u relative.
 *
 * <h2>bce on probabilities: the bce_logits structure with the reference's clamps</h2>
 * {@link org.losslab.kernel.Bce} on p = sigmoid(z) is, per point,
 * {@code -(y max(log p, -100) + (1 - y) max(log1p(-p), -100))} (the y part skipped for y = 0, the (1 - y) part for
 * y = 1). Since -log sigmoid(z) = softplus(-z) and -log(1 - sigmoid(z)) = softplus(z), away from the clamps this is
 * bce_logits with a = y, beta = 1 - y (pos_weight 1), computed by the same machinery. The clamps are reproduced
 * exactly, decided on the reference's own score fl(w x_k + b_j) = fl(b_j - r_k) against two thresholds found once by
 * bisection over the doubles with the very expressions the reference uses ({@link SigmoidTerm#firstTrue}; all are
 * monotone):
 * <pre>
 *   Z_ONE   = the smallest z with Math.log1p(-Numerics.sigmoid(z)) &lt;= -100 = 36.73680056967711 (0x1.25e4f7b2737fbp5)
 *             (exactly where sigmoid(z) rounds to 1.0; below it p &lt; 1, so log1p(-p) &gt;= log 2^-53 &gt; -37)
 *   Z_FLOOR = the largest z with Math.log(Numerics.sigmoid(z)) &lt;= -100 = -100.0
 *
 *   z &gt;= Z_ONE:            l = 100 beta               (log1p(-1) = -inf clamped; the y part log(1.0) = 0 exactly)
 *   Z_FLOOR &lt; z &lt; Z_ONE:   l = a softplus(-z) + beta softplus(z)
 *   z &lt;= Z_FLOOR:          l = 100 a + beta softplus(z)   (only for a &gt; 0: for y = 0 Bce has no y part)
 * </pre>
 * fl(b_j - r_k) is monotone in r_k and in b_j, so per class the points with z &gt;= Z_ONE are a prefix [0, s_j) of the
 * sorted r and those with z &lt;= Z_FLOOR a suffix [u_j, m), both boundaries moving like lo_j, mid_j, hi_j. The upward
 * sweep keeps its max-part sum (of z over [s_j, mid_j)) and its far power sums F_q (over [s_j, lo_j)) over the
 * unsaturated band only: a point leaves them when it saturates (its own z, and its powers e^{-q z}, subtracted),
 * and the sums restart at exactly 0 whenever the band is empty; the saturated points add 100 beta s_j, counted.
 * The downward sweep does the same with [mid_j, u_j) for the max part (weight a) and [hi_j, u_j) for the far sums
 * of weight a, and keeps a second set of far sums over the whole far-above set [hi_j, m) for beta (a saturated
 * point still has its beta softplus(z), which is e^z &lt; 4e-44 there); the saturated points add 100 a (m - u_j). The
 * near window |z| &lt;= T lies between the thresholds (T = 4 &lt; 36.7), so the near part is bce_logits' with C = 1.
 *
 * <p><b>What is computed, and why it is the more exact value.</b> Away from the clamps the path computes
 * softplus(-z) and softplus(z) to the bound below, whereas the reference first rounds p: 1 - p = sigmoid(-z) ~ e^-z
 * then carries an absolute error of up to u/2 (u = 2^-53), a relative error of up to about u/2 e^z, so its
 * log1p(-p) is off by up to about 2 u (1 + e^z) absolutely (at z = 30 that is 2e-3: 12 of its 16 digits
 * are lost; its log p near p = 1 is off by about u). A comparison with the reference therefore allows
 * {@code |fast - ref| <= 1e-12 |ref| + (1/N) sum_k e_k} with e_k = 4 u (1 + e^{z_k}) for a point whose (1 - y) part
 * is below the clamp and e_k = 4 u otherwise; against the exact softplus form with the same clamps the path is
 * within the bound below. The clamp values themselves (100 beta, 100 a, and exactly 0 for the y part above Z_ONE)
 * are the reference's exactly: a cell where one label-0 point saturates gets exactly 100/N from it.
 *
 * <p><b>Error bound (bce).</b> That of bce_logits, plus what the removals leave behind. A removal from the max part
 * subtracts a z &lt; Z_ONE + h (upward) or a -z &lt; 100 + h (downward) and leaves a rounding of at most u times the
 * band sum, which is less than N Z_ONE (resp. 100 N) in absolute terms, while the removed point adds 100 beta (resp.
 * 100 a) to the cell from then on: relative to the cell at most about N u more. The far sums decay with the values,
 * so their accumulated rounding is relative to the sum of the current t^q of every point that ever entered,
 * saturated ones included; those have t &lt; e^{-Z_ONE} = 1.1e-16 (resp. e^-100) each, so after a removal the
 * leftover is at most about N u^2 absolute against at least u for any point still in the band: again at most
 * about N u relative. A cell is thus within about (2N + 3G + 250 + max|z|) u of the exact (clamped) loss.
 *
 * <h2>mse on sigma: counts, two series and a rational near part</h2>
 * A regression kernel on p = sigmoid(z) with labels exactly 0 and 1 (other labels: the cell-by-cell loop): per
 * point (sigmoid(z) - y)^2 = sigmoid(v)^2 with v = z for y = 0 and v = -z for y = 1 (sigmoid(z) - 1 = -sigmoid(-z)).
 * With t = e^-|z| &lt;= e^-T for a far point (|z| &gt; T, the same lo_j, hi_j as above; T = {@value #NEAR}):
 * <pre>
 *   v &gt;  T:  sigmoid(v)^2 = 1/(1 + t)^2   = sum_{q&gt;=0} (-1)^q (q + 1) t^q  -&gt;  count + sum_q (-1)^q (q + 1) F_q
 *   v &lt; -T:  sigmoid(v)^2 = t^2/(1 + t)^2 = sum_{q&gt;=2} (-1)^q (q - 1) t^q  -&gt;  sum_q (-1)^q (q - 1) F_q
 * </pre>
 * with the power sums F_q of the far-below set (z &gt; T, t = e^-z, upward) and of the far-above set (z &lt; -T,
 * t = e^z, downward) as bce_logits keeps them, for q = 1..{@value SigmoidTerm#MSE_TERMS}: for label 0 the far-below
 * points take the first series (count lo_j) and the far-above ones the second, for label 1 the reverse (count
 * m - hi_j). No max part. Near points (|z| &lt;= T): per point and per row, with t from the tabulated anchor factors
 * as in {@link #near} (e^{r_k - c} e^{c - b_j} for z &gt; 0, e^{c - r_k} e^{b_j - c} for z &lt;= 0), s = 1/(1 + t) or
 * t/(1 + t) and {@code col[j] += s * s}: a plain loop over contiguous rows, no calls, no branches, which the JIT
 * vectorizes.
 *
 * <p><b>Error bound (mse).</b> Both series alternate with decreasing terms (ratio at most 2t &lt; 1), so the
 * truncation after q = 11 is at most the first omitted term: 13 t^12 &lt;= 13 e^-48 = 2e-20 against 1/(1+t)^2 &gt;=
 * 0.964, and 11 t^12 against t^2/(1+t)^2 &gt;= 0.964 t^2, i.e. at most 11 e^-40 / 0.964 = 4.9e-17 &lt; u relative.
 * Neither cancels: the sum of the magnitudes of the terms is at most 1.04 times the leading one (the count,
 * resp. F_2), and the value at least 0.96 times it. The F_q carry (3G + N + 2m + |z|) u relative as for bce_logits.
 * A near term: t carries at most 74 u relative (as for bce_logits), s^2 has relative condition at most 2 in t, plus
 * four roundings: about 152 u. So a cell is within about (N + 3G + 160 + max|z|) u of the exact value. The
 * reference's (p - 1)^2 with p rounded near 1 is off by about u (1 - p) &lt;= u per point absolutely, so a comparison
 * with it allows 1e-12 relative plus a few u absolute.
 *
 * <h2>Limits and fallbacks</h2>
 * Exact paths: bce_logits (any pos_weight) and bce on probabilities (labels in [0, 1] with at most
 * {@value #MAX_CLASSES} distinct values, |b| and |w| max|x| at most 2^40 so that the thresholds b &plusmn; T are
 * sharp), mse on sigma (labels exactly 0 and 1, the same magnitudes), hinge and squared hinge (labels exactly -1
 * and +1), focal (labels 0 and 1, gamma at most {@value FocalGrid#GAMMA_CAP}, the same magnitude limits;
 * {@link FocalGrid}, whose plan rides in the term array). Everything else (other regression kernels, other labels,
 * focal above the gamma cap) takes the cell-by-cell loop {@link #computeCellByCell}, which computes what
 * {@link LogisticProblem#value} does (sigmoid first for bce and the regression kernels).
 * {@link #hasFastPath(LogisticProblem)} tells {@link ProblemGrid} which problems to send here.
 *
 * <h2>Threads</h2>
 * Columns are the units of {@link Workers#run}, {@link #COLUMNS_PER_CHUNK} adjacent columns per claim (they share
 * the cache lines of every row they write, so no two cores write the same line), and the {@link CancelToken} is
 * read before every claim. Scratch buffers are allocated once per worker per call; the per-point loops allocate
 * nothing. An instance holds an immutable copy of the data and may be used from several threads at once. Each
 * column is a pure function of w, the data and the rows, so the result does not depend on the number of threads,
 * and a column computed in a coarse pass equals the same column computed in a full pass bit for bit.
 */
public final class LogisticGrid {
    /** Adjacent columns per claim (see the class comment). */
    static final int COLUMNS_PER_CHUNK = 8;
    /** T: points with |z| &gt; T use the series (far), the others the product (near). */
    static final double NEAR = 4.0;
    /** m: terms of the far series; e^{-mT}(1 + e^-T)/(m + 1) = 2.4e-17 &lt; 2^-53. */
    static final int TERMS = 9;
    /** The widest b-range of rows that share one anchor c of the near factors. */
    static final double ANCHOR_SPAN = 64.0;
    /** The most distinct labels for which bce_logits takes the structured path. */
    static final int MAX_CLASSES = 8;
    /**
     * Near points between rescalings of the row products: a row gains at most one factor of at most 2 (1 + a
     * rounding) per point, so a product rescaled to [1, 2) stays below 2^(RUN + 2) &lt; 2^1024.
     */
    static final int RUN = 1000;
    /** The largest |b| and |w x| for the structured bce_logits path. */
    static final double MAGNITUDE_LIMIT = 0x1p40;

    private static final double LN2 = Math.log(2.0);
    /** (-1)^q / (q + 1): the coefficient of F_{q+1} in the far series. */
    private static final double[] SERIES = new double[TERMS];

    static {
        for (int q = 0; q < TERMS; q++) {
            SERIES[q] = (q % 2 == 0 ? 1.0 : -1.0) / (q + 1);
        }
    }

    private final double[] x;
    private final double[] y;
    private final int n;
    final double maxAbsX;
    /** The distinct labels, ascending, or null when there are more than {@link #MAX_CLASSES}. */
    final double[] labels;
    /** The x values of each label class, ascending. */
    final double[][] classX;
    private final int largestClass;

    /**
     * The surface of the data (x_k, y_k) (copied), with labels as the loss takes them (for a
     * {@link LogisticProblem} its {@link LogisticProblem#y()}: 0/1 for bce_logits, -1/+1 for the hinges).
     *
     * @throws IllegalArgumentException when the lengths differ or a value is not finite
     */
    public LogisticGrid(double[] x, double[] y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " values but y has " + y.length);
        }
        this.n = x.length;
        this.x = x.clone();
        this.y = y.clone();
        double ax = 0.0;
        for (int k = 0; k < n; k++) {
            if (!Double.isFinite(x[k]) || !Double.isFinite(y[k])) {
                throw new IllegalArgumentException("point " + k + " is not finite: (" + x[k] + ", " + y[k] + ")");
            }
            ax = Math.max(ax, Math.abs(x[k]));
        }
        this.maxAbsX = ax;
        double[] sorted = this.y.clone();
        Arrays.sort(sorted);
        int distinct = 0;
        for (int k = 0; k < n; k++) {
            if (k == 0 || sorted[k] != sorted[k - 1]) {
                distinct++;
            }
        }
        if (distinct > MAX_CLASSES) {
            labels = null;
            classX = null;
            largestClass = 0;
            return;
        }
        labels = new double[distinct];
        int d = 0;
        for (int k = 0; k < n; k++) {
            if (k == 0 || sorted[k] != sorted[k - 1]) {
                labels[d++] = sorted[k];
            }
        }
        int[] counts = new int[distinct];
        for (int k = 0; k < n; k++) {
            counts[classOf(this.y[k])]++;
        }
        classX = new double[distinct][];
        int largest = 0;
        for (int c = 0; c < distinct; c++) {
            classX[c] = new double[counts[c]];
            largest = Math.max(largest, counts[c]);
            counts[c] = 0;
        }
        for (int k = 0; k < n; k++) {
            int c = classOf(this.y[k]);
            classX[c][counts[c]++] = this.x[k];
        }
        for (double[] xs : classX) {
            Arrays.sort(xs);
        }
        largestClass = largest;
    }

    private int classOf(double label) {
        for (int c = 0; c < labels.length; c++) {
            if (labels[c] == label) {
                return c;
            }
        }
        throw new IllegalStateException("unknown label " + label);
    }

    /** The surface of a logistic problem's data (its loss and penalty go to {@link #compute}). */
    public static LogisticGrid of(LogisticProblem problem) {
        return new LogisticGrid(problem.x(), problem.y());
    }

    /**
     * The surface of {@code problem} into {@code out}: its data, loss and regularizer through {@link #compute}
     * (structured when the loss and labels allow it, else cell by cell).
     *
     * @return true when complete, false when cancelled
     */
    public static boolean compute(LogisticProblem problem, SurfaceGrid out, Workers workers, CancelToken token) {
        return of(problem).compute(problem.loss(), LinearRegressionGrid.penaltyOf(problem.regularizer()), out,
                workers, token);
    }

    /** {@link #computeCoarse(ElementwiseLoss, Penalty, SurfaceGrid, int, Workers, CancelToken)} of a problem. */
    public static boolean computeCoarse(LogisticProblem problem, SurfaceGrid out, int stride, Workers workers,
                                        CancelToken token) {
        return of(problem).computeCoarse(problem.loss(), LinearRegressionGrid.penaltyOf(problem.regularizer()),
                out, stride, workers, token);
    }

    /**
     * Whether {@link #compute} has an exact structured path for this loss whatever the labels: bce_logits, bce (on
     * probabilities), hinge, squared_hinge and focal with gamma at most {@value FocalGrid#GAMMA_CAP} (bce_logits
     * and bce also need at most {@value #MAX_CLASSES} distinct labels, focal labels 0 and 1, see the class comment;
     * otherwise they fall back to the cell-by-cell loop, still exact). mse on sigma depends on the labels: see
     * {@link #hasFastPath(LogisticProblem)}.
     */
    public static boolean hasFastPath(ElementwiseLoss loss) {
        switch (loss.id()) {
            case "bce_logits":
            case "bce":
            case "hinge":
            case "squared_hinge":
                return true;
            case "focal":
                return FocalGrid.supports(loss);
            default:
                return false;
        }
    }

    /**
     * Whether this problem's surface has an exact structured path: {@link #hasFastPath(ElementwiseLoss)}, or mse
     * (which a {@link LogisticProblem} always applies to sigmoid(z)) with every label exactly 0 or 1.
     */
    public static boolean hasFastPath(LogisticProblem problem) {
        if (problem.loss().id().equals("mse")) {
            for (double label : problem.y()) {
                if (label != 0.0 && label != 1.0) {
                    return false;
                }
            }
            return true;
        }
        return hasFastPath(problem.loss());
    }

    /** The number of data points N. */
    public int size() {
        return n;
    }

    /**
     * Fills {@code out} with L(w, b) for this loss and penalty: structured where the class comment says so, else
     * cell by cell. Updates the statistics and sets the stride to 1 when complete.
     *
     * @return true when complete, false when cancelled (values partial, statistics and stride untouched)
     */
    public boolean compute(ElementwiseLoss loss, Penalty penalty, SurfaceGrid out, Workers workers,
                           CancelToken token) {
        Objects.requireNonNull(loss, "loss");
        boolean complete = fill(plan(loss, out), loss, penalty, out, null, workers, token);
        if (complete) {
            out.updateStats();
            out.setStride(1);
        }
        return complete;
    }

    /**
     * The coarse pass of a progressive computation, as {@link ProblemGrid#computeCoarse} defines it: the lattice
     * columns of {@code stride} ({@link ProblemGrid#isLattice}) are computed whole (a column costs O(N + G)
     * whatever rows are wanted), each lattice cell is copied over its block (right, then down), and the
     * statistics are taken over the lattice cells; the grid's stride becomes {@code stride}. About 1/stride of the
     * cost of {@link #compute}.
     *
     * @param stride at least 1 (1 computes every cell, like {@link #compute})
     * @return true when complete, false when cancelled
     */
    public boolean computeCoarse(ElementwiseLoss loss, Penalty penalty, SurfaceGrid out, int stride,
                                 Workers workers, CancelToken token) {
        Objects.requireNonNull(loss, "loss");
        if (stride <= 1) {
            return compute(loss, penalty, out, workers, token);
        }
        int nx = out.nx();
        int ny = out.ny();
        int lattice = 0;
        for (int i = 0; i < nx; i++) {
            if (ProblemGrid.isLattice(i, nx, stride)) {
                lattice++;
            }
        }
        int[] columns = new int[lattice];
        for (int i = 0, c = 0; i < nx; i++) {
            if (ProblemGrid.isLattice(i, nx, stride)) {
                columns[c++] = i;
            }
        }
        if (!fill(plan(loss, out), loss, penalty, out, columns, workers, token)) {
            return false;
        }
        double[] values = out.values();
        for (int j = 0; j < ny; j++) {
            if (!ProblemGrid.isLattice(j, ny, stride)) {
                continue;
            }
            int row = j * nx;
            for (int i = 0; i < nx; i++) {
                if (!ProblemGrid.isLattice(i, nx, stride)) {
                    values[row + i] = values[row + (i / stride) * stride];
                }
            }
        }
        for (int j = 0; j < ny; j++) {
            if (!ProblemGrid.isLattice(j, ny, stride)) {
                System.arraycopy(values, (j / stride) * stride * nx, values, j * nx, nx);
            }
        }
        out.updateStats(stride);
        out.setStride(stride);
        return true;
    }

    /**
     * The plain loop: every cell, {@code (1/N) sum_k loss.value(prediction_k, y_k)} plus the penalty, with the
     * prediction {@code w x_k + b}, or {@code sigmoid(w x_k + b)} for a loss that takes probabilities (bce) and for
     * a regression kernel (mse, mae, ...), as
     * {@link LogisticProblem#value} defines it. O(nx ny N); columns split across workers like the structured paths.
     */
    public boolean computeCellByCell(ElementwiseLoss loss, Penalty penalty, SurfaceGrid out, Workers workers,
                                     CancelToken token) {
        Objects.requireNonNull(loss, "loss");
        boolean complete = fill(null, loss, penalty, out, null, workers, token);
        if (complete) {
            out.updateStats();
            out.setStride(1);
        }
        return complete;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Plan: which classes contribute what

    /**
     * The per-class terms of a structured path for this loss on this grid, or null for the cell-by-cell loop
     * (see "Limits and fallbacks"). Entry c is null for a class that contributes nothing.
     */
    Term[] plan(ElementwiseLoss loss, SurfaceGrid out) {
        if (labels == null) {
            return null;
        }
        switch (loss.id()) {
            case "bce_logits":
                return bcePlan(loss.param("pos_weight"), out);
            case "hinge":
                return hingePlan(false);
            case "squared_hinge":
                return hingePlan(true);
            case "bce":
                return SigmoidTerm.bcePlan(labels, maxAbsX, out);
            case "mse":
                return SigmoidTerm.msePlan(labels, maxAbsX, out);
            case "focal": {
                FocalGrid.Plan focal = FocalGrid.plan(loss, labels, maxAbsX, out);
                return focal == null ? null : new Term[] {focal};
            }
            default:
                return null;
        }
    }

    private Term[] bcePlan(double posWeight, SurfaceGrid out) {
        double maxB = Math.max(Math.abs(out.theta2(0)), Math.abs(out.theta2(out.ny() - 1)));
        double maxW = Math.max(Math.abs(out.theta1(0)), Math.abs(out.theta1(out.nx() - 1)));
        if (!(maxB <= MAGNITUDE_LIMIT) || !(maxW * maxAbsX <= MAGNITUDE_LIMIT)
                || !(posWeight >= 0.0) || Double.isInfinite(posWeight)) {
            return null;
        }
        Term[] terms = new Term[labels.length];
        for (int c = 0; c < labels.length; c++) {
            double label = labels[c];
            if (!(label >= 0.0 && label <= 1.0)) {
                return null;
            }
            double a = posWeight * label;
            double beta = 1.0 - label;
            if (a == 0.0 && beta == 0.0) {
                continue;
            }
            terms[c] = new Term(0.0, beta, a, false, a + beta);
        }
        return terms;
    }

    private Term[] hingePlan(boolean squared) {
        Term[] terms = new Term[labels.length];
        for (int c = 0; c < labels.length; c++) {
            if (labels[c] == 1.0) {
                terms[c] = new Term(1.0, 0.0, 1.0, squared, 0.0);
            } else if (labels[c] == -1.0) {
                terms[c] = new Term(-1.0, 1.0, 0.0, squared, 0.0);
            } else {
                return null;
            }
        }
        return terms;
    }

    /**
     * What one label class adds to a column, in terms of its sorted {@code r_k = shift - w x_k}:
     * {@code up sum_{r < b} (b - r)^p + down sum_{r > b} (r - b)^p + log sum phi(b - r)} with p = 2 when squared,
     * else 1, and phi(z) = log1p(e^-|z|).
     */
    static class Term {
        final double shift;
        final double up;
        final double down;
        final boolean squared;
        final double log;

        Term(double shift, double up, double down, boolean squared, double log) {
            this.shift = shift;
            this.up = up;
            this.down = down;
            this.squared = squared;
            this.log = log;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Columns across workers

    /** Computes the given columns (all when null) into {@code out}; the statistics are the caller's. */
    private boolean fill(Term[] terms, ElementwiseLoss loss, Penalty penalty, SurfaceGrid out, int[] columns,
                         Workers workers, CancelToken token) {
        Objects.requireNonNull(penalty, "penalty");
        Rows rows = new Rows(out, penalty, terms != null
                && !(terms.length == 1 && terms[0] instanceof FocalGrid.Plan));
        int nx = out.nx();
        int ny = out.ny();
        double[] values = out.values();
        double invN = n == 0 ? 0.0 : 1.0 / n;
        LossFamily family = loss.definition().family();
        boolean probability = family == LossFamily.BINARY_PROBABILITY || family == LossFamily.REGRESSION;
        Scratch[] scratch = new Scratch[workers.parallelism()];
        int count = columns == null ? nx : columns.length;
        int chunk = columns == null ? COLUMNS_PER_CHUNK : 1;
        return workers.run(count, chunk, token, (worker, from, to) -> {
            Scratch sc = scratch[worker];
            if (sc == null) {
                sc = new Scratch(largestClass, ny);
                scratch[worker] = sc;
            }
            for (int u = from; u < to; u++) {
                int i = columns == null ? u : columns[u];
                double w = out.theta1(i);
                double[] col = sc.col;
                if (terms != null) {
                    structuredColumn(w, terms, rows, sc);
                } else {
                    plainColumn(w, loss, probability, rows.b, col);
                }
                double penW = penalty.term(w);
                double[] penB = rows.penB;
                for (int j = 0; j < ny; j++) {
                    values[j * nx + i] = col[j] * invN + penW + penB[j];
                }
            }
        });
    }

    /** col[j] = sum_k l(prediction(w x_k + b_j), y_k), one kernel call per point. */
    private void plainColumn(double w, ElementwiseLoss loss, boolean probability, double[] b, double[] col) {
        for (int j = 0; j < b.length; j++) {
            double bj = b[j];
            double sum = 0.0;
            for (int k = 0; k < n; k++) {
                double z = w * x[k] + bj;
                sum += loss.value(probability ? Numerics.sigmoid(z) : z, y[k]);
            }
            col[j] = sum;
        }
    }

    /** col[j] = sum_k l(w x_k + b_j, y_k) for every row, class by class (see the class comment). */
    private void structuredColumn(double w, Term[] terms, Rows rows, Scratch sc) {
        if (terms.length == 1 && terms[0] instanceof FocalGrid.Plan) {
            ((FocalGrid.Plan) terms[0]).column(w, classX, sc);
            return;
        }
        Arrays.fill(sc.col, 0.0);
        double[] r = sc.r;
        for (int c = 0; c < terms.length; c++) {
            Term t = terms[c];
            if (t == null) {
                continue;
            }
            double[] xs = classX[c];
            int m = xs.length;
            if (m == 0) {
                continue;
            }
            double shift = t.shift;
            // r ascending: fl(w x) is monotone in x, increasing for w > 0 (then read x backwards)
            if (w > 0.0) {
                for (int k = 0, src = m - 1; k < m; k++, src--) {
                    r[k] = shift - w * xs[src];
                }
            } else {
                for (int k = 0; k < m; k++) {
                    r[k] = shift - w * xs[k];
                }
            }
            if (t instanceof SigmoidTerm) {
                ((SigmoidTerm) t).column(r, m, rows, sc);
                continue;
            }
            boolean log = t.log > 0.0;
            if (t.up != 0.0 || log) {
                upward(r, m, t, rows, sc);
            }
            if (t.down != 0.0 || log) {
                downward(r, m, t, rows, sc);
            }
            if (log) {
                near(r, t.log, rows, sc);
            }
        }
    }

    /**
     * The upward sweep of one class: {@code col[j] += up S_j + log sum_{far below} phi}, with S_j as in the class
     * comment and the far-below power sums F_q; records lo_j, mid_j, hi_j for the other sweeps when the class has
     * a log part.
     */
    static void upward(double[] r, int m, Term t, Rows rows, Scratch sc) {
        double[] b = rows.b;
        double[] h = rows.h;
        int g = b.length;
        double[] col = sc.col;
        boolean log = t.log > 0.0;
        double up = t.up;
        boolean squared = t.squared;
        double[] f = sc.f;
        Arrays.fill(f, 0.0);
        int pm = 0;
        int pl = 0;
        int ph = 0;
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        for (int j = 0; j < g; j++) {
            double bj = b[j];
            if (j > 0) {
                double step = h[j];
                s2 += step * (2.0 * s1 + step * s0);
                s1 += step * s0;
            }
            while (pm < m && r[pm] < bj) {
                double d = bj - r[pm];
                s0 += 1.0;
                s1 += d;
                s2 += d * d;
                pm++;
            }
            double v = up * (squared ? s2 : s1);
            if (log) {
                if (j > 0) {
                    int base = j * TERMS;
                    double[] decay = rows.decay;
                    decay(f, decay, base, TERMS);
                }
                double limit = rows.below[j];
                while (pl < m && r[pl] < limit) {
                    double e = Math.exp(r[pl] - bj);
                    addPowers(f, e, TERMS, 1.0);
                    pl++;
                }
                double high = rows.above[j];
                while (ph < m && r[ph] <= high) {
                    ph++;
                }
                sc.lo[j] = pl;
                sc.mid[j] = pm;
                sc.hi[j] = ph;
                v += t.log * series(f);
            }
            col[j] += v;
        }
    }

    /**
     * The downward sweep of one class: {@code col[j] += down T_j + log sum_{far above} phi}; the far-above set of
     * row j is [hi_j, m), so {@link #upward} must have run first when the class has a log part.
     */
    static void downward(double[] r, int m, Term t, Rows rows, Scratch sc) {
        double[] b = rows.b;
        double[] h = rows.h;
        int g = b.length;
        double[] col = sc.col;
        boolean log = t.log > 0.0;
        double down = t.down;
        boolean squared = t.squared;
        double[] f = sc.f;
        Arrays.fill(f, 0.0);
        int pm = m;
        int ph = m;
        double t0 = 0.0;
        double t1 = 0.0;
        double t2 = 0.0;
        for (int j = g - 1; j >= 0; j--) {
            double bj = b[j];
            if (j < g - 1) {
                double step = h[j + 1];
                t2 += step * (2.0 * t1 + step * t0);
                t1 += step * t0;
            }
            while (pm > 0 && r[pm - 1] > bj) {
                double d = r[pm - 1] - bj;
                t0 += 1.0;
                t1 += d;
                t2 += d * d;
                pm--;
            }
            double v = down * (squared ? t2 : t1);
            if (log) {
                if (j < g - 1) {
                    int base = (j + 1) * TERMS;
                    double[] decay = rows.decay;
                    decay(f, decay, base, TERMS);
                }
                int target = sc.hi[j];
                while (ph > target) {
                    ph--;
                    double e = Math.exp(bj - r[ph]);
                    addPowers(f, e, TERMS, 1.0);
                }
                v += t.log * series(f);
            }
            col[j] += v;
        }
    }

    /**
     * One point's powers into running power sums: {@code f[q] += sign e^(q+1)} for q below {@code terms}, sign +1
     * when the point enters a far set and -1 when it leaves (f - p and f + (-p) round alike).
     */
    static void addPowers(double[] f, double e, int terms, double sign) {
        double p = sign * e;
        for (int q = 0; q < terms; q++) {
            f[q] += p;
            p *= e;
        }
    }

    /** Power sums carried one row on: {@code f[q] *= decay[base + q]} for q below {@code terms}. */
    static void decay(double[] f, double[] decay, int base, int terms) {
        for (int q = 0; q < terms; q++) {
            f[q] *= decay[base + q];
        }
    }

    /** sum_{q=1}^{m} (-1)^(q+1) F_q / q, smallest terms first. */
    static double series(double[] f) {
        double s = 0.0;
        for (int q = TERMS - 1; q >= 0; q--) {
            s += SERIES[q] * f[q];
        }
        return s;
    }

    /**
     * The near part of one class: {@code col[j] += weight sum_{lo_j <= k < hi_j} log1p(e^-|b_j - r_k|)} as
     * {@code log prod_k (1 + t_kj)}, one product per row (see the class comment).
     *
     * <p>The loop runs over points, not rows: point k is near exactly for the rows
     * <pre>
     *   [J3, J1):  mid_j &lt;= k &lt; hi_j  (z &lt;= 0, factor 1 + e^{c - r_k} e^{b_j - c})
     *   [J1, J2):  lo_j &lt;= k &lt; mid_j   (z &gt; 0,  factor 1 + e^{r_k - c} e^{c - b_j})
     *   J1 = #{j : mid_j &lt;= k},  J2 = #{j : lo_j &lt;= k},  J3 = #{j : hi_j &lt;= k}
     * </pre>
     * (the indices are non-decreasing in j, so these are contiguous and move up with k), and multiplies its factor
     * into the product of each of those rows: an element-wise loop over rows with no loop-carried dependence, which
     * the JIT vectorizes, where a per-row product would be a serial reduction. After every {@value #RUN} points the
     * row products are rescaled to [1, 2) by their binary exponent (exact; a row gains at most one factor of at
     * most 2 per point, so nothing overflows), and each row ends as {@code log(p_j) + e_j ln 2}.
     */
    static void near(double[] r, double weight, Rows rows, Scratch sc) {
        int g = rows.b.length;
        int[] lo = sc.lo;
        int[] hi = sc.hi;
        if (lo[0] >= hi[g - 1]) {
            return;
        }
        double[] p = sc.prod;
        int[] ex = sc.exps;
        Arrays.fill(p, 1.0);
        Arrays.fill(ex, 0);
        double[] eb = rows.near.eBelow;
        double[] ea = rows.near.eAbove;
        rows.near.walk(r, lo, sc.mid, hi, new NearRows.Visitor() {
            private int sinceRescale;

            @Override
            public void rows(double rk, int blk, int from, int split, int to, double e) {
                double inv = 1.0 / e;
                for (int j = from; j < split; j++) {
                    p[j] *= 1.0 + inv * ea[j];
                }
                for (int j = split; j < to; j++) {
                    p[j] *= 1.0 + e * eb[j];
                }
            }

            @Override
            public void pointDone() {
                if (++sinceRescale == RUN) {
                    sinceRescale = 0;
                    for (int j = 0; j < g; j++) {
                        int e = Math.getExponent(p[j]);
                        p[j] = Math.scalb(p[j], -e);
                        ex[j] += e;
                    }
                }
            }
        });
        double[] col = sc.col;
        for (int j = 0; j < g; j++) {
            if (lo[j] < hi[j]) {
                col[j] += weight * (Math.log(p[j]) + ex[j] * LN2);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Per-worker buffers: one class's sorted r, the row indices, the near products, one column, the F_q. */
    static final class Scratch {
        final double[] r;
        final double[] prod;
        final int[] exps;
        final int[] lo;
        final int[] mid;
        final int[] hi;
        final double[] col;
        final double[] f = new double[TERMS];
        /** bce on sigma: the power sums of the whole far-above set (f holds those of its unsaturated band). */
        final double[] fAll = new double[TERMS];
        /** mse on sigma: its power sums F_1..F_11. */
        final double[] wide = new double[SigmoidTerm.MSE_TERMS];
        /** {@link FocalGrid}'s buffers, made on first use. */
        FocalGrid.Buffers focal;

        Scratch(int points, int rows) {
            r = new double[points];
            prod = new double[rows];
            exps = new int[rows];
            lo = new int[rows];
            mid = new int[rows];
            hi = new int[rows];
            col = new double[rows];
        }
    }

    /**
     * The row axis of one computation, shared read-only by the workers: b_j, the steps h_j = b_j - b_{j-1}, the
     * penalty per row, and for bce_logits the thresholds b_j -+ T, the decays e^{-q h_j} (q = 1..m, row-major by
     * j) and the anchor blocks with their row factors ({@link NearRows}).
     */
    static final class Rows {
        final double[] b;
        final double[] h;
        final double[] penB;
        final double[] below;
        final double[] above;
        final double[] decay;
        final NearRows near;

        Rows(SurfaceGrid grid, Penalty penalty, boolean tables) {
            int g = grid.ny();
            b = new double[g];
            h = new double[g];
            penB = new double[g];
            for (int j = 0; j < g; j++) {
                b[j] = grid.theta2(j);
                penB[j] = penalty.term(b[j]);
                h[j] = j == 0 ? 0.0 : b[j] - b[j - 1];
            }
            if (!tables) {
                below = above = decay = null;
                near = null;
                return;
            }
            below = new double[g];
            above = new double[g];
            decay = new double[g * TERMS];
            for (int j = 0; j < g; j++) {
                below[j] = b[j] - NEAR;
                above[j] = b[j] + NEAR;
                for (int q = 0; q < TERMS; q++) {
                    decay[j * TERMS + q] = Math.exp(-(q + 1) * h[j]);
                }
            }
            near = new NearRows(b);
        }
    }
}
