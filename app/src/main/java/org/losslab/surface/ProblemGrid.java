package org.losslab.surface;

import java.util.Objects;
import java.util.function.Consumer;
import org.losslab.problem.LinearRegressionProblem;
import org.losslab.problem.LogisticProblem;
import org.losslab.problem.Problem;

/**
 * The generic path: any {@link Problem}'s loss over a {@link SurfaceGrid}, one {@link Problem#value} call per cell,
 * rows split across cores, cancellable, optionally coarse-first.
 *
 * <h2>Cost</h2>
 * {@code nx * ny} calls of {@code value}: for a problem over N data points that is {@code O(nx ny N)}, which is
 * why linear regression has exact structured paths in {@link LinearRegressionGrid}. Analytic landscapes
 * (Rosenbrock and friends) cost a few nanoseconds per cell and need nothing more.
 *
 * <h2>Parallelism and cancellation</h2>
 * Rows (theta2 indices) are the units of {@link Workers#run}, claimed one at a time, so the token is checked
 * before every row and a cancelled computation stops within one row per worker. Problems are thread-safe by
 * contract ({@link Problem}).
 *
 * <h2>Coarse first</h2>
 * The lattice of stride s is the set of columns {@code i} with {@code i % s == 0 || i == nx - 1} times the rows
 * likewise ({@link #isLattice}); it has about {@code nx ny / s^2} cells. {@link #computeCoarse} evaluates only
 * those and copies each lattice value over the cells up to the next lattice line (nearest lattice cell below and
 * to the left), which gives an immediate blocky preview; {@link #computeRefinement} then evaluates the other
 * cells, so coarse + refinement together evaluate every cell exactly once. {@link #computeProgressive} does
 * both with a preview callback in between.
 *
 * <h2>Structured classification surfaces</h2>
 * A {@link LogisticProblem} whose loss has a structured path ({@link LogisticGrid#hasFastPath}: bce_logits,
 * bce, hinge, squared_hinge, focal, mse on sigma with 0/1 labels) takes it in {@link #computeBest},
 * {@link #computeCoarse}, {@link #computeRefinement} and
 * so {@link #computeProgressive}: its coarse pass computes whole lattice columns (a column costs O(N + G)
 * whatever rows are wanted) and its refinement recomputes every column; a column is a pure function of w, so the
 * lattice cells get the same values in both passes and coarse + refinement equals {@link LogisticGrid#compute}
 * bit for bit. {@link #compute} stays the generic cell-by-cell path for every problem.
 */
public final class ProblemGrid {
    private ProblemGrid() {
    }

    /**
     * Whether index {@code k} of an axis of {@code n} points lies on the coarse lattice of {@code stride}:
     * {@code k % stride == 0} or {@code k == n - 1}. Every index is on the lattice of stride 1.
     */
    public static boolean isLattice(int k, int n, int stride) {
        return stride <= 1 || k % stride == 0 || k == n - 1;
    }

    /**
     * The fastest exact path for this problem: {@link LinearRegressionGrid} for linear regression (structured for
     * mse, mae, huber, quantile, smooth_l1), {@link LogisticGrid} for classification with bce_logits, bce, hinge,
     * squared_hinge, focal or mse on sigma (0/1 labels), else {@link #compute}.
     *
     * @return true when complete, false when cancelled
     */
    public static boolean computeBest(Problem problem, SurfaceGrid grid, Workers workers, CancelToken token) {
        if (problem instanceof LinearRegressionProblem) {
            return LinearRegressionGrid.compute((LinearRegressionProblem) problem, grid, workers, token);
        }
        LogisticProblem logistic = structuredLogistic(problem);
        if (logistic != null) {
            return LogisticGrid.compute(logistic, grid, workers, token);
        }
        return compute(problem, grid, workers, token);
    }

    /** The problem as a {@link LogisticProblem} with a structured loss, or null. */
    private static LogisticProblem structuredLogistic(Problem problem) {
        if (problem instanceof LogisticProblem && LogisticGrid.hasFastPath((LogisticProblem) problem)) {
            return (LogisticProblem) problem;
        }
        return null;
    }

    /**
     * Fills every cell with {@code problem.value(theta1_i, theta2_j)}, then updates the statistics.
     *
     * @return true when complete; false when cancelled (the grid then holds a mix of old and new rows and its
     *         statistics and stride are left unchanged)
     */
    public static boolean compute(Problem problem, SurfaceGrid grid, Workers workers, CancelToken token) {
        Objects.requireNonNull(problem, "problem");
        int nx = grid.nx();
        double[] theta1 = theta1Values(grid);
        double[] out = grid.values();
        boolean complete = workers.run(grid.ny(), 1, token, (worker, from, to) -> {
            for (int j = from; j < to; j++) {
                double t2 = grid.theta2(j);
                int row = j * nx;
                for (int i = 0; i < nx; i++) {
                    out[row + i] = problem.value(theta1[i], t2);
                }
            }
        });
        if (complete) {
            grid.updateStats();
            grid.setStride(1);
        }
        return complete;
    }

