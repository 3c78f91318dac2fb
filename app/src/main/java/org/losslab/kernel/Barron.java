package org.losslab.kernel;

import java.util.List;

/**
 * Barron's general and adaptive robust loss (J. T. Barron, CVPR 2019), with x = r = prediction - target:
 * <pre>
 *   rho(x, alpha, c) = |alpha - 2| / alpha * ( ((x/c)^2 / |alpha - 2| + 1)^(alpha/2) - 1 )
 * </pre>
 * Its limits are taken exactly: alpha = 2 gives 0.5 (x/c)^2 (L2), alpha = 0 gives log(0.5 (x/c)^2 + 1) (Cauchy),
 * alpha = -inf gives 1 - exp(-0.5 (x/c)^2) (Welsch). alpha = 1 is the pseudo-Huber sqrt((x/c)^2 + 1) - 1 and
 * alpha = -2 Geman-McClure 2 (x/c)^2 / ((x/c)^2 + 4).
 * <p>With z = (x/c)^2, b = |alpha - 2| and g = 1 + z/b, the derivatives are
 * d1 = (x / c^2) g^(alpha/2 - 1) and d2 = g^(alpha/2 - 2) (1 + (alpha - 1) z / b) / c^2.
 * The value is computed as (b/alpha) expm1((alpha/2) log1p(z/b)), accurate for alpha near 0.
 */
public final class Barron extends ElementwiseLoss {
    static final LossDefinition DEFINITION = new LossDefinition("barron", "Barron (general robust)",
            "ρ(x) = |α−2|/α · (((x/c)²/|α−2| + 1)^(α/2) − 1)",
            "One dial from L2 (α = 2) through pseudo-Huber (1) and Cauchy (0) to Welsch (−∞): how much outliers count.",
            LossFamily.REGRESSION,
            List.of(ParamSpec.closed("alpha", 1.0, Double.NEGATIVE_INFINITY, 4.0,
                            "shape: 2 is L2, 1 pseudo-Huber, 0 Cauchy, -2 Geman-McClure, -inf Welsch"),
                    ParamSpec.positive("scale", 1.0, "c: the size of a residual the loss treats as small")),
            Barron::new);

    private final double alpha;
    private final double scale;
    private final double b;

    Barron(double[] params) {
        super(DEFINITION, params);
        this.alpha = params[0];
        this.scale = params[1];
        this.b = Math.abs(alpha - 2.0);
    }

    @Override
    public double value(double p, double t) {
        double x = (p - t) / scale;
        double z = x * x;
        if (alpha == 2.0) {
            return 0.5 * z;
        }
        if (alpha == 0.0) {
            return Math.log1p(0.5 * z);
        }
        if (alpha == Double.NEGATIVE_INFINITY) {
            return -Math.expm1(-0.5 * z);
        }
        return (b / alpha) * Math.expm1(0.5 * alpha * Math.log1p(z / b));
    }

    @Override
    public double d1(double p, double t) {
        double r = p - t;
        double c2 = scale * scale;
        double z = r * r / c2;
        if (alpha == 2.0) {
            return r / c2;
        }
        if (alpha == Double.NEGATIVE_INFINITY) {
            return r / c2 * Math.exp(-0.5 * z);
        }
        return r / c2 * Math.exp((0.5 * alpha - 1.0) * Math.log1p(z / b));
    }

    @Override
    public double d2(double p, double t) {
        double r = p - t;
        double c2 = scale * scale;
        double z = r * r / c2;
        if (alpha == 2.0) {
            return 1.0 / c2;
        }
        if (alpha == Double.NEGATIVE_INFINITY) {
            return Math.exp(-0.5 * z) * (1.0 - z) / c2;
        }
        return Math.exp((0.5 * alpha - 2.0) * Math.log1p(z / b)) * (1.0 + (alpha - 1.0) * z / b) / c2;
    }
}
