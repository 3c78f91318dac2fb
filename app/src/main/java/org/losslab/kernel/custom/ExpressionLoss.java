package org.losslab.kernel.custom;

import java.util.List;

import org.losslab.kernel.ElementwiseLoss;
import org.losslab.kernel.LossDefinition;
import org.losslab.kernel.LossFamily;

/**
 * A regression loss typed by the user as an expression of r = prediction - target, y (the target) and p (the
 * prediction), for example {@code r > 0 ? abs(r) : 10*abs(r)}. The grammar is described in {@link Parser}; the
 * derivatives are exact, by forward-mode automatic differentiation on second-order dual numbers, with the rules
 * given in {@link Program}.
 *
 * <p>Identifier {@code custom}, display name {@code Custom: <expr>}, formula the expression text, family
 * {@link LossFamily#REGRESSION}, no parameters; its spec is {@code custom:<expr>}, which
 * {@link org.losslab.kernel.Losses#parse} reads back. Wherever the expression is not finite the value or
 * derivative is returned as it is (NaN or infinite); evaluation never throws. Instances are immutable and safe to
 * share between threads.
 */
public final class ExpressionLoss extends ElementwiseLoss {
    /** The identifier of every custom loss, and the prefix of its spec. */
    public static final String ID = "custom";

    private final String source;
    private final Program program;

    /**
     * Reads an expression. Columns in error messages count from the first character of {@code text}; leading and
     * trailing blanks are dropped from the kept {@link #source()}.
     *
     * @throws ExpressionSyntaxException (a {@link org.losslab.kernel.LossInputException}) naming the problem and
     *                                   its column
     */
    public ExpressionLoss(String text) {
        this(text == null ? "" : text.strip(), Program.compile(Parser.parse(text)));
    }

    private ExpressionLoss(String source, Program program) {
        super(definitionOf(source, program), new double[0]);
        this.source = source;
        this.program = program;
    }

    private static LossDefinition definitionOf(String source, Program program) {
        return new LossDefinition(ID, "Custom: " + source, source,
                "Your own loss of r = p − y, y and p; derivatives are exact (automatic differentiation).",
                LossFamily.REGRESSION, List.of(), values -> new ExpressionLoss(source, program));
    }

    /** The expression as typed (without surrounding blanks). */
    public String source() {
        return source;
    }

    @Override
    public String spec() {
        return ID + ":" + source;
    }

    @Override
    public double value(double prediction, double target) {
        return program.evaluate(prediction, target, 0);
    }

    @Override
    public double d1(double prediction, double target) {
        return program.evaluate(prediction, target, 1);
    }

    @Override
    public double d2(double prediction, double target) {
        return program.evaluate(prediction, target, 2);
    }

    /**
     * Value, first and second derivative at one point in a single pass.
     *
     * @param result receives {value, dl/dp, d²l/dp²}; length at least 3
     */
    public void evaluateAll(double prediction, double target, double[] result) {
        program.evaluate(prediction, target, result);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExpressionLoss other && other.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }
}
