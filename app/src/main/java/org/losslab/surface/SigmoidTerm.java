package org.losslab.surface;

import java.util.Arrays;
import java.util.function.DoublePredicate;
import org.losslab.kernel.Numerics;
import org.losslab.surface.LogisticGrid.Rows;
import org.losslab.surface.LogisticGrid.Scratch;

/**
 * One label class of {@link LogisticGrid}'s two structured paths for kernels applied to p = sigmoid(z): bce on
 * probabilities (with the reference's clamp of each log at -100) and mse on sigma (labels 0 and 1). The
 * mathematics, the thresholds and the error bounds are in the class comment of {@link LogisticGrid} ("bce on
 * probabilities", "mse on sigma"); this class holds the sweeps.
 */
final class SigmoidTerm extends LogisticGrid.Term {
    /** The clamp of Bce: each log at least -100, so a saturated part costs exactly 100 times its weight. */
    static final double CLAMP = 100.0;
    /**
     * The smallest double z with {@code Math.log1p(-Numerics.sigmoid(z)) <= -100}, i.e. with sigmoid(z) == 1.0
     * (below it p &lt; 1, so log1p(-p) &gt;= log(2^-53) &gt; -37): from here on the (1 - y) part of bce is exactly
     * 100 (1 - y) and the y part exactly 0, since log(1.0) = 0.
     */
    static final double Z_ONE;
    /** The largest double z with {@code Math.log(Numerics.sigmoid(z)) <= -100}: from here down the y part is 100 y. */
    static final double Z_FLOOR;
    /** Power sums F_1..F_11 for mse on sigma (see the class comment of {@link LogisticGrid}). */
    static final int MSE_TERMS = 11;
    /** Coefficient of F_q, q = 1..MSE_TERMS, in 1/(1+t)^2 = sum_{q>=0} (-1)^q (q+1) t^q (index q - 1). */
    private static final double[] BIG = new double[MSE_TERMS];
    /** Coefficient of F_q, q = 1..MSE_TERMS, in t^2/(1+t)^2 = sum_{q>=2} (-1)^q (q-1) t^q (index q - 1). */
    private static final double[] SMALL = new double[MSE_TERMS];

    static {
        Z_ONE = firstTrue(z -> Math.log1p(-Numerics.sigmoid(z)) <= -CLAMP, 1.0, 1000.0);
        Z_FLOOR = -firstTrue(v -> Math.log(Numerics.sigmoid(-v)) <= -CLAMP, 1.0, 1000.0);
        if (!(Z_ONE > LogisticGrid.NEAR && Z_FLOOR < -LogisticGrid.NEAR)
                || Numerics.sigmoid(Z_ONE) != 1.0 || Numerics.sigmoid(Math.nextDown(Z_ONE)) == 1.0) {
            throw new IllegalStateException("bce saturation thresholds " + Z_FLOOR + ", " + Z_ONE);
        }
        for (int q = 1; q <= MSE_TERMS; q++) {
            double sign = q % 2 == 0 ? 1.0 : -1.0;
            BIG[q - 1] = sign * (q + 1);
            SMALL[q - 1] = sign * (q - 1);
        }
    }

    /**
     * The smallest positive double v in (lo, hi] with {@code p(v)}, by bisection over the bit patterns (ordered as
     * the values for positive doubles); p must be false at lo, true at hi and monotone in between.
     */
    static double firstTrue(DoublePredicate p, double lo, double hi) {
        if (p.test(lo) || !p.test(hi)) {
            throw new IllegalStateException("no threshold in (" + lo + ", " + hi + "]");
        }
        long a = Double.doubleToLongBits(lo);
        long b = Double.doubleToLongBits(hi);
        while (b - a > 1) {
            long m = (a + b) >>> 1;
            if (p.test(Double.longBitsToDouble(m))) {
                b = m;
            } else {
                a = m;
            }
        }
        return Double.longBitsToDouble(b);
    }

    /** True for mse on sigma, false for bce on probabilities. */
    private final boolean mse;
    /** bce: the weight y of -log p and beta = 1 - y of -log(1 - p). */
    private final double a;
    private final double beta;
    /** mse: the label is 1 (else 0). */
    private final boolean positive;
    /** mse: e^{-q h_j}, q = 1..MSE_TERMS, row-major by j (the rows' own steps, as {@link Rows} takes them). */
    private final double[] decay;

