package org.losslab.kernel;

import java.util.List;

/**
 * log(cosh(r)), computed as |r| + log1p(e^-2|r|) - log 2 so that |r| in the thousands stays finite.
 * Derivative tanh(r), second derivative sech^2(r).
 */
public final class LogCosh extends ElementwiseLoss {
    static final LossDefinition DEFINITION = new LossDefinition("log_cosh", "Log-cosh",
            "ℓ(r) = log(cosh r)",
            "Like Huber with δ ≈ 1 but smooth everywhere: about ½r² near 0 and |r| − log 2 far out.",
            LossFamily.REGRESSION, List.of(), LogCosh::new);

    LogCosh(double[] params) {
        super(DEFINITION, params);
    }

    @Override
    public double value(double p, double t) {
        return Numerics.logCosh(p - t);
    }

    @Override
    public double d1(double p, double t) {
        return Math.tanh(p - t);
    }

    @Override
    public double d2(double p, double t) {
        return Numerics.sech2(p - t);
    }
}
