package org.losslab.optim;

import java.util.Objects;
import org.losslab.problem.DataProblem;
import org.losslab.problem.Problem;

/**
 * One descent on a problem: theta, the optimizer's state, the step count and the trajectory, advanced one step
 * at a time (the app animates it) or many at once.
 *
 * <h2>A step</h2>
 * <pre>
 *   lr_t  = schedule.rate(lr, t)                 t = steps completed; lr = the run's base rate (settable)
 *   g     = grad L(theta_t)                      or, with mini-batches, grad L_B(theta_t) for the next batch B
 *   theta_(t+1) = optimizer.step(theta_t, g, lr_t)
 *   record (t + 1, theta_(t+1), L(theta_(t+1)), |grad L(theta_(t+1))|)
 * </pre>
 * The recorded loss and gradient norm are always full-data values (for mini-batch runs too), and the full
 * gradient of the last row is kept, so full-batch steps evaluate the problem once per step.
 *
 * <h2>Stopping</h2>
 * <ul>
 *   <li>CONVERGED when |grad L| &lt; tolerance (default 1e-8; 0 never converges): "converged at step k
 *       (|∇| = ...)". A start that already satisfies it converges at step 0.</li>
 *   <li>DIVERGED when, after step k, theta is not finite, the loss or gradient is not finite, max(|theta1|,
 *       |theta2|) exceeds the theta bound or |loss| exceeds the loss bound: "diverged at step k: REASON", where
 *       REASON says what happened and, for the gradient-descent family, compares lr with the stability limit
 *       (2/L, or its momentum form) of a quadratic problem, or the local one at the start otherwise. When the
 *       values of step k are finite the step is recorded; otherwise theta goes back to step k-1, the last row,
 *       and the message still names step k. Nothing non-finite is ever recorded, and no blow-up throws.</li>
 * </ul>
 * Default bounds: loss 1e12 or a million times |L(start)| if that is larger; theta a million times the larger of
 * the problem's view scale ({@link org.losslab.problem.Bounds#maxAbs()}, at least 1) and |start|.
 *
 * <p>Not thread-safe: drive a run from one thread at a time.
 */
public final class Run {
    /** The default gradient-norm tolerance for convergence. */
    public static final double DEFAULT_TOLERANCE = 1e-8;
    /** The smallest default bound on |loss|. */
    public static final double DEFAULT_LOSS_BOUND = 1e12;
    /** The default theta bound is this times the problem's scale. */
    public static final double THETA_BOUND_FACTOR = 1e6;

    private final Problem problem;
    private final DataProblem data;
    private final Optimizer optimizer;
    private final Schedule schedule;
    private final MiniBatches batches;
    private final double lossBound;
    private final double thetaBound;
    private final double startTheta1;
    private final double startTheta2;
    private double learningRate;
    private double tolerance;

    private final double[] theta = new double[2];
    private final double[] grad = new double[2];
    private final double[] next = new double[2];
    private final double[] batchGrad = new double[2];
    private double loss;
    private double gradNorm;
    private double lastRate = Double.NaN;
    private int steps;
    private RunStatus status = RunStatus.RUNNING;
    private String message = "";
    private final Trajectory trajectory = new Trajectory(64);

    private Run(Builder b) {
        this.problem = b.problem;
        this.data = b.batchSize > 0 ? (DataProblem) b.problem : null;
        this.optimizer = b.optimizer.create();
        this.schedule = b.schedule;
        this.learningRate = b.learningRate;
        this.tolerance = b.tolerance;
        double[] start = b.start != null ? b.start : problem.defaultStart();
        this.startTheta1 = start[0];
        this.startTheta2 = start[1];
        theta[0] = start[0];
        theta[1] = start[1];
        loss = problem.gradient(theta[0], theta[1], grad);
        gradNorm = Math.hypot(grad[0], grad[1]);
        if (!Double.isFinite(loss) || !Double.isFinite(gradNorm)) {
            throw new IllegalArgumentException("the loss or its gradient is not finite at the start ("
                    + start[0] + ", " + start[1] + ")");
        }
        this.lossBound = !Double.isNaN(b.lossBound) ? b.lossBound
                : Math.max(DEFAULT_LOSS_BOUND, 1e6 * Math.abs(loss));
        this.thetaBound = !Double.isNaN(b.thetaBound) ? b.thetaBound
                : THETA_BOUND_FACTOR * Math.max(Math.max(1.0, problem.defaultBounds().maxAbs()),
                Math.max(Math.abs(start[0]), Math.abs(start[1])));
        this.batches = data != null && b.batchSize < data.size() ? new MiniBatches(data.size(), b.batchSize, b.seed)
                : null;
        trajectory.add(theta[0], theta[1], loss, gradNorm);
        checkConverged();
    }

