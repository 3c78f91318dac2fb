package org.losslab.problem;

import java.util.Objects;
import org.losslab.kernel.Loss;
import org.losslab.kernel.Losses;
import org.losslab.kernel.Shape;

/**
 * Multi-class classification of points (x1, x2) into K classes by softmax regression, with the cce_logits kernel
 * (cross-entropy with optional label smoothing eps). Class k has its own linear logit, and theta lists the classes
 * one after the other, three numbers each:
 * <pre>
 *   z_ik = w_k1 x1_i + w_k2 x2_i + b_k,          theta = [w_01, w_02, b_0, w_11, w_12, b_1, ...]   (n = 3K)
 *   L(theta) = (1/N) sum_i sum_k t'_ik (lse(z_i) - z_ik) + R(theta),  t'_ik = (1 - eps) [k = c_i] + eps / K
 *   dL/d(w_k1, w_k2, b_k) = (1/N) sum_i (s_ik - t'_ik) x~_i + grad R,       s_i = softmax(z_i), x~_i = (x1_i, x2_i, 1)
 *   d2L/d(class k block) d(class l block) = (1/N) sum_i (delta_kl s_ik - s_ik s_il) x~_i x~_i^T + Hessian(R)
 * </pre>
 * The value and gradient come from the kernel's batch API on the N-by-K logits. The Hessian does not depend on
 * the targets (sum_k t'_ik = 1) and is positive semi-definite; it is singular along adding the same vector to
 * every class's (w_k1, w_k2, b_k), which leaves every softmax unchanged (without an L2 penalty the minimum is a
 * line, not a point). With K = 2 the softmax of (z_0, z_1) is sigmoid(z_1 - z_0), so the loss without smoothing
 * equals bce_logits on the score z_1 - z_0 with label c.
 *
 * <p>Parameter names are "w1·A", "w2·A", "b·A", "w1·B", ... with the classes named A, B, C, ...
 * Immutable and thread-safe.
 */
public final class SoftmaxClassifier implements Model {
    private final double[] x1;
    private final double[] x2;
    private final int[] labels;
    private final double[] targets;
    private final int classes;
    private final Loss loss;
    private final Regularizer regularizer;

    /** Softmax regression with plain cce_logits (no label smoothing) and no penalty. */
    public SoftmaxClassifier(double[] x1, double[] x2, int[] labels, int classes) {
        this(x1, x2, labels, classes, Losses.get("cce_logits"), Regularizer.NONE);
    }

    /** With the given cce_logits kernel (for example {@code Losses.parse("cce_logits:label_smoothing=0.1")}). */
    public SoftmaxClassifier(double[] x1, double[] x2, int[] labels, int classes, Loss loss) {
        this(x1, x2, labels, classes, loss, Regularizer.NONE);
    }

