package org.losslab.ui.data;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import org.losslab.ui.AxisTicks;
import org.losslab.ui.FrameScheduler;
import org.losslab.ui.Theme;

/**
 * The scatter plot of the data view: points (training filled, validation hollow), the fitted lines in their
 * losses' colours, and for the selected loss each point's share of the total loss (marker area) and its pull
 * ψ = ∂loss/∂prediction (an arrow along y, pointing where the loss wants the prediction to go, that is against ψ).
 * Mouse: press on a point and drag to move it; click empty space to add a point; right-click a point to delete it;
 * with the validation mode on, a click on a point toggles it.
 */
public final class DataCanvas extends Region {
    /** A fitted curve to draw: y as a function of x over the visible range. */
    public record FitLine(java.util.function.DoubleUnaryOperator f, Color colour, boolean selected) {
    }

    /** Handles the user's edits. */
    public interface Editor {
        void add(double x, double y);

        void beginDrag(int index);

        void dragTo(int index, double x, double y);

        void endDrag(int index);

        void delete(int index);

        void toggle(int index);
    }

    private static final double BASE_LEFT = 56;
    private static final double BASE_BOTTOM = 40;
    private static final double BASE_TOP = 10;
    private static final double BASE_RIGHT = 14;

    private final Canvas canvas = new Canvas();
    private final FrameScheduler scheduler = new FrameScheduler(this::draw);
    private DataModel model;
    private Editor editor;
    private double minX = 0;
    private double maxX = 10;
    private double minY = 0;
    private double maxY = 10;
    private List<FitLine> lines = List.of();
    private double[] shares = new double[0];
    private double[] pulls = new double[0];
    private double[] fitted = new double[0];
    private int dragging = -1;
    private int selected = -1;
    private boolean validationMode;
    private boolean pressedOnPoint;

    public DataCanvas() {
        getChildren().add(canvas);
        canvas.setFocusTraversable(true);
        canvas.widthProperty().addListener(o -> scheduler.request());
        canvas.heightProperty().addListener(o -> scheduler.request());
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        THEME.onChange(this, scheduler::request);
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
    }

    public void setModel(DataModel m, Editor e) {
        model = m;
        editor = e;
        scheduler.request();
    }

    /** Sets the visible data range. */
    public void setRange(double x0, double x1, double y0, double y1) {
        minX = x0;
        maxX = x1;
        minY = y0;
        maxY = y1;
        scheduler.request();
    }

    public double[] range() {
        return new double[] {minX, maxX, minY, maxY};
    }

    /**
     * The fitted lines, and for the selected loss each point's share of the total loss (fractions summing to 1),
     * its pull ψ_i and the fitted value at x_i (arrays may be empty).
     */
    public void setFits(List<FitLine> fitLines, double[] pointShares, double[] pointPulls, double[] pointFitted) {
        lines = new ArrayList<>(fitLines);
        shares = pointShares.clone();
        pulls = pointPulls.clone();
        fitted = pointFitted.clone();
        scheduler.request();
    }

    public void setValidationMode(boolean on) {
        validationMode = on;
    }

    /** Redraws on the next pulse (the points changed). */
    public void refresh() {
        scheduler.request();
    }

    /** The point last pressed (for the Delete key), or -1. */
    public int selectedPoint() {
        return selected;
    }

    public void clearSelection() {
        selected = -1;
        scheduler.request();
    }

    public boolean isDragging() {
        return dragging >= 0;
    }

    // ---- coordinates ----

    private static final Theme THEME = Theme.get();

    /** At most {@code most} ticks, fewer when the scaled labels would not fit along {@code length} pixels. */
    private static int tickCount(double length, int most) {
        return Math.max(2, Math.min(most, (int) (length / THEME.px(30))));
    }

    private double left() {
        return THEME.px(BASE_LEFT);
    }

    private double right() {
        return THEME.px(BASE_RIGHT);
    }

    private double top() {
        return THEME.px(BASE_TOP);
    }

    private double bottom() {
        return THEME.px(BASE_BOTTOM);
    }

    /** The width of a fitted line (the selected loss's or another's) at the current presentation size. */
    public double lineWidth(boolean selectedLine) {
        return THEME.px(selectedLine ? 3.2 : 2.2);
    }

    private double plotW() {
        return Math.max(1, canvas.getWidth() - left() - right());
    }

    private double plotH() {
        return Math.max(1, canvas.getHeight() - top() - bottom());
    }

    public double toScreenX(double x) {
        return left() + (x - minX) / (maxX - minX) * plotW();
    }

    public double toScreenY(double y) {
        return top() + (maxY - y) / (maxY - minY) * plotH();
    }

    public double toDataX(double sx) {
        return minX + (sx - left()) / plotW() * (maxX - minX);
    }

    public double toDataY(double sy) {
        return maxY - (sy - top()) / plotH() * (maxY - minY);
    }

    private int hit(MouseEvent e) {
        if (model == null) {
            return -1;
        }
        double tolX = THEME.px(9) / plotW() * (maxX - minX);
        double tolY = THEME.px(9) / plotH() * (maxY - minY);
        return model.nearest(toDataX(e.getX()), toDataY(e.getY()), tolX, tolY);
    }

    // ---- mouse ----

