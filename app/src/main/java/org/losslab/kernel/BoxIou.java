package org.losslab.kernel;

import java.util.List;

/**
 * The IoU loss 1 − IoU and the GIoU loss 1 − GIoU (Rezatofighi et al. 2019) of a predicted axis-aligned box
 * against a target box, both (x1, y1, x2, y2) with x2 ≥ x1 and y2 ≥ y1, computed as
 * {@code torchvision.ops.generalized_box_iou_loss} does (in double precision):
 * <pre>
 *   I    = max(0, min(x2, x2ᵗ) − max(x1, x1ᵗ)) · max(0, min(y2, y2ᵗ) − max(y1, y1ᵗ))   (0 unless both factors &gt; 0)
 *   U    = area(pred) + area(target) − I
 *   IoU  = I / (U + ε)
 *   C    = (max(x2, x2ᵗ) − min(x1, x1ᵗ)) · (max(y2, y2ᵗ) − min(y1, y1ᵗ))   (the smallest enclosing box)
 *   GIoU = IoU − (C − U) / (C + ε)
 * </pre>
 * with torchvision's ε = 1e-7 by default ({@code eps} parameter; 0 gives the exact ratios). Gradients are with
 * respect to the predicted box's four coordinates, by the chain rule through I, U and C.
 *
 * <h2>Degenerate cases (conventions)</h2>
 * <ul>
 *   <li><b>No overlap</b> (including boxes that only touch along an edge or at a corner): I = 0 and its gradient
 *       is 0, as in torchvision, whose intersection is 0 with no gradient unless both overlap lengths are
 *       strictly positive (the clamp max(0, ·) at its kink takes derivative 0, LossLab's kink convention). So the
 *       IoU loss is 1 with a <b>zero gradient</b>: it gives no signal to move a box toward a target it does not
 *       touch. GIoU's enclosing-box term still gives one, pulling the box toward the target.</li>
 *   <li><b>Zero-area boxes</b>: with ε &gt; 0 the formulas above apply as written; two zero-area boxes have
 *       U = 0, so IoU = 0/ε = 0 (torchvision's value). With ε = 0 a ratio 0/0 (U = 0, or C = 0) is defined as 0,
 *       the same limit, and its gradient as 0.</li>
 *   <li><b>Where a max or min switches</b> (a predicted edge level with the target's, such as identical boxes or
 *       a box sharing an edge with the one it is inside), the derivative of max(a, b) or min(a, b) is ½ for each
 *       argument: PyTorch's backward rule for {@code torch.maximum}/{@code minimum}, so these gradients are those
 *       of autograd on torchvision's code; it is also the mean of the two one-sided derivatives. This makes the
 *       gradient exactly 0 (up to ε) at identical boxes, the minimum.</li>
 *   <li>A box inside the other: no special case; I is the smaller box's area.</li>
 *   <li>Invalid boxes (x2 &lt; x1 or y2 &lt; y1) and non-finite coordinates are refused with a
 *       {@link LossInputException}.</li>
 * </ul>
 *
 * <h2>Batches</h2>
 * As a {@link Loss}: shape (B, 4) holds B predicted boxes and the target B boxes (4B numbers). The value is the
 * mean over the boxes (torchvision's reduction='mean').
 */
public final class BoxIou implements Loss {
    /** torchvision's default ε. */
    public static final double DEFAULT_EPS = 1e-7;

    private static ParamSpec epsParam() {
        return ParamSpec.nonNegative("eps", DEFAULT_EPS,
                "added to the union (and enclosing area) in the denominators, as torchvision (0: exact ratio)");
    }

    static final LossDefinition IOU = new LossDefinition("iou", "IoU loss (boxes)",
            "L = 1 − IoU = 1 − |A ∩ B| / |A ∪ B|",
            "Box regression scored the way detections are judged: scale-invariant, 0 for a perfect box."
                    + " Misleads when the boxes do not overlap: the loss is 1 wherever the box is, with zero"
                    + " gradient, so a far-off box gets no signal at all (use giou).",
            LossFamily.BOX, List.of(epsParam()), p -> new BoxIou(p, false));

    static final LossDefinition GIOU = new LossDefinition("giou", "Generalized IoU loss (boxes)",
            "L = 1 − GIoU,  GIoU = IoU − |C \\ (A ∪ B)| / |C|,  C the smallest box enclosing A and B",
            "Box regression that still pulls a non-overlapping box toward its target (loss in [0, 2))."
                    + " Misleads when one box contains the other: then C is the larger box, the penalty is 0 and"
                    + " GIoU is just IoU, so it converges as slowly as IoU along those directions.",
            LossFamily.BOX, List.of(epsParam()), p -> new BoxIou(p, true));

