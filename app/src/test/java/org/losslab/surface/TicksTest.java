package org.losslab.surface;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.losslab.testkit.Trials;

class TicksTest {
    @Test
    void linearTicksAreRoundAndEvenlySpaced() {
        assertArrayEquals(new double[] {0.0, 0.2, 0.4, 0.6, 0.8, 1.0}, Ticks.linear(0.0, 1.0, 6));
        assertArrayEquals(new double[] {0.0, 5.0, 10.0}, Ticks.linear(-3.7, 12.2, 5));
        assertArrayEquals(new double[] {-20.0, 0.0, 20.0, 40.0}, Ticks.linear(-27.0, 51.0, 5));
        assertArrayEquals(new double[] {0.3, 0.31, 0.32}, Ticks.linear(0.3, 0.32, 3));
        assertArrayEquals(new double[] {1e-6, 2e-6, 3e-6}, Ticks.linear(1e-6, 3.2e-6, 4));
        assertArrayEquals(new double[] {1e-6, 2e-6, 3e-6}, Ticks.linear(1e-6, 3.2e-6, 3), "finer step to get two ticks");
        assertArrayEquals(new double[] {0.5, 1.0}, Ticks.linear(0.01, 1.02, 2));
        assertArrayEquals(new double[] {4.0}, Ticks.linear(4.0, 4.0, 5));
    }

    @Test
    void linearTicksStayInRangeWithinTheBudget() {
        Trials.forAll(300, 300, r -> linearTicksCase(Trials.uniform(r, -1e6, 1e6), Trials.uniform(r, 1.0, 10.0),
                -6 + r.nextInt(13), 2 + r.nextInt(11)));
    }

    private static void linearTicksCase(double a, double mantissa, int exponent, int n) {
        double span = mantissa * Math.pow(10, exponent);
        double[] t = Ticks.linear(a, a + span, n);
        assertTrue(t.length <= n, "at most n ticks");
        assertTrue(t.length >= Math.min(2, n) - 1, "at least one tick");
        double tol = 1e-9 * Math.max(span, Math.abs(a));
        for (int k = 0; k < t.length; k++) {
            assertTrue(t[k] >= a - tol && t[k] <= a + span + tol);
            if (k > 0) {
                assertEquals(t[1] - t[0], t[k] - t[k - 1], tol);
            }
        }
        if (t.length >= 2) {
            double step = t[1] - t[0];
            double m = step / Math.pow(10, Math.floor(Math.log10(step * 1.0001)));
            assertTrue(Math.abs(m - 1) < 1e-3 || Math.abs(m - 2) < 1e-3 || Math.abs(m - 5) < 1e-3, "step " + step);
        }
    }

    @Test
    void logTicksPreferPowersOfTenAndKeepTheirDistance() {
        ColorScale scale = ColorScale.log(0.37, 1200.0);
        double[] t = Ticks.log(scale, 6);
        assertTrue(t.length >= 4 && t.length <= 6, java.util.Arrays.toString(t));
        for (double p : new double[] {1.0, 10.0, 100.0, 1000.0}) {
            assertTrue(java.util.Arrays.binarySearch(t, p) >= 0, p + " in " + java.util.Arrays.toString(t));
        }
        for (int k = 0; k < t.length; k++) {
            assertTrue(t[k] >= 0.37 && t[k] <= 1200.0);
            if (k > 0) {
                assertTrue(t[k] > t[k - 1]);
                assertTrue(scale.position(t[k]) - scale.position(t[k - 1]) >= 1.0 / 6 - 1e-12);
            }
        }
        // a surface that touches 0: the stretched bottom gets fine round values
        double[] z = Ticks.log(ColorScale.log(0.0, 2500.0, 1e-4), 8);
        assertEquals(0.0, z[0]);
        assertTrue(z.length >= 5, java.util.Arrays.toString(z));
        // linear dispatch
        assertArrayEquals(Ticks.linear(0, 1, 5), Ticks.of(ColorScale.linear(0, 1), 5));
    }

    @Test
    void labelsAreShort() {
        assertEquals("0.3", Ticks.format(0.1 * 3));
        assertEquals("0", Ticks.format(0.0));
        assertEquals("1200", Ticks.format(1200.0));
        assertEquals("-2.5", Ticks.format(-2.5));
        assertEquals("1.5e-05", Ticks.format(1.5e-5));
        assertEquals("2e+07", Ticks.format(2e7));
        assertEquals("0.0001", Ticks.format(1e-4));
    }
}
