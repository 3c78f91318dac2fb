package org.losslab.problem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.kernel.ElementwiseLoss;
import org.losslab.kernel.Losses;

/** Linear regression and logistic classification against values, minima and closed forms worked out here. */
class DataProblemTest {
    private static final double[] X3 = {0, 1, 2};
    private static final double[] Y3 = {1, 3, 2};

    private static ElementwiseLoss loss(String spec) {
        return (ElementwiseLoss) Losses.parse(spec);
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void linregMseByHand() {
        LinearRegressionProblem p = LinearRegressionProblem.mse(X3, Y3);
        double[] g = new double[2];
        // at (w, b) = (1, 1): predictions 1, 2, 3; residuals 0, -1, 1
        assertEquals(2.0 / 3, p.gradient(1, 1, g), 1e-15);
        assertEquals(2.0 / 3, p.value(1, 1), 1e-15);
        // dL/dw = mean(2 r x) = (0 - 2 + 4)/3, dL/db = mean(2 r) = 0
        assertEquals(2.0 / 3, g[0], 1e-15);
        assertEquals(0.0, g[1], 1e-15);
        double[] h = new double[3];
        assertTrue(p.hessian(1, 1, h));
        // 2 [mean x^2, mean x; mean x, 1] = 2 [5/3, 1; 1, 1]
        assertArrayEquals(new double[] {10.0 / 3, 2, 2}, h, 1e-15);
        assertTrue(p.isQuadratic());
        assertEquals("linreg", p.id());
        assertArrayEquals(new String[] {"w", "b"}, p.parameterNames());
    }

    @Test
    void linregMseMinimumIsTheLeastSquaresLine() {
        // x mean 1, y mean 2; Sxy = 1, Sxx = 2: w = 1/2, b = 2 - 1/2
        List<double[]> min = LinearRegressionProblem.mse(X3, Y3).knownMinima();
        assertEquals(1, min.size());
        assertEquals(0.5, min.get(0)[0], 1e-14);
        assertEquals(1.5, min.get(0)[1], 1e-14);
    }

    @Test
    void ridgeMinimumSolvesTheNormalEquations() {
        // (mean x^2 + l) w + mean x b = mean xy, mean x w + (1 + l) b = mean y with l = 1/2:
        // (13/6) w + b = 7/3, w + (3/2) b = 2  =>  b = 8/9, w = 2/3 (both parameters penalised)
        LinearRegressionProblem p = new LinearRegressionProblem(X3, Y3, loss("mse"), Regularizer.l2(0.5));
        assertTrue(p.isQuadratic());
        double[] m = p.knownMinima().get(0);
        assertEquals(2.0 / 3, m[0], 1e-14);
        assertEquals(8.0 / 9, m[1], 1e-14);
        // the penalty is in the value: at (1, 1), 2/3 + 0.5 (1 + 1)
        assertEquals(2.0 / 3 + 1.0, p.value(1, 1), 1e-14);
    }

    @Test
    void lassoIsNotQuadraticAndHasZeroSlopeAtTheKink() {
        LinearRegressionProblem plain = LinearRegressionProblem.mse(X3, Y3);
        LinearRegressionProblem lasso = new LinearRegressionProblem(X3, Y3, loss("mse"), Regularizer.l1(0.7));
        assertFalse(lasso.isQuadratic());
        assertTrue(lasso.knownMinima().isEmpty());
        double[] g0 = new double[2];
        double[] g1 = new double[2];
        double f0 = plain.gradient(0, 0.4, g0);
        double f1 = lasso.gradient(0, 0.4, g1);
        assertEquals(f0 + 0.7 * 0.4, f1, 1e-15);
        // w = 0 is the kink: its derivative is 0 by convention; b = 0.4 > 0 adds 0.7
        assertEquals(g0[0], g1[0], 0.0);
        assertEquals(g0[1] + 0.7, g1[1], 1e-15);
        assertFalse(new LinearRegressionProblem(X3, Y3, loss("huber"), Regularizer.NONE).isQuadratic());
    }

    @Test
    void miniBatchGradientIsTheGradientOfTheSubset() {
        double[] x = {-1, 0.5, 2, 3, -2};
        double[] y = {0.3, 1.1, -2, 4, 0};
        for (String spec : new String[] {"mse", "huber:delta=0.5", "mae"}) {
            LinearRegressionProblem all = new LinearRegressionProblem(x, y, loss(spec), Regularizer.l2(0.1));
            LinearRegressionProblem sub = new LinearRegressionProblem(new double[] {x[1], x[3]},
                    new double[] {y[1], y[3]}, loss(spec), Regularizer.l2(0.1));
            double[] gb = new double[2];
            double[] gs = new double[2];
            int[] idx = {4, 3, 1, 0};
            double fb = all.batchGradient(0.7, -0.2, idx, 1, 3, gb);
            double fs = sub.gradient(0.7, -0.2, gs);
            assertEquals(fs, fb, 1e-15, spec);
            assertArrayEquals(gs, gb, 1e-15, spec);
            // the whole set, in order, is the full gradient exactly
            double[] gf = new double[2];
            double ff = all.gradient(0.7, -0.2, gf);
            assertEquals(ff, all.batchGradient(0.7, -0.2, new int[] {0, 1, 2, 3, 4}, 0, 5, gb), 0.0);
            assertArrayEquals(gf, gb, 0.0);
        }
        assertEquals(5, new LinearRegressionProblem(x, y, loss("mse"), Regularizer.NONE).size());
    }

    @Test
    void logisticWithLogitsMatchesItsClosedForm() {
        double[] x = {-2, -0.5, 0.3, 1, 2.5};
        double[] y = {0, 1, 0, 1, 1};
        LogisticProblem p = LogisticProblem.logistic(x, y);
        double w = 0.8;
        double b = -0.3;
        double f = 0;
        double gw = 0;
        double gb = 0;
        double hww = 0;
        double hwb = 0;
        double hbb = 0;
        for (int i = 0; i < x.length; i++) {
            double z = w * x[i] + b;
            double s = sigmoid(z);
            f += Math.log(1 + Math.exp(z)) - y[i] * z;  // -[y log s + (1 - y) log(1 - s)]
            gw += (s - y[i]) * x[i];
            gb += s - y[i];
            hww += s * (1 - s) * x[i] * x[i];
            hwb += s * (1 - s) * x[i];
            hbb += s * (1 - s);
        }
        int n = x.length;
        double[] g = new double[2];
        assertEquals(f / n, p.gradient(w, b, g), 1e-14);
        assertArrayEquals(new double[] {gw / n, gb / n}, g, 1e-14);
        double[] h = new double[3];
        p.hessian(w, b, h);
        assertArrayEquals(new double[] {hww / n, hwb / n, hbb / n}, h, 1e-14);
        assertFalse(p.isQuadratic());
        assertTrue(p.knownMinima().isEmpty());
    }

    @Test
    void bceOnSigmoidFollowsTheChainRule() {
        // bce(sigmoid(z), y) is the same function as bce_logits(z, y): d/dz = p - y and d2/dz2 = p (1 - p)
        double[] x = {-2, -0.5, 0.3, 1, 2.5};
        double[] y = {0, 1, 0, 1, 1};
        LogisticProblem viaSigmoid = new LogisticProblem(x, y, loss("bce"), Regularizer.NONE);
        assertTrue(viaSigmoid.usesSigmoid());
        double w = -1.1;
        double b = 0.6;
        double gw = 0;
        double gb = 0;
        double hbb = 0;
        double f = 0;
        for (int i = 0; i < x.length; i++) {
            double p = sigmoid(w * x[i] + b);
            f -= y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p);
            gw += (p - y[i]) * x[i];
            gb += p - y[i];
            hbb += p * (1 - p);
        }
        double[] g = new double[2];
        double[] h = new double[3];
        assertEquals(f / 5, viaSigmoid.gradient(w, b, g), 1e-14);
        assertEquals(gw / 5, g[0], 1e-12);
        assertEquals(gb / 5, g[1], 1e-12);
        viaSigmoid.hessian(w, b, h);
        assertEquals(hbb / 5, h[2], 1e-12);
    }

