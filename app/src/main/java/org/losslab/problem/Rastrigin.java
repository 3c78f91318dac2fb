package org.losslab.problem;

import java.util.List;

/**
 * Rastrigin's function in two dimensions: a bowl covered in a grid of local minima, global minimum f(0, 0) = 0.
 * <pre>
 *   f = 20 + sum over v in {x, y} of (v^2 - 10 cos(2 pi v))
 *   df/dv = 2 v + 20 pi sin(2 pi v)
 *   d2f/dv2 = 2 + 40 pi^2 cos(2 pi v),   d2f/dxdy = 0
 * </pre>
 */
public final class Rastrigin extends AnalyticProblem {
    private static final double TWO_PI = 2.0 * Math.PI;

    public Rastrigin() {
        super("rastrigin", "Rastrigin", "f = 20 + Σ (v² − 10·cos 2πv),  v ∈ {x, y}",
                new Bounds(-5.12, 5.12, -5.12, 5.12), new double[] {-3.3, 2.8},
                List.of(new double[] {0.0, 0.0}), List.of());
    }

    @Override
    public double value(double x, double y) {
        return 20.0 + x * x - 10.0 * Math.cos(TWO_PI * x) + y * y - 10.0 * Math.cos(TWO_PI * y);
    }

    @Override
    public double gradient(double x, double y, double[] gradient) {
        gradient[0] = 2.0 * x + 20.0 * Math.PI * Math.sin(TWO_PI * x);
        gradient[1] = 2.0 * y + 20.0 * Math.PI * Math.sin(TWO_PI * y);
        return value(x, y);
    }

    @Override
    public boolean hessian(double x, double y, double[] hessian) {
        double k = 40.0 * Math.PI * Math.PI;
        hessian[0] = 2.0 + k * Math.cos(TWO_PI * x);
        hessian[1] = 0.0;
        hessian[2] = 2.0 + k * Math.cos(TWO_PI * y);
        return true;
    }
}
