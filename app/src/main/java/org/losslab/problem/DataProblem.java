package org.losslab.problem;

import org.losslab.kernel.ElementwiseLoss;

/**
 * A problem fitted to n data points (x_i, y_i) through an elementwise loss kernel: its loss is the kernel's batch
 * mean plus an optional {@link Regularizer},
 * <pre>
 *   L(theta) = (1/n) sum_i l(prediction_i(theta), y_i) + R(theta),
 * </pre>
 * and a mini-batch over a subset B of the points gives the stochastic estimate
 * <pre>
 *   L_B(theta) = (1/|B|) sum_{i in B} l(prediction_i(theta), y_i) + R(theta),
 * </pre>
 * whose gradient SGD follows. With B = all points, L_B = L.
 */
public interface DataProblem extends Problem {

    /** The number of data points n. */
    int size();

    /** A copy of the inputs x_i. */
    double[] x();

    /** A copy of the targets y_i, as the loss takes them (labels already mapped to the loss's convention). */
    double[] y();

    /** The loss kernel. */
    ElementwiseLoss loss();

    /** The penalty added to the loss ({@link Regularizer#NONE} for none). */
    Regularizer regularizer();

    /**
     * The mini-batch loss L_B and its gradient for B = {indices[from], ..., indices[to - 1]}. Does not allocate.
     *
     * @param gradient output, length at least 2
     * @return L_B(theta); for an empty range, R(theta)
     */
    double batchGradient(double theta1, double theta2, int[] indices, int from, int to, double[] gradient);
}
