package org.losslab.problem;

/** Validation and small statistics shared by the data problems. */
final class DataChecks {
    private DataChecks() {
    }

    /** Throws a one-line IllegalArgumentException unless x and y are equally long, non-empty and finite. */
    static void check(double[] x, double[] y, String id) {
        if (x == null || y == null) {
            throw new IllegalArgumentException(id + " needs data points (x, y)");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException(id + " needs as many y values as x values (got " + x.length
                    + " x and " + y.length + " y)");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException(id + " needs at least one data point");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("x[" + i + "] = " + x[i] + " is not a finite number");
            }
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("y[" + i + "] = " + y[i] + " is not a finite number");
            }
        }
    }

    static double mean(double[] v) {
        double s = 0.0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }

    /** The population standard deviation sqrt(mean((v - mean v)^2)). */
    static double std(double[] v) {
        double m = mean(v);
        double s = 0.0;
        for (double d : v) {
            s += (d - m) * (d - m);
        }
        return Math.sqrt(s / v.length);
    }

    /** The rectangle stretched to contain (0, 0), then padded by 10 % of its width and height on each side. */
    static Bounds includeOrigin(double min1, double max1, double min2, double max2) {
        double a1 = Math.min(min1, 0.0);
        double b1 = Math.max(max1, 0.0);
        double a2 = Math.min(min2, 0.0);
        double b2 = Math.max(max2, 0.0);
        double p1 = 0.1 * (b1 - a1);
        double p2 = 0.1 * (b2 - a2);
        if (!(p1 > 0)) {
            p1 = 1.0;
        }
        if (!(p2 > 0)) {
            p2 = 1.0;
        }
        return new Bounds(a1 - p1, b1 + p1, a2 - p2, b2 + p2);
    }
}
