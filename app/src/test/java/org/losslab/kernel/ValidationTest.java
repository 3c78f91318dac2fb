package org.losslab.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The messages of {@link Losses#parse} and of the batch checks, and the spec round trip. */
class ValidationTest {

    private static String parseError(String spec) {
        return assertThrows(LossInputException.class, () -> Losses.parse(spec), spec).getMessage();
    }

    private static String checkError(String spec, double[] prediction, double[] target, Shape shape) {
        Loss loss = Losses.parse(spec);
        return assertThrows(LossInputException.class, () -> loss.evaluate(prediction, target, shape), spec)
                .getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "message '" + message + "' should mention '" + part + "'");
        }
    }

    // ---- parse ----

    @Test
    void unknownLossListsTheValidNames() {
        String message = parseError("hubber:delta=1");
        assertMentions(message, "hubber");
        for (LossDefinition d : Losses.all()) {
            assertMentions(message, d.id());
        }
    }

    @Test
    void unknownParameterNamesTheParametersOfTheLoss() {
        assertMentions(parseError("huber:beta=1"), "beta", "huber", "delta");
        assertMentions(parseError("focal:gama=2"), "gama", "gamma", "alpha");
        assertMentions(parseError("barron:sigma=2"), "sigma", "alpha", "scale");
        assertMentions(parseError("mse:delta=1"), "delta", "mse", "no parameters");
    }

    @Test
    void outOfRangeValuesMentionTheRange() {
        assertMentions(parseError("huber:delta=-1"), "delta", "(0, inf)", "-1");
        assertMentions(parseError("huber:delta=0"), "delta", "(0, inf)");
        assertMentions(parseError("quantile:tau=1.5"), "tau", "[0, 1]", "1.5");
        assertMentions(parseError("focal:gamma=-1"), "gamma", "[0, inf)", "-1");
        assertMentions(parseError("barron:alpha=4.5"), "alpha", "[-inf, 4]");
        assertMentions(parseError("cce_logits:label_smoothing=2"), "label_smoothing", "[0, 1]");
    }

    @Test
    void aValueThatIsNotANumberIsNamed() {
        assertMentions(parseError("huber:delta=abc"), "'abc' is not a number", "delta");
        assertMentions(parseError("huber:delta=0x10"), "is not a number");
        assertMentions(parseError("huber:delta=nan"), "is not a number");
        assertMentions(parseError("huber:delta=1.5f"), "is not a number");
    }

    @Test
    void malformedAndRepeatedParametersAreRejected() {
        assertMentions(parseError("huber:delta"), "name=value");
        assertMentions(parseError("focal:gamma=1,gamma=2"), "gamma", "twice");
        assertMentions(parseError(""), "valid names");
    }

    @Test
    void parseAcceptsSpacesScientificNotationAndInfinity() {
        assertEquals(0.002, Losses.parse(" huber : delta = 2e-3 ").param("delta"), 0.0);
        assertEquals(Double.NEGATIVE_INFINITY, Losses.parse("barron:alpha=-inf").param("alpha"), 0.0);
        Loss focal = Losses.parse("focal:alpha=0.5");
        assertEquals(0.5, focal.param("alpha"), 0.0);
        assertEquals(2.0, focal.param("gamma"), 0.0, "an unnamed parameter keeps its default");
    }

    @Test
    void withChecksTheRangeToo() {
        Loss huber = Losses.get("huber");
        assertEquals(3.0, huber.with("delta", 3.0).param("delta"), 0.0);
        assertMentions(assertThrows(LossInputException.class, () -> huber.with("delta", -2.0)).getMessage(),
                "(0, inf)");
        assertMentions(assertThrows(LossInputException.class, () -> huber.with("gamma", 1.0)).getMessage(),
                "gamma");
    }

    // ---- spec round trip ----

    static Stream<Arguments> specs() {
        return Stream.of("mse", "huber:delta=1.5", "smooth_l1:beta=0", "quantile:tau=0.9",
                "barron:alpha=-inf,scale=0.5", "barron:alpha=1e-9,scale=3", "barron:alpha=2.000000001,scale=1",
                "bce_logits:pos_weight=0.25", "focal:gamma=0.5,alpha=-1", "cce_logits:label_smoothing=0.1", "kl",
                "huber:delta=1e20", "huber:delta=0.1").map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("specs")
    void specRoundTripsThroughParse(String spec) {
        Loss loss = Losses.parse(spec);
        Loss again = Losses.parse(loss.spec());
        assertEquals(loss.id(), again.id());
        assertArrayEquals(loss.paramValues(), again.paramValues(), 0.0, loss.spec());
        assertEquals(loss.spec(), again.spec());
    }

    @Test
    void everyDefaultLossRoundTripsAndBarronAtMinusInfinityIsSpelledOut() {
        for (LossDefinition d : Losses.all()) {
            Loss loss = d.createDefault();
            assertArrayEquals(loss.paramValues(), Losses.parse(loss.spec()).paramValues(), 0.0, loss.spec());
        }
        assertEquals("barron:alpha=-inf,scale=1", Losses.parse("barron:alpha=-inf").spec());
        assertEquals("huber:delta=1.5", Losses.parse("huber:delta=1.50").spec());
    }

    // ---- batch checks ----

    @Test
    void hingeRejectsALabelOfZeroNamingTheIndex() {
        String message = checkError("hinge", new double[] {0.5, -0.2, 1.0}, new double[] {1, 0, -1},
                Shape.vector(3));
        assertMentions(message, "target[1]", "-1 or +1");
        assertMentions(checkError("squared_hinge", new double[] {0.5}, new double[] {0.5}, Shape.vector(1)),
                "target[0]");
    }

    @Test
    void bceRejectsAPredictionOutsideZeroOne() {
        String message = checkError("bce", new double[] {0.2, 1.3}, new double[] {0, 1}, Shape.vector(2));
        assertMentions(message, "prediction[1]", "1.3", "[0, 1]");
        assertMentions(checkError("bce", new double[] {0.2}, new double[] {1.5}, Shape.vector(1)), "target[0]");
    }

    @Test
    void focalRejectsSoftLabels() {
        assertMentions(checkError("focal", new double[] {0.2, 0.1}, new double[] {1, 0.5}, Shape.vector(2)),
                "target[1]");
    }

    @ParameterizedTest
    @ValueSource(doubles = {3, -1, 1.5})
    void cceRejectsAClassIndexOutsideZeroToKMinusOne(double index) {
        String message = checkError("cce_logits", new double[] {0.1, 0.2, 0.3, 1.0, 2.0, 3.0},
                new double[] {0, index}, new Shape(2, 3));
        assertMentions(message, "target[1]", "0..2");
    }

    @Test
    void lengthMismatchesAreRejected() {
        assertMentions(checkError("mse", new double[] {1, 2, 3}, new double[] {1, 2}, Shape.vector(3)),
                "target has 2");
        assertMentions(checkError("mse", new double[] {1, 2, 3}, new double[] {1, 2, 3}, new Shape(2, 2)),
                "prediction has 3");
        assertMentions(checkError("kl", new double[] {0.5, 0.5}, new double[] {1.0}, Shape.vector(2)),
                "target has 1");
        assertMentions(checkError("cce_logits", new double[] {0, 1, 2, 3, 4, 5}, new double[] {0, 1, 2},
                new Shape(2, 3)), "target has 3");
    }

    @Test
    void nanInputsAreRejected() {
        assertMentions(checkError("mse", new double[] {1, Double.NaN}, new double[] {1, 2}, Shape.vector(2)),
                "prediction[1]");
        assertMentions(checkError("mse", new double[] {1, 2}, new double[] {Double.NaN, 2}, Shape.vector(2)),
                "target[0]");
        assertMentions(checkError("cce_logits", new double[] {0, Double.NaN}, new double[] {0}, new Shape(1, 2)),
                "prediction[1]");
    }

    @Test
    void klRejectsValuesThatAreNotProbabilities() {
        assertMentions(checkError("kl", new double[] {0.5, 1.2}, new double[] {0.5, 0.5}, Shape.vector(2)),
                "prediction[1]");
        assertMentions(checkError("kl", new double[] {0.5, 0.5}, new double[] {-0.1, 0.5}, Shape.vector(2)),
                "target[0]");
    }

    @Test
    void shapeRejectsNoColumns() {
        assertThrows(LossInputException.class, () -> new Shape(2, 0));
        assertThrows(LossInputException.class, () -> new Shape(-1, 3));
    }
}
