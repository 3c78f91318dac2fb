package org.losslab.problem;

import java.util.List;

/**
 * Beale's function, minimum f(3, 0.5) = 0, with sharp ridges near the corners of its view [-4.5, 4.5]^2:
 * <pre>
 *   t_k = c_k - x + x y^k,   (c_1, c_2, c_3) = (1.5, 2.25, 2.625),   f = t_1^2 + t_2^2 + t_3^2
 *   dt_k/dx = y^k - 1,       dt_k/dy = k x y^(k-1)
 *   df/dx = sum 2 t_k (y^k - 1),            df/dy = sum 2 t_k k x y^(k-1)
 *   d2f/dx2  = sum 2 (y^k - 1)^2
 *   d2f/dxdy = sum 2 [k x y^(k-1) (y^k - 1) + t_k k y^(k-1)]
 *   d2f/dy2  = sum 2 [(k x y^(k-1))^2 + t_k k (k-1) x y^(k-2)]
 * </pre>
 */
public final class Beale extends AnalyticProblem {

    public Beale() {
        super("beale", "Beale", "f = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²",
                new Bounds(-4.5, 4.5, -4.5, 4.5), new double[] {1.0, 1.5},
                List.of(new double[] {3.0, 0.5}), List.of());
    }

    @Override
    public double value(double x, double y) {
        double y2 = y * y;
        double t1 = 1.5 - x + x * y;
        double t2 = 2.25 - x + x * y2;
        double t3 = 2.625 - x + x * y2 * y;
        return t1 * t1 + t2 * t2 + t3 * t3;
    }

    @Override
    public double gradient(double x, double y, double[] gradient) {
        double y2 = y * y;
        double y3 = y2 * y;
        double t1 = 1.5 - x + x * y;
        double t2 = 2.25 - x + x * y2;
        double t3 = 2.625 - x + x * y3;
        gradient[0] = 2.0 * (t1 * (y - 1.0) + t2 * (y2 - 1.0) + t3 * (y3 - 1.0));
        gradient[1] = 2.0 * x * (t1 + 2.0 * t2 * y + 3.0 * t3 * y2);
        return t1 * t1 + t2 * t2 + t3 * t3;
    }

    @Override
    public boolean hessian(double x, double y, double[] hessian) {
        double y2 = y * y;
        double y3 = y2 * y;
        double t1 = 1.5 - x + x * y;
        double t2 = 2.25 - x + x * y2;
        double t3 = 2.625 - x + x * y3;
        double a1 = y - 1.0;
        double a2 = y2 - 1.0;
        double a3 = y3 - 1.0;
        // dt_k/dy: x, 2xy, 3xy^2
        double b1 = x;
        double b2 = 2.0 * x * y;
        double b3 = 3.0 * x * y2;
        hessian[0] = 2.0 * (a1 * a1 + a2 * a2 + a3 * a3);
        hessian[1] = 2.0 * (b1 * a1 + t1 + b2 * a2 + t2 * 2.0 * y + b3 * a3 + t3 * 3.0 * y2);
        hessian[2] = 2.0 * (b1 * b1 + b2 * b2 + b3 * b3 + t2 * 2.0 * x + t3 * 6.0 * x * y);
        return true;
    }
}