    private final double[] params;
    private final double eps;
    private final boolean generalized;

    private BoxIou(double[] params, boolean generalized) {
        this.params = params.clone();
        this.eps = params[0];
        this.generalized = generalized;
    }

    /** Whether this is the GIoU loss (else the IoU loss). */
    public boolean generalized() {
        return generalized;
    }

    public double eps() {
        return eps;
    }

    // ---- one box ----

    /**
     * The IoU loss or the GIoU loss of one predicted box against its target, and the gradient with respect to the
     * predicted box.
     *
     * @param gradOut output of length 4 for (∂L/∂x1, ∂L/∂y1, ∂L/∂x2, ∂L/∂y2) of the prediction, or null
     * @throws LossInputException for a box that is not four finite numbers with x2 ≥ x1 and y2 ≥ y1
     */
    public static double loss(double[] pred, double[] target, boolean generalized, double eps, double[] gradOut) {
        requireBox(pred, 0, "predicted box");
        requireBox(target, 0, "target box");
        if (pred.length != 4 || target.length != 4) {
            throw new LossInputException("a box is 4 numbers x1, y1, x2, y2 (got " + pred.length + " and "
                    + target.length + ")");
        }
        return box(pred, 0, target, 0, generalized, eps, gradOut, 0, 1.0, null);
    }

    /** IoU (not the loss) of two boxes with torchvision's ε. */
    public static double iou(double[] a, double[] b) {
        return 1.0 - loss(a, b, false, DEFAULT_EPS, null);
    }

    /** GIoU (not the loss) of two boxes with torchvision's ε, in (−1, 1]. */
    public static double giou(double[] a, double[] b) {
        return 1.0 - loss(a, b, true, DEFAULT_EPS, null);
    }

    /**
     * The intersection I, the union U and the enclosing area C of two valid boxes, for display: {I, U, C}.
     */
    public static double[] areas(double[] a, double[] b) {
        requireBox(a, 0, "box");
        requireBox(b, 0, "box");
        double[] out = new double[3];
        box(a, 0, b, 0, true, 0.0, null, 0, 1.0, out);
        return out;
    }

    /** Checks that box {@code index} of a flat array is four finite numbers with x2 ≥ x1 and y2 ≥ y1. */
    static void requireBox(double[] boxes, int index, String what) {
        int o = 4 * index;
        if (boxes.length < o + 4) {
            throw new LossInputException(what + " needs 4 numbers x1, y1, x2, y2 (got " + (boxes.length - o) + ")");
        }
        for (int j = 0; j < 4; j++) {
            if (!Double.isFinite(boxes[o + j])) {
                throw new LossInputException(what + " " + describe(boxes, o) + ": coordinate " + j
                        + " is not a finite number");
            }
        }
        if (boxes[o + 2] < boxes[o] || boxes[o + 3] < boxes[o + 1]) {
            String bad = boxes[o + 2] < boxes[o] ? "x2 < x1" : "y2 < y1";
            throw new LossInputException(what + " " + describe(boxes, o) + " has " + bad
                    + "; boxes are (x1, y1, x2, y2) with x2 >= x1 and y2 >= y1");
        }
    }

    private static String describe(double[] b, int o) {
        return "(" + Loss.formatParam(b[o]) + ", " + Loss.formatParam(b[o + 1]) + ", " + Loss.formatParam(b[o + 2])
                + ", " + Loss.formatParam(b[o + 3]) + ")";
    }

    /**
     * d max(u, v)/du with PyTorch's tie rule: 1 if u &gt; v, ½ if u = v, else 0. The same number is
     * d min(v, u)/dv, since min picks v exactly where max picks u.
     */
    private static double above(double u, double v) {
        return u > v ? 1.0 : (u == v ? 0.5 : 0.0);
    }

