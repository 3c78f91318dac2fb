package org.losslab.kernel;

import java.util.List;
import java.util.Map;

/**
 * Direct Preference Optimization (Rafailov et al. 2023): the loss of preferring a chosen answer y_w over a
 * rejected one y_l, from the log-probabilities of the policy π and of the frozen reference π_ref:
 * <pre>
 *   Δ        = (log π(y_w|x) − log π_ref(y_w|x)) − (log π(y_l|x) − log π_ref(y_l|x))
 *   L(Δ)     = −log σ(βΔ) = softplus(−βΔ)
 *   dL/dΔ    = −β σ(−βΔ)
 *   d²L/dΔ²  = β² σ(βΔ) σ(−βΔ)
 * </pre>
 * softplus(x) = max(x, 0) + log1p(e^−|x|) never overflows: βΔ = 1000 gives 0 (e^−1000 underflows; the true value
 * is about e^−1000), βΔ = −1000 gives exactly 1000. At Δ = 0 the loss is log 2.
 * The gradient with respect to the four log-probabilities, in the order (policy chosen, policy rejected,
 * reference chosen, reference rejected), is dL/dΔ · (1, −1, −1, 1); the reference terms are constants in training,
 * but their partial derivatives are given for completeness.
 *
 * <h2>Batches</h2>
 * As a {@link Loss}: shape (B, 1) holds B margins Δ, or shape (B, 4) holds B rows of four log-probabilities in the
 * order above (each ≤ 0); no target (an empty array). The value is the mean over the B preference pairs.
 */
public final class Dpo implements Loss {
    /** The β used when none is given (the paper's common choice). */
    public static final double DEFAULT_BETA = 0.1;

    static final LossDefinition DEFINITION = new LossDefinition("dpo", "DPO (preferences)",
            "L = −log σ(β·Δ),  Δ = (log π(y_w) − log π_ref(y_w)) − (log π(y_l) − log π_ref(y_l))",
            "Fine-tuning a language model on pairs of preferred and rejected answers without a reward model."
                    + " Misleads when read as accuracy: the loss keeps falling as Δ grows even if both answers'"
                    + " probabilities fall (only their difference is rewarded), and a large β makes it a hard"
                    + " classifier that overfits noisy preferences.",
            LossFamily.PREFERENCE,
            List.of(ParamSpec.positive("beta", DEFAULT_BETA,
                    "β: strength of the implicit KL pull toward the reference (larger = sharper preference)")),
            Dpo::new);

    private final double[] params;
    private final double beta;

    Dpo(double[] params) {
        this.params = params.clone();
        this.beta = params[0];
    }

    /** A DPO loss with this β (&gt; 0). */
    public static Dpo withBeta(double beta) {
        return (Dpo) DEFINITION.create(Map.of("beta", beta));
    }

    // ---- one preference pair ----

    /** L(Δ) with the default β = 0.1. */
    public static double loss(double delta) {
        return loss(delta, DEFAULT_BETA);
    }

    /** dL/dΔ with the default β = 0.1. */
    public static double dLoss(double delta) {
        return dLoss(delta, DEFAULT_BETA);
    }

    /** L(Δ) = softplus(−βΔ). */
    public static double loss(double delta, double beta) {
        return Numerics.softplus(-beta * delta);
    }

    /** dL/dΔ = −β σ(−βΔ). */
    public static double dLoss(double delta, double beta) {
        return 0.0 - beta * Numerics.sigmoid(-beta * delta); // 0.0 − x: no −0.0 where σ underflows
    }

    /** d²L/dΔ² = β² σ(βΔ) σ(−βΔ). */
    public static double d2Loss(double delta, double beta) {
        double z = beta * delta;
        return beta * beta * Numerics.sigmoid(z) * Numerics.sigmoid(-z);
    }

