package org.losslab.surface;

import java.util.Arrays;
import org.losslab.kernel.ElementwiseLoss;

/**
 * The structured path of {@link LogisticGrid} for the sigmoid focal loss on logits ({@code focal}, labels 0/1):
 * O(N m + G m + near) per column instead of N G kernel calls. It reuses LogisticGrid's sorted per-class x, its
 * column loop (workers, penalty, coarse lattice; the plan rides in LogisticGrid's term array) and
 * {@link LogisticGrid.Scratch} (the sorted r, lo/mid/hi, the column); its row tables, sweeps and near part are its
 * own, because T, the decays and the near factors differ from bce_logits'.
 *
 * <h2>The loss as a function of "how wrong"</h2>
 * With v = -z for y = 1 and v = z for y = 0, and alpha_y the class weight (alpha for y = 1, 1 - alpha for y = 0,
 * both 1 when alpha &lt; 0), the kernel's value ({@code alpha q^gamma S} with q = sigmoid(-z), S = softplus(-z) for
 * y = 1, the mirror image for y = 0) is
 * <pre>
 *   l = alpha_y g(v),   g(v) = sigmoid(v)^gamma softplus(v)
 * </pre>
 * With t = e^-|v| in (0, 1]:
 * <pre>
 *   v &lt;= 0 (well classified):  g = t^gamma (1 + t)^-gamma log1p(t)
 *   v &gt;  0 (badly classified): g = (1 + t)^-gamma (v + log1p(t))
 * </pre>
 * Per column (fixed w) the points of one class are sorted by r_k = -fl(w x_k) and split per row exactly as in
 * LogisticGrid ({@code lo_j, mid_j, hi_j}, but with the threshold T of {@link #nearFor}: {@value #NEAR_SMALL_GAMMA}
 * for gamma &lt;= {@value #SMALL_GAMMA}, else {@value #NEAR}); z = fl(b_j - r_k) is the reference's own score. For y = 1 the far-below set (r_k &lt; b_j - T, z &gt; T) is well classified and the far-above
 * set badly classified; for y = 0 the other way round.
 *
 * <h2>Far, well classified (v &lt; -T)</h2>
 * {@code g = t^(gamma+1) sum_q c_q t^q} where {@code sum_q c_q t^q = (1 + t)^-gamma log1p(t) / t}, the Cauchy
 * product of a_q = binom(-gamma, q) and (-1)^q / (q + 1). Per set the power sums P_q = sum t_k^(gamma+1+q),
 * q &lt; m, follow the rows: one row further from the boundary by h multiplies t_k by e^-h, so
 * {@code P_q <- e^{-(gamma+1+q) h} P_q} (tabulated per row once), and a point entering the set adds
 * t^(gamma+1) t^q (t = e^-|z| by one exp; t^(gamma+1) by multiplication for a whole gamma, else a second exp). The cell gets {@code sum_q c_q P_q}, smallest terms first.
 *
 * <h2>Far, badly classified (v &gt; T)</h2>
 * {@code g = v sum_q a_q t^q + sum_q d_q t^q} with d_0 = 0, d_q = c_{q-1} (since log1p(t) = t log1p(t)/t). The
 * set keeps Q_q = sum t_k^q and D_q = sum v_k t_k^q (Q_0 is the count, D_0 the sum of the v). One row further by
 * h: {@code D_q <- e^{-q h} (D_q + h Q_q), Q_q <- e^{-q h} Q_q}: products and sums of non-negative numbers. The
 * cell gets {@code sum_q a_q D_q + sum_{q>=1} c_{q-1} Q_q}.
 *
 * <h2>Truncation: how many terms</h2>
 * Let k = max(1, ceil gamma). |a_q| = binom(gamma + q - 1, q) &lt;= binom(k + q - 1, k - 1) &lt;= (q + 1)^(k-1)
 * (each of the k - 1 factors (q + i)/i is at most q + 1), and |c_q| &lt;= sum_i |a_{q-i}| / (i + 1) &lt;= (q + 1)^k,
 * |d_q| &lt;= (q + 1)^k likewise. With tau = e^{-(T - 0.001)} (the thresholds b_j &plusmn; T and the scores are rounded,
 * by at most 2^-13 each under LogisticGrid's magnitude limit 2^40, so a far point has |v| &gt; T - 0.001), the tail
 * after m terms is at most {@code B(m) = (m + 1)^k tau^m / (1 - rho)}, rho = ((m + 2)/(m + 1))^k tau (the ratio of
 * consecutive terms of sum (q + 1)^k tau^q decreases in q). Relative to the value:
 * <ul>
 *   <li>well: the sum is at least (1 + tau)^-gamma (1 - tau / 2), so the error is at most
 *       {@code B(m) (1 + tau)^gamma / (1 - tau/2)};</li>
 *   <li>bad: g &gt;= (1 + tau)^-gamma v and v &gt; T, so at most {@code B(m) (1 + tau)^gamma (1 + 1/T)}.</li>
 * </ul>
 * {@link #termsFor} picks the least m with both below 2^-54, at most {@value #MAX_TERMS}: with T = 2, m = 21 for
 * gamma = 0, 23 for gamma = 2, 26 for gamma = 4; with T = 3, 18 for gamma = 5 and 21 for gamma = 8. The fast path
 * takes gamma &lt;= {@value #GAMMA_CAP}; larger gammas take the cell-by-cell loop. Cancellation: the signed series
 * are dominated term by term by the same series with |coefficients|, i.e. (1 - t)^-gamma (-log(1 - t))/t against
 * (1 + t)^-gamma log1p(t)/t, so sum |terms| / sum is at most ((1 + tau)/(1 - tau))^gamma (-log(1 - tau))/log1p(tau):
 * 3.4 (T = 2, gamma &lt;= 4) and 2.4 (T = 3, gamma &lt;= 8); rounding in them is amplified by at most that.
 * (Smaller T means fewer near pairs, the dominant cost, but more terms and more cancellation: T = 2 for
 * gamma &lt;= 4 made the bench surface about 12% faster than T = 3.)
 *
 * <h2>Near (|v| &lt;= T): per pair, branch-free polynomials</h2>
 * Each near (point, row) pair is evaluated exactly from the formulas above, in loops over contiguous rows that
 * HotSpot vectorizes (no calls left after inlining, no branches; each loop short, because C2 neither unrolls nor
 * vectorizes a loop whose body is as large as the whole evaluation, which then ran about 10 times slower):
 * <ul>
 *   <li>t from tabulated factors, as in LogisticGrid's near part: rows share an anchor c per block of b-span at
 *       most {@value LogisticGrid#ANCHOR_SPAN}, {@code t = e^{r_k - c} e^{c - b_j}} (z &gt; 0) or
 *       {@code e^{c - r_k} e^{b_j - c}} (z &lt;= 0); |r_k - c| &lt;= 32 + T.</li>
 *   <li>t^gamma for the well side the same way with gamma times the exponents (|gamma (r_k - c)| &lt;= 280, no
 *       overflow).</li>
 *   <li>{@link #log1p}: log1p(t) = 2 atanh(s), s = t/(2 + t) in [0, 1/3], atanh(s)/s = sum_{i&lt;16} s^(2i)/(2i+1)
 *       (Horner with {@link Math#fma}, which C2 vectorizes too, 10% faster than multiply-add); the tail is at most (1/9)^16 / 33 / (1 - 1/9) = 1.7e-17 relative.</li>
 *   <li>{@code (1 + t)^-gamma = (1/(1 + t))^n E(-phi log1p(t))}, gamma = n + phi, n whole, phi in [0, 1), with
 *       {@link #expSmall} E(x) = sum_{i&lt;=17} x^i / i! for x in (-ln 2, 0]; its tail is at most
 *       0.7^18/18! = 2.5e-19 against E &gt;= 1/2, and E is skipped when phi = 0 (the default gamma = 2).</li>
 * </ul>
 *
 * <h2>Error bound</h2>
 * u = 2^-53; all parts are sums of non-negative terms, so a cell's relative error is at most the worst part's.
 * <ul>
 *   <li>Near: t carries (|r - c| + |c - b| + 6) u &lt;= 74 u as in LogisticGrid; log1p(t) at most that plus about
 *       6 u (t d/dt log1p(t) &lt;= log1p(t); s, the Horner sum of positive terms, the factor 2 s); 1/(1 + t) moves by
 *       at most half of t's error plus 2 u, its n-th power n times that plus n u (at most 8 (37 + 3) u); E by
 *       phi ln 2 times log1p's error plus a few u; t^gamma by gamma (68 + 4) u. Worst case (gamma = 8, anchors at
 *       full span) about 1,000 u = 1.1e-13; with the bench bounds (span under 20) a few times less.</li>
 *   <li>Far: entry values carry the reference's own conditioning (gamma + 1 + q)|z| u plus an ulp of exp; each
 *       row step an ulp of the decay and a rounding; the signed series amplify their rounding by at most 3.4;
 *       truncation below 2^-54: about 3.4 (3 G + N + 2 m) u + (gamma + 1) |z| u in all.</li>
 * </ul>
 * So 1e-12 relative holds for G = 256, N = 1,000, |z| up to several hundred. Below the smallest normal double
 * (2.2e-308), e.g. t^(gamma+1) for (gamma + 1)|z| &gt; 708, relative precision ends for any method and the bound is
 * absolute: each rounding of a subnormal is off by at most 2^-1075, a few thousand such roundings per cell.
 *
 * <h2>Cost</h2>
 * Per column O(N m) for the entries, O(G m) for the row steps and per near pair about 30 flops (16 of them fused
 * multiply-adds) and one division (another 17 fused multiply-adds when phi &gt; 0); the near pairs are at most
 * 2 T / (row step) per point, 18.9 million for the bench surface (256 x 256, 1,000 points, T = 2). Measured on one
 * core of the 2-core test machine (CPU time, under load): about 25 ms for the far part and about 3 ns per near
 * pair, 7 ns with SuperWord off ({@code -XX:-UseSuperWord}), so the near loops do vectorize.
 */
