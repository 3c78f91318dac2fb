package org.losslab.kernel;

import java.util.List;

/**
 * Kullback-Leibler divergence KL(target || prediction) over one distribution, taken as probabilities (the
 * argument order and inputs of Keras's kl_divergence), reduced by the <b>sum</b> over outcomes:
 * <pre>
 *   KL = sum_i t_i (log t_i - max(log p_i, -100)),   a term with t_i = 0 is 0
 *   d KL / d p_i = -t_i / max(p_i, 1e-12),   d2 = t_i / max(p_i, 1e-12)^2
 * </pre>
 * The clamp of each log at -100 matches {@code bce}'s, so p_i = 0 gives a finite value.
 * Neither vector is required to sum to 1; the formula is applied as written.
 */
public final class Kl implements Loss {
    static final LossDefinition DEFINITION = new LossDefinition("kl", "KL divergence",
            "KL(t ‖ p) = Σᵢ tᵢ log(tᵢ / pᵢ)",
            "How many extra nats the prediction p costs when outcomes follow t; zero only when p equals t.",
            LossFamily.DISTRIBUTION, List.of(), Kl::new);

    private final double[] params;

    Kl(double[] params) {
        this.params = params.clone();
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
        return shape.size();
    }

    /** The term t log(t / p) of one outcome. */
    public static double term(double p, double t) {
        if (t == 0.0) {
            return 0.0;
        }
        return t * (Math.log(t) - Math.max(Math.log(p), Bce.LOG_FLOOR));
    }

    /** d term / d p. */
    public static double termD1(double p, double t) {
        return t == 0.0 ? 0.0 : -t / Math.max(p, Bce.EPS);
    }

    /** d^2 term / d p^2. */
    public static double termD2(double p, double t) {
        double q = Math.max(p, Bce.EPS);
        return t == 0.0 ? 0.0 : t / (q * q);
    }

    @Override
    public void check(double[] prediction, double[] target, Shape shape) {
        int n = shape.size();
        if (prediction.length != n) {
            throw new LossInputException("prediction has " + prediction.length + " values but the shape "
                    + shape.rows() + "," + shape.cols() + " needs " + n);
        }
        if (target.length != n) {
            throw new LossInputException("target has " + target.length + " values but prediction has " + n
                    + "; kl needs two distributions over the same outcomes");
        }
        for (int i = 0; i < n; i++) {
            if (!(prediction[i] >= 0 && prediction[i] <= 1)) {
                throw new LossInputException("prediction[" + i + "] = " + Loss.formatParam(prediction[i])
                        + " is not a probability in [0, 1]");
            }
            if (!(target[i] >= 0 && target[i] <= 1)) {
                throw new LossInputException("target[" + i + "] = " + Loss.formatParam(target[i])
                        + " is not a probability in [0, 1]");
            }
        }
    }

    @Override
    public double evaluate(double[] prediction, double[] target, Shape shape, double[] elements, double[] gradient) {
        int n = shape.size();
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            double v = term(prediction[i], target[i]);
            sum += v;
            if (elements != null) {
                elements[i] = v;
            }
            if (gradient != null) {
                gradient[i] = termD1(prediction[i], target[i]);
            }
        }
        return sum;
    }

    @Override
    public String toString() {
        return spec();
    }
}
