package org.losslab.surface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.problem.Bounds;

class ContoursTest {
    private static SurfaceGrid grid(Bounds bounds, int nx, int ny, java.util.function.DoubleBinaryOperator f) {
        SurfaceGrid g = new SurfaceGrid(bounds, nx, ny);
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                g.values()[g.index(i, j)] = f.applyAsDouble(g.theta1(i), g.theta2(j));
            }
        }
        g.updateStats();
        return g;
    }

    @Test
    void contoursOfTheParaboloidAreCirclesOfRadiusSqrtLevel() {
        SurfaceGrid g = grid(new Bounds(-2, 2, -2, 2), 101, 101, (x, y) -> x * x + y * y);
        double[] levels = {0.05, 0.5, 1.0, 2.0, 3.5};
        List<ContourLine> lines = Contours.trace(g, levels);
        assertEquals(levels.length, lines.size(), "one loop per level");
        for (int k = 0; k < levels.length; k++) {
            ContourLine line = lines.get(k);
            double r = Math.sqrt(levels[k]);
            assertEquals(levels[k], line.level());
            assertTrue(line.isClosed());
            assertTrue(line.size() > 8);
            for (int p = 0; p < line.size(); p++) {
                double d = Math.hypot(line.theta1(p), line.theta2(p));
                assertEquals(r, d, 1e-3, "level " + levels[k] + " point " + p);
            }
            // the circumference in cells: 2 pi r / h, h = 0.04
            assertEquals(2 * Math.PI * r / 0.04, line.lengthInCells(), 0.01 * 2 * Math.PI * r / 0.04);
            assertEquals(r, Math.hypot(line.labelTheta1(), line.labelTheta2()), 2e-3);
            assertEquals(1.0, Math.hypot(line.labelDx(), line.labelDy()), 1e-12);
            assertTrue(line.labelDx() >= 0);
            // the label direction is a chord of the circle: perpendicular to the radius within half a chord
            double dot = line.labelDx() * line.labelTheta1() + line.labelDy() * line.labelTheta2();
            assertEquals(0.0, dot, 0.04);
        }
    }

    @Test
    void openLinesRunFromBorderToBorder() {
        // f = x: the level-c contour is the vertical line x = c, one open polyline from bottom to top
        SurfaceGrid g = grid(new Bounds(-1, 1, 0, 3), 21, 31, (x, y) -> x);
        List<ContourLine> lines = Contours.trace(g, 0.33);
        assertEquals(1, lines.size());
        ContourLine line = lines.get(0);
        assertFalse(line.isClosed());
        assertEquals(31, line.size());
        for (int p = 0; p < line.size(); p++) {
            assertEquals(0.33, line.theta1(p), 1e-12);
        }
        double first = line.theta2(0);
        double last = line.theta2(line.size() - 1);
        assertEquals(3.0, Math.abs(last - first), 1e-12);
        assertEquals(0.0, line.labelDx(), 1e-12);
        assertEquals(1.0, line.labelDy(), 1e-12);
    }

    @Test
    void saddleCellsAreResolvedByTheCentre() {
        Bounds unit = new Bounds(0, 1, 0, 1);
        // high corners (0,0) and (1,1); centre 0.5 >= 0.5: they are joined, the low corners are cut off
        double[] joined = {1.0, 0.0, 0.0, 1.0};
        List<ContourLine> a = Contours.trace(joined, 2, 2, unit, 0.5);
        assertEquals(2, a.size());
        for (ContourLine l : a) {
            assertEquals(2, l.size());
            // each segment cuts off a low corner: (1,0) or (0,1)
            double mx = 0.5 * (l.theta1(0) + l.theta1(1));
            double my = 0.5 * (l.theta2(0) + l.theta2(1));
            assertTrue((mx > 0.5 && my < 0.5) || (mx < 0.5 && my > 0.5), mx + "," + my);
        }
        // centre 0.475 < 0.5: the high corners are cut off
        double[] separated = {1.0, 0.0, 0.0, 0.9};
        for (ContourLine l : Contours.trace(separated, 2, 2, unit, 0.5)) {
            double mx = 0.5 * (l.theta1(0) + l.theta1(1));
            double my = 0.5 * (l.theta2(0) + l.theta2(1));
            assertTrue((mx < 0.5 && my < 0.5) || (mx > 0.5 && my > 0.5), mx + "," + my);
        }
        // the mirrored saddle (1010) follows the same rule
        double[] mirrored = {0.0, 1.0, 1.0, 0.0};
        for (ContourLine l : Contours.trace(mirrored, 2, 2, unit, 0.5)) {
            double mx = 0.5 * (l.theta1(0) + l.theta1(1));
            double my = 0.5 * (l.theta2(0) + l.theta2(1));
            assertTrue((mx < 0.5 && my < 0.5) || (mx > 0.5 && my > 0.5), "low corners cut off: " + mx + "," + my);
        }
    }

    @Test
    void saddleSurfaceGivesNonCrossingLinesAndNaNCellsAreSkipped() {
        SurfaceGrid g = grid(new Bounds(-1, 1, -1, 1), 40, 40, (x, y) -> x * y);
        List<ContourLine> lines = Contours.trace(g, -0.2, 0.2);
        assertEquals(4, lines.size(), "two hyperbola branches per level");
        for (ContourLine l : lines) {
            assertFalse(l.isClosed());
            for (int p = 0; p < l.size(); p++) {
                assertEquals(l.level(), l.theta1(p) * l.theta2(p), 2e-3);
            }
        }
        g.values()[g.index(20, 20)] = Double.NaN;
        SurfaceGrid circle = grid(new Bounds(-2, 2, -2, 2), 41, 41, (x, y) -> x * x + y * y);
        circle.values()[circle.index(30, 20)] = Double.NaN; // on the circle of radius 1 at (1, 0)
        List<ContourLine> broken = Contours.trace(circle, 1.0);
        assertEquals(1, broken.size(), "the loop opens at the NaN cells into one path");
        assertFalse(broken.get(0).isClosed());
    }

    @Test
    void levelsAreNiceInteriorValues() {
        double[] lin = Contours.levels(ColorScale.linear(0.0, 10.0), 4);
        assertEquals(java.util.Arrays.toString(new double[] {2.0, 4.0, 6.0, 8.0}), java.util.Arrays.toString(lin));
        double[] log = Contours.levels(ColorScale.log(0.0, 2500.0), 8);
        assertTrue(log.length >= 4);
        for (double v : log) {
            assertTrue(v > 0.0 && v < 2500.0);
        }
    }
}
