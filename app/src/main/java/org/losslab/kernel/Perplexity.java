package org.losslab.kernel;

/**
 * Perplexity of a sequence of next-token predictions: the exponential of the mean cross-entropy per token,
 * <pre>
 *   CE  = (1/T) Σₜ −log p(tokenₜ)      (nats per token)
 *   PPL = exp(CE)
 * </pre>
 * Each row of a batch is one token position: K logits (or K probabilities) over the vocabulary, and the target is
 * the index of the token that came next (or a row of K target probabilities, giving Σₖ −tₖ log pₖ per row).
 * From logits, log p = z − lse(z) with the stable log-sum-exp (as {@code cce_logits}), so logits of ±1000 are fine.
 * From probabilities, each log is floored at −100 (p = 0 counts as e^−100), as {@code bce} and {@code kl} do.
 *
 * <p>Perplexity is always that of the <b>plain</b> cross-entropy: label smoothing is a training device and is not
 * applied here. PPL = 1 means certainty on every right token; PPL = K is a uniform guess over K tokens. exp
 * overflows to +∞ once CE exceeds about 709.78 nats per token (a true perplexity beyond {@link Double#MAX_VALUE});
 * {@link #crossEntropyFromLogits} stays finite.
 */
public final class Perplexity {
    private Perplexity() {
    }

    /** exp(CE): the perplexity of a mean cross-entropy in nats per token. */
    public static double ofCrossEntropy(double meanCrossEntropy) {
        return Math.exp(meanCrossEntropy);
    }

    /**
     * The mean cross-entropy per token (rows) from logits, without label smoothing.
     *
     * @param logits rows of K logits, row-major in {@code shape}
     * @param target {@code shape.rows()} token indices, or {@code shape.size()} target probabilities
     */
    public static double crossEntropyFromLogits(double[] logits, double[] target, Shape shape) {
        Loss plain = CceLogits.DEFINITION.createDefault();
        plain.check(logits, target, shape);
        return plain.evaluate(logits, target, shape, null, null);
    }

    /** exp of {@link #crossEntropyFromLogits}. */
    public static double fromLogits(double[] logits, double[] target, Shape shape) {
        return ofCrossEntropy(crossEntropyFromLogits(logits, target, shape));
    }

    /**
     * The mean cross-entropy per token from rows of K probabilities (each log floored at −100).
     *
     * @param target {@code shape.rows()} token indices, or {@code shape.size()} target probabilities
     */
    public static double crossEntropyFromProbabilities(double[] probabilities, double[] target, Shape shape) {
        int rows = shape.rows();
        int k = shape.cols();
        if (probabilities.length != shape.size()) {
            throw new LossInputException("probabilities have " + probabilities.length + " values but the shape "
                    + rows + "," + k + " needs " + shape.size());
        }
        for (int i = 0; i < probabilities.length; i++) {
            if (!(probabilities[i] >= 0 && probabilities[i] <= 1)) {
                throw new LossInputException("probability[" + i + "] = " + Loss.formatParam(probabilities[i])
                        + " is not in [0, 1]");
            }
        }
        boolean indices = target.length == rows && (k > 1 || target.length == shape.size());
        if (!indices && target.length != shape.size()) {
            throw new LossInputException("target has " + target.length + " values; " + rows + " rows need "
                    + rows + " token indices or " + shape.size() + " probabilities");
        }
        if (rows == 0) {
            return 0.0;
        }
        double sum = 0.0;
        for (int row = 0; row < rows; row++) {
            int base = row * k;
            if (indices) {
                double c = target[row];
                if (!(c >= 0 && c < k && c == Math.rint(c))) {
                    throw new LossInputException("target[" + row + "] = " + Loss.formatParam(c)
                            + " is not a token index 0.." + (k - 1));
                }
                sum -= flooredLog(probabilities[base + (int) c]);
            } else {
                for (int j = 0; j < k; j++) {
                    double t = target[base + j];
                    if (!(t >= 0 && t <= 1)) {
                        throw new LossInputException("target[" + (base + j) + "] = " + Loss.formatParam(t)
                                + " is not a probability in [0, 1]");
                    }
                    if (t != 0.0) {
                        sum -= t * flooredLog(probabilities[base + j]);
                    }
                }
            }
        }
        return sum / rows;
    }

    /** exp of {@link #crossEntropyFromProbabilities}. */
    public static double fromProbabilities(double[] probabilities, double[] target, Shape shape) {
        return ofCrossEntropy(crossEntropyFromProbabilities(probabilities, target, shape));
    }

    /**
     * The perplexity from the probability each position gave to the token that actually came next:
     * exp(−(1/T) Σ log pₜ).
     */
    public static double fromTokenProbabilities(double[] nextTokenProbabilities) {
        int n = nextTokenProbabilities.length;
        if (n == 0) {
            throw new LossInputException("no tokens: perplexity needs at least one prediction");
        }
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            double p = nextTokenProbabilities[i];
            if (!(p >= 0 && p <= 1)) {
                throw new LossInputException("probability[" + i + "] = " + Loss.formatParam(p) + " is not in [0, 1]");
            }
            sum -= flooredLog(p);
        }
        return ofCrossEntropy(sum / n);
    }

    private static double flooredLog(double p) {
        return Math.max(Math.log(p), Bce.LOG_FLOOR);
    }
}
