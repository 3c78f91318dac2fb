package org.losslab.problem.fit;

/**
 * Exact minimisation of a convex function of one variable made of kinks and a quadratic,
 * <pre>
 *   f(s) = sum_i [ L_i (t_i - s)^+  +  R_i (s - t_i)^+ ]  +  q s^2  +  c s,        L_i, R_i &gt;= 0,  q &gt;= 0,
 * </pre>
 * in expected O(m) time for m kinks, by a randomised selection on the sign of the derivative. Each kink t_i is a
 * hinge that falls with slope -L_i to its left and rises with slope R_i to its right. The one-sided derivatives are
 * <pre>
 *   f'(s-) = - sum_{t_i &gt;= s} L_i + sum_{t_i &lt; s} R_i + 2 q s + c
 *   f'(s+) = - sum_{t_i &gt; s} L_i + sum_{t_i &lt;= s} R_i + 2 q s + c,
 * </pre>
 * both non-decreasing in s, and s is a minimiser iff f'(s-) &lt;= 0 &lt;= f'(s+).
 *
 * <ul>
 *   <li>q = 0 (piecewise linear): the minimiser is taken at a kink, the smallest t_j with f'(t_j+) &gt;= 0. With
 *       c = 0 that is the weighted quantile: the smallest t_j with sum_{t_i &lt;= t_j} (L_i + R_i) &gt;= sum_i L_i.
 *       This is the exact line search of the vertex-descent solvers, and {@link #chosen()} names the kink, which
 *       becomes a new interpolated point.</li>
 *   <li>q &gt; 0: the unique minimiser, either at a kink or inside a gap between kinks where f' is linear,
 *       s = (sum_{above} L - sum_{below} R - c) / (2 q).</li>
 * </ul>
 * Each pass partitions the remaining kinks three ways around a random pivot value and keeps the side that holds the
 * root of f', carrying the slope sums of the discarded sides; no sorting and no allocation once the buffers are
 * large enough. Instances reuse their buffers and are not thread-safe.
 */
final class Kinks {
    private double[] t = new double[16];
    private double[] left = new double[16];
    private double[] right = new double[16];
    private int[] id = new int[16];
    private int count;
    private int chosen = -1;
    private long state = 0x9E3779B97F4A7C15L;

    /** Removes every kink. */
    void clear() {
        count = 0;
    }

    /** The number of kinks. */
    int size() {
        return count;
    }

    /**
     * Adds the kink {@code L (t - s)^+ + R (s - t)^+}.
     *
     * @param position t
     * @param l        slope weight to the left, &gt;= 0
     * @param r        slope weight to the right, &gt;= 0
     * @param tag      returned by {@link #chosen()} when the minimiser is at this kink
     */
    void add(double position, double l, double r, int tag) {
        if (count == t.length) {
            int cap = 2 * count;
            t = java.util.Arrays.copyOf(t, cap);
            left = java.util.Arrays.copyOf(left, cap);
            right = java.util.Arrays.copyOf(right, cap);
            id = java.util.Arrays.copyOf(id, cap);
        }
        t[count] = position;
        left[count] = l;
        right[count] = r;
        id[count] = tag;
        count++;
    }

    /** The tag of the kink at the last minimiser, or -1 when it lies strictly between kinks (only with q &gt; 0). */
    int chosen() {
        return chosen;
    }

    /**
     * A minimiser of f (see the class comment). The kinks are reordered. With no kinks and q = 0 the function is
     * linear; then 0 is returned (the callers never ask for that case with c != 0).
     *
     * @param q the quadratic coefficient, &gt;= 0
     * @param c the linear coefficient
     */
    double minimize(double q, double c) {
        chosen = -1;
        int a = 0;
        int b = count;
        double accRight = 0.0;  // sum of R over kinks known to lie below the remaining range
        double accLeft = 0.0;   // sum of L over kinks known to lie above it
        double lowT = Double.NEGATIVE_INFINITY;
        int lowId = -1;
        double highT = Double.POSITIVE_INFINITY;
        int highId = -1;
        while (a < b) {
            int p = a + (int) Long.remainderUnsigned(nextRandom(), b - a);
            double v = t[p];
            // three-way partition of [a, b): [a, lt) < v, [lt, gt) == v, [gt, b) > v
            int lt = a;
            int i = a;
            int gt = b;
            double lBelow = 0.0;
            double rBelow = 0.0;
            double lEqual = 0.0;
            double rEqual = 0.0;
            double lAbove = 0.0;
            double rAbove = 0.0;
            while (i < gt) {
                double ti = t[i];
                if (ti < v) {
                    lBelow += left[i];
                    rBelow += right[i];
                    swap(lt, i);
                    lt++;
                    i++;
                } else if (ti > v) {
                    gt--;
                    swap(i, gt);
                    lAbove += left[gt];
                    rAbove += right[gt];
                } else {
                    lEqual += left[i];
                    rEqual += right[i];
                    i++;
                }
            }
            double base = 2.0 * q * v + c;
            double dMinus = -(accLeft + lAbove + lEqual) + (accRight + rBelow) + base;
            double dPlus = -(accLeft + lAbove) + (accRight + rBelow + rEqual) + base;
            if (dPlus < 0) {
                // the root is above v
                accRight += rBelow + rEqual;
                lowT = v;
                lowId = id[lt];
                a = gt;
            } else if (q > 0 ? dMinus > 0 : (dMinus >= 0 && lt > a)) {
                // the root is below v (for q = 0: the smallest kink with f'(+) >= 0 is below v)
                accLeft += lAbove + lEqual;
                highT = v;
                highId = id[lt];
                b = lt;
            } else {
                chosen = id[lt];
                return v;
            }
        }
        if (q > 0) {
            double s = (accLeft - accRight - c) / (2.0 * q);
            if (s <= lowT) {
                chosen = lowId;
                return lowT;
            }
            if (s >= highT) {
                chosen = highId;
                return highT;
            }
            return s;
        }
        // q == 0 and every kink had f'(+) < 0: only by rounding; the largest kink is then the best
        if (lowId >= 0) {
            chosen = lowId;
            return lowT;
        }
        return highId >= 0 ? highT : 0.0;
    }

    private void swap(int i, int j) {
        double tt = t[i];
        t[i] = t[j];
        t[j] = tt;
        double l = left[i];
        left[i] = left[j];
        left[j] = l;
        double r = right[i];
        right[i] = right[j];
        right[j] = r;
        int k = id[i];
        id[i] = id[j];
        id[j] = k;
    }

    /** xorshift64*: a fixed sequence, so that fits are reproducible. */
    private long nextRandom() {
        long x = state;
        x ^= x >>> 12;
        x ^= x << 25;
        x ^= x >>> 27;
        state = x;
        return x * 0x2545F4914F6CDD1DL;
    }
}
