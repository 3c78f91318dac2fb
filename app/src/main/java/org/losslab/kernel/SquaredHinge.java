package org.losslab.kernel;

import java.util.List;

/**
 * Squared hinge max(0, 1 - y s)^2 with y in {-1, +1}. d1 = -2 y max(0, 1 - y s); d2 = 2 where 1 - y s > 0, else 0.
 */
public final class SquaredHinge extends ElementwiseLoss {
    static final LossDefinition DEFINITION = new LossDefinition("squared_hinge", "Squared hinge",
            "ℓ(s, y) = max(0, 1 − y·s)²,  y ∈ {−1, +1}",
            "A smooth hinge: zero past the margin, quadratic inside, so its gradient fades near the margin.",
            LossFamily.SIGNED_SCORE, List.of(), SquaredHinge::new);

    SquaredHinge(double[] params) {
        super(DEFINITION, params);
    }

    @Override
    public double value(double s, double y) {
        double m = Math.max(0.0, 1.0 - y * s);
        return m * m;
    }

    @Override
    public double d1(double s, double y) {
        return -2.0 * y * Math.max(0.0, 1.0 - y * s);
    }

    @Override
    public double d2(double s, double y) {
        return 1.0 - y * s > 0.0 ? 2.0 : 0.0;
    }

    @Override
    protected String targetProblem(double y) {
        return Hinge.signedLabelProblem(y, id());
    }
}
