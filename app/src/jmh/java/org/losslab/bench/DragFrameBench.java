package org.losslab.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.losslab.kernel.Loss;
import org.losslab.kernel.Losses;
import org.losslab.lesson.Datasets;
import org.losslab.problem.Bounds;
import org.losslab.surface.CancelToken;
import org.losslab.surface.Workers;
import org.losslab.ui.data.DataModel;
import org.losslab.ui.data.DataView;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One drag frame of the data view, everything the linked views need recomputed: a point moves, then the exact
 * MSE, MAE and Huber fits of all points, the selected loss's shares, pulls and residuals, and the MSE and MAE
 * surfaces (160 x 160 cells, on both cores) with their colour images and contour lines, exactly as
 * {@link DataView#compute} does it on the view's worker. Data: a seeded noisy line with 2% outliers.
 *
 * <pre>
 *   mvn -B -Pbench package -DskipTests
 *   java -jar target/benchmarks.jar DragFrameBench
 * </pre>
 * What the JavaFX thread then does with a result (copy the image, set the lines) is shown live by the app's
 * frame-time read-out (F3).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DragFrameBench {
    @Param({"1000", "10000"})
    public int points;

    private double[] x;
    private double[] y;
    private Map<String, Loss> losses;
    private Bounds bounds;
    private Workers workers;
    private int frame;

    @Setup
    public void setUp() {
        Datasets.XY d = Datasets.noisyLine(points, 0.8, 1.0, 0.8, points / 50, 42);
        x = d.x();
        y = d.y();
        losses = new LinkedHashMap<>();
        for (String id : List.of("mse", "mae", "huber")) {
            losses.put(id, Losses.get(id));
        }
        bounds = new Bounds(-0.5, 2.0, -4.0, 6.0);
        workers = Workers.commonPool();
    }

    @Benchmark
    public DataView.Result dragFrame() {
        // The dragged point goes up and down, as under a mouse.
        int i = points / 3;
        y[i] += (frame++ & 1) == 0 ? 0.5 : -0.5;
        DataModel.Snapshot s = new DataModel.Snapshot(x.clone(), y.clone(), new boolean[points]);
        return DataView.compute(s, losses, "mse", bounds, workers, CancelToken.NONE);
    }
}
