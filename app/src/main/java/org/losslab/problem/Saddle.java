package org.losslab.problem;

import java.util.List;

/**
 * The saddle f = x^2 - y^2: a minimum along x, a maximum along y, a saddle point at the origin and no minimum
 * (f is unbounded below, so every descent that leaves the ridge y = 0 runs off towards -infinity).
 * <pre>
 *   grad f = (2x, -2y),   H = [2 0; 0 -2]
 * </pre>
 * The default start sits just off the ridge, so descent first slows down near the saddle point, then escapes.
 */
public final class Saddle extends AnalyticProblem {

    public Saddle() {
        super("saddle", "Saddle", "f = x² − y²", new Bounds(-2, 2, -2, 2), new double[] {-1.5, 0.01},
                List.of(), List.of(new double[] {0.0, 0.0}));
    }

    @Override
    public double value(double x, double y) {
        return x * x - y * y;
    }

    @Override
    public double gradient(double x, double y, double[] gradient) {
        gradient[0] = 2.0 * x;
        gradient[1] = -2.0 * y;
        return x * x - y * y;
    }

    @Override
    public boolean hessian(double x, double y, double[] hessian) {
        hessian[0] = 2.0;
        hessian[1] = 0.0;
        hessian[2] = -2.0;
        return true;
    }

    @Override
    public boolean isQuadratic() {
        return true;
    }
}
