package org.losslab.problem.fit;

import org.losslab.kernel.ElementwiseLoss;
import org.losslab.problem.Regularizer;

/**
 * One-call access to the exact best line y = w x + b for a regression loss (see {@link LineFitter} for the methods
 * per loss and their guarantees). Each call allocates a fresh solver; to fit many times (every frame of a drag),
 * keep a {@link LineFitter} and pass the previous optimum as a warm start.
 */
public final class LineFit {
    private LineFit() {
    }

    /** The line minimising the mean loss (1/n) sum_i l(w x_i + b, y_i). */
    public static FitResult fit(double[] x, double[] y, ElementwiseLoss loss) {
        return new LineFitter().fit(x, y, loss);
    }

    /** The line minimising the mean loss plus l1 (|w| + |b|) + l2 (w^2 + b^2). */
    public static FitResult fit(double[] x, double[] y, ElementwiseLoss loss, Regularizer regularizer) {
        return new LineFitter().fit(x, y, loss, regularizer);
    }
}
