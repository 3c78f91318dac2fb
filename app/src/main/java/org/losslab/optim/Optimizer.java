package org.losslab.optim;

/**
 * One optimizer's state for a two-parameter run: it turns the gradient g at theta into an update of theta, in
 * place, by one of torch.optim's rules. The learning rate comes with each step, so a {@link Run} can change it
 * between steps without losing the state (momentum buffers, averages).
 *
 * <p>Every rule starts from the same two lines, as torch does:
 * <pre>
 *   t &lt;- t + 1                       (steps taken, counting this one; bias corrections use it)
 *   g &lt;- g + weight_decay theta      (torch's L2 weight decay; skipped when weight_decay = 0)
 * </pre>
 * Instances are mutable and not thread-safe; {@link #step} does not allocate.
 */
public abstract class Optimizer {
    private final OptimizerSpec spec;
    private final double weightDecay;
    private final double[] g = new double[2];
    private int t;

    protected Optimizer(OptimizerSpec spec) {
        this.spec = spec;
        this.weightDecay = spec.get("weight_decay");
    }

    /** The hyper-parameters. */
    public final OptimizerSpec spec() {
        return spec;
    }

    /** The number of steps taken since creation or {@link #reset()}. */
    public final int steps() {
        return t;
    }

    /**
     * Takes one step: theta &lt;- update(theta, gradient, lr).
     *
     * @param theta    {theta1, theta2}, updated in place
     * @param gradient the gradient at theta (or a mini-batch estimate of it); not modified
     * @param lr       the learning rate for this step
     */
    public final void step(double[] theta, double[] gradient, double lr) {
        t++;
        g[0] = gradient[0];
        g[1] = gradient[1];
        if (weightDecay != 0.0) {
            g[0] += weightDecay * theta[0];
            g[1] += weightDecay * theta[1];
        }
        update(theta, g, lr, t);
    }

    /** Forgets the state: the next step is step 1 again. */
    public final void reset() {
        t = 0;
        clearState();
    }

    /**
     * The rule proper.
     *
     * @param g the gradient with weight decay added; may be overwritten
     * @param t the step number, from 1
     */
    protected abstract void update(double[] theta, double[] g, double lr, int t);

    /** Zeroes the buffers. */
    protected abstract void clearState();

    /**
     * The state buffers by name, for read-outs: for example {"v1", "v2"} for momentum, {"m1", "m2", "v1", "v2"}
     * for Adam.
     */
    public abstract String[] stateNames();

    /** The current values of the state buffers, in the order of {@link #stateNames()}. */
    public abstract double[] state();

    @Override
    public String toString() {
        return spec.spec() + " after " + t + " steps";
    }
}
