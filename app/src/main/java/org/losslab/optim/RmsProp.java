package org.losslab.optim;

/**
 * torch.optim.RMSprop. Per coordinate, after weight decay, with the average v of g^2, the average a of g
 * (centered only) and the momentum buffer b (momentum only), all starting at 0:
 * <pre>
 *   v &lt;- alpha v + (1 - alpha) g^2
 *   centered:  a &lt;- alpha a + (1 - alpha) g;   d = sqrt(v - a^2) + eps      else  d = sqrt(v) + eps
 *   mu &gt; 0:    b &lt;- mu b + g / d;   theta &lt;- theta - lr b
 *   mu = 0:    theta &lt;- theta - lr g / d
 * </pre>
 * Defaults lr 0.01, alpha 0.99, eps 1e-8, momentum 0, centered false. v - a^2 is a variance (never negative in
 * exact arithmetic); it is clamped at 0 so that rounding cannot take the square root of a negative number.
 */
final class RmsProp extends Optimizer {
    private final double alpha;
    private final double eps;
    private final double mu;
    private final boolean centered;
    private final double[] v = new double[2];
    private final double[] a = new double[2];
    private final double[] b = new double[2];

    RmsProp(OptimizerSpec spec) {
        super(spec);
        this.alpha = spec.get("alpha");
        this.eps = spec.get("eps");
        this.mu = spec.get("momentum");
        this.centered = spec.get("centered") != 0.0;
    }

    @Override
    protected void update(double[] theta, double[] g, double lr, int t) {
        for (int i = 0; i < 2; i++) {
            double gi = g[i];
            v[i] = alpha * v[i] + (1.0 - alpha) * gi * gi;
            double avg;
            if (centered) {
                a[i] = alpha * a[i] + (1.0 - alpha) * gi;
                avg = Math.sqrt(Math.max(0.0, v[i] - a[i] * a[i])) + eps;
            } else {
                avg = Math.sqrt(v[i]) + eps;
            }
            if (mu > 0.0) {
                b[i] = mu * b[i] + gi / avg;
                theta[i] -= lr * b[i];
            } else {
                theta[i] -= lr * gi / avg;
            }
        }
    }

    @Override
    protected void clearState() {
        for (int i = 0; i < 2; i++) {
            v[i] = 0.0;
            a[i] = 0.0;
            b[i] = 0.0;
        }
    }

    @Override
    public String[] stateNames() {
        return new String[] {"v1", "v2", "avg1", "avg2", "buf1", "buf2"};
    }

    @Override
    public double[] state() {
        return new double[] {v[0], v[1], a[0], a[1], b[0], b[1]};
    }
}
