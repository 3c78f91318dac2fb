package org.losslab.kernel.custom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.losslab.testkit.Trials;

/**
 * The automatic derivatives against central finite differences on random smooth expressions, and the rules that
 * need care (powers of negative bases, variable exponents, kinks, branches).
 */
class ExpressionDerivativeTest {

    /**
     * A random expression that is smooth and defined for every real r, y, p: log and sqrt only see arguments
     * bounded away from 0, divisions only denominators >= 1, exp only bounded arguments.
     */
    static String smooth(SplittableRandom rnd, int depth) {
        if (depth == 0 || rnd.nextInt(4) == 0) {
            return switch (rnd.nextInt(5)) {
                case 0 -> "r";
                case 1 -> "y";
                case 2 -> "p";
                case 3 -> constant(rnd);
                default -> Trials.oneOf(rnd, "pi", "e", "r");
            };
        }
        String a = smooth(rnd, depth - 1);
        String b = smooth(rnd, depth - 1);
        return switch (rnd.nextInt(16)) {
            case 0 -> "(" + a + " + " + b + ")";
            case 1 -> "(" + a + " - " + b + ")";
            case 2 -> "(" + a + " * " + b + ")";
            case 3 -> "(" + a + ") / (1 + (" + b + ")^2)";
            case 4 -> "exp(tanh(" + a + "))";
            case 5 -> "log(1 + (" + a + ")^2)";
            case 6 -> "sqrt(0.5 + (" + a + ")^2)";
            case 7 -> "tanh(" + a + ")";
            case 8 -> "sigmoid(" + a + ")";
            case 9 -> "softplus(" + a + ")";
            case 10 -> "(" + a + ")^" + (2 + rnd.nextInt(2));
            case 11 -> "pow(1.5 + sigmoid(" + a + "), " + b + " / (1 + (" + b + ")^2))";
            case 12 -> "log1p(exp(tanh(" + a + ")))";
            case 13 -> "-(" + a + ")^2";
            case 14 -> "(1 + (" + a + ")^2)^-1";
            default -> "(2 + tanh(" + a + "))^(0.5 * sigmoid(" + b + "))";
        };
    }

    private static String constant(SplittableRandom rnd) {
        double c = Math.round(Trials.uniform(rnd, -3, 3) * 100) / 100.0;
        return c < 0 ? "(" + String.format(Locale.ROOT, "%s", c) + ")" : String.format(Locale.ROOT, "%s", c);
    }

    @Test
    void derivativesOfRandomSmoothExpressionsMatchCentralDifferences() {
        int[] checked = {0};
        Trials.forAll(20260101L, 600, rnd -> {
            String text = smooth(rnd, 4);
            ExpressionLoss loss = new ExpressionLoss(text);
            for (int k = 0; k < 5; k++) {
                double y = Trials.uniform(rnd, -2, 2);
                double p = Trials.uniform(rnd, -2, 2);
                double v = loss.value(p, y);
                if (!Double.isFinite(v) || Math.abs(v) > 1e4) {
                    continue;
                }
                double h = 1e-5;
                double fd1 = (loss.value(p + h, y) - loss.value(p - h, y)) / ((p + h) - (p - h));
                double fd2 = (loss.d1(p + h, y) - loss.d1(p - h, y)) / ((p + h) - (p - h));
                double d1 = loss.d1(p, y);
                double d2 = loss.d2(p, y);
                String at = text + " at p=" + p + ", y=" + y;
                double scale1 = 1 + Math.abs(v) + Math.abs(d1) + Math.abs(d2);
                double scale2 = scale1 + Math.abs(loss.d2(p + h, y)) + Math.abs(loss.d2(p - h, y));
                assertTrue(Math.abs(d1 - fd1) <= 1e-5 * scale1,
                        "d1 " + at + ": automatic " + d1 + ", finite difference " + fd1);
                assertTrue(Math.abs(d2 - fd2) <= 1e-4 * scale2,
                        "d2 " + at + ": automatic " + d2 + ", finite difference " + fd2);
                checked[0]++;
            }
        });
        assertTrue(checked[0] > 2000, "too few points were checked: " + checked[0]);
    }

