package org.losslab.ui.landscape;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import javafx.scene.Group;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;

/**
 * The runs' trajectories over the heat map, drawn so that a frame in which every run takes a step repaints only a
 * few small squares of the window instead of the whole plot.
 *
 * <p>A canvas that changes is repainted whole, together with everything under it; on a software pipeline one
 * full-plot overlay redrawn every frame costs 10 ms or more. So the plot is covered by square tiles of
 * {@link #TILE} pixels, in two layers: white halos (each tile at 80% opacity) and the coloured lines with their step
 * dots above them. Each frame only the steps taken since the last frame are drawn, onto the tiles they cross, and
 * nothing is cleared; the end of each run is a {@link Circle} node that moves. Everything is drawn again from the
 * start only when it has to be: the view, the plot size or the set of runs changed, or a run was reset.
 *
 * <p>Step dots mark every {@code stride}-th step, with {@code stride} the smallest power of two that keeps at most
 * {@link SurfaceCanvas#MAX_DOTS} dots per run, so the dots of the steps already drawn stay where they are while the
 * run grows. When the stride doubles, every other dot must go: the line tiles drawn on so far are cleared and drawn
 * again one or two per frame ({@link #REFRESHES_PER_FRAME}), so that no frame repaints the whole plot.
 */
final class TrailLayer extends Group {
    /**
     * Edge of a tile, in pixels. A software renderer paints about 30 ns per pixel and layer, and a frame repaints
     * every tile a step touched: at 128 pixels four runs cost a 384 x 256 region (4-5 ms, up to 12 ms); at 64 a
     * quarter of that.
     */
    static final int TILE = 64;
    /** Screen points per piece of polyline drawn at once (a long run is drawn piece by piece onto its tiles). */
    private static final int CHUNK = 64;
    /** How far a halo, a rounded line end or a dot reaches beyond its points, in pixels. */
    private static final double MARGIN = 4;
    private static final double HALO_WIDTH = 4;
    private static final double LINE_WIDTH = 2.2;
    /** Line tiles drawn again per frame at most after a stride change. */
    static final int REFRESHES_PER_FRAME = 2;

    /** What has been drawn of one trajectory. */
    private static final class Drawn {
        final Color colour;
        final Circle end;
        int count;
        int stride;
        double firstT1;
        double firstT2;
        double lastT1;
        double lastT2;
        boolean hasLast;
        double lastX;
        double lastY;

        Drawn(Color colour, int stride) {
            this.colour = colour;
            this.stride = stride;
            end = new Circle(org.losslab.ui.Theme.get().px(6), colour);
            end.setStroke(Color.WHITE);
            end.setStrokeWidth(2);
            end.setVisible(false);
        }
    }

    private final Group halos = new Group();
    private final Group lines = new Group();
    private final Group ends = new Group();
    private final Rectangle endClip = new Rectangle();
    private Canvas[] haloTiles = new Canvas[0];
    private Canvas[] lineTiles = new Canvas[0];
    /** Line tiles drawn on since they were last cleared. */
    private boolean[] inked = new boolean[0];
    /** Line tiles waiting to be drawn again (their dots are of an older stride). */
    private final java.util.LinkedHashSet<Integer> refresh = new java.util.LinkedHashSet<>();
    private int cols;
    private int rows;
    private double left;
    private double top;
    private double width = -1;
    private double height = -1;
    private final List<Drawn> drawn = new ArrayList<>();
    private boolean stale = true;
    private int fullRedraws;

    private final double[] xs = new double[CHUNK];
    private final double[] ys = new double[CHUNK];
    private double[] dotX = new double[CHUNK];
    private double[] dotY = new double[CHUNK];

    TrailLayer() {
        setManaged(false);
        setMouseTransparent(true);
        ends.setClip(endClip);
        getChildren().addAll(halos, lines, ends);
    }

    /** The smallest power of two that keeps at most {@code maxDots} dots on a run of {@code count} points. */
    static int dotStride(int count, int maxDots) {
        int stride = 1;
        while ((long) stride * maxDots < count) {
            stride *= 2;
        }
        return stride;
    }

