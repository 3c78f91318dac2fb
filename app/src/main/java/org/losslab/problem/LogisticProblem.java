package org.losslab.problem;

import java.util.List;
import java.util.Objects;
import org.losslab.kernel.ElementwiseLoss;
import org.losslab.kernel.Losses;

/**
 * Binary classification on one feature with a linear score z_i = w x_i + b and a classification loss kernel;
 * theta = (w, b), L = (1/n) sum_i l(prediction_i, y_i) + R(w, b).
 *
 * <h2>Predictions and labels, by the loss's family</h2>
 * <ul>
 *   <li>Logits ({@code bce_logits}, {@code focal}): prediction z_i, labels 0/1 (bce_logits also takes
 *       probabilities in [0, 1]). Labels -1 in the data are read as 0.</li>
 *   <li>Signed scores ({@code hinge}, {@code squared_hinge}): prediction z_i, labels -1/+1. Labels 0 in the data
 *       are read as -1, so the same 0/1 data set serves every loss.</li>
 *   <li>Probabilities ({@code bce}) and regression kernels ({@code mse}, {@code mae}, {@code huber}, ...):
 *       prediction p_i = sigmoid(z_i), labels 0/1 (-1 read as 0) or probabilities in [0, 1], and the chain rule
 *       through the sigmoid, with sigmoid' = p (1 - p) and sigmoid'' = p (1 - p)(1 - 2p):
 *       <pre>
 *   dl/dz   = l'(p) p (1 - p)
 *   d2l/dz2 = l''(p) (p (1 - p))^2 + l'(p) p (1 - p) (1 - 2p)
 *       </pre>
 *       p (1 - p) is formed from the rounded p, as autograd does for sigmoid followed by BCELoss: once p rounds
 *       to 1 (z &gt; about 37) the gradient through it is 0, the saturation that bce_logits avoids. A regression
 *       kernel on p is "MSE on a classifier": with mse, l = (sigmoid(z) - y)^2, whose surface over (w, b) is not
 *       convex (flat plateaus where the sigmoid saturates on the wrong side).</li>
 * </ul>
 * The per-point part is {@link BinaryScoreLoss}, shared with {@link BinaryLinearClassifier}.
 * With dl/dz and d2l/dz2 per point (from the kernel's {@code d1}/{@code d2}, through the chain rule for bce):
 * <pre>
 *   dL/dw = (1/n) sum dl/dz_i x_i,   dL/db = (1/n) sum dl/dz_i
 *   Hessian = (1/n) sum d2l/dz2_i [x_i^2  x_i; x_i  1] + Hessian(R)
 * </pre>
 * The loss is never quadratic and its minimum is not known in closed form (for separable data there is none:
 * the loss keeps falling as |w| grows), so {@link #knownMinima()} is empty.
 */
public final class LogisticProblem implements DataProblem {
    private final double[] x;
    private final double[] y;
    private final ElementwiseLoss loss;
    private final BinaryScoreLoss point;
    private final Regularizer regularizer;
    private final boolean probability;
    private final Bounds bounds;

