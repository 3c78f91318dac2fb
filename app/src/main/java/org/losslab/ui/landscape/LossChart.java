package org.losslab.ui.landscape;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYDataset;
import org.losslab.optim.Run;
import org.losslab.optim.Trajectory;
import org.losslab.ui.FrameScheduler;
import org.losslab.ui.Palette;
import org.losslab.ui.Theme;
import org.losslab.ui.descent.DescentModel;

/**
 * Loss against step for every run, in the runs' colours, with a log-scale toggle for the loss. Long runs are
 * decimated to at most {@link #MAX_POINTS} points per run (always keeping the first and last).
 *
 * <p>While the runs play, the chart is refreshed at most {@link #PLAYING_REFRESHES_PER_SECOND} times a second and
 * drawn by Java2D on a worker thread into an image, which the JavaFX thread copies into the screen's images column
 * by column (see {@link #applyStrip}) and the renderer only blits: drawn through the JavaFX canvas of a ChartViewer
 * it cost a 16 ms frame on a software pipeline. The worker uses a chart of its own (JFreeChart is not thread-safe)
 * and only the latest request is drawn. When the runs are paused or stopped, the interactive ChartViewer shows the
 * exact final state again.
 */
public final class LossChart extends BorderPane {
    /** Most points drawn per run. */
    public static final int MAX_POINTS = 1500;
    /** Chart refreshes per second at most while the runs play. */
    public static final int PLAYING_REFRESHES_PER_SECOND = 4;
    /** Most columns the worker's image of the chart is cut into (see {@link #applyStrip}). */
    static final int STRIPS = 4;
    /** Pixels per column at most: about 4 ms of painting on a software pipeline. */
    static final int STRIP_PIXELS = 90_000;
    private static final long MIN_INTERVAL_NANOS = 1_000_000_000L / PLAYING_REFRESHES_PER_SECOND;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    /** One chart: plot, axes and renderer. Each instance is used by one thread only. */
    private static final class Parts {
        final NumberAxis stepAxis = new NumberAxis("step");
        final NumberAxis linear = new NumberAxis("loss");
        final LogAxis log = new LogAxis("loss (log scale)");
        final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        final XYPlot plot;
        final JFreeChart chart;
        /**
         * The worker's chart, drawn while the runs play: its axes grow in steps instead of following the data
         * exactly (steps up to the next of 10, 20, 50, 100, ...; losses from 0), so that from one refresh to the
         * next mostly the curves' new ends change, and only the columns of the image that hold them are repainted.
         */
        boolean growing;

        Parts() {
            plot = new XYPlot(new DefaultXYDataset(), stepAxis, linear, renderer);
            plot.setBackgroundPaint(java.awt.Color.WHITE);
            plot.setDomainGridlinePaint(new java.awt.Color(0xDDDDDD));
            plot.setRangeGridlinePaint(new java.awt.Color(0xDDDDDD));
            for (ValueAxis a : new ValueAxis[] {stepAxis, linear, log}) {
                a.setLabelFont(FONT);
                a.setTickLabelFont(FONT);
            }
            stepAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            linear.setAutoRangeIncludesZero(false);
            log.setSmallestValue(1e-300);
            chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
            chart.getLegend().setItemFont(FONT);
            chart.setBackgroundPaint(java.awt.Color.WHITE);
        }

        void show(Snapshot s) {
            chart.setNotify(false);
            plot.setRangeAxis(s.logScale() ? log : linear);
            if (growing) {
                stepAxis.setRange(0, stepsShown(s.lastStep()));
            }
            for (int i = 0; i < s.slots().length; i++) {
                renderer.setSeriesPaint(i, java.awt.Color.decode(Palette.runHex(s.slots()[i])));
                renderer.setSeriesStroke(i, s.dashed()[i] ? Theme.get().dashed(2f, 6f, 4f) : Theme.get().stroke(2f));
            }
            // A single point (or a flat run) still gets a readable axis around its value.
            linear.setAutoRangeMinimumSize(s.minRange());
            plot.setDataset(s.dataset());
            chart.setNotify(true);
        }
    }

