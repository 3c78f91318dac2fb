package org.losslab.kernel;

/**
 * What a loss compares, which decides the meaning of its inputs and the x-axis of its curve.
 */
public enum LossFamily {
    /** Regression: prediction and target are real numbers; the curve is plotted against r = prediction - target. */
    REGRESSION("regression", "prediction and target are real numbers"),
    /** Binary classification on probabilities: prediction p in [0, 1], target in [0, 1]. */
    BINARY_PROBABILITY("binary (probability)", "prediction is a probability in [0, 1], target in [0, 1]"),
    /** Binary classification on logits: prediction is a real score z, target in [0, 1]. */
    BINARY_LOGIT("binary (logit)", "prediction is a logit (any real number), target a label 0 or 1"),
    /** Margin classification: prediction is a real score, target a label -1 or +1. */
    SIGNED_SCORE("binary (signed label)", "prediction is a score (any real number), target a label -1 or +1"),
    /** Multi-class: rows of K logits, target a class index per row or a row of K probabilities. */
    MULTICLASS_LOGITS("multi-class (logits)", "prediction is B rows of K logits; target is B class indices or B rows of K probabilities"),
    /** Two distributions over the same outcomes: target and prediction are probability vectors. */
    DISTRIBUTION("distribution", "prediction and target are probability vectors over the same outcomes");

    private final String label;
    private final String inputs;

    LossFamily(String label, String inputs) {
        this.label = label;
        this.inputs = inputs;
    }

    /** Short human name. */
    public String label() {
        return label;
    }

    /** What the inputs must be, for messages and help. */
    public String inputs() {
        return inputs;
    }

    /** Whether the loss belongs to the regression group (curve against the residual). */
    public boolean isRegression() {
        return this == REGRESSION;
    }
}