    /** A builder for a run of {@code optimizer} on {@code problem}. */
    public static Builder builder(Problem problem, OptimizerSpec optimizer) {
        return new Builder(problem, optimizer);
    }

    /** Settings of a run; every one has a default. */
    public static final class Builder {
        private final Problem problem;
        private final OptimizerSpec optimizer;
        private double learningRate;
        private Schedule schedule = Schedule.constant();
        private double[] start;
        private int batchSize;
        private long seed;
        private double tolerance = DEFAULT_TOLERANCE;
        private double lossBound = Double.NaN;
        private double thetaBound = Double.NaN;

        private Builder(Problem problem, OptimizerSpec optimizer) {
            this.problem = Objects.requireNonNull(problem, "problem");
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            this.learningRate = optimizer.learningRate();
        }

        /** The base learning rate (default: the spec's lr, torch's default for the optimizer). */
        public Builder learningRate(double lr) {
            if (!(lr >= 0) || !Double.isFinite(lr)) {
                throw new IllegalArgumentException("the learning rate must be a finite number >= 0 (got " + lr + ")");
            }
            this.learningRate = lr;
            return this;
        }

        /** The schedule (default constant). */
        public Builder schedule(Schedule s) {
            this.schedule = Objects.requireNonNull(s, "schedule");
            return this;
        }

        /** The start (default: the problem's). */
        public Builder start(double theta1, double theta2) {
            if (!Double.isFinite(theta1) || !Double.isFinite(theta2)) {
                throw new IllegalArgumentException("the start must be two finite numbers (got " + theta1 + ", "
                        + theta2 + ")");
            }
            this.start = new double[] {theta1, theta2};
            return this;
        }

        /**
         * Mini-batches of this many points per step, for data problems (default 0: the full gradient). A size of
         * n or more also uses the full gradient, exactly.
         */
        public Builder batchSize(int size) {
            if (size < 0) {
                throw new IllegalArgumentException("the batch size must be >= 1 (got " + size + ")");
            }
            if (size > 0 && !(problem instanceof DataProblem)) {
                throw new IllegalArgumentException("mini-batches need a data problem (linreg, logreg); "
                        + problem.id() + " has no data points");
            }
            this.batchSize = size;
            return this;
        }

        /** The seed of the mini-batch shuffle (default 0). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Converge when |grad| &lt; tolerance (default 1e-8; 0 never converges). */
        public Builder tolerance(double tol) {
            if (!(tol >= 0) || !Double.isFinite(tol)) {
                throw new IllegalArgumentException("the tolerance must be a finite number >= 0 (got " + tol + ")");
            }
            this.tolerance = tol;
            return this;
        }

        /** Diverge when |loss| exceeds this (default: see {@link Run}). */
        public Builder lossBound(double bound) {
            if (!(bound > 0)) {
                throw new IllegalArgumentException("the loss bound must be > 0 (got " + bound + ")");
            }
            this.lossBound = bound;
            return this;
        }

