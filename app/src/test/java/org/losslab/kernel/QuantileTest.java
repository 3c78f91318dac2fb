package org.losslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The pinball loss's asymmetry and the fact that its minimiser over a sample is the empirical tau-quantile. */
class QuantileTest {

    @Example
    void withTauNinetyAnUnderPredictionCostsNineTimesAnOverPrediction() {
        ElementwiseLoss q = (ElementwiseLoss) Losses.parse("quantile:tau=0.9");
        double target = 10;
        // u = target - prediction: under-predicting by 2 gives u = +2, over-predicting by 2 gives u = -2
        double under = q.value(target - 2, target);
        double over = q.value(target + 2, target);
        assertEquals(0.9 * 2, under, 1e-15);
        assertEquals(0.1 * 2, over, 1e-15);
        assertEquals(9.0, under / over, 1e-12);
        // the slopes with respect to the prediction: -tau below the target, 1 - tau above it
        assertEquals(-0.9, q.d1(target - 2, target), 1e-15);
        assertEquals(0.1, q.d1(target + 2, target), 1e-15);
    }

    @Example
    void tauOneHalfIsHalfTheAbsoluteError() {
        ElementwiseLoss q = (ElementwiseLoss) Losses.parse("quantile:tau=0.5");
        for (double r : new double[] {-3, -0.5, 0, 0.25, 4}) {
            assertEquals(0.5 * Math.abs(r), q.value(r, 0), 1e-15, "r=" + r);
        }
    }

    @Provide
    Arbitrary<List<Double>> samples() {
        // 5 to 41 distinct values
        return Arbitraries.doubles().between(-100, 100).ofScale(4).list().ofMinSize(5).ofMaxSize(41)
                .filter(list -> list.stream().distinct().count() == list.size());
    }

    @Provide
    Arbitrary<Double> taus() {
        return Arbitraries.of(0.1, 0.25, 0.5, 0.75, 0.9, 0.95);
    }

    /**
     * Scans every sample value as a candidate prediction; when tau * n is not a whole number the mean pinball
     * loss has a unique minimiser, the ceil(tau * n)-th smallest value (the empirical tau-quantile).
     */
    @Property(tries = 300, seed = "42")
    void meanPinballLossIsMinimisedByTheEmpiricalQuantile(@ForAll("samples") List<Double> sample,
                                                          @ForAll("taus") double tau) {
        int n = sample.size();
        double tn = tau * n;
        Assume.that(Math.abs(tn - Math.rint(tn)) > 1e-9);
        ElementwiseLoss q = (ElementwiseLoss) Losses.parse("quantile:tau=" + tau);
        double[] targets = sample.stream().mapToDouble(Double::doubleValue).toArray();
        double[] prediction = new double[n];
        double best = Double.NaN;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (double candidate : targets) {
            Arrays.fill(prediction, candidate);
            double loss = q.evaluate(prediction, targets, Shape.vector(n), null, null);
            if (loss < bestLoss) {
                bestLoss = loss;
                best = candidate;
            }
        }
        double[] sorted = targets.clone();
        Arrays.sort(sorted);
        double empiricalQuantile = sorted[(int) Math.ceil(tn) - 1];
        assertEquals(empiricalQuantile, best, 0.0, "tau=" + tau + ", n=" + n);
    }

    /** At the empirical quantile the reduced gradient changes sign: it is negative just below and positive above. */
    @Example
    void gradientChangesSignAtTheEmpiricalQuantile() {
        double[] targets = {3, 9, 1, 7, 5, 2, 8, 6, 4, 10}; // 1..10; tau = 0.75 -> 8th smallest = 8
        ElementwiseLoss q = (ElementwiseLoss) Losses.parse("quantile:tau=0.75");
        assertEquals(-0.75 * 3 / 10 + 0.25 * 7 / 10, meanSlope(q, targets, 7.9), 1e-15);
        assertEquals(-0.75 * 2 / 10 + 0.25 * 8 / 10, meanSlope(q, targets, 8.1), 1e-15);
        assertTrue(meanSlope(q, targets, 7.9) < 0);
        assertTrue(meanSlope(q, targets, 8.1) > 0);
    }

    private static double meanSlope(ElementwiseLoss q, double[] targets, double at) {
        double[] prediction = new double[targets.length];
        Arrays.fill(prediction, at);
        double[] gradient = new double[targets.length];
        q.evaluate(prediction, targets, Shape.vector(targets.length), null, gradient);
        double sum = 0;
        for (double g : gradient) {
            sum += g;
        }
        return sum;
    }
}