final class FocalGrid {
    /** T: points with |z| &gt; T use the far series, the others the near polynomials. */
    static final double NEAR = 3.0;
    /** T for gamma at most {@link #SMALL_GAMMA}: fewer near pairs, more (cheap) far terms. */
    static final double NEAR_SMALL_GAMMA = 2.0;
    /** The largest gamma that takes {@link #NEAR_SMALL_GAMMA}. */
    static final double SMALL_GAMMA = 4.0;
    /** The largest gamma of the structured path (E's argument gamma log1p(t)/8 stays in (-ln 2, 0]). */
    static final double GAMMA_CAP = 8.0;
    /** The most terms of the far series. */
    static final int MAX_TERMS = 40;

    /** 1/(2i + 1), i = 1..15: atanh(s)/s = 1 + s^2/3 + ... */
    private static final double A1 = 1.0 / 3;
    private static final double A2 = 1.0 / 5;
    private static final double A3 = 1.0 / 7;
    private static final double A4 = 1.0 / 9;
    private static final double A5 = 1.0 / 11;
    private static final double A6 = 1.0 / 13;
    private static final double A7 = 1.0 / 15;
    private static final double A8 = 1.0 / 17;
    private static final double A9 = 1.0 / 19;
    private static final double A10 = 1.0 / 21;
    private static final double A11 = 1.0 / 23;
    private static final double A12 = 1.0 / 25;
    private static final double A13 = 1.0 / 27;
    private static final double A14 = 1.0 / 29;
    private static final double A15 = 1.0 / 31;
    /** 1/i!, i = 2..17. */
    private static final double E2 = 1.0 / 2;
    private static final double E3 = E2 / 3;
    private static final double E4 = E3 / 4;
    private static final double E5 = E4 / 5;
    private static final double E6 = E5 / 6;
    private static final double E7 = E6 / 7;
    private static final double E8 = E7 / 8;
    private static final double E9 = E8 / 9;
    private static final double E10 = E9 / 10;
    private static final double E11 = E10 / 11;
    private static final double E12 = E11 / 12;
    private static final double E13 = E12 / 13;
    private static final double E14 = E13 / 14;
    private static final double E15 = E14 / 15;
    private static final double E16 = E15 / 16;
    private static final double E17 = E16 / 17;

