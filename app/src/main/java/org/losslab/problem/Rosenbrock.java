package org.losslab.problem;

import java.util.List;

/**
 * Rosenbrock's banana valley, minimum f(1, 1) = 0 at the end of a long curved valley floor:
 * <pre>
 *   f      = (1 - x)^2 + 100 (y - x^2)^2
 *   df/dx  = -2 (1 - x) - 400 x (y - x^2)
 *   df/dy  = 200 (y - x^2)
 *   d2f/dx2 = 2 - 400 (y - x^2) + 800 x^2 = 2 - 400 y + 1200 x^2
 *   d2f/dxdy = -400 x,   d2f/dy2 = 200
 * </pre>
 */
public final class Rosenbrock extends AnalyticProblem {

    public Rosenbrock() {
        super("rosenbrock", "Rosenbrock", "f = (1 − x)² + 100·(y − x²)²", new Bounds(-2, 2, -1, 3),
                new double[] {-1.5, 2.0}, List.of(new double[] {1.0, 1.0}), List.of());
    }

    @Override
    public double value(double x, double y) {
        double a = 1.0 - x;
        double b = y - x * x;
        return a * a + 100.0 * b * b;
    }

    @Override
    public double gradient(double x, double y, double[] gradient) {
        double a = 1.0 - x;
        double b = y - x * x;
        gradient[0] = -2.0 * a - 400.0 * x * b;
        gradient[1] = 200.0 * b;
        return a * a + 100.0 * b * b;
    }

    @Override
    public boolean hessian(double x, double y, double[] hessian) {
        hessian[0] = 2.0 - 400.0 * y + 1200.0 * x * x;
        hessian[1] = -400.0 * x;
        hessian[2] = 200.0;
        return true;
    }
}
