package org.losslab.kernel;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The gradient (and cce_logits' Hessian diagonal) of the two losses that are not elementwise, against central
 * finite differences of the reduced value returned by {@code evaluate}.
 */
class VectorLossDerivativeTest {
    private static final int B = 3;
    private static final int K = 4;
    private static final Shape CCE_SHAPE = new Shape(B, K);
    private static final int KL_N = 5;

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Provide
    Arbitrary<double[]> logits() {
        return Arbitraries.doubles().between(-5, 5).ofScale(6).list().ofSize(B * K)
                .map(VectorLossDerivativeTest::toArray);
    }

    @Provide
    Arbitrary<double[]> classIndices() {
        return Arbitraries.integers().between(0, K - 1).list().ofSize(B)
                .map(list -> list.stream().mapToDouble(Integer::doubleValue).toArray());
    }

    /** B rows of K probabilities, each row summing to 1. */
    @Provide
    Arbitrary<double[]> probabilityRows() {
        return Arbitraries.doubles().between(0.0, 1.0).ofScale(6).list().ofSize(B * K).map(list -> {
            double[] t = toArray(list);
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
        });
    }

    /** B rows of K values in [0, 1] that need not sum to 1 (the formula is applied as written). */
    @Provide
    Arbitrary<double[]> unnormalizedRows() {
        return Arbitraries.doubles().between(0.0, 1.0).ofScale(6).list().ofSize(B * K)
                .map(VectorLossDerivativeTest::toArray);
    }

    @Provide
    Arbitrary<Double> labelSmoothing() {
        return Arbitraries.of(0.0, 0.1);
    }

    @Provide
    Arbitrary<double[]> klPredictions() {
        return Arbitraries.doubles().between(0.05, 0.95).ofScale(6).list().ofSize(KL_N)
                .map(VectorLossDerivativeTest::toArray);
    }

    @Provide
    Arbitrary<double[]> klTargets() {
        return Arbitraries.doubles().between(0.0, 1.0).ofScale(6).list().ofSize(KL_N)
                .map(VectorLossDerivativeTest::toArray);
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

    @Property(tries = 200, seed = "42")
    void cceGradientWithClassIndices(@ForAll("logits") double[] logits, @ForAll("classIndices") double[] target,
                                     @ForAll("labelSmoothing") double eps) {
        checkCce(logits, target, eps);
    }

    @Property(tries = 200, seed = "42")
    void cceGradientWithProbabilityTargets(@ForAll("logits") double[] logits,
                                           @ForAll("probabilityRows") double[] target,
                                           @ForAll("labelSmoothing") double eps) {
        checkCce(logits, target, eps);
    }

    @Property(tries = 100, seed = "42")
    void cceGradientWithUnnormalizedTargets(@ForAll("logits") double[] logits,
                                            @ForAll("unnormalizedRows") double[] target,
                                            @ForAll("labelSmoothing") double eps) {
        checkCce(logits, target, eps);
    }

    @Property(tries = 300, seed = "42")
    void klGradientMatchesFiniteDifferences(@ForAll("klPredictions") double[] p, @ForAll("klTargets") double[] t) {
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
