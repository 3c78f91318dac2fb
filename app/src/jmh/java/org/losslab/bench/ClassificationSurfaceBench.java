package org.losslab.bench;

import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.losslab.kernel.ElementwiseLoss;
import org.losslab.kernel.Losses;
import org.losslab.problem.LogisticProblem;
import org.losslab.problem.Regularizer;
import org.losslab.surface.CancelToken;
import org.losslab.surface.LogisticGrid;
import org.losslab.surface.Penalty;
import org.losslab.surface.ProblemGrid;
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
 * One classification loss surface: 256 x 256 cells over 1,000 points, x ~ U(-3, 3), P(y = 1) =
 * sigmoid(1.5 x - 0.5) (seed 42), over the problem's default bounds (w in [-6/s, 6/s], b in
 * [-(6 + 6|m|/s), ...], what the surface view shows first). {@code bce} is the kernel on p = sigmoid(z) and
 * {@code mse} the regression kernel on sigmoid(z) (the "MSE vs BCE surfaces" lesson), both through the same
 * {@link LogisticProblem} constructor with these 0/1 labels.
 *
 * <ul>
 *   <li>{@code structured2} / {@code structured1}: {@link LogisticGrid}'s exact structured path on both cores
 *       (caller + one pool thread) / on the calling thread only, data sorted once in the setup;</li>
 *   <li>{@code coarse2}: the coarse frame of stride 8 (33 lattice columns, blocks copied) on both cores;</li>
 *   <li>{@code progressive2}: what the view runs per request, {@link ProblemGrid#computeProgressive} with stride 8
 *       (coarse frame then full frame, each from the problem, sorting included) on both cores;</li>
 *   <li>{@code generic2}: the generic path {@link ProblemGrid#compute}, one {@code LogisticProblem.value} per
 *       cell (N kernel calls each), rows across both cores.</li>
 * </ul>
 *
 * <pre>
 *   mvn -B -Pbench package -DskipTests
 *   java -jar target/benchmarks.jar ClassificationSurfaceBench -wi 3 -i 5 -f 1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ClassificationSurfaceBench {
    /** Number of data points. */
    public static final int POINTS = 1_000;
    /** Cells per axis. */
    public static final int CELLS = 256;
    /** Stride of the coarse frame. */
    public static final int COARSE = 8;

    @Param({"bce_logits", "hinge", "squared_hinge", "bce", "mse", "focal"})
    public String loss;

    private ElementwiseLoss kernel;
    private LogisticProblem problem;
    private LogisticGrid data;
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
            double p = 1.0 / (1.0 + Math.exp(-(1.5 * x[k] - 0.5)));
            y[k] = rnd.nextDouble() < p ? 1.0 : 0.0;
        }
        kernel = (ElementwiseLoss) Losses.parse(loss);
        problem = new LogisticProblem(x, y, kernel, Regularizer.NONE);
        data = LogisticGrid.of(problem);
        out = new SurfaceGrid(problem.defaultBounds(), CELLS, CELLS);
        pool = Executors.newFixedThreadPool(1, r -> {
            Thread t = new Thread(r, "classification-bench");
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
    public double coarse2() {
        data.computeCoarse(kernel, Penalty.NONE, out, COARSE, two, CancelToken.NONE);
        return out.min();
    }

    @Benchmark
    public double progressive2() {
        ProblemGrid.computeProgressive(problem, out, COARSE, two, CancelToken.NONE, null);
        return out.min();
    }

    @Benchmark
    public double generic2() {
        ProblemGrid.compute(problem, out, two, CancelToken.NONE);
        return out.min();
    }
}
