package org.losslab.problem;

import java.util.List;
import java.util.Objects;
import org.losslab.kernel.ElementwiseLoss;
import org.losslab.kernel.Losses;

/**
 * Fitting a line y ≈ w x + b to points (x_i, y_i) with a regression loss kernel l(prediction, target); theta = (w, b).
 * <pre>
 *   yhat_i = w x_i + b
 *   L(w, b) = (1/n) sum_i l(yhat_i, y_i) + R(w, b)                     (the kernels' batch mean)
 *   dL/dw   = (1/n) sum_i l'(yhat_i, y_i) x_i + dR/dw,    dL/db = (1/n) sum_i l'(yhat_i, y_i) + dR/db
 *   Hessian = (1/n) sum_i l''(yhat_i, y_i) [x_i^2  x_i; x_i  1] + Hessian(R)
 * </pre>
 * where l' and l'' are the kernel's {@code d1} and {@code d2} (0 at kinks). With mse, l'' = 2 everywhere, so the
 * loss is exactly quadratic (unless an L1 penalty is added) with the constant Hessian
 * 2 [mean(x^2)  mean(x); mean(x)  1] + 2 l2 I, and its minimum (when that is invertible) is the least-squares line.
 *
 * <p>Default view: centred between the origin (the default start) and the ordinary least-squares line
 * (w*, b*), wide enough to hold both with room: half-widths of 2 max(|w*|, s_y / s_x, ...) in w and the
 * matching scale in b (see {@link #defaultBounds()}).
 */
public final class LinearRegressionProblem implements DataProblem {
    private final double[] x;
    private final double[] y;
    private final ElementwiseLoss loss;
    private final Regularizer regularizer;
    private final Bounds bounds;
    private final List<double[]> minima;

    /**
     * @param x           inputs, finite, at least one
     * @param y           targets, finite, as many as inputs
     * @param loss        a regression kernel (mse, mae, huber, ...)
     * @param regularizer the penalty, or {@link Regularizer#NONE}
     * @throws IllegalArgumentException for mismatched or empty data, a non-finite value or a non-regression loss
     */
    public LinearRegressionProblem(double[] x, double[] y, ElementwiseLoss loss, Regularizer regularizer) {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(regularizer, "regularizer");
        if (!loss.definition().family().isRegression()) {
            throw new IllegalArgumentException("linreg needs a regression loss, but " + loss.id() + " is "
                    + loss.definition().family().label());
        }
        DataChecks.check(x, y, "linreg");
        this.x = x.clone();
        this.y = y.clone();
        this.loss = loss;
        this.regularizer = regularizer;
        double[] ols = leastSquaresLine(this.x, this.y);
        this.bounds = viewAround(ols, this.x, this.y);
        this.minima = isQuadratic() ? quadraticMinimum() : List.of();
    }

    /** Linear regression with mean squared error and no penalty. */
    public static LinearRegressionProblem mse(double[] x, double[] y) {
        return new LinearRegressionProblem(x, y, Losses.elementwise("mse"), Regularizer.NONE);
    }

    @Override
    public String id() {
        return "linreg";
    }

    @Override
    public String displayName() {
        return "Linear regression (" + loss.spec() + ")";
    }

    @Override
    public String formula() {
        return "L(w, b) = mean ℓ(w·xᵢ + b, yᵢ)" + regularizer.suffix() + ",  ℓ = " + loss.spec();
    }

    @Override
    public String[] parameterNames() {
        return new String[] {"w", "b"};
    }

