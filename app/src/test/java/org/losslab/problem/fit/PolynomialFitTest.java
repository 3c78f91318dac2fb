package org.losslab.problem.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.losslab.problem.fit.Reference.assertClose;
import static org.losslab.problem.fit.Reference.assertNoWorse;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.losslab.kernel.ElementwiseLoss;
import org.losslab.kernel.Losses;
import org.losslab.lesson.Datasets;
import org.losslab.lesson.Datasets.XY;
import org.losslab.testkit.Trials;

/** Polynomial fits of degree 1..9 against normal equations, brute force and the optimality conditions. */
class PolynomialFitTest {

    static double poly(double[] c, double x) {
        double s = 0.0;
        for (int k = c.length - 1; k >= 0; k--) {
            s = s * x + c[k];
        }
        return s;
    }

    static double meanLoss(Reference.Formula f, double[] c, double[] x, double[] y) {
        double s = 0.0;
        for (int i = 0; i < x.length; i++) {
            s += f.applyAsDouble(poly(c, x[i]) - y[i]);
        }
        return s / x.length;
    }

    /** Solves the (N+1) x (N+1) normal equations X^T X c = X^T y of the monomial design by Gaussian elimination. */
    static double[] normalEquations(double[] x, double[] y, int degree) {
        int d = degree + 1;
        double[][] m = new double[d][d + 1];
        for (int i = 0; i < x.length; i++) {
            double[] powers = new double[d];
            powers[0] = 1;
            for (int k = 1; k < d; k++) {
                powers[k] = powers[k - 1] * x[i];
            }
            for (int r = 0; r < d; r++) {
                for (int c = 0; c < d; c++) {
                    m[r][c] += powers[r] * powers[c];
                }
                m[r][d] += powers[r] * y[i];
            }
        }
        for (int col = 0; col < d; col++) {
            int piv = col;
            for (int r = col + 1; r < d; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[piv][col])) {
                    piv = r;
                }
            }
            double[] t = m[piv];
            m[piv] = m[col];
            m[col] = t;
            for (int r = 0; r < d; r++) {
                if (r != col) {
                    double f = m[r][col] / m[col][col];
                    for (int c = col; c <= d; c++) {
                        m[r][c] -= f * m[col][c];
                    }
                }
            }
        }
        double[] out = new double[d];
        for (int r = 0; r < d; r++) {
            out[r] = m[r][d] / m[r][r];
        }
        return out;
    }

    @Test
    void leastSquaresMatchesTheNormalEquationsForLowDegrees() {
        XY data = Datasets.noisyLine(40, 0.5, 1.0, 1.0, 3, 12);
        for (int degree = 1; degree <= 4; degree++) {
            double[] expected = normalEquations(data.x(), data.y(), degree);
            PolynomialFitResult r = PolynomialFit.fit(data.x(), data.y(), Losses.elementwise("mse"), degree);
            assertEquals(degree, r.degree());
            for (int k = 0; k <= degree; k++) {
                assertClose(expected[k], r.coefficient(k), 1e-7, 1e-9 * Math.pow(10, -k), "degree " + degree + " c" + k);
            }
            assertClose(meanLoss(Reference.mse(), expected, data.x(), data.y()), r.loss(), 1e-10, 0, "loss");
            assertEquals(Optimality.UNIQUE_GLOBAL, r.optimality());
        }
    }

    @Test
    void anExactPolynomialIsRecoveredByEveryLoss() {
        double[] truth = {1.0, -2.0, 0.0, 0.5};
        int n = 25;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -3 + 6.0 * i / (n - 1);
            y[i] = poly(truth, x[i]);
        }
        for (String spec : new String[] {"mse", "mae", "huber", "quantile:tau=0.3", "log_cosh", "barron:alpha=-2"}) {
            for (int degree : new int[] {3, 5}) {
                PolynomialFitResult r = PolynomialFit.fit(x, y, (ElementwiseLoss) Losses.parse(spec), degree);
                for (int k = 0; k <= degree; k++) {
                    double want = k < truth.length ? truth[k] : 0.0;
                    assertEquals(want, r.coefficient(k), 1e-8, spec + " degree " + degree + " c" + k);
                }
                assertEquals(0.0, r.loss(), 1e-12, spec);
                assertTrue(r.optimality().isGlobal() || r.optimality() == Optimality.LOCAL, spec + ": " + r);
            }
        }
    }

    @Test
    void degreeOneIsTheLineFit() {
        XY data = Datasets.anscombe("III");
        for (String spec : new String[] {"mse", "mae", "huber", "quantile:tau=0.8"}) {
            ElementwiseLoss loss = (ElementwiseLoss) Losses.parse(spec);
            PolynomialFitResult p = PolynomialFit.fit(data.x(), data.y(), loss, 1);
            FitResult line = LineFit.fit(data.x(), data.y(), loss);
            assertEquals(line.b(), p.coefficient(0), spec);
            assertEquals(line.w(), p.coefficient(1), spec);
            assertEquals(line.loss(), p.loss(), spec);
            assertEquals(line.predict(9.5), p.predict(9.5), 1e-12, spec);
        }
    }

    /**
     * The exact L1 / quantile optimum of a polynomial of degree N goes through N+1 of the points: the best
     * polynomial through every (N+1)-subset of points is the minimum.
     */
    static double throughSubsets(Reference.Formula f, double[] x, double[] y, int degree) {
        int d = degree + 1;
        int n = x.length;
        int[] idx = new int[d];
        for (int i = 0; i < d; i++) {
            idx[i] = i;
        }
        double best = Double.POSITIVE_INFINITY;
        while (true) {
            double[] xs = new double[d];
            double[] ys = new double[d];
            for (int i = 0; i < d; i++) {
                xs[i] = x[idx[i]];
                ys[i] = y[idx[i]];
            }
            boolean distinct = true;
            for (int i = 0; i < d && distinct; i++) {
                for (int j = 0; j < i; j++) {
                    if (xs[i] == xs[j]) {
                        distinct = false;
                        break;
                    }
                }
            }
            if (distinct) {
                best = Math.min(best, meanLoss(f, normalEquations(xs, ys, degree), x, y));
            }
            int k = d - 1;
            while (k >= 0 && idx[k] == n - d + k) {
                k--;
            }
            if (k < 0) {
                return best;
            }
            idx[k]++;
            for (int j = k + 1; j < d; j++) {
                idx[j] = idx[j - 1] + 1;
            }
        }
    }

    @Test
    void absoluteAndQuantilePolynomialsEqualTheBestThroughSubsets() {
        Trials.forAll(4242L, 25, random -> {
            int n = 7 + random.nextInt(8);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = Trials.uniform(random, 0, 10);
                y[i] = 0.3 * (x[i] - 5) * (x[i] - 5) - x[i] + random.nextGaussian();
                if (random.nextInt(5) == 0) {
                    y[i] += 15;
                }
            }
            int degree = 2 + random.nextInt(2);
            double tau = Trials.oneOfDoubles(random, 0.5, 0.5, 0.2, 0.9);
            ElementwiseLoss loss = (ElementwiseLoss) Losses.parse("quantile:tau=" + tau);
            PolynomialFitResult r = PolynomialFit.fit(x, y, loss, degree);
            double exact = throughSubsets(Reference.quantile(tau), x, y, degree);
            assertClose(exact, r.loss(), 1e-9, 1e-12, "tau " + tau + " degree " + degree + " n " + n);
            assertEquals(FitMethod.VERTEX_DESCENT, r.method());
            assertTrue(r.optimality().isGlobal(), r.toString());
        });
    }

    @Test
    void degenerateOptimaAreCertified() {
        // Anscombe III: ten of the eleven points lie exactly on a line, so every fit of degree >= 2 that goes
        // through them has more than N+1 points on the curve (a degenerate vertex of the linear program)
        XY iii = Datasets.anscombe("III");
        for (int degree = 2; degree <= 4; degree++) {
            PolynomialFitResult r = PolynomialFit.fit(iii.x(), iii.y(), Losses.elementwise("mae"), degree);
            double exact = throughSubsets(Reference.mae(), iii.x(), iii.y(), degree);
            assertClose(exact, r.loss(), 1e-12, 1e-14, "Anscombe III, degree " + degree);
            assertTrue(r.optimality().isGlobal(), "degree " + degree + ": " + r + " " + r.note());
        }
        // integer points on a parabola, with ties in x and a few outliers
        Trials.forAll(808L, 40, random -> {
            int n = 8 + random.nextInt(5);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = random.nextInt(7);
                y[i] = x[i] * x[i] - 3 * x[i] + (random.nextInt(4) == 0 ? random.nextInt(9) - 4 : 0);
            }
            int degree = 2 + random.nextInt(2);
            double tau = Trials.oneOfDoubles(random, 0.3, 0.5);
            PolynomialFitResult r = PolynomialFit.fit(x, y, (ElementwiseLoss) Losses.parse("quantile:tau=" + tau),
                    degree);
            double exact = throughSubsets(Reference.quantile(tau), x, y, degree);
            String what = "tau " + tau + " degree " + degree + " x " + java.util.Arrays.toString(x) + " y "
                    + java.util.Arrays.toString(y);
            assertClose(exact, r.loss(), 1e-11, 1e-12, what);
            assertTrue(r.optimality().isGlobal(), what + ": " + r + " " + r.note());
        });
    }

    /** The gradient of the mean loss in the coefficients of u = (x - centre) / half, from the formula's derivative. */
    static double[] gradient(Reference.Formula f, PolynomialFitResult r, double[] x, double[] y, double centre,
                             double half) {
        int d = r.degree() + 1;
        double[] g = new double[d];
        double[] scale = new double[d];
        for (int i = 0; i < x.length; i++) {
            double res = r.predict(x[i]) - y[i];
            double h = 1e-6 * Math.max(1.0, Math.abs(res));
            double slope = (f.applyAsDouble(res + h) - f.applyAsDouble(res - h)) / (2 * h);
            double u = (x[i] - centre) / half;
            double p = 1.0;
            for (int k = 0; k < d; k++) {
                g[k] += slope * p / x.length;
                scale[k] += Math.abs(slope * p) / x.length;
                p *= u;
            }
        }
        for (int k = 0; k < d; k++) {
            g[k] /= scale[k] + 1e-300;
        }
        return g;
    }

    @Test
    void smoothConvexPolynomialsHaveAVanishingGradient() {
        XY data = Datasets.noisyLine(60, 1.0, 0.0, 1.0, 6, 21);
        double centre = 5.0;
        double half = 5.0;
        String[] specs = {"huber:delta=1", "log_cosh", "smooth_l1:beta=0.5", "barron:alpha=1,scale=0.7"};
        Reference.Formula[] formulas = {Reference.huber(1), Reference.logCosh(), Reference.smoothL1(0.5),
                Reference.barron(1, 0.7)};
        for (int s = 0; s < specs.length; s++) {
            for (int degree = 2; degree <= 9; degree++) {
                PolynomialFitResult r = PolynomialFit.fit(data.x(), data.y(), (ElementwiseLoss) Losses.parse(specs[s]),
                        degree);
                String what = specs[s] + " degree " + degree;
                assertEquals(FitMethod.NEWTON, r.method(), what);
                assertTrue(r.optimality().isGlobal(), what + ": " + r);
                double[] g = gradient(formulas[s], r, data.x(), data.y(), centre, half);
                for (int k = 0; k < g.length; k++) {
                    assertTrue(Math.abs(g[k]) < 1e-7, what + ": relative gradient " + g[k] + " in u^" + k);
                }
                // and no worse than least squares or the lower degree, measured with the formula
                PolynomialFitResult ls = PolynomialFit.fit(data.x(), data.y(), Losses.elementwise("mse"), degree);
                PolynomialFitResult lower = PolynomialFit.fit(data.x(), data.y(),
                        (ElementwiseLoss) Losses.parse(specs[s]), degree - 1);
                double mine = meanLoss(formulas[s], r.coefficients(), data.x(), data.y());
                assertNoWorse(meanLoss(formulas[s], ls.coefficients(), data.x(), data.y()), mine, 1e-9, 1e-12, what);
                assertNoWorse(lower.loss(), r.loss(), 1e-12, 1e-14, what + " vs degree " + (degree - 1));
            }
        }
    }

    @Test
    void degreeNineThroughTenPointsInterpolates() {
        double[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] y = {1, 3, 2, 5, 4, 6, 5, 8, 7, 9};
        PolynomialFitResult r = PolynomialFit.fit(x, y, Losses.elementwise("mse"), 9);
        assertEquals(0.0, r.loss(), 1e-20);
        for (int i = 0; i < x.length; i++) {
            assertEquals(y[i], r.predict(x[i]), 1e-9);
            // the printed coefficients give the same curve (to the digits the monomial form keeps)
            assertEquals(y[i], poly(r.coefficients(), x[i]), 1e-6);
        }
        assertEquals(Optimality.UNIQUE_GLOBAL, r.optimality());
    }

    @Test
    void tooFewDistinctXLowersTheDegree() {
        double[] x = {1, 1, 2, 2, 3, 3};
        double[] y = {1, 2, 4, 5, 1, 0};
        PolynomialFitResult r = PolynomialFit.fit(x, y, Losses.elementwise("mse"), 5);
        assertEquals(5, r.degree());
        assertEquals(0.0, r.coefficient(3));
        assertEquals(0.0, r.coefficient(4));
        assertEquals(0.0, r.coefficient(5));
        // the quadratic through the three group means 1.5, 4.5, 0.5
        assertEquals(1.5, r.predict(1), 1e-12);
        assertEquals(4.5, r.predict(2), 1e-12);
        assertEquals(0.5, r.predict(3), 1e-12);
        assertEquals(Optimality.GLOBAL_NOT_UNIQUE, r.optimality());
        assertTrue(r.note().contains("only 3 distinct x values"), r.note());
        PolynomialFitResult flat = PolynomialFit.fit(new double[] {4, 4}, new double[] {1, 3},
                Losses.elementwise("mae"), 3);
        assertEquals(0.0, flat.coefficient(1));
        assertEquals(Optimality.GLOBAL_NOT_UNIQUE, flat.optimality());
    }

    @Test
    void printedCoefficientsAreThoseOfTheOriginalX() {
        // y = 2 - 0.5 x + 0.01 x^2 on x in [100, 120]: far from 0, where the scaling matters
        SplittableRandom random = new SplittableRandom(5);
        int n = 30;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 100 + 20.0 * i / (n - 1);
            y[i] = 2 - 0.5 * x[i] + 0.01 * x[i] * x[i] + 1e-3 * random.nextGaussian();
        }
        double[] expected = normalEquations(x, y, 2);
        PolynomialFitResult r = PolynomialFit.fit(x, y, Losses.elementwise("mse"), 2);
        assertClose(expected[2], r.coefficient(2), 1e-6, 0, "c2");
        assertClose(expected[1], r.coefficient(1), 1e-6, 0, "c1");
        assertClose(expected[0], r.coefficient(0), 1e-5, 0, "c0");
    }

    @Test
    void badDegreesAreRefused() {
        double[] x = {1, 2, 3};
        for (int degree : new int[] {0, 10, -1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PolynomialFit.fit(x, x, Losses.elementwise("mse"), degree));
            assertTrue(e.getMessage().contains("between 1 and 9"), e.getMessage());
        }
    }
}
