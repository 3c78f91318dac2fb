package org.losslab.surface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.testkit.Trials;
import org.losslab.kernel.ElementwiseLoss;
import org.losslab.kernel.Losses;
import org.losslab.problem.Bounds;
import org.losslab.problem.LinearRegressionProblem;
import org.losslab.problem.Regularizer;

/**
 * Each structured path against a cell-by-cell loop written here from the closed-form loss of one residual
 * (r = prediction - target), not through any code of the path under test.
 */
class LinearRegressionGridTest {
    private static final double TOLERANCE = 1e-9;
    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "surface-test");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    /** The loss of one point as a function of (prediction, target), written from the formulas. */
    static DoubleBinaryOperator mse() {
        return (p, t) -> (p - t) * (p - t);
    }

    static DoubleBinaryOperator mae() {
        return (p, t) -> Math.abs(p - t);
    }

    static DoubleBinaryOperator huber(double delta) {
        return (p, t) -> {
            double r = p - t;
            return Math.abs(r) <= delta ? 0.5 * r * r : delta * (Math.abs(r) - 0.5 * delta);
        };
    }

    static DoubleBinaryOperator quantile(double tau) {
        return (p, t) -> {
            double u = t - p;
            return u >= 0 ? tau * u : (tau - 1.0) * u;
        };
    }

    static DoubleBinaryOperator smoothL1(double beta) {
        return (p, t) -> {
            double a = Math.abs(p - t);
            return a < beta ? 0.5 * a * a / beta : a - 0.5 * beta;
        };
    }

    /** The reference: every cell, every point. */
    static double[] reference(double[] x, double[] y, Bounds bounds, int nx, int ny, DoubleBinaryOperator loss,
                              Penalty penalty) {
        double[] out = new double[nx * ny];
        for (int j = 0; j < ny; j++) {
            double b = bounds.theta2(j, ny);
            for (int i = 0; i < nx; i++) {
                double w = bounds.theta1(i, nx);
                double sum = 0.0;
                for (int k = 0; k < x.length; k++) {
                    sum += loss.applyAsDouble(w * x[k] + b, y[k]);
                }
                double reg = penalty.l1() * (Math.abs(w) + Math.abs(b)) + penalty.l2() * (w * w + b * b);
                out[j * nx + i] = (x.length == 0 ? 0.0 : sum / x.length) + reg;
            }
        }
        return out;
    }

    /** max over cells of |fast - ref| / |ref| (with a floor of 1e-300 for an exactly zero reference). */
    static double maxRelativeDifference(double[] fast, double[] ref) {
        double worst = 0.0;
        for (int c = 0; c < ref.length; c++) {
            double d = Math.abs(fast[c] - ref[c]) / Math.max(Math.abs(ref[c]), 1e-300);
            if (!(d <= worst)) {
                worst = d;
            }
        }
        return worst;
    }

    interface Path {
        boolean run(LinearRegressionGrid g, Penalty p, SurfaceGrid out, Workers w);
    }

    static void check(String what, double[] x, double[] y, Bounds bounds, int nx, int ny, Path path,
                      DoubleBinaryOperator loss, Penalty penalty, Workers workers) {
        LinearRegressionGrid g = new LinearRegressionGrid(x, y);
        SurfaceGrid out = new SurfaceGrid(bounds, nx, ny);
        assertTrue(path.run(g, penalty, out, workers), what + ": complete");
        double[] ref = reference(x, y, bounds, nx, ny, loss, penalty);
        double rel = maxRelativeDifference(out.values(), ref);
        if (!(rel <= TOLERANCE)) {
            fail(what + ": max relative difference " + rel);
        }
    }

    /** Every structured path with several parameters, on one data set and one bounds. */
    static void checkAll(String what, double[] x, double[] y, Bounds bounds, int nx, int ny, Penalty pen,
                         Workers workers) {
        check(what + " mse", x, y, bounds, nx, ny, (g, p, o, w) -> g.computeMse(p, o, w, CancelToken.NONE),
                mse(), pen, workers);
        check(what + " mae", x, y, bounds, nx, ny, (g, p, o, w) -> g.computeMae(p, o, w, CancelToken.NONE),
                mae(), pen, workers);
        for (double tau : new double[] {0.0, 0.1, 0.5, 0.9, 1.0}) {
            check(what + " quantile " + tau, x, y, bounds, nx, ny,
                    (g, p, o, w) -> g.computeQuantile(tau, p, o, w, CancelToken.NONE), quantile(tau), pen, workers);
        }
        for (double delta : new double[] {0.05, 0.25, 1.0, 1.35, 10.0, 1000.0}) {
            check(what + " huber " + delta, x, y, bounds, nx, ny,
                    (g, p, o, w) -> g.computeHuber(delta, p, o, w, CancelToken.NONE), huber(delta), pen, workers);
        }
    }

    static double[][] noisyLine(long seed, int n, double slope, double intercept, double noise, double outliers) {
        Random rnd = new Random(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = -3.0 + 6.0 * rnd.nextDouble();
            y[k] = slope * x[k] + intercept + noise * rnd.nextGaussian();
            if (rnd.nextDouble() < outliers) {
                y[k] += 20.0 * rnd.nextGaussian();
            }
        }
        return new double[][] {x, y};
    }

    @Test
    void randomDataAllLossesAndPenalties() {
        double[][] d = noisyLine(1, 400, 1.5, -0.5, 1.0, 0.05);
        Bounds bounds = new Bounds(-1.0, 4.0, -3.0, 2.0);
        checkAll("random", d[0], d[1], bounds, 23, 31, Penalty.NONE, Workers.callerOnly());
        checkAll("random l1", d[0], d[1], bounds, 23, 31, Penalty.l1(0.3), Workers.of(pool, 2));
        checkAll("random l2", d[0], d[1], bounds, 17, 40, Penalty.l2(0.05), Workers.of(pool, 2));
    }

    @Test
    void pointsExactlyOnGridLinesAndTies() {
        // w and b grids of exact quarter steps, integer x, quarter-step y: residuals y - w x hit b values exactly,
        // and so do r +- delta for delta = 0.25, 0.5, 1; repeated points make ties.
        Random rnd = new Random(7);
        int n = 300;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = rnd.nextInt(9) - 4;
            y[k] = (rnd.nextInt(33) - 16) * 0.25;
        }
        for (int k = 0; k < 40; k++) {
            x[k + 40] = x[k];
            y[k + 40] = y[k];
        }
        Bounds bounds = new Bounds(-1.0, 1.0, -2.0, 2.0);
        checkAll("grid lines", x, y, bounds, 9, 17, Penalty.NONE, Workers.of(pool, 2));
        for (double delta : new double[] {0.25, 0.5, 1.0}) {
            check("grid lines huber " + delta, x, y, bounds, 9, 17,
                    (g, p, o, w) -> g.computeHuber(delta, p, o, w, CancelToken.NONE), huber(delta), Penalty.NONE,
                    Workers.callerOnly());
        }
    }

    @Test
    void bRangesThatDoNotCoverTheResiduals() {
        double[][] d = noisyLine(3, 250, -0.7, 2.0, 0.8, 0.1);
        // entirely above, entirely below, and a sliver inside the residual spread
        checkAll("above", d[0], d[1], new Bounds(-1.0, 0.0, 40.0, 41.0), 11, 13, Penalty.NONE, Workers.callerOnly());
        checkAll("below", d[0], d[1], new Bounds(-1.0, 0.0, -60.0, -50.0), 11, 13, Penalty.NONE, Workers.callerOnly());
        checkAll("sliver", d[0], d[1], new Bounds(-2.0, 1.0, 1.9, 2.1), 11, 13, Penalty.l1(0.1), Workers.callerOnly());
        checkAll("wide", d[0], d[1], new Bounds(-50.0, 50.0, -500.0, 500.0), 12, 64, Penalty.NONE, Workers.callerOnly());
    }

    @Test
    void smallAndDegenerateData() {
        Bounds bounds = new Bounds(-2.0, 2.0, -2.0, 2.0);
        checkAll("one point", new double[] {0.5}, new double[] {1.25}, bounds, 7, 9, Penalty.NONE,
                Workers.callerOnly());
        checkAll("constant x", new double[] {1, 1, 1, 1}, new double[] {0, 1, 2, 5}, bounds, 7, 9, Penalty.NONE,
                Workers.callerOnly());
        checkAll("single row", new double[] {1, 2, 3}, new double[] {2, 3, 5}, bounds, 5, 1, Penalty.NONE,
                Workers.callerOnly());
        checkAll("two rows", new double[] {1, 2, 3}, new double[] {2, 3, 5}, bounds, 5, 2, Penalty.l2(1.0),
                Workers.callerOnly());
        // no data: the mean is 0 and only the penalty remains
        check("empty", new double[0], new double[0], bounds, 5, 5,
                (g, p, o, w) -> g.computeHuber(1.0, p, o, w, CancelToken.NONE), huber(1.0), Penalty.l1(2.0),
                Workers.callerOnly());
    }

    @Test
    void nearlyPerfectFitStaysAccurateRelativeToTheLoss() {
        // y = 2x + 1 + tiny noise: the MSE near the minimum is 1e-12 of its size elsewhere
        double[][] d = noisyLine(11, 500, 2.0, 1.0, 1e-6, 0.0);
        Bounds bounds = new Bounds(1.5, 2.5, 0.5, 1.5);
        checkAll("near-perfect", d[0], d[1], bounds, 21, 21, Penalty.NONE, Workers.callerOnly());
    }

    @Test
    void randomProblemsMatchTheReference() {
        Trials.forAll(2026, 40, r -> randomProblemMatchesTheReference(1 + r.nextInt(120), 1 + r.nextInt(30),
                1 + r.nextInt(40), r.nextInt(10_001)));
    }

    private void randomProblemMatchesTheReference(int n, int nx, int ny, int seed) {
        Random rnd = new Random(seed);
        double[][] d = noisyLine(seed, n, 4 * rnd.nextGaussian(), 3 * rnd.nextGaussian(), rnd.nextDouble() * 3,
                rnd.nextDouble() * 0.2);
        double c1 = 3 * rnd.nextGaussian();
        double c2 = 3 * rnd.nextGaussian();
        Bounds bounds = new Bounds(c1 - 0.1 - 4 * rnd.nextDouble(), c1 + 0.1 + 4 * rnd.nextDouble(),
                c2 - 0.1 - 6 * rnd.nextDouble(), c2 + 0.1 + 6 * rnd.nextDouble());
        Penalty pen = rnd.nextBoolean() ? Penalty.NONE : Penalty.l1(rnd.nextDouble());
        checkAll("property seed " + seed, d[0], d[1], bounds, nx, ny, pen, Workers.callerOnly());
    }

    @Test
    void dispatchByLossUsesTheKernelParameters() {
        double[][] d = noisyLine(5, 200, 1.0, 0.0, 1.0, 0.05);
        Bounds bounds = new Bounds(-1.0, 3.0, -2.0, 2.0);
        String[] specs = {"mse", "mae", "huber:delta=0.7", "quantile:tau=0.8", "smooth_l1:beta=0.6",
            "smooth_l1:beta=0", "log_cosh"};
        DoubleBinaryOperator[] refs = {mse(), mae(), huber(0.7), quantile(0.8), smoothL1(0.6), mae(),
            (p, t) -> Math.log(Math.cosh(p - t))};
        for (int s = 0; s < specs.length; s++) {
            ElementwiseLoss loss = (ElementwiseLoss) Losses.parse(specs[s]);
            check(specs[s], d[0], d[1], bounds, 13, 15,
                    (g, p, o, w) -> g.compute(loss, p, o, w, CancelToken.NONE), refs[s], Penalty.l2(0.2),
                    Workers.of(pool, 2));
        }
        assertTrue(LinearRegressionGrid.hasFastPath(Losses.elementwise("quantile")));
        assertFalse(LinearRegressionGrid.hasFastPath(Losses.elementwise("log_cosh")));
    }

    @Test
    void subBucketAndDirectHuberPathsBothMatch() {
        // the sub-bucket path is used for delta <= 2 G h, the direct path above; run one column both ways
        double[][] d = noisyLine(13, 700, 1.2, 0.3, 1.5, 0.1);
        Bounds bounds = new Bounds(-1.0, 3.0, -2.0, 2.5);
        int nx = 5;
        int ny = 37;
        for (double delta : new double[] {0.01, 0.125, 0.7, 2.0, 9.0}) {
            SurfaceGrid split = new SurfaceGrid(bounds, nx, ny);
            SurfaceGrid direct = new SurfaceGrid(bounds, nx, ny);
            LinearRegressionGrid.Axis ax = new LinearRegressionGrid.Axis(split, Penalty.NONE);
            LinearRegressionGrid.HuberSplit layout = LinearRegressionGrid.HuberSplit.of(ax, delta);
            assertTrue(layout != null, "delta " + delta + " uses sub-buckets");
            LinearRegressionGrid.Scratch sc = new LinearRegressionGrid.Scratch(11 * (ny + 2) + ny);
            sc.sub = layout.template.clone();
            for (int i = 0; i < nx; i++) {
                double w = split.theta1(i);
                LinearRegressionGrid.huberColumn(w, d[0], d[1], d[0].length, ax, layout, delta, sc, 1.0 / 700,
                        split.values(), i, nx);
                LinearRegressionGrid.huberColumn(w, d[0], d[1], d[0].length, ax, null, delta, sc, 1.0 / 700,
                        direct.values(), i, nx);
            }
            double[] ref = reference(d[0], d[1], bounds, nx, ny, huber(delta), Penalty.NONE);
            assertTrue(maxRelativeDifference(split.values(), ref) <= TOLERANCE, "sub-buckets, delta " + delta);
            assertTrue(maxRelativeDifference(direct.values(), ref) <= TOLERANCE, "direct, delta " + delta);
        }
    }

    @Test
    void adapterForLinearRegressionProblemMatchesItsValue() {
        double[][] d = noisyLine(21, 300, 0.8, -1.0, 1.0, 0.05);
        for (String spec : new String[] {"mse", "huber:delta=0.5", "quantile:tau=0.3", "log_cosh"}) {
            LinearRegressionProblem p = new LinearRegressionProblem(d[0], d[1], (ElementwiseLoss) Losses.parse(spec),
                    new Regularizer(0.05, 0.02));
            SurfaceGrid out = new SurfaceGrid(p.defaultBounds(), 19, 23);
            assertTrue(ProblemGrid.computeBest(p, out, Workers.of(pool, 2), CancelToken.NONE));
            for (int j = 0; j < 23; j++) {
                for (int i = 0; i < 19; i++) {
                    double ref = p.value(out.theta1(i), out.theta2(j));
                    assertEquals(ref, out.value(i, j), 1e-9 * Math.abs(ref), spec);
                }
            }
        }
        assertEquals(new Penalty(0.1, 0.0), Penalty.of(Penalty.Kind.L1, 0.1));
        assertEquals(new Penalty(0.0, 0.3), Penalty.of(Penalty.Kind.L2, 0.3));
        assertEquals(Penalty.NONE, Penalty.of(Penalty.Kind.NONE, 5.0));
    }

    @Test
    void cellByCellMatchesTheReferenceToo() {
        double[][] d = noisyLine(9, 150, 1.0, 0.0, 1.0, 0.05);
        Bounds bounds = new Bounds(-1.0, 3.0, -2.0, 2.0);
        ElementwiseLoss huber = (ElementwiseLoss) Losses.parse("huber:delta=1.5");
        check("cell by cell", d[0], d[1], bounds, 9, 11,
                (g, p, o, w) -> g.computeCellByCell(huber, p, o, w, CancelToken.NONE), huber(1.5), Penalty.NONE,
                Workers.of(pool, 2));
    }

    @Test
    void statisticsAndArgminOfAnExactFit() {
        // y = 0.5 x - 1 exactly, grid containing (0.5, -1) as a cell: MSE and MAE are 0 there
        double[] x = {-2, -1, 0, 1, 2, 3};
        double[] y = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            y[k] = 0.5 * x[k] - 1.0;
        }
        LinearRegressionGrid g = new LinearRegressionGrid(x, y);
        SurfaceGrid out = new SurfaceGrid(new Bounds(-1.0, 1.0, -2.0, 2.0), 9, 17);
        for (ElementwiseLoss loss : new ElementwiseLoss[] {Losses.elementwise("mse"), Losses.elementwise("mae"),
            Losses.elementwise("huber")}) {
            assertTrue(g.compute(loss, Penalty.NONE, out, Workers.callerOnly(), CancelToken.NONE));
            assertEquals(0.5, out.argminTheta1(), 0.0, loss.id());
            assertEquals(-1.0, out.argminTheta2(), 0.0, loss.id());
            assertEquals(0.0, out.min(), 1e-15, loss.id());
            assertEquals(1, out.stride());
        }
    }

    @Test
    void cancelledTokenStopsAndReportsCancelled() {
        double[][] d = noisyLine(2, 1000, 1.0, 0.0, 1.0, 0.0);
        LinearRegressionGrid g = new LinearRegressionGrid(d[0], d[1]);
        SurfaceGrid out = new SurfaceGrid(new Bounds(-1.0, 3.0, -2.0, 2.0), 64, 64);
        CancelToken token = CancelToken.create();
        token.cancel();
        assertFalse(g.computeHuber(1.0, Penalty.NONE, out, Workers.of(pool, 2), token));
        assertFalse(g.computeMse(Penalty.NONE, out, Workers.callerOnly(), token));
        assertEquals(0, out.stride(), "a cancelled computation leaves the grid marked as not computed");
        for (double v : out.values()) {
            assertEquals(0.0, v, "no column was computed");
        }
    }
}
