package org.losslab.optim;

import java.util.Arrays;
import java.util.Objects;
import org.losslab.problem.Model;

/**
 * One descent of an optimizer on an n-parameter {@link Model}: the n-dimensional sibling of {@link Run}, with the
 * same step, the same stopping rules and the same messages.
 *
 * <h2>A step</h2>
 * <pre>
 *   lr_t  = schedule.rate(lr, t)                 t = steps completed; lr = the run's base rate (settable)
 *   theta_(t+1) = optimizer.step(theta_t, grad L(theta_t), lr_t)
 *   record (t + 1, theta_(t+1), L(theta_(t+1)), |grad L(theta_(t+1))|)
 * </pre>
 * The gradient of the last row is kept, so each step evaluates the model once.
 *
 * <h2>Stopping</h2>
 * <ul>
 *   <li>CONVERGED when |grad L| &lt; tolerance (default 1e-8; 0 never converges): "converged at step k
 *       (|∇| = ...)"; a start that already satisfies it converges at step 0.</li>
 *   <li>DIVERGED when, after step k, theta is not finite, the loss or gradient is not finite, max_i |theta_i|
 *       exceeds the theta bound or |loss| exceeds the loss bound: "diverged at step k: REASON" (REASON as in
 *       {@link Run}: "the loss is infinite", "θ is NaN", "the loss reached 1.2e13, beyond ±1e12", ...), followed
 *       for the gradient-descent family by the comparison of lr with the local stability limit 2/L at the start
 *       when the model has a Hessian. When the values of step k are not finite, theta goes back to step k-1 (the
 *       last recorded row); nothing non-finite is ever kept or recorded, and no blow-up throws.</li>
 * </ul>
 * Default bounds: loss 1e12 or a million times |L(start)| if that is larger; theta a million times
 * max(1, max_i |start_i|).
 *
 * <p>Not thread-safe: drive a run from one thread at a time.
 */
public final class ModelRun {
    private final Model model;
    private final int n;
    private final Optimizer optimizer;
    private final Schedule schedule;
    private final double lossBound;
    private final double thetaBound;
    private final double[] start;
    private double learningRate;
    private double tolerance;

    private final double[] theta;
    private final double[] grad;
    private final double[] next;
    private final double[] previous;
    private double loss;
    private double gradNorm;
    private double lastRate = Double.NaN;
    private int steps;
    private RunStatus status = RunStatus.RUNNING;
    private String message = "";

    private double[] losses = new double[64];
    private double[] gradNorms = new double[64];
    private double[] thetas;
    private int rows;

    private ModelRun(Builder b) {
        this.model = b.model;
        this.n = model.dimension();
        this.optimizer = b.optimizer.create(n);
        this.schedule = b.schedule;
        this.learningRate = b.learningRate;
        this.tolerance = b.tolerance;
        double[] s = b.start != null ? b.start : model.defaultStart();
        if (s.length != n) {
            throw new IllegalArgumentException("the start needs " + n + " numbers, one per parameter (got "
                    + s.length + ")");
        }
        this.start = s.clone();
        this.theta = s.clone();
        this.grad = new double[n];
        this.next = new double[n];
        this.previous = new double[n];
        this.thetas = new double[64 * n];
        loss = model.gradient(theta, grad);
        gradNorm = norm(grad);
        if (!Double.isFinite(loss) || !Double.isFinite(gradNorm)) {
            throw new IllegalArgumentException("the loss or its gradient is not finite at the start "
                    + Arrays.toString(start));
        }
        this.lossBound = !Double.isNaN(b.lossBound) ? b.lossBound
                : Math.max(Run.DEFAULT_LOSS_BOUND, 1e6 * Math.abs(loss));
        this.thetaBound = !Double.isNaN(b.thetaBound) ? b.thetaBound
                : Run.THETA_BOUND_FACTOR * Math.max(1.0, maxAbs(start));
        record();
        checkConverged();
    }

    /** A builder for a run of {@code optimizer} on {@code model}. */
    public static Builder builder(Model model, OptimizerSpec optimizer) {
        return new Builder(model, optimizer);
    }

    /** Settings of a run; every one has a default. */
    public static final class Builder {
        private final Model model;
        private final OptimizerSpec optimizer;
        private double learningRate;
        private Schedule schedule = Schedule.constant();
        private double[] start;
        private double tolerance = Run.DEFAULT_TOLERANCE;
        private double lossBound = Double.NaN;
        private double thetaBound = Double.NaN;

        private Builder(Model model, OptimizerSpec optimizer) {
            this.model = Objects.requireNonNull(model, "model");
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            this.learningRate = optimizer.learningRate();
        }

        /** The base learning rate (default: the spec's lr, torch's default for the optimizer). */
        public Builder learningRate(double lr) {
            checkRate(lr);
            this.learningRate = lr;
            return this;
        }

        /** The schedule (default constant). */
        public Builder schedule(Schedule s) {
            this.schedule = Objects.requireNonNull(s, "schedule");
            return this;
        }

