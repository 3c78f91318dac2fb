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
    private final double[] v;
    private final double[] a;
    private final double[] b;

    RmsProp(OptimizerSpec spec, int dimension) {
        super(spec, dimension);
        this.v = new double[dimension];
        this.a = new double[dimension];
        this.b = new double[dimension];
        this.alpha = spec.get("alpha");
        this.eps = spec.get("eps");
        this.mu = spec.get("momentum");
        this.centered = spec.get("centered") != 0.0;
    }

    @Override
    protected void update(double[] theta, double[] g, double lr, int t) {
        for (int i = 0; i < v.length; i++) {
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
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.0;
            a[i] = 0.0;
            b[i] = 0.0;
        }
    }

    @Override
    public String[] stateNames() {
        return numbered("v", "avg", "buf");
    }

    @Override
    public double[] state() {
        return concat(v, a, b);
    }
}
