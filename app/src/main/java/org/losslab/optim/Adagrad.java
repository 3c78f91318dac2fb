package org.losslab.optim;

/**
 * torch.optim.Adagrad. Per coordinate, after weight decay, with the running sum s of squared gradients
 * (starting at initial_accumulator_value):
 * <pre>
 *   clr &lt;- lr / (1 + (t - 1) lr_decay)
 *   s   &lt;- s + g^2
 *   theta &lt;- theta - clr g / (sqrt(s) + eps)
 * </pre>
 * Defaults lr 0.01, lr_decay 0, initial_accumulator_value 0, eps 1e-10. The first step moves each coordinate by
 * about lr (g / |g|); later steps shrink as s grows.
 */
final class Adagrad extends Optimizer {
    private final double lrDecay;
    private final double initial;
    private final double eps;
    private final double[] s;

    Adagrad(OptimizerSpec spec, int dimension) {
        super(spec, dimension);
        this.s = new double[dimension];
        this.lrDecay = spec.get("lr_decay");
        this.initial = spec.get("initial_accumulator_value");
        this.eps = spec.get("eps");
        clearState();
    }

    @Override
    protected void update(double[] theta, double[] g, double lr, int t) {
        double clr = lr / (1.0 + (t - 1) * lrDecay);
        for (int i = 0; i < s.length; i++) {
            s[i] += g[i] * g[i];
            theta[i] -= clr * g[i] / (Math.sqrt(s[i]) + eps);
        }
    }

    @Override
    protected void clearState() {
        java.util.Arrays.fill(s, initial);
    }

    @Override
    public String[] stateNames() {
        return numbered("sum");
    }

    @Override
    public double[] state() {
        return s.clone();
    }
}