    @Test
    void hingeReadsZeroOneLabelsAsSigns() {
        double[] x = {-1, 1};
        LogisticProblem zeroOne = new LogisticProblem(x, new double[] {0, 1}, loss("hinge"), Regularizer.NONE);
        LogisticProblem signed = new LogisticProblem(x, new double[] {-1, 1}, loss("hinge"), Regularizer.NONE);
        assertArrayEquals(new double[] {-1, 1}, zeroOne.y(), 0.0);
        // at (0.5, 0): scores -0.5, 0.5, margins 0.5, 0.5, loss max(0, 1 - 0.5) each
        assertEquals(0.5, zeroOne.value(0.5, 0), 1e-15);
        double[] g = new double[2];
        zeroOne.gradient(0.5, 0, g);
        // d1 = -y inside the margin: point 1 gives (x, 1) * 1 = (-1, 1), point 2 (x, 1) * -1 = (-1, -1)
        assertArrayEquals(new double[] {-1, 0}, g, 1e-15);
        double[] g2 = new double[2];
        signed.gradient(0.5, 0, g2);
        assertArrayEquals(g, g2, 0.0);
        // and -1 labels are read as 0 by the 0/1 losses
        LogisticProblem minusOne = new LogisticProblem(x, new double[] {-1, 1}, loss("bce_logits"), Regularizer.NONE);
        assertArrayEquals(new double[] {0, 1}, minusOne.y(), 0.0);
    }