    /**
     * One box pair from flat arrays. The gradient (times {@code scale}) goes to {@code grad[gOff..gOff+3]};
     * {@code areas}, if not null, receives {I, U, C}.
     */
    private static double box(double[] p, int po, double[] t, int to, boolean generalized, double eps,
                              double[] grad, int gOff, double scale, double[] areas) {
        double px1 = p[po];
        double py1 = p[po + 1];
        double px2 = p[po + 2];
        double py2 = p[po + 3];
        double tx1 = t[to];
        double ty1 = t[to + 1];
        double tx2 = t[to + 2];
        double ty2 = t[to + 3];
        double pw = px2 - px1;
        double ph = py2 - py1;
        double areaP = pw * ph;
        double areaT = (tx2 - tx1) * (ty2 - ty1);

        // Intersection: edges max(x1, x1t), min(x2, x2t); a_.. = d edge / d predicted coordinate.
        double ix1 = Math.max(px1, tx1);
        double ix2 = Math.min(px2, tx2);
        double iy1 = Math.max(py1, ty1);
        double iy2 = Math.min(py2, ty2);
        double iw = ix2 - ix1;
        double ih = iy2 - iy1;
        boolean overlap = iw > 0 && ih > 0;
        double inter = overlap ? iw * ih : 0.0;
        double dI1x = 0;
        double dI1y = 0;
        double dI2x = 0;
        double dI2y = 0;
        if (overlap) {
            dI1x = -above(px1, tx1) * ih;
            dI2x = above(tx2, px2) * ih;
            dI1y = -above(py1, ty1) * iw;
            dI2y = above(ty2, py2) * iw;
        }
        double union = areaP + areaT - inter;
        // d U = d area(P) − d I
        double dU1x = -ph - dI1x;
        double dU2x = ph - dI2x;
        double dU1y = -pw - dI1y;
        double dU2y = pw - dI2y;

        double denU = union + eps;
        double iou = denU > 0 ? inter / denU : 0.0;
        // d IoU = dI / denU − I dU / denU²
        double g1x = 0;
        double g1y = 0;
        double g2x = 0;
        double g2y = 0;
        if (denU > 0) {
            double r = inter / (denU * denU);
            g1x = dI1x / denU - r * dU1x;
            g2x = dI2x / denU - r * dU2x;
            g1y = dI1y / denU - r * dU1y;
            g2y = dI2y / denU - r * dU2y;
        }
        double value = 1.0 - iou;
        double encl = 0.0;
        if (generalized || areas != null) {
            double cx1 = Math.min(px1, tx1);
            double cx2 = Math.max(px2, tx2);
            double cy1 = Math.min(py1, ty1);
            double cy2 = Math.max(py2, ty2);
            double cw = cx2 - cx1;
            double ch = cy2 - cy1;
            encl = cw * ch;
            if (generalized) {
                double denC = encl + eps;
                double penalty = denC > 0 ? (encl - union) / denC : 0.0;
                value = 1.0 - (iou - penalty);
                if (denC > 0) {
                    // d penalty = dC (U + ε) / denC² − dU / denC
                    double dC1x = -above(tx1, px1) * ch;
                    double dC2x = above(px2, tx2) * ch;
                    double dC1y = -above(ty1, py1) * cw;
                    double dC2y = above(py2, ty2) * cw;
                    double q = (union + eps) / (denC * denC);
                    g1x -= dC1x * q - dU1x / denC;
                    g2x -= dC2x * q - dU2x / denC;
                    g1y -= dC1y * q - dU1y / denC;
                    g2y -= dC2y * q - dU2y / denC;
                }
            }
        }
        if (areas != null) {
            areas[0] = inter;
            areas[1] = union;
            areas[2] = encl;
        }
        if (grad != null) {
            // the loss is 1 − (IoU or GIoU): its gradient is minus theirs (0.0 − x: no −0.0 in outputs)
            grad[gOff] = 0.0 - g1x * scale;
            grad[gOff + 1] = 0.0 - g1y * scale;
            grad[gOff + 2] = 0.0 - g2x * scale;
            grad[gOff + 3] = 0.0 - g2y * scale;
        }
        return value;
    }

    // ---- Loss ----

    @Override
    public LossDefinition definition() {
        return generalized ? GIOU : IOU;
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
        if (shape.cols() != 4) {
            throw new LossInputException(id() + " takes rows of 4 numbers (x1, y1, x2, y2); got rows of "
                    + shape.cols());
        }
        int n = shape.size();
        if (prediction.length != n) {
            throw new LossInputException("prediction has " + prediction.length + " values but the shape "
                    + shape.rows() + "," + shape.cols() + " needs " + n);
        }
        if (target.length != n) {
            throw new LossInputException("target has " + target.length + " values but " + shape.rows()
                    + " predicted boxes need " + n + " (one target box each)");
        }
        for (int i = 0; i < shape.rows(); i++) {
            requireBox(prediction, i, "predicted box " + i);
            requireBox(target, i, "target box " + i);
        }
    }

    @Override
    public double evaluate(double[] prediction, double[] target, Shape shape, double[] elements, double[] gradient) {
        int rows = shape.rows();
        if (rows == 0) {
            return 0.0;
        }
        double inv = 1.0 / rows;
        double sum = 0.0;
        for (int row = 0; row < rows; row++) {
            double v = box(prediction, 4 * row, target, 4 * row, generalized, eps, gradient, 4 * row, inv, null);
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
