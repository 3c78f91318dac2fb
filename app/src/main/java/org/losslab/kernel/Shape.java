package org.losslab.kernel;

/**
 * The shape of a batch of predictions: {@code rows} by {@code cols}, stored row-major in one flat array.
 * Elementwise losses treat all {@code rows * cols} entries alike; {@code cce_logits} reads rows of {@code cols}
 * logits.
 */
public record Shape(int rows, int cols) {

    public Shape {
        if (rows < 0 || cols < 1) {
            throw new LossInputException("shape must be B,K with B >= 0 and K >= 1 (got " + rows + "," + cols + ")");
        }
    }

    /** A flat vector of {@code n} entries, one per row. */
    public static Shape vector(int n) {
        return new Shape(n, 1);
    }

    /** Number of entries, {@code rows * cols}. */
    public int size() {
        return Math.multiplyExact(rows, cols);
    }
}
