package org.losslab.problem;

import java.util.Objects;
import org.losslab.kernel.ElementwiseLoss;
import org.losslab.kernel.Numerics;

/**
 * Binary classification of points (x1, x2) with a linear score and a loss kernel: theta = (w1, w2, b),
 * <pre>
 *   z_i = w1 x1_i + w2 x2_i + b,     L(theta) = (1/n) sum_i l(z_i, y_i) + R(theta)
 *   grad L  = (1/n) sum_i dl/dz_i  x~_i + grad R,          x~_i = (x1_i, x2_i, 1)
 *   Hessian = (1/n) sum_i d2l/dz2_i x~_i x~_i^T + Hessian(R)
 * </pre>
 * The per-point l(z, y), dl/dz and d2l/dz2 are those of {@link LogisticProblem} (the shared
 * {@link BinaryScoreLoss}): bce_logits and focal take z with labels 0/1, hinge and squared_hinge take z with
 * labels -1/+1 (0 is read as -1), bce and every regression kernel take p = sigmoid(z) against the label 0/1
 * (mse on p is "MSE on a classifier", not convex in theta). The penalty R covers all three parameters, b too
 * (see {@link Regularizer}). For hinge the Hessian is 0 away from the kinks, as the kernel's d2.
 *
 * <p>Immutable and thread-safe.
 */
public final class BinaryLinearClassifier implements Model {
    private static final String[] NAMES = {"w1", "w2", "b"};

    private final double[] x1;
    private final double[] x2;
    private final int[] labels;
    private final double[] y;
    private final BinaryScoreLoss point;
    private final Regularizer regularizer;

    /** The classifier without a penalty. */
    public BinaryLinearClassifier(double[] x1, double[] x2, int[] labels, ElementwiseLoss loss) {
        this(x1, x2, labels, loss, Regularizer.NONE);
    }