    private FocalGrid() {
    }

    /** Whether focal with this gamma can take the structured path (labels permitting). */
    static boolean supports(ElementwiseLoss loss) {
        double gamma = loss.param("gamma");
        return gamma >= 0.0 && gamma <= GAMMA_CAP;
    }

    /**
     * log1p(t) for t in [0, 1] as 2 s sum_{i&lt;16} s^(2i)/(2i+1), s = t/(2 + t): branch-free, a few ulps (see the
     * class comment). The near part evaluates the same two halves in separate loops.
     */
    static double log1p(double t) {
        double s = t / (2.0 + t);
        double s2 = s * s;
        return 2.0 * s * logLow(logHigh(s2), s2);
    }

    /** The terms i = 8..15 of sum s^(2i)/(2i+1), over s^16 (Horner), from s2 = s^2. */
    static double logHigh(double s2) {
        double p = A15;
        p = Math.fma(p, s2, A14);
        p = Math.fma(p, s2, A13);
        p = Math.fma(p, s2, A12);
        p = Math.fma(p, s2, A11);
        p = Math.fma(p, s2, A10);
        p = Math.fma(p, s2, A9);
        return Math.fma(p, s2, A8);
    }

    /** sum_{i&lt;16} s^(2i)/(2i+1) from the high part p = {@link #logHigh}(s2). */
    static double logLow(double p, double s2) {
        double q = Math.fma(p, s2, A7);
        q = Math.fma(q, s2, A6);
        q = Math.fma(q, s2, A5);
        q = Math.fma(q, s2, A4);
        q = Math.fma(q, s2, A3);
        q = Math.fma(q, s2, A2);
        q = Math.fma(q, s2, A1);
        return Math.fma(q, s2, 1.0);
    }

