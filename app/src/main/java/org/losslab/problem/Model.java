package org.losslab.problem;

/**
 * A loss over n parameters theta = (theta_0, ..., theta_(n-1)): a model fitted to data through a loss kernel,
 * for example a linear classifier on two features (n = 3) or a softmax classifier over K classes (n = 3K).
 * A {@link SliceProblem} shows it over two of its parameters with the others held.
 *
 * <p>Implementations are immutable and thread-safe: surfaces evaluate them from several worker threads at once.
 */
public interface Model {

    /** The number of parameters n. */
    int dimension();

    /** The names of the n parameters, for axes and read-outs: for example {"w1", "w2", "b"}. */
    String[] parameterNames();

    /** The mean loss over the data at theta (plus the penalty, if any); theta has length at least n. */
    double value(double[] theta);

    /**
     * The loss and its gradient at theta.
     *
     * @param gradient output, length at least n: dL/dtheta_k
     * @return the loss at theta
     */
    double gradient(double[] theta, double[] gradient);

    /**
     * The Hessian at theta, row-major: h[k n + l] = d2L/dtheta_k dtheta_l.
     *
     * @param h output, length at least n^2
     * @return false when the model has no Hessian (then {@code h} is untouched)
     */
    default boolean hessian(double[] theta, double[] h) {
        return false;
    }

    /** A sensible default start for descent: usually all zeros. */
    double[] defaultStart();

    /** A short name for titles: "bce_logits classifier". */
    default String displayName() {
        return "model";
    }

    /** The loss in plain Unicode text, for read-outs; empty when there is no short formula. */
    default String formula() {
        return "";
    }
}
