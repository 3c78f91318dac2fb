package org.losslab.kernel;

/**
 * The IoU loss 1 − IoU of one predicted box against a target box, boxes (x1, y1, x2, y2); see {@link BoxIou} for
 * the formulas and the conventions at degenerate boxes (no overlap: loss 1, gradient 0).
 */
public final class Iou {
    private Iou() {
    }

    /**
     * 1 − IoU with torchvision's ε = 1e-7, and its gradient with respect to the predicted box.
     *
     * @param gradOut output of length 4 (∂L/∂x1, ∂L/∂y1, ∂L/∂x2, ∂L/∂y2), or null
     */
    public static double loss(double[] pred, double[] target, double[] gradOut) {
        return BoxIou.loss(pred, target, false, BoxIou.DEFAULT_EPS, gradOut);
    }

    /** 1 − IoU with the given ε (0: the exact ratio, 0/0 taken as 0). */
    public static double loss(double[] pred, double[] target, double eps, double[] gradOut) {
        return BoxIou.loss(pred, target, false, eps, gradOut);
    }

    /** IoU itself (1 − loss), in [0, 1]. */
    public static double iou(double[] a, double[] b) {
        return BoxIou.iou(a, b);
    }
}