    /** e^x for x in [-ln 2, 0] as sum_{i&lt;=17} x^i/i! (Horner): branch-free, a few ulps. */
    static double expSmall(double x) {
        return expLow(expHigh(x), x);
    }

    /** The terms i = 9..17 of sum x^i/i!, over x^9. */
    static double expHigh(double x) {
        double p = E17;
        p = Math.fma(p, x, E16);
        p = Math.fma(p, x, E15);
        p = Math.fma(p, x, E14);
        p = Math.fma(p, x, E13);
        p = Math.fma(p, x, E12);
        p = Math.fma(p, x, E11);
        p = Math.fma(p, x, E10);
        return Math.fma(p, x, E9);
    }

    /** sum_{i&lt;=17} x^i/i! from the high part p = {@link #expHigh}(x). */
    static double expLow(double p, double x) {
        double q = Math.fma(p, x, E8);
        q = Math.fma(q, x, E7);
        q = Math.fma(q, x, E6);
        q = Math.fma(q, x, E5);
        q = Math.fma(q, x, E4);
        q = Math.fma(q, x, E3);
        q = Math.fma(q, x, E2);
        q = Math.fma(q, x, 1.0);
        return Math.fma(q, x, 1.0);
    }

    /** (1 + t)^-gamma, gamma = whole + phi, as the near part computes it: (1/(1 + t))^whole e^{-phi log1p(t)}. */
    static double powInv(double t, int whole, double phi) {
        double inv = 1.0 / (1.0 + t);
        double acc = phi > 0.0 ? expSmall(-phi * log1p(t)) : 1.0;
        for (int q = 0; q < whole; q++) {
            acc *= inv;
        }
        return acc;
    }

    /**
     * The least m whose truncation bound (class comment) is below 2^-54 for this gamma, or -1 when more than
     * {@value #MAX_TERMS} would be needed.
     */
    static int termsFor(double gamma) {
        return termsFor(gamma, nearFor(gamma));
    }

    /** T for this gamma: {@value #NEAR_SMALL_GAMMA} up to gamma = {@value #SMALL_GAMMA}, else {@value #NEAR}. */
    static double nearFor(double gamma) {
        return gamma <= SMALL_GAMMA ? NEAR_SMALL_GAMMA : NEAR;
    }

