package org.losslab.problem.fit;

/**
 * The best line y = w x + b for a loss: its parameters, the loss there and how it was found.
 *
 * @param w          the slope
 * @param b          the intercept
 * @param loss       the kernel's mean loss at (w, b): (1/n) sum_i l(w x_i + b, y_i)
 * @param objective  what was minimised: {@code loss} plus the penalty R(w, b) (equal to {@code loss} with none)
 * @param iterations solver iterations (0 for a closed form)
 * @param method     how the fit was computed
 * @param optimality what is guaranteed about (w, b)
 * @param note       a sentence for the user when something is worth knowing (non-unique optimum, all x equal, a
 *                   local optimum only), else empty
 */
public record FitResult(double w, double b, double loss, double objective, int iterations, FitMethod method,
                        Optimality optimality, String note) {
    public FitResult {
        if (method == null || optimality == null) {
            throw new NullPointerException("method and optimality are required");
        }
        if (note == null) {
            note = "";
        }
    }

    /** The prediction w x + b. */
    public double predict(double x) {
        return w * x + b;
    }

    /** Whether there is a note. */
    public boolean hasNote() {
        return !note.isEmpty();
    }
}
