package org.losslab.kernel;

/**
 * The result of evaluating a batch: the reduced loss, each element's loss and the gradient of the reduced loss.
 */
public record Evaluation(double value, double[] elements, double[] gradient) {
}
