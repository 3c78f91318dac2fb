package org.losslab.ui.classify;

import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import org.losslab.problem.Bounds;
import org.losslab.ui.AxisTicks;
import org.losslab.ui.FrameScheduler;
import org.losslab.ui.Theme;

/**
 * The plane of the classification view: the points of each class, the model's class probabilities as shading, its
 * decision boundary (and, for margin losses, the margins), and boundaries of other fits to compare.
 * Mouse: click empty space to add a point of the chosen class; press on a point and drag to move it; right-click a
 * point (or shift-click) to delete it.
 */
public final class ClassifyCanvas extends Region {
    /** Class colours (colour-blind safe): A blue, B vermillion, C bluish green. */
    public static final Color[] CLASS_COLOURS = {Color.web("#0072B2"), Color.web("#D55E00"), Color.web("#009E73")};
    /** Class names as shown. */
    public static final String[] CLASS_NAMES = {"A", "B", "C"};

    /** The model as the canvas needs it: class probabilities at a point. */
    public interface Scorer {
        /** Fills {@code out} (length K) with the class probabilities at (x1, x2). */
        void probabilities(double x1, double x2, double[] out);
    }

    /**
     * A line w1 x1 + w2 x2 + b = 0 to draw. For softmax models a pairwise boundary z_i = z_j is drawn only where
     * classes i and j are the two most likely ({@code pairI}, {@code pairJ} &ge; 0).
     */
    public record Line(double w1, double w2, double b, Color colour, double width, boolean dashed, String label,
                       int pairI, int pairJ) {
        public static Line of(double w1, double w2, double b, Color colour, double width, boolean dashed,
                              String label) {
            return new Line(w1, w2, b, colour, width, dashed, label, -1, -1);
        }
    }

    /** Handles the user's edits. */
    public interface Editor {
        void add(double x1, double x2);

        void beginDrag(int index);

        void dragTo(int index, double x1, double x2);

        void endDrag(int index);

        void delete(int index);
    }

    private static final double BASE_LEFT = 52;
    private static final double BASE_BOTTOM = 40;
    private static final double BASE_TOP = 10;
    private static final double BASE_RIGHT = 14;
    private static final int CELL = 4;

    private final Canvas canvas = new Canvas();
    private final FrameScheduler scheduler = new FrameScheduler(this::draw);
    private ClassifyModel model;
    private Editor editor;
    private Bounds view = new Bounds(-4, 4, -4, 4);
    private Scorer scorer;
    private int classes = 2;
    private List<Line> lines = List.of();
    private int[] predicted = new int[0];
    private int dragging = -1;
    private boolean pressedOnPoint;
    private String hover = "";
    private java.util.function.Consumer<String> onHover = s -> { };

    public ClassifyCanvas() {
        getChildren().add(canvas);
        canvas.widthProperty().addListener(o -> scheduler.request());
        canvas.heightProperty().addListener(o -> scheduler.request());
        canvas.setOnMousePressed(this::pressed);
        canvas.setOnMouseDragged(this::dragged);
        canvas.setOnMouseReleased(this::released);
        canvas.setOnMouseMoved(e -> {
            double x1 = toX1(e.getX());
            double x2 = toX2(e.getY());
            onHover.accept(readOut(x1, x2));
        });
        canvas.setOnMouseExited(e -> onHover.accept(""));
        setMinSize(200, 200);
        THEME.onChange(this, scheduler::request);
    }

    public void setModel(ClassifyModel m, Editor e) {
        model = m;
        editor = e;
        m.revisionProperty().addListener(o -> scheduler.request());
        scheduler.request();
    }

    /** The model's probabilities for shading (null: no shading), the number of classes, and lines to draw. */
    public void setScene(Scorer s, int k, List<Line> boundaryLines, int[] predictions) {
        scorer = s;
        classes = k;
        lines = List.copyOf(boundaryLines);
        predicted = predictions.clone();
        scheduler.request();
    }

    public void setView(Bounds b) {
        view = b;
        scheduler.request();
    }

    public Bounds view() {
        return view;
    }

    public List<Line> lines() {
        return lines;
    }

