package org.losslab.surface;

import java.util.Objects;
import org.losslab.problem.Bounds;

/**
 * The loss over a grid of parameter values: {@code nx} columns of theta1 by {@code ny} rows of theta2 spanning a
 * {@link Bounds}, with the statistics a view needs (min, max, grid argmin).
 *
 * <h2>Layout</h2>
 * One flat row-major array: cell (i, j) — column i, row j — is {@code values[j * nx + i]}, at
 * <pre>
 *   theta1_i = min1 + (max1 - min1) i / (nx - 1),   theta2_j = min2 + (max2 - min2) j / (ny - 1)
 * </pre>
 * exactly as {@link Bounds#theta1} and {@link Bounds#theta2} give them, so the first and last columns and rows lie
 * on the bounds. Row j = 0 is the <em>bottom</em> of a plot (smallest theta2); {@link ColorMap#fillImage} flips
 * it into image order.
 *
 * <h2>Statistics</h2>
 * {@link #updateStats()} scans the finite values: {@code min}, {@code max} and the argmin (the first minimum in
 * row-major order, so ties go to the smallest j, then the smallest i). NaN and infinite cells are skipped; when
 * no cell is finite, min and max are NaN and the argmin is -1.
 *
 * <h2>Coarse content</h2>
 * A progressive computation ({@link ProblemGrid#computeCoarse}) first fills only every {@code stride}-th cell
 * and copies it over its block; {@link #stride()} tells which resolution the values hold (1 = every cell exact).
 *
 * <p>The grid is a mutable buffer, reused between frames: computations write into {@link #values()} in place.
 * It is not synchronized; the computations in this package finish all writes before they return.
 */
public final class SurfaceGrid {
    private final Bounds bounds;
    private final int nx;
    private final int ny;
    private final double[] values;
    private double min = Double.NaN;
    private double max = Double.NaN;
    private int argmin = -1;
    private int stride = 0;

    /**
     * An empty grid (all values 0, no statistics, stride 0 = nothing computed yet).
     *
     * @throws IllegalArgumentException unless {@code nx, ny >= 1}
     */
    public SurfaceGrid(Bounds bounds, int nx, int ny) {
        this.bounds = Objects.requireNonNull(bounds, "bounds");
        if (nx < 1 || ny < 1) {
            throw new IllegalArgumentException("a grid needs at least one column and one row, got " + nx + "x" + ny);
        }
        this.nx = nx;
        this.ny = ny;
        this.values = new double[Math.multiplyExact(nx, ny)];
    }

    /** The region the grid spans. */
    public Bounds bounds() {
        return bounds;
    }

    /** The number of columns (theta1 values). */
    public int nx() {
        return nx;
    }

    /** The number of rows (theta2 values). */
    public int ny() {
        return ny;
    }

    /** The live value array, row-major: cell (i, j) at {@code j * nx + i}. Written in place by computations. */
    public double[] values() {
        return values;
    }

    /** The flat index of cell (i, j). */
    public int index(int i, int j) {
        return j * nx + i;
    }

    /** The value of cell (i, j). */
    public double value(int i, int j) {
        return values[j * nx + i];
    }

    /** theta1 of column i. */
    public double theta1(int i) {
        return bounds.theta1(i, nx);
    }

    /** theta2 of row j. */
    public double theta2(int j) {
        return bounds.theta2(j, ny);
    }

    /** The smallest finite value (NaN when none). */
    public double min() {
        return min;
    }

    /** The largest finite value (NaN when none). */
    public double max() {
        return max;
    }

    /** The flat index of the smallest finite value, or -1. */
    public int argminIndex() {
        return argmin;
    }

    /** The column of the smallest value, or -1. */
    public int argminI() {
        return argmin < 0 ? -1 : argmin % nx;
    }

    /** The row of the smallest value, or -1. */
    public int argminJ() {
        return argmin < 0 ? -1 : argmin / nx;
    }

    /** theta1 of the grid argmin (NaN when none). */
    public double argminTheta1() {
        return argmin < 0 ? Double.NaN : theta1(argminI());
    }

    /** theta2 of the grid argmin (NaN when none). */
    public double argminTheta2() {
        return argmin < 0 ? Double.NaN : theta2(argminJ());
    }

    /** The resolution of the current content: 1 when every cell is exact, s after a coarse pass of stride s, 0 before any. */
    public int stride() {
        return stride;
    }

    /** Whether every cell holds its exact value (stride 1). */
    public boolean isComplete() {
        return stride == 1;
    }

    /** Records the resolution of the current content (see {@link #stride()}). */
    public void setStride(int stride) {
        if (stride < 0) {
            throw new IllegalArgumentException("stride must be >= 0");
        }
        this.stride = stride;
    }

    /** Recomputes min, max and argmin over every cell. */
    public void updateStats() {
        updateStats(1);
    }

    /**
     * Recomputes min, max and argmin over the cells of the coarse lattice of {@code stride}
     * (see {@link ProblemGrid#isLattice}); stride 1 scans every cell.
     */
    public void updateStats(int stride) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int arg = -1;
        for (int j = 0; j < ny; j++) {
            if (!ProblemGrid.isLattice(j, ny, stride)) {
                continue;
            }
            int row = j * nx;
            for (int i = 0; i < nx; i++) {
                if (stride > 1 && !ProblemGrid.isLattice(i, nx, stride)) {
                    continue;
                }
                double v = values[row + i];
                if (v < lo && v > Double.NEGATIVE_INFINITY) {
                    lo = v;
                    arg = row + i;
                }
                if (v > hi && v < Double.POSITIVE_INFINITY) {
                    hi = v;
                }
            }
        }
        this.argmin = arg;
        this.min = arg < 0 ? Double.NaN : lo;
        this.max = arg < 0 ? Double.NaN : hi;
    }

    /** A deep copy (values, statistics and stride), for handing a finished frame to another thread. */
    public SurfaceGrid copy() {
        SurfaceGrid c = new SurfaceGrid(bounds, nx, ny);
        System.arraycopy(values, 0, c.values, 0, values.length);
        c.min = min;
        c.max = max;
        c.argmin = argmin;
        c.stride = stride;
        return c;
    }
}
