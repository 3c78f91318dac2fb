package org.losslab.optim;

/**
 * torch.optim.SGD: plain, with momentum (heavy ball) or with Nesterov momentum. Per coordinate, after weight
 * decay, with momentum mu, dampening tau and the momentum buffer b:
 * <pre>
 *   if mu = 0:   theta &lt;- theta - lr g
 *   else:        b &lt;- g                             on the first step (t = 1: torch starts the buffer at g)
 *                b &lt;- mu b + (1 - tau) g             afterwards
 *                d &lt;- g + mu b   (nesterov)   or   d &lt;- b
 *                theta &lt;- theta - lr d
 * </pre>
 * On a quadratic with largest curvature L, plain GD is stable for lr &lt; 2/L, heavy ball for
 * lr &lt; 2(1 + mu)/((1 - tau) L) and torch's Nesterov for lr &lt; 2(1 + mu)/((1 + 2 mu) L) (see {@link Curvature}).
 */
final class Sgd extends Optimizer {
    private final double mu;
    private final double dampening;
    private final boolean nesterov;
    private final double[] b;

    Sgd(OptimizerSpec spec, int dimension, double mu, double dampening, boolean nesterov) {
        super(spec, dimension);
        this.b = new double[dimension];
        this.mu = mu;
        this.dampening = dampening;
        this.nesterov = nesterov;
    }

    @Override
    protected void update(double[] theta, double[] g, double lr, int t) {
        for (int i = 0; i < b.length; i++) {
            double d = g[i];
            if (mu != 0.0) {
                b[i] = t == 1 ? d : mu * b[i] + (1.0 - dampening) * d;
                d = nesterov ? d + mu * b[i] : b[i];
            }
            theta[i] -= lr * d;
        }
    }

    @Override
    protected void clearState() {
        java.util.Arrays.fill(b, 0.0);
    }

    @Override
    public String[] stateNames() {
        return mu == 0.0 ? new String[0] : numbered("v");
    }

    @Override
    public double[] state() {
        return mu == 0.0 ? new double[0] : b.clone();
    }
}
