package org.losslab.ui;

import java.awt.BasicStroke;
import java.net.URL;
import java.util.Locale;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.Layer;

/**
 * How the app looks in front of a class: the presentation size (normal, ×1.5, ×2) and the light or dark theme.
 * One object for the whole app, so a choice applies to every view at once and lasts while the app runs.
 *
 * <p>Controls follow through the scene: the root's font size and the dark stylesheet. Canvases and charts read
 * their scale and colours here when they draw and listen to {@link #revisionProperty()} (weakly, through
 * {@link #onChange}) to redraw. Heat maps keep their colour map (viridis) in both themes.
 */
public final class Theme {
    /** The light or the dark look. */
    public enum Mode { LIGHT, DARK }

    /** The presentation sizes offered, as scale factors. */
    public static final double[] SIZES = {1.0, 1.5, 2.0};
    /** The root font size at scale 1, in pixels (as in losslab.css). */
    public static final double BASE_FONT = 14;

    private static final Theme INSTANCE = new Theme();

    private final ObjectProperty<Double> scale = new SimpleObjectProperty<>(this, "scale", 1.0);
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(this, "mode", Mode.LIGHT);
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision");
    private Theme() {
        InvalidationListener bump = o -> revision.set(revision.get() + 1);
        scale.addListener(bump);
        mode.addListener(bump);
    }

    /** The app's one theme. */
    public static Theme get() {
        return INSTANCE;
    }

    // ---------------------------------------------------------------- state

    /** The presentation scale: 1 (normal), 1.5 or 2. */
    public ObjectProperty<Double> scaleProperty() {
        return scale;
    }

    public double scale() {
        return scale.get();
    }

    /** Sets the scale, clamped to the sizes offered (the nearest one). */
    public void setScale(double s) {
        double best = SIZES[0];
        for (double size : SIZES) {
            if (Math.abs(size - s) < Math.abs(best - s)) {
                best = size;
            }
        }
        scale.set(best);
    }

    /** One size up (Ctrl+Plus); stays at the largest. */
    public void larger() {
        for (double size : SIZES) {
            if (size > scale() + 1e-9) {
                scale.set(size);
                return;
            }
        }
    }

    /** One size down (Ctrl+Minus); stays at normal. */
    public void smaller() {
        for (int i = SIZES.length - 1; i >= 0; i--) {
            if (SIZES[i] < scale() - 1e-9) {
                scale.set(SIZES[i]);
                return;
            }
        }
    }

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    public boolean isDark() {
        return mode.get() == Mode.DARK;
    }

    /** Changes every time the scale or the theme changes: canvases redraw on it. */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /**
     * Calls {@code listener} after every change, for as long as {@code owner} is reachable: the listener is held
     * by the owner, not by the theme, so views that are thrown away (as in tests) are not kept alive.
     */
    public void onChange(javafx.scene.Node owner, Runnable listener) {
        InvalidationListener l = o -> listener.run();
        // The node's own properties hold the listener: it lives exactly as long as the node.
        owner.getProperties().put(new Object(), l);
        revision.addListener(new WeakInvalidationListener(l));
    }

    // ---------------------------------------------------------------- sizes for canvases

    /** A line width or a length in pixels at the current scale. */
    public double px(double base) {
        return base * scale();
    }

    /** Keeps a region's preferred width at {@code base} pixels times the scale (sidebars grow with their text). */
    public void prefWidth(javafx.scene.layout.Region region, double base) {
        region.setPrefWidth(px(base));
        onChange(region, () -> region.setPrefWidth(px(base)));
    }

    /** Keeps a region's minimum width at {@code base} pixels times the scale. */
    public void minWidth(javafx.scene.layout.Region region, double base) {
        region.setMinWidth(px(base));
        onChange(region, () -> region.setMinWidth(px(base)));
    }

    /** A font of {@code base} pixels at scale 1, scaled. */
    public Font font(double base) {
        return Font.font(base * scale());
    }

    public Font boldFont(double base) {
        return Font.font(null, FontWeight.BOLD, base * scale());
    }

    // ---------------------------------------------------------------- colours for canvases and charts

    /** Behind plots and their axes. */
    public Color background() {
        return isDark() ? Color.web("#1e2127") : Color.WHITE;
    }

    /** Inside a plot where there is nothing to show (for example outside a heat map). */
    public Color emptyPlot() {
        return isDark() ? Color.web("#2a2e35") : Color.web("#f0f0f0");
    }

    /** Text, tick labels and the marks drawn in "ink" (data points, boundaries). */
    public Color ink() {
        return isDark() ? Color.web("#e8eaed") : Color.web("#222222");
    }

    /** Secondary marks: arrows of pull, margins. */
    public Color muted() {
        return isDark() ? Color.web("#a9afb8") : Color.web("#5a5a5a");
    }

    /** Plot frames and tick marks. */
    public Color frame() {
        return isDark() ? Color.web("#8a9099") : Color.web("#555555");
    }

