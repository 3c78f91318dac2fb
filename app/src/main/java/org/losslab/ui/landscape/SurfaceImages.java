package org.losslab.ui.landscape;

import java.util.ArrayList;
import java.util.List;
import org.losslab.surface.ColorMap;
import org.losslab.surface.ColorScale;
import org.losslab.surface.ContourLine;
import org.losslab.surface.Contours;
import org.losslab.surface.SurfaceGrid;
import org.losslab.surface.Ticks;

/**
 * Turns a computed grid into what the Surface view draws: the heat-map pixels, contour lines with labels and the
 * colour bar. Runs on the worker thread; touches no scene node.
 */
public final class SurfaceImages {
    /** Number of contour levels asked for. */
    static final int LEVELS = 12;

    private SurfaceImages() {
    }

    /** Contour polylines of a grid at {@code levels} round levels of its colour scale, labelled when long enough. */
    public static List<SurfaceCanvas.Line> contours(SurfaceGrid grid, ColorScale scale, int levels) {
        List<SurfaceCanvas.Line> lines = new ArrayList<>();
        for (ContourLine c : Contours.trace(grid, Contours.levels(scale, levels))) {
            int n = c.size();
            double[] t1 = new double[n + (c.isClosed() ? 1 : 0)];
            double[] t2 = new double[t1.length];
            for (int k = 0; k < n; k++) {
                t1[k] = c.theta1(k);
                t2[k] = c.theta2(k);
            }
            if (c.isClosed()) {
                t1[n] = t1[0];
                t2[n] = t2[0];
            }
            String label = c.lengthInCells() > 25 ? Ticks.format(c.level()) : null;
            lines.add(new SurfaceCanvas.Line(t1, t2, t1.length, label));
        }
        return lines;
    }

    /** The heat map, contours and colour bar of a grid (linear or log colour scale). */
    public static SurfaceView.Rendered render(SurfaceGrid grid, boolean log, boolean withContours) {
        ColorScale scale = ColorScale.of(log ? ColorScale.Kind.LOG : ColorScale.Kind.LINEAR, grid);
        int[] argb = new int[grid.nx() * grid.ny()];
        ColorMap.VIRIDIS.fillImage(grid, scale, argb);
        List<SurfaceCanvas.Line> lines = withContours ? contours(grid, scale, LEVELS) : new ArrayList<>();
        int[] bar = new int[ColorMap.SIZE];
        for (int k = 0; k < bar.length; k++) {
            bar[k] = ColorMap.VIRIDIS.entry(k);
        }
        double[] ticks = Ticks.of(scale, 8);
        double[] positions = new double[ticks.length];
        String[] labels = new String[ticks.length];
        for (int i = 0; i < ticks.length; i++) {
            positions[i] = scale.position(ticks[i]);
            labels[i] = Ticks.format(ticks[i]);
        }
        return new SurfaceView.Rendered(grid, argb, lines, bar, positions, labels);
    }
}
