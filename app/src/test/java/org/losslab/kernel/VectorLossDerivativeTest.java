package org.losslab.kernel;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.losslab.testkit.Trials;

/**
 * The gradient (and cce_logits' Hessian diagonal) of the two losses that are not elementwise, against central
 * finite differences of the reduced value returned by {@code evaluate}, over a fixed number of random cases from a
 * fixed seed (see {@link Trials}).
 */
class VectorLossDerivativeTest {
    private static final int B = 3;
    private static final int K = 4;
    private static final Shape CCE_SHAPE = new Shape(B, K);
    private static final int KL_N = 5;

    private static final long SEED = 42;

    /** {@code n} uniform values in [lo, hi). */
    private static double[] uniforms(SplittableRandom r, int n, double lo, double hi) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = Trials.uniform(r, lo, hi);
        }
        return values;
    }

    private static double[] logits(SplittableRandom r) {
        return uniforms(r, B * K, -5, 5);
    }

    /** B class indices in 0..K-1, as doubles. */
    private static double[] classIndices(SplittableRandom r) {
        double[] t = new double[B];
        for (int row = 0; row < B; row++) {
            t[row] = r.nextInt(K);
        }
        return t;
    }

    /** B rows of K probabilities, each row summing to 1. */
    private static double[] probabilityRows(SplittableRandom r) {
        double[] t = uniforms(r, B * K, 0.0, 1.0);
        for (int row = 0; row < B; row++) {
            double sum = 0;
            for (int j = 0; j < K; j++) {
                sum += t[row * K + j];
            }
            for (int j = 0; j < K; j++) {
                t[row * K + j] = sum > 0 ? t[row * K + j] / sum : 1.0 / K;
            }
        }
        return t;
    }

    /** B rows of K values in [0, 1) that need not sum to 1 (the formula is applied as written). */
    private static double[] unnormalizedRows(SplittableRandom r) {
        return uniforms(r, B * K, 0.0, 1.0);
    }

    private static double labelSmoothing(SplittableRandom r) {
        return Trials.oneOfDoubles(r, 0.0, 0.1);
    }

    private static void checkCce(double[] logits, double[] target, double eps) {
        CceLogits loss = (CceLogits) Losses.parse("cce_logits:label_smoothing=" + eps);
        double[] gradient = new double[B * K];
        loss.evaluate(logits, target, CCE_SHAPE, null, gradient);
        double[] hessian = new double[B * K];
        loss.hessianDiagonal(logits, target, CCE_SHAPE, hessian);
        double h = 1e-5;
        for (int i = 0; i < B * K; i++) {
            final int index = i;
            double fdGradient = Approx.centralDifference(
                    x -> loss.evaluate(with(logits, index, x), target, CCE_SHAPE, null, null), logits[i], h);
            Approx.assertClose(fdGradient, gradient[i], 1e-6, 1e-8, "gradient[" + i + "] of " + loss.spec());
            double fdHessian = Approx.centralDifference(
                    x -> gradientAt(loss, with(logits, index, x), target, index), logits[i], h);
            Approx.assertClose(fdHessian, hessian[i], 1e-6, 1e-8, "hessian diagonal[" + i + "] of " + loss.spec());
        }
    }

    private static double gradientAt(Loss loss, double[] logits, double[] target, int index) {
        double[] gradient = new double[logits.length];
        loss.evaluate(logits, target, CCE_SHAPE, null, gradient);
        return gradient[index];
    }

    /** A copy of {@code values} with entry {@code index} replaced by {@code x}. */
    private static double[] with(double[] values, int index, double x) {
        double[] copy = values.clone();
        copy[index] = x;
        return copy;
    }

    @Test
    void cceGradientWithClassIndices() {
        Trials.forAll(SEED, 200, r -> {
            double[] logits = logits(r);
            double[] target = classIndices(r);
            checkCce(logits, target, labelSmoothing(r));
        });
    }

    @Test
    void cceGradientWithProbabilityTargets() {
        Trials.forAll(SEED, 200, r -> {
            double[] logits = logits(r);
            double[] target = probabilityRows(r);
            checkCce(logits, target, labelSmoothing(r));
        });
    }

    @Test
    void cceGradientWithUnnormalizedTargets() {
        Trials.forAll(SEED, 100, r -> {
            double[] logits = logits(r);
            double[] target = unnormalizedRows(r);
            checkCce(logits, target, labelSmoothing(r));
        });
    }

    @Test
    void klGradientMatchesFiniteDifferences() {
        Trials.forAll(SEED, 300, r -> {
            double[] p = uniforms(r, KL_N, 0.05, 0.95);
            double[] t = uniforms(r, KL_N, 0.0, 1.0);
            checkKl(p, t);
        });
    }

    /** The kl gradient against differences of the reduced value, and each term's d2 against differences of d1. */
    private static void checkKl(double[] p, double[] t) {
        Loss kl = Losses.get("kl");
        Shape shape = Shape.vector(KL_N);
        double[] gradient = new double[KL_N];
        kl.evaluate(p, t, shape, null, gradient);
        for (int i = 0; i < KL_N; i++) {
            final int index = i;
            double h = 1e-6;
            double fd = Approx.centralDifference(x -> kl.evaluate(with(p, index, x), t, shape, null, null), p[i], h);
            Approx.assertClose(fd, gradient[i], 1e-6, 1e-8, "kl gradient[" + i + "]");
            // The second derivative of one term, against differences of its first derivative.
            double fd2 = Approx.centralDifference(x -> Kl.termD1(x, t[index]), p[i], h);
            Approx.assertClose(fd2, Kl.termD2(p[i], t[i]), 1e-6, 1e-8, "kl term d2 at p=" + p[i] + ", t=" + t[i]);
        }
    }
}