    /**
     * @param x           inputs, finite, at least one
     * @param labels      labels 0/1 or -1/+1 (mapped per the loss's family, see the class comment)
     * @param loss        a binary classification kernel (bce, bce_logits, focal, hinge, squared_hinge) or a
     *                    regression kernel (mse, mae, huber, ...), which is applied to sigmoid(z)
     * @param regularizer the penalty, or {@link Regularizer#NONE}
     * @throws IllegalArgumentException for mismatched or empty data, a bad label or a loss of another family
     */
    public LogisticProblem(double[] x, double[] labels, ElementwiseLoss loss, Regularizer regularizer) {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(regularizer, "regularizer");
        this.point = new BinaryScoreLoss(loss, "logreg");
        DataChecks.check(x, labels, "logreg");
        this.x = x.clone();
        this.y = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            String problem = labelProblem(loss, labels[i]);
            if (problem != null) {
                throw new IllegalArgumentException("y[" + i + "] = " + labels[i] + " " + problem);
            }
            y[i] = mapLabel(loss, labels[i]);
        }
        this.loss = loss;
        this.regularizer = regularizer;
        this.probability = point.usesSigmoid();
        double sx = DataChecks.std(this.x);
        if (!(sx > 0)) {
            sx = 1.0;
        }
        double hw = 6.0 / sx;
        double hb = 6.0 + Math.abs(DataChecks.mean(this.x)) * hw;
        this.bounds = new Bounds(-hw, hw, -hb, hb);
    }

    /** Logistic regression with bce_logits and no penalty. */
    public static LogisticProblem logistic(double[] x, double[] labels) {
        return new LogisticProblem(x, labels, Losses.elementwise("bce_logits"), Regularizer.NONE);
    }

    /**
     * A data label as this loss takes it: for signed-score losses 0 and -1 become -1 and 1 stays 1; for the others
     * -1 becomes 0 and everything else is kept.
     */
    public static double mapLabel(ElementwiseLoss loss, double label) {
        return BinaryScoreLoss.mapLabel(loss, label);
    }

    /**
     * Null when {@code label} is a valid data label for this loss (after {@link #mapLabel}), else what is wrong,
     * as a phrase to follow the value: "is not a valid label for focal: labels are 0 or 1". Regression kernels
     * (applied to sigmoid(z)) take labels in [0, 1].
     */
    public static String labelProblem(ElementwiseLoss loss, double label) {
        return BinaryScoreLoss.labelProblem(loss, label);
    }

    @Override
    public String id() {
        return "logreg";
    }

    @Override
    public String displayName() {
        return "Logistic classification (" + loss.spec() + ")";
    }

    @Override
    public String formula() {
        String prediction = probability ? "σ(w·xᵢ + b)" : "w·xᵢ + b";
        return "L(w, b) = mean ℓ(" + prediction + ", yᵢ)" + regularizer.suffix() + ",  ℓ = " + loss.spec();
    }

    @Override
    public String[] parameterNames() {
        return new String[] {"w", "b"};
    }

    @Override
    public int size() {
        return x.length;
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    /** The labels as the loss takes them (after {@link #mapLabel}). */
    @Override
    public double[] y() {
        return y.clone();
    }

    @Override
    public ElementwiseLoss loss() {
        return loss;
    }

    @Override
    public Regularizer regularizer() {
        return regularizer;
    }

    /** Whether the kernel sees probabilities sigmoid(z) (bce and the regression kernels) rather than scores. */
    public boolean usesSigmoid() {
        return probability;
    }

    private double pointValue(double z, double label) {
        return point.value(z, label);
    }

    /** dl/dz at one point (chain rule through the sigmoid for probability and regression kernels). */
    private double pointD1(double z, double label) {
        return point.d1(z, label);
    }

    /** d2l/dz2 at one point. */
    private double pointD2(double z, double label) {
        return point.d2(z, label);
    }

    @Override
    public double value(double w, double b) {
        double sum = 0.0;
        for (int i = 0; i < x.length; i++) {
            sum += pointValue(w * x[i] + b, y[i]);
        }
        return sum / x.length + regularizer.value(w, b);
    }

    @Override
    public double gradient(double w, double b, double[] gradient) {
        double sum = 0.0;
        double gw = 0.0;
        double gb = 0.0;
        for (int i = 0; i < x.length; i++) {
            double z = w * x[i] + b;
            double d = pointD1(z, y[i]);
            sum += pointValue(z, y[i]);
            gw += d * x[i];
            gb += d;
        }
        double inv = 1.0 / x.length;
        gradient[0] = gw * inv;
        gradient[1] = gb * inv;
        regularizer.addGradient(w, b, gradient);
        return sum * inv + regularizer.value(w, b);
    }

    @Override
    public double batchGradient(double w, double b, int[] indices, int from, int to, double[] gradient) {
        double sum = 0.0;
        double gw = 0.0;
        double gb = 0.0;
        for (int k = from; k < to; k++) {
            int i = indices[k];
            double z = w * x[i] + b;
            double d = pointD1(z, y[i]);
            sum += pointValue(z, y[i]);
            gw += d * x[i];
            gb += d;
        }
        int m = to - from;
        double inv = m > 0 ? 1.0 / m : 0.0;
        gradient[0] = gw * inv;
        gradient[1] = gb * inv;
        regularizer.addGradient(w, b, gradient);
        return sum * inv + regularizer.value(w, b);
    }

    @Override
    public boolean hessian(double w, double b, double[] hessian) {
        double hww = 0.0;
        double hwb = 0.0;
        double hbb = 0.0;
        for (int i = 0; i < x.length; i++) {
            double d2 = pointD2(w * x[i] + b, y[i]);
            hww += d2 * x[i] * x[i];
            hwb += d2 * x[i];
            hbb += d2;
        }
        double inv = 1.0 / x.length;
        hessian[0] = hww * inv;
        hessian[1] = hwb * inv;
        hessian[2] = hbb * inv;
        regularizer.addHessian(hessian);
        return true;
    }

    /**
     * w in [-6 / s_x, 6 / s_x] and b in [-(6 + 6 |m_x| / s_x), +(...)], with m_x, s_x the mean and standard
     * deviation of x (s_x = 1 when 0): scores from about -12 to 12 over the data, where the losses bend.
     */
    @Override
    public Bounds defaultBounds() {
        return bounds;
    }

    @Override
    public List<double[]> knownMinima() {
        return List.of();
    }

    /** The origin: every point scored 0, the usual initialisation. */
    @Override
    public double[] defaultStart() {
        return new double[] {0.0, 0.0};
    }
}