    private SigmoidTerm(boolean mse, double a, double beta, boolean positive, double[] decay) {
        super(0.0, 0.0, 0.0, false, 0.0);
        this.mse = mse;
        this.a = a;
        this.beta = beta;
        this.positive = positive;
        this.decay = decay;
    }

    /** Whether the grid's |b| and |w| max|x| allow the structured paths (see LogisticGrid's limits). */
    private static boolean inRange(SurfaceGrid out, double maxAbsX) {
        double maxB = Math.max(Math.abs(out.theta2(0)), Math.abs(out.theta2(out.ny() - 1)));
        double maxW = Math.max(Math.abs(out.theta1(0)), Math.abs(out.theta1(out.nx() - 1)));
        return maxB <= LogisticGrid.MAGNITUDE_LIMIT && maxW * maxAbsX <= LogisticGrid.MAGNITUDE_LIMIT;
    }

    /** bce on sigmoid(z): one term per label in [0, 1], else null (the cell-by-cell loop). */
    static LogisticGrid.Term[] bcePlan(double[] labels, double maxAbsX, SurfaceGrid out) {
        if (!inRange(out, maxAbsX)) {
            return null;
        }
        LogisticGrid.Term[] terms = new LogisticGrid.Term[labels.length];
        for (int c = 0; c < labels.length; c++) {
            double y = labels[c];
            if (!(y >= 0.0 && y <= 1.0)) {
                return null;
            }
            terms[c] = new SigmoidTerm(false, y, 1.0 - y, false, null);
        }
        return terms;
    }

    /** mse on sigmoid(z): labels exactly 0 and 1, else null (the cell-by-cell loop). */
    static LogisticGrid.Term[] msePlan(double[] labels, double maxAbsX, SurfaceGrid out) {
        if (!inRange(out, maxAbsX)) {
            return null;
        }
        int g = out.ny();
        double[] decay = new double[g * MSE_TERMS];
        for (int j = 1; j < g; j++) {
            double h = out.theta2(j) - out.theta2(j - 1);
            for (int q = 0; q < MSE_TERMS; q++) {
                decay[j * MSE_TERMS + q] = Math.exp(-(q + 1) * h);
            }
        }
        LogisticGrid.Term[] terms = new LogisticGrid.Term[labels.length];
        for (int c = 0; c < labels.length; c++) {
            if (labels[c] != 0.0 && labels[c] != 1.0) {
                return null;
            }
            terms[c] = new SigmoidTerm(true, 0.0, 0.0, labels[c] == 1.0, decay);
        }
        return terms;
    }

    /** col[j] += this class's sum over its points (r ascending, m of them) for every row. */
    void column(double[] r, int m, Rows rows, Scratch sc) {
        if (mse) {
            mseUpward(r, m, rows, sc);
            mseDownward(r, m, rows, sc);
            mseNear(r, rows, sc);
        } else {
            bceUpward(r, m, rows, sc);
            bceDownward(r, m, rows, sc);
            LogisticGrid.near(r, a + beta, rows, sc);
        }
    }

    // ------------------------------------------------------------------------------------------ bce on sigma

    /**
     * Rows upward, z = fl(b_j - r_k) &gt; 0: {@code beta sum_{band} z + (a + beta) sum_{far band} phi(z) +
     * 100 beta #saturated}, where the saturated points are the prefix [0, s_j) with z &gt;= Z_ONE, the band of the
     * max part is [s_j, mid_j) and the far band [s_j, lo_j). A point leaves the band sums when it saturates (its z
     * and its powers subtracted; see the error bound in LogisticGrid), and an empty band restarts them at exactly 0.
     * Records lo_j, mid_j, hi_j.
     */
    private void bceUpward(double[] r, int m, Rows rows, Scratch sc) {
        double[] b = rows.b;
        double[] h = rows.h;
        double[] below = rows.below;
        double[] above = rows.above;
        double[] dec = rows.decay;
        int g = b.length;
        int terms = LogisticGrid.TERMS;
        double[] col = sc.col;
        double[] f = sc.f;
        Arrays.fill(f, 0.0);
        double weight = a + beta;
        double constant = CLAMP * beta;
        int ps = 0;
        int pm = 0;
        int pl = 0;
        int ph = 0;
        double s0 = 0.0;
        double s1 = 0.0;
        for (int j = 0; j < g; j++) {
            double bj = b[j];
            if (j > 0) {
                s1 += h[j] * s0;
                int base = j * terms;
                for (int q = 0; q < terms; q++) {
                    f[q] *= dec[base + q];
                }
            }
            // saturation, decided on the reference's own score: leaves the max part and the series
            while (ps < m && bj - r[ps] >= Z_ONE) {
                if (ps < pm) {
                    s0 -= 1.0;
                    s1 -= bj - r[ps];
                }
                if (ps < pl) {
                    double e = Math.exp(r[ps] - bj);
                    LogisticGrid.addPowers(f, e, terms, -1.0);
                }
                ps++;
            }
            if (pm <= ps) {
                pm = ps;
                s0 = 0.0;
                s1 = 0.0;
            }
            if (pl <= ps) {
                pl = ps;
                Arrays.fill(f, 0.0);
            }
            while (pm < m && r[pm] < bj) {
                s0 += 1.0;
                s1 += bj - r[pm];
                pm++;
            }
            double limit = below[j];
            while (pl < m && r[pl] < limit) {
                double e = Math.exp(r[pl] - bj);
                LogisticGrid.addPowers(f, e, terms, 1.0);
                pl++;
            }
            double high = above[j];
            while (ph < m && r[ph] <= high) {
                ph++;
            }
            sc.lo[j] = pl;
            sc.mid[j] = pm;
            sc.hi[j] = ph;
            col[j] += beta * s1 + weight * LogisticGrid.series(f) + constant * ps;
        }
    }