    @Test
    void badDataIsRefusedWithOneLine() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> new LinearRegressionProblem(new double[] {1, 2}, new double[] {1}, loss("mse"), Regularizer.NONE))
                .getMessage();
        assertTrue(m.contains("2 x and 1 y"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> LinearRegressionProblem.mse(new double[0], new double[0])).getMessage();
        assertTrue(m.contains("at least one"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> LinearRegressionProblem.mse(new double[] {1, Double.NaN}, new double[] {1, 2})).getMessage();
        assertTrue(m.contains("x[1]"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> new LinearRegressionProblem(X3, Y3, loss("hinge"), Regularizer.NONE)).getMessage();
        assertTrue(m.contains("regression loss") && m.contains("hinge"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> new LogisticProblem(X3, Y3, loss("mse"), Regularizer.NONE)).getMessage();
        // a regression kernel is applied to sigmoid(z), so its labels must lie in [0, 1]
        assertTrue(m.contains("is not a valid label for mse on σ(z)"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> new LogisticProblem(X3, new double[] {0, 1, 0.5}, loss("focal"), Regularizer.NONE)).getMessage();
        assertTrue(m.startsWith("y[2] = 0.5 is not a valid label for focal"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> new LogisticProblem(X3, new double[] {0, 1, 2}, loss("hinge"), Regularizer.NONE)).getMessage();
        assertTrue(m.contains("y[2]") && m.contains("-1/+1"), m);
        assertThrows(IllegalArgumentException.class, () -> new Regularizer(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> Regularizer.l2(Double.NaN));
        // probabilities are valid bce targets
        assertNull(LogisticProblem.labelProblem(loss("bce"), 0.25));
    }

    @Test
    void viewsHoldTheStartAndTheFit() {
        double[] x = {100, 101, 102, 103};
        double[] y = {-50, -48, -47, -44};
        LinearRegressionProblem p = LinearRegressionProblem.mse(x, y);
        double[] m = p.knownMinima().get(0);
        assertTrue(p.defaultBounds().contains(m[0], m[1]));
        assertTrue(p.defaultBounds().contains(0, 0));
        LogisticProblem l = LogisticProblem.logistic(x, new double[] {0, 0, 1, 1});
        assertTrue(l.defaultBounds().contains(0, 0));
        double[] copy = p.x();
        copy[0] = 7;
        assertEquals(100, p.x()[0], 0.0);
    }
}
