package org.losslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.losslab.testkit.Trials;

/** The pinball loss's asymmetry and the fact that its minimiser over a sample is the empirical tau-quantile. */
class QuantileTest {

    private static final long SEED = 42;

    private static final double[] TAUS = {0.1, 0.25, 0.5, 0.75, 0.9, 0.95};

    /**
     * The share of cases that must be checked rather than skipped. Over the sizes 5..41 and the taus above, 46 of
     * the 222 pairs have a whole tau * n, so about 79% of cases are checked; this floor leaves room for chance.
     */
    private static final double MIN_CHECKED = 0.7;

    @Test
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

    @Test
    void tauOneHalfIsHalfTheAbsoluteError() {
        ElementwiseLoss q = (ElementwiseLoss) Losses.parse("quantile:tau=0.5");
        for (double r : new double[] {-3, -0.5, 0, 0.25, 4}) {
            assertEquals(0.5 * Math.abs(r), q.value(r, 0), 1e-15, "r=" + r);
        }
    }

    /** 5 to 41 distinct values in [-100, 100); a draw with a repeated value is drawn again. */
    private static double[] sample(SplittableRandom r) {
        while (true) {
            int n = 5 + r.nextInt(41 - 5 + 1);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = Trials.uniform(r, -100, 100);
            }
            if (Arrays.stream(values).distinct().count() == n) {
                return values;
            }
        }
    }

    /**
     * Scans every sample value as a candidate prediction; when tau * n is not a whole number the mean pinball
     * loss has a unique minimiser, the ceil(tau * n)-th smallest value (the empirical tau-quantile). Cases where
     * tau * n is whole are skipped.
     */
    @Test
    void meanPinballLossIsMinimisedByTheEmpiricalQuantile() {
        int tries = 300;
        AtomicInteger checked = new AtomicInteger();
        Trials.forAll(SEED, tries, r -> {
            double[] targets = sample(r);
            double tau = Trials.oneOfDoubles(r, TAUS);
            int n = targets.length;
            double tn = tau * n;
            if (Math.abs(tn - Math.rint(tn)) <= 1e-9) {
                return; // a whole tau * n: the minimiser is not unique, skipped
            }
            checked.incrementAndGet();
            ElementwiseLoss q = (ElementwiseLoss) Losses.parse("quantile:tau=" + tau);
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
        });
        assertTrue(checked.get() >= MIN_CHECKED * tries,
                "only " + checked.get() + " of " + tries + " cases were checked; the rest had a whole tau * n");
    }

    /** At the empirical quantile the reduced gradient changes sign: it is negative just below and positive above. */
    @Test
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
