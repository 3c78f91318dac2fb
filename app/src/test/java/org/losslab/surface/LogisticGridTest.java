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
import org.losslab.problem.Bounds;
import org.losslab.problem.LogisticProblem;
import org.losslab.problem.Regularizer;
import org.losslab.testkit.Trials;

/**
 * The structured classification surfaces against a cell-by-cell loop written here from the closed-form loss of
 * one point (not through the kernels nor any code of the path under test).
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
        for (String spec : new String[] {"bce_logits:pos_weight=2", "hinge", "squared_hinge"}) {
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
        for (String spec : new String[] {"bce_logits:pos_weight=0.7", "hinge", "squared_hinge"}) {
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
        for (String spec : new String[] {"bce_logits", "bce_logits:pos_weight=2", "hinge", "squared_hinge"}) {
            ElementwiseLoss loss = (ElementwiseLoss) Losses.parse(spec);
            assertTrue(LogisticGrid.hasFastPath(loss), spec);
            LogisticProblem p = new LogisticProblem(d[0], d[1], loss, reg);
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
        for (String spec : new String[] {"bce", "focal:gamma=9"}) {
            ElementwiseLoss loss = (ElementwiseLoss) Losses.parse(spec);
            assertFalse(LogisticGrid.hasFastPath(loss), spec);
            LogisticProblem p = new LogisticProblem(d[0], d[1], loss, Regularizer.l1(0.1));
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
}
