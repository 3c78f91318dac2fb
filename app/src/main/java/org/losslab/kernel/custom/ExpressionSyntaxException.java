package org.losslab.kernel.custom;

import org.losslab.kernel.LossInputException;

/**
 * A custom-loss expression that cannot be read: the message names the problem and ends with
 * {@code "at column N"}, where N is the 1-based column in the text the user typed.
 */
public final class ExpressionSyntaxException extends LossInputException {
    private static final long serialVersionUID = 1L;

    private final int column;

    ExpressionSyntaxException(String problem, int column) {
        super(problem + " at column " + column);
        this.column = column;
    }

    /** The 1-based column of the problem (one past the last character for a premature end). */
    public int getColumn() {
        return column;
    }
}
