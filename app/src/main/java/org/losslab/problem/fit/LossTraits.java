package org.losslab.problem.fit;

import org.losslab.kernel.ElementwiseLoss;

/**
 * What the solvers need to know about a regression kernel beyond its value and derivatives: whether it is the
 * squared error, a two-slope piecewise-linear loss (solved exactly by linear programming), and whether it is convex.
 * Kernels are recognised by identifier and parameters; anything else (custom losses) is treated as a smooth loss of
 * unknown shape, whose fits are then only local.
 */
final class LossTraits {
    private LossTraits() {
    }

    /** mse: l(r) = r^2. */
    static boolean isMse(ElementwiseLoss loss) {
        return "mse".equals(loss.id());
    }

    /**
     * The slopes {P, N} when the loss is exactly l(r) = P r^+ + N r^- with r = prediction - target (cost P per unit
     * of over-prediction, N per unit of under-prediction); null otherwise.
     * <ul>
     *   <li>mae: |r| = 1 r^+ + 1 r^-</li>
     *   <li>quantile(tau): max(tau u, (tau - 1) u) with u = -r, so (1 - tau) r^+ + tau r^-</li>
     *   <li>smooth_l1 with beta = 0: |r|</li>
     * </ul>
     */
    static double[] kinkSlopes(ElementwiseLoss loss) {
        switch (loss.id()) {
            case "mae":
                return new double[] {1.0, 1.0};
            case "quantile": {
                double tau = loss.param("tau");
                return new double[] {1.0 - tau, tau};
            }
            case "smooth_l1":
                return loss.param("beta") == 0.0 ? new double[] {1.0, 1.0} : null;
            default:
                return null;
        }
    }

    /** Whether l is known to be convex in r (so the mean loss is convex in the parameters of a linear model). */
    static boolean isConvex(ElementwiseLoss loss) {
        switch (loss.id()) {
            case "mse":
            case "mae":
            case "quantile":
            case "huber":
            case "smooth_l1":
            case "log_cosh":
                return true;
            case "barron":
                // rho'' = g^(alpha/2 - 2) (1 + (alpha - 1) z / |alpha - 2|) / c^2 >= 0 for every z iff alpha >= 1
                return loss.param("alpha") >= 1.0;
            default:
                return false;
        }
    }

    /**
     * Whether l is known to be strictly convex in r (l'' &gt; 0 everywhere): then the fit is unique as soon as the
     * design has full rank.
     */
    static boolean isStrictlyConvex(ElementwiseLoss loss) {
        switch (loss.id()) {
            case "mse":
            case "log_cosh":
                return true;
            case "barron":
                return loss.param("alpha") >= 1.0;
            default:
                return false;
        }
    }
}
