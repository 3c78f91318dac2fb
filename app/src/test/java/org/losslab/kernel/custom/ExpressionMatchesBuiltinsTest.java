package org.losslab.kernel.custom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.losslab.kernel.ElementwiseLoss;
import org.losslab.kernel.Losses;
import org.losslab.testkit.Trials;

/** Expressions that equal built-in losses give the built-in kernels' value, d1 and d2 at random points. */
class ExpressionMatchesBuiltinsTest {

    private static void assertClose(double expected, double actual, double tol, String what) {
        double allowed = tol * (1.0 + Math.abs(expected));
        assertTrue(Math.abs(expected - actual) <= allowed,
                what + ": expected " + expected + " but was " + actual);
    }

    /** Compares at random points with r in [lo, hi), skipping points within {@code gap} of the kinks. */
    private static void compare(String expression, String builtinSpec, double lo, double hi, double[] kinks,
                                double tol) {
        ElementwiseLoss custom = new ExpressionLoss(expression);
        ElementwiseLoss builtin = (ElementwiseLoss) Losses.parse(builtinSpec);
        Trials.forAll(expression.hashCode(), 2000, rnd -> {
            double y = Trials.uniform(rnd, -50, 50);
            double r = Trials.uniform(rnd, lo, hi);
            for (double k : kinks) {
                if (Math.abs(r - k) < 1e-6) {
                    return;
                }
            }
            double p = y + r;
            String at = expression + " at p=" + p + ", y=" + y;
            assertClose(builtin.value(p, y), custom.value(p, y), tol, "value " + at);
            assertClose(builtin.d1(p, y), custom.d1(p, y), tol, "d1 " + at);
            assertClose(builtin.d2(p, y), custom.d2(p, y), tol, "d2 " + at);
        });
    }

    @Test
    void squareIsMse() {
        compare("r^2", "mse", -100, 100, new double[0], 1e-12);
        compare("(p - y) * (p - y)", "mse", -100, 100, new double[0], 1e-9);
        compare("pow(r, 2)", "mse", -100, 100, new double[0], 1e-12);
    }

    @Test
    void absIsMae() {
        compare("abs(r)", "mae", -100, 100, new double[0], 1e-12);
        compare("sqrt(r^2)", "mae", -100, 100, new double[] {0}, 1e-6);
    }

    @Test
    void absAtZeroFollowsTheKinkConvention() {
        ExpressionLoss mae = new ExpressionLoss("abs(r)");
        assertEquals(0.0, mae.d1(3.0, 3.0));
        assertEquals(0.0, mae.d2(3.0, 3.0));
    }

    @Test
    void piecewiseIsHuber() {
        compare("abs(r) <= 1 ? 0.5*r^2 : abs(r) - 0.5", "huber", -5, 5, new double[] {-1, 1}, 1e-12);
        compare("abs(r) <= 2 ? 0.5*r^2 : 2*(abs(r) - 1)", "huber:delta=2", -8, 8, new double[] {-2, 2}, 1e-12);
    }

    @Test
    void logOfCoshIsLogCosh() {
        compare("log((exp(r)+exp(-r))/2)", "log_cosh", -20, 20, new double[0], 1e-9);
        compare("log((e^r + e^-r) / 2)", "log_cosh", -20, 20, new double[0], 1e-9);
    }

    @Test
    void pinballIsQuantile() {
        compare("max(0.9*(y-p), (0.9-1)*(y-p))", "quantile:tau=0.9", -30, 30, new double[] {0}, 1e-12);
        compare("r < 0 ? -0.25*r : 0.75*r", "quantile:tau=0.25", -30, 30, new double[] {0}, 1e-12);
    }

    @Test
    void pinballKinkHasSlopeZeroLikeTheBuiltin() {
        ExpressionLoss custom = new ExpressionLoss("max(0.9*(y-p), (0.9-1)*(y-p))");
        ElementwiseLoss builtin = (ElementwiseLoss) Losses.parse("quantile:tau=0.9");
        assertEquals(builtin.d1(2.0, 2.0), custom.d1(2.0, 2.0));
        assertEquals(0.0, custom.d2(2.0, 2.0));
    }

    @Test
    void asymmetricExampleFromTheIssue() {
        ExpressionLoss loss = new ExpressionLoss("r > 0 ? abs(r) : 10*abs(r)");
        Trials.forAll(11, 1000, rnd -> {
            double y = Trials.uniform(rnd, -10, 10);
            double r = Trials.uniform(rnd, -10, 10);
            double p = y + r;
            double pr = p - y;
            assertEquals(pr > 0 ? Math.abs(pr) : 10 * Math.abs(pr), loss.value(p, y), 1e-12);
            assertEquals(pr > 0 ? 1.0 : (pr < 0 ? -10.0 : 0.0), loss.d1(p, y), 1e-12);
            assertEquals(0.0, loss.d2(p, y));
        });
        assertEquals(0.0, loss.d1(1.0, 1.0));
    }

    @Test
    void batchEvaluationUsesTheMeanLikeEveryElementwiseLoss() {
        ExpressionLoss custom = new ExpressionLoss("r^2");
        ElementwiseLoss mse = Losses.elementwise("mse");
        double[] p = {1, 2, 3, -4};
        double[] y = {0, 2.5, 1, 1};
        org.losslab.kernel.Shape shape = org.losslab.kernel.Shape.vector(4);
        var a = custom.evaluate(p, y, shape);
        var b = mse.evaluate(p, y, shape);
        assertEquals(b.value(), a.value(), 1e-12);
        assertEquals(b.gradient()[3], a.gradient()[3], 1e-12);
    }
}
