package org.losslab.kernel;

import java.util.List;

/**
 * The contrastive loss of Hadsell, Chopra and LeCun (2006) for a pair of embeddings at distance d with a label
 * y, where <b>y = 1 means similar</b> and y = 0 dissimilar (the paper writes Y = 0 for similar; LossLab follows
 * the more common modern convention):
 * <pre>
 *   L(d, y)   = y d² / 2 + (1 − y) max(0, m − d)² / 2
 *   dL/dd     = y d − (1 − y) max(0, m − d)
 *   d²L/dd²   = y + (1 − y) [d &lt; m]
 * </pre>
 * Similar pairs are pulled together everywhere; dissimilar pairs are pushed apart only while they are closer than
 * the margin m. The loss is continuously differentiable in d (at d = m both sides of the derivative are 0).
 *
 * <h2>Points form</h2>
 * With the pair given as two points x₁, x₂ in R^k, d = ‖x₁ − x₂‖ (Euclidean, no eps) and by the chain rule
 * <pre>
 *   ∂L/∂x₁ = dL/dd · (x₁ − x₂) / d,    ∂L/∂x₂ = −∂L/∂x₁
 * </pre>
 * At d = 0 the direction (x₁ − x₂)/d is undefined. LossLab defines <b>both gradients as 0 there</b>. For a similar
 * pair this is the true gradient (y d²/2 = y‖x₁ − x₂‖²/2 is smooth with gradient 0 at x₁ = x₂). For a dissimilar
 * pair the loss has a cone-shaped peak m²/2 there; 0 is the centre of its Clarke generalised gradient (the ball of
 * radius m), and it is what PyTorch's norm backward gives at a zero vector. A pair that starts exactly on top of
 * each other therefore does not move; any tiny separation gives the full push of magnitude m.
 *
 * <h2>Batches</h2>
 * As a {@link Loss}: shape (B, 1) holds B distances, or shape (B, 2k) holds B rows of two points (x₁ then x₂, k
 * coordinates each); the target holds B labels 0 or 1. The value is the mean over the B pairs; {@code elements}
 * has one entry per pair.
 */
public final class Contrastive implements Loss {
    /** The margin used when none is given. */
    public static final double DEFAULT_MARGIN = 1.0;

    static final LossDefinition DEFINITION = new LossDefinition("contrastive", "Contrastive (pairs)",
            "L(d, y) = y·d²/2 + (1 − y)·max(0, m − d)²/2   (y = 1 similar, 0 dissimilar)",
            "Learning embeddings from pairs labelled same/different (Siamese networks). Misleads when dissimilar"
                    + " pairs are mostly already beyond the margin: they give no gradient, so the easy pairs"
                    + " teach nothing and the result depends on mining hard pairs; and the margin has the units"
                    + " of the embedding, so it means nothing without a scale (normalise the embeddings).",
            LossFamily.PAIR_DISTANCE,
            List.of(ParamSpec.nonNegative("margin", DEFAULT_MARGIN,
                    "m: dissimilar pairs closer than m are pushed apart, farther ones are left alone")),
            Contrastive::new);

    private final double[] params;
    private final double margin;

    Contrastive(double[] params) {
        this.params = params.clone();
        this.margin = params[0];
    }

    /** A contrastive loss with this margin (must be ≥ 0). */
    public static Contrastive withMargin(double margin) {
        return (Contrastive) DEFINITION.create(java.util.Map.of("margin", margin));
    }

    // ---- single pair, on the distance ----

    /** L(d, y) with the default margin 1. */
    public static double loss(double d, double y) {
        return loss(d, y, DEFAULT_MARGIN);
    }

    /** dL/dd with the default margin 1. */
    public static double dLoss(double d, double y) {
        return dLoss(d, y, DEFAULT_MARGIN);
    }

    /** L(d, y) = y d²/2 + (1 − y) max(0, m − d)²/2. */
    public static double loss(double d, double y, double margin) {
        double gap = Math.max(0.0, margin - d);
        return 0.5 * (y * d * d + (1.0 - y) * gap * gap);
    }

    /** dL/dd = y d − (1 − y) max(0, m − d). */
    public static double dLoss(double d, double y, double margin) {
        return y * d - (1.0 - y) * Math.max(0.0, margin - d);
    }

    /** d²L/dd² = y + (1 − y) [d &lt; m] (0 from the dissimilar part at and beyond the margin). */
    public static double d2Loss(double d, double y, double margin) {
        return y + (1.0 - y) * (d < margin ? 1.0 : 0.0);
    }

    // ---- single pair, on two points ----

    /** The Euclidean distance ‖x₁ − x₂‖ (no eps). */
    public static double distance(double[] x1, double[] x2) {
        requireSameLength(x1, x2);
        return distance(x1, 0, x2, 0, x1.length);
    }

