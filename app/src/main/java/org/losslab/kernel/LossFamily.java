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
    DISTRIBUTION("distribution", "prediction and target are probability vectors over the same outcomes"),
    /** A pair of embeddings at distance d with a label 1 (similar) or 0 (dissimilar): {@code contrastive}. */
    PAIR_DISTANCE("pair distance", "a distance d >= 0 (or two points) per pair, and a label 1 (similar) or 0 (dissimilar)"),
    /** An anchor, a positive and a negative point in R^k: {@code triplet}. */
    TRIPLET("triplet", "an anchor, a positive and a negative point in R^k per triplet; no target"),
    /** A preference of a chosen over a rejected answer, as log-probabilities: {@code dpo}. */
    PREFERENCE("preference", "a log-ratio margin delta, or four log-probabilities (policy and reference, chosen and rejected)"),
    /** Axis-aligned boxes (x1, y1, x2, y2): {@code iou}, {@code giou}. */
    BOX("box", "a predicted and a target box (x1, y1, x2, y2) with x2 >= x1 and y2 >= y1");

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

    /**
     * Whether the loss compares more than one prediction with one target: pairs, triplets, preferences, boxes.
     * These losses have no curve against a residual or a score and are not classification losses.
     */
    public boolean isStructured() {
        return this == PAIR_DISTANCE || this == TRIPLET || this == PREFERENCE || this == BOX;
    }

    /** Whether the loss belongs to the regression group (curve against the residual). */
    public boolean isRegression() {
        return this == REGRESSION;
    }
}