    /**
     * @param labels  the class of each point, 0..classes-1
     * @param classes K, 2 to 26
     * @param loss    a cce_logits kernel
     * @throws IllegalArgumentException one line: bad data, K out of range, a label outside 0..K-1, another loss
     */
    public SoftmaxClassifier(double[] x1, double[] x2, int[] labels, int classes, Loss loss, Regularizer regularizer) {
        Objects.requireNonNull(loss, "loss");
        this.regularizer = Objects.requireNonNull(regularizer, "regularizer");
        if (!loss.id().equals("cce_logits")) {
            throw new IllegalArgumentException("the softmax classifier takes cce_logits, not " + loss.id());
        }
        if (classes < 2 || classes > 26) {
            throw new IllegalArgumentException("the softmax classifier needs 2 to 26 classes (got " + classes + ")");
        }
        BinaryLinearClassifier.checkPoints(x1, x2, labels, "the softmax classifier");
        this.targets = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label[" + i + "] = " + labels[i] + " is not a class 0.."
                        + (classes - 1));
            }
            targets[i] = labels[i];
        }
        this.x1 = x1.clone();
        this.x2 = x2.clone();
        this.labels = labels.clone();
        this.classes = classes;
        this.loss = loss;
    }

    /** The name of class k: A, B, C, ... */
    public static String className(int k) {
        return String.valueOf((char) ('A' + k));
    }

    /** K. */
    public int classes() {
        return classes;
    }

    @Override
    public int dimension() {
        return 3 * classes;
    }

    @Override
    public String[] parameterNames() {
        String[] names = new String[3 * classes];
        for (int k = 0; k < classes; k++) {
            String c = className(k);
            names[3 * k] = "w1·" + c;
            names[3 * k + 1] = "w2·" + c;
            names[3 * k + 2] = "b·" + c;
        }
        return names;
    }

    @Override
    public String displayName() {
        return BinaryScoreLoss.shortSpec(loss) + " softmax classifier";
    }

    @Override
    public String formula() {
        return "L(θ) = mean −log softmax(zᵢ)_yᵢ" + regularizer.suffix() + ",  z_k = w1·k x1 + w2·k x2 + b·k,  ℓ = "
                + loss.spec();
    }

    public Loss loss() {
        return loss;
    }

    public Regularizer regularizer() {
        return regularizer;
    }

    public int size() {
        return x1.length;
    }

    public double[] x1() {
        return x1.clone();
    }

    public double[] x2() {
        return x2.clone();
    }

    /** The classes as given. */
    public int[] labels() {
        return labels.clone();
    }

    /** z_k = w_k1 x1 + w_k2 x2 + b_k for every class, into out[0..K-1]. */
    public void logits(double[] theta, double x1, double x2, double[] out) {
        for (int k = 0; k < classes; k++) {
            out[k] = theta[3 * k] * x1 + theta[3 * k + 1] * x2 + theta[3 * k + 2];
        }
    }

    /** softmax(z) into out[0..K-1], computed as exp(z_k - max z) / sum_j exp(z_j - max z). */
    public void probabilities(double[] theta, double x1, double x2, double[] out) {
        logits(theta, x1, x2, out);
        softmaxInPlace(out, classes);
    }

    private static void softmaxInPlace(double[] z, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, z[j]);
        }
        double sum = 0.0;
        for (int j = 0; j < k; j++) {
            z[j] = Math.exp(z[j] - max);
            sum += z[j];
        }
        for (int j = 0; j < k; j++) {
            z[j] /= sum;
        }
    }

    /** The class with the largest logit (the lowest index on a tie). */
    public int predict(double[] theta, double x1, double x2) {
        int best = 0;
        double bestZ = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            double z = theta[3 * k] * x1 + theta[3 * k + 1] * x2 + theta[3 * k + 2];
            if (z > bestZ) {
                bestZ = z;
                best = k;
            }
        }
        return best;
    }

    /** The confusion matrix and ratios of {@link #predict} on the data. */
    public ClassificationMetrics metrics(double[] theta) {
        int[] predicted = new int[x1.length];
        for (int i = 0; i < x1.length; i++) {
            predicted[i] = predict(theta, x1[i], x2[i]);
        }
        return new ClassificationMetrics(labels, predicted, classes);
    }

    private double[] allLogits(double[] theta) {
        double[] z = new double[x1.length * classes];
        for (int i = 0; i < x1.length; i++) {
            for (int k = 0; k < classes; k++) {
                z[i * classes + k] = theta[3 * k] * x1[i] + theta[3 * k + 1] * x2[i] + theta[3 * k + 2];
            }
        }
        return z;
    }

    @Override
    public double value(double[] theta) {
        double[] z = allLogits(theta);
        return loss.evaluate(z, targets, new Shape(x1.length, classes), null, null)
                + regularizer.value(theta, 3 * classes);
    }

    @Override
    public double gradient(double[] theta, double[] gradient) {
        double[] z = allLogits(theta);
        double[] dz = new double[z.length];
        double value = loss.evaluate(z, targets, new Shape(x1.length, classes), null, dz);
        int n = 3 * classes;
        for (int k = 0; k < n; k++) {
            gradient[k] = 0.0;
        }
        // the kernel's gradient already carries the 1/N of the mean
        for (int i = 0; i < x1.length; i++) {
            for (int k = 0; k < classes; k++) {
                double d = dz[i * classes + k];
                gradient[3 * k] += d * x1[i];
                gradient[3 * k + 1] += d * x2[i];
                gradient[3 * k + 2] += d;
            }
        }
        regularizer.addGradient(theta, gradient, n);
        return value + regularizer.value(theta, n);
    }

    @Override
    public boolean hessian(double[] theta, double[] h) {
        int n = 3 * classes;
        java.util.Arrays.fill(h, 0, n * n, 0.0);
        double[] s = new double[classes];
        double[] xt = new double[3];
        for (int i = 0; i < x1.length; i++) {
            probabilities(theta, x1[i], x2[i], s);
            xt[0] = x1[i];
            xt[1] = x2[i];
            xt[2] = 1.0;
            for (int k = 0; k < classes; k++) {
                for (int l = 0; l < classes; l++) {
                    double c = (k == l ? s[k] : 0.0) - s[k] * s[l];
                    for (int a = 0; a < 3; a++) {
                        for (int b = 0; b < 3; b++) {
                            h[(3 * k + a) * n + 3 * l + b] += c * xt[a] * xt[b];
                        }
                    }
                }
            }
        }
        double inv = 1.0 / x1.length;
        for (int e = 0; e < n * n; e++) {
            h[e] *= inv;
        }
        regularizer.addHessian(h, n);
        return true;
    }

    /** All zeros: every class equally likely everywhere. */
    @Override
    public double[] defaultStart() {
        return new double[3 * classes];
    }
}
