package org.losslab.kernel;

import java.util.List;
import java.util.Map;

/**
 * The triplet margin loss, as PyTorch's {@code torch.nn.TripletMarginLoss(margin, p=2, eps, swap=False)}:
 * <pre>
 *   L(a, p, n) = max(0, d(a, p) − d(a, n) + m),    d(x, y) = ‖x − y + ε·1‖₂
 * </pre>
 * where 1 is the vector of ones. The ε inside the norm is PyTorch's {@code pairwise_distance} (documented as
 * dist(x, y) = ‖x − y + εe‖_p, default ε = 1e-6); LossLab adds it too, with the same default, so that its numbers
 * match PyTorch's to rounding. Set {@code eps=0} for the plain Euclidean distance. Note that with ε &gt; 0 the
 * "distance" is not symmetric: d(x, y) ≠ d(y, x) in the last digits.
 *
 * <p>Gradients, with u(x, y) = (x − y + ε)/d(x, y) the unit direction and h = d(a, p) − d(a, n) + m:
 * <pre>
 *   h &gt; 0:  ∂L/∂a = u(a, p) − u(a, n),   ∂L/∂p = −u(a, p),   ∂L/∂n = u(a, n)
 *   h ≤ 0:  all gradients 0 (the triplet is satisfied)
 * </pre>
 * Conventions: at h = 0 exactly the gradient is 0 (LossLab's kink convention, as for {@code hinge}; PyTorch's
 * {@code clamp_min} passes the active side's gradient there instead); where a distance is 0 its direction u is
 * taken as 0 (as PyTorch's norm backward does at a zero vector).
 *
 * <h2>Batches</h2>
 * As a {@link Loss}: shape (B, 3k), each row the anchor, the positive and the negative, k coordinates each; no
 * target (an empty array). The value is the mean over the B triplets (PyTorch's reduction='mean').
 */
public final class Triplet implements Loss {
    /** PyTorch's default margin. */
    public static final double DEFAULT_MARGIN = 1.0;
    /** PyTorch's default eps of {@code pairwise_distance}. */
    public static final double DEFAULT_EPS = 1e-6;

    static final LossDefinition DEFINITION = new LossDefinition("triplet", "Triplet margin",
            "L(a, p, n) = max(0, ‖a − p + ε‖ − ‖a − n + ε‖ + m)",
            "Learning embeddings where an anchor must sit closer to a positive than to a negative by a margin"
                    + " (face recognition, retrieval). Misleads when most triplets already satisfy the margin:"
                    + " the mean is then driven by a few hard ones, and random triplets give almost no signal;"
                    + " a zero loss does not mean the embedding separates classes globally.",
            LossFamily.TRIPLET,
            List.of(ParamSpec.nonNegative("margin", DEFAULT_MARGIN,
                            "m: how much closer the positive must be than the negative"),
                    ParamSpec.nonNegative("eps", DEFAULT_EPS,
                            "added to each coordinate difference inside the norm, as PyTorch (0: exact distance)")),
            Triplet::new);

    private final double[] params;
    private final double margin;
    private final double eps;

    Triplet(double[] params) {
        this.params = params.clone();
        this.margin = params[0];
        this.eps = params[1];
    }

    /** A triplet loss with this margin and eps. */
    public static Triplet of(double margin, double eps) {
        return (Triplet) DEFINITION.create(Map.of("margin", margin, "eps", eps));
    }

    // ---- single triplet ----

    /** PyTorch's pairwise distance ‖x − y + ε·1‖₂. */
    public static double distance(double[] x, double[] y, double eps) {
        if (x.length != y.length) {
            throw new LossInputException("points of different lengths: " + x.length + " and " + y.length);
        }
        return distance(x, 0, y, 0, x.length, eps);
    }

    /** The loss of one triplet with PyTorch's defaults (margin 1, eps 1e-6); any gradient output may be null. */
    public static double loss(double[] a, double[] p, double[] n, double[] ga, double[] gp, double[] gn) {
        return loss(a, p, n, DEFAULT_MARGIN, DEFAULT_EPS, ga, gp, gn);
    }

