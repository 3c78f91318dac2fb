package org.losslab.kernel;

/**
 * The GIoU loss 1 − GIoU of one predicted box against a target box, boxes (x1, y1, x2, y2), as
 * torchvision.ops.generalized_box_iou_loss; see {@link BoxIou} for the formulas and the conventions at degenerate
 * boxes.
 */
public final class Giou {
    private Giou() {
    }

    /**
     * 1 − GIoU with torchvision's ε = 1e-7, and its gradient with respect to the predicted box.
     *
     * @param gradOut output of length 4 (∂L/∂x1, ∂L/∂y1, ∂L/∂x2, ∂L/∂y2), or null
     */
    public static double loss(double[] pred, double[] target, double[] gradOut) {
        return BoxIou.loss(pred, target, true, BoxIou.DEFAULT_EPS, gradOut);
    }

    /** 1 − GIoU with the given ε (0: the exact ratios, 0/0 taken as 0). */
    public static double loss(double[] pred, double[] target, double eps, double[] gradOut) {
        return BoxIou.loss(pred, target, true, eps, gradOut);
    }

    /** GIoU itself (1 − loss), in (−1, 1]. */
    public static double giou(double[] a, double[] b) {
        return BoxIou.giou(a, b);
    }
}