    /** {@link #termsFor(double)} at threshold T = near. */
    static int termsFor(double gamma, double near) {
        int k = Math.max(1, (int) Math.ceil(gamma));
        double tau = Math.exp(-(near - 0.001));
        double grow = Math.pow(1.0 + tau, gamma);
        for (int m = 1; m <= MAX_TERMS; m++) {
            double rho = Math.pow((m + 2.0) / (m + 1.0), k) * tau;
            if (rho >= 1.0) {
                continue;
            }
            double tail = Math.pow(m + 1.0, k) * Math.pow(tau, m) / (1.0 - rho);
            double well = tail * grow / (1.0 - 0.5 * tau);
            double bad = tail * grow * (1.0 + 1.0 / near);
            if (Math.max(well, bad) <= 0x1p-54) {
                return m;
            }
        }
        return -1;
    }

    /**
     * The plan of a focal surface on this grid, or null for the cell-by-cell loop: labels other than 0 and 1,
     * gamma outside [0, {@value #GAMMA_CAP}], or magnitudes beyond {@link LogisticGrid#MAGNITUDE_LIMIT}.
     */
    static Plan plan(ElementwiseLoss loss, double[] labels, double maxAbsX, SurfaceGrid out) {
        double gamma = loss.param("gamma");
        double alpha = loss.param("alpha");
        if (labels == null || !(gamma >= 0.0 && gamma <= GAMMA_CAP) || !(alpha <= 1.0)) {
            return null;
        }
        double maxB = Math.max(Math.abs(out.theta2(0)), Math.abs(out.theta2(out.ny() - 1)));
        double maxW = Math.max(Math.abs(out.theta1(0)), Math.abs(out.theta1(out.nx() - 1)));
        if (!(maxB <= LogisticGrid.MAGNITUDE_LIMIT) || !(maxW * maxAbsX <= LogisticGrid.MAGNITUDE_LIMIT)) {
            return null;
        }
        double[] weights = new double[labels.length];
        boolean[] positive = new boolean[labels.length];
        for (int c = 0; c < labels.length; c++) {
            if (labels[c] == 1.0) {
                positive[c] = true;
                weights[c] = alpha < 0.0 ? 1.0 : alpha;
            } else if (labels[c] == 0.0) {
                weights[c] = alpha < 0.0 ? 1.0 : 1.0 - alpha;
            } else {
                return null;
            }
        }
        int m = termsFor(gamma, nearFor(gamma));
        if (m < 0) {
            return null;
        }
        return new Plan(gamma, m, weights, positive, out);
    }

    /**
     * A focal surface's coefficients and row tables, shared read-only by the workers. It rides in LogisticGrid's
     * term array (one element) so that LogisticGrid's dispatch needs only a type test.
     */
    static final class Plan extends LogisticGrid.Term {
        final double gamma;
        /** T, see {@link #nearFor}. */
        final double near;
        /** gamma = whole + phi, whole an integer, phi in [0, 1). */
        final int whole;
        final double phi;
        final int m;
        final double[] weights;
        final boolean[] positive;
        /** a_q = binom(-gamma, q). */
        final double[] a;
        /** c_q: (1 + t)^-gamma log1p(t) / t = sum c_q t^q. */
        final double[] c;
        final double[] b;
        final double[] h;
        final double[] below;
        final double[] above;
        /** e^{-(gamma + 1 + q) h_j}, row-major by j. */
        final double[] decayWell;
        /** e^{-q h_j}, row-major by j. */
        final double[] decayBad;
        /** The anchor blocks, with e^{c - b_j} and e^{b_j - c}. */
        final NearRows blocks;
        /** e^{gamma (c - b_j)}, e^{gamma (b_j - c)}. */
        final double[] gBelow;
        final double[] gAbove;

