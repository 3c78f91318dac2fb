package org.losslab.kernel;

/**
 * Samples a loss as a curve of one variable, for plots: the loss and its derivative against the residual
 * (regression) or against a score or logit (classification).
 *
 * <p>Every value comes from the kernels; this class only decides where a curve's x enters the loss:
 * <ul>
 *   <li>{@link Axis#RESIDUAL}: x = r = prediction - target, evaluated at (prediction = x, target = 0).</li>
 *   <li>{@link Axis#SCORE}: x = z, a score or logit, for the positive label (y = 1, +1, or the true class) or the
 *       negative one (y = 0, -1, or a wrong class):
 *     <ul>
 *       <li>logit and signed-score losses take z as their prediction;</li>
 *       <li>{@code bce} takes p = sigmoid(z), and the derivative is d loss / dz = d1(p) sigmoid'(z);</li>
 *       <li>{@code cce_logits} takes the row (z, 0, 0) of K = 3 logits with class 0 (positive) or 1 (negative);
 *           the derivative is the gradient with respect to z;</li>
 *       <li>{@code kl} compares the target (1, 0) or (0, 1) with p = (sigmoid(z), sigmoid(-z)), chain rule as for
 *           bce.</li>
 *     </ul></li>
 *   <li>{@link Axis#PREFERENCE}: x = Δ, the chosen answer's log-ratio against the reference minus the rejected
 *       one's, for {@code dpo}: −log σ(βΔ) and its derivative −β σ(−βΔ).</li>
 * </ul>
 */
public final class LossCurves {
    /** The x-axis of a loss curve. */
    public enum Axis {
        RESIDUAL("residual r = prediction − target"),
        SCORE("score z (logit)"),
        PREFERENCE("preference margin Δ (chosen − rejected log-ratio)");

        private final String label;

        Axis(String label) {
            this.label = label;
        }

        /** Axis title for charts. */
        public String label() {
            return label;
        }
    }

    /** Number of classes used for the cce_logits curve. */
    public static final int CCE_CLASSES = 3;

    private LossCurves() {
    }

    /**
     * Whether the loss has a curve on this axis: regression losses on the residual, classification losses on the
     * score, dpo on the preference margin, and the other structured ones (pairs, triplets, boxes) on none.
     */
    public static boolean supports(Loss loss, Axis axis) {
        LossFamily family = loss.definition().family();
        if (axis == Axis.PREFERENCE || family == LossFamily.PREFERENCE) {
            return axis == Axis.PREFERENCE && family == LossFamily.PREFERENCE;
        }
        return !family.isStructured() && family.isRegression() == (axis == Axis.RESIDUAL);
    }

    /**
     * Fills {@code values[i]} and {@code derivatives[i]} with the loss and its derivative at {@code xs[i]}.
     * Either output may be null.
     *
     * @param positive for the score axis: the label (true = y of 1, +1 or the true class)
     * @throws IllegalArgumentException when the loss has no curve on this axis
     */
    public static void sample(Loss loss, Axis axis, boolean positive, double[] xs, double[] values,
                              double[] derivatives) {
        if (!supports(loss, axis)) {
            throw new IllegalArgumentException(loss.id() + " has no curve against the " + axis.label());
        }
        for (int i = 0; i < xs.length; i++) {
            double[] vd = at(loss, axis, positive, xs[i]);
            if (values != null) {
                values[i] = vd[0];
            }
            if (derivatives != null) {
                derivatives[i] = vd[1];
            }
        }
    }

    /** The loss and its derivative at one x: {value, derivative}. */
    public static double[] at(Loss loss, Axis axis, boolean positive, double x) {
        LossFamily family = loss.definition().family();
        if (axis == Axis.PREFERENCE) {
            double beta = loss.param("beta");
            return new double[] {Dpo.loss(x, beta), Dpo.dLoss(x, beta)};
        }
        if (axis == Axis.RESIDUAL) {
            ElementwiseLoss e = (ElementwiseLoss) loss;
            return new double[] {e.value(x, 0.0), e.d1(x, 0.0)};
        }
        switch (family) {
            case BINARY_LOGIT: {
                ElementwiseLoss e = (ElementwiseLoss) loss;
                double y = positive ? 1.0 : 0.0;
                return new double[] {e.value(x, y), e.d1(x, y)};
            }
            case SIGNED_SCORE: {
                ElementwiseLoss e = (ElementwiseLoss) loss;
                double y = positive ? 1.0 : -1.0;
                return new double[] {e.value(x, y), e.d1(x, y)};
            }
            case BINARY_PROBABILITY: {
                ElementwiseLoss e = (ElementwiseLoss) loss;
                double y = positive ? 1.0 : 0.0;
                double p = Numerics.sigmoid(x);
                double slope = p * Numerics.sigmoid(-x);
                return new double[] {e.value(p, y), e.d1(p, y) * slope};
            }
            case MULTICLASS_LOGITS: {
                double[] z = new double[CCE_CLASSES];
                z[0] = x;
                double[] target = {positive ? 0 : 1};
                double[] grad = new double[CCE_CLASSES];
                double v = loss.evaluate(z, target, new Shape(1, CCE_CLASSES), null, grad);
                return new double[] {v, grad[0]};
            }
            case DISTRIBUTION: {
                double p1 = Numerics.sigmoid(x);
                double p2 = Numerics.sigmoid(-x);
                double[] p = {p1, p2};
                double[] t = positive ? new double[] {1, 0} : new double[] {0, 1};
                double[] grad = new double[2];
                double v = loss.evaluate(p, t, Shape.vector(2), null, grad);
                double slope = p1 * p2;
                return new double[] {v, (grad[0] - grad[1]) * slope};
            }
            default:
                throw new IllegalArgumentException(loss.id() + " has no curve against the " + axis.label());
        }
    }
}
