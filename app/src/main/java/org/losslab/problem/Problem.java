package org.losslab.problem;

import java.util.List;

/**
 * A loss landscape over two parameters theta = (theta1, theta2): an analytic function (Rosenbrock, a ravine, ...)
 * or a model fitted to data through a loss kernel (linear regression, logistic classification).
 *
 * <p>Implementations are immutable and thread-safe: surfaces evaluate them from several worker threads at once.
 */
public interface Problem {

    /** The {@code descend --problem} identifier, for example {@code rosenbrock} or {@code linreg}. */
    String id();

    /** The name shown in the app. */
    String displayName();

    /** Names of the two parameters, for axes and read-outs: {"w", "b"} or {"x", "y"}. */
    String[] parameterNames();

    /** The loss at theta. */
    double value(double theta1, double theta2);

    /**
     * The loss and its gradient at theta.
     *
     * @param gradient output, length at least 2: {dL/dtheta1, dL/dtheta2}
     * @return the loss at theta
     */
    double gradient(double theta1, double theta2, double[] gradient);

    /**
     * The Hessian at theta, where the kernels give second derivatives.
     *
     * @param hessian output, length at least 3: {d2L/dtheta1^2, d2L/dtheta1 dtheta2, d2L/dtheta2^2}
     * @return false when this problem has no Hessian (then {@code hessian} is untouched)
     */
    boolean hessian(double theta1, double theta2, double[] hessian);

    /** True when the loss is exactly quadratic in theta, so its Hessian is the same everywhere. */
    default boolean isQuadratic() {
        return false;
    }

    /** The region shown when the problem is opened. */
    Bounds defaultBounds();

    /** Known global (and notable local) minima, for markers; empty when unknown. */
    List<double[]> knownMinima();

    /** A sensible default start point for descent. */
    double[] defaultStart();

    /**
     * Known saddle points (stationary points that are neither minima nor maxima), for markers; empty by default.
     * The saddle problem x^2 - y^2 has one at the origin and no minimum at all.
     */
    default List<double[]> knownSaddlePoints() {
        return List.of();
    }

    /** The function in plain Unicode text, for read-outs and help; empty when there is no short formula. */
    default String formula() {
        return "";
    }
}
