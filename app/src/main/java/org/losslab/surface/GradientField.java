package org.losslab.surface;

import java.util.Objects;
import org.losslab.problem.Problem;

/**
 * Gradient arrows on a subsampled lattice of a grid: at every {@code step}-th column and row,
 * {@code (theta1, theta2, dL/dtheta1, dL/dtheta2)} from {@link Problem#gradient}.
 *
 * <h2>Lattice</h2>
 * Along an axis of n grid points the arrows sit at indices {@code off + k step}, k = 0 .. a - 1, with
 * {@code a = (n - 1) / step + 1} and {@code off = ((n - 1) - (a - 1) step) / 2}, so the margins on both sides
 * differ by at most one cell. Arrow (ka, kb) — column ka, row kb — is record {@code kb * arrowsX + ka} of the
 * output, 4 doubles per record.
 *
 * <p>Drawing: scale the arrows by one factor, for example {@code 0.9 * step * cellSize / maxNorm}, or draw
 * directions only (the gradient of a loss surface spans decades). The negative gradient is the descent direction.
 */
public final class GradientField {
    /** Doubles per arrow: theta1, theta2, dL/dtheta1, dL/dtheta2. */
    public static final int RECORD = 4;

    private GradientField() {
    }

    /** The number of arrows along an axis of {@code n} points with the given step. */
    public static int arrowsAlong(int n, int step) {
        if (n < 1 || step < 1) {
            throw new IllegalArgumentException("need n >= 1 and step >= 1, got " + n + ", " + step);
        }
        return (n - 1) / step + 1;
    }

    /** The grid index of arrow k along an axis of {@code n} points. */
    public static int indexOf(int k, int n, int step) {
        int a = arrowsAlong(n, step);
        return ((n - 1) - (a - 1) * step) / 2 + k * step;
    }

    /**
     * Fills {@code out} with the arrows of {@code problem} on the lattice of {@code grid} (its bounds and
     * resolution; its values are not read), rows of arrows split across the workers.
     *
     * @param out at least {@code RECORD * arrowsAlong(nx, step) * arrowsAlong(ny, step)} doubles
     * @return true when complete, false when cancelled
     */
    public static boolean compute(Problem problem, SurfaceGrid grid, int step, double[] out, Workers workers,
                                  CancelToken token) {
        Objects.requireNonNull(problem, "problem");
        int ax = arrowsAlong(grid.nx(), step);
        int ay = arrowsAlong(grid.ny(), step);
        if (out.length < RECORD * ax * ay) {
            throw new IllegalArgumentException("out holds " + out.length + " doubles, need " + RECORD * ax * ay);
        }
        return workers.run(ay, 1, token, (worker, from, to) -> {
            double[] g = new double[2];
            for (int kb = from; kb < to; kb++) {
                double t2 = grid.theta2(indexOf(kb, grid.ny(), step));
                for (int ka = 0; ka < ax; ka++) {
                    double t1 = grid.theta1(indexOf(ka, grid.nx(), step));
                    problem.gradient(t1, t2, g);
                    int r = RECORD * (kb * ax + ka);
                    out[r] = t1;
                    out[r + 1] = t2;
                    out[r + 2] = g[0];
                    out[r + 3] = g[1];
                }
            }
        });
    }

    /** The largest finite gradient norm among the first {@code arrows} records (0 when none). */
    public static double maxNorm(double[] out, int arrows) {
        double max = 0.0;
        for (int a = 0; a < arrows; a++) {
            double n = Math.hypot(out[RECORD * a + 2], out[RECORD * a + 3]);
            if (n > max && n < Double.POSITIVE_INFINITY) {
                max = n;
            }
        }
        return max;
    }
}
