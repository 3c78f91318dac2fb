package org.losslab.kernel;

import java.util.List;

/**
 * Categorical cross-entropy on rows of K logits, as PyTorch's CrossEntropyLoss with label smoothing.
 *
 * <p>The target is either one class index per row or one row of K probabilities. Label smoothing eps replaces
 * the target t by t' = (1 - eps) t + eps / K (for an index c, t is the one-hot row of c). With the stable
 * log-sum-exp lse(z) = max z + log sum exp(z_k - max z):
 * <pre>
 *   row loss  = sum_k t'_k (lse(z) - z_k)
 *   loss      = mean over the B rows
 *   gradient  = (S softmax(z)_k - t'_k) / B,   S = sum_k t'_k (1 for proper targets)
 *   Hessian diagonal = S softmax_k (1 - softmax_k) / B
 * </pre>
 */
public final class CceLogits implements Loss {
    static final LossDefinition DEFINITION = new LossDefinition("cce_logits", "Cross-entropy (softmax logits)",
            "ℓ(z, c) = −log softmax(z)_c = log Σₖ e^zₖ − z_c",
            "The multi-class loss: punishes a confident wrong class hard; label smoothing keeps logits from running away.",
            LossFamily.MULTICLASS_LOGITS,
            List.of(ParamSpec.closed("label_smoothing", 0.0, 0.0, 1.0,
                    "eps: mass spread evenly over all K classes (PyTorch's label_smoothing)")),
            CceLogits::new);

    private final double[] params;
    private final double eps;

    CceLogits(double[] params) {
        this.params = params.clone();
        this.eps = params[0];
    }

    @Override
    public LossDefinition definition() {
        return DEFINITION;
    }

    @Override
    public double[] paramValues() {
        return params;
    }

    @Override
    public int elementCount(Shape shape) {
        return shape.rows();
    }

    /** Whether the target holds class indices (one per row) rather than probability rows. */
    static boolean indexTargets(double[] target, Shape shape) {
        return target.length == shape.rows() && (shape.cols() > 1 || target.length == shape.size());
    }

    @Override
    public void check(double[] prediction, double[] target, Shape shape) {
        int n = shape.size();
        if (prediction.length != n) {
            throw new LossInputException("prediction has " + prediction.length + " values but the shape "
                    + shape.rows() + "," + shape.cols() + " needs " + n + " (B rows of K logits)");
        }
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(prediction[i])) {
                throw new LossInputException("prediction[" + i + "] is not a number");
            }
        }
        if (indexTargets(target, shape)) {
            for (int i = 0; i < target.length; i++) {
                double c = target[i];
                if (!(c >= 0 && c < shape.cols() && c == Math.rint(c))) {
                    throw new LossInputException("target[" + i + "] = " + Loss.formatParam(c)
                            + " is not a class index: cce_logits with K = " + shape.cols()
                            + " takes whole numbers 0.." + (shape.cols() - 1));
                }
            }
        } else if (target.length == n) {
            for (int i = 0; i < n; i++) {
                double t = target[i];
                if (!(t >= 0 && t <= 1)) {
                    throw new LossInputException("target[" + i + "] = " + Loss.formatParam(t)
                            + " is not a probability in [0, 1]");
                }
            }
        } else {
            throw new LossInputException("target has " + target.length + " values; cce_logits with shape "
                    + shape.rows() + "," + shape.cols() + " needs " + shape.rows() + " class indices or " + n
                    + " probabilities");
        }
    }

    @Override
    public double evaluate(double[] prediction, double[] target, Shape shape, double[] elements, double[] gradient) {
        int rows = shape.rows();
        int k = shape.cols();
        if (rows == 0) {
            return 0.0;
        }
        boolean indices = indexTargets(target, shape);
        double invRows = 1.0 / rows;
        double sum = 0.0;
        for (int row = 0; row < rows; row++) {
            int base = row * k;
            double lse = logSumExp(prediction, base, k);
            double rowLoss = 0.0;
            double mass = 0.0;
            for (int j = 0; j < k; j++) {
                double t = smoothed(target, indices, row, base, j, k);
                mass += t;
                if (t != 0.0) {
                    rowLoss += t * (lse - prediction[base + j]);
                }
            }
            sum += rowLoss;
            if (elements != null) {
                elements[row] = rowLoss;
            }
            if (gradient != null) {
                for (int j = 0; j < k; j++) {
                    double softmax = Math.exp(prediction[base + j] - lse);
                    double t = smoothed(target, indices, row, base, j, k);
                    gradient[base + j] = (mass * softmax - t) * invRows;
                }
            }
        }
        return sum / rows;
    }

    /** The smoothed target t'_j of a row: (1 - eps) t_j + eps / K. */
    private double smoothed(double[] target, boolean indices, int row, int base, int j, int k) {
        double raw = indices ? (j == (int) target[row] ? 1.0 : 0.0) : target[base + j];
        return (1.0 - eps) * raw + eps / k;
    }

    /** log sum_j exp(z_j) over one row, stable: max + log sum exp(z_j - max). */
    static double logSumExp(double[] z, int base, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, z[base + j]);
        }
        double expSum = 0.0;
        for (int j = 0; j < k; j++) {
            expSum += Math.exp(z[base + j] - max);
        }
        return max + Math.log(expSum);
    }

    /**
     * The diagonal of the Hessian of the reduced loss with respect to each logit, written into {@code out}.
     */
    public void hessianDiagonal(double[] prediction, double[] target, Shape shape, double[] out) {
        int rows = shape.rows();
        int k = shape.cols();
        boolean indices = indexTargets(target, shape);
        for (int row = 0; row < rows; row++) {
            int base = row * k;
            double lse = logSumExp(prediction, base, k);
            double mass = 0.0;
            for (int j = 0; j < k; j++) {
                mass += smoothed(target, indices, row, base, j, k);
            }
            for (int j = 0; j < k; j++) {
                double s = Math.exp(prediction[base + j] - lse);
                out[base + j] = mass * s * (1.0 - s) / rows;
            }
        }
    }

    @Override
    public String toString() {
        return spec();
    }
}