        Plan(double gamma, int m, double[] weights, boolean[] positive, SurfaceGrid grid) {
            super(0.0, 0.0, 0.0, false, 0.0);
            this.gamma = gamma;
            this.near = nearFor(gamma);
            this.whole = (int) Math.floor(gamma);
            this.phi = gamma - whole;
            this.m = m;
            this.weights = weights;
            this.positive = positive;
            a = new double[m];
            c = new double[m];
            a[0] = 1.0;
            for (int q = 1; q < m; q++) {
                a[q] = a[q - 1] * (-gamma - q + 1) / q;
            }
            for (int q = 0; q < m; q++) {
                double s = 0.0;
                for (int i = q; i >= 0; i--) {
                    s += a[q - i] * ((i % 2 == 0 ? 1.0 : -1.0) / (i + 1));
                }
                c[q] = s;
            }
            int g = grid.ny();
            b = new double[g];
            h = new double[g];
            below = new double[g];
            above = new double[g];
            decayWell = new double[g * m];
            decayBad = new double[g * m];
            for (int j = 0; j < g; j++) {
                b[j] = grid.theta2(j);
                h[j] = j == 0 ? 0.0 : b[j] - b[j - 1];
                below[j] = b[j] - near;
                above[j] = b[j] + near;
                for (int q = 0; q < m; q++) {
                    decayWell[j * m + q] = Math.exp(-(gamma + 1.0 + q) * h[j]);
                    decayBad[j * m + q] = Math.exp(-q * h[j]);
                }
            }
            blocks = new NearRows(b);
            gBelow = new double[g];
            gAbove = new double[g];
            for (int blk = 0; blk < blocks.anchor.length; blk++) {
                double cb = blocks.anchor[blk];
                for (int j = blocks.blockStart[blk]; j < blocks.blockStart[blk + 1]; j++) {
                    gBelow[j] = Math.exp(gamma * (cb - b[j]));
                    gAbove[j] = Math.exp(gamma * (b[j] - cb));
                }
            }
        }

        /**
         * sc.col[j] = sum_k l(w x_k + b_j, y_k) for every row (unscaled, without the penalty), class by class;
         * classX are the sorted x of each label class.
         */
        void column(double w, double[][] classX, LogisticGrid.Scratch sc) {
            Buffers buf = sc.focal;
            if (buf == null || buf.f.length != m || buf.s.length != b.length) {
                buf = new Buffers(m, b.length);
                sc.focal = buf;
            }
            Arrays.fill(sc.col, 0.0);
            double[] r = sc.r;
            for (int cls = 0; cls < weights.length; cls++) {
                double weight = weights[cls];
                double[] xs = classX[cls];
                int n = xs.length;
                if (weight == 0.0 || n == 0) {
                    continue;
                }
                if (w > 0.0) {
                    for (int k = 0, src = n - 1; k < n; k++, src--) {
                        r[k] = 0.0 - w * xs[src];
                    }
                } else {
                    for (int k = 0; k < n; k++) {
                        r[k] = 0.0 - w * xs[k];
                    }
                }
                // y = 1: far below (z > T) is well classified, far above badly; y = 0 the other way round
                boolean pos = positive[cls];
                upward(r, n, pos, weight, sc, buf);
                downward(r, n, !pos, weight, sc, buf);
                near(r, pos, weight, sc, buf);
            }
        }

        /** Adds a point at distance d = |v| &gt; T to the far sums of a set. */
        private void enter(double d, boolean well, Buffers buf) {
            double[] s = buf.f;
            double[] dv = buf.d;
            double t = Math.exp(-d);
            if (well) {
                // t^(gamma + 1): by multiplication for a whole gamma (at most 9 roundings), else one more exp
                double p = t;
                if (phi == 0.0) {
                    for (int q = 0; q < whole; q++) {
                        p *= t;
                    }
                } else {
                    p = Math.exp(-(gamma + 1.0) * d);
                }
                for (int q = 0; q < m; q++) {
                    s[q] += p;
                    p *= t;
                }
            } else {
                double p = 1.0;
                for (int q = 0; q < m; q++) {
                    s[q] += p;
                    dv[q] += d * p;
                    p *= t;
                }
            }
        }

        /** Moves a set's far sums one row further from the boundary, by step, with row j's decays. */
        private void step(double step, int j, boolean well, Buffers buf) {
            double[] s = buf.f;
            double[] dv = buf.d;
            int base = j * m;
            if (well) {
                for (int q = 0; q < m; q++) {
                    s[q] *= decayWell[base + q];
                }
            } else {
                for (int q = 0; q < m; q++) {
                    double e = decayBad[base + q];
                    dv[q] = e * (dv[q] + step * s[q]);
                    s[q] *= e;
                }
            }
        }

