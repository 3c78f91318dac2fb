package org.losslab.kernel;

/**
 * Numerically stable scalar helpers shared by the kernels.
 */
public final class Numerics {
    private Numerics() {
    }

    /** log(1 + e^x) without overflow: max(x, 0) + log1p(e^-|x|). */
    public static double softplus(double x) {
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** The logistic function 1 / (1 + e^-x), computed without overflow for either sign. */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /**
     * log(cosh x), accurate to a few ulps everywhere: for |x| &lt; 1 as log1p(2 sinh^2(x/2)) (cosh x = 1 + 2
     * sinh^2(x/2), no cancellation near 0), beyond as |x| + log1p(e^-2|x|) - log 2 (no overflow for |x| in the
     * thousands and beyond).
     */
    public static double logCosh(double x) {
        double a = Math.abs(x);
        if (a < 1.0) {
            double s = Math.sinh(0.5 * a);
            return Math.log1p(2.0 * s * s);
        }
        return a + Math.log1p(Math.exp(-2.0 * a)) - Math.log(2.0);
    }

    /** sech^2 x = 1 - tanh^2 x = 4 e^-2|x| / (1 + e^-2|x|)^2, without cancellation. */
    public static double sech2(double x) {
        double e = Math.exp(-2.0 * Math.abs(x));
        double d = 1.0 + e;
        return 4.0 * e / (d * d);
    }

    /** sign(x) with sign(0) = 0: the derivative of |x| with the kink convention. */
    public static double sign(double x) {
        return x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0);
    }
}
