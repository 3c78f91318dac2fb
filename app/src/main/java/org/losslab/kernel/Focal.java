package org.losslab.kernel;

import java.util.List;

/**
 * Sigmoid focal loss on logits (Lin et al. 2017, as torchvision's sigmoid_focal_loss) for labels y in {0, 1}:
 * <pre>
 *   p = sigmoid(z), p_t = p for y = 1 and 1 - p for y = 0
 *   l = alpha_t (1 - p_t)^gamma CE,  CE = -log p_t,  alpha_t = alpha for y = 1 and 1 - alpha for y = 0
 * </pre>
 * alpha &lt; 0 turns the class weighting off (alpha_t = 1), as in torchvision. With q = 1 - p and S = softplus(-z)
 * (= CE for y = 1):
 * <pre>
 *   y = 1:  l = alpha q^gamma S,  d1 = -alpha q^gamma (q + gamma p S),
 *           d2 = alpha q^gamma p (q (2 gamma + 1 - gamma S) + gamma^2 p S)
 * </pre>
 * and for y = 0 the same with z -> -z (p and q swapped, S = softplus(z), alpha -> 1 - alpha, d1 negated).
 * No negative power of q or p appears, so every gamma >= 0 and every finite logit gives a finite result.
 */
public final class Focal extends ElementwiseLoss {
    static final LossDefinition DEFINITION = new LossDefinition("focal", "Focal (logits)",
            "ℓ = −α_t (1 − p_t)^γ log p_t,  p = σ(z)",
            "Down-weights easy, well-classified points so a rare class is not drowned out; γ = 0 is weighted BCE.",
            LossFamily.BINARY_LOGIT,
            List.of(ParamSpec.nonNegative("gamma", 2.0, "focusing: how fast easy examples fade (0 = cross-entropy)"),
                    ParamSpec.closed("alpha", 0.25, -1.0, 1.0,
                            "weight of label 1 (label 0 gets 1 - alpha); negative turns the weighting off")),
            Focal::new);

    private final double gamma;
    private final double alpha;

    Focal(double[] params) {
        super(DEFINITION, params);
        this.gamma = params[0];
        this.alpha = params[1];
    }

    private double weight(double y) {
        if (alpha < 0) {
            return 1.0;
        }
        return y == 1.0 ? alpha : 1.0 - alpha;
    }

    /** For the label-1 form at logit u: [value, d1, d2] without the class weight. */
    private double positive(double u, int which) {
        double p = Numerics.sigmoid(u);
        double q = Numerics.sigmoid(-u);
        double s = Numerics.softplus(-u);
        double qg = Math.pow(q, gamma);
        switch (which) {
            case 0:
                return qg * s;
            case 1:
                return -qg * (q + gamma * p * s);
            default:
                return qg * p * (q * (2.0 * gamma + 1.0 - gamma * s) + gamma * gamma * p * s);
        }
    }

    @Override
    public double value(double z, double y) {
        return weight(y) * (y == 1.0 ? positive(z, 0) : positive(-z, 0));
    }

    @Override
    public double d1(double z, double y) {
        return weight(y) * (y == 1.0 ? positive(z, 1) : -positive(-z, 1));
    }

    @Override
    public double d2(double z, double y) {
        return weight(y) * (y == 1.0 ? positive(z, 2) : positive(-z, 2));
    }

    @Override
    protected String targetProblem(double y) {
        return y == 0.0 || y == 1.0 ? null : "is not a valid label for focal: labels are 0 or 1";
    }
}
