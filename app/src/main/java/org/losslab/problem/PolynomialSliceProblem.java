package org.losslab.problem;

import java.util.List;
import org.losslab.kernel.ElementwiseLoss;

/**
 * A two-parameter slice through a polynomial regression: the model y = c_0 + c_1 x + ... + c_N x^N with every
 * coefficient held at a given value except two, c_i and c_j, which are theta = (theta1, theta2) = (c_i, c_j):
 * <pre>
 *   L(theta) = (1/n) sum_k l(p_k, y_k),   p_k = sum_m c_m x_k^m  with c_i = theta1, c_j = theta2
 *   dL/dc_i = (1/n) sum_k l'(p_k, y_k) x_k^i,     d2L/dc_i dc_j = (1/n) sum_k l''(p_k, y_k) x_k^(i+j)
 * </pre>
 * With N = 1, i = 1 and j = 0 this is exactly {@link LinearRegressionProblem} without a penalty.
 */
public final class PolynomialSliceProblem implements Problem {
    private final double[] x;
    private final double[] y;
    private final ElementwiseLoss loss;
    private final double[] coefficients;
    private final int i;
    private final int j;
    /** The prediction of each point with c_i = c_j = 0: the fixed part. */
    private final double[] fixedPart;
    private final double[] xi;
    private final double[] xj;

    /**
     * @param coefficients c_0..c_N; the values of c_i and c_j are the slice's centre (the default start)
     * @throws IllegalArgumentException when i or j is out of range or i == j
     */
    public PolynomialSliceProblem(double[] x, double[] y, ElementwiseLoss loss, double[] coefficients, int i, int j) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length");
        }
        int n = coefficients.length;
        if (i < 0 || j < 0 || i >= n || j >= n || i == j) {
            throw new IllegalArgumentException("pick two different coefficients among c0..c" + (n - 1));
        }
        this.x = x.clone();
        this.y = y.clone();
        this.loss = loss;
        this.coefficients = coefficients.clone();
        this.i = i;
        this.j = j;
        fixedPart = new double[x.length];
        xi = new double[x.length];
        xj = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            double p = 0;
            double pow = 1;
            for (int m = 0; m < n; m++) {
                if (m == i) {
                    xi[k] = pow;
                } else if (m == j) {
                    xj[k] = pow;
                } else {
                    p += coefficients[m] * pow;
                }
                pow *= x[k];
            }
            fixedPart[k] = p;
        }
    }

    @Override
    public String id() {
        return "polyslice";
    }

    @Override
    public String displayName() {
        return "Polynomial regression, slice over (c" + i + ", c" + j + ")";
    }

    @Override
    public String[] parameterNames() {
        return new String[] {"c" + i, "c" + j};
    }

    @Override
    public double value(double t1, double t2) {
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            s += loss.value(fixedPart[k] + t1 * xi[k] + t2 * xj[k], y[k]);
        }
        return x.length == 0 ? 0 : s / x.length;
    }

    @Override
    public double gradient(double t1, double t2, double[] g) {
        double s = 0;
        double g1 = 0;
        double g2 = 0;
        for (int k = 0; k < x.length; k++) {
            double p = fixedPart[k] + t1 * xi[k] + t2 * xj[k];
            s += loss.value(p, y[k]);
            double d = loss.d1(p, y[k]);
            g1 += d * xi[k];
            g2 += d * xj[k];
        }
        int n = Math.max(1, x.length);
        g[0] = g1 / n;
        g[1] = g2 / n;
        return s / n;
    }

    @Override
    public boolean hessian(double t1, double t2, double[] h) {
        double a = 0;
        double b = 0;
        double c = 0;
        for (int k = 0; k < x.length; k++) {
            double d2 = loss.d2(fixedPart[k] + t1 * xi[k] + t2 * xj[k], y[k]);
            a += d2 * xi[k] * xi[k];
            b += d2 * xi[k] * xj[k];
            c += d2 * xj[k] * xj[k];
        }
        int n = Math.max(1, x.length);
        h[0] = a / n;
        h[1] = b / n;
        h[2] = c / n;
        return true;
    }

    @Override
    public Bounds defaultBounds() {
        double ci = coefficients[i];
        double cj = coefficients[j];
        double si = Math.max(1e-3, Math.abs(ci));
        double sj = Math.max(1e-3, Math.abs(cj));
        return new Bounds(ci - 1.5 * si - 0.5, ci + 1.5 * si + 0.5, cj - 1.5 * sj - 0.5, cj + 1.5 * sj + 0.5);
    }

    @Override
    public List<double[]> knownMinima() {
        return List.of();
    }

    @Override
    public double[] defaultStart() {
        return new double[] {coefficients[i], coefficients[j]};
    }

    @Override
    public String formula() {
        return "L(c" + i + ", c" + j + ") = mean ℓ(Σ c_m x^m, y), other coefficients held";
    }
}