    /**
     * Rows downward, z = fl(b_j - r_k) &lt;= 0: {@code a sum_{band} (-z) + a sum_{far band} phi(z) + beta
     * sum_{far} phi(z) + 100 a #saturated}, where the saturated points are the suffix [u_j, m) with z &lt;= Z_FLOOR
     * (only when a &gt; 0: Bce skips the y part for y = 0), the band of the max part is [mid_j, u_j), the far band
     * [hi_j, u_j) and the far set [hi_j, m). Needs {@link #bceUpward}'s hi_j.
     */
    private void bceDownward(double[] r, int m, Rows rows, Scratch sc) {
        double[] b = rows.b;
        double[] h = rows.h;
        double[] dec = rows.decay;
        int g = b.length;
        int terms = LogisticGrid.TERMS;
        double[] col = sc.col;
        double[] f = sc.f;
        double[] fAll = sc.fAll;
        Arrays.fill(f, 0.0);
        Arrays.fill(fAll, 0.0);
        boolean clamps = a > 0.0;
        double constant = CLAMP * a;
        int pu = m;
        int pm = m;
        int ph = m;
        double t0 = 0.0;
        double t1 = 0.0;
        for (int j = g - 1; j >= 0; j--) {
            double bj = b[j];
            if (j < g - 1) {
                t1 += h[j + 1] * t0;
                int base = (j + 1) * terms;
                for (int q = 0; q < terms; q++) {
                    double d = dec[base + q];
                    f[q] *= d;
                    fAll[q] *= d;
                }
            }
            while (clamps && pu > 0 && bj - r[pu - 1] <= Z_FLOOR) {
                pu--;
                if (pu >= pm) {
                    t0 -= 1.0;
                    t1 -= r[pu] - bj;
                }
                if (pu >= ph) {
                    double e = Math.exp(bj - r[pu]);
                    LogisticGrid.addPowers(f, e, terms, -1.0);
                }
            }
            if (pm >= pu) {
                pm = pu;
                t0 = 0.0;
                t1 = 0.0;
            }
            if (ph >= pu) {
                Arrays.fill(f, 0.0);
            }
            while (pm > 0 && r[pm - 1] > bj) {
                pm--;
                t0 += 1.0;
                t1 += r[pm] - bj;
            }
            int target = sc.hi[j];
            while (ph > target) {
                ph--;
                double e = Math.exp(bj - r[ph]);
                double p = e;
                if (ph < pu) {
                    for (int q = 0; q < terms; q++) {
                        f[q] += p;
                        fAll[q] += p;
                        p *= e;
                    }
                } else {
                    for (int q = 0; q < terms; q++) {
                        fAll[q] += p;
                        p *= e;
                    }
                }
            }
            col[j] += a * t1 + a * LogisticGrid.series(f) + beta * LogisticGrid.series(fAll) + constant * (m - pu);
        }
    }

    // ------------------------------------------------------------------------------------------ mse on sigma

    /** sum_{q>=0} (-1)^q (q+1) F_q with F_0 = count: the far points with sigma(v) near 1. */
    private static double big(double count, double[] f) {
        double s = 0.0;
        for (int q = MSE_TERMS - 1; q >= 0; q--) {
            s += BIG[q] * f[q];
        }
        return count + s;
    }

