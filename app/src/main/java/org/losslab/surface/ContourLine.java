package org.losslab.surface;

/**
 * One contour polyline at one level, in parameter space, with a place for its label.
 *
 * <p>Points are interleaved {@code (theta1, theta2)} pairs: point k is {@code (xy[2k], xy[2k + 1])}. A closed line
 * does not repeat its first point at the end. The label sits halfway along the line (by arc length measured in
 * grid cells, which is screen distance up to the view's aspect ratio); its direction {@code (labelDx, labelDy)}
 * is the unit tangent there in cell units with theta2 up, turned to point rightwards ({@code labelDx >= 0}) so
 * that text along it reads left to right.
 */
public final class ContourLine {
    private final double level;
    private final double[] xy;
    private final boolean closed;
    private final double lengthInCells;
    private final double labelTheta1;
    private final double labelTheta2;
    private final double labelDx;
    private final double labelDy;

    ContourLine(double level, double[] xy, boolean closed, double lengthInCells, double labelTheta1,
                double labelTheta2, double labelDx, double labelDy) {
        this.level = level;
        this.xy = xy;
        this.closed = closed;
        this.lengthInCells = lengthInCells;
        this.labelTheta1 = labelTheta1;
        this.labelTheta2 = labelTheta2;
        this.labelDx = labelDx;
        this.labelDy = labelDy;
    }

    /** The level this line traces. */
    public double level() {
        return level;
    }

    /** The number of points. */
    public int size() {
        return xy.length / 2;
    }

    /** theta1 of point k. */
    public double theta1(int k) {
        return xy[2 * k];
    }

    /** theta2 of point k. */
    public double theta2(int k) {
        return xy[2 * k + 1];
    }

    /** The points, interleaved (theta1, theta2); a copy. */
    public double[] points() {
        return xy.clone();
    }

    /** Whether the line is a loop (its last point joins its first). */
    public boolean isClosed() {
        return closed;
    }

    /** The length in grid cells (a cell is 1 by 1), to skip labels on tiny lines. */
    public double lengthInCells() {
        return lengthInCells;
    }

    public double labelTheta1() {
        return labelTheta1;
    }

    public double labelTheta2() {
        return labelTheta2;
    }

    /** The label direction in cell units (x along theta1, y along theta2), unit length, x >= 0. */
    public double labelDx() {
        return labelDx;
    }

    public double labelDy() {
        return labelDy;
    }
}
