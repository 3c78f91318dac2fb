package org.losslab.ui.landscape;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.CornerRadii;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import org.losslab.problem.Bounds;
import org.losslab.ui.AxisTicks;
import org.losslab.ui.FrameScheduler;
import org.losslab.ui.Theme;

/**
 * Draws a loss surface as a heat map with contour lines, minima markers, trajectories, axes in parameter units and
 * a colour bar. The heat map is one image filled from an int ARGB buffer and reused while its size stays the same;
 * it and everything else that changes rarely are on one Canvas, the trajectories on a {@link TrailLayer} above it
 * (which repaints only what a frame adds), and the start marker and any message are nodes on top. Scroll zooms about the
 * pointer, dragging with the secondary button (or with Shift) pans; a primary click reports the parameter point
 * clicked. All drawing happens at most once per pulse.
 */
public final class SurfaceCanvas extends Region {
    /** A polyline in parameter coordinates with an optional label. */
    public record Line(double[] t1, double[] t2, int count, String label) {
    }

    /**
     * A trajectory: points in parameter coordinates drawn as a line with step dots; the arrays may be longer than
     * {@code count} (a run's own columns, shared), and only their first {@code count} entries are the path.
     */
    public record Path(double[] t1, double[] t2, int count, Color color) {
    }

    private static final double BASE_LEFT = 64;
    private static final double BASE_BOTTOM = 44;
    private static final double BASE_TOP = 12;
    private static final double BASE_RIGHT = 96;

    private final Canvas canvas = new Canvas();
    private final TrailLayer trails = new TrailLayer();
    /** The start marker and the message are nodes: a full-size overlay canvas cost one more layer to paint under
     *  every trajectory tile a frame repaints. */
    private final Circle startMark = new Circle();
    private final Rectangle startClip = new Rectangle();
    private final Label messageLabel = new Label();
    private final FrameScheduler scheduler = new FrameScheduler(this::draw);
    private boolean backgroundDirty = true;
    private boolean overlayDirty = true;
    private Bounds view = new Bounds(-1, 1, -1, 1);
    private Bounds imageBounds;
    private WritableImage image;
    private List<Line> contours = List.of();
    private List<double[]> minima = List.of();
    private List<Path> paths = List.of();
    private double[] start;
    private List<double[]> arrows = List.of();
    private int[] barColours = new int[0];
    private String[] barLabels = new String[0];
    private double[] barPositions = new double[0];
    private String axis1 = "θ1";
    private String axis2 = "θ2";
    private String message;
    private Consumer<Bounds> onViewChanged = b -> { };
    private BiConsumer<Double, Double> onHover = (a, b) -> { };
    private BiConsumer<Double, Double> onClick = (a, b) -> { };
    private double dragX;
    private double dragY;
    private boolean panning;