    @Test
    void integerPowerOfANegativeBase() {
        ExpressionLoss square = new ExpressionLoss("r^2");
        assertEquals(9.0, square.value(-1.0, 2.0));
        assertEquals(-6.0, square.d1(-1.0, 2.0));
        assertEquals(2.0, square.d2(-1.0, 2.0));
        ExpressionLoss cube = new ExpressionLoss("r^3");
        assertEquals(-8.0, cube.value(-2.0, 0.0));
        assertEquals(12.0, cube.d1(-2.0, 0.0));
        assertEquals(-12.0, cube.d2(-2.0, 0.0));
        ExpressionLoss inverse = new ExpressionLoss("r^-1");
        assertEquals(-1.0, inverse.d1(-1.0, 0.0), 1e-15);
        assertEquals(-2.0, inverse.d2(-1.0, 0.0), 1e-15);
    }

    @Test
    void powerEdgeCases() {
        ExpressionLoss zeroth = new ExpressionLoss("r^0");
        assertEquals(1.0, zeroth.value(0.0, 0.0));
        assertEquals(0.0, zeroth.d1(0.0, 0.0));
        assertEquals(0.0, zeroth.d2(0.0, 0.0));
        ExpressionLoss first = new ExpressionLoss("r^1");
        assertEquals(1.0, first.d1(0.0, 0.0));
        assertEquals(0.0, first.d2(0.0, 0.0));
        ExpressionLoss square = new ExpressionLoss("r^2");
        assertEquals(0.0, square.d1(0.0, 0.0));
        assertEquals(2.0, square.d2(0.0, 0.0));
        ExpressionLoss root = new ExpressionLoss("abs(r)^1.5");
        assertEquals(1.5 * Math.sqrt(4.0), root.d1(4.0, 0.0), 1e-12);
        assertEquals(-1.5 * Math.sqrt(4.0), root.d1(-4.0, 0.0), 1e-12);
        assertEquals(0.75 / Math.sqrt(4.0), root.d2(-4.0, 0.0), 1e-12);
    }

    @Test
    void variableExponent() {
        // d/dp 2^p = 2^p ln 2; d2 = 2^p ln^2 2
        ExpressionLoss exp2 = new ExpressionLoss("2^p");
        assertEquals(8 * Math.log(2), exp2.d1(3.0, 0.0), 1e-12);
        assertEquals(8 * Math.log(2) * Math.log(2), exp2.d2(3.0, 0.0), 1e-12);
        // p^p: d1 = p^p (ln p + 1), d2 = p^p ((ln p + 1)^2 + 1/p)
        ExpressionLoss self = new ExpressionLoss("pow(p, p)");
        double p = 1.7;
        double v = Math.pow(p, p);
        assertEquals(v, self.value(p, 0), 1e-12);
        assertEquals(v * (Math.log(p) + 1), self.d1(p, 0), 1e-12);
        assertEquals(v * ((Math.log(p) + 1) * (Math.log(p) + 1) + 1 / p), self.d2(p, 0), 1e-12);
        // no real derivative for a variable exponent on a negative base
        assertTrue(Double.isNaN(self.d1(-2.0, 0)));
    }

