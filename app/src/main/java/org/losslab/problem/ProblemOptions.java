package org.losslab.problem;

import org.losslab.kernel.ElementwiseLoss;

/**
 * What a data problem is built from, for {@link ProblemRegistry#create}: data points, a loss kernel and a penalty.
 * Analytic problems take none of these. Arrays are used as given (the problems copy them).
 *
 * @param x           inputs, or null
 * @param y           targets or labels, or null
 * @param loss        the kernel, or null for the problem's default (mse for linreg, bce_logits for logreg)
 * @param regularizer the penalty; {@link Regularizer#NONE} for none
 */
public record ProblemOptions(double[] x, double[] y, ElementwiseLoss loss, Regularizer regularizer) {
    /** No data, default loss, no penalty: what analytic problems take. */
    public static final ProblemOptions NONE = new ProblemOptions(null, null, null, Regularizer.NONE);

    public ProblemOptions {
        if (regularizer == null) {
            regularizer = Regularizer.NONE;
        }
    }

    /** These options with data points. */
    public ProblemOptions withData(double[] newX, double[] newY) {
        return new ProblemOptions(newX, newY, loss, regularizer);
    }

    /** These options with a loss kernel. */
    public ProblemOptions withLoss(ElementwiseLoss newLoss) {
        return new ProblemOptions(x, y, newLoss, regularizer);
    }

    /** These options with a penalty. */
    public ProblemOptions withRegularizer(Regularizer newRegularizer) {
        return new ProblemOptions(x, y, loss, newRegularizer);
    }

    /** Whether data points are given. */
    public boolean hasData() {
        return x != null || y != null;
    }
}
