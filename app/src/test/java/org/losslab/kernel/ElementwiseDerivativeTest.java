package org.losslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;

/**
 * d1 of every elementwise loss against central finite differences of its value, and d2 against central finite
 * differences of d1, at random points away from kinks, for default and non-default parameters.
 */
class ElementwiseDerivativeTest {

    // Tolerances for a central difference with a step of about 1e-5 of the local scale: the truncation error is
    // O(h^2 f''') and the rounding error O(1e-16 |f| / h), both far below these.
    private static final double REL = 1e-6;
    private static final double ABS = 1e-6;

    /** Points closer than this to a kink are skipped; it is 100 times the largest step used. */
    private static final double KINK_MARGIN = 1e-3;

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

    private static Arbitrary<ElementwiseLoss> losses(List<String> specs) {
        return Arbitraries.of(specs).map(spec -> (ElementwiseLoss) Losses.parse(spec));
    }

    @Provide
    Arbitrary<ElementwiseLoss> regressionLosses() {
        return losses(REGRESSION_SPECS);
    }

    @Provide
    Arbitrary<ElementwiseLoss> bceLogitsLosses() {
        return losses(BCE_LOGITS_SPECS);
    }

    @Provide
    Arbitrary<ElementwiseLoss> focalLosses() {
        return losses(FOCAL_SPECS);
    }

    @Provide
    Arbitrary<ElementwiseLoss> signedLosses() {
        return losses(SIGNED_SPECS);
    }

    /** Hard labels 0 and 1, or soft targets anywhere in [0, 1]. */
    @Provide
    Arbitrary<Double> probabilityTargets() {
        return Arbitraries.oneOf(Arbitraries.of(0.0, 1.0), Arbitraries.doubles().between(0.0, 1.0).ofScale(6));
    }

    @Provide
    Arbitrary<Double> labels01() {
        return Arbitraries.of(0.0, 1.0);
    }

    @Provide
    Arbitrary<Double> signedLabels() {
        return Arbitraries.of(-1.0, 1.0);
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

    @Property(tries = 1000, seed = "42")
    void regressionDerivativesMatchFiniteDifferences(
            @ForAll("regressionLosses") ElementwiseLoss loss,
            @ForAll @DoubleRange(min = -6, max = 6) @Scale(6) double residual,
            @ForAll @DoubleRange(min = -10, max = 10) @Scale(6) double target) {
        Assume.that(awayFrom(residual, residualKinks(loss)));
        checkDerivatives(loss, target + residual, target, 1e-5);
    }

    @Property(tries = 500, seed = "42")
    void bceDerivativesMatchFiniteDifferences(
            @ForAll @DoubleRange(min = 0.01, max = 0.99) @Scale(6) double p,
            @ForAll("probabilityTargets") double target) {
        ElementwiseLoss bce = Losses.elementwise("bce");
        // d1 ~ 1/p near the ends, so the step follows the distance to the nearer end.
        checkDerivatives(bce, p, target, 1e-4 * Math.min(p, 1.0 - p));
    }

    @Property(tries = 500, seed = "42")
    void bceLogitsDerivativesMatchFiniteDifferences(
            @ForAll("bceLogitsLosses") ElementwiseLoss loss,
            @ForAll @DoubleRange(min = -20, max = 20) @Scale(6) double logit,
            @ForAll("probabilityTargets") double target) {
        checkDerivatives(loss, logit, target, 1e-5);
    }

    @Property(tries = 1000, seed = "42")
    void focalDerivativesMatchFiniteDifferences(
            @ForAll("focalLosses") ElementwiseLoss loss,
            @ForAll @DoubleRange(min = -20, max = 20) @Scale(6) double logit,
            @ForAll("labels01") double label) {
        checkDerivatives(loss, logit, label, 1e-5);
    }

    @Property(tries = 500, seed = "42")
    void marginDerivativesMatchFiniteDifferences(
            @ForAll("signedLosses") ElementwiseLoss loss,
            @ForAll @DoubleRange(min = -4, max = 4) @Scale(6) double score,
            @ForAll("signedLabels") double label) {
        Assume.that(Math.abs(1.0 - label * score) >= KINK_MARGIN);
        checkDerivatives(loss, score, label, 1e-5);
    }

    /** Guards the properties above: every elementwise loss in the library must be covered by one of them. */
    @Example
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
