package org.losslab.optim;

/**
 * The stopping rules that every run shares, two-parameter {@link Run} and n-parameter {@link ModelRun} alike, with
 * their wording: a run diverges when its loss or gradient stops being finite or θ or the loss passes its bound, and
 * converges when |∇| falls under the tolerance.
 */
final class StopRules {
    private StopRules() {
    }

    /**
     * Why a step diverged, or null when it did not.
     *
     * @param thetaMaxAbs the largest |θᵢ| after the step
     */
    static String divergence(double loss, double gradNorm, double thetaMaxAbs, double thetaBound, double lossBound) {
        if (Double.isNaN(loss)) {
            return "the loss is NaN";
        }
        if (Double.isInfinite(loss)) {
            return "the loss is infinite";
        }
        if (!Double.isFinite(gradNorm)) {
            return "the gradient is not finite";
        }
        if (thetaMaxAbs > thetaBound) {
            return "|θ| reached " + Format.num(thetaMaxAbs) + ", beyond the bound " + Format.num(thetaBound);
        }
        if (Math.abs(loss) > lossBound) {
            return "the loss reached " + Format.num(loss) + ", beyond ±" + Format.num(lossBound);
        }
        return null;
    }

    /** The message of a run that converged at {@code steps}. */
    static String converged(int steps, double gradNorm) {
        return "converged at step " + steps + " (|∇| = " + Format.num(gradNorm) + ")";
    }
}