    /**
     * The coarse pass: evaluates the lattice cells of {@code stride}, copies each over its block, and updates the
     * statistics from the lattice cells; the grid's stride becomes {@code stride}. (A structured logistic problem
     * computes whole lattice columns, see the class comment.)
     *
     * @param stride at least 1 (1 computes every cell, like {@link #compute})
     * @return true when complete, false when cancelled
     */
    public static boolean computeCoarse(Problem problem, SurfaceGrid grid, int stride, Workers workers,
                                        CancelToken token) {
        Objects.requireNonNull(problem, "problem");
        LogisticProblem logistic = structuredLogistic(problem);
        if (logistic != null) {
            return LogisticGrid.computeCoarse(logistic, grid, stride, workers, token);
        }
        if (stride <= 1) {
            return compute(problem, grid, workers, token);
        }
        int nx = grid.nx();
        int ny = grid.ny();
        int latticeRows = (ny - 1) / stride + ((ny - 1) % stride == 0 ? 1 : 2);
        double[] theta1 = theta1Values(grid);
        double[] out = grid.values();
        boolean complete = workers.run(latticeRows, 1, token, (worker, from, to) -> {
            for (int r = from; r < to; r++) {
                int j = Math.min(r * stride, ny - 1);
                double t2 = grid.theta2(j);
                int row = j * nx;
                for (int i = 0; i < nx; i++) {
                    if (isLattice(i, nx, stride)) {
                        out[row + i] = problem.value(theta1[i], t2);
                    }
                }
                // copy each lattice value rightwards over its block (after the row's lattice cells are known)
                for (int i = 0; i < nx; i++) {
                    if (!isLattice(i, nx, stride)) {
                        out[row + i] = out[row + (i / stride) * stride];
                    }
                }
            }
        });
        if (!complete) {
            return false;
        }
        for (int j = 0; j < ny; j++) {
            if (!isLattice(j, ny, stride)) {
                System.arraycopy(out, (j / stride) * stride * nx, out, j * nx, nx);
            }
        }
        grid.updateStats(stride);
        grid.setStride(stride);
        return true;
    }

    /**
     * The refinement after {@link #computeCoarse} with the same stride: evaluates every cell that is not on the
     * lattice, then updates the statistics over all cells; the grid's stride becomes 1. (A structured logistic
     * problem recomputes every column instead, see the class comment.)
     *
     * @return true when complete, false when cancelled
     */
    public static boolean computeRefinement(Problem problem, SurfaceGrid grid, int stride, Workers workers,
                                            CancelToken token) {
        Objects.requireNonNull(problem, "problem");
        LogisticProblem logistic = structuredLogistic(problem);
        if (logistic != null) {
            return LogisticGrid.compute(logistic, grid, workers, token);
        }
        if (stride <= 1) {
            return compute(problem, grid, workers, token);
        }
        int nx = grid.nx();
        int ny = grid.ny();
        double[] theta1 = theta1Values(grid);
        double[] out = grid.values();
        boolean complete = workers.run(ny, 1, token, (worker, from, to) -> {
            for (int j = from; j < to; j++) {
                double t2 = grid.theta2(j);
                int row = j * nx;
                boolean latticeRow = isLattice(j, ny, stride);
                for (int i = 0; i < nx; i++) {
                    if (!latticeRow || !isLattice(i, nx, stride)) {
                        out[row + i] = problem.value(theta1[i], t2);
                    }
                }
            }
        });
        if (complete) {
            grid.updateStats();
            grid.setStride(1);
        }
        return complete;
    }

    /**
     * Coarse pass, {@code preview.accept(grid)} on the calling thread, then the refinement. The preview sees the
     * live grid: copy it ({@link SurfaceGrid#copy}) before handing it to another thread.
     *
     * @return true when the full-resolution grid is complete, false when cancelled (possibly after the preview)
     */
    public static boolean computeProgressive(Problem problem, SurfaceGrid grid, int stride, Workers workers,
                                             CancelToken token, Consumer<SurfaceGrid> preview) {
        if (stride > 1) {
            if (!computeCoarse(problem, grid, stride, workers, token)) {
                return false;
            }
            if (preview != null) {
                preview.accept(grid);
            }
        }
        return computeRefinement(problem, grid, stride, workers, token);
    }

    static double[] theta1Values(SurfaceGrid grid) {
        double[] t = new double[grid.nx()];
        for (int i = 0; i < t.length; i++) {
            t[i] = grid.theta1(i);
        }
        return t;
    }
}