    @Test
    void precedenceAndAssociativity() {
        assertEquals(-4.0, new ExpressionLoss("-r^2").value(2, 0));
        assertEquals(512.0, new ExpressionLoss("2^3^2").value(0, 0));
        assertEquals(0.25, new ExpressionLoss("2^-2").value(0, 0));
        assertEquals(7.0, new ExpressionLoss("1 + 2 * 3").value(0, 0));
        assertEquals(2.0, new ExpressionLoss("8 / 2 / 2").value(0, 0));
        assertEquals(1.0, new ExpressionLoss("5 - 3 - 1").value(0, 0));
        assertEquals(3.0, new ExpressionLoss("r > 0 ? 1 : r < 0 ? 2 : 3").value(0, 0));
        assertEquals(2.0, new ExpressionLoss("r > 0 ? 1 : r < 0 ? 2 : 3").value(-1, 0));
        assertEquals(1.0, new ExpressionLoss("1 < 2 && 2 <= 2 && !(3 == 4) && (0 || 5 != 4)").value(0, 0));
        assertEquals(0.0, new ExpressionLoss("1 > 2 || 2 >= 3").value(0, 0));
        assertEquals(Math.PI * Math.E, new ExpressionLoss("pi * e").value(0, 0), 1e-15);
        assertEquals(1500.0, new ExpressionLoss("1.5e3").value(0, 0));
        assertEquals(0.5, new ExpressionLoss(".5").value(0, 0));
        assertEquals(-1.0, new ExpressionLoss("3 \u2212 4").value(0, 0));
        assertEquals(3.0, new ExpressionLoss("min(3, max(p, y))").value(7, 1));
    }

    @Test
    void stableFunctionsStayFiniteFarOut() {
        ExpressionLoss softplus = new ExpressionLoss("softplus(r)");
        assertEquals(1000.0, softplus.value(1000, 0), 1e-12);
        assertEquals(1.0, softplus.d1(1000, 0), 1e-12);
        assertEquals(0.0, softplus.value(-1000, 0), 1e-300);
        ExpressionLoss sigmoid = new ExpressionLoss("sigmoid(r)");
        assertEquals(0.25, sigmoid.d1(0, 0), 1e-15);
        assertEquals(0.0, sigmoid.d2(0, 0), 1e-15);
    }

    @Test
    void nonFiniteValuesAreReturnedNotThrown() {
        ExpressionLoss log = new ExpressionLoss("log(r)");
        assertTrue(Double.isNaN(log.value(-1, 0)));
        assertEquals(Double.NEGATIVE_INFINITY, log.value(0, 0));
        ExpressionLoss div = new ExpressionLoss("1 / r");
        assertEquals(Double.POSITIVE_INFINITY, div.value(0, 0));
        ExpressionLoss branch = new ExpressionLoss("r > 0 ? log(r) : 0");
        assertEquals(0.0, branch.value(-1, 0));
        assertEquals(0.0, branch.d1(-1, 0));
        assertEquals(1.0, branch.d1(1, 0));
        ExpressionLoss flat = new ExpressionLoss("sqrt(y) * r");
        assertEquals(0.0, flat.d1(2, 0));
    }

    @Test
    void absOfAFlatZeroKeepsItsCurvature() {
        ExpressionLoss loss = new ExpressionLoss("abs(r^2)");
        assertEquals(0.0, loss.d1(0, 0));
        assertEquals(2.0, loss.d2(0, 0));
    }

    @Test
    void evaluateAllGivesTheThreeAtOnce() {
        ExpressionLoss loss = new ExpressionLoss("r^3 + y");
        double[] out = new double[3];
        loss.evaluateAll(2, 1, out);
        assertEquals(2.0, out[0]);
        assertEquals(3.0, out[1]);
        assertEquals(6.0, out[2]);
    }

    @Test
    void sharedBetweenThreads() throws Exception {
        ExpressionLoss loss = new ExpressionLoss("log(1 + r^2) * sigmoid(p)");
        Thread[] threads = new Thread[4];
        boolean[] ok = new boolean[threads.length];
        for (int t = 0; t < threads.length; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                boolean good = true;
                for (int i = 0; i < 20000; i++) {
                    double p = (i % 100) / 10.0 - 5 + id;
                    double expected = Math.log(1 + p * p) * (1 / (1 + Math.exp(-p)));
                    good &= Math.abs(loss.value(p, 0) - expected) <= 1e-12 * (1 + Math.abs(expected));
                }
                ok[id] = good;
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (boolean b : ok) {
            assertTrue(b);
        }
    }
}