    private void pressed(MouseEvent e) {
        canvas.requestFocus();
        int i = hit(e);
        pressedOnPoint = i >= 0;
        if (i < 0) {
            return;
        }
        selected = i;
        if (e.getButton() == MouseButton.SECONDARY) {
            editor.delete(i);
            selected = -1;
            pressedOnPoint = false;
            return;
        }
        if (validationMode) {
            editor.toggle(i);
            return;
        }
        dragging = i;
        editor.beginDrag(i);
    }

    private void dragged(MouseEvent e) {
        if (dragging >= 0) {
            editor.dragTo(dragging, toDataX(e.getX()), toDataY(e.getY()));
        }
    }

    private void released(MouseEvent e) {
        if (dragging >= 0) {
            int i = dragging;
            dragging = -1;
            editor.endDrag(i);
            return;
        }
        if (!pressedOnPoint && e.getButton() == MouseButton.PRIMARY && e.isStillSincePress()
                && e.getX() >= left() && e.getX() <= left() + plotW() && e.getY() >= top() && e.getY() <= top() + plotH()) {
            editor.add(toDataX(e.getX()), toDataY(e.getY()));
        }
    }

    // ---- drawing ----

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(THEME.background());
        g.fillRect(0, 0, w, h);
        if (model == null || w < left() + right() + 10 || h < top() + bottom() + 10) {
            return;
        }
        drawGrid(g);
        g.save();
        g.beginPath();
        g.rect(left(), top(), plotW(), plotH());
        g.clip();
        for (FitLine line : lines) {
            g.setStroke(line.colour());
            g.setLineWidth(lineWidth(line.selected()));
            int steps = 200;
            g.beginPath();
            for (int k = 0; k <= steps; k++) {
                double x = minX + (maxX - minX) * k / steps;
                double y = line.f().applyAsDouble(x);
                double sy = Math.max(-1e5, Math.min(1e5, toScreenY(y)));
                if (k == 0) {
                    g.moveTo(toScreenX(x), sy);
                } else {
                    g.lineTo(toScreenX(x), sy);
                }
            }
            g.stroke();
        }
        int n = model.size();
        boolean withShares = shares.length == n && n > 0;
        boolean withPulls = pulls.length == n && fitted.length == n;
        double maxPull = 0;
        if (withPulls) {
            for (double p : pulls) {
                maxPull = Math.max(maxPull, Math.abs(p));
            }
        }
        for (int i = 0; i < n; i++) {
            double sx = toScreenX(model.x(i));
            double sy = toScreenY(model.y(i));
            if (withPulls && maxPull > 0 && Math.abs(pulls[i]) > 0) {
                // The pull moves the fitted value towards the point: an arrow from the fit, along -ψ.
                double len = THEME.px(38) * Math.abs(pulls[i]) / maxPull;
                double fy = toScreenY(fitted[i]);
                double dir = pulls[i] > 0 ? 1 : -1; // ψ > 0: prediction too high, the loss pushes it down
                double y1 = fy + dir * len;
                g.setStroke(THEME.muted().deriveColor(0, 1, 1, 0.8));
                g.setLineWidth(THEME.px(1.6));
                g.strokeLine(sx, fy, sx, y1);
                g.strokeLine(sx, y1, sx - THEME.px(4), y1 - dir * THEME.px(6));
                g.strokeLine(sx, y1, sx + THEME.px(4), y1 - dir * THEME.px(6));
            }
            double r = THEME.px(5);
            if (withShares) {
                // Marker area proportional to the point's share of the total loss.
                r = THEME.px(3.5 + 22 * Math.sqrt(Math.max(0, shares[i])));
            }
            boolean validation = model.isValidation(i);
            g.setLineWidth(THEME.px(i == selected ? 3 : 1.5));
            if (validation) {
                g.setFill(THEME.background().deriveColor(0, 1, 1, 0.9));
                g.fillOval(sx - r, sy - r, 2 * r, 2 * r);
                g.setStroke(Color.web(THEME.isDark() ? "#CC79A7" : "#7b1fa2"));
                g.strokeRect(sx - r, sy - r, 2 * r, 2 * r);
            } else {
                g.setFill(THEME.ink().deriveColor(0, 1, 1, withShares ? 0.35 : 0.8));
                g.fillOval(sx - r, sy - r, 2 * r, 2 * r);
                g.setStroke(THEME.ink());
                g.strokeOval(sx - r, sy - r, 2 * r, 2 * r);
            }
        }
        g.restore();
        g.setStroke(THEME.frame());
        g.setLineWidth(THEME.px(1));
        g.strokeRect(left(), top(), plotW(), plotH());
    }

    private void drawGrid(GraphicsContext g) {
        g.setFont(THEME.font(13));
        g.setFill(THEME.ink());
        g.setStroke(THEME.grid());
        g.setLineWidth(THEME.px(1));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (double t : AxisTicks.ticks(minX, maxX, tickCount(plotW(), 8))) {
            double x = toScreenX(t);
            g.strokeLine(x, top(), x, top() + plotH());
            g.fillText(AxisTicks.format(t), x, top() + plotH() + THEME.px(5));
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (double t : AxisTicks.ticks(minY, maxY, tickCount(plotH(), 6))) {
            double y = toScreenY(t);
            g.strokeLine(left(), y, left() + plotW(), y);
            g.fillText(AxisTicks.format(t), left() - THEME.px(6), y);
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.BOTTOM);
        g.setFont(THEME.font(14));
        g.fillText("x", left() + plotW() / 2, canvas.getHeight() - 2);
        g.fillText("y", THEME.px(12), top() + plotH() / 2);
    }
}
