package org.losslab.problem.fit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;

/**
 * Independent references for the fit tests: the losses written out again from their textbook formulas (not through
 * the kernel), the penalised objective, a refined 2-D grid search and brute force over lines through pairs of
 * points.
 */
final class Reference {
    private Reference() {
    }

    /** A loss of the residual r = prediction - target. */
    interface Formula extends DoubleUnaryOperator {
    }

    static Formula mse() {
        return r -> r * r;
    }

    static Formula mae() {
        return Math::abs;
    }

    /** Pinball with u = target - prediction = -r: tau u if u &gt;= 0, (tau - 1) u otherwise. */
    static Formula quantile(double tau) {
        return r -> {
            double u = -r;
            return u >= 0 ? tau * u : (tau - 1.0) * u;
        };
    }

    static Formula huber(double delta) {
        return r -> Math.abs(r) <= delta ? 0.5 * r * r : delta * (Math.abs(r) - 0.5 * delta);
    }

    static Formula smoothL1(double beta) {
        return r -> Math.abs(r) < beta ? 0.5 * r * r / beta : Math.abs(r) - 0.5 * beta;
    }

    static Formula logCosh() {
        return r -> Math.log(Math.cosh(r));
    }

    /** Barron's rho for finite alpha not in {0, 2}: |a-2|/a (((r/c)^2/|a-2| + 1)^(a/2) - 1). */
    static Formula barron(double alpha, double c) {
        if (alpha == 0.0) {
            return r -> Math.log(0.5 * (r / c) * (r / c) + 1.0);
        }
        if (alpha == 2.0) {
            return r -> 0.5 * (r / c) * (r / c);
        }
        double b = Math.abs(alpha - 2.0);
        return r -> b / alpha * (Math.pow((r / c) * (r / c) / b + 1.0, alpha / 2.0) - 1.0);
    }

    /** (1/n) sum_i f(w x_i + b - y_i) + l1 (|w| + |b|) + l2 (w^2 + b^2). */
    static double objective(Formula f, double[] x, double[] y, double w, double b, double l1, double l2) {
        double s = 0.0;
        for (int i = 0; i < x.length; i++) {
            s += f.applyAsDouble(w * x[i] + b - y[i]);
        }
        return s / x.length + l1 * (Math.abs(w) + Math.abs(b)) + l2 * (w * w + b * b);
    }

    /** The best point {w, b, objective} of a grid search. */
    record Best(double w, double b, double value) {
    }

    /**
     * A grid search over (w, c) with c = b + w mean(x) (the line's height at the mean x, so the valley is not a
     * thin diagonal): a 41 x 41 grid over a box wide enough to hold every line through two data points (|w| up to
     * the steepest pairwise slope, c within the range of y - w (x - mean x)), then 80 rounds that re-centre the
     * box on the best point and halve it.
     */
    static Best grid(Formula f, double[] x, double[] y, double l1, double l2) {
        int n = x.length;
        double mx = 0.0;
        for (double v : x) {
            mx += v;
        }
        mx /= n;
        double steep = 1.0;
        double xSpan = 1.0;
        double yLo = y[0];
        double yHi = y[0];
        for (int i = 0; i < n; i++) {
            yLo = Math.min(yLo, y[i]);
            yHi = Math.max(yHi, y[i]);
            xSpan = Math.max(xSpan, Math.abs(x[i] - mx));
            for (int j = 0; j < i; j++) {
                if (x[i] != x[j]) {
                    steep = Math.max(steep, Math.abs((y[i] - y[j]) / (x[i] - x[j])));
                }
            }
        }
        double cw = 0.0;
        double cc = 0.5 * (yLo + yHi);
        double hw = 1.5 * steep;
        double hc = 0.5 * (yHi - yLo) + 1.5 * steep * xSpan + 1.0;
        int k = 20;
        double bestW = 0.0;
        double bestC = cc;
        double best = Double.POSITIVE_INFINITY;
        for (int round = 0; round < 80; round++) {
            for (int i = -k; i <= k; i++) {
                double w = cw + hw * i / k;
                for (int j = -k; j <= k; j++) {
                    double c = cc + hc * j / k;
                    double v = objective(f, x, y, w, c - w * mx, l1, l2);
                    if (v < best) {
                        best = v;
                        bestW = w;
                        bestC = c;
                    }
                }
            }
            cw = bestW;
            cc = bestC;
            hw *= 0.5;
            hc *= 0.5;
        }
        return new Best(bestW, bestC - bestW * mx, best);
    }

    /**
     * The exact minimum of a piecewise-linear loss with no penalty by brute force: the optimum of such a linear
     * program is a line through two points with different x (or, when all x are equal, a horizontal line through a
     * point), so the best of those lines is the minimum.
     */
    static Best throughPairs(Formula f, double[] x, double[] y) {
        Best best = new Best(0.0, 0.0, Double.POSITIVE_INFINITY);
        for (int i = 0; i < x.length; i++) {
            double v0 = objective(f, x, y, 0.0, y[i], 0.0, 0.0);
            if (v0 < best.value()) {
                best = new Best(0.0, y[i], v0);
            }
            for (int j = 0; j < i; j++) {
                if (x[i] == x[j]) {
                    continue;
                }
                double w = (y[i] - y[j]) / (x[i] - x[j]);
                double b = y[i] - w * x[i];
                double v = objective(f, x, y, w, b, 0.0, 0.0);
                if (v < best.value()) {
                    best = new Best(w, b, v);
                }
            }
        }
        return best;
    }

    /** Asserts |actual - expected| &lt;= abs + rel |expected|. */
    static void assertClose(double expected, double actual, double rel, double abs, String what) {
        double err = Math.abs(actual - expected);
        assertTrue(err <= abs + rel * Math.abs(expected),
                what + ": expected " + expected + " but got " + actual + " (error " + err + ")");
    }

    /** Asserts the solver's value is no worse than the reference's, within abs + rel |reference|. */
    static void assertNoWorse(double reference, double actual, double rel, double abs, String what) {
        assertTrue(actual <= reference + abs + rel * Math.abs(reference),
                what + ": the solver's " + actual + " is worse than the reference's " + reference + " (by "
                        + (actual - reference) + ")");
    }
}
