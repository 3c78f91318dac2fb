package org.losslab.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.losslab.kernel.ElementwiseLoss;
import org.losslab.kernel.Losses;
import org.losslab.testkit.Trials;

/** The slice through a polynomial regression against formulas and finite differences written here. */
class PolynomialSliceProblemTest {
    private static final double[] X = {-1.5, -0.7, 0.0, 0.4, 1.1, 2.0, 2.6};
    private static final double[] Y = {3.1, 0.9, -0.2, 0.1, 1.7, 4.9, 9.0};

    @Test
    void valueIsTheMeanLossOfThePolynomialWithTwoCoefficientsFree() {
        double[] c = {0.5, -0.3, 1.2, 0.05};
        PolynomialSliceProblem p = new PolynomialSliceProblem(X, Y, Losses.elementwise("mse"), c, 2, 0);
        double t1 = 0.9;
        double t2 = -0.4;
        double s = 0;
        for (int k = 0; k < X.length; k++) {
            double pred = t2 + c[1] * X[k] + t1 * X[k] * X[k] + c[3] * X[k] * X[k] * X[k];
            s += (pred - Y[k]) * (pred - Y[k]);
        }
        assertEquals(s / X.length, p.value(t1, t2), 1e-12);
        assertEquals(0.5, p.defaultStart()[1], 0.0);
        assertEquals(1.2, p.defaultStart()[0], 0.0);
    }

    @Test
    void degreeOneSliceIsLinearRegression() {
        ElementwiseLoss huber = (ElementwiseLoss) Losses.parse("huber:delta=0.8");
        PolynomialSliceProblem slice = new PolynomialSliceProblem(X, Y, huber, new double[] {0, 0}, 1, 0);
        LinearRegressionProblem line = new LinearRegressionProblem(X, Y, huber, Regularizer.NONE);
        for (double[] wb : new double[][] {{0.3, 1.0}, {-2, 0.5}, {1.7, -3}}) {
            assertEquals(line.value(wb[0], wb[1]), slice.value(wb[0], wb[1]), 1e-12);
        }
    }

    @Test
    void gradientAndHessianMatchCentralDifferences() {
        Trials.forAll(11, 100, r -> {
            double[] c = {Trials.uniform(r, -1, 1), Trials.uniform(r, -1, 1), Trials.uniform(r, -1, 1)};
            ElementwiseLoss loss = Losses.elementwise(Trials.oneOf(r, "mse", "log_cosh", "huber"));
            int i = r.nextInt(3);
            int j = (i + 1 + r.nextInt(2)) % 3;
            PolynomialSliceProblem p = new PolynomialSliceProblem(X, Y, loss, c, i, j);
            double t1 = Trials.uniform(r, -2, 2);
            double t2 = Trials.uniform(r, -2, 2);
            double h = 1e-5;
            double[] g = new double[2];
            p.gradient(t1, t2, g);
            double d1 = (p.value(t1 + h, t2) - p.value(t1 - h, t2)) / (2 * h);
            double d2 = (p.value(t1, t2 + h) - p.value(t1, t2 - h)) / (2 * h);
            assertEquals(d1, g[0], 1e-5 * Math.max(1, Math.abs(d1)), "dL/dc_i");
            assertEquals(d2, g[1], 1e-5 * Math.max(1, Math.abs(d2)), "dL/dc_j");
            if (loss.id().equals("huber")) {
                return; // its second derivative jumps at |r| = delta
            }
            double[] hs = new double[3];
            p.hessian(t1, t2, hs);
            double[] gp = new double[2];
            double[] gm = new double[2];
            p.gradient(t1 + h, t2, gp);
            p.gradient(t1 - h, t2, gm);
            assertEquals((gp[0] - gm[0]) / (2 * h), hs[0], 1e-4 * Math.max(1, Math.abs(hs[0])));
            assertEquals((gp[1] - gm[1]) / (2 * h), hs[1], 1e-4 * Math.max(1, Math.abs(hs[1])));
            p.gradient(t1, t2 + h, gp);
            p.gradient(t1, t2 - h, gm);
            assertEquals((gp[1] - gm[1]) / (2 * h), hs[2], 1e-4 * Math.max(1, Math.abs(hs[2])));
        });
    }

    @Test
    void twoDifferentCoefficientsInRangeAreRequired() {
        assertThrows(IllegalArgumentException.class,
                () -> new PolynomialSliceProblem(X, Y, Losses.elementwise("mse"), new double[] {1, 2}, 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new PolynomialSliceProblem(X, Y, Losses.elementwise("mse"), new double[] {1, 2}, 0, 2));
    }
}