    public SurfaceCanvas() {
        getChildren().addAll(canvas, trails, startMark, messageLabel);
        startMark.setManaged(false);
        startMark.setMouseTransparent(true);
        startMark.setFill(Color.WHITE);
        startMark.setStroke(Color.BLACK);
        startMark.setClip(startClip);
        startMark.setVisible(false);
        messageLabel.setManaged(false);
        messageLabel.setMouseTransparent(true);
        messageLabel.setWrapText(true);
        messageLabel.setTextAlignment(TextAlignment.CENTER);
        messageLabel.getStyleClass().add("surface-message");
        messageLabel.setVisible(false);
        canvas.setFocusTraversable(true);
        getStyleClass().add("surface-canvas");
        canvas.widthProperty().addListener(o -> requestAll());
        canvas.heightProperty().addListener(o -> requestAll());
        canvas.addEventHandler(ScrollEvent.SCROLL, this::zoom);
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            dragX = e.getX();
            dragY = e.getY();
            panning = e.getButton() != MouseButton.PRIMARY || e.isShiftDown();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::pan);
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            canvas.requestFocus();
            if (e.getButton() == MouseButton.PRIMARY && !e.isShiftDown() && e.isStillSincePress() && inPlot(e)) {
                onClick.accept(toT1(e.getX()), toT2(e.getY()));
            }
        });
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            if (inPlot(e)) {
                onHover.accept(toT1(e.getX()), toT2(e.getY()));
            }
        });
        THEME.onChange(this, this::requestAll);
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
    }

    /** Redraw everything on the next pulse (the view, the image or the size changed). */
    private void requestAll() {
        backgroundDirty = true;
        overlayDirty = true;
        scheduler.request();
    }

    /** Redraw only the top layer (the start and any message) on the next pulse. */
    private void requestOverlay() {
        overlayDirty = true;
        scheduler.request();
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

    /** The width of a trajectory's line at the current presentation size. */
    public double pathWidth() {
        return THEME.px(2.2);
    }

    /** The width of a contour line at the current presentation size. */
    public double contourWidth() {
        return THEME.px(1.1);
    }

    private double plotW() {
        return Math.max(1, canvas.getWidth() - left() - right());
    }

    private double plotH() {
        return Math.max(1, canvas.getHeight() - top() - bottom());
    }

    /** Screen x of a theta1 value. */
    public double toX(double t1) {
        return left() + (t1 - view.min1()) / (view.max1() - view.min1()) * plotW();
    }

    /** Screen y of a theta2 value. */
    public double toY(double t2) {
        return top() + (view.max2() - t2) / (view.max2() - view.min2()) * plotH();
    }

    /** theta1 at screen x. */
    public double toT1(double x) {
        return view.min1() + (x - left()) / plotW() * (view.max1() - view.min1());
    }

    /** theta2 at screen y. */
    public double toT2(double y) {
        return view.max2() - (y - top()) / plotH() * (view.max2() - view.min2());
    }

    private boolean inPlot(MouseEvent e) {
        return e.getX() >= left() && e.getX() <= left() + plotW() && e.getY() >= top() && e.getY() <= top() + plotH();
    }

    // ---- interaction ----

    private void zoom(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        double factor = e.getDeltaY() > 0 ? 1 / 1.25 : 1.25;
        double c1 = toT1(e.getX());
        double c2 = toT2(e.getY());
        setView(new Bounds(c1 + (view.min1() - c1) * factor, c1 + (view.max1() - c1) * factor,
                c2 + (view.min2() - c2) * factor, c2 + (view.max2() - c2) * factor));
        onViewChanged.accept(view);
    }

    private void pan(MouseEvent e) {
        if (!panning) {
            return;
        }
        double d1 = (e.getX() - dragX) / plotW() * (view.max1() - view.min1());
        double d2 = (e.getY() - dragY) / plotH() * (view.max2() - view.min2());
        dragX = e.getX();
        dragY = e.getY();
        setView(new Bounds(view.min1() - d1, view.max1() - d1, view.min2() + d2, view.max2() + d2));
        onViewChanged.accept(view);
    }

    // ---- content ----

    public Bounds view() {
        return view;
    }

    /** Sets the region shown (does not call the view-changed handler). */
    public void setView(Bounds bounds) {
        view = bounds;
        trails.invalidate();
        requestAll();
    }

    public void setAxisNames(String first, String second) {
        axis1 = first;
        axis2 = second;
        requestAll();
    }

    /**
     * Sets the heat map: {@code argb} holds nx by ny colours in image order (pixel row 0 at the top, the largest
     * theta2), covering {@code bounds}. The image is reused when its size is unchanged.
     */
    public void setHeatmap(Bounds bounds, int nx, int ny, int[] argb) {
        if (image == null || (int) image.getWidth() != nx || (int) image.getHeight() != ny) {
            image = new WritableImage(nx, ny);
        }
        PixelFormat<java.nio.IntBuffer> format = PixelFormat.getIntArgbInstance();
        image.getPixelWriter().setPixels(0, 0, nx, ny, format, argb, 0, nx);
        imageBounds = bounds;
        requestAll();
    }

    public void setContours(List<Line> lines) {
        contours = List.copyOf(lines);
        requestAll();
    }

    public void setMinima(List<double[]> points) {
        minima = new ArrayList<>(points);
        requestAll();
    }

    public void setPaths(List<Path> trajectories) {
        paths = List.copyOf(trajectories);
        scheduler.request();
    }

    /** The minima markers drawn now. */
    public List<double[]> minima() {
        return minima;
    }

    /** The trajectories drawn now. */
    public List<Path> paths() {
        return paths;
    }

    public void setStart(double[] point) {
        start = point == null ? null : point.clone();
        requestOverlay();
    }

    /** Gradient arrows: each entry {t1, t2, d1, d2} with the direction of steepest descent already applied. */
    public void setArrows(List<double[]> list) {
        arrows = new ArrayList<>(list);
        requestAll();
    }

    /** The colour bar: colours from bottom (low) to top (high), and tick labels at fractions 0..1 of its height. */
    public void setColourBar(int[] colours, double[] positions, String[] labels) {
        barColours = colours.clone();
        barPositions = positions.clone();
        barLabels = labels.clone();
        requestAll();
    }

    /** A message drawn over the plot (for example while computing, or why nothing can be shown); null for none. */
    public void setMessage(String text) {
        message = text;
        requestOverlay();
    }

    public void setOnViewChanged(Consumer<Bounds> handler) {
        onViewChanged = handler;
    }

    public void setOnHover(BiConsumer<Double, Double> handler) {
        onHover = handler;
    }

    public void setOnClick(BiConsumer<Double, Double> handler) {
        onClick = handler;
    }

    // ---- drawing ----

    private void draw() {
        if (backgroundDirty) {
            backgroundDirty = false;
            drawBackground(canvas.getGraphicsContext2D());
        }
        if (overlayDirty) {
            overlayDirty = false;
            placeOverlay();
        }
        trails.setVisible(!tooSmall());
        if (!tooSmall()) {
            trails.setPlot(left(), top(), plotW(), plotH());
            trails.update(paths, this::toX, this::toY, MAX_DOTS);
        }
    }

    /** How many times the trajectories were drawn again from the start (for tests and measurements). */
    public int trailFullRedraws() {
        return trails.fullRedraws();
    }

    private boolean tooSmall() {
        return canvas.getWidth() < left() + right() + 10 || canvas.getHeight() < top() + bottom() + 10;
    }

    /** The heat map, contours, arrows, minima, axes and colour bar: redrawn only when they change. */
    private void drawBackground(GraphicsContext g) {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(THEME.background());
        g.fillRect(0, 0, w, h);
        if (tooSmall()) {
            return;
        }
        g.save();
        g.beginPath();
        g.rect(left(), top(), plotW(), plotH());
        g.clip();
        g.setFill(THEME.emptyPlot());
        g.fillRect(left(), top(), plotW(), plotH());
        if (image != null && imageBounds != null) {
            double x0 = toX(imageBounds.min1());
            double x1 = toX(imageBounds.max1());
            double y0 = toY(imageBounds.max2());
            double y1 = toY(imageBounds.min2());
            g.setImageSmoothing(true);
            g.drawImage(image, x0, y0, x1 - x0, y1 - y0);
        }
        drawContours(g);
        drawArrows(g);
        drawMinima(g);
        g.restore();
        g.setStroke(THEME.frame());
        g.setLineWidth(THEME.px(1));
        g.strokeRect(left(), top(), plotW(), plotH());
        drawAxes(g);
        drawColourBar(g);
    }

    /** The start marker and any message: placed again only when they, the view or the size change. */
    private void placeOverlay() {
        boolean shown = !tooSmall();
        startClip.setX(left());
        startClip.setY(top());
        startClip.setWidth(plotW());
        startClip.setHeight(plotH());
        startMark.setVisible(shown && start != null);
        if (start != null) {
            startMark.setCenterX(toX(start[0]));
            startMark.setCenterY(toY(start[1]));
            startMark.setRadius(THEME.px(7));
            startMark.setStrokeWidth(THEME.px(2));
        }
        messageLabel.setVisible(shown && message != null);
        if (message != null) {
            messageLabel.setText(message);
            messageLabel.setFont(THEME.font(16));
            messageLabel.setTextFill(THEME.ink());
            messageLabel.setBackground(new Background(new BackgroundFill(
                    THEME.background().deriveColor(0, 1, 1, 0.85), new CornerRadii(8), Insets.EMPTY)));
            messageLabel.setPadding(new Insets(THEME.px(10)));
            double boxW = Math.min(plotW(), THEME.px(520));
            messageLabel.setMaxWidth(boxW);
            double h = messageLabel.prefHeight(boxW);
            messageLabel.resizeRelocate(left() + plotW() / 2 - boxW / 2, top() + plotH() / 2 - h / 2, boxW, h);
        }
    }

    /** The message shown over the plot, or null (for tests). */
    public String message() {
        return messageLabel.isVisible() ? messageLabel.getText() : null;
    }

    /** The start marker's centre on screen, or null when none is shown (for tests). */
    public double[] startMarkCentre() {
        return startMark.isVisible() ? new double[] {startMark.getCenterX(), startMark.getCenterY()} : null;
    }

    private void drawContours(GraphicsContext g) {
        g.setStroke(Color.rgb(255, 255, 255, 0.75));
        g.setLineWidth(contourWidth());
        g.setFont(THEME.font(11));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (Line line : contours) {
            if (line.count() < 2) {
                continue;
            }
            g.beginPath();
            g.moveTo(toX(line.t1()[0]), toY(line.t2()[0]));
            for (int i = 1; i < line.count(); i++) {
                g.lineTo(toX(line.t1()[i]), toY(line.t2()[i]));
            }
            g.stroke();
            if (line.label() != null && line.count() > 8) {
                int mid = line.count() / 2;
                double x = toX(line.t1()[mid]);
                double y = toY(line.t2()[mid]);
                g.setFill(Color.rgb(0, 0, 0, 0.55));
                double cw = THEME.px(3.2);
                g.fillRoundRect(x - 3 - line.label().length() * cw, y - THEME.px(7),
                        line.label().length() * 2 * cw + 6, THEME.px(14), 4, 4);
                g.setFill(Color.WHITE);
                g.fillText(line.label(), x, y);
            }
        }
    }

    private void drawArrows(GraphicsContext g) {
        g.setStroke(Color.rgb(255, 255, 255, 0.6));
        g.setLineWidth(THEME.px(1));
        double head = THEME.px(5);
        for (double[] a : arrows) {
            double x0 = toX(a[0]);
            double y0 = toY(a[1]);
            double x1 = toX(a[0] + a[2]);
            double y1 = toY(a[1] + a[3]);
            g.strokeLine(x0, y0, x1, y1);
            double ang = Math.atan2(y1 - y0, x1 - x0);
            g.strokeLine(x1, y1, x1 - head * Math.cos(ang - 0.45), y1 - head * Math.sin(ang - 0.45));
            g.strokeLine(x1, y1, x1 - head * Math.cos(ang + 0.45), y1 - head * Math.sin(ang + 0.45));
        }
    }

    /** Step dots drawn per trajectory at most (every stride-th step, see {@link TrailLayer}). */
    static final int MAX_DOTS = 60;

    private void drawMinima(GraphicsContext g) {
        for (double[] m : minima) {
            double x = toX(m[0]);
            double y = toY(m[1]);
            g.setStroke(Color.BLACK);
            g.setLineWidth(THEME.px(4));
            drawStar(g, x, y);
            g.setStroke(Color.web("#ffd400"));
            g.setLineWidth(THEME.px(2));
            drawStar(g, x, y);
        }
    }

    private static void drawStar(GraphicsContext g, double x, double y) {
        double r = THEME.px(8);
        g.strokeLine(x - r, y, x + r, y);
        g.strokeLine(x, y - r, x, y + r);
        g.strokeLine(x - r * 0.7, y - r * 0.7, x + r * 0.7, y + r * 0.7);
        g.strokeLine(x - r * 0.7, y + r * 0.7, x + r * 0.7, y - r * 0.7);
    }

    private void drawAxes(GraphicsContext g) {
        g.setFill(THEME.ink());
        g.setStroke(THEME.frame());
        g.setLineWidth(THEME.px(1));
        g.setFont(THEME.font(13));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (double t : AxisTicks.ticks(view.min1(), view.max1(), tickCount(plotW(), 8))) {
            double x = toX(t);
            g.strokeLine(x, top() + plotH(), x, top() + plotH() + THEME.px(5));
            g.fillText(AxisTicks.format(t), x, top() + plotH() + THEME.px(7));
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (double t : AxisTicks.ticks(view.min2(), view.max2(), tickCount(plotH(), 7))) {
            double y = toY(t);
            g.strokeLine(left() - THEME.px(5), y, left(), y);
            g.fillText(AxisTicks.format(t), left() - THEME.px(7), y);
        }
        g.setFont(THEME.font(15));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(axis1, left() + plotW() / 2, canvas.getHeight() - 2);
        g.save();
        g.translate(THEME.px(14), top() + plotH() / 2);
        g.rotate(-90);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(axis2, 0, 0);
        g.restore();
    }

    private void drawColourBar(GraphicsContext g) {
        if (barColours.length == 0) {
            return;
        }
        double x = left() + plotW() + THEME.px(14);
        double barW = THEME.px(16);
        double h = plotH();
        int n = barColours.length;
        for (int i = 0; i < n; i++) {
            int c = barColours[i];
            g.setFill(Color.rgb((c >> 16) & 255, (c >> 8) & 255, c & 255));
            double y0 = top() + h - (i + 1) * h / n;
            g.fillRect(x, y0, barW, h / n + 1);
        }
        g.setStroke(THEME.frame());
        g.strokeRect(x, top(), barW, h);
        g.setFill(THEME.ink());
        g.setFont(THEME.font(12));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < barPositions.length; i++) {
            double y = top() + h - barPositions[i] * h;
            g.strokeLine(x + barW, y, x + barW + THEME.px(4), y);
            g.fillText(barLabels[i], x + barW + THEME.px(6), y);
        }
    }
}
