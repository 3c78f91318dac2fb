package org.losslab.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.losslab.problem.Problem;

/**
 * A learning-rate sweep: the same run (problem, optimizer, schedule, start, mini-batches) repeated at
 * {@code count} log-spaced rates
 * <pre>
 *   lr_i = lo (hi / lo)^(i / (count - 1)),   i = 0 .. count - 1
 * </pre>
 * for K steps each, recording the final loss, whether it diverged and how many steps it took. The classic picture:
 * the loss falls as lr grows, then blows up past the stability limit.
 *
 * <p>No threads inside: the caller runs {@link #run} on a worker, reads progress through the callback and stops it
 * through the cancellation flag, which is polled between rates and every {@value #POLL_STEPS} steps. Settings
 * are chosen with the fluent setters before {@link #run}.
 */
public final class LearningRateSweep {
    /** How many steps run between two polls of the cancellation flag. */
    public static final int POLL_STEPS = 256;
    /** The default number of rates. */
    public static final int DEFAULT_COUNT = 40;

    /** Told after each rate: {@code done} of {@code total} rates finished. */
    @FunctionalInterface
    public interface Progress {
        void update(int done, int total);
    }

    /**
     * One rate's outcome.
     *
     * @param learningRate the base rate
     * @param finalLoss    the loss of the last recorded row (finite; for a diverged run, the last finite value)
     * @param status       RUNNING when all K steps ran, CONVERGED or DIVERGED when it stopped early
     * @param steps        steps taken
     * @param message      the run's message (empty when it ran all K steps)
     */
    public record Point(double learningRate, double finalLoss, RunStatus status, int steps, String message) {
        /** Whether this rate diverged. */
        public boolean diverged() {
            return status == RunStatus.DIVERGED;
        }
    }

    /**
     * The outcome of a sweep.
     *
     * @param points    one per rate finished, in increasing order of rate
     * @param cancelled whether the sweep was cancelled before the last rate
     */
    public record Result(List<Point> points, boolean cancelled) {
        public Result {
            points = List.copyOf(points);
        }

        /** The index of the lowest final loss among rates that did not diverge, or -1. */
        public int bestIndex() {
            int best = -1;
            for (int i = 0; i < points.size(); i++) {
                Point p = points.get(i);
                if (!p.diverged() && (best < 0 || p.finalLoss() < points.get(best).finalLoss())) {
                    best = i;
                }
            }
            return best;
        }

        /** The smallest rate that diverged, or NaN if none did. */
        public double firstDivergentRate() {
            for (Point p : points) {
                if (p.diverged()) {
                    return p.learningRate();
                }
            }
            return Double.NaN;
        }
    }

    private final Problem problem;
    private final OptimizerSpec optimizer;
    private Schedule schedule = Schedule.constant();
    private double[] start;
    private int steps = 100;
    private double lo = 1e-4;
    private double hi = 1.0;
    private int count = DEFAULT_COUNT;
    private int batchSize;
    private long seed;
    private double tolerance = Run.DEFAULT_TOLERANCE;

    /** A sweep of {@code optimizer} on {@code problem}: 100 steps at 40 rates from 1e-4 to 1 unless changed. */
    public LearningRateSweep(Problem problem, OptimizerSpec optimizer) {
        this.problem = Objects.requireNonNull(problem, "problem");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    }

    public LearningRateSweep schedule(Schedule s) {
        this.schedule = Objects.requireNonNull(s, "schedule");
        return this;
    }

    /** The start of every run (default: the problem's). */
    public LearningRateSweep start(double theta1, double theta2) {
        this.start = new double[] {theta1, theta2};
        return this;
    }

    /** K, the steps per rate (at least 1). */
    public LearningRateSweep steps(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("a sweep needs at least 1 step per rate (got " + k + ")");
        }
        this.steps = k;
        return this;
    }

    /** The rates: {@code count} (at least 2) log-spaced from {@code low} to {@code high}, 0 &lt; low &lt; high. */
    public LearningRateSweep rates(double low, double high, int n) {
        logSpaced(low, high, n);
        this.lo = low;
        this.hi = high;
        this.count = n;
        return this;
    }

    /** Mini-batches for data problems (0, the default, for the full gradient) and their seed. */
    public LearningRateSweep batches(int size, long s) {
        this.batchSize = size;
        this.seed = s;
        return this;
    }

    /** The convergence tolerance of each run (default 1e-8). */
    public LearningRateSweep tolerance(double tol) {
        this.tolerance = tol;
        return this;
    }

    /**
     * {@code n} log-spaced values from {@code low} to {@code high} inclusive: low (high/low)^(i/(n-1)).
     *
     * @throws IllegalArgumentException unless 0 &lt; low &lt; high (finite) and n &gt;= 2
     */
    public static double[] logSpaced(double low, double high, int n) {
        if (!(low > 0) || !(high > low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("a sweep needs 0 < low < high (got " + low + ", " + high + ")");
        }
        if (n < 2) {
            throw new IllegalArgumentException("a sweep needs at least 2 rates (got " + n + ")");
        }
        double[] out = new double[n];
        double logLo = Math.log(low);
        double span = Math.log(high) - logLo;
        for (int i = 0; i < n; i++) {
            out[i] = Math.exp(logLo + span * i / (n - 1));
        }
        out[0] = low;
        out[n - 1] = high;
        return out;
    }

    /**
     * Runs the sweep on the calling thread.
     *
     * @param progress  told after each rate, or null
     * @param cancelled polled between rates and every {@value #POLL_STEPS} steps; true stops the sweep, or null
     * @return the points of the rates finished (a rate interrupted by cancellation is left out)
     */
    public Result run(Progress progress, BooleanSupplier cancelled) {
        double[] rates = logSpaced(lo, hi, count);
        List<Point> points = new ArrayList<>(count);
        for (int i = 0; i < rates.length; i++) {
            if (cancelled != null && cancelled.getAsBoolean()) {
                return new Result(points, true);
            }
            Run.Builder b = Run.builder(problem, optimizer).learningRate(rates[i]).schedule(schedule)
                    .batchSize(batchSize).seed(seed).tolerance(tolerance);
            if (start != null) {
                b.start(start[0], start[1]);
            }
            Run run = b.build();
            int done = 0;
            while (done < steps && run.isRunning()) {
                done += run.run(Math.min(POLL_STEPS, steps - done));
                if (done < steps && run.isRunning() && cancelled != null && cancelled.getAsBoolean()) {
                    return new Result(points, true);
                }
            }
            points.add(new Point(rates[i], run.loss(), run.status(), run.steps(), run.message()));
            if (progress != null) {
                progress.update(i + 1, rates.length);
            }
        }
        return new Result(points, false);
    }
}
