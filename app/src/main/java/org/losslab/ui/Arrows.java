package org.losslab.ui;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/** Arrows on a canvas: a shaft and a filled head, for gradients and descent directions. */
public final class Arrows {
    private Arrows() {
    }

    /**
     * An arrow from (x, y) by (dx, dy) in canvas pixels; nothing when it would be shorter than 2 pixels.
     *
     * @param head the head's length in pixels (its half-width is half of that)
     */
    public static void draw(GraphicsContext g, double x, double y, double dx, double dy, Color colour, double width,
                            double head) {
        double l = Math.hypot(dx, dy);
        if (l < 2) {
            return;
        }
        g.setStroke(colour);
        g.setFill(colour);
        g.setLineWidth(width);
        g.strokeLine(x, y, x + dx, y + dy);
        double ux = dx / l;
        double uy = dy / l;
        double hx = x + dx;
        double hy = y + dy;
        double half = head / 2;
        g.fillPolygon(new double[] {hx, hx - head * ux - half * uy, hx - head * ux + half * uy},
                new double[] {hy, hy - head * uy + half * ux, hy - head * uy - half * ux}, 3);
    }
}