    /**
     * What the chart shows: the series (never changed once built), each series' run slot and whether it is a dashed
     * validation line, the scale, and whether losses were left out of a log scale.
     */
    private record Snapshot(DefaultXYDataset dataset, int[] slots, boolean[] dashed, boolean logScale,
            boolean dropped, double minRange, int lastStep) {
    }

    /** The step axis of the playing chart: up to the next of 10, 20, 50, 100, 200, 500, ... above the last step. */
    static double stepsShown(int lastStep) {
        double unit = 10;
        while (true) {
            for (int m : new int[] {1, 2, 5}) {
                if (m * unit >= lastStep * 1.02) {
                    return m * unit;
                }
            }
            unit *= 10;
        }
    }

    /** A request to the worker: draw {@code snapshot} at {@code width} by {@code height} pixels. */
    private record Frame(long serial, Snapshot snapshot, int width, int height, double scale) {
    }

    private final Parts shown = new Parts();
    private final Parts offscreen = new Parts();
    private final ChartViewer viewer;
    /** The worker's image of the chart, as up to {@link #STRIPS} side-by-side columns (see {@link #applyStrip}). */
    private final ImageView[] strips = new ImageView[STRIPS];
    private final Pane stripPane = new Pane();
    /** The frame whose strips are being put on screen, and the next strip to put. */
    private Painted painting;
    private int nextStrip;
    private final FrameScheduler stripScheduler = new FrameScheduler(this::applyStrip);
    private final ExecutorService painter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "loss-chart-painter");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<Frame> pending = new AtomicReference<>();
    /** Drawing surfaces the worker may draw the next frame on (see {@link #paintPending}). */
    private final java.util.concurrent.ConcurrentLinkedQueue<BufferedImage> freeCanvases =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** The image of each column, written in place frame after frame. */
    private final WritableImage[] stripImages = new WritableImage[STRIPS];
    private long columnsWritten;
    private long framesShown;
    /** The last frame handed to the JavaFX thread, and its width (painter thread only). */
    private int[] previousFrame = new int[0];
    private int previousWidth;
    /** The serial of the frame in {@link #previousFrame} (painter thread only). */
    private long previousSerial = -1;
    /** The serial of the last frame put (partly) on screen, -1 after a pause (JavaFX thread only). */
    private long appliedSerial = -1;
    private long serial;
    private final CheckBox logY = new CheckBox("log scale");
    private final Label note = new Label();
    private DefaultXYDataset dataset = new DefaultXYDataset();
    private long lastUpdate;
    private DescentModel lastModel;

    public LossChart() {
        shown.renderer.setDrawSeriesLineAsPath(true);
        offscreen.renderer.setDrawSeriesLineAsPath(true);
        // Anti-aliasing is asked off for the JavaFX canvas (it costs milliseconds per redraw on a software pipeline),
        // yet its lines and text come out smoothed there; the worker's image smooths both so that the two look alike.
        shown.chart.setAntiAlias(false);
        shown.chart.setTextAntiAlias(false);
        offscreen.chart.setAntiAlias(true);
        offscreen.growing = true;
        offscreen.linear.setAutoRangeIncludesZero(true);
        // Room on the right for the label of the last tick, which sits at the end of the growing step axis.
        offscreen.chart.setPadding(new org.jfree.chart.ui.RectangleInsets(4, 4, 4, 24));
        offscreen.chart.setTextAntiAlias(true);
        // Fonts, colours and strokes follow the presentation size and the theme, in both charts; the axis not in
        // the plot too.
        for (Parts p : new Parts[] {shown, offscreen}) {
            Theme.get().style(this, p.chart, () -> {
                Theme.get().styleAxis(p.linear);
                Theme.get().styleAxis(p.log);
            });
        }
        Theme.get().onChange(this, () -> {
            if (lastModel != null) {
                lastUpdate = 0;
                update(lastModel);
            }
        });
        viewer = new ChartViewer(shown.chart);
        viewer.setId("loss-chart");
        for (int i = 0; i < STRIPS; i++) {
            strips[i] = new ImageView();
            strips[i].setManaged(false);
            strips[i].setId("loss-chart-strip-" + i);
            strips[i].setVisible(false);
        }
        stripPane.getChildren().setAll(strips);
        stripPane.setManaged(false);
        stripPane.setMouseTransparent(true);
        Pane stack = new Pane(viewer, stripPane) {
            @Override
            protected void layoutChildren() {
                viewer.resizeRelocate(0, 0, getWidth(), getHeight());
            }
        };
        logY.setId("loss-log");
        logY.selectedProperty().addListener((o, a, b) -> {
            if (lastModel != null) {
                lastUpdate = 0;
                update(lastModel);
            }
        });
        note.getStyleClass().add("hint");
        HBox top = new HBox(12, logY, note);
        top.setStyle("-fx-padding: 4;");
        setTop(top);
        setCenter(stack);
    }

    private java.util.function.DoubleBinaryOperator validation;

    /**
     * A second loss per step for every run, drawn dashed: the loss on held-out validation points at the run's
     * (theta1, theta2); null for none.
     */
    public void setValidation(java.util.function.DoubleBinaryOperator lossAt) {
        validation = lossAt;
        if (lastModel != null) {
            lastUpdate = 0;
            update(lastModel);
        }
    }

    /**
     * Redraws from the runs: while they play at most {@link #PLAYING_REFRESHES_PER_SECOND} times a second, as an
     * image drawn on the worker; otherwise at once, in the interactive chart.
     */
    public void update(DescentModel model) {
        lastModel = model;
        long now = System.nanoTime();
        boolean playing = model.playingProperty().get();
        if (playing && now - lastUpdate < MIN_INTERVAL_NANOS) {
            return;
        }
        lastUpdate = now;
        Snapshot s = snapshot(model);
        dataset = s.dataset();
        note.setText(s.dropped() ? "losses ≤ 0 cannot be shown on a log scale and are left out" : "");
        serial++;
        int w = (int) Math.ceil(viewer.getWidth());
        int h = (int) Math.ceil(viewer.getHeight());
        if (playing && w > 10 && h > 10 && getScene() != null && getScene().getWindow() != null) {
            if (isVisible()) {
                double scale = getScene().getWindow().getRenderScaleX();
                pending.set(new Frame(serial, s, w, h, scale));
                painter.execute(this::paintPending);
            }
            return;
        }
        pending.set(null);
        if (painting != null) {
            release(painting);
            painting = null;
        }
        // The columns go; the first frame of the next play sends all of them again.
        appliedSerial = -1;
        shown.show(s);
        for (ImageView strip : strips) {
            strip.setVisible(false);
        }
    }

    /** On the worker: draws the latest requested frame (older ones are skipped) and hands it to the JavaFX thread. */
    private void paintPending() {
        Frame f = pending.getAndSet(null);
        if (f == null) {
            return;
        }
        int pw = (int) Math.ceil(f.width() * f.scale());
        int ph = (int) Math.ceil(f.height() * f.scale());
        // Two drawing surfaces take turns (the JavaFX thread copies from one while the next frame is drawn on the
        // other), so a frame allocates nothing but the chart's own objects.
        BufferedImage image = freeCanvases.poll();
        if (image == null || image.getWidth() != pw || image.getHeight() != ph) {
            image = new BufferedImage(pw, ph, BufferedImage.TYPE_INT_ARGB_PRE);
        }
        Graphics2D g = image.createGraphics();
        try {
            g.scale(f.scale(), f.scale());
            offscreen.show(f.snapshot());
            offscreen.chart.draw(g, new Rectangle2D.Double(0, 0, f.width(), f.height()));
        } finally {
            g.dispose();
        }
        int count = (int) Math.min(STRIPS, Math.max(1, ((long) pw * ph + STRIP_PIXELS - 1) / STRIP_PIXELS));
        int[] from = new int[count + 1];
        for (int i = 0; i <= count; i++) {
            from[i] = (int) ((long) pw * i / count);
        }
        // Which columns differ from the frame before (all of them when that is not known to be on screen).
        int[] argb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        boolean[] changed = new boolean[count];
        boolean all = previousFrame.length != argb.length || previousWidth != pw;
        for (int i = 0; i < count; i++) {
            changed[i] = all || columnDiffers(argb, previousFrame, pw, ph, from[i], from[i + 1]);
        }
        if (previousFrame.length != argb.length) {
            previousFrame = new int[argb.length];
        }
        System.arraycopy(argb, 0, previousFrame, 0, argb.length);
        previousWidth = pw;
        Painted done = new Painted(f, image, from, changed, previousSerial);
        previousSerial = f.serial();
        Platform.runLater(() -> showFrame(done));
    }

    /**
     * A frame drawn by the worker: its image, the left edges of its columns in device pixels, and which columns
     * differ from the frame before, whose serial is {@code basedOn}.
     */
    private record Painted(Frame frame, BufferedImage image, int[] from, boolean[] changed, long basedOn) {
        int columns() {
            return from.length - 1;
        }
    }

    /** Whether the pixel columns [x0, x1) of two frames of rows of {@code pw} pixels differ anywhere. */
    private static boolean columnDiffers(int[] a, int[] b, int pw, int ph, int x0, int x1) {
        for (int row = 0; row < ph; row++) {
            int at = row * pw;
            if (java.util.Arrays.mismatch(a, at + x0, at + x1, b, at + x0, at + x1) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Gives a frame's drawing surface back to the worker (at most two are kept). */
    private void release(Painted p) {
        if (freeCanvases.size() < 2) {
            freeCanvases.offer(p.image());
        }
    }

    /**
     * On the JavaFX thread: a frame from the worker goes on screen column by column, one column per pulse, unless a
     * newer update came since it was asked for.
     */
    private void showFrame(Painted p) {
        if (p.frame().serial() != serial || !lastModel.playingProperty().get()) {
            release(p);
            return;
        }
        if (p.basedOn() != appliedSerial) {
            // Compared with a frame that never reached the screen (dropped, or before a pause): every column.
            java.util.Arrays.fill(p.changed(), true);
        }
        appliedSerial = p.frame().serial();
        framesShown++;
        if (painting != null) {
            // Cut short: its columns not yet shown are in none of the frames after it either.
            for (int i = nextStrip; i < painting.columns() && i < p.columns(); i++) {
                p.changed()[i] |= painting.changed()[i];
            }
            release(painting);
        }
        painting = p;
        nextStrip = 0;
        stripScheduler.request();
    }

    /**
     * Copies the next column of the frame being shown into its image, and asks for the pulse after this one for the
     * rest.
     *
     * <p>Why columns: a software renderer paints about 30 ns per pixel, so the whole chart (about 1,200 x 220
     * pixels) took 8-10 ms of one pulse, and with the trajectories painted in the same pulse that went past 16 ms.
     * The frame is cut into as few columns as keep each under {@value #STRIP_PIXELS} pixels (two for that chart, at
     * most {@value #STRIPS}); they reach the screen in consecutive pulses, so the old and the new frame meet at a
     * seam for a frame or two (17-33 ms at 60 fps). Each column is a {@link WritableImage} written in place, so a
     * chart frame leaves no images or textures behind for the garbage collector.
     */
    private void applyStrip() {
        Painted p = painting;
        if (p == null) {
            return;
        }
        if (p.frame().serial() != serial) {
            // A newer update was asked for: its frame will send every column it finds changed since this one.
            painting = null;
            appliedSerial = -1;
            release(p);
            return;
        }
        Frame f = p.frame();
        while (nextStrip < p.columns() && !p.changed()[nextStrip]) {
            nextStrip++;
        }
        if (nextStrip == p.columns()) {
            finish(p);
            return;
        }
        int i = nextStrip++;
        columnsWritten++;
        int x0 = p.from()[i];
        int sw = p.from()[i + 1] - x0;
        int pw = p.image().getWidth();
        int ph = p.image().getHeight();
        WritableImage target = stripImages[i];
        if (target == null || (int) target.getWidth() != sw || (int) target.getHeight() != ph) {
            target = new WritableImage(sw, ph);
            stripImages[i] = target;
        }
        int[] argb = ((DataBufferInt) p.image().getRaster().getDataBuffer()).getData();
        target.getPixelWriter().setPixels(0, 0, sw, ph, PixelFormat.getIntArgbPreInstance(), argb, x0, pw);
        ImageView view = strips[i];
        view.setImage(target);
        double scale = f.scale();
        view.setLayoutX(x0 / scale);
        view.setLayoutY(0);
        // At scale 1 no fitting: an unscaled image is the cheapest thing for a software renderer to paint.
        view.setFitWidth(scale == 1 ? 0 : sw / scale);
        view.setFitHeight(scale == 1 ? 0 : f.height());
        // The interactive chart stays under the columns (unchanged while the runs play, so never painted): hiding
        // it would repaint the whole chart in one pulse.
        view.setVisible(true);
        if (nextStrip < p.columns()) {
            stripScheduler.request();
        } else {
            finish(p);
        }
    }

    /** The frame is on screen: its drawing surface goes back to the worker; columns it does not have are hidden. */
    private void finish(Painted p) {
        painting = null;
        release(p);
        for (int k = p.columns(); k < STRIPS; k++) {
            strips[k].setVisible(false);
        }
    }

    /** Columns copied to the screen's images so far (for tests and measurements). */
    public long columnsWritten() {
        return columnsWritten;
    }

    /** Frames of the playing chart put on screen so far, whole or in the columns that changed (for tests). */
    public long framesShown() {
        return framesShown;
    }

    /** The strips on screen now, left to right; an invisible one still shows the interactive chart (for tests). */
    public java.util.List<ImageView> strips() {
        return java.util.List.of(strips);
    }

    /** The series of every run (and its validation twin), decimated, on the current scale. */
    private Snapshot snapshot(DescentModel model) {
        boolean logScale = logY.isSelected();
        DefaultXYDataset next = new DefaultXYDataset();
        int[] slots = new int[2 * model.slots().size()];
        boolean[] dashed = new boolean[slots.length];
        int series = 0;
        boolean dropped = false;
        int lastStep = 0;
        for (DescentModel.Slot s : model.slots()) {
            Run run = s.run();
            if (run == null) {
                continue;
            }
            Trajectory t = run.trajectory();
            int n = t.size();
            lastStep = Math.max(lastStep, n - 1);
            int stride = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
            int m = (n - 1) / stride + 1 + ((n - 1) % stride == 0 ? 0 : 1);
            double[] xs = new double[m];
            double[] ys = new double[m];
            int k = 0;
            for (int row = 0; row < n; row += stride) {
                xs[k] = t.step(row);
                ys[k] = t.loss(row);
                k++;
            }
            if ((n - 1) % stride != 0) {
                xs[k] = t.step(n - 1);
                ys[k] = t.loss(n - 1);
                k++;
            }
            if (logScale) {
                for (int i = 0; i < k; i++) {
                    if (!(ys[i] > 0)) {
                        ys[i] = Double.NaN;
                        dropped = true;
                    }
                }
            }
            String name = "run " + (s.index() + 1) + ": " + s.summary();
            next.addSeries(validation == null ? name : name + " (training)", new double[][] {xs, ys});
            slots[series] = s.index();
            series++;
            if (validation != null) {
                double[] vs = new double[k];
                int row = 0;
                for (int i = 0; i < k; i++) {
                    row = (int) xs[i];
                    vs[i] = validation.applyAsDouble(t.theta1(row), t.theta2(row));
                    if (logScale && !(vs[i] > 0)) {
                        vs[i] = Double.NaN;
                        dropped = true;
                    }
                }
                next.addSeries(name + " (validation)", new double[][] {java.util.Arrays.copyOf(xs, k), vs});
                slots[series] = s.index();
                dashed[series] = true;
                series++;
            }
        }
        double maxAbs = 0;
        for (int sIdx = 0; sIdx < next.getSeriesCount(); sIdx++) {
            for (int i = 0; i < next.getItemCount(sIdx); i++) {
                double v = next.getYValue(sIdx, i);
                if (Double.isFinite(v)) {
                    maxAbs = Math.max(maxAbs, Math.abs(v));
                }
            }
        }
        return new Snapshot(next, java.util.Arrays.copyOf(slots, series), java.util.Arrays.copyOf(dashed, series),
                logScale, dropped, Math.max(1e-12, 0.1 * maxAbs), lastStep);
    }

    /** The plotted data, for tests. */
    public DefaultXYDataset dataset() {
        return dataset;
    }

    public boolean isLogScale() {
        return logY.isSelected();
    }

    /** The interactive JFreeChart (for export as SVG); it holds the exact state whenever the runs are paused. */
    public JFreeChart chart() {
        return shown.chart;
    }
}
