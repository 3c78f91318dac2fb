package org.losslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each kernel against its formula written out independently here (or against a kernel it must reduce to). */
class ClosedFormTest {
    private static final double[] RESIDUALS = {-7.5, -3.0, -1.51, -1.2, -0.6, -0.05, 0.0, 0.05, 0.3, 0.99, 1.49,
            1.51, 2.5, 4.0, 12.0};

    private static ElementwiseLoss loss(String spec) {
        return (ElementwiseLoss) Losses.parse(spec);
    }

    private static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    // ---- regression ----

    @Test
    void mseAndMaeAreTheSquaredAndAbsoluteResidual() {
        ElementwiseLoss mse = loss("mse");
        ElementwiseLoss mae = loss("mae");
        for (double r : RESIDUALS) {
            double p = 1.25 + r;
            Approx.assertClose(r * r, mse.value(p, 1.25), 1e-12, 1e-14, "mse at r=" + r);
            Approx.assertClose(2 * r, mse.d1(p, 1.25), 1e-12, 1e-14, "mse d1 at r=" + r);
            assertEquals(2.0, mse.d2(p, 1.25), "mse d2");
            Approx.assertClose(Math.abs(r), mae.value(p, 1.25), 1e-12, 1e-14, "mae at r=" + r);
            assertEquals(Math.signum(r), mae.d1(p, 1.25), "mae d1 at r=" + r);
        }
    }

