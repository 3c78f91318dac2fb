package org.losslab.kernel;

import java.util.List;

/**
 * Binary cross-entropy on logits with a weight for positives, as PyTorch's BCEWithLogitsLoss, in its stable form:
 * <pre>
 *   l(z, y) = pos_weight y softplus(-z) + (1 - y) softplus(z)
 *   d1      = -pos_weight y sigmoid(-z) + (1 - y) sigmoid(z)
 *   d2      = (pos_weight y + 1 - y) sigmoid(z) sigmoid(-z)
 * </pre>
 * softplus(x) = max(x, 0) + log1p(e^-|x|), so logits of +-1000 give exact finite values.
 */
public final class BceLogits extends ElementwiseLoss {
    static final LossDefinition DEFINITION = new LossDefinition("bce_logits", "BCE with logits",
            "ℓ(z, y) = w₊·y·log(1 + e^−z) + (1 − y)·log(1 + e^z)",
            "Cross-entropy on a raw score, stable for any logit; pos_weight > 1 makes missed positives cost more.",
            LossFamily.BINARY_LOGIT,
            List.of(ParamSpec.nonNegative("pos_weight", 1.0, "weight of the positive class (PyTorch's pos_weight)")),
            BceLogits::new);

    private final double posWeight;

    BceLogits(double[] params) {
        super(DEFINITION, params);
        this.posWeight = params[0];
    }

    @Override
    public double value(double z, double y) {
        double a = y == 0.0 ? 0.0 : posWeight * y * Numerics.softplus(-z);
        double b = y == 1.0 ? 0.0 : (1.0 - y) * Numerics.softplus(z);
        return a + b;
    }

    @Override
    public double d1(double z, double y) {
        return -posWeight * y * Numerics.sigmoid(-z) + (1.0 - y) * Numerics.sigmoid(z);
    }

    @Override
    public double d2(double z, double y) {
        return (posWeight * y + 1.0 - y) * Numerics.sigmoid(z) * Numerics.sigmoid(-z);
    }

    @Override
    protected String targetProblem(double y) {
        return y >= 0.0 && y <= 1.0 ? null : "is outside [0, 1]: bce_logits targets are labels 0 and 1 (or probabilities)";
    }

    @Override
    protected String predictionProblem(double z) {
        return Double.isNaN(z) ? "is not a number" : null;
    }
}