    @Override
    public int size() {
        return x.length;
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    @Override
    public ElementwiseLoss loss() {
        return loss;
    }

    @Override
    public Regularizer regularizer() {
        return regularizer;
    }

    @Override
    public double value(double w, double b) {
        double sum = 0.0;
        for (int i = 0; i < x.length; i++) {
            sum += loss.value(w * x[i] + b, y[i]);
        }
        return sum / x.length + regularizer.value(w, b);
    }

    @Override
    public double gradient(double w, double b, double[] gradient) {
        double sum = 0.0;
        double gw = 0.0;
        double gb = 0.0;
        for (int i = 0; i < x.length; i++) {
            double p = w * x[i] + b;
            double d = loss.d1(p, y[i]);
            sum += loss.value(p, y[i]);
            gw += d * x[i];
            gb += d;
        }
        double inv = 1.0 / x.length;
        gradient[0] = gw * inv;
        gradient[1] = gb * inv;
        regularizer.addGradient(w, b, gradient);
        return sum * inv + regularizer.value(w, b);
    }

    @Override
    public double batchGradient(double w, double b, int[] indices, int from, int to, double[] gradient) {
        double sum = 0.0;
        double gw = 0.0;
        double gb = 0.0;
        for (int k = from; k < to; k++) {
            int i = indices[k];
            double p = w * x[i] + b;
            double d = loss.d1(p, y[i]);
            sum += loss.value(p, y[i]);
            gw += d * x[i];
            gb += d;
        }
        int m = to - from;
        double inv = m > 0 ? 1.0 / m : 0.0;
        gradient[0] = gw * inv;
        gradient[1] = gb * inv;
        regularizer.addGradient(w, b, gradient);
        return sum * inv + regularizer.value(w, b);
    }

    @Override
    public boolean hessian(double w, double b, double[] hessian) {
        double hww = 0.0;
        double hwb = 0.0;
        double hbb = 0.0;
        for (int i = 0; i < x.length; i++) {
            double d2 = loss.d2(w * x[i] + b, y[i]);
            hww += d2 * x[i] * x[i];
            hwb += d2 * x[i];
            hbb += d2;
        }
        double inv = 1.0 / x.length;
        hessian[0] = hww * inv;
        hessian[1] = hwb * inv;
        hessian[2] = hbb * inv;
        regularizer.addHessian(hessian);
        return true;
    }

    /** True for mse with no L1 penalty: then L is a quadratic in (w, b). */
    @Override
    public boolean isQuadratic() {
        return "mse".equals(loss.id()) && regularizer.l1() == 0.0;
    }

    /**
     * The view: with (w*, b*) the least-squares line, s_x and s_y the standard deviations (1 where 0) and
     * m_x the mean of x, the half-widths are h_w = 2 max(|w*|, s_y / s_x) and h_b = 2 max(|b*|, s_y, |m_x| h_w / 2);
     * the rectangle [w* - h_w, w* + h_w] x [b* - h_b, b* + h_b] is then stretched to contain the origin with a
     * margin of 10 % of its size.
     */
    @Override
    public Bounds defaultBounds() {
        return bounds;
    }

    /** The minimum of the quadratic (mse) loss when its Hessian is invertible; else empty. */
    @Override
    public List<double[]> knownMinima() {
        return minima.isEmpty() ? List.of() : List.of(minima.get(0).clone());
    }

    /** The origin (w, b) = (0, 0), the usual initialisation. */
    @Override
    public double[] defaultStart() {
        return new double[] {0.0, 0.0};
    }

    /** One Newton step from the origin, exact for a quadratic: theta* = -H^-1 grad L(0). */
    private List<double[]> quadraticMinimum() {
        double[] g = new double[2];
        double[] h = new double[3];
        gradient(0.0, 0.0, g);
        hessian(0.0, 0.0, h);
        double det = h[0] * h[2] - h[1] * h[1];
        if (!(Math.abs(det) > 1e-12 * (h[0] * h[2] + h[1] * h[1]))) {
            return List.of();
        }
        double w = -(h[2] * g[0] - h[1] * g[1]) / det;
        double b = -(-h[1] * g[0] + h[0] * g[1]) / det;
        return List.of(new double[] {w, b});
    }

    /** The ordinary least-squares line {w*, b*}; w* = 0 and b* = mean(y) when all x are equal. */
    static double[] leastSquaresLine(double[] x, double[] y) {
        int n = x.length;
        double mx = DataChecks.mean(x);
        double my = DataChecks.mean(y);
        double sxx = 0.0;
        double sxy = 0.0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        double w = sxx > 0 ? sxy / sxx : 0.0;
        return new double[] {w, my - w * mx};
    }

    private static Bounds viewAround(double[] ols, double[] x, double[] y) {
        double sx = DataChecks.std(x);
        double sy = DataChecks.std(y);
        if (!(sx > 0)) {
            sx = 1.0;
        }
        if (!(sy > 0)) {
            sy = 1.0;
        }
        double hw = 2.0 * Math.max(Math.abs(ols[0]), sy / sx);
        double hb = 2.0 * Math.max(Math.max(Math.abs(ols[1]), sy), 0.5 * Math.abs(DataChecks.mean(x)) * hw);
        return DataChecks.includeOrigin(ols[0] - hw, ols[0] + hw, ols[1] - hb, ols[1] + hb);
    }
}
