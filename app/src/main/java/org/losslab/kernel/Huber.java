package org.losslab.kernel;

import java.util.List;

/**
 * Huber loss as in PyTorch's HuberLoss: 0.5 r^2 for |r| <= delta, delta (|r| - delta/2) outside.
 * Its derivative is clip(r, -delta, delta); its second derivative 1 inside, 0 outside (0 at |r| = delta).
 */
public final class Huber extends ElementwiseLoss {
    static final LossDefinition DEFINITION = new LossDefinition("huber", "Huber",
            "ℓ(r) = ½r² if |r| ≤ δ, else δ(|r| − ½δ)",
            "Squared error near the fit, absolute error far from it: robust to outliers yet smooth at the optimum.",
            LossFamily.REGRESSION,
            List.of(ParamSpec.positive("delta", 1.0, "where the loss turns from quadratic to linear")),
            Huber::new);

    private final double delta;

    Huber(double[] params) {
        super(DEFINITION, params);
        this.delta = params[0];
    }

    @Override
    public double value(double p, double t) {
        double r = p - t;
        double a = Math.abs(r);
        return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
    }

    @Override
    public double d1(double p, double t) {
        double r = p - t;
        return Math.max(-delta, Math.min(delta, r));
    }

    @Override
    public double d2(double p, double t) {
        return Math.abs(p - t) < delta ? 1.0 : 0.0;
    }
}
