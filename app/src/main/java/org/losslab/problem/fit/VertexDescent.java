package org.losslab.problem.fit;

import java.util.Arrays;

/**
 * Exact minimisation of a sum of two-slope hinges of linear functions (the linear program behind least absolute
 * deviations and quantile regression):
 * <pre>
 *   f(theta) = sum_i h_i(r_i),   r_i = a_i . theta - t_i,   h_i(r) = P_i r^+ + N_i r^-,   P_i, N_i &gt;= 0,
 * </pre>
 * over theta in R^d (d &lt;= {@link #MAX_D}), for rows a_i that span R^d.
 *
 * <h2>Method: descent from vertex to vertex</h2>
 * f is convex and piecewise linear, linear on the cells cut out by the "kink" hyperplanes r_i = 0, so it has a
 * minimum at a vertex: a point where d linearly independent rows (the basis S) have r_i = 0. At a vertex, with
 * B = A_S^-1 (columns delta_j), moving along +-delta_j keeps every basis row but S_j at zero and moves r_{S_j} by
 * +-1: these 2d directions are the edges. With g = sum_{i inactive} h_i'(r_i) a_i and Z the other rows with
 * r_i = 0 (a degenerate vertex), the derivative of f along an edge is
 * <pre>
 *   f'(+delta_j) =  g . delta_j + P_{S_j} + sum_{i in Z} h_i( a_i . delta_j)
 *   f'(-delta_j) = -g . delta_j + N_{S_j} + sum_{i in Z} h_i(-a_i . delta_j).
 * </pre>
 * The edge with the most negative derivative per unit length (steepest edge) is followed to the minimum of f on
 * its line, an exact one-dimensional piecewise-linear search (a weighted quantile of the kink positions
 * s_i = -r_i / (a_i . delta), weights |a_i . delta| (P_i or N_i), see {@link Kinks}); the row whose kink is the
 * minimum enters the basis in place of S_j. For d = 2 and data rows (x_i, 1) this is Wesolowsky's (1981) direct
 * descent for L1 regression: the line turns about one data point to the best slope, a weighted quantile of the
 * slopes (y_i - y_k) / (x_i - x_k) with weights |x_i - x_k|, and the next pivot is the point it lands on.
 *
 * <h2>Optimality certificate</h2>
 * At a non-degenerate vertex (Z empty) f is, near the vertex and in the coordinates u_k = a_{S_k} . (theta -
 * theta*), a linear function plus sum_k h_{S_k}(u_k): separable, so no descending edge means a global minimum, and
 * the minimum is unique iff every edge derivative is strictly positive. At a degenerate vertex the edges do not
 * describe every direction. For d = 2 this class then checks the kink line of every active row: f'(theta*; .) is
 * positively homogeneous, convex and linear between consecutive kink directions (sectors narrower than pi), so it
 * is non-negative everywhere iff it is non-negative along each active row's kink line in both senses (computed for
 * all active rows at once from prefix sums over the rows sorted by the position of their kink); a descending kink
 * line is followed to a new vertex and the descent goes on. For d &gt; 2 a degenerate end point is certified through
 * the subgradient condition, with the ties broken by a small perturbation of the targets (see
 * {@link #certifyByPerturbation}); if that fails it is reported as not certified, unless every row is fitted
 * exactly (then f = 0 is obviously the minimum). Uniqueness is left undecided at certified degenerate vertices.
 *
 * <p>Each step costs O(m d) plus O(m) expected for the line search; the objective never increases. Callers fill the
 * rows through {@link #reset}, {@link #row}, {@link #target} and {@link #slopes}; buffers are reused between
 * solves. Not thread-safe.
 */
final class VertexDescent {
    /** The largest dimension supported (polynomials of degree 9 have 10 coefficients). */
    static final int MAX_D = 10;

    private static final byte INACTIVE = 0;
    private static final byte BASIS = 1;
    private static final byte DEGENERATE = 2;

