package org.losslab.problem;

/**
 * Central finite differences, the independent reference for every gradient and Hessian:
 * <pre>
 *   df/dx_i    ≈ (f(x + h e_i) - f(x - h e_i)) / 2h                  error O(h^2 f''') + O(eps |f| / h)
 *   d2f/dxi dxj ≈ (g_j(x + h e_i) - g_j(x - h e_i)) / 2h              (differences of the analytic gradient)
 * </pre>
 * with the step scaled to the point: h = H0 max(1, |x_i|).
 */
public final class FiniteDifferences {
    /** The relative step. 1e-5 balances the truncation error (h^2) against rounding (eps / h). */
    public static final double H0 = 1e-5;

    private FiniteDifferences() {
    }

    static double step(double v) {
        return H0 * Math.max(1.0, Math.abs(v));
    }

    /** The central-difference gradient of the problem's value at (t1, t2). */
    public static double[] gradient(Problem p, double t1, double t2) {
        double h1 = step(t1);
        double h2 = step(t2);
        return new double[] {
            (p.value(t1 + h1, t2) - p.value(t1 - h1, t2)) / (2 * h1),
            (p.value(t1, t2 + h2) - p.value(t1, t2 - h2)) / (2 * h2)};
    }

    /** The central-difference Hessian {h11, h12, h22} from the problem's analytic gradient. */
    public static double[] hessian(Problem p, double t1, double t2) {
        double h1 = step(t1);
        double h2 = step(t2);
        double[] gp = new double[2];
        double[] gm = new double[2];
        p.gradient(t1 + h1, t2, gp);
        p.gradient(t1 - h1, t2, gm);
        double h11 = (gp[0] - gm[0]) / (2 * h1);
        double h21 = (gp[1] - gm[1]) / (2 * h1);
        p.gradient(t1, t2 + h2, gp);
        p.gradient(t1, t2 - h2, gm);
        double h12 = (gp[0] - gm[0]) / (2 * h2);
        double h22 = (gp[1] - gm[1]) / (2 * h2);
        return new double[] {h11, 0.5 * (h12 + h21), h22};
    }
}