        /** The far series of a set: sum c_q P_q (well) or sum a_q D_q + c_{q-1} Q_q (bad), smallest first. */
        private double value(boolean well, Buffers buf) {
            double[] s = buf.f;
            double[] dv = buf.d;
            double v = 0.0;
            if (well) {
                for (int q = m - 1; q >= 0; q--) {
                    v += c[q] * s[q];
                }
            } else {
                for (int q = m - 1; q >= 1; q--) {
                    v += a[q] * dv[q] + c[q - 1] * s[q];
                }
                v += dv[0];
            }
            return v;
        }

        /** f^gamma for f = e^x: by multiplication for a whole gamma (at most 8 roundings), else e^{gamma x}. */
        private double power(double f, double x) {
            if (phi != 0.0) {
                return Math.exp(gamma * x);
            }
            double p = 1.0;
            for (int q = 0; q < whole; q++) {
                p *= f;
            }
            return p;
        }

        /** Upward sweep: the far-below set (z &gt; T) and the indices lo_j, mid_j, hi_j. */
        private void upward(double[] r, int n, boolean well, double weight, LogisticGrid.Scratch sc,
                            Buffers buf) {
            int g = b.length;
            Arrays.fill(buf.f, 0.0);
            Arrays.fill(buf.d, 0.0);
            double[] col = sc.col;
            int pl = 0;
            int pm = 0;
            int ph = 0;
            for (int j = 0; j < g; j++) {
                double bj = b[j];
                if (j > 0 && pl > 0) {
                    step(h[j], j, well, buf);
                }
                double limit = below[j];
                while (pl < n && r[pl] < limit) {
                    enter(bj - r[pl], well, buf);
                    pl++;
                }
                while (pm < n && r[pm] < bj) {
                    pm++;
                }
                double high = above[j];
                while (ph < n && r[ph] <= high) {
                    ph++;
                }
                sc.lo[j] = pl;
                sc.mid[j] = pm;
                sc.hi[j] = ph;
                if (pl > 0) {
                    col[j] += weight * value(well, buf);
                }
            }
        }

        /** Downward sweep: the far-above set [hi_j, n) (z &lt; -T); needs {@link #upward} first. */
        private void downward(double[] r, int n, boolean well, double weight, LogisticGrid.Scratch sc,
                              Buffers buf) {
            int g = b.length;
            Arrays.fill(buf.f, 0.0);
            Arrays.fill(buf.d, 0.0);
            double[] col = sc.col;
            int ph = n;
            for (int j = g - 1; j >= 0; j--) {
                double bj = b[j];
                if (j < g - 1 && ph < n) {
                    step(h[j + 1], j + 1, well, buf);
                }
                int target = sc.hi[j];
                while (ph > target) {
                    ph--;
                    enter(r[ph] - bj, well, buf);
                }
                if (ph < n) {
                    col[j] += weight * value(well, buf);
                }
            }
        }

        /**
         * The near part of one class, point by point over the rows where the point is near, as in
         * LogisticGrid's near part: rows [J3, J1) have z &lt;= 0, rows [J1, J2) z &gt; 0 (see there).
         */
        private void near(double[] r, boolean pos, double weight, LogisticGrid.Scratch sc, Buffers buf) {
            double[] col = sc.col;
            double[] eBelow = blocks.eBelow;
            double[] eAbove = blocks.eAbove;
            blocks.walk(r, sc.lo, sc.mid, sc.hi, (rk, blk, from, split, to, e) -> {
                double ca = blocks.anchor[blk];
                double inv = 1.0 / e;
                // t = e^-|z| on both sides at once: e e^{c - b_j} < 1 exactly where z > 0, inv e^{b_j - c} < 1
                // where z < 0 (at z = 0 both are 1 within a few ulps), so the smaller of the two
                pairs(buf, from, to, e, eBelow, inv, eAbove, whole, phi);
                if (pos) {
                    // y = 1: z <= 0 is badly classified with v = r_k - b_j; z > 0 well
                    bad(col, from, split, buf, b, rk, -1.0, weight);
                    if (split < to) {
                        well(col, split, to, buf, power(e, rk - ca), gBelow, weight);
                    }
                } else {
                    // y = 0: z <= 0 is well classified; z > 0 badly with v = b_j - r_k
                    if (from < split) {
                        well(col, from, split, buf, power(inv, ca - rk), gAbove, weight);
                    }
                    bad(col, split, to, buf, b, rk, 1.0, weight);
                }
            });
        }
    }

