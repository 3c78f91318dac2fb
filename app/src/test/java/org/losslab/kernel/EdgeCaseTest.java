package org.losslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Extreme inputs where the mathematics is finite, and the derivative convention at kinks. */
class EdgeCaseTest {
    private static final double[] EXTREME_LOGITS = {-1000, 1000, -1000, 1000};
    private static final double[] LABELS = {1, 1, 0, 0};

    private static ElementwiseLoss loss(String spec) {
        return (ElementwiseLoss) Losses.parse(spec);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0, 2.5})
    void bceLogitsAtLogitsOfPlusMinus1000IsExact(double posWeight) {
        Loss loss = Losses.parse("bce_logits:pos_weight=" + posWeight);
        Evaluation result = loss.evaluate(EXTREME_LOGITS, LABELS, Shape.vector(4));
        // a confident miss costs |z| (times pos_weight for a positive); a confident hit costs e^-1000 = 0
        assertEquals(1000 * posWeight, result.elements()[0], 0.0, "label 1 at z = -1000");
        assertEquals(0.0, result.elements()[1], 0.0, "label 1 at z = +1000");
        assertEquals(0.0, result.elements()[2], 0.0, "label 0 at z = -1000");
        assertEquals(1000.0, result.elements()[3], 0.0, "label 0 at z = +1000");
        // d/dz = -w sigmoid(-z) for label 1 and sigmoid(z) for label 0, divided by n = 4
        assertEquals(-posWeight / 4, result.gradient()[0], 0.0);
        assertEquals(0.0, result.gradient()[1], 0.0);
        assertEquals(0.0, result.gradient()[2], 0.0);
        assertEquals(0.25, result.gradient()[3], 0.0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.5, 2.0, 5.0})
    void focalAtLogitsOfPlusMinus1000IsExact(double gamma) {
        Loss loss = Losses.parse("focal:gamma=" + gamma + ",alpha=0.25");
        Evaluation result = loss.evaluate(EXTREME_LOGITS, LABELS, Shape.vector(4));
        // a confident miss has p_t = 0, so (1 - p_t)^gamma = 1 and the loss is alpha_t * |z|
        assertEquals(0.25 * 1000, result.elements()[0], 1e-12, "label 1 at z = -1000");
        assertEquals(0.0, result.elements()[1], 1e-300, "label 1 at z = +1000");
        assertEquals(0.0, result.elements()[2], 1e-300, "label 0 at z = -1000");
        assertEquals(0.75 * 1000, result.elements()[3], 1e-12, "label 0 at z = +1000");
        Approx.assertAllFinite(result.gradient(), "focal gradient, gamma=" + gamma);
        // far on the wrong side the loss is alpha_t |z|, so its slope is -alpha_t (label 1) and +alpha_t (label 0)
        assertEquals(-0.25 / 4, result.gradient()[0], 1e-12);
        assertEquals(0.75 / 4, result.gradient()[3], 1e-12);
        ElementwiseLoss e = (ElementwiseLoss) loss;
        for (int i = 0; i < 4; i++) {
            assertTrue(Double.isFinite(e.d2(EXTREME_LOGITS[i], LABELS[i])), "d2 finite at " + i);
        }
    }

    @Test
    void bceAtProbabilitiesZeroAndOneClampsEachLogAtMinus100() {
        Loss bce = Losses.get("bce");
        double[] p = {0.0, 1.0, 1.0, 0.0, 0.0, 1.0};
        double[] y = {1.0, 0.0, 1.0, 0.0, 0.5, 0.5};
        Evaluation result = bce.evaluate(p, y, Shape.vector(6));
        // PyTorch BCELoss: -[y max(log p, -100) + (1 - y) max(log(1 - p), -100)]
        assertEquals(100.0, result.elements()[0], 0.0, "p = 0, y = 1");
        assertEquals(100.0, result.elements()[1], 0.0, "p = 1, y = 0");
        assertEquals(0.0, result.elements()[2], 0.0, "p = 1, y = 1");
        assertEquals(0.0, result.elements()[3], 0.0, "p = 0, y = 0");
        assertEquals(50.0, result.elements()[4], 0.0, "p = 0, y = 0.5");
        assertEquals(50.0, result.elements()[5], 0.0, "p = 1, y = 0.5");
        assertEquals(300.0 / 6, result.value(), 1e-12);
        Approx.assertAllFinite(result.gradient(), "bce gradient");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-5000, 5000})
    void logCoshOfAHugeResidualIsItsSizeMinusLog2(double r) {
        ElementwiseLoss logCosh = loss("log_cosh");
        // log cosh r = |r| + log(1 + e^-2|r|) - log 2, and e^-10000 = 0
        assertEquals(5000 - Math.log(2), logCosh.value(r, 0), 1e-9);
        assertEquals(Math.signum(r), logCosh.d1(r, 0), 0.0);
        assertEquals(0.0, logCosh.d2(r, 0), 1e-300);
    }

    @Test
    void logCoshNearZeroIsNonNegativeAndHalfTheSquare() {
        // log cosh r = r^2/2 - r^4/12 + r^6/45 - ... (Taylor series); near 0 the value must keep its full
        // relative precision, so that a log-scale plot of the loss does not hit a floor of rounding noise
        ElementwiseLoss logCosh = loss("log_cosh");
        for (double r : new double[] {-1e-3, -2e-6, 1e-9, 3e-8, 1e-7, 1e-5, 1e-3, 1e-150}) {
            double value = logCosh.value(r, 0);
            double r2 = r * r;
            double series = r2 / 2 - r2 * r2 / 12 + r2 * r2 * r2 / 45;
            assertTrue(value > 0, "log cosh(" + r + ") = " + value + " must be positive");
            assertEquals(series, value, 4e-16 * series, "log cosh(" + r + ")");
        }
    }

    @Test
    void regressionLossesAtAResidualOf1e6AreFinite() {
        double r = 1e6;
        assertEquals(1e12, loss("mse").value(r, 0), 0.0);
        assertEquals(1e6, loss("mae").value(r, 0), 0.0);
        assertEquals(1e6 - 0.5, loss("huber").value(r, 0), 1e-9);
        assertEquals(1.0, loss("huber").d1(r, 0), 0.0);
        assertEquals(1e6 - 0.5, loss("smooth_l1").value(r, 0), 1e-9);
        assertEquals(Math.log(0.5e12 + 1), loss("barron:alpha=0").value(r, 0), 1e-12);
        assertEquals(Math.sqrt(1e12 + 1) - 1, loss("barron:alpha=1").value(r, 0), 1e-6);
        assertEquals(1.0, loss("barron:alpha=-inf").value(r, 0), 0.0);
        assertEquals(2.0, loss("barron:alpha=-2").value(r, 0), 1e-9);
        // alpha = 4: |alpha-2|/alpha ((r^2/2 + 1)^2 - 1) = 0.5 ((5e11 + 1)^2 - 1)
        Approx.assertClose(0.5 * ((5e11 + 1) * (5e11 + 1) - 1), loss("barron:alpha=4").value(r, 0), 1e-12, 0,
                "barron alpha=4");
        for (String spec : new String[] {"mse", "mae", "huber", "smooth_l1", "log_cosh", "quantile:tau=0.9",
                "barron", "barron:alpha=4", "barron:alpha=-inf", "barron:alpha=0", "barron:alpha=2"}) {
            ElementwiseLoss e = loss(spec);
            for (double residual : new double[] {-1e6, 1e6}) {
                double[] values = {e.value(residual, 0), e.d1(residual, 0), e.d2(residual, 0)};
                Approx.assertAllFinite(values, spec + " at r=" + residual + " (value, d1, d2)");
            }
        }
    }

    @Test
    void cceWithLogitsOfPlusMinus1000IsExactAndFinite() {
        double[] logits = {1000, -1000, 0, -1000, 1000, 0};
        Shape shape = new Shape(2, 3);
        Evaluation right = Losses.get("cce_logits").evaluate(logits, new double[] {0, 1}, shape);
        assertEquals(0.0, right.value(), 0.0, "the confident class is the true one");
        Evaluation wrong = Losses.get("cce_logits").evaluate(logits, new double[] {1, 0}, shape);
        // -log softmax = lse - z_c = 1000 - (-1000) for both rows
        assertEquals(2000.0, wrong.elements()[0], 0.0);
        assertEquals(2000.0, wrong.elements()[1], 0.0);
        // (softmax - onehot) / B with softmax = (1, 0, 0) and (0, 1, 0)
        double[] expected = {0.5, -0.5, 0.0, -0.5, 0.5, 0.0};
        for (int i = 0; i < 6; i++) {
            assertEquals(expected[i], wrong.gradient()[i], 1e-300, "gradient[" + i + "]");
        }
        Evaluation smoothed = Losses.parse("cce_logits:label_smoothing=0.1").evaluate(logits, new double[] {1, 0},
                shape);
        Approx.assertAllFinite(smoothed.elements(), "smoothed elements");
        Approx.assertAllFinite(smoothed.gradient(), "smoothed gradient");
    }

    @Test
    void klWithAZeroPredictionAndPositiveTargetIsFinite() {
        Evaluation result = Losses.get("kl").evaluate(new double[] {0.0, 1.0}, new double[] {0.5, 0.5},
                Shape.vector(2));
        // the log of p = 0 is clamped at -100, as in bce: 0.5 (log 0.5 + 100) + 0.5 log 0.5
        assertEquals(0.5 * (Math.log(0.5) + 100) + 0.5 * Math.log(0.5), result.value(), 1e-12);
        Approx.assertAllFinite(result.gradient(), "kl gradient");
        // a target of 0 contributes nothing, whatever the prediction
        Evaluation zeroTarget = Losses.get("kl").evaluate(new double[] {0.0, 1.0}, new double[] {0.0, 1.0},
                Shape.vector(2));
        assertEquals(0.0, zeroTarget.value(), 0.0);
    }

    // ---- derivative 0 at kinks ----

    @Test
    void maeDerivativeAtZeroResidualIsZero() {
        ElementwiseLoss mae = loss("mae");
        assertEquals(0.0, mae.value(3.5, 3.5), 0.0);
        assertEquals(0.0, mae.d1(3.5, 3.5), 0.0);
        assertEquals(0.0, mae.d2(3.5, 3.5), 0.0);
        assertEquals(0.0, loss("smooth_l1:beta=0").d1(-2, -2), 0.0);
    }

    @Test
    void hingeDerivativeAtAMarginOfExactlyOneIsZero() {
        ElementwiseLoss hinge = loss("hinge");
        assertEquals(0.0, hinge.value(1.0, 1.0), 0.0);
        assertEquals(0.0, hinge.d1(1.0, 1.0), 0.0);
        assertEquals(0.0, hinge.d1(-1.0, -1.0), 0.0);
        assertEquals(0.0, hinge.d2(1.0, 1.0), 0.0);
        ElementwiseLoss squared = loss("squared_hinge");
        assertEquals(0.0, squared.d1(1.0, 1.0), 0.0);
        assertEquals(0.0, squared.d2(-1.0, -1.0), 0.0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.5, 0.9})
    void quantileAtZeroResidualIsZero(double tau) {
        ElementwiseLoss quantile = loss("quantile:tau=" + tau);
        assertEquals(0.0, quantile.value(2.0, 2.0), 0.0);
        assertEquals(0.0, quantile.d1(2.0, 2.0), 0.0);
    }

    @Test
    void huberSecondDerivativeAtDeltaIsZero() {
        // the curvature jumps from 1 to 0 at |r| = delta; the convention takes 0 there
        ElementwiseLoss huber = loss("huber:delta=2");
        assertEquals(0.0, huber.d2(2.0, 0.0), 0.0);
        assertEquals(0.0, huber.d2(-2.0, 0.0), 0.0);
        assertEquals(2.0, huber.d1(2.0, 0.0), 0.0);
    }
}
