package org.losslab.kernel;

import java.util.List;

/**
 * Binary cross-entropy on probabilities, as PyTorch's BCELoss: each log is clamped at -100, so p = 0 or 1 gives a
 * finite loss of at most 100.
 * <pre>
 *   l(p, y) = -[ y max(log p, -100) + (1 - y) max(log(1 - p), -100) ]
 *   d1      = (p - y) / max(p (1 - p), 1e-12)              (PyTorch's backward formula)
 *   d2      = y / max(p^2, 1e-24) + (1 - y) / max((1 - p)^2, 1e-24)
 * </pre>
 */
public final class Bce extends ElementwiseLoss {
    static final double LOG_FLOOR = -100.0;
    static final double EPS = 1e-12;

    static final LossDefinition DEFINITION = new LossDefinition("bce", "BCE (probabilities)",
            "ℓ(p, y) = −[y log p + (1 − y) log(1 − p)]",
            "Cross-entropy on a probability: confident mistakes cost without bound (PyTorch clamps each log at −100).",
            LossFamily.BINARY_PROBABILITY, List.of(), Bce::new);

    Bce(double[] params) {
        super(DEFINITION, params);
    }

    @Override
    public double value(double p, double y) {
        double a = y == 0.0 ? 0.0 : y * Math.max(Math.log(p), LOG_FLOOR);
        double b = y == 1.0 ? 0.0 : (1.0 - y) * Math.max(Math.log1p(-p), LOG_FLOOR);
        return -(a + b);
    }

    @Override
    public double d1(double p, double y) {
        return (p - y) / Math.max(p * (1.0 - p), EPS);
    }

    @Override
    public double d2(double p, double y) {
        double q = 1.0 - p;
        double a = y == 0.0 ? 0.0 : y / Math.max(p * p, EPS * EPS);
        double b = y == 1.0 ? 0.0 : (1.0 - y) / Math.max(q * q, EPS * EPS);
        return a + b;
    }

    @Override
    protected String targetProblem(double y) {
        return y >= 0.0 && y <= 1.0 ? null : "is outside [0, 1]: bce targets are probabilities (labels 0 and 1)";
    }

    @Override
    protected String predictionProblem(double p) {
        return p >= 0.0 && p <= 1.0 ? null
                : "is outside [0, 1]: bce takes probabilities; use bce_logits for scores";
    }
}