    /**
     * For j in [from, to), t = min(fb rowB[j], fa rowA[j]) (e^-|z| from the anchor factors of either side):
     * buf.l[j] = log1p(t) and buf.acc[j] = (1 + t)^-gamma, gamma = whole + phi, with one division for both
     * s = t/(2 + t) = t (1 + t) d and 1/(1 + t) = (2 + t) d, d = 1/((1 + t)(2 + t)),
     * in short loops over the rows that HotSpot vectorizes (one fused loop is too large for C2 to unroll, and then
     * runs at the latency of its Horner chains, several times slower).
     */
    static void pairs(Buffers buf, int from, int to, double fb, double[] rowB, double fa, double[] rowA, int whole,
                      double phi) {
        double[] s = buf.s;
        double[] s2 = buf.s2;
        double[] inv = buf.inv;
        double[] l = buf.l;
        double[] acc = buf.acc;
        for (int j = from; j < to; j++) {
            double t = Math.min(fb * rowB[j], fa * rowA[j]);
            double u = 1.0 + t;
            double v = 2.0 + t;
            double d = 1.0 / (u * v);
            double sj = t * u * d;
            s[j] = sj;
            s2[j] = sj * sj;
            inv[j] = v * d;
        }
        for (int j = from; j < to; j++) {
            acc[j] = logHigh(s2[j]);
        }
        for (int j = from; j < to; j++) {
            l[j] = 2.0 * s[j] * logLow(acc[j], s2[j]);
        }
        int q = 0;
        if (phi > 0.0) {
            double mphi = -phi;
            for (int j = from; j < to; j++) {
                s2[j] = expHigh(mphi * l[j]);
            }
            for (int j = from; j < to; j++) {
                acc[j] = expLow(s2[j], mphi * l[j]);
            }
        } else if (whole == 0) {
            Arrays.fill(acc, from, to, 1.0);
        } else if (whole == 1) {
            System.arraycopy(inv, from, acc, from, to - from);
            q = 1;
        } else {
            for (int j = from; j < to; j++) {
                acc[j] = inv[j] * inv[j];
            }
            q = 2;
        }
        for (; q + 1 < whole; q += 2) {
            for (int j = from; j < to; j++) {
                acc[j] *= inv[j] * inv[j];
            }
        }
        if (q < whole) {
            for (int j = from; j < to; j++) {
                acc[j] *= inv[j];
            }
        }
    }

    /** col[j] += weight t^gamma (1 + t)^-gamma log1p(t) on [from, to) after {@link #pairs}; t^gamma = fg rowG[j]. */
    static void well(double[] col, int from, int to, Buffers buf, double fg, double[] rowG, double weight) {
        double[] l = buf.l;
        double[] acc = buf.acc;
        for (int j = from; j < to; j++) {
            col[j] += weight * (fg * rowG[j]) * acc[j] * l[j];
        }
    }

    /** col[j] += weight (1 + t)^-gamma (v + log1p(t)) on [from, to) after {@link #pairs}; v = sign (b[j] - rk). */
    static void bad(double[] col, int from, int to, Buffers buf, double[] b, double rk, double sign, double weight) {
        double[] l = buf.l;
        double[] acc = buf.acc;
        for (int j = from; j < to; j++) {
            col[j] += weight * acc[j] * (sign * (b[j] - rk) + l[j]);
        }
    }

    /** Per-worker buffers: the far sums (P_q or Q_q in f, D_q in d) and the near part's row temporaries. */
    static final class Buffers {
        final double[] f;
        final double[] d;
        final double[] s;
        final double[] s2;
        final double[] inv;
        final double[] l;
        final double[] acc;

        Buffers(int m, int rows) {
            f = new double[m];
            d = new double[m];
            s = new double[rows];
            s2 = new double[rows];
            inv = new double[rows];
            l = new double[rows];
            acc = new double[rows];
        }
    }
}
