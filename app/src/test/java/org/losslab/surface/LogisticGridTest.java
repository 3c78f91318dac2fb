package org.losslab.surface;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.kernel.ElementwiseLoss;
import org.losslab.kernel.Losses;
import org.losslab.lesson.Datasets;
import org.losslab.problem.Bounds;
import org.losslab.problem.LogisticProblem;
import org.losslab.problem.Regularizer;
import org.losslab.testkit.Trials;

/**
 * The structured classification surfaces against a cell-by-cell loop written here from the closed-form loss of
 * one point (not through the kernels nor any code of the path under test), and for the kernels on sigma(z) also
 * against the problem's own value.
 *
 * <h2>Tolerances</h2>
 * <ul>
 *   <li>bce_logits: 1e-9 relative, the bound (the documented error is about 2e-13; {@link
 *       #bceIsWithin1e12OfTheReference} pins 1e-12), with an absolute floor of 1e-300: below the smallest normal
 *       double (2.2e-308) relative precision ends for both sides, e.g. e^-z for z &gt; 708 is subnormal.</li>
 *   <li>hinge: 1e-9 relative plus delta = 1e-15 (|w| max|x| + |b| + 1). A margin 1 - y (w x + b) is rounded
 *       by any method, the reference included, to about 2^-53 (|w x| + |b| + 1) absolute, so where a margin is
 *       near zero two exact-to-rounding methods may differ by that much in absolute terms, however small the
 *       loss; delta is 9 such units. A point's error in the mean is at most delta / N, so the sum is at most
 *       delta.</li>
 *   <li>squared hinge: the same margin error d &lt;= delta moves m^2 by at most 2 m d + d^2, whose mean is at
 *       most 2 delta sqrt(L) + delta^2 (Cauchy-Schwarz: mean m &lt;= sqrt(mean m^2) = sqrt(L)).</li>
 *   <li>bce on probabilities and mse on sigma ({@link #checkSigmoid}): against {@link LogisticProblem#value} cell
 *       by cell, 1e-12 relative plus the mean of e_k, e_k = 4 u (1 + e^z_k) for a point whose (1 - y) part of bce
 *       is below the clamp (the reference rounds p before log1p(-p)) and 4 u otherwise (u = 2^-53); and against
 *       the exact forms {@link #exactBce} (softplus with the reference's clamps) and {@link #exactMse} at 1e-12
 *       relative. The clamps themselves are checked exactly by hand, one double either side of each threshold.</li>
 * </ul>
 */