    /** Δ from the four log-probabilities: (policyChosen − refChosen) − (policyRejected − refRejected). */
    public static double delta(double policyChosen, double policyRejected, double refChosen, double refRejected) {
        return (policyChosen - refChosen) - (policyRejected - refRejected);
    }

    /** The implicit reward of an answer, β (log π(y|x) − log π_ref(y|x)); Δ·β is the chosen's minus the rejected's. */
    public static double reward(double policyLogp, double refLogp, double beta) {
        return beta * (policyLogp - refLogp);
    }

    /**
     * The loss from the four log-probabilities, with its gradient with respect to each.
     *
     * @param gradOut output of length 4 for (∂L/∂ policy chosen, ∂L/∂ policy rejected, ∂L/∂ ref chosen,
     *                ∂L/∂ ref rejected), or null
     */
    public static double loss(double policyChosen, double policyRejected, double refChosen, double refRejected,
                              double beta, double[] gradOut) {
        double delta = delta(policyChosen, policyRejected, refChosen, refRejected);
        if (gradOut != null) {
            double g = dLoss(delta, beta);
            gradOut[0] = g;
            gradOut[1] = 0.0 - g;
            gradOut[2] = 0.0 - g;
            gradOut[3] = g;
        }
        return loss(delta, beta);
    }

    // ---- Loss ----

    public double beta() {
        return beta;
    }

    @Override
    public LossDefinition definition() {
        return DEFINITION;
    }

    @Override
    public double[] paramValues() {
        return params;
    }

    @Override
    public int elementCount(Shape shape) {
        return shape.rows();
    }

    private static final String[] LOGP_NAMES = {"policy chosen", "policy rejected", "reference chosen",
        "reference rejected"};

    @Override
    public void check(double[] prediction, double[] target, Shape shape) {
        int cols = shape.cols();
        if (cols != 1 && cols != 4) {
            throw new LossInputException("dpo takes rows of one margin delta or of four log-probabilities (policy"
                    + " chosen, policy rejected, reference chosen, reference rejected); got rows of " + cols);
        }
        int n = shape.size();
        if (prediction.length != n) {
            throw new LossInputException("prediction has " + prediction.length + " values but the shape "
                    + shape.rows() + "," + cols + " needs " + n);
        }
        if (target.length != 0) {
            throw new LossInputException("dpo takes no target (got " + target.length + " values)");
        }
        for (int i = 0; i < n; i++) {
            double v = prediction[i];
            String name = cols == 1 ? "delta[" + i + "]" : LOGP_NAMES[i % 4] + "[" + (i / 4) + "]";
            if (!Double.isFinite(v)) {
                throw new LossInputException(name + " = " + Loss.formatParam(v) + " is not a finite number");
            }
            if (cols == 4 && v > 0) {
                throw new LossInputException(name + " = " + Loss.formatParam(v)
                        + " is not a log-probability (must be <= 0)");
            }
        }
    }

    @Override
    public double evaluate(double[] prediction, double[] target, Shape shape, double[] elements, double[] gradient) {
        int rows = shape.rows();
        if (rows == 0) {
            return 0.0;
        }
        int cols = shape.cols();
        double inv = 1.0 / rows;
        double sum = 0.0;
        for (int row = 0; row < rows; row++) {
            int base = row * cols;
            double delta = cols == 1 ? prediction[base]
                    : delta(prediction[base], prediction[base + 1], prediction[base + 2], prediction[base + 3]);
            double v = loss(delta, beta);
            if (gradient != null) {
                double g = dLoss(delta, beta) * inv;
                if (cols == 1) {
                    gradient[base] = g;
                } else {
                    gradient[base] = g;
                    gradient[base + 1] = 0.0 - g;
                    gradient[base + 2] = 0.0 - g;
                    gradient[base + 3] = g;
                }
            }
            sum += v;
            if (elements != null) {
                elements[row] = v;
            }
        }
        return sum / rows;
    }

    @Override
    public String toString() {
        return spec();
    }
}