        /** The start, one finite number per parameter (default: the model's). */
        public Builder start(double[] theta) {
            for (double v : theta) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("the start must be finite numbers (got "
                            + Arrays.toString(theta) + ")");
                }
            }
            this.start = theta.clone();
            return this;
        }

        /** Converge when |grad| &lt; tolerance (default 1e-8; 0 never converges). */
        public Builder tolerance(double tol) {
            checkTolerance(tol);
            this.tolerance = tol;
            return this;
        }

        /** Diverge when |loss| exceeds this (default: see {@link ModelRun}). */
        public Builder lossBound(double bound) {
            if (!(bound > 0)) {
                throw new IllegalArgumentException("the loss bound must be > 0 (got " + bound + ")");
            }
            this.lossBound = bound;
            return this;
        }

        /** Diverge when max_i |theta_i| exceeds this (default: see {@link ModelRun}). */
        public Builder thetaBound(double bound) {
            if (!(bound > 0)) {
                throw new IllegalArgumentException("the theta bound must be > 0 (got " + bound + ")");
            }
            this.thetaBound = bound;
            return this;
        }

        /**
         * The run, at step 0.
         *
         * @throws IllegalArgumentException when the start has the wrong length, or the loss or gradient is not
         *                                  finite there
         */
        public ModelRun build() {
            return new ModelRun(this);
        }
    }

    private static void checkRate(double lr) {
        if (!(lr >= 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("the learning rate must be a finite number >= 0 (got " + lr + ")");
        }
    }

    private static void checkTolerance(double tol) {
        if (!(tol >= 0) || !Double.isFinite(tol)) {
            throw new IllegalArgumentException("the tolerance must be a finite number >= 0 (got " + tol + ")");
        }
    }

    /** The Euclidean norm, scaled by the largest |v_i| so that squares cannot overflow (as Math.hypot). */
    private static double norm(double[] v) {
        double m = 0.0;
        for (double d : v) {
            if (Double.isNaN(d)) {
                return Double.NaN;
            }
            m = Math.max(m, Math.abs(d));
        }
        if (m == 0.0 || Double.isInfinite(m)) {
            return m;
        }
        double s = 0.0;
        for (double d : v) {
            double r = d / m;
            s += r * r;
        }
        return m * Math.sqrt(s);
    }

    private static double maxAbs(double[] v) {
        double m = 0.0;
        for (double d : v) {
            m = Math.max(m, Math.abs(d));
        }
        return m;
    }

    private static boolean allFinite(double[] v) {
        for (double d : v) {
            if (!Double.isFinite(d)) {
                return false;
            }
        }
        return true;
    }

    private void record() {
        if (rows == losses.length) {
            losses = Arrays.copyOf(losses, rows * 2);
            gradNorms = Arrays.copyOf(gradNorms, rows * 2);
            thetas = Arrays.copyOf(thetas, rows * 2 * n);
        }
        losses[rows] = loss;
        gradNorms[rows] = gradNorm;
        System.arraycopy(theta, 0, thetas, rows * n, n);
        rows++;
    }

    /**
     * Takes one step unless the run has stopped.
     *
     * @return whether a step was taken (false once CONVERGED or DIVERGED)
     */
    public boolean step() {
        if (status != RunStatus.RUNNING) {
            return false;
        }
        double rate = schedule.rate(learningRate, steps);
        lastRate = rate;
        System.arraycopy(theta, 0, previous, 0, n);
        optimizer.step(theta, grad, rate);
        steps++;
        String reason;
        double newLoss = Double.NaN;
        double newNorm = Double.NaN;
        boolean thetaFinite = allFinite(theta);
        if (!thetaFinite) {
            boolean nan = false;
            for (double d : theta) {
                nan |= Double.isNaN(d);
            }
            reason = "θ is " + (nan ? "NaN" : "infinite");
        } else {
            newLoss = model.gradient(theta, next);
            newNorm = norm(next);
            reason = divergence(newLoss, newNorm);
        }
        if (thetaFinite && Double.isFinite(newLoss) && Double.isFinite(newNorm)) {
            loss = newLoss;
            gradNorm = newNorm;
            System.arraycopy(next, 0, grad, 0, n);
            record();
        } else {
            System.arraycopy(previous, 0, theta, 0, n);
        }
        if (reason != null) {
            status = RunStatus.DIVERGED;
            message = "diverged at step " + steps + ": " + reason + hint(rate);
        } else {
            checkConverged();
        }
        return true;
    }

    /**
     * Takes up to {@code count} steps, fewer if the run stops.
     *
     * @return the number of steps taken
     */
    public int run(int count) {
        int taken = 0;
        while (taken < count && step()) {
            taken++;
        }
        return taken;
    }

    private String divergence(double l, double norm) {
        return StopRules.divergence(l, norm, maxAbs(theta), thetaBound, lossBound);
    }

    /** For the gradient-descent family: lr against the local limit 2/L at the start, when above it. */
    private String hint(double rate) {
        OptimizerSpec spec = optimizer.spec();
        if (!spec.kind().isGradientDescent()) {
            return "";
        }
        double[] h = new double[n * n];
        if (!model.hessian(start, h)) {
            return "";
        }
        double lambda = largestEigenvalue(h, n);
        if (!(lambda > 0) || !Double.isFinite(lambda)) {
            return "";
        }
        double limit = Curvature.limitFor(spec, lambda);
        return rate > limit ? "; learning rate " + Format.num(rate) + " is above the local stability limit "
                + Curvature.limitFormula(spec) + " = " + Format.num(limit) + " at the start" : "";
    }

    /**
     * The largest eigenvalue of a symmetric n-by-n matrix by power iteration on h + c I, shifted by
     * c = max row sum of |h| (a bound on every |eigenvalue|, by Gershgorin), so the shifted matrix is positive
     * semi-definite and its dominant eigenvalue is lambda_max + c.
     */
    static double largestEigenvalue(double[] h, int n) {
        double c = 0.0;
        for (int r = 0; r < n; r++) {
            double s = 0.0;
            for (int k = 0; k < n; k++) {
                s += Math.abs(h[r * n + k]);
            }
            c = Math.max(c, s);
        }
        if (c == 0.0) {
            return 0.0;
        }
        double[] v = new double[n];
        double[] w = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = 1.0 + 0.1 * k;
        }
        double lambda = 0.0;
        for (int it = 0; it < 500; it++) {
            double len = norm(v);
            for (int k = 0; k < n; k++) {
                v[k] /= len;
            }
            double rayleigh = 0.0;
            for (int r = 0; r < n; r++) {
                double s = c * v[r];
                for (int k = 0; k < n; k++) {
                    s += h[r * n + k] * v[k];
                }
                w[r] = s;
                rayleigh += v[r] * s;
            }
            double[] t = v;
            v = w;
            w = t;
            if (Math.abs(rayleigh - lambda) <= 1e-12 * Math.abs(rayleigh)) {
                lambda = rayleigh;
                break;
            }
            lambda = rayleigh;
        }
        return lambda - c;
    }

    private void checkConverged() {
        if (status == RunStatus.RUNNING && gradNorm < tolerance) {
            status = RunStatus.CONVERGED;
            message = StopRules.converged(steps, gradNorm);
        }
    }

    public Model model() {
        return model;
    }

    /** The optimizer, with its state (read-only use, please: stepping it directly desynchronises the run). */
    public Optimizer optimizer() {
        return optimizer;
    }

    public Schedule schedule() {
        return schedule;
    }

    public RunStatus status() {
        return status;
    }

    /** Whether the run can still step. */
    public boolean isRunning() {
        return status == RunStatus.RUNNING;
    }

    /** "converged at step k (...)", "diverged at step k: ...", or empty while running. */
    public String message() {
        return message;
    }

    /** Steps taken (a diverged step counts even when it was not recorded). */
    public int steps() {
        return steps;
    }

    /** The current parameters (a copy). */
    public double[] theta() {
        return theta.clone();
    }

    /** The loss at the current theta. */
    public double loss() {
        return loss;
    }

    /** The norm of the gradient at the current theta. */
    public double gradNorm() {
        return gradNorm;
    }

    /** The gradient at the current theta (a copy). */
    public double[] gradient() {
        return grad.clone();
    }

    /** The number of recorded rows: the start and every step whose values were finite. */
    public int rows() {
        return rows;
    }

    /** The loss of every recorded row, row 0 the start (a copy, for a loss chart). */
    public double[] losses() {
        return Arrays.copyOf(losses, rows);
    }

    /** The gradient norm of every recorded row (a copy). */
    public double[] gradNorms() {
        return Arrays.copyOf(gradNorms, rows);
    }

    /** The parameters of recorded row {@code row} (a copy). */
    public double[] thetaAt(int row) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " of " + rows);
        }
        return Arrays.copyOfRange(thetas, row * n, row * n + n);
    }

    /** The base learning rate. */
    public double learningRate() {
        return learningRate;
    }

    /** Changes the base learning rate from the next step on; the optimizer's state is kept. */
    public void setLearningRate(double lr) {
        checkRate(lr);
        this.learningRate = lr;
    }

    /** The rate the next step will use: schedule.rate(lr, steps). */
    public double nextLearningRate() {
        return schedule.rate(learningRate, steps);
    }

    /** The rate the last step used; NaN before the first step. */
    public double lastLearningRate() {
        return lastRate;
    }

    public double tolerance() {
        return tolerance;
    }

    /** Changes the tolerance; a running run whose gradient is already below it converges at once. */
    public void setTolerance(double tol) {
        checkTolerance(tol);
        this.tolerance = tol;
        checkConverged();
    }

    public double lossBound() {
        return lossBound;
    }

    public double thetaBound() {
        return thetaBound;
    }
}
