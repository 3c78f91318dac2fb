package org.losslab.kernel;

import java.util.List;

/**
 * Pinball (quantile) loss max(tau u, (tau - 1) u) with u = target - prediction. With tau > 0.5 an
 * under-prediction (u > 0) costs more than an over-prediction; the optimum is the tau-quantile.
 * Derivative with respect to the prediction: -tau for u > 0, 1 - tau for u < 0, 0 at u = 0.
 */
public final class Quantile extends ElementwiseLoss {
    static final LossDefinition DEFINITION = new LossDefinition("quantile", "Quantile (pinball)",
            "ℓ = max(τu, (τ − 1)u),  u = target − prediction",
            "Fits a quantile instead of the mean: τ = 0.9 predicts a level that 90% of targets stay under.",
            LossFamily.REGRESSION,
            List.of(ParamSpec.closed("tau", 0.5, 0.0, 1.0, "the quantile; above 0.5 under-prediction costs more")),
            Quantile::new);

    private final double tau;

    Quantile(double[] params) {
        super(DEFINITION, params);
        this.tau = params[0];
    }

    @Override
    public double value(double p, double t) {
        double u = t - p;
        return Math.max(tau * u, (tau - 1.0) * u);
    }

    @Override
    public double d1(double p, double t) {
        double u = t - p;
        if (u > 0) {
            return -tau;
        }
        return u < 0 ? 1.0 - tau : 0.0;
    }

    @Override
    public double d2(double p, double t) {
        return 0.0;
    }

    @Override
    public boolean hasCurvature() {
        return false;
    }
}
