package org.losslab.kernel;

import java.util.List;

/**
 * Hinge loss max(0, 1 - y s) on a score s with a label y of -1 or +1 (Keras's hinge after its 0/1 conversion).
 * d1 = -y where the margin y s is below 1, else 0 (0 at a margin of exactly 1); d2 = 0.
 */
public final class Hinge extends ElementwiseLoss {
    static final LossDefinition DEFINITION = new LossDefinition("hinge", "Hinge",
            "ℓ(s, y) = max(0, 1 − y·s),  y ∈ {−1, +1}",
            "The SVM loss: a point past the margin costs nothing, so only points near the boundary shape it.",
            LossFamily.SIGNED_SCORE, List.of(), Hinge::new);

    Hinge(double[] params) {
        super(DEFINITION, params);
    }

    @Override
    public double value(double s, double y) {
        return Math.max(0.0, 1.0 - y * s);
    }

    @Override
    public double d1(double s, double y) {
        return 1.0 - y * s > 0.0 ? -y : 0.0;
    }

    @Override
    public double d2(double s, double y) {
        return 0.0;
    }

    @Override
    public boolean hasCurvature() {
        return false;
    }

    @Override
    protected String targetProblem(double y) {
        return signedLabelProblem(y, id());
    }

    static String signedLabelProblem(double y, String id) {
        return y == 1.0 || y == -1.0 ? null : "is not a valid label for " + id + ": labels are -1 or +1";
    }
}
