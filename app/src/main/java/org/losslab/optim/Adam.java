package org.losslab.optim;

/**
 * torch.optim.Adam. Per coordinate, after weight decay (added to the gradient, as Adam, not AdamW), with the
 * moment averages m and v starting at 0:
 * <pre>
 *   m &lt;- beta1 m + (1 - beta1) g
 *   v &lt;- beta2 v + (1 - beta2) g^2
 *   mhat = m / (1 - beta1^t),   vhat = v / (1 - beta2^t)          (bias correction)
 *   theta &lt;- theta - lr mhat / (sqrt(vhat) + eps)
 * </pre>
 * computed in torch's order: step_size = lr / (1 - beta1^t), denom = sqrt(v) / sqrt(1 - beta2^t) + eps,
 * theta &lt;- theta - step_size m / denom. Defaults lr 0.001, betas (0.9, 0.999), eps 1e-8. The first step is
 * lr g / (|g| + eps), about lr in each coordinate, whatever the scale of g.
 */
final class Adam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double[] m;
    private final double[] v;

    Adam(OptimizerSpec spec, int dimension) {
        super(spec, dimension);
        this.m = new double[dimension];
        this.v = new double[dimension];
        this.beta1 = spec.get("beta1");
        this.beta2 = spec.get("beta2");
        this.eps = spec.get("eps");
    }

    @Override
    protected void update(double[] theta, double[] g, double lr, int t) {
        double stepSize = lr / (1.0 - Math.pow(beta1, t));
        double bc2Sqrt = Math.sqrt(1.0 - Math.pow(beta2, t));
        for (int i = 0; i < m.length; i++) {
            m[i] = beta1 * m[i] + (1.0 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1.0 - beta2) * g[i] * g[i];
            double denom = Math.sqrt(v[i]) / bc2Sqrt + eps;
            theta[i] -= stepSize * m[i] / denom;
        }
    }

    @Override
    protected void clearState() {
        java.util.Arrays.fill(m, 0.0);
        java.util.Arrays.fill(v, 0.0);
    }

    @Override
    public String[] stateNames() {
        return numbered("m", "v");
    }

    @Override
    public double[] state() {
        return concat(m, v);
    }
}