    private int m;
    private int d;
    private double[] a = new double[0];
    private double[] t = new double[0];
    private double[] pos = new double[0];
    private double[] neg = new double[0];
    private double[] r = new double[0];
    private byte[] status = new byte[0];
    private boolean[] held = new boolean[0];
    private boolean[] tried = new boolean[0];
    private int[] zIndex = new int[0];
    private int zCount;
    /** |r_i| within this fraction of the size of its terms counts as 0 (smaller while ties are broken). */
    private double activeTolerance = 1e-11;
    private double[] targetsSaved = new double[0];
    private byte[] perturbedSign = new byte[0];

    private final double[] theta = new double[MAX_D];
    private final int[] basis = new int[MAX_D];
    private final double[] inv = new double[MAX_D * MAX_D];
    private final double[] work = new double[MAX_D * MAX_D];
    private final double[] g = new double[MAX_D];
    private final double[] gAbs = new double[MAX_D];
    private final double[] dir = new double[MAX_D];
    private final double[] ortho = new double[MAX_D * MAX_D];
    private final double[] saveTheta = new double[MAX_D];
    private final int[] saveBasis = new int[MAX_D];
    private final Kinks kinks = new Kinks();

    // 2-D certificate buffers
    private double[] certKey = new double[0];
    private int[] certRow = new int[0];
    private double[] prefixP = new double[0];
    private double[] prefixPp = new double[0];
    private double[] prefixN = new double[0];
    private double[] prefixNp = new double[0];

    private int iterations;
    private boolean certified;
    private boolean unique;
    private boolean uniquenessKnown;
    private double objective;
    private String problem = "";

    /** Prepares for {@code rows} rows of dimension {@code dims}. */
    void reset(int rows, int dims) {
        if (dims < 1 || dims > MAX_D) {
            throw new IllegalArgumentException("dimension " + dims + " is outside 1.." + MAX_D);
        }
        m = rows;
        d = dims;
        if (a.length < rows * dims) {
            a = new double[Math.max(rows * dims, 2 * a.length)];
        }
        if (t.length < rows) {
            int cap = Math.max(rows, 2 * t.length);
            t = new double[cap];
            pos = new double[cap];
            neg = new double[cap];
            r = new double[cap];
            status = new byte[cap];
            held = new boolean[cap];
            tried = new boolean[cap];
            zIndex = new int[cap];
            targetsSaved = new double[cap];
            perturbedSign = new byte[cap];
        }
    }

    /** Sets coefficient k of row i. */
    void row(int i, int k, double value) {
        a[i * d + k] = value;
    }

    /** Sets the target of row i. */
    void target(int i, double value) {
        t[i] = value;
    }

    /** Sets the slopes of row i: cost {@code p} per unit of positive residual, {@code n} per unit of negative. */
    void slopes(int i, double p, double n) {
        pos[i] = p;
        neg[i] = n;
    }

    /** Component k of the solution. */
    double theta(int k) {
        return theta[k];
    }

    /** f at the solution. */
    double objective() {
        return objective;
    }

    /** Descent steps taken. */
    int iterations() {
        return iterations;
    }

    /** Whether the solution is certified to be a global minimum. */
    boolean certified() {
        return certified;
    }

    /** Whether the minimum is certified unique (only meaningful when certified and {@link #uniquenessKnown}). */
    boolean unique() {
        return unique;
    }

    /** Whether {@link #unique} was decided (false when optimality was certified by f = 0 alone). */
    boolean uniquenessKnown() {
        return uniquenessKnown;
    }

    /** Why the solution is not certified, or empty. */
    String problem() {
        return problem;
    }

