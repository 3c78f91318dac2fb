package org.losslab.kernel;

import java.util.List;

/** Squared error r^2 with r = prediction - target (PyTorch MSELoss, Keras MeanSquaredError). */
public final class Mse extends ElementwiseLoss {
    static final LossDefinition DEFINITION = new LossDefinition("mse", "MSE (squared error)",
            "ℓ(r) = r²,  r = prediction − target",
            "The default for regression with Gaussian noise; the fit is the mean, so one outlier pulls it hard.",
            LossFamily.REGRESSION, List.of(), Mse::new);

    Mse(double[] params) {
        super(DEFINITION, params);
    }

    @Override
    public double value(double p, double t) {
        double r = p - t;
        return r * r;
    }

    @Override
    public double d1(double p, double t) {
        return 2.0 * (p - t);
    }

    @Override
    public double d2(double p, double t) {
        return 2.0;
    }
}
