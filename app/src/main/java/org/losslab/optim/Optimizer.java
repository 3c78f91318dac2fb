package org.losslab.optim;

/**
 * One optimizer's state for a run over n parameters (2 for a {@link Run}, any n for a {@link ModelRun}): it turns the gradient g at theta into an update of theta, in
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
    private final int dimension;
    private final double[] g;
    private int t;

    /**
     * @param dimension the number of parameters n, at least 1; the state buffers have this length
     */
    protected Optimizer(OptimizerSpec spec, int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("an optimizer needs at least one parameter (got " + dimension + ")");
        }
        this.spec = spec;
        this.dimension = dimension;
        this.g = new double[dimension];
        this.weightDecay = spec.get("weight_decay");
    }

    /** The number of parameters n it steps. */
    public final int dimension() {
        return dimension;
    }

    /** Names "prefix1" .. "prefixN" for n state buffers of one kind, for {@link #stateNames()}. */
    protected final String[] numbered(String... prefixes) {
        String[] names = new String[prefixes.length * dimension];
        for (int p = 0; p < prefixes.length; p++) {
            for (int i = 0; i < dimension; i++) {
                names[p * dimension + i] = prefixes[p] + (i + 1);
            }
        }
        return names;
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
     * @param theta    the n parameters, updated in place
     * @param gradient the gradient at theta (or a mini-batch estimate of it); not modified
     * @param lr       the learning rate for this step
     */
    public final void step(double[] theta, double[] gradient, double lr) {
        t++;
        for (int i = 0; i < dimension; i++) {
            g[i] = weightDecay != 0.0 ? gradient[i] + weightDecay * theta[i] : gradient[i];
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
     * The state buffers by name, for read-outs: one name per coordinate and buffer, numbered from 1; for two
     * parameters {"v1", "v2"} for momentum, {"m1", "m2", "v1", "v2"} for Adam.
     */
    public abstract String[] stateNames();

    /** The current values of the state buffers, in the order of {@link #stateNames()}. */
    public abstract double[] state();

    /** The arrays one after the other, for {@link #state()}. */
    protected static double[] concat(double[]... parts) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length;
        }
        double[] out = new double[n];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    @Override
    public String toString() {
        return spec.spec() + " after " + t + " steps";
    }
}
