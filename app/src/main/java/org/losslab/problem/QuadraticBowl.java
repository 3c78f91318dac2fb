package org.losslab.problem;

import java.util.List;

/**
 * A quadratic bowl with adjustable condition number and orientation: the {@code bowl} and {@code ravine} problems.
 * <pre>
 *   u = cos(phi) x + sin(phi) y,   v = -sin(phi) x + cos(phi) y        (coordinates rotated by phi)
 *   f(x, y) = 1/2 (u^2 + kappa v^2)
 *   grad f = H (x, y),   H = R^T diag(1, kappa) R
 *          = [ c^2 + kappa s^2      c s (1 - kappa) ]
 *            [ c s (1 - kappa)      s^2 + kappa c^2 ]      with c = cos(phi), s = sin(phi)
 * </pre>
 * The eigenvalues of H are 1 (along u) and kappa (along v), so kappa is the condition number when kappa >= 1,
 * L = max(1, kappa) and gradient descent is stable for lr &lt; 2/L. The minimum is f(0, 0) = 0.
 */
public final class QuadraticBowl extends AnalyticProblem {
    /** The bowl's default condition number. */
    public static final double BOWL_KAPPA = 4.0;
    /** The ravine's default condition number: a long narrow valley. */
    public static final double RAVINE_KAPPA = 25.0;

    private final double kappa;
    private final double angleDegrees;
    private final double h11;
    private final double h12;
    private final double h22;

    private QuadraticBowl(String id, String displayName, Bounds bounds, double[] start, double kappa,
                          double angleDegrees) {
        super(id, displayName, "f = ½(u² + κ·v²),  (u, v) = (x, y) rotated by φ", bounds, start,
                List.of(new double[] {0.0, 0.0}), List.of());
        if (!(kappa > 0) || !Double.isFinite(kappa)) {
            throw new IllegalArgumentException("kappa of " + id + " must be a finite number > 0 (got " + kappa + ")");
        }
        if (!Double.isFinite(angleDegrees)) {
            throw new IllegalArgumentException("angle of " + id + " must be a finite number of degrees");
        }
        this.kappa = kappa;
        this.angleDegrees = angleDegrees;
        double phi = Math.toRadians(angleDegrees);
        double c = Math.cos(phi);
        double s = Math.sin(phi);
        this.h11 = c * c + kappa * s * s;
        this.h12 = c * s * (1.0 - kappa);
        this.h22 = s * s + kappa * c * c;
    }

    /** The round-ish bowl: view [-5, 5]^2, start (-4, 3). */
    public static QuadraticBowl bowl(double kappa, double angleDegrees) {
        return new QuadraticBowl("bowl", "Quadratic bowl", new Bounds(-5, 5, -5, 5), new double[] {-4.0, 3.0},
                kappa, angleDegrees);
    }

    /** The narrow valley: view [-10, 10]^2, start (-8, 3), where plain gradient descent zig-zags. */
    public static QuadraticBowl ravine(double kappa, double angleDegrees) {
        return new QuadraticBowl("ravine", "Ravine", new Bounds(-10, 10, -10, 10), new double[] {-8.0, 3.0},
                kappa, angleDegrees);
    }

    /** The curvature along v (the curvature along u is 1). */
    public double kappa() {
        return kappa;
    }

    /** The rotation of the (u, v) axes against (x, y), in degrees. */
    public double angleDegrees() {
        return angleDegrees;
    }

    @Override
    public double value(double x, double y) {
        return 0.5 * (h11 * x * x + 2.0 * h12 * x * y + h22 * y * y);
    }

    @Override
    public double gradient(double x, double y, double[] gradient) {
        double gx = h11 * x + h12 * y;
        double gy = h12 * x + h22 * y;
        gradient[0] = gx;
        gradient[1] = gy;
        return 0.5 * (x * gx + y * gy);
    }

    @Override
    public boolean hessian(double x, double y, double[] hessian) {
        hessian[0] = h11;
        hessian[1] = h12;
        hessian[2] = h22;
        return true;
    }

    @Override
    public boolean isQuadratic() {
        return true;
    }
}