    /**
     * Minimises f from a start point (any theta; the first vertex is built from the rows it fits best).
     *
     * @param start length &gt;= d
     * @return false when the rows do not span R^d (no vertex exists)
     */
    boolean solve(double[] start) {
        iterations = 0;
        certified = false;
        unique = false;
        uniquenessKnown = true;
        problem = "";
        if (!firstVertex(start)) {
            return false;
        }
        int maxIterations = 100 + 4 * m;
        double f = evaluate();
        while (iterations < maxIterations) {
            iterations++;
            int edge = steepestEdge();
            if (edge == NO_EDGE) {
                if (zCount == 0) {
                    certified = true;
                    unique = !flatEdge;
                    break;
                }
                if (d != 2) {
                    if (certifyByPerturbation(f)) {
                        certified = true;
                        uniquenessKnown = false;
                    } else {
                        problem = "the optimum found is a degenerate vertex (more than " + d
                                + " points on the fitted curve); it is not certified";
                    }
                    f = evaluate();
                    break;
                }
                int moved = certifyPlane();
                if (moved == CERTIFIED) {
                    certified = true;
                    unique = !flatEdge;
                    break;
                }
                if (moved == STALLED) {
                    problem = "the descent stalled at a degenerate vertex";
                    break;
                }
            } else if (!followEdge(edge >> 1, (edge & 1) == 0 ? 1.0 : -1.0)) {
                problem = "the descent stalled (rounding)";
                break;
            }
            double fNew = evaluate();
            if (fNew > f + 1e-13 * Math.abs(f) + Double.MIN_NORMAL) {
                // rounding made things worse: go back to the previous vertex and stop there
                System.arraycopy(saveTheta, 0, theta, 0, d);
                System.arraycopy(saveBasis, 0, basis, 0, d);
                f = evaluate();
                problem = "the descent stopped where rounding no longer allowed progress";
                break;
            }
            f = fNew;
        }
        if (!certified && zCount + d == m) {
            // every row is fitted exactly: f = 0 (to rounding), the lowest value there is
            certified = true;
            uniquenessKnown = false;
            problem = "";
        }
        if (iterations >= maxIterations && !certified && problem.isEmpty()) {
            problem = "the descent reached its step limit";
        }
        objective = f;
        return true;
    }

    // ---------------------------------------------------------------------------------------------------------
    // vertices

    /**
     * Chooses d independent rows, taking those with the smallest |r| at the start point first (Gram-Schmidt
     * against the rows already chosen; a row counts as independent when more than 1e-8 of its norm is left), and
     * puts theta at their common zero.
     */
    private boolean firstVertex(double[] start) {
        for (int i = 0; i < m; i++) {
            double s = -t[i];
            for (int k = 0; k < d; k++) {
                s += a[i * d + k] * start[k];
            }
            r[i] = Math.abs(s);
            tried[i] = false;
        }
        int chosen = 0;
        int attempts = 0;
        int scan = 0;
        while (chosen < d) {
            int best = -1;
            if (attempts < 4 * d + 8) {
                double bestR = Double.POSITIVE_INFINITY;
                for (int i = 0; i < m; i++) {
                    if (!tried[i] && r[i] < bestR) {
                        bestR = r[i];
                        best = i;
                    }
                }
            } else {
                // many dependent rows near the start: take the remaining rows in order instead (O(m) overall)
                while (scan < m && tried[scan]) {
                    scan++;
                }
                best = scan < m ? scan : -1;
            }
            if (best < 0) {
                return false;
            }
            attempts++;
            tried[best] = true;
            if (addIfIndependent(best, chosen)) {
                basis[chosen++] = best;
            }
        }
        return solveVertex();
    }

