package org.losslab.problem;

import java.util.List;
import java.util.Objects;
import org.losslab.kernel.ElementwiseLoss;
import org.losslab.kernel.Loss;
import org.losslab.kernel.LossFamily;
import org.losslab.kernel.LossInputException;
import org.losslab.kernel.Numerics;
import org.losslab.kernel.ParamSpec;
import org.losslab.kernel.Shape;

/**
 * One binary-classification loss kernel seen as a function of a point's score z, with its first and second
 * derivatives in z: the per-point part shared by {@link LogisticProblem} (one feature) and
 * {@link BinaryLinearClassifier} (two features).
 *
 * <h2>What the kernel receives, by its family</h2>
 * <ul>
 *   <li>Logits ({@code bce_logits}, {@code focal}): the score z itself, labels 0/1 (-1 read as 0).</li>
 *   <li>Signed scores ({@code hinge}, {@code squared_hinge}): z, labels -1/+1 (0 read as -1).</li>
 *   <li>Probabilities ({@code bce}) and regression kernels ({@code mse}, {@code mae}, {@code huber}, ...): the
 *       probability p = sigmoid(z) against the label 0/1 (-1 read as 0), or a probability in [0, 1]. A regression
 *       kernel on p is "MSE on a classifier": l(p, y) = (p - y)^2 for mse, which is not convex in z.</li>
 * </ul>
 * Through the sigmoid, with sigmoid' = p (1 - p) and sigmoid'' = p (1 - p)(1 - 2p), the chain rule gives
 * <pre>
 *   dl/dz   = l'(p) p (1 - p)
 *   d2l/dz2 = l''(p) (p (1 - p))^2 + l'(p) p (1 - p) (1 - 2p)
 * </pre>
 * p (1 - p) is formed from the rounded p, as autograd does for sigmoid followed by BCELoss: once p rounds to 1
 * (z &gt; about 37) the gradient through it is 0, the saturation that bce_logits avoids.
 *
 * <p>Immutable and thread-safe when the kernel is (every kernel is).
 */
final class BinaryScoreLoss {
    private final ElementwiseLoss loss;
    private final boolean sigmoid;
    private final boolean signed;

    /**
     * @throws IllegalArgumentException for a loss of another family (multi-class, distribution); the message
     *                                  starts with {@code who} ("logreg", "the classifier")
     */
    BinaryScoreLoss(ElementwiseLoss loss, String who) {
        Objects.requireNonNull(loss, "loss");
        if (!accepts(loss)) {
            throw new IllegalArgumentException(who + " needs a binary classification loss (bce, bce_logits, focal, "
                    + "hinge, squared_hinge) or a regression loss applied to σ(z) (mse, mae, huber, ...), but "
                    + loss.id() + " is " + loss.definition().family().label());
        }
        LossFamily family = loss.definition().family();
        this.loss = loss;
        this.sigmoid = family == LossFamily.BINARY_PROBABILITY || family == LossFamily.REGRESSION;
        this.signed = family == LossFamily.SIGNED_SCORE;
    }

    /** The loss's spec with only the parameters that differ from their defaults: "bce_logits", "focal:alpha=0.75". */
    static String shortSpec(Loss loss) {
        List<ParamSpec> specs = loss.definition().params();
        StringBuilder sb = new StringBuilder(loss.id());
        char sep = ':';
        for (int k = 0; k < specs.size(); k++) {
            double v = loss.paramValues()[k];
            if (v != specs.get(k).defaultValue()) {
                sb.append(sep).append(specs.get(k).name()).append('=').append(Loss.formatParam(v));
                sep = ',';
            }
        }
        return sb.toString();
    }

    /** Whether the kernel's family is one a binary score model can use. */
    static boolean accepts(ElementwiseLoss loss) {
        LossFamily f = loss.definition().family();
        return f == LossFamily.BINARY_LOGIT || f == LossFamily.BINARY_PROBABILITY || f == LossFamily.SIGNED_SCORE
                || f == LossFamily.REGRESSION;
    }

    ElementwiseLoss loss() {
        return loss;
    }

    /** Whether the kernel sees p = sigmoid(z) rather than z. */
    boolean usesSigmoid() {
        return sigmoid;
    }

    /**
     * A data label as the kernel takes it: for signed-score losses 0 and -1 become -1 and 1 stays 1; for the
     * others -1 becomes 0 and everything else is kept.
     */
    static double mapLabel(ElementwiseLoss loss, double label) {
        if (loss.definition().family() == LossFamily.SIGNED_SCORE) {
            return label == 1.0 ? 1.0 : (label == 0.0 || label == -1.0 ? -1.0 : label);
        }
        return label == -1.0 ? 0.0 : label;
    }

    /** Null when {@code label} is a valid data label for the loss (after {@link #mapLabel}), else what is wrong. */
    static String labelProblem(ElementwiseLoss loss, double label) {
        if (!Double.isFinite(label)) {
            return "is not a finite number";
        }
        LossFamily family = loss.definition().family();
        double mapped = mapLabel(loss, label);
        if (family == LossFamily.REGRESSION) {
            return mapped >= 0.0 && mapped <= 1.0 ? null : "is not a valid label for " + loss.id()
                    + " on σ(z): labels are 0/1 (or -1/+1), or probabilities in [0, 1]";
        }
        double validPrediction = family == LossFamily.BINARY_PROBABILITY ? 0.5 : 0.0;
        try {
            loss.check(new double[] {validPrediction}, new double[] {mapped}, Shape.vector(1));
            return null;
        } catch (LossInputException e) {
            return family == LossFamily.SIGNED_SCORE
                    ? "is not a valid label for " + loss.id() + ": labels are 0/1 or -1/+1"
                    : "is not a valid label for " + loss.id() + ": labels are 0/1 (or -1/+1)"
                    + (loss.id().equals("focal") ? "" : ", or probabilities in [0, 1]");
        }
    }

    /** Whether the mapped label counts as the positive class (1 for 0/1 labels, +1 for signed ones). */
    boolean isPositive(double mappedLabel) {
        return signed ? mappedLabel > 0 : mappedLabel >= 0.5;
    }

    /** l at score z against the mapped label y. */
    double value(double z, double y) {
        return sigmoid ? loss.value(Numerics.sigmoid(z), y) : loss.value(z, y);
    }

    /** dl/dz. */
    double d1(double z, double y) {
        if (!sigmoid) {
            return loss.d1(z, y);
        }
        double p = Numerics.sigmoid(z);
        return loss.d1(p, y) * (p * (1.0 - p));
    }

    /** d2l/dz2 (0 where the kernel has a kink or is piecewise linear, see {@link ElementwiseLoss#d2}). */
    double d2(double z, double y) {
        if (!sigmoid) {
            return loss.d2(z, y);
        }
        double p = Numerics.sigmoid(z);
        double s = p * (1.0 - p);
        return loss.d2(p, y) * s * s + loss.d1(p, y) * s * (1.0 - 2.0 * p);
    }
}
