package org.losslab.surface;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losslab.problem.Bounds;
import org.losslab.problem.Problem;

class ProblemGridTest {
    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(3, r -> {
            Thread t = new Thread(r, "surface-test");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void everyCellIsTheProblemsValue() {
        Problem p = TestProblems.rosenbrock();
        Bounds bounds = new Bounds(-2.0, 2.0, -1.0, 3.0);
        SurfaceGrid grid = new SurfaceGrid(bounds, 37, 29);
        assertTrue(ProblemGrid.compute(p, grid, Workers.of(pool, 3), CancelToken.NONE));
        for (int j = 0; j < 29; j++) {
            for (int i = 0; i < 37; i++) {
                assertEquals(p.value(bounds.theta1(i, 37), bounds.theta2(j, 29)), grid.value(i, j), 0.0);
            }
        }
        assertEquals(1, grid.stride());
    }

    @Test
    void statisticsFindTheMinimumCell() {
        // minimum at (0.5, -0.25), a grid point of a 21 x 21 grid over [-2, 3] x [-3, 2]
        Problem p = TestProblems.quadratic(1.0, 3.0, 0.5, 0.5, -0.25);
        SurfaceGrid grid = new SurfaceGrid(new Bounds(-2.0, 3.0, -3.0, 2.0), 21, 21);
        assertTrue(ProblemGrid.compute(p, grid, Workers.callerOnly(), CancelToken.NONE));
        assertEquals(0.5, grid.argminTheta1(), 0.0);
        assertEquals(-0.25, grid.argminTheta2(), 0.0);
        assertEquals(0.0, grid.min(), 0.0);
        double max = 0.0;
        for (double v : grid.values()) {
            max = Math.max(max, v);
        }
        assertEquals(max, grid.max(), 0.0);
        assertEquals(grid.index(grid.argminI(), grid.argminJ()), grid.argminIndex());
    }

    @Test
    void statisticsSkipNaNAndInfinity() {
        SurfaceGrid grid = new SurfaceGrid(new Bounds(0, 1, 0, 1), 3, 2);
        double[] v = grid.values();
        System.arraycopy(new double[] {Double.NaN, 4.0, Double.POSITIVE_INFINITY, 2.0, Double.NEGATIVE_INFINITY, 7.0},
                0, v, 0, 6);
        grid.updateStats();
        assertEquals(2.0, grid.min());
        assertEquals(7.0, grid.max());
        assertEquals(3, grid.argminIndex());
        java.util.Arrays.fill(v, Double.NaN);
        grid.updateStats();
        assertTrue(Double.isNaN(grid.min()));
        assertEquals(-1, grid.argminIndex());
    }

    @Test
    void coarseThenRefinementEqualsTheFullGridAndEvaluatesEachCellOnce() {
        TestProblems.Counting p = new TestProblems.Counting(TestProblems.rosenbrock());
        Bounds bounds = new Bounds(-2.0, 2.0, -1.0, 3.0);
        SurfaceGrid full = new SurfaceGrid(bounds, 50, 43);
        assertTrue(ProblemGrid.compute(p, full, Workers.callerOnly(), CancelToken.NONE));
        p.calls.set(0);
        SurfaceGrid progressive = new SurfaceGrid(bounds, 50, 43);
        AtomicInteger previews = new AtomicInteger();
        int[] previewCalls = new int[1];
        boolean done = ProblemGrid.computeProgressive(p, progressive, 4, Workers.of(pool, 2), CancelToken.NONE, g -> {
            previews.incrementAndGet();
            previewCalls[0] = p.calls.get();
            assertEquals(4, g.stride());
            // the preview copies each lattice value over its block
            assertEquals(g.value(4, 8), g.value(7, 11), 0.0);
            assertEquals(p.value(g.theta1(4), g.theta2(8)), g.value(5, 9), 0.0);
            // the last column and row are lattice lines of their own
            assertEquals(p.value(g.theta1(49), g.theta2(42)), g.value(49, 42), 0.0);
        });
        assertTrue(done);
        assertEquals(1, previews.get());
        // lattice: columns 0,4,...,48,49 (14) x rows 0,4,...,40,42 (12)
        assertEquals(14 * 12, previewCalls[0]);
        assertEquals(50 * 43 + 2, p.calls.get(), "every cell once, plus the two value calls of the preview check");
        assertArrayEquals(full.values(), progressive.values(), 0.0);
        assertEquals(full.argminIndex(), progressive.argminIndex());
        assertEquals(1, progressive.stride());
    }

    @Test
    void aCancelledComputationStopsAndReportsCancelled() throws Exception {
        TestProblems.Counting p = new TestProblems.Counting(TestProblems.rosenbrock());
        CancelToken token = CancelToken.create();
        int nx = 40;
        int ny = 200;
        // cancel from inside the 3rd row: each worker finishes the row it is in, then claims no more
        p.onCall = () -> {
            // ">=", not "==": with two workers counting at once, an exact count can be skipped over
            if (p.calls.get() >= 2 * nx + 5) {
                token.cancel();
            }
        };
        SurfaceGrid grid = new SurfaceGrid(new Bounds(-2, 2, -1, 3), nx, ny);
        assertFalse(ProblemGrid.compute(p, grid, Workers.of(pool, 2), token));
        assertTrue(p.calls.get() <= 5 * nx, "stopped within a row per worker, made " + p.calls.get() + " calls");
        assertEquals(0, grid.stride(), "a cancelled grid is not marked computed");
        assertTrue(Double.isNaN(grid.min()));

        // a token cancelled before the start does nothing at all
        p.calls.set(0);
        assertFalse(ProblemGrid.computeCoarse(p, grid, 4, Workers.of(pool, 2), token));
        assertEquals(0, p.calls.get());
    }

    @Test
    void aNewerRequestDropsTheOlderOne() throws Exception {
        CancelToken.Latest latest = new CancelToken.Latest();
        TestProblems.Counting slow = new TestProblems.Counting(TestProblems.rosenbrock());
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        slow.onCall = () -> {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        CancelToken first = latest.next();
        SurfaceGrid grid = new SurfaceGrid(new Bounds(-2, 2, -1, 3), 30, 30);
        Future<Boolean> older = pool.submit(() -> ProblemGrid.compute(slow, grid, Workers.callerOnly(), first));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        CancelToken second = latest.next();
        assertTrue(first.isCancelled());
        assertFalse(latest.isLatest(first));
        assertTrue(latest.isLatest(second));
        slow.onCall = () -> { };
        release.countDown();
        assertFalse(older.get(10, TimeUnit.SECONDS), "the older request reports cancelled");
        assertTrue(slow.calls.get() <= 30, "it stopped after its current row");
        SurfaceGrid fresh = new SurfaceGrid(new Bounds(-2, 2, -1, 3), 30, 30);
        assertTrue(ProblemGrid.compute(slow, fresh, Workers.of(pool, 2), second));
    }

    @Test
    void gradientFieldMatchesTheAnalyticGradientOnACentredLattice() {
        Problem p = TestProblems.quadratic(1.0, 2.0, 0.3, 0.2, -0.1);
        SurfaceGrid grid = new SurfaceGrid(new Bounds(-1, 1, -2, 2), 101, 51);
        int step = 8;
        int ax = GradientField.arrowsAlong(101, step);
        int ay = GradientField.arrowsAlong(51, step);
        assertEquals(13, ax);
        assertEquals(7, ay);
        assertEquals(2, GradientField.indexOf(0, 101, step), "margins 2 and 2");
        assertEquals(1, GradientField.indexOf(0, 51, step), "margins 1 and 2");
        double[] out = new double[GradientField.RECORD * ax * ay];
        assertTrue(GradientField.compute(p, grid, step, out, Workers.of(pool, 2), CancelToken.NONE));
        double[] g = new double[2];
        for (int kb = 0; kb < ay; kb++) {
            for (int ka = 0; ka < ax; ka++) {
                int r = GradientField.RECORD * (kb * ax + ka);
                double t1 = grid.theta1(GradientField.indexOf(ka, 101, step));
                double t2 = grid.theta2(GradientField.indexOf(kb, 51, step));
                p.gradient(t1, t2, g);
                assertArrayEquals(new double[] {t1, t2, g[0], g[1]}, java.util.Arrays.copyOfRange(out, r, r + 4), 0.0);
            }
        }
        assertTrue(GradientField.maxNorm(out, ax * ay) > 0.0);
    }
}