    @Test
    void huberIsQuadraticInsideDeltaAndLinearOutside() {
        double delta = 1.5;
        ElementwiseLoss huber = loss("huber:delta=1.5");
        for (double r : RESIDUALS) {
            boolean inside = Math.abs(r) <= delta;
            double expected = inside ? 0.5 * r * r : delta * (Math.abs(r) - 0.5 * delta);
            double slope = inside ? r : Math.copySign(delta, r);
            Approx.assertClose(expected, huber.value(r, 0), 1e-14, 1e-15, "huber at r=" + r);
            Approx.assertClose(slope, huber.d1(r, 0), 1e-14, 1e-15, "huber d1 at r=" + r);
            assertEquals(Math.abs(r) < delta ? 1.0 : 0.0, huber.d2(r, 0), "huber d2 at r=" + r);
        }
        // the two pieces meet: at |r| = delta both give delta^2 / 2
        Approx.assertClose(0.5 * delta * delta, huber.value(-delta, 0), 1e-15, 0, "huber at -delta");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.25, 1.0, 2.5})
    void smoothL1IsHuberWithDeltaBetaDividedByBeta(double beta) {
        ElementwiseLoss smooth = loss("smooth_l1:beta=" + beta);
        ElementwiseLoss huber = loss("huber:delta=" + beta);
        for (double r : RESIDUALS) {
            double written = Math.abs(r) < beta ? 0.5 * r * r / beta : Math.abs(r) - 0.5 * beta;
            Approx.assertClose(written, smooth.value(r, 0), 1e-14, 1e-15, "smooth_l1 at r=" + r);
            Approx.assertClose(huber.value(r, 0) / beta, smooth.value(r, 0), 1e-14, 1e-15, "huber/beta at r=" + r);
            Approx.assertClose(huber.d1(r, 0) / beta, smooth.d1(r, 0), 1e-14, 1e-15, "d1 at r=" + r);
        }
    }

    @Test
    void smoothL1WithBetaZeroIsTheAbsoluteError() {
        ElementwiseLoss smooth = loss("smooth_l1:beta=0");
        for (double r : RESIDUALS) {
            assertEquals(Math.abs(r), smooth.value(r, 0), 1e-15, "value at r=" + r);
            assertEquals(Math.signum(r), smooth.d1(r, 0), "d1 at r=" + r);
            assertEquals(0.0, smooth.d2(r, 0), "d2 at r=" + r);
        }
    }

    @Test
    void logCoshMatchesTheDirectFormulaForModerateResiduals() {
        ElementwiseLoss logCosh = loss("log_cosh");
        for (double r = -10; r <= 10; r += 0.125) {
            double cosh = Math.cosh(r);
            Approx.assertClose(Math.log(cosh), logCosh.value(r + 2, 2), 1e-12, 1e-15, "log cosh at r=" + r);
            Approx.assertClose(Math.tanh(r), logCosh.d1(r + 2, 2), 1e-12, 1e-15, "tanh at r=" + r);
            Approx.assertClose(1.0 / (cosh * cosh), logCosh.d2(r + 2, 2), 1e-12, 1e-15, "sech^2 at r=" + r);
        }
    }

    // ---- Barron, "A General and Adaptive Robust Loss Function" (CVPR 2019), eq. 1 and its special cases ----

    private static final double[] SCALES = {0.5, 1.0, 3.0};
    private static final double[] XS = {-9.0, -2.0, -0.7, -0.01, 0.0, 0.3, 1.0, 2.5, 6.0};

    @Test
    void barronAlphaTwoIsHalfTheSquaredScaledResidual() {
        for (double c : SCALES) {
            ElementwiseLoss b = loss("barron:alpha=2,scale=" + c);
            for (double x : XS) {
                double u = x / c;
                Approx.assertClose(0.5 * u * u, b.value(x, 0), 1e-13, 1e-15, "alpha=2, c=" + c + ", x=" + x);
                Approx.assertClose(x / (c * c), b.d1(x, 0), 1e-13, 1e-15, "d1 alpha=2, c=" + c + ", x=" + x);
            }
        }
    }

    @Test
    void barronAlphaZeroIsCauchy() {
        for (double c : SCALES) {
            ElementwiseLoss b = loss("barron:alpha=0,scale=" + c);
            for (double x : XS) {
                double u = x / c;
                Approx.assertClose(Math.log(0.5 * u * u + 1), b.value(x, 0), 1e-13, 1e-15,
                        "alpha=0, c=" + c + ", x=" + x);
            }
        }
    }

    @Test
    void barronAlphaMinusInfinityIsWelsch() {
        for (double c : SCALES) {
            ElementwiseLoss b = loss("barron:alpha=-inf,scale=" + c);
            for (double x : XS) {
                double u = x / c;
                Approx.assertClose(1 - Math.exp(-0.5 * u * u), b.value(x, 0), 1e-13, 1e-15,
                        "alpha=-inf, c=" + c + ", x=" + x);
            }
        }
    }

    @Test
    void barronAlphaOneIsPseudoHuber() {
        for (double c : SCALES) {
            ElementwiseLoss b = loss("barron:alpha=1,scale=" + c);
            for (double x : XS) {
                double u = x / c;
                Approx.assertClose(Math.sqrt(u * u + 1) - 1, b.value(x, 0), 1e-13, 1e-15,
                        "alpha=1, c=" + c + ", x=" + x);
            }
        }
    }

    @Test
    void barronAlphaMinusTwoIsGemanMcClure() {
        for (double c : SCALES) {
            ElementwiseLoss b = loss("barron:alpha=-2,scale=" + c);
            for (double x : XS) {
                double u2 = (x / c) * (x / c);
                Approx.assertClose(2 * u2 / (u2 + 4), b.value(x, 0), 1e-13, 1e-15,
                        "alpha=-2, c=" + c + ", x=" + x);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {-5.0, 0.5, 1.5, 3.5, 4.0})
    void barronGeneralFormulaForOtherAlphas(double alpha) {
        for (double c : SCALES) {
            ElementwiseLoss b = loss("barron:alpha=" + alpha + ",scale=" + c);
            for (double x : XS) {
                double u2 = (x / c) * (x / c);
                double a = Math.abs(alpha - 2);
                double expected = a / alpha * (Math.pow(u2 / a + 1, alpha / 2) - 1);
                Approx.assertClose(expected, b.value(x, 0), 1e-12, 1e-15, "alpha=" + alpha + ", c=" + c + ", x=" + x);
            }
        }
    }

    /** Near the removable singularities at alpha = 0 and 2 the general formula must stay close to the limit. */
    @Test
    void barronIsContinuousAtAlphaZeroAndTwo() {
        for (double c : SCALES) {
            ElementwiseLoss nearZero = loss("barron:alpha=1e-9,scale=" + c);
            ElementwiseLoss belowZero = loss("barron:alpha=-1e-9,scale=" + c);
            ElementwiseLoss aboveTwo = loss("barron:alpha=2.000000001,scale=" + c);
            ElementwiseLoss belowTwo = loss("barron:alpha=1.999999999,scale=" + c);
            for (double x : XS) {
                double u = x / c;
                double cauchy = Math.log(0.5 * u * u + 1);
                double cauchyD1 = (x / (c * c)) / (0.5 * u * u + 1);
                double l2 = 0.5 * u * u;
                String at = " at c=" + c + ", x=" + x;
                Approx.assertClose(cauchy, nearZero.value(x, 0), 1e-6, 1e-12, "alpha=1e-9" + at);
                Approx.assertClose(cauchy, belowZero.value(x, 0), 1e-6, 1e-12, "alpha=-1e-9" + at);
                Approx.assertClose(cauchyD1, nearZero.d1(x, 0), 1e-6, 1e-12, "d1 alpha=1e-9" + at);
                Approx.assertClose(l2, aboveTwo.value(x, 0), 1e-6, 1e-12, "alpha=2+1e-9" + at);
                Approx.assertClose(l2, belowTwo.value(x, 0), 1e-6, 1e-12, "alpha=2-1e-9" + at);
                Approx.assertClose(x / (c * c), aboveTwo.d1(x, 0), 1e-6, 1e-12, "d1 alpha=2+1e-9" + at);
                Approx.assertClose(x / (c * c), belowTwo.d1(x, 0), 1e-6, 1e-12, "d1 alpha=2-1e-9" + at);
                Approx.assertClose(1 / (c * c), belowTwo.d2(x, 0), 1e-6, 1e-12, "d2 alpha=2-1e-9" + at);
            }
        }
    }

    @Test
    void barronWithAVeryNegativeAlphaApproachesWelsch() {
        ElementwiseLoss b = loss("barron:alpha=-1e9,scale=1");
        for (double x : XS) {
            Approx.assertClose(1 - Math.exp(-0.5 * x * x), b.value(x, 0), 1e-6, 1e-12, "x=" + x);
        }
    }

    // ---- binary classification ----

    @Test
    void bceIsTheCrossEntropyOfAProbability() {
        ElementwiseLoss bce = loss("bce");
        for (double p : new double[] {0.01, 0.2, 0.5, 0.73, 0.999}) {
            for (double y : new double[] {0.0, 0.3, 1.0}) {
                double expected = -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
                Approx.assertClose(expected, bce.value(p, y), 1e-12, 1e-15, "bce p=" + p + ", y=" + y);
                Approx.assertClose(-y / p + (1 - y) / (1 - p), bce.d1(p, y), 1e-10, 1e-12, "d1 p=" + p + ", y=" + y);
            }
        }
    }

    @Test
    void bceLogitsWithPosWeightIsTheWeightedCrossEntropyOfTheSigmoid() {
        for (double w : new double[] {0.0, 1.0, 2.5}) {
            ElementwiseLoss loss = loss("bce_logits:pos_weight=" + w);
            for (double z : new double[] {-6, -1.3, 0, 0.4, 2, 7}) {
                for (double y : new double[] {0.0, 0.6, 1.0}) {
                    double s = sigmoid(z);
                    // PyTorch BCEWithLogitsLoss: -[w y log s + (1 - y) log(1 - s)]
                    double expected = -(w * y * Math.log(s) + (1 - y) * Math.log(1 - s));
                    String at = "w=" + w + ", z=" + z + ", y=" + y;
                    Approx.assertClose(expected, loss.value(z, y), 1e-12, 1e-14, at);
                    Approx.assertClose(-w * y * (1 - s) + (1 - y) * s, loss.d1(z, y), 1e-12, 1e-14, "d1 " + at);
                }
            }
        }
    }

    @Test
    void bceLogitsAgreesWithBceOnTheSigmoid() {
        ElementwiseLoss logits = loss("bce_logits");
        ElementwiseLoss probs = loss("bce");
        for (double z = -8; z <= 8; z += 0.5) {
            for (double y : new double[] {0.0, 0.25, 1.0}) {
                Approx.assertClose(probs.value(sigmoid(z), y), logits.value(z, y), 1e-10, 1e-13, "z=" + z + ", y=" + y);
            }
        }
    }

    @Test
    void focalWithGammaZeroAndNoWeightingIsBceLogits() {
        ElementwiseLoss focal = loss("focal:gamma=0,alpha=-1");
        ElementwiseLoss bce = loss("bce_logits");
        for (double z = -20; z <= 20; z += 0.25) {
            for (double y : new double[] {0.0, 1.0}) {
                String at = "z=" + z + ", y=" + y;
                Approx.assertClose(bce.value(z, y), focal.value(z, y), 1e-13, 1e-15, "value " + at);
                Approx.assertClose(bce.d1(z, y), focal.d1(z, y), 1e-13, 1e-15, "d1 " + at);
                Approx.assertClose(bce.d2(z, y), focal.d2(z, y), 1e-12, 1e-15, "d2 " + at);
            }
        }
    }

    @Test
    void focalIsTheModulatedAndClassWeightedCrossEntropy() {
        // Lin et al. 2017 / torchvision sigmoid_focal_loss: alpha_t (1 - p_t)^gamma (-log p_t)
        for (double gamma : new double[] {0.5, 2.0, 3.0}) {
            for (double alpha : new double[] {0.0, 0.25, 0.8}) {
                ElementwiseLoss focal = loss("focal:gamma=" + gamma + ",alpha=" + alpha);
                for (double z : new double[] {-4, -0.9, 0, 0.51, 2.94, 6}) {
                    for (double y : new double[] {0.0, 1.0}) {
                        double p = sigmoid(z);
                        double pt = y == 1 ? p : 1 - p;
                        double alphaT = y == 1 ? alpha : 1 - alpha;
                        double expected = -alphaT * Math.pow(1 - pt, gamma) * Math.log(pt);
                        Approx.assertClose(expected, focal.value(z, y), 1e-12, 1e-15,
                                "gamma=" + gamma + ", alpha=" + alpha + ", z=" + z + ", y=" + y);
                    }
                }
            }
        }
    }

    @Test
    void focalAlphaWeightsLabelOneByAlphaAndLabelZeroByOneMinusAlpha() {
        ElementwiseLoss unweighted = loss("focal:gamma=2,alpha=-0.5");
        ElementwiseLoss weighted = loss("focal:gamma=2,alpha=0.3");
        for (double z : new double[] {-3, -0.2, 1.7}) {
            Approx.assertClose(0.3 * unweighted.value(z, 1), weighted.value(z, 1), 1e-14, 0, "y=1, z=" + z);
            Approx.assertClose(0.7 * unweighted.value(z, 0), weighted.value(z, 0), 1e-14, 0, "y=0, z=" + z);
            Approx.assertClose(0.3 * unweighted.d1(z, 1), weighted.d1(z, 1), 1e-14, 0, "d1 y=1, z=" + z);
            Approx.assertClose(0.7 * unweighted.d1(z, 0), weighted.d1(z, 0), 1e-14, 0, "d1 y=0, z=" + z);
        }
    }

    @Test
    void hingeAndSquaredHingeAreTheMarginShortfallAndItsSquare() {
        ElementwiseLoss hinge = loss("hinge");
        ElementwiseLoss squared = loss("squared_hinge");
        for (double s : new double[] {-2.5, -0.3, 0.0, 0.6, 0.999, 1.5, 4}) {
            for (double y : new double[] {-1.0, 1.0}) {
                double shortfall = Math.max(0, 1 - y * s);
                String at = "s=" + s + ", y=" + y;
                Approx.assertClose(shortfall, hinge.value(s, y), 1e-15, 1e-15, "hinge " + at);
                Approx.assertClose(shortfall * shortfall, squared.value(s, y), 1e-15, 1e-15, "squared " + at);
                Approx.assertClose(-2 * y * shortfall, squared.d1(s, y), 1e-15, 1e-15, "squared d1 " + at);
            }
        }
    }

    // ---- multi-class and distributions ----

    /** -log softmax(z)_c computed directly (the logits here are small, so no shift is needed). */
    private static double negLogSoftmax(double[] z, int from, int k, int c) {
        double sum = 0;
        for (int j = 0; j < k; j++) {
            sum += Math.exp(z[from + j]);
        }
        return -Math.log(Math.exp(z[from + c]) / sum);
    }

    @Test
    void cceWithAClassIndexIsMinusLogSoftmaxOfThatClass() {
        double[] z = {0.2, -1.1, 2.3, 0.0, 1.0, 1.0, -3.0, 0.5};
        double[] classes = {2, 0};
        Shape shape = new Shape(2, 4);
        Evaluation result = Losses.get("cce_logits").evaluate(z, classes, shape);
        double row0 = negLogSoftmax(z, 0, 4, 2);
        double row1 = negLogSoftmax(z, 4, 4, 0);
        Approx.assertClose(row0, result.elements()[0], 1e-14, 0, "row 0");
        Approx.assertClose(row1, result.elements()[1], 1e-14, 0, "row 1");
        Approx.assertClose((row0 + row1) / 2, result.value(), 1e-14, 0, "mean over rows");
        // the same rows given as one-hot probability targets
        double[] oneHot = {0, 0, 1, 0, 1, 0, 0, 0};
        Approx.assertClose((row0 + row1) / 2, Losses.get("cce_logits").evaluate(z, oneHot, shape).value(), 1e-14, 0,
                "one-hot targets");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.3, 1.0})
    void labelSmoothingMixesTheCrossEntropyWithTheUniformOne(double eps) {
        double[] z = {0.7, -0.4, 1.9, 0.1, -2.0, 0.0};
        int k = 3;
        double[] classes = {1, 2};
        Evaluation result = Losses.parse("cce_logits:label_smoothing=" + eps).evaluate(z, classes, new Shape(2, k));
        for (int row = 0; row < 2; row++) {
            // PyTorch CrossEntropyLoss(label_smoothing=eps): (1 - eps) CE + eps / K * sum_k (-log p_k)
            double uniform = 0;
            for (int j = 0; j < k; j++) {
                uniform += negLogSoftmax(z, row * k, k, j);
            }
            double expected = (1 - eps) * negLogSoftmax(z, row * k, k, (int) classes[row]) + eps / k * uniform;
            Approx.assertClose(expected, result.elements()[row], 1e-14, 0, "row " + row + ", eps=" + eps);
        }
    }

    @Test
    void labelSmoothingOfProbabilityTargetsSmoothsEachEntry() {
        double eps = 0.2;
        double[] z = {0.3, 1.2, -0.5};
        double[] t = {0.5, 0.5, 0.0};
        double value = Losses.parse("cce_logits:label_smoothing=0.2").evaluate(z, t, new Shape(1, 3)).value();
        double expected = 0;
        for (int j = 0; j < 3; j++) {
            expected += ((1 - eps) * t[j] + eps / 3) * negLogSoftmax(z, 0, 3, j);
        }
        Approx.assertClose(expected, value, 1e-14, 0, "smoothed probability targets");
    }

    @Test
    void klIsTheSumOfTLogTOverP() {
        double[] p = {0.1, 0.2, 0.3, 0.4};
        double[] t = {0.4, 0.0, 0.35, 0.25};
        double expected = 0.4 * Math.log(0.4 / 0.1) + 0.35 * Math.log(0.35 / 0.3) + 0.25 * Math.log(0.25 / 0.4);
        Approx.assertClose(expected, Losses.get("kl").evaluate(p, t, Shape.vector(4)).value(), 1e-14, 0, "kl");
        // and zero when the two distributions are equal
        assertEquals(0.0, Losses.get("kl").evaluate(p, p.clone(), Shape.vector(4)).value(), 1e-15);
    }
}
