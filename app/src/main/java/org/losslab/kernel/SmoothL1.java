package org.losslab.kernel;

import java.util.List;

/**
 * Smooth L1 as in PyTorch's SmoothL1Loss: 0.5 r^2 / beta for |r| < beta, |r| - beta/2 otherwise; beta = 0 is the
 * absolute error. Equal to Huber(delta = beta) divided by beta.
 */
public final class SmoothL1 extends ElementwiseLoss {
    static final LossDefinition DEFINITION = new LossDefinition("smooth_l1", "Smooth L1",
            "ℓ(r) = ½r²/β if |r| < β, else |r| − ½β",
            "PyTorch's box-regression loss: slope 1 far out like MAE, quadratic inside β; β = 0 is plain MAE.",
            LossFamily.REGRESSION,
            List.of(ParamSpec.nonNegative("beta", 1.0, "width of the quadratic zone (0 gives the absolute error)")),
            SmoothL1::new);

    private final double beta;

    SmoothL1(double[] params) {
        super(DEFINITION, params);
        this.beta = params[0];
    }

    @Override
    public double value(double p, double t) {
        double r = p - t;
        double a = Math.abs(r);
        return a < beta ? 0.5 * r * r / beta : a - 0.5 * beta;
    }

    @Override
    public double d1(double p, double t) {
        double r = p - t;
        return Math.abs(r) < beta ? r / beta : Numerics.sign(r);
    }

    @Override
    public double d2(double p, double t) {
        return Math.abs(p - t) < beta ? 1.0 / beta : 0.0;
    }

    @Override
    public boolean hasCurvature() {
        return beta > 0;
    }
}