    /** Grid lines. */
    public Color grid() {
        return isDark() ? Color.web("#3a3f47") : Color.web("#e4e4e4");
    }

    /** A JavaFX colour for Java2D (JFreeChart). */
    public static java.awt.Color awt(Color c) {
        return new java.awt.Color((float) c.getRed(), (float) c.getGreen(), (float) c.getBlue(),
                (float) c.getOpacity());
    }

    /** A solid chart stroke of {@code base} pixels at scale 1, scaled. */
    public BasicStroke stroke(float base) {
        return new BasicStroke((float) (base * scale()));
    }

    /** A dashed chart stroke, width and dashes scaled. */
    public BasicStroke dashed(float base, float on, float off) {
        float s = (float) scale();
        return new BasicStroke(base * s, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
                new float[] {on * s, off * s}, 0f);
    }

    /** A chart font of {@code base} points at scale 1, scaled. */
    public java.awt.Font chartFont(float base) {
        return new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, Math.round(base * (float) scale()));
    }

    // ---------------------------------------------------------------- charts

    /**
     * Styles a chart now and after every change while {@code owner} (the view showing it) lives: backgrounds,
     * grid, axis and legend fonts and colours. {@code restyle} then sets what only its view knows (series strokes,
     * for instance) and may be null.
     */
    public void style(javafx.scene.Node owner, JFreeChart chart, Runnable restyle) {
        Runnable apply = () -> {
            chart.setNotify(false);
            styleChart(chart);
            if (restyle != null) {
                restyle.run();
            }
            chart.setNotify(true);
        };
        apply.run();
        onChange(owner, apply);
    }

    /** Styles an axis that is not in the plot now (a linear and a log axis swapped in and out). */
    public void styleAxis(Axis a) {
        java.awt.Color ink = awt(ink());
        a.setLabelFont(chartFont(14));
        a.setTickLabelFont(chartFont(13));
        a.setLabelPaint(ink);
        a.setTickLabelPaint(ink);
        a.setAxisLinePaint(awt(frame()));
        a.setTickMarkPaint(awt(frame()));
    }

    private void styleChart(JFreeChart chart) {
        java.awt.Color bg = awt(background());
        chart.setBackgroundPaint(bg);
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(chartFont(13));
            legend.setItemPaint(awt(ink()));
            legend.setBackgroundPaint(bg);
        }
        Plot p = chart.getPlot();
        p.setBackgroundPaint(bg);
        p.setOutlinePaint(awt(frame()));
        if (p instanceof XYPlot) {
            XYPlot xy = (XYPlot) p;
            xy.setDomainGridlinePaint(awt(grid()));
            xy.setRangeGridlinePaint(awt(grid()));
            xy.setDomainZeroBaselinePaint(awt(frame()));
            xy.setRangeZeroBaselinePaint(awt(frame()));
            xy.setDomainCrosshairPaint(awt(muted()));
            for (int i = 0; i < xy.getDomainAxisCount(); i++) {
                if (xy.getDomainAxis(i) != null) {
                    styleAxis(xy.getDomainAxis(i));
                }
            }
            for (int i = 0; i < xy.getRangeAxisCount(); i++) {
                if (xy.getRangeAxis(i) != null) {
                    styleAxis(xy.getRangeAxis(i));
                }
            }
            for (Layer layer : new Layer[] {Layer.FOREGROUND, Layer.BACKGROUND}) {
                java.util.Collection<?> markers = xy.getDomainMarkers(layer);
                if (markers != null) {
                    for (Object m : markers) {
                        ((Marker) m).setLabelFont(chartFont(13));
                        ((Marker) m).setLabelPaint(awt(ink()));
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- scenes

    /**
     * Applies the theme to a scene: the root's font size (every control's text scales with it, since the
     * stylesheets size text in em) and the dark stylesheet on or off.
     */
    public void applyTo(Scene scene) {
        Parent root = scene.getRoot();
        if (root != null) {
            String style = root.getStyle() == null ? "" : root.getStyle()
                    .replaceAll("-fx-font-size:[^;]*;?", "").strip();
            root.setStyle((style.isEmpty() ? "" : style + " ")
                    + String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", BASE_FONT * scale()));
        }
        URL dark = Theme.class.getResource("/assets/styles/dark.css");
        if (dark != null) {
            String url = dark.toExternalForm();
            scene.getStylesheets().remove(url);
            if (isDark()) {
                scene.getStylesheets().add(url);
            }
        }
    }

    /** Keeps a scene (a dialog's, say) in step with the theme while it lives. */
    public void follow(Scene scene) {
        applyTo(scene);
        onChange(scene.getRoot(), () -> applyTo(scene));
    }

    /** For tests: back to normal size and the light theme. */
    public void reset() {
        scale.set(1.0);
        mode.set(Mode.LIGHT);
    }
}