    public void setOnHover(java.util.function.Consumer<String> handler) {
        onHover = handler;
    }

    /** Canvas x of x1 (in the canvas's own coordinates). */
    public double toX(double x1) {
        return left() + (x1 - view.min1()) / (view.max1() - view.min1()) * plotW();
    }

    public double toY(double x2) {
        return top() + (view.max2() - x2) / (view.max2() - view.min2()) * plotH();
    }

    public double toX1(double x) {
        return view.min1() + (x - left()) / plotW() * (view.max1() - view.min1());
    }

    public double toX2(double y) {
        return view.max2() - (y - top()) / plotH() * (view.max2() - view.min2());
    }

    /** The drawing surface (for tests that click on it). */
    public Canvas canvas() {
        return canvas;
    }

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

    /** The radius of a point marker at the current presentation size. */
    public double pointRadius() {
        return THEME.px(model != null && model.size() > 300 ? 3.5 : 5.5);
    }

    private double plotW() {
        return Math.max(1, canvas.getWidth() - left() - right());
    }

    private double plotH() {
        return Math.max(1, canvas.getHeight() - top() - bottom());
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        scheduler.request();
    }

    private String readOut(double x1, double x2) {
        if (x1 < view.min1() || x1 > view.max1() || x2 < view.min2() || x2 > view.max2()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "x1 = %.3f, x2 = %.3f", x1, x2));
        if (scorer != null) {
            double[] p = new double[classes];
            scorer.probabilities(x1, x2, p);
            for (int k = classes == 2 ? 1 : 0; k < classes; k++) {
                sb.append(String.format(java.util.Locale.ROOT, "   P(%s) = %.3f", CLASS_NAMES[k], p[k]));
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- mouse

    private int pick(MouseEvent e) {
        double tol1 = THEME.px(8) / plotW() * (view.max1() - view.min1());
        double tol2 = THEME.px(8) / plotH() * (view.max2() - view.min2());
        return model == null ? -1 : model.nearest(toX1(e.getX()), toX2(e.getY()), tol1, tol2);
    }

    private void pressed(MouseEvent e) {
        if (model == null) {
            return;
        }
        int i = pick(e);
        pressedOnPoint = i >= 0;
        if (i >= 0 && (e.getButton() == MouseButton.SECONDARY || e.isShiftDown())) {
            editor.delete(i);
            pressedOnPoint = false;
            return;
        }
        if (i >= 0 && e.getButton() == MouseButton.PRIMARY) {
            dragging = i;
            editor.beginDrag(i);
        }
    }

    private void dragged(MouseEvent e) {
        if (dragging >= 0) {
            double x1 = clamp(toX1(e.getX()), view.min1(), view.max1());
            double x2 = clamp(toX2(e.getY()), view.min2(), view.max2());
            editor.dragTo(dragging, x1, x2);
        }
    }

    private void released(MouseEvent e) {
        if (dragging >= 0) {
            editor.endDrag(dragging);
            dragging = -1;
            return;
        }
        if (!pressedOnPoint && e.getButton() == MouseButton.PRIMARY && e.isStillSincePress()) {
            double x1 = toX1(e.getX());
            double x2 = toX2(e.getY());
            if (x1 >= view.min1() && x1 <= view.max1() && x2 >= view.min2() && x2 <= view.max2()) {
                editor.add(x1, x2);
            }
        }
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    // ---------------------------------------------------------------- drawing

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(THEME.background());
        g.fillRect(0, 0, w, h);
        if (w < 60 || h < 60) {
            return;
        }
        drawShading(g);
        drawAxes(g, w, h);
        g.save();
        g.beginPath();
        g.rect(left(), top(), plotW(), plotH());
        g.clip();
        for (Line l : lines) {
            drawLine(g, l);
        }
        drawPoints(g);
        g.restore();
        g.setStroke(THEME.frame());
        g.setLineWidth(THEME.px(1));
        g.strokeRect(left(), top(), plotW(), plotH());
    }

    private void drawShading(GraphicsContext g) {
        if (scorer == null) {
            return;
        }
        int nx = (int) Math.ceil(plotW() / CELL);
        int ny = (int) Math.ceil(plotH() / CELL);
        int[] argb = new int[nx * ny];
        double[] p = new double[classes];
        Color base = THEME.background();
        for (int j = 0; j < ny; j++) {
            double x2 = toX2(top() + (j + 0.5) * CELL);
            for (int i = 0; i < nx; i++) {
                double x1 = toX1(left() + (i + 0.5) * CELL);
                scorer.probabilities(x1, x2, p);
                argb[j * nx + i] = shade(p, base);
            }
        }
        WritableImage img = new WritableImage(nx, ny);
        img.getPixelWriter().setPixels(0, 0, nx, ny, PixelFormat.getIntArgbInstance(), argb, 0, nx);
        g.setImageSmoothing(true);
        g.drawImage(img, left(), top(), nx * CELL, ny * CELL);
    }

    /**
     * The most likely class's colour, stronger the surer the model is; the background colour (white in the light
     * theme) where all classes are equally likely.
     */
    private static int shade(double[] p, Color base) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        double floor = 1.0 / p.length;
        double conf = Double.isFinite(p[best]) ? (p[best] - floor) / (1 - floor) : 0;
        double a = 0.45 * Math.max(0, Math.min(1, conf));
        Color c = CLASS_COLOURS[best];
        int r = (int) Math.round(255 * (base.getRed() * (1 - a) + c.getRed() * a));
        int gr = (int) Math.round(255 * (base.getGreen() * (1 - a) + c.getGreen() * a));
        int b = (int) Math.round(255 * (base.getBlue() * (1 - a) + c.getBlue() * a));
        return 0xFF000000 | (r << 16) | (gr << 8) | b;
    }

    private void drawLine(GraphicsContext g, Line l) {
        if (!(Double.isFinite(l.w1()) && Double.isFinite(l.w2()) && Double.isFinite(l.b()))
                || (l.w1() == 0 && l.w2() == 0)) {
            return;
        }
        g.setStroke(l.colour());
        g.setLineWidth(THEME.px(l.width()));
        g.setLineDashes(l.dashed() ? new double[] {THEME.px(7), THEME.px(5)} : null);
        // Parametrise along the line: the point nearest the view's centre plus t times the direction.
        double c1 = (view.min1() + view.max1()) / 2;
        double c2 = (view.min2() + view.max2()) / 2;
        double nn = l.w1() * l.w1() + l.w2() * l.w2();
        double off = (l.w1() * c1 + l.w2() * c2 + l.b()) / nn;
        double p1 = c1 - off * l.w1();
        double p2 = c2 - off * l.w2();
        double d1 = -l.w2() / Math.sqrt(nn);
        double d2 = l.w1() / Math.sqrt(nn);
        double span = Math.hypot(view.max1() - view.min1(), view.max2() - view.min2());
        int n = l.pairI() >= 0 ? 400 : 1;
        double[] p = new double[classes];
        for (int s = 0; s < n; s++) {
            double t0 = -span + 2 * span * s / n;
            double t1 = -span + 2 * span * (s + 1) / n;
            if (l.pairI() >= 0) {
                double tm = (t0 + t1) / 2;
                scorer.probabilities(p1 + tm * d1, p2 + tm * d2, p);
                if (!topTwo(p, l.pairI(), l.pairJ())) {
                    continue;
                }
            }
            g.strokeLine(toX(p1 + t0 * d1), toY(p2 + t0 * d2), toX(p1 + t1 * d1), toY(p2 + t1 * d2));
        }
        g.setLineDashes(null);
        double[] clip = clip(p1, p2, d1, d2);
        if (!l.label().isEmpty() && clip != null) {
            // At the end of the visible piece that lies further right (or higher), a little inside the plot.
            double tEnd = (d1 > 0 || (d1 == 0 && d2 > 0)) ? clip[1] : clip[0];
            double t = tEnd - Math.signum(tEnd - (clip[0] + clip[1]) / 2) * 0.08 * (clip[1] - clip[0]);
            double x = toX(p1 + t * d1);
            double y = toY(p2 + t * d2);
            g.setFont(THEME.boldFont(13));
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.BOTTOM);
            double tx = clamp(x - 6, left() + THEME.px(90), left() + plotW() - 4);
            double ty = clamp(y - 4, top() + THEME.px(16), top() + plotH() - 4);
            g.setFill(THEME.background().deriveColor(0, 1, 1, 0.8));
            g.fillText(l.label(), tx + 1, ty + 1);
            g.setFill(THEME.isDark() ? l.colour().brighter() : l.colour().darker());
            g.fillText(l.label(), tx, ty);
        }
    }

