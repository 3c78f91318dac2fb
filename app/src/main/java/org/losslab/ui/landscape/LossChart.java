package org.losslab.ui.landscape;

import java.awt.BasicStroke;
import java.awt.Font;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
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
import org.losslab.ui.Palette;
import org.losslab.ui.descent.DescentModel;

/**
 * Loss against step for every run, in the runs' colours, with a log-scale toggle for the loss. Long runs are
 * decimated to at most {@link #MAX_POINTS} points per run (always keeping the first and last), and updates during
 * playback are limited to four per second so that the chart never costs a frame.
 */
public final class LossChart extends BorderPane {
    /** Most points drawn per run. */
    public static final int MAX_POINTS = 1500;
    private static final long MIN_INTERVAL_NANOS = 250_000_000L;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    private final NumberAxis stepAxis = new NumberAxis("step");
    private final NumberAxis linear = new NumberAxis("loss");
    private final LogAxis log = new LogAxis("loss (log scale)");
    private final XYPlot plot;
    private final JFreeChart chart;
    private final CheckBox logY = new CheckBox("log scale");
    private final Label note = new Label();
    private DefaultXYDataset dataset = new DefaultXYDataset();
    private long lastUpdate;
    private DescentModel lastModel;

    public LossChart() {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        plot = new XYPlot(dataset, stepAxis, linear, renderer);
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
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setId("loss-chart");
        antiAlias(false);
        logY.setId("loss-log");
        logY.selectedProperty().addListener((o, a, b) -> {
            plot.setRangeAxis(b ? log : linear);
            if (lastModel != null) {
                lastUpdate = 0;
                update(lastModel);
            }
        });
        note.getStyleClass().add("hint");
        HBox top = new HBox(12, logY, note);
        top.setStyle("-fx-padding: 4;");
        setTop(top);
        setCenter(viewer);
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

    /** Redraws from the runs (at most four times a second while they move). */
    public void update(DescentModel model) {
        lastModel = model;
        long now = System.nanoTime();
        if (model.playingProperty().get() && now - lastUpdate < MIN_INTERVAL_NANOS) {
            return;
        }
        lastUpdate = now;
        boolean logScale = logY.isSelected();
        DefaultXYDataset next = new DefaultXYDataset();
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
        chart.setNotify(false);
        int series = 0;
        boolean dropped = false;
        for (DescentModel.Slot s : model.slots()) {
            Run run = s.run();
            if (run == null) {
                continue;
            }
            Trajectory t = run.trajectory();
            int n = t.size();
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
            renderer.setSeriesPaint(series, java.awt.Color.decode(Palette.runHex(s.index())));
            renderer.setSeriesStroke(series, new BasicStroke(2f));
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
                renderer.setSeriesPaint(series, java.awt.Color.decode(Palette.runHex(s.index())));
                renderer.setSeriesStroke(series, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
                        1f, new float[] {6f, 4f}, 0f));
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
        // A single point (or a flat run) still gets a readable axis around its value.
        linear.setAutoRangeMinimumSize(Math.max(1e-12, 0.1 * maxAbs));
        dataset = next;
        plot.setDataset(dataset);
        note.setText(dropped ? "losses ≤ 0 cannot be shown on a log scale and are left out" : "");
        chart.setNotify(true);
    }

    /** Anti-aliasing costs several milliseconds per redraw on a software pipeline: off while runs move. */
    private void antiAlias(boolean on) {
        chart.setAntiAlias(on);
        chart.setTextAntiAlias(on);
    }

    /** The plotted data, for tests. */
    public DefaultXYDataset dataset() {
        return dataset;
    }

    public boolean isLogScale() {
        return logY.isSelected();
    }

    /** The JFreeChart drawn (for export as SVG). */
    public JFreeChart chart() {
        return chart;
    }
}