    private boolean addIfIndependent(int row, int chosen) {
        double norm = 0.0;
        for (int k = 0; k < d; k++) {
            double v = a[row * d + k];
            dir[k] = v;
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        if (norm == 0.0) {
            return false;
        }
        for (int pass = 0; pass < 2; pass++) {
            for (int q = 0; q < chosen; q++) {
                double s = 0.0;
                for (int k = 0; k < d; k++) {
                    s += dir[k] * ortho[q * d + k];
                }
                for (int k = 0; k < d; k++) {
                    dir[k] -= s * ortho[q * d + k];
                }
            }
        }
        double left = 0.0;
        for (int k = 0; k < d; k++) {
            left += dir[k] * dir[k];
        }
        left = Math.sqrt(left);
        if (!(left > 1e-8 * norm)) {
            return false;
        }
        for (int k = 0; k < d; k++) {
            ortho[chosen * d + k] = dir[k] / left;
        }
        return true;
    }

    /** theta = A_S^-1 t_S and inv = A_S^-1; false when A_S is singular. */
    private boolean solveVertex() {
        for (int j = 0; j < d; j++) {
            System.arraycopy(a, basis[j] * d, work, j * d, d);
        }
        if (!Dense.invert(work, d, inv)) {
            return false;
        }
        for (int k = 0; k < d; k++) {
            double s = 0.0;
            for (int j = 0; j < d; j++) {
                s += inv[k * d + j] * t[basis[j]];
            }
            theta[k] = s;
        }
        return true;
    }

    /**
     * Residuals, activity and f at theta. Basis rows get r = 0 exactly; other rows with |r| within 1e-11 of the
     * size of the terms that make it up are degenerate-active (Z).
     */
    private double evaluate() {
        Arrays.fill(status, 0, m, INACTIVE);
        for (int j = 0; j < d; j++) {
            status[basis[j]] = BASIS;
        }
        double f = 0.0;
        zCount = 0;
        for (int i = 0; i < m; i++) {
            double s = -t[i];
            double size = Math.abs(t[i]);
            for (int k = 0; k < d; k++) {
                double term = a[i * d + k] * theta[k];
                s += term;
                size += Math.abs(term);
            }
            if (status[i] == BASIS) {
                s = 0.0;
            } else if (Math.abs(s) <= activeTolerance * size) {
                status[i] = DEGENERATE;
                zIndex[zCount++] = i;
            }
            r[i] = s;
            f += s > 0 ? pos[i] * s : -neg[i] * s;
        }
        return f;
    }

    // ---------------------------------------------------------------------------------------------------------
    // edges

    private static final int NO_EDGE = -1;
    private boolean flatEdge;

    /**
     * The steepest descending edge as 2 j + (0 for +delta_j, 1 for -delta_j), or {@link #NO_EDGE}; sets
     * {@link #flatEdge} when some edge has a zero derivative (within 1e-12 of the size of its terms).
     */
    private int steepestEdge() {
        Arrays.fill(g, 0, d, 0.0);
        Arrays.fill(gAbs, 0, d, 0.0);
        for (int i = 0; i < m; i++) {
            if (status[i] != INACTIVE) {
                continue;
            }
            double slope = r[i] > 0 ? pos[i] : -neg[i];
            double big = Math.max(pos[i], neg[i]);
            for (int k = 0; k < d; k++) {
                double v = a[i * d + k];
                g[k] += slope * v;
                gAbs[k] += big * Math.abs(v);
            }
        }
        flatEdge = false;
        int best = NO_EDGE;
        double bestRate = 0.0;
        for (int j = 0; j < d; j++) {
            double gd = 0.0;
            double scale = 0.0;
            double len = 0.0;
            for (int k = 0; k < d; k++) {
                double dk = inv[k * d + j];
                gd += g[k] * dk;
                scale += gAbs[k] * Math.abs(dk);
                len += dk * dk;
            }
            len = Math.sqrt(len);
            double zPlus = 0.0;
            double zMinus = 0.0;
            for (int q = 0; q < zCount; q++) {
                int i = zIndex[q];
                double c = 0.0;
                for (int k = 0; k < d; k++) {
                    c += a[i * d + k] * inv[k * d + j];
                }
                zPlus += c > 0 ? pos[i] * c : -neg[i] * c;
                zMinus += c > 0 ? neg[i] * c : -pos[i] * c;
                scale += (pos[i] + neg[i]) * Math.abs(c);
            }
            int sj = basis[j];
            scale += pos[sj] + neg[sj];
            double tol = 1e-12 * scale;
            double up = gd + pos[sj] + zPlus;
            double down = -gd + neg[sj] + zMinus;
            if (up <= tol || down <= tol) {
                flatEdge = true;
            }
            if (up < -tol && up / len < bestRate) {
                bestRate = up / len;
                best = 2 * j;
            }
            if (down < -tol && down / len < bestRate) {
                bestRate = down / len;
                best = 2 * j + 1;
            }
        }
        return best;
    }

    /** Follows the edge sign * delta_j to the minimum on its line; the row found there replaces S_j. */
    private boolean followEdge(int j, double sign) {
        for (int k = 0; k < d; k++) {
            dir[k] = sign * inv[k * d + j];
        }
        for (int q = 0; q < d; q++) {
            held[basis[q]] = q != j;
        }
        int entering = lineSearch();
        for (int q = 0; q < d; q++) {
            held[basis[q]] = false;
        }
        if (entering < 0 || entering == basis[j] || !(step > 0)) {
            return false;
        }
        System.arraycopy(theta, 0, saveTheta, 0, d);
        System.arraycopy(basis, 0, saveBasis, 0, d);
        basis[j] = entering;
        if (!solveVertex()) {
            System.arraycopy(saveBasis, 0, basis, 0, d);
            solveVertex();
            return false;
        }
        return true;
    }

    private double step;

    /**
     * The exact minimum of f(theta + s dir) over s, for rows not {@link #held}; sets {@link #step} and returns the
     * row whose kink it is (or -1). Rows with a_i . dir = 0 (within 1e-13 of its terms) are constant on the line.
     */
    private int lineSearch() {
        kinks.clear();
        for (int i = 0; i < m; i++) {
            if (held[i]) {
                continue;
            }
            double c = 0.0;
            double size = 0.0;
            for (int k = 0; k < d; k++) {
                double term = a[i * d + k] * dir[k];
                c += term;
                size += Math.abs(term);
            }
            if (!(Math.abs(c) > 1e-13 * size)) {
                continue;
            }
            double s = -r[i] / c;
            if (c > 0) {
                kinks.add(s, neg[i] * c, pos[i] * c, i);
            } else {
                kinks.add(s, -pos[i] * c, -neg[i] * c, i);
            }
        }
        if (kinks.size() == 0) {
            step = 0.0;
            return -1;
        }
        step = kinks.minimize(0.0, 0.0);
        return kinks.chosen();
    }

    // ---------------------------------------------------------------------------------------------------------
    // degenerate vertices in d > 2 dimensions: certificate by perturbation

    private final double[] thetaBefore = new double[MAX_D];
    private final int[] basisBefore = new int[MAX_D];

    /**
     * Certifies a degenerate vertex (more than d rows with r = 0) for d &gt; 2. At a point where the rows A are at
     * zero, f is minimal iff 0 is in its subdifferential: there are multipliers lambda_i in [-N_i, P_i] (the
     * subdifferential of h_i at 0) for i in A with g + sum_{i in A} lambda_i a_i = 0, g the gradient of the other
     * rows. The multipliers are found by breaking the ties: every target moves by a pseudo-random 1e-9 of its
     * size, the descent continues on that (non-degenerate) problem to its optimal basis S, the targets are put
     * back and theta = A_S^-1 t_S. The tied rows outside S take the slope of the side the perturbation put them on
     * (P_i or -N_i, both in [-N_i, P_i]), and the basis rows get lambda = -A_S^-T g' with g' the gradient of all
     * non-basis rows so assigned; lambda_j in [-N_j, P_j] for every j certifies theta (whatever the perturbation
     * did: the check is made on the true targets). Otherwise the previous vertex is restored.
     *
     * @param fBefore f at the current (degenerate) vertex
     * @return whether the vertex now held is certified
     */
    private boolean certifyByPerturbation(double fBefore) {
        System.arraycopy(theta, 0, thetaBefore, 0, d);
        System.arraycopy(basis, 0, basisBefore, 0, d);
        System.arraycopy(t, 0, targetsSaved, 0, m);
        long seed = 0x5DEECE66DL ^ (31L * m + d);
        boolean certifiedHere = false;
        for (int attempt = 0; attempt < 3 && !certifiedHere; attempt++) {
            System.arraycopy(thetaBefore, 0, theta, 0, d);
            System.arraycopy(basisBefore, 0, basis, 0, d);
            for (int i = 0; i < m; i++) {
                double size = Math.abs(targetsSaved[i]);
                for (int k = 0; k < d; k++) {
                    size += Math.abs(a[i * d + k] * thetaBefore[k]);
                }
                seed ^= seed << 13;
                seed ^= seed >>> 7;
                seed ^= seed << 17;
                double u = 0.25 + 0.75 * ((seed >>> 11) * 0x1.0p-53);
                t[i] = targetsSaved[i] + ((seed & 1L) == 0 ? 1e-9 : -1e-9) * u * (size > 0 ? size : 1.0);
            }
            // ties broken by 1e-9 of the sizes: only rounding (~1e-16) can make a residual smaller than 1e-13
            activeTolerance = 1e-13;
            boolean ok = solveVertex();
            boolean optimal = false;
            for (int step = 0; ok && step < 100 + 4 * m; step++) {
                evaluate();
                int edge = steepestEdge();
                if (edge == NO_EDGE) {
                    optimal = zCount == 0;
                    break;
                }
                if (!followEdge(edge >> 1, (edge & 1) == 0 ? 1.0 : -1.0)) {
                    break;
                }
                iterations++;
            }
            if (ok) {
                evaluate();
                for (int i = 0; i < m; i++) {
                    perturbedSign[i] = (byte) (r[i] > 0 ? 1 : (r[i] < 0 ? -1 : 0));
                }
            }
            activeTolerance = 1e-11;
            System.arraycopy(targetsSaved, 0, t, 0, m);
            certifiedHere = ok && optimal && solveVertex() && multipliersFit();
        }
        if (certifiedHere) {
            return true;
        }
        System.arraycopy(thetaBefore, 0, theta, 0, d);
        System.arraycopy(basisBefore, 0, basis, 0, d);
        solveVertex();
        return false;
    }

    /**
     * At the current vertex (true targets): the multipliers lambda = -A_S^-T g' of the basis rows, g' the gradient
     * of the other rows with tied rows on their perturbed side, all within [-N_j, P_j] (to 1e-12 of their terms).
     */
    private boolean multipliersFit() {
        evaluate();
        java.util.Arrays.fill(g, 0, d, 0.0);
        java.util.Arrays.fill(gAbs, 0, d, 0.0);
        for (int i = 0; i < m; i++) {
            if (status[i] == BASIS) {
                continue;
            }
            double slope;
            if (status[i] == INACTIVE) {
                slope = r[i] > 0 ? pos[i] : -neg[i];
            } else {
                slope = perturbedSign[i] < 0 ? -neg[i] : pos[i];
            }
            double big = Math.max(pos[i], neg[i]);
            for (int k = 0; k < d; k++) {
                double v = a[i * d + k];
                g[k] += slope * v;
                gAbs[k] += big * Math.abs(v);
            }
        }
        for (int j = 0; j < d; j++) {
            double lambda = 0.0;
            double scale = 0.0;
            for (int k = 0; k < d; k++) {
                lambda -= g[k] * inv[k * d + j];
                scale += gAbs[k] * Math.abs(inv[k * d + j]);
            }
            int sj = basis[j];
            double tol = 1e-12 * (scale + pos[sj] + neg[sj]);
            if (lambda > pos[sj] + tol || lambda < -neg[sj] - tol) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------------------------
    // the 2-D certificate at a degenerate vertex

    private static final int CERTIFIED = 0;
    private static final int MOVED = 1;
    private static final int STALLED = 2;

    /**
     * For d = 2 at a degenerate vertex: checks f'(theta*; +-d_m) for the kink direction d_m = (-a_m2, a_m1) of
     * every active row m. Rows are normalised to a_i2 &gt;= 0 (a row and its negation with P and N swapped are the
     * same hinge); those with a_i2 &gt; 0 are a_i2 (p_i, 1) with p_i = a_i1 / a_i2, and then, for a_m2 &gt; 0,
     * a_i . d_m = a_i2 a_m2 (p_m - p_i), so
     * <pre>
     *   sum_i h_i( a_i . d_m) = a_m2 [ sum_{p_i &lt; p_m} P_i a_i2 (p_m - p_i) + sum_{p_i &gt; p_m} N_i a_i2 (p_i - p_m) ]
     *   sum_i h_i(-a_i . d_m) = a_m2 [ sum_{p_i &lt; p_m} N_i a_i2 (p_m - p_i) + sum_{p_i &gt; p_m} P_i a_i2 (p_i - p_m) ]
     * </pre>
     * from prefix sums over the rows sorted by p; rows with a_i2 = 0 are added one by one. Moves along the most
     * descending kink line (keeping its row at zero) to a new vertex, or certifies.
     */
    private int certifyPlane() {
        int count = 0;
        ensureCertificate(zCount + 2);
        for (int q = 0; q < 2 + zCount; q++) {
            int i = q < 2 ? basis[q] : zIndex[q - 2];
            double a2 = a[i * 2 + 1];
            if (a2 != 0.0) {
                certKey[count] = a[i * 2] / a2;
                certRow[count] = i;
                count++;
            }
        }
        sortByKey(certKey, certRow, count);
        double sumP = 0.0;
        double sumPp = 0.0;
        double sumN = 0.0;
        double sumNp = 0.0;
        double total = 0.0;
        for (int q = 0; q < count; q++) {
            int i = certRow[q];
            double a2 = Math.abs(a[i * 2 + 1]);
            double wp = (a[i * 2 + 1] > 0 ? pos[i] : neg[i]) * a2;
            double wn = (a[i * 2 + 1] > 0 ? neg[i] : pos[i]) * a2;
            prefixP[q] = sumP;
            prefixPp[q] = sumPp;
            prefixN[q] = sumN;
            prefixNp[q] = sumNp;
            sumP += wp;
            sumPp += wp * certKey[q];
            sumN += wn;
            sumNp += wn * certKey[q];
            total += (wp + wn) * (Math.abs(certKey[q]) + 1.0);
        }
        prefixP[count] = sumP;
        prefixPp[count] = sumPp;
        prefixN[count] = sumN;
        prefixNp[count] = sumNp;

        flatEdge = false;
        double bestRate = 0.0;
        int bestRow = -1;
        double bestSign = 0.0;
        double gScale = gAbs[0] + gAbs[1];
        // rows with a_i2 != 0, grouped by equal key
        int q = 0;
        while (q < count) {
            int end = q;
            while (end + 1 < count && certKey[end + 1] == certKey[q]) {
                end++;
            }
            double pm = certKey[q];
            double belowP = prefixP[q];
            double belowPp = prefixPp[q];
            double belowN = prefixN[q];
            double belowNp = prefixNp[q];
            double aboveP = sumP - prefixP[end + 1];
            double abovePp = sumPp - prefixPp[end + 1];
            double aboveN = sumN - prefixN[end + 1];
            double aboveNp = sumNp - prefixNp[end + 1];
            double up = pm * belowP - belowPp + aboveNp - pm * aboveN;
            double down = pm * belowN - belowNp + abovePp - pm * aboveP;
            for (int k = q; k <= end; k++) {
                int i = certRow[k];
                double am2 = Math.abs(a[i * 2 + 1]);
                double s1 = a[i * 2 + 1] > 0 ? 1.0 : -1.0;
                // d_m for the normalised row s1 a_m: (-|a_m2|, s1 a_m1)
                double d1 = -am2;
                double d2 = s1 * a[i * 2];
                double upM = am2 * up;
                double downM = am2 * down;
                double scale = gScale * Math.max(Math.abs(d1), Math.abs(d2)) + am2 * (total + Math.abs(pm) * (sumP
                        + sumN));
                for (int z = 0; z < 2 + zCount; z++) {
                    int h = z < 2 ? basis[z] : zIndex[z - 2];
                    if (a[h * 2 + 1] == 0.0) {
                        double c = a[h * 2] * d1;
                        upM += c > 0 ? pos[h] * c : -neg[h] * c;
                        downM += c > 0 ? neg[h] * c : -pos[h] * c;
                        scale += (pos[h] + neg[h]) * Math.abs(c);
                    }
                }
                double gd = g[0] * d1 + g[1] * d2;
                upM += gd;
                downM -= gd;
                double len = Math.hypot(d1, d2);
                double tol = 1e-12 * scale;
                if (upM <= tol || downM <= tol) {
                    flatEdge = true;
                }
                if (upM < -tol && upM / len < bestRate) {
                    bestRate = upM / len;
                    bestRow = i;
                    bestSign = 1.0;
                }
                if (downM < -tol && downM / len < bestRate) {
                    bestRate = downM / len;
                    bestRow = i;
                    bestSign = -1.0;
                }
            }
            q = end + 1;
        }
        // rows with a_i2 == 0: direction (0, a_m1), checked directly
        for (int z = 0; z < 2 + zCount; z++) {
            int m0 = z < 2 ? basis[z] : zIndex[z - 2];
            if (a[m0 * 2 + 1] != 0.0) {
                continue;
            }
            double d2 = a[m0 * 2];
            double upM = g[1] * d2;
            double downM = -g[1] * d2;
            double scale = gScale * Math.abs(d2);
            for (int y = 0; y < 2 + zCount; y++) {
                int h = y < 2 ? basis[y] : zIndex[y - 2];
                double c = a[h * 2 + 1] * d2;
                upM += c > 0 ? pos[h] * c : -neg[h] * c;
                downM += c > 0 ? neg[h] * c : -pos[h] * c;
                scale += (pos[h] + neg[h]) * Math.abs(c);
            }
            double len = Math.abs(d2);
            double tol = 1e-12 * scale;
            if (upM <= tol || downM <= tol) {
                flatEdge = true;
            }
            if (upM < -tol && upM / len < bestRate) {
                bestRate = upM / len;
                bestRow = m0;
                bestSign = 1.0;
            }
            if (downM < -tol && downM / len < bestRate) {
                bestRate = downM / len;
                bestRow = m0;
                bestSign = -1.0;
            }
        }
        if (bestRow < 0) {
            return CERTIFIED;
        }
        // follow the kink line of bestRow (sign chosen for the normalised row, as above)
        double am1 = a[bestRow * 2];
        double am2 = a[bestRow * 2 + 1];
        if (am2 != 0.0) {
            double s1 = am2 > 0 ? 1.0 : -1.0;
            dir[0] = bestSign * -Math.abs(am2);
            dir[1] = bestSign * s1 * am1;
        } else {
            dir[0] = 0.0;
            dir[1] = bestSign * am1;
        }
        held[bestRow] = true;
        int entering = lineSearch();
        held[bestRow] = false;
        if (entering < 0 || entering == bestRow || !(step > 0)) {
            return STALLED;
        }
        System.arraycopy(theta, 0, saveTheta, 0, d);
        System.arraycopy(basis, 0, saveBasis, 0, d);
        basis[0] = bestRow;
        basis[1] = entering;
        if (!solveVertex()) {
            System.arraycopy(saveBasis, 0, basis, 0, d);
            solveVertex();
            return STALLED;
        }
        return MOVED;
    }

    private void ensureCertificate(int size) {
        if (certKey.length < size + 1) {
            int cap = Math.max(size + 1, 2 * certKey.length);
            certKey = new double[cap];
            certRow = new int[cap];
            prefixP = new double[cap];
            prefixPp = new double[cap];
            prefixN = new double[cap];
            prefixNp = new double[cap];
        }
    }

    /** Sorts keys[0..n) ascending, permuting rows alongside (heapsort: no recursion, no allocation). */
    static void sortByKey(double[] keys, int[] rows, int n) {
        for (int start = n / 2 - 1; start >= 0; start--) {
            siftDown(keys, rows, start, n);
        }
        for (int end = n - 1; end > 0; end--) {
            double k = keys[0];
            keys[0] = keys[end];
            keys[end] = k;
            int rr = rows[0];
            rows[0] = rows[end];
            rows[end] = rr;
            siftDown(keys, rows, 0, end);
        }
    }

    private static void siftDown(double[] keys, int[] rows, int root, int n) {
        int i = root;
        while (true) {
            int child = 2 * i + 1;
            if (child >= n) {
                return;
            }
            if (child + 1 < n && keys[child + 1] > keys[child]) {
                child++;
            }
            if (keys[child] <= keys[i]) {
                return;
            }
            double k = keys[i];
            keys[i] = keys[child];
            keys[child] = k;
            int rr = rows[i];
            rows[i] = rows[child];
            rows[child] = rr;
            i = child;
        }
    }
}
