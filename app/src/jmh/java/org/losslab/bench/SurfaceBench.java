package org.losslab.bench;

import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.losslab.kernel.ElementwiseLoss;
import org.losslab.kernel.Losses;
import org.losslab.problem.Bounds;
import org.losslab.surface.CancelToken;
import org.losslab.surface.LinearRegressionGrid;
import org.losslab.surface.Penalty;
import org.losslab.surface.SurfaceGrid;
import org.losslab.surface.Workers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full linear-regression loss surface: 256 x 256 cells over 10,000 points, theta = (w, b) in
 * [-1, 4] x [-3, 2], data x ~ U(-3, 3), y = 1.5 x - 0.5 + N(0, 1) with 5% outliers of N(0, 20^2) added (seed 42;
 * app/src/jmh/python/surface_numpy.py draws the same distribution for the numpy peer).
 *
 * <ul>
 *   <li>{@code structured2}: {@link LinearRegressionGrid}'s exact structured path on both cores (caller + one
 *       pool thread);</li>
 *   <li>{@code structured1}: the same on the calling thread only;</li>
 *   <li>{@code cellByCell2} / {@code cellByCell1}: the plain loop, one {@code ElementwiseLoss.value} call per
 *       cell and point, on both cores / one core.</li>
 * </ul>
 * JMH forks a fresh JVM per loss, so the kernel call in the plain loop stays monomorphic (its best case).
 *
 * <pre>
 *   mvn -B -Pbench package -DskipTests
 *   java -jar target/benchmarks.jar SurfaceBench
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SurfaceBench {
    /** Number of data points. */
    public static final int POINTS = 10_000;
    /** Cells per axis. */
    public static final int CELLS = 256;

    @Param({"mse", "mae", "huber:delta=1", "quantile:tau=0.8"})
    public String loss;

    private ElementwiseLoss kernel;
    private LinearRegressionGrid data;
    private SurfaceGrid out;
    private ExecutorService pool;
    private Workers two;
    private Workers one;

    @Setup(Level.Trial)
    public void setUp() {
        Random rnd = new Random(42);
        double[] x = new double[POINTS];
        double[] y = new double[POINTS];
        for (int k = 0; k < POINTS; k++) {
            x[k] = -3.0 + 6.0 * rnd.nextDouble();
            y[k] = 1.5 * x[k] - 0.5 + rnd.nextGaussian();
            if (rnd.nextDouble() < 0.05) {
                y[k] += 20.0 * rnd.nextGaussian();
            }
        }
        kernel = (ElementwiseLoss) Losses.parse(loss);
        data = new LinearRegressionGrid(x, y);
        out = new SurfaceGrid(new Bounds(-1.0, 4.0, -3.0, 2.0), CELLS, CELLS);
        pool = Executors.newFixedThreadPool(1, r -> {
            Thread t = new Thread(r, "surface-bench");
            t.setDaemon(true);
            return t;
        });
        two = Workers.of(pool, 2);
        one = Workers.callerOnly();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdownNow();
    }

    @Benchmark
    public double structured2() {
        data.compute(kernel, Penalty.NONE, out, two, CancelToken.NONE);
        return out.min();
    }

    @Benchmark
    public double structured1() {
        data.compute(kernel, Penalty.NONE, out, one, CancelToken.NONE);
        return out.min();
    }

    @Benchmark
    public double cellByCell2() {
        data.computeCellByCell(kernel, Penalty.NONE, out, two, CancelToken.NONE);
        return out.min();
    }

    @Benchmark
    public double cellByCell1() {
        data.computeCellByCell(kernel, Penalty.NONE, out, one, CancelToken.NONE);
        return out.min();
    }
}
