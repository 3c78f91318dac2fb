package org.losslab.problem.fit;

/**
 * Small dense linear algebra for the solvers (matrices of at most 10 x 10, and tall n x d design matrices), on
 * row-major {@code double[]} arrays. No allocation: callers pass the work space.
 */
final class Dense {
    private Dense() {
    }

    /**
     * The inverse of the d x d matrix {@code a} by Gauss-Jordan elimination with partial pivoting.
     *
     * @param a    the matrix (row-major, d*d); destroyed
     * @param inv  output, d*d
     * @return false when a pivot is below 1e-13 times the largest entry of its column (singular for our purpose)
     */
    static boolean invert(double[] a, int d, double[] inv) {
        for (int i = 0; i < d * d; i++) {
            inv[i] = 0.0;
        }
        for (int i = 0; i < d; i++) {
            inv[i * d + i] = 1.0;
        }
        for (int col = 0; col < d; col++) {
            int piv = col;
            double best = Math.abs(a[col * d + col]);
            double colScale = best;
            for (int r = col + 1; r < d; r++) {
                double v = Math.abs(a[r * d + col]);
                colScale = Math.max(colScale, v);
                if (v > best) {
                    best = v;
                    piv = r;
                }
            }
            if (!(best > 0) || best < 1e-13 * colScale) {
                return false;
            }
            if (piv != col) {
                swapRows(a, d, piv, col);
                swapRows(inv, d, piv, col);
            }
            double p = 1.0 / a[col * d + col];
            for (int k = 0; k < d; k++) {
                a[col * d + k] *= p;
                inv[col * d + k] *= p;
            }
            for (int r = 0; r < d; r++) {
                if (r == col) {
                    continue;
                }
                double f = a[r * d + col];
                if (f != 0.0) {
                    for (int k = 0; k < d; k++) {
                        a[r * d + k] -= f * a[col * d + k];
                        inv[r * d + k] -= f * inv[col * d + k];
                    }
                }
            }
        }
        return true;
    }

    private static void swapRows(double[] m, int d, int i, int j) {
        for (int k = 0; k < d; k++) {
            double t = m[i * d + k];
            m[i * d + k] = m[j * d + k];
            m[j * d + k] = t;
        }
    }

    /**
     * The Cholesky factor L (lower triangle, row-major d*d) of the symmetric d x d matrix {@code h} = L L^T, after
     * a symmetric diagonal scaling D h D with D = diag(1 / sqrt(h_kk)) so that the test is scale-free.
     *
     * @param h     the matrix (only the lower triangle is read)
     * @param l     output: the factor of the scaled matrix
     * @param scale output, length d: the diagonal of D
     * @return false unless the scaled matrix is positive definite with every pivot above 1e-12
     */
    static boolean cholesky(double[] h, int d, double[] l, double[] scale) {
        for (int k = 0; k < d; k++) {
            double hk = h[k * d + k];
            if (!(hk > 0) || Double.isInfinite(hk)) {
                return false;
            }
            scale[k] = 1.0 / Math.sqrt(hk);
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = h[i * d + j] * scale[i] * scale[j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * d + k] * l[j * d + k];
                }
                if (i == j) {
                    if (!(s > 1e-12)) {
                        return false;
                    }
                    l[i * d + i] = Math.sqrt(s);
                } else {
                    l[i * d + j] = s / l[j * d + j];
                }
            }
        }
        return true;
    }

    /**
     * Solves h x = rhs with the factor from {@link #cholesky}: x = D (L L^T)^-1 D rhs.
     *
     * @param x output (may not alias rhs)
     */
    static void choleskySolve(double[] l, double[] scale, int d, double[] rhs, double[] x) {
        for (int i = 0; i < d; i++) {
            double s = rhs[i] * scale[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * d + k] * x[k];
            }
            x[i] = s / l[i * d + i];
        }
        for (int i = d - 1; i >= 0; i--) {
            double s = x[i];
            for (int k = i + 1; k < d; k++) {
                s -= l[k * d + i] * x[k];
            }
            x[i] = s / l[i * d + i];
        }
        for (int i = 0; i < d; i++) {
            x[i] *= scale[i];
        }
    }

    /**
     * The least-squares solution of the tall system a x ~ y (a: n x d, row-major, n &gt;= d, full column rank) by
     * Householder QR: x = R^-1 (Q^T y)[0..d).
     *
     * @param a work copy of the design (destroyed)
     * @param y work copy of the right side (destroyed)
     * @param x output, length d
     * @return false when R has a diagonal entry below 1e-13 times the largest (rank deficient)
     */
    static boolean leastSquares(double[] a, int n, int d, double[] y, double[] x) {
        double maxDiag = 0.0;
        for (int k = 0; k < d; k++) {
            double sq = 0.0;
            for (int i = k; i < n; i++) {
                sq += a[i * d + k] * a[i * d + k];
            }
            double norm = Math.sqrt(sq); // the design entries are Chebyshev values in [-1, 1]: no overflow
            if (norm == 0.0) {
                return false;
            }
            double alpha = a[k * d + k] > 0 ? -norm : norm;
            // v = a[k..n, k] - alpha e_k, stored in place; beta = 1 / (v^T v / 2) = -1 / (alpha v_k)
            double vk = a[k * d + k] - alpha;
            a[k * d + k] = vk;
            double beta = -1.0 / (alpha * vk);
            for (int j = k + 1; j < d; j++) {
                double s = 0.0;
                for (int i = k; i < n; i++) {
                    s += a[i * d + k] * a[i * d + j];
                }
                s *= beta;
                for (int i = k; i < n; i++) {
                    a[i * d + j] -= s * a[i * d + k];
                }
            }
            double s = 0.0;
            for (int i = k; i < n; i++) {
                s += a[i * d + k] * y[i];
            }
            s *= beta;
            for (int i = k; i < n; i++) {
                y[i] -= s * a[i * d + k];
            }
            a[k * d + k] = alpha; // R's diagonal; the rest of the column (v) is no longer needed
            maxDiag = Math.max(maxDiag, Math.abs(alpha));
        }
        for (int k = 0; k < d; k++) {
            if (Math.abs(a[k * d + k]) < 1e-13 * maxDiag) {
                return false;
            }
        }
        for (int k = d - 1; k >= 0; k--) {
            double s = y[k];
            for (int j = k + 1; j < d; j++) {
                s -= a[k * d + j] * x[j];
            }
            x[k] = s / a[k * d + k];
        }
        return true;
    }
}
