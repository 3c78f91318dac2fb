package org.losslab.problem;

import java.util.List;

/**
 * Himmelblau's function: four global minima with f = 0, four saddle points and a local maximum near
 * (-0.27, -0.92) between them.
 * <pre>
 *   a = x^2 + y - 11,  b = x + y^2 - 7,   f = a^2 + b^2
 *   df/dx = 4 x a + 2 b,          df/dy = 2 a + 4 y b
 *   d2f/dx2 = 12 x^2 + 4 y - 42,  d2f/dxdy = 4 (x + y),  d2f/dy2 = 12 y^2 + 4 x - 26
 * </pre>
 * The minima are (3, 2) and, to 6 decimals, (-2.805118, 3.131312), (-3.779310, -3.283186),
 * (3.584428, -1.848126); they are stored here to full double precision (refined by Newton's method), because the
 * 6-decimal values leave gradients of up to 4e-5.
 */
public final class Himmelblau extends AnalyticProblem {

    public Himmelblau() {
        super("himmelblau", "Himmelblau", "f = (x² + y − 11)² + (x + y² − 7)²", new Bounds(-5, 5, -5, 5),
                new double[] {0.0, 0.0},
                List.of(new double[] {3.0, 2.0},
                        new double[] {-2.805118086952745, 3.131312518250573},
                        new double[] {-3.779310253377747, -3.2831859912861696},
                        new double[] {3.5844283403304917, -1.8481265269644034}),
                List.of(new double[] {0.08667750455539634, 2.884254701174776},
                        new double[] {-3.0730257507643897, -0.08135304428796751},
                        new double[] {3.385154183607021, 0.07385187983774928},
                        new double[] {-0.12796134673068005, -1.9537149802445766}));
    }

    @Override
    public double value(double x, double y) {
        double a = x * x + y - 11.0;
        double b = x + y * y - 7.0;
        return a * a + b * b;
    }

    @Override
    public double gradient(double x, double y, double[] gradient) {
        double a = x * x + y - 11.0;
        double b = x + y * y - 7.0;
        gradient[0] = 4.0 * x * a + 2.0 * b;
        gradient[1] = 2.0 * a + 4.0 * y * b;
        return a * a + b * b;
    }

    @Override
    public boolean hessian(double x, double y, double[] hessian) {
        hessian[0] = 12.0 * x * x + 4.0 * y - 42.0;
        hessian[1] = 4.0 * (x + y);
        hessian[2] = 12.0 * y * y + 4.0 * x - 26.0;
        return true;
    }
}