    /**
     * @param x1          first feature, finite, at least one point
     * @param x2          second feature, as long as x1
     * @param labels      0 or 1 per point (class 1 is the positive class)
     * @param loss        a binary classification kernel or a regression kernel (applied to sigmoid(z))
     * @param regularizer the penalty, or {@link Regularizer#NONE}
     * @throws IllegalArgumentException one line: lengths that differ, no points, a value not finite, a label
     *                                  other than 0 or 1, a loss of another family
     */
    public BinaryLinearClassifier(double[] x1, double[] x2, int[] labels, ElementwiseLoss loss,
            Regularizer regularizer) {
        Objects.requireNonNull(loss, "loss");
        this.regularizer = Objects.requireNonNull(regularizer, "regularizer");
        this.point = new BinaryScoreLoss(loss, "the classifier");
        checkPoints(x1, x2, labels, "the classifier");
        this.x1 = x1.clone();
        this.x2 = x2.clone();
        this.labels = labels.clone();
        this.y = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("label[" + i + "] = " + labels[i] + " is not 0 or 1");
            }
            y[i] = BinaryScoreLoss.mapLabel(loss, labels[i]);
        }
    }

    /** Shared checks of 2-D classification data; labels are checked by the caller. */
    static void checkPoints(double[] x1, double[] x2, int[] labels, String who) {
        if (x1 == null || x2 == null || labels == null) {
            throw new IllegalArgumentException(who + " needs points (x1, x2) and labels");
        }
        if (x1.length != x2.length || x1.length != labels.length) {
            throw new IllegalArgumentException(who + " needs as many x2 values and labels as x1 values (got "
                    + x1.length + " x1, " + x2.length + " x2, " + labels.length + " labels)");
        }
        if (x1.length == 0) {
            throw new IllegalArgumentException(who + " needs at least one point");
        }
        for (int i = 0; i < x1.length; i++) {
            if (!Double.isFinite(x1[i]) || !Double.isFinite(x2[i])) {
                throw new IllegalArgumentException("point " + i + " = (" + x1[i] + ", " + x2[i]
                        + ") is not finite");
            }
        }
    }

    @Override
    public int dimension() {
        return 3;
    }

    @Override
    public String[] parameterNames() {
        return NAMES.clone();
    }

    @Override
    public String displayName() {
        return BinaryScoreLoss.shortSpec(point.loss()) + " classifier";
    }

    @Override
    public String formula() {
        String z = "w1·x1ᵢ + w2·x2ᵢ + b";
        return "L(w1, w2, b) = mean ℓ(" + (point.usesSigmoid() ? "σ(" + z + ")" : z) + ", yᵢ)"
                + regularizer.suffix() + ",  ℓ = " + point.loss().spec();
    }

    /** The kernel. */
    public ElementwiseLoss loss() {
        return point.loss();
    }

    public Regularizer regularizer() {
        return regularizer;
    }

    /** Whether the kernel sees p = sigmoid(z) (bce and the regression kernels) rather than z. */
    public boolean usesSigmoid() {
        return point.usesSigmoid();
    }

    /** The number of points. */
    public int size() {
        return x1.length;
    }

    public double[] x1() {
        return x1.clone();
    }

    public double[] x2() {
        return x2.clone();
    }

    /** The labels 0/1 as given. */
    public int[] labels() {
        return labels.clone();
    }

    /** z = w1 x1 + w2 x2 + b. */
    public double score(double[] theta, double x1, double x2) {
        return theta[0] * x1 + theta[1] * x2 + theta[2];
    }

    /** sigmoid(z): the probability of class 1 (for hinge losses only a monotone reading of the score). */
    public double probability(double[] theta, double x1, double x2) {
        return Numerics.sigmoid(score(theta, x1, x2));
    }

    /** 1 when z &gt; 0, else 0 (a point on the boundary z = 0 is class 0). */
    public int predict(double[] theta, double x1, double x2) {
        return score(theta, x1, x2) > 0 ? 1 : 0;
    }

    /** The confusion matrix and ratios of {@link #predict} on the data, class 1 positive. */
    public ClassificationMetrics metrics(double[] theta) {
        int[] predicted = new int[x1.length];
        for (int i = 0; i < x1.length; i++) {
            predicted[i] = predict(theta, x1[i], x2[i]);
        }
        return new ClassificationMetrics(labels, predicted, 2);
    }

    @Override
    public double value(double[] theta) {
        double sum = 0.0;
        for (int i = 0; i < x1.length; i++) {
            sum += point.value(score(theta, x1[i], x2[i]), y[i]);
        }
        return sum / x1.length + regularizer.value(theta, 3);
    }

    @Override
    public double gradient(double[] theta, double[] gradient) {
        double sum = 0.0;
        double g1 = 0.0;
        double g2 = 0.0;
        double gb = 0.0;
        for (int i = 0; i < x1.length; i++) {
            double z = score(theta, x1[i], x2[i]);
            double d = point.d1(z, y[i]);
            sum += point.value(z, y[i]);
            g1 += d * x1[i];
            g2 += d * x2[i];
            gb += d;
        }
        double inv = 1.0 / x1.length;
        gradient[0] = g1 * inv;
        gradient[1] = g2 * inv;
        gradient[2] = gb * inv;
        regularizer.addGradient(theta, gradient, 3);
        return sum * inv + regularizer.value(theta, 3);
    }

    @Override
    public boolean hessian(double[] theta, double[] h) {
        double h11 = 0.0;
        double h12 = 0.0;
        double h1b = 0.0;
        double h22 = 0.0;
        double h2b = 0.0;
        double hbb = 0.0;
        for (int i = 0; i < x1.length; i++) {
            double d2 = point.d2(score(theta, x1[i], x2[i]), y[i]);
            h11 += d2 * x1[i] * x1[i];
            h12 += d2 * x1[i] * x2[i];
            h1b += d2 * x1[i];
            h22 += d2 * x2[i] * x2[i];
            h2b += d2 * x2[i];
            hbb += d2;
        }
        double inv = 1.0 / x1.length;
        h[0] = h11 * inv;
        h[1] = h12 * inv;
        h[2] = h1b * inv;
        h[3] = h[1];
        h[4] = h22 * inv;
        h[5] = h2b * inv;
        h[6] = h[2];
        h[7] = h[5];
        h[8] = hbb * inv;
        regularizer.addHessian(h, 3);
        return true;
    }

    /** The origin: every point scored 0. */
    @Override
    public double[] defaultStart() {
        return new double[3];
    }
}