    /** sum_{q>=2} (-1)^q (q-1) F_q: the far points with sigma(v) near 0. */
    private static double small(double[] f) {
        double s = 0.0;
        for (int q = MSE_TERMS - 1; q >= 1; q--) {
            s += SMALL[q] * f[q];
        }
        return s;
    }

    /**
     * Rows upward, far below (z &gt; T, t = e^-z): label 0 adds big(lo_j, F), label 1 small(F). Records lo_j, mid_j,
     * hi_j.
     */
    private void mseUpward(double[] r, int m, Rows rows, Scratch sc) {
        double[] b = rows.b;
        double[] below = rows.below;
        double[] above = rows.above;
        int g = b.length;
        double[] col = sc.col;
        double[] f = sc.wide;
        Arrays.fill(f, 0.0);
        int pm = 0;
        int pl = 0;
        int ph = 0;
        for (int j = 0; j < g; j++) {
            double bj = b[j];
            if (j > 0) {
                int base = j * MSE_TERMS;
                LogisticGrid.decay(f, decay, base, MSE_TERMS);
            }
            while (pm < m && r[pm] < bj) {
                pm++;
            }
            double limit = below[j];
            while (pl < m && r[pl] < limit) {
                double e = Math.exp(r[pl] - bj);
                LogisticGrid.addPowers(f, e, MSE_TERMS, 1.0);
                pl++;
            }
            double high = above[j];
            while (ph < m && r[ph] <= high) {
                ph++;
            }
            sc.lo[j] = pl;
            sc.mid[j] = pm;
            sc.hi[j] = ph;
            col[j] += positive ? small(f) : big(pl, f);
        }
    }

    /** Rows downward, far above (z &lt; -T, t = e^z): label 0 adds small(F), label 1 big(m - hi_j, F). */
    private void mseDownward(double[] r, int m, Rows rows, Scratch sc) {
        double[] b = rows.b;
        int g = b.length;
        double[] col = sc.col;
        double[] f = sc.wide;
        Arrays.fill(f, 0.0);
        int ph = m;
        for (int j = g - 1; j >= 0; j--) {
            double bj = b[j];
            if (j < g - 1) {
                int base = (j + 1) * MSE_TERMS;
                LogisticGrid.decay(f, decay, base, MSE_TERMS);
            }
            int target = sc.hi[j];
            while (ph > target) {
                ph--;
                double e = Math.exp(bj - r[ph]);
                LogisticGrid.addPowers(f, e, MSE_TERMS, 1.0);
            }
            col[j] += positive ? big(m - ph, f) : small(f);
        }
    }

    /**
     * The near points (|z| &lt;= T) of one class, point by point over the rows where each is near (the same
     * contiguous ranges as {@link LogisticGrid#near}): {@code col[j] += s^2} with s = sigma(z) (label 0) or
     * sigma(-z) (label 1) as 1/(1+t) or t/(1+t), t = e^-|z| from the anchor factors. Plain loops over rows: no
     * calls, no branches, so they vectorize.
     */
    private void mseNear(double[] r, Rows rows, Scratch sc) {
        double[] col = sc.col;
        double[] eb = rows.near.eBelow;
        double[] ea = rows.near.eAbove;
        rows.near.walk(r, sc.lo, sc.mid, sc.hi, (rk, blk, from, split, to, e) -> {
            double inv = 1.0 / e;
            if (positive) {
                // z <= 0: sigma(-z) = 1 / (1 + e^z);   z > 0: sigma(-z) = e^-z / (1 + e^-z)
                for (int j = from; j < split; j++) {
                    double s = 1.0 / (1.0 + inv * ea[j]);
                    col[j] += s * s;
                }
                for (int j = split; j < to; j++) {
                    double t = e * eb[j];
                    double s = t / (1.0 + t);
                    col[j] += s * s;
                }
            } else {
                // z <= 0: sigma(z) = e^z / (1 + e^z);   z > 0: sigma(z) = 1 / (1 + e^-z)
                for (int j = from; j < split; j++) {
                    double t = inv * ea[j];
                    double s = t / (1.0 + t);
                    col[j] += s * s;
                }
                for (int j = split; j < to; j++) {
                    double s = 1.0 / (1.0 + e * eb[j]);
                    col[j] += s * s;
                }
            }
        });
    }
}
