package org.losslab.problem;

/**
 * The confusion matrix of a classifier on K classes and the ratios read from it. Immutable.
 *
 * <p>With n_ap the number of points of actual class a predicted as p, and for a class k TP = n_kk,
 * FP = sum_(a != k) n_ak (predicted k, actually another), FN = sum_(p != k) n_kp (actually k, predicted another):
 * <pre>
 *   accuracy     = sum_k n_kk / count
 *   precision(k) = TP / (TP + FP)          NaN when nothing was predicted as k (0/0)
 *   recall(k)    = TP / (TP + FN)          NaN when no point is of class k (0/0)
 *   f1(k)        = 2 TP / (2 TP + FP + FN)  = 2 P R / (P + R) when P and R are defined and not both 0;
 *                                          0 when k occurs or is predicted but never correctly;
 *                                          NaN only when k neither occurs nor is predicted
 *   macroF1      = mean of f1(k) over the classes where it is defined (NaN when none is)
 * </pre>
 * Undefined ratios are {@link Double#NaN}, never a made-up 0 or 1: check {@link #isPrecisionDefined},
 * {@link #isRecallDefined} and {@link #isF1Defined}, and {@link #predictedCount} / {@link #actualCount} say why
 * (no predictions of the class, no points of it). For two classes, class 1 is the positive one and
 * {@link #precision()}, {@link #recall()} and {@link #f1()} are those of class 1 (scikit-learn's pos_label = 1).
 */
public final class ClassificationMetrics {
    private final int classes;
    private final int[][] confusion;
    private final int count;

    /**
     * @param actual    the true class of each point, 0..classes-1
     * @param predicted the predicted class of each point, 0..classes-1
     * @param classes   K, at least 2
     * @throws IllegalArgumentException for arrays of different lengths, K &lt; 2 or a class outside 0..K-1
     */
    public ClassificationMetrics(int[] actual, int[] predicted, int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("metrics need at least 2 classes (got " + classes + ")");
        }
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("as many predictions as points are needed (got " + predicted.length
                    + " predictions for " + actual.length + " points)");
        }
        this.classes = classes;
        this.confusion = new int[classes][classes];
        for (int i = 0; i < actual.length; i++) {
            int a = actual[i];
            int p = predicted[i];
            if (a < 0 || a >= classes || p < 0 || p >= classes) {
                throw new IllegalArgumentException("point " + i + ": classes must be 0.." + (classes - 1) + " (got actual "
                        + a + ", predicted " + p + ")");
            }
            confusion[a][p]++;
        }
        this.count = actual.length;
    }

    /** K. */
    public int classes() {
        return classes;
    }

    /** The number of points. */
    public int count() {
        return count;
    }

    /** A copy of the confusion matrix, indexed [actual][predicted]. */
    public int[][] confusion() {
        int[][] c = new int[classes][];
        for (int a = 0; a < classes; a++) {
            c[a] = confusion[a].clone();
        }
        return c;
    }

    /** The number of points of actual class k (TP + FN). */
    public int actualCount(int k) {
        int s = 0;
        for (int p = 0; p < classes; p++) {
            s += confusion[k][p];
        }
        return s;
    }

    /** The number of points predicted as k (TP + FP). */
    public int predictedCount(int k) {
        int s = 0;
        for (int a = 0; a < classes; a++) {
            s += confusion[a][k];
        }
        return s;
    }

    /** The fraction predicted correctly; NaN for no points. */
    public double accuracy() {
        if (count == 0) {
            return Double.NaN;
        }
        int right = 0;
        for (int k = 0; k < classes; k++) {
            right += confusion[k][k];
        }
        return (double) right / count;
    }

    /** TP / (TP + FP) of class k; NaN when no point was predicted as k. */
    public double precision(int k) {
        int predicted = predictedCount(k);
        return predicted == 0 ? Double.NaN : (double) confusion[k][k] / predicted;
    }

    /** TP / (TP + FN) of class k; NaN when no point is of class k. */
    public double recall(int k) {
        int actual = actualCount(k);
        return actual == 0 ? Double.NaN : (double) confusion[k][k] / actual;
    }

    /** 2 TP / (2 TP + FP + FN) of class k; NaN only when k neither occurs nor is predicted. */
    public double f1(int k) {
        int tp = confusion[k][k];
        int denominator = actualCount(k) + predictedCount(k);
        return denominator == 0 ? Double.NaN : 2.0 * tp / denominator;
    }

    /** Whether precision(k) is defined: something was predicted as k. */
    public boolean isPrecisionDefined(int k) {
        return predictedCount(k) > 0;
    }

    /** Whether recall(k) is defined: some point is of class k. */
    public boolean isRecallDefined(int k) {
        return actualCount(k) > 0;
    }

    /** Whether f1(k) is defined: k occurs or is predicted. */
    public boolean isF1Defined(int k) {
        return actualCount(k) + predictedCount(k) > 0;
    }

    /** The mean of f1(k) over the classes where it is defined; NaN when it is defined for none (no points). */
    public double macroF1() {
        double s = 0.0;
        int n = 0;
        for (int k = 0; k < classes; k++) {
            if (isF1Defined(k)) {
                s += f1(k);
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** Precision of class 1 (the positive class of a binary classifier). */
    public double precision() {
        return precision(1);
    }

    /** Recall of class 1. */
    public double recall() {
        return recall(1);
    }

    /** F1 of class 1. */
    public double f1() {
        return f1(1);
    }
}
