package org.losslab.kernel;

/**
 * A loss that compares each prediction with its own target: {@code l(prediction, target)}, reduced by the mean.
 *
 * <p>Subclasses give the value and its first and second derivatives with respect to the prediction. The batch
 * methods here loop over flat arrays with no allocation. Second derivatives at kinks (and wherever the loss is
 * piecewise linear) are 0; where a loss has a Dirac term at a kink, it is left out.
 */
public abstract class ElementwiseLoss implements Loss {
    private final LossDefinition definition;
    private final double[] params;

    protected ElementwiseLoss(LossDefinition definition, double[] params) {
        this.definition = definition;
        this.params = params.clone();
    }

    @Override
    public final LossDefinition definition() {
        return definition;
    }

    @Override
    public final double[] paramValues() {
        return params;
    }

    /** The loss of one prediction against its target. */
    public abstract double value(double prediction, double target);

    /** d l / d prediction. */
    public abstract double d1(double prediction, double target);

    /** d^2 l / d prediction^2 (0 at kinks). */
    public abstract double d2(double prediction, double target);

    /**
     * Whether the second derivative is a true curvature everywhere but at isolated kinks. False for losses that
     * are piecewise linear (mae, quantile, hinge): their {@link #d2} is 0 wherever it exists.
     */
    public boolean hasCurvature() {
        return true;
    }

    /** Null when the target is valid for this loss, else what is wrong (without the index). */
    protected String targetProblem(double target) {
        return Double.isFinite(target) ? null : "is not a finite number";
    }

    /** Null when the prediction is valid for this loss, else what is wrong (without the index). */
    protected String predictionProblem(double prediction) {
        return Double.isNaN(prediction) ? "is not a number" : null;
    }

    @Override
    public int elementCount(Shape shape) {
        return shape.size();
    }

    @Override
    public void check(double[] prediction, double[] target, Shape shape) {
        int n = shape.size();
        if (prediction.length != n) {
            throw new LossInputException("prediction has " + prediction.length + " values but the shape "
                    + shape.rows() + "," + shape.cols() + " needs " + n);
        }
        if (target.length != prediction.length) {
            throw new LossInputException("target has " + target.length + " values but prediction has "
                    + prediction.length + "; " + id() + " needs one target per prediction");
        }
        for (int i = 0; i < n; i++) {
            String p = predictionProblem(prediction[i]);
            if (p != null) {
                throw new LossInputException("prediction[" + i + "] = " + Loss.formatParam(prediction[i]) + " " + p);
            }
            String t = targetProblem(target[i]);
            if (t != null) {
                throw new LossInputException("target[" + i + "] = " + Loss.formatParam(target[i]) + " " + t);
            }
        }
    }

    @Override
    public double evaluate(double[] prediction, double[] target, Shape shape, double[] elements, double[] gradient) {
        int n = shape.size();
        if (n == 0) {
            return 0.0;
        }
        double inv = 1.0 / n;
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            double v = value(prediction[i], target[i]);
            sum += v;
            if (elements != null) {
                elements[i] = v;
            }
            if (gradient != null) {
                gradient[i] = d1(prediction[i], target[i]) * inv;
            }
        }
        return sum / n;
    }

    /** The mean loss over the first {@code n} entries, with no output arrays. */
    public double mean(double[] prediction, double[] target, int n) {
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            sum += value(prediction[i], target[i]);
        }
        return n == 0 ? 0.0 : sum / n;
    }

    @Override
    public String toString() {
        return spec();
    }
}
