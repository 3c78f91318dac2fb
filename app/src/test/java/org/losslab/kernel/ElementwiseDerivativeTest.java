package org.losslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.losslab.testkit.Trials;

/**
 * d1 of every elementwise loss against central finite differences of its value, and d2 against central finite
 * differences of d1, at random points away from kinks, for default and non-default parameters. Each property runs a
 * fixed number of random cases from a fixed seed (see {@link Trials}); a case too close to a kink is skipped, and a
 * property with such skips fails unless most of its cases were still checked.
 */
class ElementwiseDerivativeTest {

    // Tolerances for a central difference with a step of about 1e-5 of the local scale: the truncation error is
    // O(h^2 f''') and the rounding error O(1e-16 |f| / h), both far below these.
    private static final double REL = 1e-6;
    private static final double ABS = 1e-6;

    /** Points closer than this to a kink are skipped; it is 100 times the largest step used. */
    private static final double KINK_MARGIN = 1e-3;

    /** The share of cases that must be checked rather than skipped near a kink (the margin is a tiny share). */
    private static final double MIN_CHECKED = 0.8;

    private static final long SEED = 42;

    static final List<String> REGRESSION_SPECS = regressionSpecs();
    static final List<String> PROBABILITY_SPECS = List.of("bce");
    static final List<String> BCE_LOGITS_SPECS = List.of(
            "bce_logits", "bce_logits:pos_weight=0", "bce_logits:pos_weight=0.5", "bce_logits:pos_weight=3");
    static final List<String> FOCAL_SPECS = focalSpecs();
    static final List<String> SIGNED_SPECS = List.of("hinge", "squared_hinge");

    private static List<String> regressionSpecs() {
        List<String> specs = new ArrayList<>(List.of(
                "mse", "mae",
                "huber", "huber:delta=0.3", "huber:delta=2.5",
                "smooth_l1", "smooth_l1:beta=0", "smooth_l1:beta=0.25", "smooth_l1:beta=3",
                "log_cosh",
                "quantile", "quantile:tau=0.1", "quantile:tau=0.9", "quantile:tau=0",
                "barron"));
        for (String alpha : List.of("-inf", "-2", "0", "0.5", "1", "2", "3.5")) {
            for (String scale : List.of("0.5", "1", "3")) {
                specs.add("barron:alpha=" + alpha + ",scale=" + scale);
            }
        }
        return specs;
    }

    private static List<String> focalSpecs() {
        List<String> specs = new ArrayList<>(List.of("focal"));
        for (String gamma : List.of("0", "0.5", "1", "2", "5")) {
            for (String alpha : List.of("-1", "0", "0.25", "0.9")) {
                specs.add("focal:gamma=" + gamma + ",alpha=" + alpha);
            }
        }
        return specs;
    }

    /** One of the specs, uniformly, parsed afresh. */
    private static ElementwiseLoss loss(SplittableRandom r, List<String> specs) {
        return (ElementwiseLoss) Losses.parse(Trials.oneOf(r, specs.toArray(new String[0])));
    }

    /** Hard labels 0 and 1, or soft targets anywhere in [0, 1): each kind half the time. */
    private static double probabilityTarget(SplittableRandom r) {
        return r.nextBoolean() ? Trials.oneOfDoubles(r, 0.0, 1.0) : Trials.uniform(r, 0.0, 1.0);
    }

    /** Fails unless at least {@link #MIN_CHECKED} of the {@code tries} cases were checked rather than skipped. */
    private static void assertEnoughChecked(int checked, int tries) {
        assertTrue(checked >= MIN_CHECKED * tries,
                "only " + checked + " of " + tries + " cases were checked; the rest were skipped near a kink");
    }

    /** Where the derivative of a regression loss jumps, as residuals, from the parameters the spec names. */
    private static double[] residualKinks(ElementwiseLoss loss) {
        switch (loss.id()) {
            case "mae":
            case "quantile":
                return new double[] {0.0};
            case "huber":
                return new double[] {-loss.param("delta"), loss.param("delta")};
            case "smooth_l1":
                return new double[] {-loss.param("beta"), 0.0, loss.param("beta")};
            default:
                return new double[0];
        }
    }

