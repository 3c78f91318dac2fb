package org.losslab.kernel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A loss with its parameters fixed: the one source of every loss value and gradient in LossLab.
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>The loss of a batch is the <b>mean</b> over its elements; {@code cce_logits} takes the mean over rows and
 *       {@code kl} the sum over the distribution's outcomes.</li>
 *   <li>The gradient is the derivative of that reduced value with respect to each prediction (so for a mean it is
 *       the elementwise derivative divided by the number of elements).</li>
 *   <li>At a kink the derivative is 0 (|r| at r = 0, hinge at a margin of exactly 1) and so is the second
 *       derivative.</li>
 *   <li>Finite inputs give finite results wherever the mathematics is finite: logits of +-1000, probabilities 0 and
 *       1, residuals of 1e6.</li>
 * </ul>
 * Instances are immutable and safe to share between threads.
 */
public interface Loss {

    /** The loss's kind: id, names, formula, parameters. */
    LossDefinition definition();

    /** The parameter values in the order of {@link LossDefinition#params()}. Callers must not modify it. */
    double[] paramValues();

    /** The {@code eval} identifier, for example {@code huber}. */
    default String id() {
        return definition().id();
    }

    /** The value of the named parameter. */
    default double param(String name) {
        List<ParamSpec> specs = definition().params();
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i).name().equals(name)) {
                return paramValues()[i];
            }
        }
        throw new LossInputException("unknown parameter '" + name + "' for " + id());
    }

    /** Parameter names to values, in declaration order. */
    default Map<String, Double> params() {
        Map<String, Double> map = new LinkedHashMap<>();
        List<ParamSpec> specs = definition().params();
        for (int i = 0; i < specs.size(); i++) {
            map.put(specs.get(i).name(), paramValues()[i]);
        }
        return map;
    }

    /** The spec that {@link Losses#parse} turns back into this loss, for example {@code huber:delta=1.5}. */
    default String spec() {
        List<ParamSpec> specs = definition().params();
        if (specs.isEmpty()) {
            return id();
        }
        StringBuilder sb = new StringBuilder(id()).append(':');
        for (int i = 0; i < specs.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(specs.get(i).name()).append('=').append(formatParam(paramValues()[i]));
        }
        return sb.toString();
    }

    /** A copy of this loss with one parameter changed; the value is checked against its range. */
    default Loss with(String name, double value) {
        Map<String, Double> p = params();
        if (!p.containsKey(name)) {
            throw new LossInputException("unknown parameter '" + name + "' for " + id());
        }
        p.put(name, value);
        return definition().create(p);
    }

    /**
     * How many entries {@link #evaluate}'s {@code elements} output has for a batch of this shape: one per
     * prediction for elementwise losses and {@code kl}, one per row for {@code cce_logits}.
     */
    int elementCount(Shape shape);

    /**
     * Checks a batch and throws {@link LossInputException} with a one-line message naming the first problem:
     * lengths that do not match the shape, a NaN, a label outside the loss's domain.
     */
    void check(double[] prediction, double[] target, Shape shape);

    /**
     * Evaluates a batch. Does not allocate per element.
     *
     * @param prediction the predictions, row-major in {@code shape}
     * @param target     the targets (for {@code cce_logits}: {@code rows} class indices or {@code rows*cols}
     *                   probabilities)
     * @param shape      the shape of {@code prediction}
     * @param elements   output for the unreduced loss of each element (length {@link #elementCount}), or null
     * @param gradient   output for the derivative of the reduced loss with respect to each prediction (length
     *                   {@code shape.size()}), or null
     * @return the reduced loss
     */
    double evaluate(double[] prediction, double[] target, Shape shape, double[] elements, double[] gradient);

    /** Checks, then evaluates a batch into freshly allocated arrays. */
    default Evaluation evaluate(double[] prediction, double[] target, Shape shape) {
        check(prediction, target, shape);
        double[] elements = new double[elementCount(shape)];
        double[] gradient = new double[shape.size()];
        double value = evaluate(prediction, target, shape, elements, gradient);
        return new Evaluation(value, elements, gradient);
    }

    /** Formats a parameter value the way specs write it ({@code 1}, {@code 0.25}, {@code -inf}). */
    static String formatParam(double v) {
        if (v == Double.NEGATIVE_INFINITY) {
            return "-inf";
        }
        if (v == Double.POSITIVE_INFINITY) {
            return "inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        return Double.toString(v);
    }
}
