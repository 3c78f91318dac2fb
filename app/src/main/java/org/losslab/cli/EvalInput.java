package org.losslab.cli;

import java.util.regex.Pattern;
import org.losslab.kernel.Evaluation;
import org.losslab.kernel.Loss;
import org.losslab.kernel.LossFamily;
import org.losslab.kernel.LossInputException;
import org.losslab.kernel.Losses;
import org.losslab.kernel.Shape;

/**
 * One evaluation asked of {@code eval}: a configured loss, its targets and predictions, and the shape of the
 * predictions. Built from command-line options or from one JSON line of a batch; every problem is reported as a
 * {@link LossInputException} with a one-line message.
 *
 * @param loss       the loss with its parameters
 * @param target     the targets (for {@code cce_logits}: B class indices or B*K probabilities)
 * @param prediction the predictions, row-major in {@code shape}
 * @param shape      the shape of the predictions
 */
record EvalInput(Loss loss, double[] target, double[] prediction, Shape shape) {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?\\d{1,18}");

    /**
     * Checks that both inputs have values and settles the shape: the given one, or a vector of the predictions.
     *
     * @param shape     the shape the user gave, or null
     * @param shapeHint how to give a shape, for the message when the loss needs one ("--shape B,K")
     */
    static EvalInput of(Loss loss, double[] target, double[] prediction, Shape shape, String shapeHint) {
        if (prediction.length == 0) {
            throw new LossInputException("prediction has no values");
        }
        LossFamily family = loss.definition().family();
        if (target.length == 0 && !takesNoTarget(loss)) {
            throw new LossInputException("target has no values");
        }
        if (shape == null) {
            if (needsShape(loss)) {
                throw new LossInputException(loss.id() + " needs " + shapeHint
                        + ": B rows of K logits (the target is B class indices or B*K probabilities)");
            }
            if (family == LossFamily.TRIPLET) {
                throw new LossInputException("triplet needs " + shapeHint
                        + ": B rows of 3k numbers (anchor, positive, negative with k coordinates each)");
            }
            shape = family == LossFamily.BOX && prediction.length % 4 == 0 ? new Shape(prediction.length / 4, 4)
                    : Shape.vector(prediction.length);
        }
        return new EvalInput(loss, target, prediction, shape);
    }

    /** Whether the loss takes its inputs all in the prediction (triplet, dpo): the target is empty. */
    static boolean takesNoTarget(Loss loss) {
        LossFamily family = loss.definition().family();
        return family == LossFamily.TRIPLET || family == LossFamily.PREFERENCE;
    }

    /** Whether the loss reads rows of logits, so that a flat list of predictions does not say its shape. */
    static boolean needsShape(Loss loss) {
        return loss.definition().family() == LossFamily.MULTICLASS_LOGITS;
    }

    /**
     * Checks the inputs against the loss and evaluates them.
     *
     * @throws LossInputException for inputs the loss does not accept, or a result that is not finite (which JSON
     *                            cannot carry)
     */
    Evaluation evaluate() {
        Evaluation result = loss.evaluate(prediction, target, shape);
        requireFinite(result);
        return result;
    }

    private void requireFinite(Evaluation result) {
        String bad = null;
        if (!Double.isFinite(result.value())) {
            bad = "loss = " + result.value();
        }
        for (int i = 0; bad == null && i < result.elements().length; i++) {
            if (!Double.isFinite(result.elements()[i])) {
                bad = "element " + i + "'s loss = " + result.elements()[i];
            }
        }
        for (int i = 0; bad == null && i < result.gradient().length; i++) {
            if (!Double.isFinite(result.gradient()[i])) {
                bad = "gradient[" + i + "] = " + result.gradient()[i];
            }
        }
        if (bad == null) {
            return;
        }
        String cause = firstInfinite("prediction", prediction);
        if (cause == null) {
            cause = firstInfinite("target", target);
        }
        throw new LossInputException("the result is not finite (" + bad + ")"
                + (cause == null ? "" : "; " + cause + " is infinite"));
    }

    private static String firstInfinite(String name, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (Double.isInfinite(values[i])) {
                return name + "[" + i + "] = " + Loss.formatParam(values[i]);
            }
        }
        return null;
    }

    /**
     * Parses comma-separated numbers such as {@code 1,2,3} or {@code 1, -2.5e3, inf}.
     *
     * @param name names the list in messages: "prediction" gives "prediction[1]: 'abc' is not a number"
     */
    static double[] parseNumbers(String text, String name) {
        if (text.isBlank()) {
            throw new LossInputException(name + " has no values");
        }
        String[] parts = text.split(",", -1);
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Losses.parseNumber(parts[i], name + "[" + i + "]");
        }
        return values;
    }

    /** Parses {@code B,K}, for example {@code 2,3}. */
    static Shape parseShape(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 2 || !WHOLE_NUMBER.matcher(parts[0].strip()).matches()
                || !WHOLE_NUMBER.matcher(parts[1].strip()).matches()) {
            throw new LossInputException("shape must be B,K: two whole numbers such as 2,3 (got '" + text.strip()
                    + "')");
        }
        return shape(Long.parseLong(parts[0].strip()), Long.parseLong(parts[1].strip()));
    }

    /** The shape of {@code rows} rows of {@code cols} entries, both at least 1 and their product an int. */
    static Shape shape(long rows, long cols) {
        if (rows < 1 || cols < 1) {
            throw new LossInputException("shape must be B,K with B >= 1 rows and K >= 1 columns (got " + rows + ","
                    + cols + ")");
        }
        if (rows > Integer.MAX_VALUE / cols) {
            throw new LossInputException("shape " + rows + "," + cols + " has too many entries (at most "
                    + Integer.MAX_VALUE + ")");
        }
        return new Shape((int) rows, (int) cols);
    }
}
