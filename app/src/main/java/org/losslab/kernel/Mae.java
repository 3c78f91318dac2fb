package org.losslab.kernel;

import java.util.List;

/** Absolute error |r| with r = prediction - target (PyTorch L1Loss). The derivative at r = 0 is 0. */
public final class Mae extends ElementwiseLoss {
    static final LossDefinition DEFINITION = new LossDefinition("mae", "MAE (absolute error)",
            "ℓ(r) = |r|,  r = prediction − target",
            "Robust to outliers: the fit is a median; the gradient has the same size however wrong a point is.",
            LossFamily.REGRESSION, List.of(), Mae::new);

    Mae(double[] params) {
        super(DEFINITION, params);
    }

    @Override
    public double value(double p, double t) {
        return Math.abs(p - t);
    }

    @Override
    public double d1(double p, double t) {
        return Numerics.sign(p - t);
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