    /** The range [t0, t1] of t for which (p1 + t d1, p2 + t d2) is inside the view, or null when none is. */
    private double[] clip(double p1, double p2, double d1, double d2) {
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        double[][] sides = {{p1, d1, view.min1(), view.max1()}, {p2, d2, view.min2(), view.max2()}};
        for (double[] s : sides) {
            if (s[1] == 0) {
                if (s[0] < s[2] || s[0] > s[3]) {
                    return null;
                }
                continue;
            }
            double a = (s[2] - s[0]) / s[1];
            double b = (s[3] - s[0]) / s[1];
            lo = Math.max(lo, Math.min(a, b));
            hi = Math.min(hi, Math.max(a, b));
        }
        return lo < hi ? new double[] {lo, hi} : null;
    }

    private boolean inside(double x, double y) {
        return x >= left() + 2 && x <= left() + plotW() - 2 && y >= top() + 2 && y <= top() + plotH() - 2;
    }

    private static boolean topTwo(double[] p, int i, int j) {
        for (int k = 0; k < p.length; k++) {
            if (k != i && k != j && (p[k] > p[i] || p[k] > p[j])) {
                return false;
            }
        }
        return true;
    }

    private void drawPoints(GraphicsContext g) {
        if (model == null) {
            return;
        }
        double r = pointRadius();
        for (int i = 0; i < model.size(); i++) {
            double x = toX(model.x1(i));
            double y = toY(model.x2(i));
            int k = model.label(i);
            boolean wrong = i < predicted.length && predicted[i] != k;
            g.setFill(CLASS_COLOURS[k % CLASS_COLOURS.length]);
            g.setStroke(THEME.background());
            g.setLineWidth(THEME.px(1.2));
            if (k == 1) {
                g.fillRect(x - r, y - r, 2 * r, 2 * r);
                g.strokeRect(x - r, y - r, 2 * r, 2 * r);
            } else if (k == 2) {
                double[] xs = {x, x + r * 1.2, x - r * 1.2};
                double[] ys = {y - r * 1.25, y + r, y + r};
                g.fillPolygon(xs, ys, 3);
                g.strokePolygon(xs, ys, 3);
            } else {
                g.fillOval(x - r, y - r, 2 * r, 2 * r);
                g.strokeOval(x - r, y - r, 2 * r, 2 * r);
            }
            if (wrong) {
                g.setStroke(THEME.ink());
                g.setLineWidth(THEME.px(1.6));
                double ring = THEME.px(3);
                g.strokeOval(x - r - ring, y - r - ring, 2 * (r + ring), 2 * (r + ring));
            }
        }
    }

    private void drawAxes(GraphicsContext g, double w, double h) {
        g.setFont(THEME.font(12));
        g.setFill(THEME.ink());
        g.setStroke(THEME.frame());
        g.setLineWidth(THEME.px(1));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (double t : AxisTicks.ticks(view.min1(), view.max1(), tickCount(plotW(), 8))) {
            double x = toX(t);
            g.strokeLine(x, top() + plotH(), x, top() + plotH() + THEME.px(4));
            g.fillText(AxisTicks.format(t), x, top() + plotH() + THEME.px(6));
        }
        g.fillText("x1", left() + plotW() / 2, h - THEME.px(16));
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (double t : AxisTicks.ticks(view.min2(), view.max2(), tickCount(plotH(), 7))) {
            double y = toY(t);
            g.strokeLine(left() - THEME.px(4), y, left(), y);
            g.fillText(AxisTicks.format(t), left() - THEME.px(6), y);
        }
        g.save();
        g.translate(THEME.px(14), top() + plotH() / 2);
        g.rotate(-90);
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText("x2", 0, 0);
        g.restore();
    }
}