    /**
     * The loss of a pair of points with the gradient with respect to each; d = ‖x₁ − x₂‖, gradients 0 at d = 0.
     *
     * @param g1 output for ∂L/∂x₁ (same length as x₁), or null
     * @param g2 output for ∂L/∂x₂, or null
     */
    public static double loss(double[] x1, double[] x2, double y, double margin, double[] g1, double[] g2) {
        requireSameLength(x1, x2);
        return points(x1, 0, x2, 0, x1.length, y, margin, g1, 0, g2, 0, 1.0);
    }

    private static void requireSameLength(double[] x1, double[] x2) {
        if (x1.length != x2.length || x1.length == 0) {
            throw new LossInputException("the two points of a pair need the same number of coordinates, at least"
                    + " one (got " + x1.length + " and " + x2.length + ")");
        }
    }

    static double distance(double[] a, int aOff, double[] b, int bOff, int k) {
        double sum = 0.0;
        for (int j = 0; j < k; j++) {
            double diff = a[aOff + j] - b[bOff + j];
            sum += diff * diff;
        }
        return Math.sqrt(sum);
    }

    /** One pair from flat arrays; gradients (times {@code scale}) written at {@code g1Off} and {@code g2Off}. */
    private static double points(double[] x1, int off1, double[] x2, int off2, int k, double y, double margin,
                                 double[] g1, int g1Off, double[] g2, int g2Off, double scale) {
        double d = distance(x1, off1, x2, off2, k);
        if (g1 != null || g2 != null) {
            double factor = d > 0 ? dLoss(d, y, margin) / d * scale : 0.0;
            for (int j = 0; j < k; j++) {
                double g = factor * (x1[off1 + j] - x2[off2 + j]);
                if (g1 != null) {
                    g1[g1Off + j] = g;
                }
                if (g2 != null) {
                    g2[g2Off + j] = 0.0 - g; // 0.0 − g: no −0.0 in outputs
                }
            }
        }
        return loss(d, y, margin);
    }

    // ---- Loss ----

    /** The margin m. */
    public double margin() {
        return margin;
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

    /** Whether rows hold two points rather than one distance. */
    static boolean pointRows(Shape shape) {
        return shape.cols() > 1;
    }

    @Override
    public void check(double[] prediction, double[] target, Shape shape) {
        int n = shape.size();
        int cols = shape.cols();
        if (cols > 1 && cols % 2 != 0) {
            throw new LossInputException("contrastive takes rows of one distance or of two points (2k numbers);"
                    + " got rows of " + cols);
        }
        if (prediction.length != n) {
            throw new LossInputException("prediction has " + prediction.length + " values but the shape "
                    + shape.rows() + "," + cols + " needs " + n);
        }
        if (target.length != shape.rows()) {
            throw new LossInputException("contrastive needs one label per pair: " + shape.rows() + " pairs but "
                    + target.length + " labels");
        }
        for (int i = 0; i < n; i++) {
            double v = prediction[i];
            if (!Double.isFinite(v)) {
                throw new LossInputException((cols == 1 ? "distance[" + i + "]" : "point coordinate[" + i + "]")
                        + " = " + Loss.formatParam(v) + " is not a finite number");
            }
            if (cols == 1 && v < 0) {
                throw new LossInputException("distance[" + i + "] = " + Loss.formatParam(v)
                        + " is negative; a distance is >= 0");
            }
        }
        for (int i = 0; i < target.length; i++) {
            if (!(target[i] == 0.0 || target[i] == 1.0)) {
                throw new LossInputException("label[" + i + "] = " + Loss.formatParam(target[i])
                        + " must be 1 (similar) or 0 (dissimilar)");
            }
        }
    }

    @Override
    public double evaluate(double[] prediction, double[] target, Shape shape, double[] elements, double[] gradient) {
        int rows = shape.rows();
        int cols = shape.cols();
        if (rows == 0) {
            return 0.0;
        }
        double inv = 1.0 / rows;
        double sum = 0.0;
        for (int row = 0; row < rows; row++) {
            double y = target[row];
            double v;
            if (cols == 1) {
                double d = prediction[row];
                v = loss(d, y, margin);
                if (gradient != null) {
                    gradient[row] = dLoss(d, y, margin) * inv;
                }
            } else {
                int k = cols / 2;
                int base = row * cols;
                v = points(prediction, base, prediction, base + k, k, y, margin, gradient, base, gradient, base + k,
                        inv);
            }
            sum += v;
            if (elements != null) {
                elements[row] = v;
            }
        }
        return sum / rows;
    }

    @Override
    public String toString() {
        return spec();
    }
}