        /** Diverge when max(|theta1|, |theta2|) exceeds this (default: see {@link Run}). */
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
         * @throws IllegalArgumentException when the loss or gradient is not finite at the start
         */
        public Run build() {
            return new Run(this);
        }
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
        double[] g = grad;
        if (batches != null) {
            batches.next();
            data.batchGradient(theta[0], theta[1], batches.indices(), batches.from(), batches.to(), batchGrad);
            g = batchGrad;
        }
        double prev1 = theta[0];
        double prev2 = theta[1];
        optimizer.step(theta, g, rate);
        steps++;
        String reason;
        double newLoss = Double.NaN;
        double newNorm = Double.NaN;
        if (!Double.isFinite(theta[0]) || !Double.isFinite(theta[1])) {
            reason = "θ is " + (Double.isNaN(theta[0]) || Double.isNaN(theta[1]) ? "NaN" : "infinite");
        } else {
            newLoss = problem.gradient(theta[0], theta[1], next);
            newNorm = Math.hypot(next[0], next[1]);
            reason = divergence(newLoss, newNorm);
        }
        boolean finite = Double.isFinite(theta[0]) && Double.isFinite(theta[1]) && Double.isFinite(newLoss)
                && Double.isFinite(newNorm);
        if (finite) {
            loss = newLoss;
            gradNorm = newNorm;
            grad[0] = next[0];
            grad[1] = next[1];
            trajectory.add(theta[0], theta[1], loss, gradNorm);
        } else {
            theta[0] = prev1;
            theta[1] = prev2;
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
     * Takes up to {@code n} steps, fewer if the run stops.
     *
     * @return the number of steps taken
     */
    public int run(int n) {
        int taken = 0;
        while (taken < n && step()) {
            taken++;
        }
        return taken;
    }

    private String divergence(double l, double norm) {
        return StopRules.divergence(l, norm, Math.max(Math.abs(theta[0]), Math.abs(theta[1])), thetaBound, lossBound);
    }

    /** The stability comparison appended to a divergence message; empty when there is nothing to say. */
    private String hint(double rate) {
        OptimizerSpec spec = optimizer.spec();
        String lr = "learning rate " + Format.num(rate);
        String formula = Curvature.limitFormula(spec);
        String mu = momentumText(spec);
        if (problem.isQuadratic()) {
            double[] e = Curvature.eigenvaluesAt(problem, theta[0], theta[1]);
            if (e == null) {
                return "";
            }
            if (e[0] < 0) {
                return "; the Hessian has a negative eigenvalue (" + Format.num(e[0])
                        + "), so the loss is unbounded below along it";
            }
            if (!spec.kind().isGradientDescent()) {
                return "; " + lr + " (for plain gradient descent the stability limit is 2/L = "
                        + Format.num(Curvature.stabilityLimit(e[1])) + ")";
            }
            double limit = Curvature.limitFor(spec, e[1]);
            return "; " + lr + " is " + (rate > limit ? "above" : "below") + " the stability limit " + formula
                    + " = " + Format.num(limit) + mu;
        }
        if (!spec.kind().isGradientDescent()) {
            return "";
        }
        double[] e = Curvature.eigenvaluesAt(problem, startTheta1, startTheta2);
        if (e == null || !(e[1] > 0)) {
            return "";
        }
        double limit = Curvature.limitFor(spec, e[1]);
        return rate > limit ? "; " + lr + " is above the local stability limit " + formula + " = "
                + Format.num(limit) + mu + " at the start" : "";
    }

    private static String momentumText(OptimizerSpec spec) {
        switch (spec.kind()) {
            case MOMENTUM:
            case NESTEROV:
                return " (μ = " + Format.num(spec.get("momentum")) + ")";
            default:
                return "";
        }
    }

    private void checkConverged() {
        if (status == RunStatus.RUNNING && gradNorm < tolerance) {
            status = RunStatus.CONVERGED;
            message = StopRules.converged(steps, gradNorm);
        }
    }

    public Problem problem() {
        return problem;
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

    public double theta1() {
        return theta[0];
    }

    public double theta2() {
        return theta[1];
    }

    /** The full loss at the current theta. */
    public double loss() {
        return loss;
    }

    /** The norm of the full gradient at the current theta. */
    public double gradNorm() {
        return gradNorm;
    }

    /** The full gradient at the current theta, copied. */
    public double[] gradient() {
        return grad.clone();
    }

    /** The rows so far (live: it grows as the run steps). */
    public Trajectory trajectory() {
        return trajectory;
    }

    /** The base learning rate. */
    public double learningRate() {
        return learningRate;
    }

    /** Changes the base learning rate from the next step on; the optimizer's state is kept. */
    public void setLearningRate(double lr) {
        if (!(lr >= 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("the learning rate must be a finite number >= 0 (got " + lr + ")");
        }
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
        if (!(tol >= 0) || !Double.isFinite(tol)) {
            throw new IllegalArgumentException("the tolerance must be a finite number >= 0 (got " + tol + ")");
        }
        this.tolerance = tol;
        checkConverged();
    }

    /** The bound on |loss| beyond which the run diverges. */
    public double lossBound() {
        return lossBound;
    }

    /** The bound on max(|theta1|, |theta2|) beyond which the run diverges. */
    public double thetaBound() {
        return thetaBound;
    }
}