    private static boolean awayFrom(double x, double[] kinks) {
        for (double k : kinks) {
            if (Math.abs(x - k) < KINK_MARGIN) {
                return false;
            }
        }
        return true;
    }

    /** Checks d1 against differences of value and d2 against differences of d1 at one point. */
    private static void checkDerivatives(ElementwiseLoss loss, double prediction, double target, double h) {
        String at = loss.spec() + " at prediction=" + prediction + ", target=" + target;
        double fd1 = Approx.centralDifference(p -> loss.value(p, target), prediction, h);
        Approx.assertClose(fd1, loss.d1(prediction, target), REL, ABS, "d1 of " + at);
        double fd2 = Approx.centralDifference(p -> loss.d1(p, target), prediction, h);
        Approx.assertClose(fd2, loss.d2(prediction, target), REL, ABS, "d2 of " + at);
    }

    @Test
    void regressionDerivativesMatchFiniteDifferences() {
        int tries = 1000;
        AtomicInteger checked = new AtomicInteger();
        Trials.forAll(SEED, tries, r -> {
            ElementwiseLoss loss = loss(r, REGRESSION_SPECS);
            double residual = Trials.uniform(r, -6, 6);
            double target = Trials.uniform(r, -10, 10);
            if (!awayFrom(residual, residualKinks(loss))) {
                return; // too close to a kink: skipped
            }
            checked.incrementAndGet();
            checkDerivatives(loss, target + residual, target, 1e-5);
        });
        assertEnoughChecked(checked.get(), tries);
    }

    @Test
    void bceDerivativesMatchFiniteDifferences() {
        ElementwiseLoss bce = Losses.elementwise("bce");
        Trials.forAll(SEED, 500, r -> {
            double p = Trials.uniform(r, 0.01, 0.99);
            double target = probabilityTarget(r);
            // d1 ~ 1/p near the ends, so the step follows the distance to the nearer end.
            checkDerivatives(bce, p, target, 1e-4 * Math.min(p, 1.0 - p));
        });
    }

    @Test
    void bceLogitsDerivativesMatchFiniteDifferences() {
        Trials.forAll(SEED, 500, r -> {
            ElementwiseLoss loss = loss(r, BCE_LOGITS_SPECS);
            double logit = Trials.uniform(r, -20, 20);
            double target = probabilityTarget(r);
            checkDerivatives(loss, logit, target, 1e-5);
        });
    }

    @Test
    void focalDerivativesMatchFiniteDifferences() {
        Trials.forAll(SEED, 1000, r -> {
            ElementwiseLoss loss = loss(r, FOCAL_SPECS);
            double logit = Trials.uniform(r, -20, 20);
            double label = Trials.oneOfDoubles(r, 0.0, 1.0);
            checkDerivatives(loss, logit, label, 1e-5);
        });
    }

    @Test
    void marginDerivativesMatchFiniteDifferences() {
        int tries = 500;
        AtomicInteger checked = new AtomicInteger();
        Trials.forAll(SEED, tries, r -> {
            ElementwiseLoss loss = loss(r, SIGNED_SPECS);
            double score = Trials.uniform(r, -4, 4);
            double label = Trials.oneOfDoubles(r, -1.0, 1.0);
            if (Math.abs(1.0 - label * score) < KINK_MARGIN) {
                return; // too close to the hinge: skipped
            }
            checked.incrementAndGet();
            checkDerivatives(loss, score, label, 1e-5);
        });
        assertEnoughChecked(checked.get(), tries);
    }

    /** Guards the properties above: every elementwise loss in the library must be covered by one of them. */
    @Test
    void everyElementwiseLossIsCovered() {
        Set<String> elementwise = Losses.all().stream()
                .filter(d -> d.createDefault() instanceof ElementwiseLoss)
                .map(LossDefinition::id)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> covered = new TreeSet<>();
        for (List<String> specs : List.of(REGRESSION_SPECS, PROBABILITY_SPECS, BCE_LOGITS_SPECS, FOCAL_SPECS,
                SIGNED_SPECS)) {
            for (String spec : specs) {
                covered.add(Losses.parse(spec).id());
            }
        }
        assertEquals(elementwise, covered);
    }
}
