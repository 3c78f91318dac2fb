package org.losslab.surface;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
 * {@link FocalGrid}, the structured focal path of {@link LogisticGrid}, against the cell-by-cell loop
 * ({@link LogisticGrid#computeCellByCell}: one {@code Focal.value} per point and cell, what
 * {@link LogisticProblem#value} computes).
 *
 * <h2>Tolerance</h2>
 * 1e-12 relative plus 1e-320 absolute. The documented bound of the path is about 1.5e-13 relative in the worst
 * case (gamma = 8, anchors at full span) and the reference's own rounding is about N u for the sum plus
 * (gamma + 1)|z| u per term, so 1e-12 leaves a factor of a few for both. The absolute floor is for cells whose
 * terms are subnormal (below 2.2e-308, e.g. t^(gamma+1) for (gamma + 1)|z| &gt; 708): there each rounding, in
 * either method, is off by up to 2^-1075 = 2.5e-324 absolute, and a cell has up to a few thousand of them (N
 * points, G row steps of the far sums): 1e-320 is about 2,000 such units, far below any normal value, so every
 * cell above 1e-306 is still held to 1e-12 relative.
 */
class FocalGridTest {
    private static final double RELATIVE = 1e-12;
    private static final double ABSOLUTE = 1e-320;
    private static final double[] GAMMAS = {0.0, 0.5, 1.0, 2.0, 2.7, 5.0, FocalGrid.GAMMA_CAP};
    private static final double[] ALPHAS = {0.25, 0.75, -1.0};
    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "focal-grid-test");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    // -------------------------------------------------------------------------------------------------- helpers

    static ElementwiseLoss focal(double gamma, double alpha) {
        return (ElementwiseLoss) Losses.parse("focal:gamma=" + gamma + ",alpha=" + alpha);
    }

    /** n points, x ~ U(-spread, spread), P(y = 1) = sigmoid(2 x + shift). */
    static double[][] data(SplittableRandom rnd, int n, double spread, double shift) {
        double[] x = new double[n];
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = Trials.uniform(rnd, -spread, spread);
            double p = 1.0 / (1.0 + Math.exp(-(2.0 * x[k] + shift)));
            y[k] = rnd.nextDouble() < p ? 1.0 : 0.0;
        }
        return new double[][] {x, y};
    }

    static void compare(String what, SurfaceGrid out, SurfaceGrid ref) {
        int nx = out.nx();
        double worst = 0.0;
        for (int j = 0; j < out.ny(); j++) {
            for (int i = 0; i < nx; i++) {
                double r = ref.value(i, j);
                double v = out.value(i, j);
                double allowed = RELATIVE * Math.abs(r) + ABSOLUTE;
                if (!(Math.abs(v - r) <= allowed)) {
                    fail(what + ": cell (" + i + ", " + j + ") at w = " + out.theta1(i) + ", b = " + out.theta2(j)
                            + ": " + v + " vs reference " + r + " (difference " + Math.abs(v - r) + ", allowed "
                            + allowed + ")");
                }
                if (r != 0.0) {
                    worst = Math.max(worst, Math.abs(v - r) / Math.abs(r));
                }
            }
        }
        assertTrue(worst <= RELATIVE, what);
    }

    /**
     * The structured path (asserted to be taken) against the cell-by-cell loop, and its coarse columns and its
     * one-worker result bit for bit against the full two-worker result.
     */
    static void check(String what, double[] x, double[] y, Bounds bounds, int nx, int ny, ElementwiseLoss loss,
                      Penalty penalty) {
        String name = what + " " + loss.id() + " gamma=" + loss.param("gamma") + " alpha=" + loss.param("alpha");
        LogisticGrid g = new LogisticGrid(x, y);
        SurfaceGrid out = new SurfaceGrid(bounds, nx, ny);
        assertNotNull(g.plan(loss, out), name + ": the structured path is taken");
        assertTrue(g.compute(loss, penalty, out, Workers.of(pool, 2), CancelToken.NONE), name);
        SurfaceGrid ref = new SurfaceGrid(bounds, nx, ny);
        assertTrue(g.computeCellByCell(loss, penalty, ref, Workers.of(pool, 2), CancelToken.NONE));
        compare(name, out, ref);
        SurfaceGrid single = new SurfaceGrid(bounds, nx, ny);
        assertTrue(g.compute(loss, penalty, single, Workers.callerOnly(), CancelToken.NONE));
        assertArrayEquals(out.values(), single.values(), 0.0, name + ": 1 vs 2 workers");
        int stride = 4;
        SurfaceGrid coarse = new SurfaceGrid(bounds, nx, ny);
        assertTrue(g.computeCoarse(loss, penalty, coarse, stride, Workers.of(pool, 2), CancelToken.NONE));
        for (int i = 0; i < nx; i++) {
            if (ProblemGrid.isLattice(i, nx, stride)) {
                for (int j = 0; j < ny; j++) {
                    if (ProblemGrid.isLattice(j, ny, stride)) {
                        assertEquals(out.value(i, j), coarse.value(i, j), 0.0, name + ": coarse column " + i);
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------- polynomials

    static long ulps(double a, double b) {
        return Math.abs(Double.doubleToLongBits(a) - Double.doubleToLongBits(b));
    }

    @Test
    void log1pPolynomialIsWithinThreeUlpsOnZeroToOne() {
        long worst = 0;
        int samples = 2_000_000;
        for (int i = 0; i <= samples; i++) {
            double t = (double) i / samples;
            worst = Math.max(worst, ulps(FocalGrid.log1p(t), Math.log1p(t)));
        }
        // and the small end, where the near part's t = e^-T and the far part's series meet
        for (double t = 1e-3; t > 1e-300; t *= 0.83) {
            worst = Math.max(worst, ulps(FocalGrid.log1p(t), Math.log1p(t)));
        }
        assertEquals(0.0, FocalGrid.log1p(0.0));
        assertTrue(worst <= 3, "log1p: " + worst + " ulps");
    }

    @Test
    void expPolynomialIsWithinTwoUlpsOnMinusLn2ToZero() {
        long worst = 0;
        int samples = 2_000_000;
        double ln2 = Math.log(2.0);
        for (int i = 0; i <= samples; i++) {
            double x = -ln2 * i / samples;
            worst = Math.max(worst, ulps(FocalGrid.expSmall(x), Math.exp(x)));
        }
        assertEquals(1.0, FocalGrid.expSmall(0.0));
        assertTrue(worst <= 2, "exp: " + worst + " ulps");
    }

    @Test
    void powerOfOnePlusTIsWithinAFewUlps() {
        for (double gamma : GAMMAS) {
            long worst = 0;
            int whole = (int) Math.floor(gamma);
            double phi = gamma - whole;
            int samples = 200_000;
            for (int i = 0; i <= samples; i++) {
                double t = (double) i / samples;
                double want = Math.pow(1.0 + t, -gamma);
                worst = Math.max(worst, ulps(FocalGrid.powInv(t, whole, phi), want));
            }
            // whole roundings of the product and one of 1/(1 + t), each at most half an ulp, plus phi ln 2 times
            // log1p's relative error and E's own
            assertTrue(worst <= 12, "gamma " + gamma + ": " + worst + " ulps");
        }
    }

    @Test
    void termsGrowWithGammaAndMeetTheBound() {
        for (double near : new double[] {FocalGrid.NEAR_SMALL_GAMMA, FocalGrid.NEAR}) {
            int last = 0;
            for (double gamma = 0.0; gamma <= FocalGrid.GAMMA_CAP; gamma += 0.25) {
                int m = FocalGrid.termsFor(gamma, near);
                if (gamma <= FocalGrid.SMALL_GAMMA || near == FocalGrid.NEAR) {
                    assertTrue(m > 0 && m <= FocalGrid.MAX_TERMS, "gamma " + gamma);
                }
                assertTrue(m >= last || m < 0, "gamma " + gamma);
                last = m;
            }
        }
        assertEquals(21, FocalGrid.termsFor(0.0));
        assertEquals(23, FocalGrid.termsFor(2.0));
        assertEquals(26, FocalGrid.termsFor(4.0));
        assertEquals(18, FocalGrid.termsFor(4.5));
        assertEquals(21, FocalGrid.termsFor(8.0));
    }

    // -------------------------------------------------------------------------------------------- surfaces

    @Test
    void randomDataGammasAlphasAndBoundsAgainstTheCellByCellLoop() {
        int[] sizes = {1, 2, 37, 1000};
        Trials.forAll(2026, 40, rnd -> {
            int n = sizes[rnd.nextInt(sizes.length)];
            double shift = Trials.oneOfDoubles(rnd, 0.0, -3.0, 4.0);
            double spread = Trials.oneOfDoubles(rnd, 1.0, 3.0, 20.0);
            double[][] d = data(rnd, n, spread, shift);
            double w0 = Trials.uniform(rnd, -8.0, 4.0);
            double b0 = Trials.uniform(rnd, -12.0, 6.0);
            double size = Trials.oneOfDoubles(rnd, 1e-3, 0.5, 6.0, 15.0);
            Bounds bounds = new Bounds(w0, w0 + size, b0, b0 + 2.0 * size);
            double gamma = Trials.oneOfDoubles(rnd, GAMMAS);
            double alpha = Trials.oneOfDoubles(rnd, ALPHAS);
            Penalty penalty = Trials.oneOf(rnd, Penalty.NONE, Penalty.l1(0.2), Penalty.l2(0.05));
            int nx = n >= 1000 ? 13 + rnd.nextInt(10) : 9 + rnd.nextInt(30);
            int ny = n >= 1000 ? 17 + rnd.nextInt(30) : 5 + rnd.nextInt(90);
            check("n=" + n + " shift=" + shift + " spread=" + spread + " " + bounds, d[0], d[1], bounds, nx, ny,
                    focal(gamma, alpha), penalty);
        });
    }

    @Test
    void everyGammaAndAlphaOnBalancedAndImbalancedData() {
        SplittableRandom rnd = new SplittableRandom(5);
        double[][] balanced = data(rnd, 300, 3.0, 0.0);
        double[][] imbalanced = data(rnd, 300, 3.0, -4.0);
        Bounds bounds = new Bounds(-4.0, 6.0, -9.0, 7.0);
        for (double gamma : GAMMAS) {
            for (double alpha : ALPHAS) {
                check("balanced", balanced[0], balanced[1], bounds, 11, 37, focal(gamma, alpha), Penalty.NONE);
                check("imbalanced", imbalanced[0], imbalanced[1], bounds, 11, 37, focal(gamma, alpha),
                        new Penalty(0.1, 0.02));
            }
        }
        // class weights 0 and 1 drop a class entirely
        check("alpha=1", balanced[0], balanced[1], bounds, 9, 21, focal(2.0, 1.0), Penalty.NONE);
        check("alpha=0", balanced[0], balanced[1], bounds, 9, 21, focal(2.0, 0.0), Penalty.NONE);
    }

    @Test
    void largeAndTinyScores() {
        SplittableRandom rnd = new SplittableRandom(11);
        double[][] d = data(rnd, 120, 3.0, 0.5);
        for (double gamma : new double[] {0.0, 2.0, 2.7, FocalGrid.GAMMA_CAP}) {
            ElementwiseLoss loss = focal(gamma, 0.25);
            // |z| up to several hundred, many far rows, both classes badly and well classified
            check("large |z|", d[0], d[1], new Bounds(-100.0, 100.0, -300.0, 300.0), 21, 61, loss, Penalty.NONE);
            // every point far above / far below, values down to the subnormal range
            check("all above", d[0], d[1], new Bounds(-1.0, 1.0, 500.0, 760.0), 7, 40, loss, Penalty.NONE);
            check("all below", d[0], d[1], new Bounds(-1.0, 1.0, -760.0, -500.0), 7, 40, loss, Penalty.NONE);
            // a tiny window: every point near, rows 1e-9 apart
            check("tiny", d[0], d[1], new Bounds(0.3, 0.3 + 1e-9, -0.2, -0.2 + 1e-9), 5, 9, loss, Penalty.l2(1.0));
            // wide b span: several anchor blocks
            check("wide", d[0], d[1], new Bounds(-60.0, 60.0, -250.0, 250.0), 9, 200, loss, Penalty.l1(0.01));
        }
    }

    @Test
    void tiesZerosAndScoresExactlyOnTheBoundaryAndTheThresholds() {
        // integer x with many ties and x = 0, w and b on exact quarter steps: w x + b hits 0 and +-T (2 and 3)
        // exactly at grid cells, so points sit exactly on the near/far and the z > 0 / z <= 0 splits
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 200;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = k % 10 == 0 ? 0.0 : rnd.nextInt(9) - 4;
            y[k] = rnd.nextInt(3) == 0 ? 1.0 : 0.0;
        }
        for (double gamma : new double[] {0.0, 2.0, 2.7, 5.0}) {
            check("quarter steps", x, y, new Bounds(-1.0, 1.0, -4.0, 4.0), 9, 33, focal(gamma, 0.25), Penalty.NONE);
            check("unit steps", x, y, new Bounds(-2.0, 2.0, -8.0, 8.0), 5, 17, focal(gamma, -1.0), Penalty.l1(0.1));
        }
    }

    @Test
    void onePointAndOneClass() {
        double[] x = {0.7};
        for (double label : new double[] {0.0, 1.0}) {
            for (double gamma : GAMMAS) {
                check("one point y=" + label, x, new double[] {label}, new Bounds(-30.0, 30.0, -40.0, 40.0), 17, 81,
                        focal(gamma, 0.25), Penalty.NONE);
            }
        }
        double[] xs = {-2.0, -1.0, 0.0, 0.0, 1.5, 3.0};
        double[] ones = {1.0, 1.0, 1.0, 1.0, 1.0, 1.0};
        check("one class", xs, ones, new Bounds(-5.0, 5.0, -8.0, 8.0), 11, 33, focal(2.7, 0.75), Penalty.NONE);
    }

    @Test
    void gammaZeroIsWeightedBceLogits() {
        SplittableRandom rnd = new SplittableRandom(3);
        double[][] d = data(rnd, 500, 3.0, -1.0);
        Bounds bounds = new Bounds(-5.0, 5.0, -12.0, 12.0);
        LogisticGrid g = new LogisticGrid(d[0], d[1]);
        SurfaceGrid focal = new SurfaceGrid(bounds, 15, 41);
        SurfaceGrid bce = new SurfaceGrid(bounds, 15, 41);
        // alpha = 0.2: weight 0.2 on y = 1, 0.8 on y = 0, i.e. 0.8 bce_logits with pos_weight 0.25
        assertTrue(g.compute(focal(0.0, 0.2), Penalty.NONE, focal, Workers.callerOnly(), CancelToken.NONE));
        assertTrue(g.compute((ElementwiseLoss) Losses.parse("bce_logits:pos_weight=0.25"), Penalty.NONE, bce,
                Workers.callerOnly(), CancelToken.NONE));
        for (int c = 0; c < bce.values().length; c++) {
            double ref = 0.8 * bce.values()[c];
            assertEquals(ref, focal.values()[c], 1e-12 * ref, "cell " + c);
        }
    }

    @Test
    void fastPathDispatchAndFallbacks() {
        assertTrue(LogisticGrid.hasFastPath(focal(2.0, 0.25)));
        assertTrue(LogisticGrid.hasFastPath(focal(FocalGrid.GAMMA_CAP, 0.25)));
        assertFalse(LogisticGrid.hasFastPath(focal(FocalGrid.GAMMA_CAP + 0.5, 0.25)));
        SplittableRandom rnd = new SplittableRandom(9);
        double[][] d = data(rnd, 60, 2.0, 0.0);
        LogisticProblem p = new LogisticProblem(d[0], d[1], focal(2.0, 0.25), Regularizer.l1(0.1));
        SurfaceGrid best = new SurfaceGrid(p.defaultBounds(), 13, 17);
        assertTrue(ProblemGrid.computeBest(p, best, Workers.of(pool, 2), CancelToken.NONE));
        SurfaceGrid direct = new SurfaceGrid(p.defaultBounds(), 13, 17);
        assertTrue(LogisticGrid.of(p).compute(focal(2.0, 0.25), Penalty.l1(0.1), direct, Workers.callerOnly(),
                CancelToken.NONE));
        assertArrayEquals(direct.values(), best.values(), 0.0, "ProblemGrid takes the structured path");
        for (int j = 0; j < 17; j++) {
            for (int i = 0; i < 13; i++) {
                double ref = p.value(best.theta1(i), best.theta2(j));
                assertEquals(ref, best.value(i, j), RELATIVE * ref, "the problem's own value");
            }
        }
        LogisticGrid g = LogisticGrid.of(p);
        assertNull(g.plan(focal(FocalGrid.GAMMA_CAP + 0.5, 0.25), best), "above the cap: cell by cell");
        // labels other than 0 and 1: cell by cell
        LogisticGrid soft = new LogisticGrid(new double[] {0.0, 1.0}, new double[] {0.5, 1.0});
        assertNull(soft.plan(focal(2.0, 0.25), best));
        // beyond the magnitude limit: cell by cell
        assertNull(g.plan(focal(2.0, 0.25), new SurfaceGrid(new Bounds(-1.0, 1.0, 0.0, 0x1p41), 5, 5)));
    }
}