class LogisticGridTest {
    private static final double RELATIVE = 1e-9;
    private static final double TINY = 1e-300;
    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "logistic-grid-test");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    // ------------------------------------------------------------------------------------------------ reference

    /** The loss of one point as a function of (score z, label y), written from the formulas. */
    interface PointLoss {
        double value(double z, double y);
    }

    /** log(1 + e^v) in its stable form max(v, 0) + log1p(e^-|v|). */
    static double softplus(double v) {
        return Math.max(v, 0.0) + Math.log1p(Math.exp(-Math.abs(v)));
    }

    /** pw y log(1 + e^-z) + (1 - y) log(1 + e^z). */
    static PointLoss bce(double posWeight) {
        return (z, y) -> posWeight * y * softplus(-z) + (1.0 - y) * softplus(z);
    }

    static PointLoss hinge() {
        return (z, y) -> Math.max(0.0, 1.0 - y * z);
    }

    static PointLoss squaredHinge() {
        return (z, y) -> {
            double m = Math.max(0.0, 1.0 - y * z);
            return m * m;
        };
    }

    /** Every cell, every point: (1/N) sum l(w x + b, y) + l1 (|w| + |b|) + l2 (w^2 + b^2). */
    static double[] reference(double[] x, double[] y, Bounds bounds, int nx, int ny, PointLoss loss,
                              Penalty penalty) {
        double[] out = new double[nx * ny];
        for (int j = 0; j < ny; j++) {
            double b = bounds.theta2(j, ny);
            for (int i = 0; i < nx; i++) {
                double w = bounds.theta1(i, nx);
                double sum = 0.0;
                for (int k = 0; k < x.length; k++) {
                    sum += loss.value(w * x[k] + b, y[k]);
                }
                double reg = penalty.l1() * (Math.abs(w) + Math.abs(b)) + penalty.l2() * (w * w + b * b);
                out[j * nx + i] = (x.length == 0 ? 0.0 : sum / x.length) + reg;
            }
        }
        return out;
    }

    /** How far a cell may be from the reference (see the class comment). */
    interface Tolerance {
        double allowed(double ref, double w, double b);
    }

    static Tolerance relative(double rel) {
        return (ref, w, b) -> rel * Math.abs(ref) + TINY;
    }

    static Tolerance forLoss(String id, double[] x) {
        double maxX = 0.0;
        for (double v : x) {
            maxX = Math.max(maxX, Math.abs(v));
        }
        double scale = maxX;
        switch (id) {
            case "hinge":
                return (ref, w, b) -> RELATIVE * Math.abs(ref) + 1e-15 * (Math.abs(w) * scale + Math.abs(b) + 1.0);
            case "squared_hinge":
                return (ref, w, b) -> {
                    double delta = 1e-15 * (Math.abs(w) * scale + Math.abs(b) + 1.0);
                    return RELATIVE * Math.abs(ref) + 2.0 * delta * Math.sqrt(Math.abs(ref)) + delta * delta;
                };
            default:
                return relative(RELATIVE);
        }
    }

    static PointLoss pointLoss(ElementwiseLoss loss) {
        switch (loss.id()) {
            case "bce_logits":
                return bce(loss.param("pos_weight"));
            case "hinge":
                return hinge();
            case "squared_hinge":
                return squaredHinge();
            default:
                throw new IllegalArgumentException(loss.id());
        }
    }

    /** Labels as the loss takes them: 0/1 data to -1/+1 for the hinges. */
    static double[] labelsFor(ElementwiseLoss loss, double[] y01) {
        double[] y = y01.clone();
        if (loss.id().contains("hinge")) {
            for (int k = 0; k < y.length; k++) {
                y[k] = y[k] == 1.0 ? 1.0 : -1.0;
            }
        }
        return y;
    }

    static void compare(String what, SurfaceGrid out, double[] ref, Tolerance tol) {
        int nx = out.nx();
        for (int j = 0; j < out.ny(); j++) {
            for (int i = 0; i < nx; i++) {
                double r = ref[j * nx + i];
                double v = out.value(i, j);
                double allowed = tol.allowed(r, out.theta1(i), out.theta2(j));
                if (!(Math.abs(v - r) <= allowed)) {
                    fail(what + ": cell (" + i + ", " + j + ") at w = " + out.theta1(i) + ", b = " + out.theta2(j)
                            + ": " + v + " vs reference " + r + " (difference " + Math.abs(v - r) + ", allowed "
                            + allowed + ")");
                }
            }
        }
    }

    /** The structured path (asserted to be taken) of one loss spec on 0/1 data, against the reference. */
    static void check(String what, double[] x, double[] y01, Bounds bounds, int nx, int ny, String spec,
                      Penalty penalty, Workers workers) {
        ElementwiseLoss loss = (ElementwiseLoss) Losses.parse(spec);
        double[] y = labelsFor(loss, y01);
        LogisticGrid g = new LogisticGrid(x, y);
        SurfaceGrid out = new SurfaceGrid(bounds, nx, ny);
        assertNotNull(g.plan(loss, out), what + " " + spec + ": the structured path is taken");
        assertTrue(g.compute(loss, penalty, out, workers, CancelToken.NONE), what + ": complete");
        assertEquals(1, out.stride());
        compare(what + " " + spec, out, reference(x, y, bounds, nx, ny, pointLoss(loss), penalty),
                forLoss(loss.id(), x));
    }

    /** Every structured loss with a few pos_weights, on one data set and one bounds. */
    static void checkAll(String what, double[] x, double[] y01, Bounds bounds, int nx, int ny, Penalty penalty,
                         Workers workers) {
        for (String spec : new String[] {"bce_logits", "bce_logits:pos_weight=3.7", "bce_logits:pos_weight=0.25",
            "bce_logits:pos_weight=0", "hinge", "squared_hinge"}) {
            check(what, x, y01, bounds, nx, ny, spec, penalty, workers);
        }
    }

    // ------------------------------------------------------------------------------------------------ data

    /** x ~ U(-s, s), P(y = 1) = sigmoid(slope x + shift) (shift sets the balance). */
    static double[][] data(long seed, int n, double spread, double slope, double shift) {
        Random rnd = new Random(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = spread * (2.0 * rnd.nextDouble() - 1.0);
            double p = 1.0 / (1.0 + Math.exp(-(slope * x[k] + shift)));
            y[k] = rnd.nextDouble() < p ? 1.0 : 0.0;
        }
        return new double[][] {x, y};
    }

    // ------------------------------------------------------------------------------------------------ tests

    @Test
    void balancedAndImbalancedRandomDataWithAndWithoutPenalties() {
        double[][] balanced = data(1, 400, 3.0, 2.0, 0.0);
        double[][] imbalanced = data(2, 400, 3.0, 1.5, -3.0);
        Bounds bounds = new Bounds(-4.0, 6.0, -7.0, 5.0);
        checkAll("balanced", balanced[0], balanced[1], bounds, 23, 31, Penalty.NONE, Workers.callerOnly());
        checkAll("balanced l1", balanced[0], balanced[1], bounds, 23, 31, Penalty.l1(0.3), Workers.of(pool, 2));
        checkAll("imbalanced", imbalanced[0], imbalanced[1], bounds, 17, 40, Penalty.NONE, Workers.of(pool, 2));
        checkAll("imbalanced l2", imbalanced[0], imbalanced[1], bounds, 17, 40, Penalty.l2(0.05),
                Workers.callerOnly());
        checkAll("imbalanced elastic", imbalanced[0], imbalanced[1], bounds, 9, 12, new Penalty(0.1, 0.02),
                Workers.callerOnly());
    }

    @Test
    void tiesZerosAndPointsExactlyOnTheBoundaryMarginAndThreshold() {
        // integer x (with many ties and x = 0), w and b on exact quarter steps: w x + b hits 0 (the decision
        // boundary), +-1 (the hinge margins) and +-4 (the near/far threshold T) exactly at grid cells
        Random rnd = new Random(7);
        int n = 300;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = k % 10 == 0 ? 0.0 : rnd.nextInt(9) - 4;
            y[k] = rnd.nextInt(3) == 0 ? 1.0 : 0.0;
        }
        checkAll("quarter steps", x, y, new Bounds(-1.0, 1.0, -4.0, 4.0), 9, 33, Penalty.NONE, Workers.of(pool, 2));
        checkAll("unit steps", x, y, new Bounds(-2.0, 2.0, -8.0, 8.0), 5, 17, Penalty.l1(0.1), Workers.callerOnly());
    }

    @Test
    void largeScoresAndGridsWithEveryPointOnOneSide() {
        double[][] d = data(3, 250, 5.0, 1.0, 0.5);
        // |z| up to about 550 across the grid
        checkAll("large |z|", d[0], d[1], new Bounds(-100.0, 100.0, -50.0, 50.0), 21, 25, Penalty.NONE,
                Workers.of(pool, 2));
        // every score far positive: label 1 costs about e^-600 (still a normal double), label 0 about z
        checkAll("all above", d[0], d[1], new Bounds(-1.0, 1.0, 600.0, 700.0), 7, 9, Penalty.NONE,
                Workers.callerOnly());
        checkAll("all below", d[0], d[1], new Bounds(-1.0, 1.0, -690.0, -600.0), 7, 9, Penalty.NONE,
                Workers.callerOnly());
        // a single class far on its right side: the whole loss is a sum of tiny exponentials
        double[] ones = new double[d[0].length];
        java.util.Arrays.fill(ones, 1.0);
        for (String spec : new String[] {"bce_logits", "bce_logits:pos_weight=2"}) {
            check("tiny", d[0], ones, new Bounds(-2.0, 2.0, 30.0, 700.0), 9, 41, spec, Penalty.NONE,
                    Workers.callerOnly());
        }
        // ... down to subnormal losses (the absolute floor)
        check("subnormal", d[0], ones, new Bounds(-1.0, 1.0, 700.0, 760.0), 5, 7, "bce_logits", Penalty.NONE,
                Workers.callerOnly());
        // hinge with every point past its margin: exactly zero loss
        check("past margins", d[0], ones, new Bounds(0.0, 0.5, 4.0, 9.0), 5, 7, "hinge", Penalty.NONE,
                Workers.callerOnly());
    }

    @Test
    void manyPointsInsideTheNearWindowAndManyAnchorBlocks() {
        // 2,600 points within |z| <= 1.05 of every row: each row's near product spans several rescalings
        double[][] crowded = data(4, 2600, 0.05, 10.0, 0.0);
        check("crowded", crowded[0], crowded[1], new Bounds(-1.0, 1.0, -1.0, 1.0), 9, 11, "bce_logits",
                Penalty.NONE, Workers.of(pool, 2));
        check("crowded pw", crowded[0], crowded[1], new Bounds(-1.0, 1.0, -1.0, 1.0), 5, 7,
                "bce_logits:pos_weight=5", Penalty.NONE, Workers.callerOnly());
        // b over [-300, 300] (ten anchor blocks) and scores to +-300
        double[][] wide = data(5, 300, 5.0, 1.0, 0.0);
        checkAll("wide", wide[0], wide[1], new Bounds(-60.0, 60.0, -300.0, 300.0), 13, 97, Penalty.NONE,
                Workers.of(pool, 2));
        // rows further apart than the anchor span (one row per block) and than T
        checkAll("sparse rows", wide[0], wide[1], new Bounds(-60.0, 60.0, -300.0, 300.0), 7, 5, Penalty.NONE,
                Workers.callerOnly());
    }

    @Test
    void probabilityLabelsAndManyDistinctLabels() {
        Random rnd = new Random(6);
        int n = 300;
        double[] x = new double[n];
        double[] few = new double[n];
        double[] many = new double[n];
        double[] levels = {0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0};
        for (int k = 0; k < n; k++) {
            x[k] = 4.0 * rnd.nextGaussian();
            few[k] = levels[rnd.nextInt(levels.length)];
            many[k] = rnd.nextDouble();
        }
        Bounds bounds = new Bounds(-3.0, 3.0, -5.0, 5.0);
        for (String spec : new String[] {"bce_logits", "bce_logits:pos_weight=2.5"}) {
            check("soft labels", x, few, bounds, 11, 21, spec, Penalty.l2(0.1), Workers.of(pool, 2));
            // more than MAX_CLASSES distinct labels: the cell-by-cell fallback, still the same values
            ElementwiseLoss loss = (ElementwiseLoss) Losses.parse(spec);
            LogisticGrid g = new LogisticGrid(x, many);
            SurfaceGrid out = new SurfaceGrid(bounds, 11, 21);
            assertNull(g.plan(loss, out), "many labels: no structured path");
            assertTrue(g.compute(loss, Penalty.l2(0.1), out, Workers.of(pool, 2), CancelToken.NONE));
            compare("many labels " + spec, out, reference(x, many, bounds, 11, 21, pointLoss(loss), Penalty.l2(0.1)),
                    relative(RELATIVE));
        }
    }

    @Test
    void smallAndDegenerateData() {
        Bounds bounds = new Bounds(-2.0, 2.0, -3.0, 3.0);
        checkAll("one point", new double[] {0.5}, new double[] {1.0}, bounds, 7, 9, Penalty.NONE,
                Workers.callerOnly());
        checkAll("all x zero", new double[] {0, 0, 0, 0}, new double[] {0, 1, 1, 0}, bounds, 7, 9, Penalty.NONE,
                Workers.callerOnly());
        checkAll("one class", new double[] {-1, 0.5, 2}, new double[] {0, 0, 0}, bounds, 7, 9, Penalty.l1(1.0),
                Workers.callerOnly());
        checkAll("single row", new double[] {1, 2, 3}, new double[] {0, 1, 1}, bounds, 5, 1, Penalty.NONE,
                Workers.callerOnly());
        checkAll("single column", new double[] {1, 2, 3}, new double[] {0, 1, 1}, bounds, 1, 6, Penalty.NONE,
                Workers.callerOnly());
        checkAll("two rows", new double[] {1, 2, 3}, new double[] {1, 0, 1}, bounds, 5, 2, Penalty.l2(1.0),
                Workers.callerOnly());
        checkAll("no data", new double[0], new double[0], bounds, 4, 5, Penalty.l1(2.0), Workers.callerOnly());
    }

    @Test
    void randomProblemsMatchTheReference() {
        Trials.forAll(2027, 60, r -> randomProblem(r));
    }

    private void randomProblem(SplittableRandom r) {
        int n = 1 + r.nextInt(250);
        int nx = 1 + r.nextInt(20);
        int ny = 1 + r.nextInt(45);
        double spread = Trials.oneOfDoubles(r, 0.01, 1.0, 3.0, 20.0);
        double[][] d = data(r.nextLong(), n, spread, Trials.uniform(r, -5, 5), Trials.uniform(r, -4, 4));
        if (r.nextBoolean()) {
            for (int k = 0; k < n; k += 3) {
                d[0][k] = Math.rint(d[0][k]);
            }
        }
        double w0 = Trials.uniform(r, -6, 6);
        double b0 = Trials.uniform(r, -20, 20);
        Bounds bounds = new Bounds(w0 - Trials.uniform(r, 0.1, 8), w0 + Trials.uniform(r, 0.1, 8),
                b0 - Trials.uniform(r, 0.1, 40), b0 + Trials.uniform(r, 0.1, 40));
        Penalty penalty = Trials.oneOf(r, Penalty.NONE, Penalty.l1(r.nextDouble()), Penalty.l2(r.nextDouble()));
        String spec = Trials.oneOf(r, "bce_logits", "bce_logits:pos_weight=" + Trials.uniform(r, 0, 6), "hinge",
                "squared_hinge");
        check("random n=" + n + " " + nx + "x" + ny + " " + bounds, d[0], d[1], bounds, nx, ny, spec, penalty,
                r.nextBoolean() ? Workers.callerOnly() : Workers.of(pool, 2));
    }

    @Test
    void bceIsWithin1e12OfTheReference() {
        // the documented error bound (about (N + 3G + 250 + max|z|) 2^-53) with the reference's own N 2^-53
        double[][] d = data(8, 1000, 3.0, 2.0, -0.5);
        for (Bounds bounds : new Bounds[] {new Bounds(-4.0, 6.0, -8.0, 6.0), new Bounds(-30.0, 30.0, -80.0, 80.0)}) {
            ElementwiseLoss loss = (ElementwiseLoss) Losses.parse("bce_logits:pos_weight=1.5");
            LogisticGrid g = new LogisticGrid(d[0], d[1]);
            SurfaceGrid out = new SurfaceGrid(bounds, 64, 64);
            assertTrue(g.compute(loss, Penalty.NONE, out, Workers.of(pool, 2), CancelToken.NONE));
            compare("tight " + bounds, out, reference(d[0], d[1], bounds, 64, 64, bce(1.5), Penalty.NONE),
                    relative(1e-12));
        }
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() {
        double[][] d = data(9, 500, 3.0, 2.0, 0.0);
        Bounds bounds = new Bounds(-4.0, 6.0, -7.0, 5.0);
        for (String spec : new String[] {"bce_logits:pos_weight=2", "hinge", "squared_hinge", "bce", "mse"}) {
            ElementwiseLoss loss = (ElementwiseLoss) Losses.parse(spec);
            LogisticGrid g = new LogisticGrid(d[0], labelsFor(loss, d[1]));
            SurfaceGrid one = new SurfaceGrid(bounds, 37, 41);
            SurfaceGrid two = new SurfaceGrid(bounds, 37, 41);
            assertTrue(g.compute(loss, Penalty.l1(0.2), one, Workers.callerOnly(), CancelToken.NONE));
            assertTrue(g.compute(loss, Penalty.l1(0.2), two, Workers.of(pool, 2), CancelToken.NONE));
            assertArrayEquals(one.values(), two.values(), 0.0, spec);
            assertEquals(one.argminIndex(), two.argminIndex());
        }
    }

    @Test
    void coarseThenFullEqualsFullAndTheLatticeIsExact() {
        double[][] d = data(10, 400, 3.0, 2.0, 0.0);
        Bounds bounds = new Bounds(-4.0, 6.0, -7.0, 5.0);
        int nx = 50;
        int ny = 43;
        int stride = 4;
        for (String spec : new String[] {"bce_logits:pos_weight=0.7", "hinge", "squared_hinge", "bce", "mse"}) {
            ElementwiseLoss loss = (ElementwiseLoss) Losses.parse(spec);
            LogisticGrid g = new LogisticGrid(d[0], labelsFor(loss, d[1]));
            SurfaceGrid full = new SurfaceGrid(bounds, nx, ny);
            assertTrue(g.compute(loss, Penalty.l2(0.01), full, Workers.callerOnly(), CancelToken.NONE));
            SurfaceGrid grid = new SurfaceGrid(bounds, nx, ny);
            assertTrue(g.computeCoarse(loss, Penalty.l2(0.01), grid, stride, Workers.of(pool, 2), CancelToken.NONE));
            assertEquals(stride, grid.stride());
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int li = ProblemGrid.isLattice(i, nx, stride) ? i : (i / stride) * stride;
                    int lj = ProblemGrid.isLattice(j, ny, stride) ? j : (j / stride) * stride;
                    assertEquals(full.value(li, lj), grid.value(i, j), 0.0,
                            spec + ": cell (" + i + ", " + j + ") holds lattice cell (" + li + ", " + lj + ")");
                }
            }
            // the coarse statistics are the lattice's
            SurfaceGrid lattice = full.copy();
            lattice.updateStats(stride);
            assertEquals(lattice.argminIndex(), grid.argminIndex());
            assertEquals(lattice.max(), grid.max(), 0.0);
            assertTrue(g.compute(loss, Penalty.l2(0.01), grid, Workers.of(pool, 2), CancelToken.NONE));
            assertArrayEquals(full.values(), grid.values(), 0.0, spec);
            assertEquals(full.argminIndex(), grid.argminIndex());
            assertEquals(1, grid.stride());
        }
    }

    @Test
    void cancelledTokenStopsAndReportsCancelled() {
        double[][] d = data(11, 1000, 3.0, 2.0, 0.0);
        LogisticGrid g = new LogisticGrid(d[0], d[1]);
        ElementwiseLoss loss = Losses.elementwise("bce_logits");
        SurfaceGrid out = new SurfaceGrid(new Bounds(-4.0, 6.0, -7.0, 5.0), 64, 64);
        CancelToken token = CancelToken.create();
        token.cancel();
        assertFalse(g.compute(loss, Penalty.NONE, out, Workers.of(pool, 2), token));
        assertFalse(g.computeCoarse(loss, Penalty.NONE, out, 8, Workers.callerOnly(), token));
        assertFalse(g.computeCellByCell(loss, Penalty.NONE, out, Workers.callerOnly(), token));
        assertEquals(0, out.stride(), "a cancelled computation leaves the grid marked as not computed");
        for (double v : out.values()) {
            assertEquals(0.0, v, "no column was computed");
        }
        // cancelled between the coarse preview and the refinement: the preview stays, marked coarse
        LogisticProblem p = new LogisticProblem(d[0], d[1], loss, Regularizer.NONE);
        CancelToken later = CancelToken.create();
        SurfaceGrid grid = new SurfaceGrid(p.defaultBounds(), 64, 64);
        assertFalse(ProblemGrid.computeProgressive(p, grid, 8, Workers.of(pool, 2), later, preview -> later.cancel()));
        assertEquals(8, grid.stride());
    }

    @Test
    void problemGridDispatchesStructuredLogisticProblems() {
        double[][] d = data(12, 300, 2.0, 1.5, 0.3);
        Regularizer reg = new Regularizer(0.05, 0.02);
        for (String spec : new String[] {"bce_logits", "bce_logits:pos_weight=2", "hinge", "squared_hinge", "bce",
            "mse"}) {
            ElementwiseLoss loss = (ElementwiseLoss) Losses.parse(spec);
            LogisticProblem p = new LogisticProblem(d[0], d[1], loss, reg);
            assertTrue(LogisticGrid.hasFastPath(p), spec);
            Bounds bounds = p.defaultBounds();
            SurfaceGrid best = new SurfaceGrid(bounds, 19, 23);
            assertTrue(ProblemGrid.computeBest(p, best, Workers.of(pool, 2), CancelToken.NONE));
            // bit for bit the structured path ...
            SurfaceGrid direct = new SurfaceGrid(bounds, 19, 23);
            assertTrue(LogisticGrid.of(p).compute(loss, new Penalty(0.05, 0.02), direct, Workers.callerOnly(),
                    CancelToken.NONE));
            assertArrayEquals(direct.values(), best.values(), 0.0, spec);
            // ... and the problem's own value
            Tolerance tol = forLoss(loss.id(), d[0]);
            for (int j = 0; j < 23; j++) {
                for (int i = 0; i < 19; i++) {
                    double ref = p.value(best.theta1(i), best.theta2(j));
                    assertEquals(ref, best.value(i, j), tol.allowed(ref, best.theta1(i), best.theta2(j)), spec);
                }
            }
            // progressive: a coarse preview of lattice columns, then the same full grid
            SurfaceGrid progressive = new SurfaceGrid(bounds, 19, 23);
            int[] previews = new int[1];
            assertTrue(ProblemGrid.computeProgressive(p, progressive, 4, Workers.of(pool, 2), CancelToken.NONE, g -> {
                previews[0]++;
                assertEquals(4, g.stride());
                assertEquals(direct.value(4, 8), g.value(5, 9), 0.0);
                assertEquals(direct.value(18, 22), g.value(18, 22), 0.0);
            }));
            assertEquals(1, previews[0]);
            assertArrayEquals(direct.values(), progressive.values(), 0.0, spec);
            assertEquals(1, progressive.stride());
        }
    }

    @Test
    void lossesWithoutAStructuredPathStayOnTheGenericPath() {
        double[][] d = data(13, 120, 2.0, 1.5, 0.3);
        for (String spec : new String[] {"mae", "focal:gamma=9"}) {
            ElementwiseLoss loss = (ElementwiseLoss) Losses.parse(spec);
            assertFalse(LogisticGrid.hasFastPath(loss), spec);
            LogisticProblem p = new LogisticProblem(d[0], d[1], loss, Regularizer.l1(0.1));
            assertFalse(LogisticGrid.hasFastPath(p), spec);
            SurfaceGrid best = new SurfaceGrid(p.defaultBounds(), 11, 13);
            SurfaceGrid generic = new SurfaceGrid(p.defaultBounds(), 11, 13);
            assertTrue(ProblemGrid.computeBest(p, best, Workers.of(pool, 2), CancelToken.NONE));
            assertTrue(ProblemGrid.compute(p, generic, Workers.callerOnly(), CancelToken.NONE));
            assertArrayEquals(generic.values(), best.values(), 0.0, spec);
            // LogisticGrid's own fallback computes the same function (sigmoid first for bce)
            LogisticGrid g = LogisticGrid.of(p);
            SurfaceGrid fallback = new SurfaceGrid(p.defaultBounds(), 11, 13);
            assertNull(g.plan(loss, fallback));
            assertTrue(g.compute(loss, Penalty.l1(0.1), fallback, Workers.of(pool, 2), CancelToken.NONE));
            for (int c = 0; c < generic.values().length; c++) {
                double ref = generic.values()[c];
                assertEquals(ref, fallback.values()[c], 1e-12 * Math.abs(ref), spec);
            }
        }
    }

    // ------------------------------------------------------------------------------------ kernels on sigma(z)

    private static final double U = 0x1p-53;

    /** 1 / (1 + e^-z) written from the formula, in the form that neither overflows nor cancels. */
    static double sigma(double z) {
        if (z >= 0.0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    /** Whether the reference's (1 - y) part is clamped at z: its p rounds to 1, so log1p(-p) &lt;= -100. */
    static boolean oneMinusPClamped(double z) {
        return Math.log1p(-sigma(z)) <= -100.0;
    }

    /** Whether the reference's y part is clamped at z: log p &lt;= -100. */
    static boolean logPClamped(double z) {
        return Math.log(sigma(z)) <= -100.0;
    }

    /**
     * bce on probabilities with the reference's clamps but each unclamped part in its exact softplus form: what the
     * structured path claims to compute, to 1e-12 relative.
     */
    static double exactBce(double z, double y) {
        double v = 0.0;
        if (y != 0.0) {
            v += y * (logPClamped(z) ? 100.0 : (oneMinusPClamped(z) ? 0.0 : softplus(-z)));
        }
        if (y != 1.0) {
            v += (1.0 - y) * (oneMinusPClamped(z) ? 100.0 : softplus(z));
        }
        return v;
    }

    /** mse on sigma: sigma(v)^2 with v = z for label 0 and v = -z for label 1, each in its stable form. */
    static double exactMse(double z, double y) {
        double s = sigma(y == 1.0 ? -z : z);
        return s * s;
    }

    /**
     * The structured path of {@code spec} (bce or mse) on a {@link LogisticProblem} against (1) the problem's own
     * value cell by cell, with the tolerance of the class comment of {@link LogisticGrid} (for bce 1e-12 relative
     * plus the mean of e_k = 4u (1 + e^z) for a point whose (1 - y) part is below the clamp, else 4u; for mse 1e-12
     * relative plus 4u), and (2) the exact form {@link #exactBce} / {@link #exactMse} at 1e-12 relative.
     */
    static void checkSigmoid(String what, double[] x, double[] y, Bounds bounds, int nx, int ny, String spec,
                             Regularizer reg, Workers workers) {
        ElementwiseLoss loss = (ElementwiseLoss) Losses.parse(spec);
        LogisticProblem p = new LogisticProblem(x, y, loss, reg);
        assertTrue(LogisticGrid.hasFastPath(p), what + ": " + spec + " has a fast path");
        SurfaceGrid out = new SurfaceGrid(bounds, nx, ny);
        assertNotNull(LogisticGrid.of(p).plan(loss, out), what + " " + spec + ": the structured path is taken");
        assertTrue(LogisticGrid.compute(p, out, workers, CancelToken.NONE), what + ": complete");
        boolean bce = spec.equals("bce");
        int n = x.length;
        for (int j = 0; j < ny; j++) {
            double b = out.theta2(j);
            for (int i = 0; i < nx; i++) {
                double w = out.theta1(i);
                double v = out.value(i, j);
                double ref = p.value(w, b);
                double exact = 0.0;
                double slack = 0.0;
                for (int k = 0; k < n; k++) {
                    double z = w * x[k] + b;
                    exact += bce ? exactBce(z, y[k]) : exactMse(z, y[k]);
                    slack += bce && y[k] != 1.0 && !oneMinusPClamped(z) ? 4.0 * U * (1.0 + Math.exp(z)) : 4.0 * U;
                }
                exact = exact / n + reg.value(w, b);
                double allowed = 1e-12 * Math.abs(ref) + slack / n;
                String cell = what + " " + spec + ": cell (" + i + ", " + j + ") at w = " + w + ", b = " + b + ": " + v;
                if (!(Math.abs(v - ref) <= allowed)) {
                    fail(cell + " vs the problem's value " + ref + " (difference " + Math.abs(v - ref) + ", allowed "
                            + allowed + ")");
                }
                if (!(Math.abs(v - exact) <= 1e-12 * Math.abs(exact) + TINY)) {
                    fail(cell + " vs the exact form " + exact + " (difference " + Math.abs(v - exact) + ")");
                }
            }
        }
    }

    @Test
    void saturationThresholdsAreTheKernelsOwn() {
        ElementwiseLoss bce = Losses.elementwise("bce");
        double one = SigmoidTerm.Z_ONE;
        double floor = SigmoidTerm.Z_FLOOR;
        assertEquals(100.0, bce.value(org.losslab.kernel.Numerics.sigmoid(one), 0.0), 0.0);
        assertTrue(bce.value(org.losslab.kernel.Numerics.sigmoid(Math.nextDown(one)), 0.0) < 37.0);
        assertEquals(100.0, bce.value(org.losslab.kernel.Numerics.sigmoid(floor), 1.0), 0.0);
        assertTrue(bce.value(org.losslab.kernel.Numerics.sigmoid(Math.nextUp(floor)), 1.0) < 100.0);
        assertTrue(one > 36.7 && one < 36.8, "p rounds to 1 from about 53 ln 2: " + one);
        assertTrue(floor > -100.01 && floor < -99.99, "log p reaches -100 at about z = -100: " + floor);
    }

    @Test
    void aSaturatedLabelZeroPointGivesExactly100OverN() {
        // one label-0 point at z = 40 (p rounds to 1: clamped, exactly 100) and one at z = -40 (e^-40 = 4e-18)
        double[] x = {1.0, -1.0};
        double[] y = {0.0, 0.0};
        ElementwiseLoss bce = Losses.elementwise("bce");
        LogisticGrid g = new LogisticGrid(x, y);
        SurfaceGrid out = new SurfaceGrid(new Bounds(-40.0, 40.0, -1.0, 1.0), 3, 3);
        assertNotNull(g.plan(bce, out));
        assertTrue(g.compute(bce, Penalty.NONE, out, Workers.callerOnly(), CancelToken.NONE));
        assertEquals(50.0, out.value(2, 1), 0.0, "w = 40, b = 0: (100 + e^-40) / 2");
        assertEquals(50.0, out.value(0, 1), 0.0, "w = -40, b = 0: the other point saturates");
        // exactly at the threshold and one double below it, the reference's own score deciding
        double one = SigmoidTerm.Z_ONE;
        SurfaceGrid edge = new SurfaceGrid(new Bounds(-1.0, 1.0, Math.nextDown(one), one), 3, 2);
        LogisticGrid single = new LogisticGrid(new double[] {0.0}, new double[] {0.0});
        assertTrue(single.compute(bce, Penalty.NONE, edge, Workers.callerOnly(), CancelToken.NONE));
        assertEquals(100.0, edge.value(1, 1), 0.0, "z = Z_ONE: clamped");
        assertEquals(Math.nextDown(one) + Math.exp(-one), edge.value(1, 0), 1e-14, "one double below: softplus(z)");
        // a label-1 point at the floor of log p and just above it: clamped to exactly 100 at Z_FLOOR, softplus(-z)
        // (less than 100 by up to 1e-6) above
        double floor = SigmoidTerm.Z_FLOOR;
        LogisticGrid label1 = new LogisticGrid(new double[] {0.0}, new double[] {1.0});
        SurfaceGrid low = new SurfaceGrid(new Bounds(-1.0, 1.0, floor, floor + 1e-6), 3, 5);
        assertTrue(label1.compute(bce, Penalty.NONE, low, Workers.callerOnly(), CancelToken.NONE));
        assertEquals(100.0, low.value(1, 0), 0.0, "z = Z_FLOOR: clamped");
        for (int j = 1; j < 5; j++) {
            double z = low.theta2(j);
            assertEquals(-z + Math.log1p(Math.exp(z)), low.value(1, j), 1e-13, "z = " + z + ": softplus(-z)");
        }
        // one double apart: exactly 100 at Z_FLOOR, exactly -z (+ e^z, which rounds away) from the next double up
        SurfaceGrid ulps = new SurfaceGrid(new Bounds(-1.0, 1.0, floor, floor + 4 * Math.ulp(floor)), 3, 5);
        assertTrue(label1.compute(bce, Penalty.NONE, ulps, Workers.callerOnly(), CancelToken.NONE));
        assertEquals(100.0, ulps.value(1, 0), 0.0, "z = Z_FLOOR: clamped");
        assertEquals(Math.nextUp(floor), ulps.theta2(1), 0.0);
        for (int j = 1; j < 5; j++) {
            assertEquals(-ulps.theta2(j), ulps.value(1, j), 0.0, "z = " + ulps.theta2(j) + ": not clamped");
        }
        // a label-1 point below the floor of log p: exactly 100; a soft label saturating on both sides
        LogisticGrid soft = new LogisticGrid(new double[] {1.0, 1.0}, new double[] {1.0, 0.25});
        SurfaceGrid far = new SurfaceGrid(new Bounds(-1.0, 1.0, -300.0, 300.0), 3, 3);
        assertTrue(soft.compute(bce, Penalty.NONE, far, Workers.callerOnly(), CancelToken.NONE));
        assertEquals((100.0 + 0.25 * 100.0 + 0.75 * Math.exp(-299.0)) / 2, far.value(2, 0), 1e-15, "z = -299");
        assertEquals((0.0 + 0.75 * 100.0) / 2, far.value(2, 2), 0.0, "z = 301: y part exactly 0, (1 - y) part 100");
        assertEquals(37.5, far.value(1, 2), 0.0, "z = 300 for w = 0: the same");
    }

    @Test
    void bceOnProbabilitiesMatchesTheProblemAndTheExactForm() {
        double[][] balanced = data(21, 400, 3.0, 2.0, 0.0);
        double[][] imbalanced = data(22, 400, 3.0, 1.5, -3.0);
        Bounds moderate = new Bounds(-4.0, 6.0, -7.0, 5.0);
        checkSigmoid("balanced", balanced[0], balanced[1], moderate, 23, 31, "bce", Regularizer.NONE,
                Workers.callerOnly());
        checkSigmoid("imbalanced l1", imbalanced[0], imbalanced[1], moderate, 17, 40, "bce", Regularizer.l1(0.3),
                Workers.of(pool, 2));
        // |z| up to several hundred: both clamps, rows several anchor blocks apart
        checkSigmoid("large", balanced[0], balanced[1], new Bounds(-100.0, 100.0, -200.0, 200.0), 21, 45, "bce",
                Regularizer.l2(0.01), Workers.of(pool, 2));
        checkSigmoid("far above", balanced[0], balanced[1], new Bounds(-1.0, 1.0, 30.0, 150.0), 7, 61, "bce",
                Regularizer.NONE, Workers.callerOnly());
        checkSigmoid("far below", balanced[0], balanced[1], new Bounds(-1.0, 1.0, -150.0, -80.0), 7, 61, "bce",
                Regularizer.NONE, Workers.callerOnly());
        checkSigmoid("tiny", balanced[0], balanced[1], new Bounds(-1e-6, 1e-6, -1e-5, 1e-5), 5, 9, "bce",
                Regularizer.NONE, Workers.callerOnly());
        // label 1 only, far on its right side: as the points cross Z_ONE their e^-z leaves the sums, and a cell
        // where all of them are past it is exactly 0 (log 1.0 = 0 for each)
        double[] ones = new double[balanced[0].length];
        java.util.Arrays.fill(ones, 1.0);
        checkSigmoid("ones far above", balanced[0], ones, new Bounds(-1.0, 1.0, 20.0, 60.0), 7, 81, "bce",
                Regularizer.NONE, Workers.callerOnly());
        LogisticGrid g = new LogisticGrid(balanced[0], ones);
        SurfaceGrid past = new SurfaceGrid(new Bounds(-1.0, 1.0, 20.0, 60.0), 7, 81);
        assertTrue(g.compute(Losses.elementwise("bce"), Penalty.NONE, past, Workers.callerOnly(), CancelToken.NONE));
        assertEquals(38.0, past.theta2(36), 0.0);
        assertEquals(0.0, past.value(3, 36), 0.0, "w = 0, b = 38: every point has p = 1");
        assertTrue(past.value(0, 36) > 0.0, "w = -1, b = 38: the points with x &gt; 1.3 are below Z_ONE");
        assertEquals(0.0, past.value(0, 80), 0.0, "w = -1, b = 60: every point has p = 1");
        // soft labels (probabilities), a few distinct values
        Random rnd = new Random(23);
        double[] x = new double[300];
        double[] soft = new double[300];
        double[] levels = {0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0};
        for (int k = 0; k < x.length; k++) {
            x[k] = 4.0 * rnd.nextGaussian();
            soft[k] = levels[rnd.nextInt(levels.length)];
        }
        checkSigmoid("soft", x, soft, moderate, 11, 21, "bce", Regularizer.l2(0.1), Workers.of(pool, 2));
        checkSigmoid("soft large", x, soft, new Bounds(-40.0, 40.0, -150.0, 150.0), 11, 41, "bce",
                new Regularizer(0.1, 0.01), Workers.callerOnly());
    }

    @Test
    void mseOnSigmaMatchesTheProblemAndTheExactForm() {
        double[][] balanced = data(31, 400, 3.0, 2.0, 0.0);
        double[][] imbalanced = data(32, 400, 3.0, 1.5, -3.0);
        Bounds moderate = new Bounds(-4.0, 6.0, -7.0, 5.0);
        checkSigmoid("balanced", balanced[0], balanced[1], moderate, 23, 31, "mse", Regularizer.NONE,
                Workers.callerOnly());
        checkSigmoid("imbalanced l1", imbalanced[0], imbalanced[1], moderate, 17, 40, "mse", Regularizer.l1(0.3),
                Workers.of(pool, 2));
        checkSigmoid("large", balanced[0], balanced[1], new Bounds(-100.0, 100.0, -200.0, 200.0), 21, 45, "mse",
                Regularizer.l2(0.01), Workers.of(pool, 2));
        // every point far on one side: the loss is a sum of e^-2|z| (label 0 below) plus counts
        checkSigmoid("far above", balanced[0], balanced[1], new Bounds(-1.0, 1.0, 10.0, 300.0), 7, 61, "mse",
                Regularizer.NONE, Workers.callerOnly());
        checkSigmoid("far below", balanced[0], balanced[1], new Bounds(-1.0, 1.0, -300.0, -10.0), 7, 61, "mse",
                Regularizer.NONE, Workers.callerOnly());
        checkSigmoid("tiny", balanced[0], balanced[1], new Bounds(-1e-6, 1e-6, -1e-5, 1e-5), 5, 9, "mse",
                Regularizer.NONE, Workers.callerOnly());
        double[][] crowded = data(33, 2600, 0.05, 10.0, 0.0);
        checkSigmoid("crowded", crowded[0], crowded[1], new Bounds(-1.0, 1.0, -1.0, 1.0), 9, 11, "mse",
                Regularizer.NONE, Workers.of(pool, 2));
    }

    @Test
    void randomSigmoidProblemsMatchTheReference() {
        Trials.forAll(2029, 60, r -> {
            int n = Trials.oneOf(r, 1, 2, 37, 1000);
            int nx = 1 + r.nextInt(n == 1000 ? 8 : 20);
            int ny = 1 + r.nextInt(n == 1000 ? 20 : 45);
            double spread = Trials.oneOfDoubles(r, 0.01, 1.0, 3.0, 20.0);
            double[][] d = data(r.nextLong(), n, spread, Trials.uniform(r, -5, 5), Trials.uniform(r, -4, 4));
            if (r.nextBoolean()) {
                for (int k = 0; k < n; k += 3) {
                    d[0][k] = Math.rint(d[0][k]);
                }
            }
            String spec = r.nextBoolean() ? "bce" : "mse";
            if (spec.equals("bce") && r.nextBoolean()) {
                double[] levels = {0.0, 1.0, Trials.uniform(r, 0, 1), Trials.uniform(r, 0, 1)};
                for (int k = 0; k < n; k++) {
                    d[1][k] = levels[r.nextInt(levels.length)];
                }
            }
            double scale = Trials.oneOfDoubles(r, 1e-4, 1.0, 10.0, 60.0);
            double w0 = Trials.uniform(r, -6, 6) * scale;
            double b0 = Trials.uniform(r, -20, 20) * scale;
            Bounds bounds = new Bounds(w0 - Trials.uniform(r, 0.1, 8) * scale, w0 + Trials.uniform(r, 0.1, 8) * scale,
                    b0 - Trials.uniform(r, 0.1, 40) * scale, b0 + Trials.uniform(r, 0.1, 40) * scale);
            Regularizer reg = Trials.oneOf(r, Regularizer.NONE, Regularizer.l1(r.nextDouble()),
                    Regularizer.l2(r.nextDouble()));
            checkSigmoid("random n=" + n + " " + nx + "x" + ny + " " + bounds, d[0], d[1], bounds, nx, ny, spec, reg,
                    r.nextBoolean() ? Workers.callerOnly() : Workers.of(pool, 2));
        });
    }

    @Test
    void mseTakesTheStructuredPathOnlyFor01LabelsAndTheLessonUsesIt() {
        double[][] d = data(34, 200, 2.0, 1.5, 0.3);
        ElementwiseLoss mse = Losses.elementwise("mse");
        assertFalse(LogisticGrid.hasFastPath(mse), "mse alone: depends on the labels");
        LogisticProblem hard = new LogisticProblem(d[0], d[1], mse, Regularizer.NONE);
        assertTrue(LogisticGrid.hasFastPath(hard));
        // soft labels: the generic path, LogisticGrid's own fallback applying the sigmoid as the problem does
        double[] soft = d[1].clone();
        soft[0] = 0.5;
        LogisticProblem p = new LogisticProblem(d[0], soft, mse, Regularizer.l2(0.1));
        assertFalse(LogisticGrid.hasFastPath(p));
        SurfaceGrid best = new SurfaceGrid(p.defaultBounds(), 11, 13);
        SurfaceGrid generic = new SurfaceGrid(p.defaultBounds(), 11, 13);
        assertTrue(ProblemGrid.computeBest(p, best, Workers.of(pool, 2), CancelToken.NONE));
        assertTrue(ProblemGrid.compute(p, generic, Workers.callerOnly(), CancelToken.NONE));
        assertArrayEquals(generic.values(), best.values(), 0.0);
        SurfaceGrid fallback = new SurfaceGrid(p.defaultBounds(), 11, 13);
        assertNull(LogisticGrid.of(p).plan(mse, fallback));
        assertTrue(LogisticGrid.compute(p, fallback, Workers.of(pool, 2), CancelToken.NONE));
        for (int c = 0; c < generic.values().length; c++) {
            assertEquals(generic.values()[c], fallback.values()[c], 1e-12 * generic.values()[c]);
        }
        // the "MSE vs BCE surfaces" lesson: its data (0/1 labels) take the structured path through computeBest
        Datasets.XY lesson = Datasets.twoClasses(20, 20, 0.9, 7);
        LogisticProblem view = new LogisticProblem(lesson.x(), lesson.y(), mse, Regularizer.NONE);
        assertTrue(LogisticGrid.hasFastPath(view));
        SurfaceGrid viaBest = new SurfaceGrid(view.defaultBounds(), 30, 30);
        SurfaceGrid direct = new SurfaceGrid(view.defaultBounds(), 30, 30);
        assertTrue(ProblemGrid.computeBest(view, viaBest, Workers.of(pool, 2), CancelToken.NONE));
        assertTrue(LogisticGrid.compute(view, direct, Workers.callerOnly(), CancelToken.NONE));
        assertArrayEquals(direct.values(), viaBest.values(), 0.0);
    }
}