    /** How many times everything was drawn again from the start (for tests and measurements). */
    int fullRedraws() {
        return fullRedraws;
    }

    /** Everything is drawn again on the next {@link #update} (the view changed). */
    void invalidate() {
        stale = true;
    }

    /** Places the tiles over the plot rectangle; a new size rebuilds them. */
    void setPlot(double plotLeft, double plotTop, double plotWidth, double plotHeight) {
        if (plotLeft == left && plotTop == top && plotWidth == width && plotHeight == height) {
            return;
        }
        left = plotLeft;
        top = plotTop;
        width = plotWidth;
        height = plotHeight;
        endClip.setX(left);
        endClip.setY(top);
        endClip.setWidth(width);
        endClip.setHeight(height);
        cols = Math.max(1, (int) Math.ceil(width / TILE));
        rows = Math.max(1, (int) Math.ceil(height / TILE));
        haloTiles = new Canvas[cols * rows];
        lineTiles = new Canvas[cols * rows];
        inked = new boolean[cols * rows];
        refresh.clear();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                haloTiles[r * cols + c] = tile(c, r, Color.WHITE, org.losslab.ui.Theme.get().px(HALO_WIDTH));
                haloTiles[r * cols + c].setOpacity(0.8);
                lineTiles[r * cols + c] = tile(c, r, Color.BLACK, org.losslab.ui.Theme.get().px(LINE_WIDTH));
            }
        }
        halos.getChildren().setAll(haloTiles);
        lines.getChildren().setAll(lineTiles);
        stale = true;
    }

    private Canvas tile(int c, int r, Color stroke, double lineWidth) {
        double x = left + c * TILE;
        double y = top + r * TILE;
        Canvas tile = new Canvas(Math.min(TILE, left + width - x), Math.min(TILE, top + height - y));
        tile.setLayoutX(x);
        tile.setLayoutY(y);
        GraphicsContext g = tile.getGraphicsContext2D();
        g.setTransform(1, 0, 0, 1, -x, -y);
        g.setStroke(stroke);
        g.setLineWidth(lineWidth);
        g.setLineCap(StrokeLineCap.ROUND);
        g.setLineJoin(StrokeLineJoin.ROUND);
        return tile;
    }

    /**
     * Draws what is new in {@code paths} since the last update (or everything, when it must), with {@code toX} and
     * {@code toY} mapping parameters to this layer's pixels.
     */
    void update(List<SurfaceCanvas.Path> paths, DoubleUnaryOperator toX, DoubleUnaryOperator toY, int maxDots) {
        boolean incremental = !stale && paths.size() == drawn.size();
        for (int i = 0; incremental && i < paths.size(); i++) {
            incremental = continues(paths.get(i), drawn.get(i), maxDots);
        }
        if (incremental) {
            for (int i = 0; i < paths.size(); i++) {
                Drawn d = drawn.get(i);
                int stride = dotStride(paths.get(i).count(), maxDots);
                if (stride != d.stride) {
                    d.stride = stride;
                    for (int t = 0; t < inked.length; t++) {
                        if (inked[t]) {
                            refresh.add(t);
                        }
                    }
                }
            }
            for (int r = 0; r < REFRESHES_PER_FRAME && !refresh.isEmpty(); r++) {
                Integer t = refresh.iterator().next();
                refresh.remove(t);
                redrawLineTile(t, paths, toX, toY);
            }
        } else {
            clear();
            for (SurfaceCanvas.Path p : paths) {
                Drawn d = new Drawn(p.color(), dotStride(p.count(), maxDots));
                drawn.add(d);
                ends.getChildren().add(d.end);
            }
            stale = false;
            fullRedraws++;
        }
        for (int i = 0; i < paths.size(); i++) {
            drawNew(paths.get(i), drawn.get(i), toX, toY);
        }
    }

    /** Whether {@code p} is the trajectory drawn as {@code d}, grown by zero or more steps. */
    private static boolean continues(SurfaceCanvas.Path p, Drawn d, int maxDots) {
        if (!p.color().equals(d.colour) || p.count() < d.count) {
            return false;
        }
        return d.count == 0 || Double.compare(p.t1()[0], d.firstT1) == 0 && Double.compare(p.t2()[0], d.firstT2) == 0
                && Double.compare(p.t1()[d.count - 1], d.lastT1) == 0
                && Double.compare(p.t2()[d.count - 1], d.lastT2) == 0;
    }

    private void clear() {
        for (Canvas[] layer : new Canvas[][] {haloTiles, lineTiles}) {
            for (Canvas tile : layer) {
                tile.getGraphicsContext2D().clearRect(tile.getLayoutX(), tile.getLayoutY(), TILE, TILE);
            }
        }
        java.util.Arrays.fill(inked, false);
        refresh.clear();
        drawn.clear();
        ends.getChildren().clear();
    }

    /**
     * Clears one line tile and draws on it again what has been drawn of every trajectory so far (its points up to
     * {@code count}, decimated from the start), with the dots of the current stride.
     */
    private void redrawLineTile(int index, List<SurfaceCanvas.Path> paths, DoubleUnaryOperator toX,
            DoubleUnaryOperator toY) {
        Canvas tile = lineTiles[index];
        GraphicsContext g = tile.getGraphicsContext2D();
        double tx0 = tile.getLayoutX();
        double ty0 = tile.getLayoutY();
        g.clearRect(tx0, ty0, TILE, TILE);
        inked[index] = false;
        for (int j = 0; j < paths.size(); j++) {
            SurfaceCanvas.Path p = paths.get(j);
            Drawn d = drawn.get(j);
            g.setStroke(d.colour);
            g.setFill(d.colour);
            int k = 0;
            for (int i = 0; i < d.count; i++) {
                double x = toX.applyAsDouble(p.t1()[i]);
                double y = toY.applyAsDouble(p.t2()[i]);
                if (!Double.isFinite(x) || !Double.isFinite(y)) {
                    continue;
                }
                x = Math.max(-1e6, Math.min(1e6, x));
                y = Math.max(-1e6, Math.min(1e6, y));
                if (i % d.stride == 0 && x > tx0 - MARGIN && x < tx0 + TILE + MARGIN && y > ty0 - MARGIN
                        && y < ty0 + TILE + MARGIN) {
                    double dot = org.losslab.ui.Theme.get().px(2);
                    g.fillRect(x - dot, y - dot, 2 * dot, 2 * dot);
                    inked[index] = true;
                }
                if (k == 0 || i == d.count - 1 || Math.abs(x - xs[k - 1]) + Math.abs(y - ys[k - 1]) >= 0.5) {
                    xs[k] = x;
                    ys[k] = y;
                    k++;
                    if (k == CHUNK) {
                        strokeIfTouching(g, k, index);
                        xs[0] = xs[k - 1];
                        ys[0] = ys[k - 1];
                        k = 1;
                    }
                }
            }
            strokeIfTouching(g, k, index);
        }
    }

    private void strokeIfTouching(GraphicsContext g, int k, int index) {
        Canvas tile = lineTiles[index];
        if (k > 1 && touches(k, tile.getLayoutX(), tile.getLayoutY())) {
            g.strokePolyline(xs, ys, k);
            inked[index] = true;
        }
    }

    /** Whether the bounding box of xs/ys[0..k), widened by the margin, meets the tile at (tx0, ty0). */
    private boolean touches(int k, double tx0, double ty0) {
        double x0 = Double.POSITIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            x0 = Math.min(x0, xs[i]);
            x1 = Math.max(x1, xs[i]);
            y0 = Math.min(y0, ys[i]);
            y1 = Math.max(y1, ys[i]);
        }
        return x1 > tx0 - MARGIN && x0 < tx0 + TILE + MARGIN && y1 > ty0 - MARGIN && y0 < ty0 + TILE + MARGIN;
    }

    /**
     * Draws the points of {@code p} from {@code d.count} on: the polyline continues from the last point kept (points
     * within half a pixel of it are dropped, except a run's last point; non-finite points are skipped), in pieces
     * of at most {@link #CHUNK} points, each onto the tiles its bounding box touches.
     */
    private void drawNew(SurfaceCanvas.Path p, Drawn d, DoubleUnaryOperator toX, DoubleUnaryOperator toY) {
        int n = p.count();
        if (n > d.count) {
            if (d.count == 0) {
                d.firstT1 = p.t1()[0];
                d.firstT2 = p.t2()[0];
            }
            int k = 0;
            int dots = 0;
            if (d.hasLast) {
                xs[0] = d.lastX;
                ys[0] = d.lastY;
                k = 1;
            }
            for (int i = d.count; i < n; i++) {
                double x = toX.applyAsDouble(p.t1()[i]);
                double y = toY.applyAsDouble(p.t2()[i]);
                if (!Double.isFinite(x) || !Double.isFinite(y)) {
                    continue;
                }
                x = Math.max(-1e6, Math.min(1e6, x));
                y = Math.max(-1e6, Math.min(1e6, y));
                if (i % d.stride == 0) {
                    if (dots == dotX.length) {
                        dotX = java.util.Arrays.copyOf(dotX, 2 * dots);
                        dotY = java.util.Arrays.copyOf(dotY, 2 * dots);
                    }
                    dotX[dots] = x;
                    dotY[dots] = y;
                    dots++;
                }
                if (k == 0 || i == n - 1 || Math.abs(x - xs[k - 1]) + Math.abs(y - ys[k - 1]) >= 0.5) {
                    xs[k] = x;
                    ys[k] = y;
                    k++;
                    if (k == CHUNK) {
                        flush(d.colour, k, dots);
                        xs[0] = xs[k - 1];
                        ys[0] = ys[k - 1];
                        k = 1;
                        dots = 0;
                    }
                }
            }
            if (k > 1 || dots > 0) {
                flush(d.colour, k, dots);
            }
            if (k > 0) {
                d.hasLast = true;
                d.lastX = xs[k - 1];
                d.lastY = ys[k - 1];
            }
            d.count = n;
            d.lastT1 = p.t1()[n - 1];
            d.lastT2 = p.t2()[n - 1];
        }
        double xe = n == 0 ? Double.NaN : toX.applyAsDouble(p.t1()[n - 1]);
        double ye = n == 0 ? Double.NaN : toY.applyAsDouble(p.t2()[n - 1]);
        boolean visible = Double.isFinite(xe) && Double.isFinite(ye);
        if (visible && (d.end.getCenterX() != xe || d.end.getCenterY() != ye)) {
            d.end.setCenterX(xe);
            d.end.setCenterY(ye);
        }
        d.end.setVisible(visible);
    }

    /** Strokes xs/ys[0..k) (halo, then line) and fills the dots, on every tile their bounding box touches. */
    private void flush(Color colour, int k, int dots) {
        double x0 = Double.POSITIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            x0 = Math.min(x0, xs[i]);
            x1 = Math.max(x1, xs[i]);
            y0 = Math.min(y0, ys[i]);
            y1 = Math.max(y1, ys[i]);
        }
        for (int i = 0; i < dots; i++) {
            x0 = Math.min(x0, dotX[i]);
            x1 = Math.max(x1, dotX[i]);
            y0 = Math.min(y0, dotY[i]);
            y1 = Math.max(y1, dotY[i]);
        }
        int c0 = Math.max(0, (int) Math.floor((x0 - MARGIN - left) / TILE));
        int c1 = Math.min(cols - 1, (int) Math.floor((x1 + MARGIN - left) / TILE));
        int r0 = Math.max(0, (int) Math.floor((y0 - MARGIN - top) / TILE));
        int r1 = Math.min(rows - 1, (int) Math.floor((y1 + MARGIN - top) / TILE));
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                if (k > 1) {
                    haloTiles[r * cols + c].getGraphicsContext2D().strokePolyline(xs, ys, k);
                }
                GraphicsContext g = lineTiles[r * cols + c].getGraphicsContext2D();
                inked[r * cols + c] = true;
                g.setStroke(colour);
                g.setFill(colour);
                if (k > 1) {
                    g.strokePolyline(xs, ys, k);
                }
                for (int i = 0; i < dots; i++) {
                    double dot = org.losslab.ui.Theme.get().px(2);
                    g.fillRect(dotX[i] - dot, dotY[i] - dot, 2 * dot, 2 * dot);
                }
            }
        }
    }
}