    /**
     * The loss of one triplet and its gradients with respect to the anchor, the positive and the negative.
     *
     * @param ga output for ∂L/∂a (same length as a), or null; likewise gp and gn
     */
    public static double loss(double[] a, double[] p, double[] n, double margin, double eps,
                              double[] ga, double[] gp, double[] gn) {
        int k = a.length;
        if (k == 0 || p.length != k || n.length != k) {
            throw new LossInputException("anchor, positive and negative need the same number of coordinates, at"
                    + " least one (got " + a.length + ", " + p.length + ", " + n.length + ")");
        }
        return triplet(a, 0, p, 0, n, 0, k, margin, eps, ga, 0, gp, 0, gn, 0, 1.0);
    }

    static double distance(double[] x, int xOff, double[] y, int yOff, int k, double eps) {
        double sum = 0.0;
        for (int j = 0; j < k; j++) {
            double diff = x[xOff + j] - y[yOff + j] + eps;
            sum += diff * diff;
        }
        return Math.sqrt(sum);
    }

    private static double triplet(double[] a, int aOff, double[] p, int pOff, double[] n, int nOff, int k,
                                  double margin, double eps, double[] ga, int gaOff, double[] gp, int gpOff,
                                  double[] gn, int gnOff, double scale) {
        double dap = distance(a, aOff, p, pOff, k, eps);
        double dan = distance(a, aOff, n, nOff, k, eps);
        double h = dap - dan + margin;
        boolean active = h > 0;
        double fp = active && dap > 0 ? scale / dap : 0.0;
        double fn = active && dan > 0 ? scale / dan : 0.0;
        for (int j = 0; j < k; j++) {
            double up = fp * (a[aOff + j] - p[pOff + j] + eps);
            double un = fn * (a[aOff + j] - n[nOff + j] + eps);
            if (ga != null) {
                ga[gaOff + j] = up - un;
            }
            if (gp != null) {
                gp[gpOff + j] = 0.0 - up; // no −0.0 in outputs
            }
            if (gn != null) {
                gn[gnOff + j] = un;
            }
        }
        return active ? h : 0.0;
    }

    // ---- Loss ----

    public double margin() {
        return margin;
    }

    public double eps() {
        return eps;
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

    @Override
    public void check(double[] prediction, double[] target, Shape shape) {
        int cols = shape.cols();
        if (cols % 3 != 0) {
            throw new LossInputException("triplet takes rows of 3k numbers (anchor, positive, negative with k"
                    + " coordinates each); got rows of " + cols);
        }
        int n = shape.size();
        if (prediction.length != n) {
            throw new LossInputException("prediction has " + prediction.length + " values but the shape "
                    + shape.rows() + "," + cols + " needs " + n);
        }
        if (target.length != 0) {
            throw new LossInputException("triplet takes no target (got " + target.length + " values)");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(prediction[i])) {
                int k = cols / 3;
                int row = i / cols;
                int part = (i % cols) / k;
                String name = part == 0 ? "anchor" : part == 1 ? "positive" : "negative";
                throw new LossInputException(name + " " + row + " coordinate " + (i % k) + " = "
                        + Loss.formatParam(prediction[i]) + " is not a finite number");
            }
        }
    }

    @Override
    public double evaluate(double[] prediction, double[] target, Shape shape, double[] elements, double[] gradient) {
        int rows = shape.rows();
        if (rows == 0) {
            return 0.0;
        }
        int cols = shape.cols();
        int k = cols / 3;
        double inv = 1.0 / rows;
        double sum = 0.0;
        for (int row = 0; row < rows; row++) {
            int base = row * cols;
            double v = triplet(prediction, base, prediction, base + k, prediction, base + 2 * k, k, margin, eps,
                    gradient, base, gradient, base + k, gradient, base + 2 * k, inv);
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
