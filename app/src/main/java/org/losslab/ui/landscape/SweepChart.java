package org.losslab.ui.landscape;

import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYDataset;
import javafx.scene.layout.BorderPane;
import org.losslab.optim.LearningRateSweep;
import org.losslab.ui.Theme;

/**
 * The learning-rate sweep: the final loss after K steps against the rate, both on log scales, diverged rates
 * marked in red at their last finite loss, and the stability limit 2/L drawn as a line where it is known.
 */
public final class SweepChart extends BorderPane {
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private final XYPlot plot;
    private final JFreeChart chart;
    private final LogAxis rateAxis = new LogAxis("learning rate");
    private final LogAxis lossAxis = new LogAxis("final loss");
    private DefaultXYDataset dataset = new DefaultXYDataset();

    public SweepChart() {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        plot = new XYPlot(dataset, rateAxis, lossAxis, renderer);
        plot.setBackgroundPaint(java.awt.Color.WHITE);
        rateAxis.setLabelFont(FONT);
        lossAxis.setLabelFont(FONT);
        rateAxis.setTickLabelFont(FONT);
        lossAxis.setTickLabelFont(FONT);
        rateAxis.setSmallestValue(1e-12);
        lossAxis.setSmallestValue(1e-300);
        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(java.awt.Color.WHITE);
        chart.getLegend().setItemFont(FONT);
        XYLineAndShapeRenderer styled = renderer;
        Theme.get().style(this, chart, () -> {
            styled.setSeriesStroke(0, Theme.get().stroke(2f));
            float r = (float) Theme.get().px(3);
            styled.setSeriesShape(0, new java.awt.geom.Rectangle2D.Double(-r, -r, 2 * r, 2 * r));
            styled.setSeriesShape(1, new java.awt.geom.Ellipse2D.Double(-r - 1, -r - 1, 2 * r + 2, 2 * r + 2));
            for (Object m : plot.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND) == null ? java.util.List.of()
                    : plot.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND)) {
                ((ValueMarker) m).setStroke(Theme.get().dashed(1.5f, 6f, 4f));
            }
        });
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setId("sweep-chart");
        setCenter(viewer);
    }

    /** Shows a sweep; {@code limit} is 2/L or NaN. Non-positive losses are left out (log scale). */
    public void show(LearningRateSweep.Result result, double limit) {
        int n = result.points().size();
        double[][] ok = new double[2][n];
        double[][] bad = new double[2][n];
        int a = 0;
        int b = 0;
        for (LearningRateSweep.Point p : result.points()) {
            double loss = p.finalLoss() > 0 ? p.finalLoss() : Double.NaN;
            if (p.diverged()) {
                bad[0][b] = p.learningRate();
                bad[1][b++] = loss;
            } else {
                ok[0][a] = p.learningRate();
                ok[1][a++] = loss;
            }
        }
        DefaultXYDataset next = new DefaultXYDataset();
        next.addSeries("final loss", new double[][] {java.util.Arrays.copyOf(ok[0], a), java.util.Arrays.copyOf(ok[1], a)});
        next.addSeries("diverged (last finite loss)",
                new double[][] {java.util.Arrays.copyOf(bad[0], b), java.util.Arrays.copyOf(bad[1], b)});
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
        r.setSeriesPaint(0, java.awt.Color.decode("#0072B2"));
        r.setSeriesPaint(1, java.awt.Color.decode("#D55E00"));
        r.setSeriesLinesVisible(1, false);
        r.setSeriesStroke(0, Theme.get().stroke(2f));
        chart.setNotify(false);
        plot.clearDomainMarkers();
        if (Double.isFinite(limit) && limit > 0) {
            ValueMarker m = new ValueMarker(limit, java.awt.Color.decode("#c62828"), Theme.get().dashed(1.5f, 6f, 4f));
            m.setLabel("2/L = " + org.losslab.ui.descent.LearningRateControl.format(limit));
            m.setLabelFont(Theme.get().chartFont(13));
            m.setLabelPaint(Theme.awt(Theme.get().ink()));
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addDomainMarker(m);
        }
        dataset = next;
        plot.setDataset(dataset);
        chart.setNotify(true);
    }

    public DefaultXYDataset dataset() {
        return dataset;
    }

    /** The JFreeChart drawn (for export as SVG). */
    public JFreeChart chart() {
        return chart;
    }
}
