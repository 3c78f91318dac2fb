package org.losslab.kernel;

/**
 * Thrown when a loss spec, a parameter or a batch of inputs is not valid. The message is one line that names
 * the problem and, where it helps, what would be valid; it is meant to be shown to the user as it is.
 */
public class LossInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public LossInputException(String message) {
        super(message);
    }
}
