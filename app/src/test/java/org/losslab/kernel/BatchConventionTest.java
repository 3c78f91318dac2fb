package org.losslab.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The batch conventions of {@link Loss}: the reduced value is the mean of the elements (the sum for kl, the mean
 * over rows for cce_logits), the gradient is the derivative of that reduced value, and {@code elements} has
 * {@link Loss#elementCount} entries.
 */
class BatchConventionTest {
    private static final Shape SHAPE = new Shape(2, 3);

    /** A valid 2x3 batch for each family, with every point well away from the kinks of the default parameters. */
    private static double[][] batch(LossFamily family) {
        switch (family) {
            case REGRESSION:
                // residuals -0.7, -1.3, 2.1, 0.45, -0.2, 4.4
                return new double[][] {
                        {0.3, -1.8, 2.2, 0.65, 0.4, 3.1},
                        {1.0, -0.5, 0.1, 0.2, 0.6, -1.3}};
            case BINARY_PROBABILITY:
                return new double[][] {
                        {0.2, 0.7, 0.45, 0.9, 0.05, 0.6},
                        {0.0, 1.0, 1.0, 0.0, 0.3, 1.0}};
            case BINARY_LOGIT:
                return new double[][] {
                        {-2.5, 0.4, 3.0, -0.7, 6.0, 1.2},
                        {0.0, 1.0, 1.0, 0.0, 0.0, 1.0}};
            case SIGNED_SCORE:
                // margins y*s: 2.5 (past the margin), -0.4, 0.3, -0.7, 1.5, -1.2
                return new double[][] {
                        {-2.5, -0.4, 0.3, 0.7, 1.5, 1.2},
                        {-1.0, 1.0, 1.0, -1.0, 1.0, -1.0}};
            case MULTICLASS_LOGITS:
                return new double[][] {
                        {1.5, -0.3, 0.2, -2.0, 0.8, 2.4},
                        {0.0, 2.0}};
            case DISTRIBUTION:
                return new double[][] {
                        {0.1, 0.25, 0.15, 0.2, 0.2, 0.1},
                        {0.3, 0.1, 0.2, 0.05, 0.25, 0.1}};
            default:
                throw new AssertionError("no batch for " + family);
        }
    }

    /** The losses of one prediction against one target; the structured ones are in StructuredLossTest. */
    static Stream<Arguments> everyLoss() {
        return Losses.all().stream().filter(d -> !d.family().isStructured())
                .map(d -> Arguments.of(d.id(), d.createDefault()));
    }

    /** The elementwise ones; cce_logits and kl have their own reductions, checked by the examples below. */
    static Stream<Arguments> everyElementwiseLoss() {
        return Losses.all().stream()
                .filter(d -> d.createDefault() instanceof ElementwiseLoss)
                .map(d -> Arguments.of(d.id(), d.createDefault()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyLoss")
    void elementsHaveOneEntryPerPredictionOrPerRow(String id, Loss loss) {
        double[][] batch = batch(loss.definition().family());
        Evaluation result = loss.evaluate(batch[0], batch[1], SHAPE);
        int expected = id.equals("cce_logits") ? SHAPE.rows() : SHAPE.size();
        assertEquals(expected, loss.elementCount(SHAPE));
        assertEquals(expected, result.elements().length);
        assertEquals(SHAPE.size(), result.gradient().length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyLoss")
    void valueIsTheMeanOfTheElementsOrTheSumForKl(String id, Loss loss) {
        double[][] batch = batch(loss.definition().family());
        Evaluation result = loss.evaluate(batch[0], batch[1], SHAPE);
        double sum = 0;
        for (double e : result.elements()) {
            sum += e;
        }
        double expected = id.equals("kl") ? sum : sum / result.elements().length;
        Approx.assertClose(expected, result.value(), 1e-14, 0, id + " reduced value");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyLoss")
    void gradientIsTheDerivativeOfTheReducedValue(String id, Loss loss) {
        double[][] batch = batch(loss.definition().family());
        double[] prediction = batch[0];
        double[] target = batch[1];
        Evaluation result = loss.evaluate(prediction, target, SHAPE);
        for (int i = 0; i < prediction.length; i++) {
            final int index = i;
            double h = 1e-6;
            double fd = Approx.centralDifference(x -> {
                double[] moved = prediction.clone();
                moved[index] = x;
                return loss.evaluate(moved, target, SHAPE, null, null);
            }, prediction[i], h);
            Approx.assertClose(fd, result.gradient()[i], 1e-6, 1e-8, id + " gradient[" + i + "]");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyLoss")
    void evaluatingWithoutOutputArraysGivesTheSameValue(String id, Loss loss) {
        double[][] batch = batch(loss.definition().family());
        double withOutputs = loss.evaluate(batch[0], batch[1], SHAPE).value();
        assertEquals(withOutputs, loss.evaluate(batch[0], batch[1], SHAPE, null, null), 0.0, id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyElementwiseLoss")
    void elementwiseGradientIsD1OverTheNumberOfElements(String id, ElementwiseLoss e) {
        Loss loss = e;
        double[][] batch = batch(loss.definition().family());
        Evaluation result = loss.evaluate(batch[0], batch[1], SHAPE);
        int n = SHAPE.size();
        for (int i = 0; i < n; i++) {
            Approx.assertClose(e.value(batch[0][i], batch[1][i]), result.elements()[i], 1e-15, 0,
                    id + " elements[" + i + "]");
            Approx.assertClose(e.d1(batch[0][i], batch[1][i]) / n, result.gradient()[i], 1e-15, 0,
                    id + " gradient[" + i + "]");
        }
    }

    @Test
    void mseOfABatchIsTheMeanSquaredResidualWhateverTheShape() {
        double[] prediction = {1, 2, 3, 4, 5, 6};
        double[] target = {0, 0, 1, 1, 2, 9};
        // squared residuals 1, 4, 4, 9, 9, 9: sum 36 over 6 elements; d/dp_i of the mean is 2 r_i / 6
        double[] gradient = {2.0 / 6, 4.0 / 6, 4.0 / 6, 6.0 / 6, 6.0 / 6, -6.0 / 6};
        Loss mse = Losses.get("mse");
        for (Shape shape : new Shape[] {new Shape(2, 3), new Shape(3, 2), Shape.vector(6)}) {
            Evaluation result = mse.evaluate(prediction, target, shape);
            assertEquals(6.0, result.value(), 1e-15, shape.toString());
            assertArrayEquals(new double[] {1, 4, 4, 9, 9, 9}, result.elements(), 1e-15);
            assertArrayEquals(gradient, result.gradient(), 1e-15);
        }
    }

    @Test
    void klIsASumSoItsGradientIsNotDividedByTheLength() {
        double[] p = {0.5, 0.25, 0.25};
        double[] t = {0.25, 0.25, 0.5};
        Evaluation result = Losses.get("kl").evaluate(p, t, Shape.vector(3));
        // sum t log(t/p) = 0.25 log 0.5 + 0 + 0.5 log 2 = 0.25 log 2
        assertEquals(0.25 * Math.log(2), result.value(), 1e-15);
        assertArrayEquals(new double[] {0.25 * Math.log(0.5), 0.0, 0.5 * Math.log(2)}, result.elements(), 1e-15);
        // d/dp_i = -t_i / p_i
        assertArrayEquals(new double[] {-0.5, -1.0, -2.0}, result.gradient(), 1e-15);
    }

    @Test
    void cceIsTheMeanOverRows() {
        // two rows of K = 2 equal logits: each row's loss is log 2 whatever the class
        double[] logits = {0.0, 0.0, 3.0, 3.0};
        Evaluation result = Losses.get("cce_logits").evaluate(logits, new double[] {0, 1}, new Shape(2, 2));
        assertEquals(Math.log(2), result.value(), 1e-15);
        assertArrayEquals(new double[] {Math.log(2), Math.log(2)}, result.elements(), 1e-15);
        // (softmax - onehot) / B = (0.5 - 1) / 2 for the true class and 0.5 / 2 for the other
        assertArrayEquals(new double[] {-0.25, 0.25, 0.25, -0.25}, result.gradient(), 1e-15);
    }
}
