package org.losslab.problem;

import java.util.List;
import org.losslab.kernel.Numerics;

/**
 * A plateau with a cliff: a nearly flat high plain that drops steeply into a round crater, with the minimum at
 * the crater's centre. It shows two failure modes at once: on the plain the gradient is tiny, so plain gradient
 * descent crawls (while Adam, which normalises the step, does not); at the rim the gradient is about a hundred
 * times larger, so a step sized for the plain is flung across the crater.
 * <pre>
 *   s = x^2 + y^2,  sigma(t) = 1 / (1 + e^-t)
 *   f(x, y) = G(s) = H sigma((s - R^2) / W) + E s        with H = 1, R = 1, W = 0.05, E = 0.02
 * </pre>
 * Inside the rim (s well below R^2 = 1) the sigmoid is about 0; outside it is about 1 and only the gentle tilt
 * E s (slope 2 E r, 0.1 at r = 2.5) remains: the plateau. Across the rim f drops by H = 1 within about
 * 4 W / (2 R) = 0.1 in r: the cliff, steepest at r = 1 with slope H 2R / (4W) = 10.
 * <pre>
 *   G'(s)  = (H / W) sigma (1 - sigma) + E
 *   G''(s) = (H / W^2) sigma (1 - sigma) (1 - 2 sigma)
 *   grad f = 2 G'(s) (x, y)
 *   H(f)   = 2 G'(s) I + 4 G''(s) [x^2  xy; xy  y^2]
 * </pre>
 * Since sigma is increasing and s &gt;= 0, f(x, y) &gt; f(0, 0) = H sigma(-R^2 / W) = sigma(-20) ≈ 2.06e-9
 * everywhere else: (0, 0) is the unique global minimum.
 */
public final class PlateauCliff extends AnalyticProblem {
    /** Height of the cliff. */
    public static final double HEIGHT = 1.0;
    /** Radius of the crater's rim. */
    public static final double RADIUS = 1.0;
    /** Width of the rim in s = r^2: the smaller, the steeper the cliff. */
    public static final double WIDTH = 0.05;
    /** Slope of the plateau's gentle tilt towards the centre. */
    public static final double TILT = 0.02;

    public PlateauCliff() {
        super("plateau", "Plateau with a cliff", "f = σ((x² + y² − 1)/0.05) + 0.02·(x² + y²)",
                new Bounds(-3, 3, -3, 3), new double[] {-2.5, 1.5}, List.of(new double[] {0.0, 0.0}), List.of());
    }

    private static double t(double s) {
        return (s - RADIUS * RADIUS) / WIDTH;
    }

    @Override
    public double value(double x, double y) {
        double s = x * x + y * y;
        return HEIGHT * Numerics.sigmoid(t(s)) + TILT * s;
    }

    @Override
    public double gradient(double x, double y, double[] gradient) {
        double s = x * x + y * y;
        double t = t(s);
        double p = Numerics.sigmoid(t);
        double pq = p * Numerics.sigmoid(-t);
        double g1 = HEIGHT / WIDTH * pq + TILT;
        gradient[0] = 2.0 * g1 * x;
        gradient[1] = 2.0 * g1 * y;
        return HEIGHT * p + TILT * s;
    }

    @Override
    public boolean hessian(double x, double y, double[] hessian) {
        double s = x * x + y * y;
        double t = t(s);
        double p = Numerics.sigmoid(t);
        double pq = p * Numerics.sigmoid(-t);
        double g1 = HEIGHT / WIDTH * pq + TILT;
        double g2 = HEIGHT / (WIDTH * WIDTH) * pq * (1.0 - 2.0 * p);
        hessian[0] = 2.0 * g1 + 4.0 * g2 * x * x;
        hessian[1] = 4.0 * g2 * x * y;
        hessian[2] = 2.0 * g1 + 4.0 * g2 * y * y;
        return true;
    }
}
