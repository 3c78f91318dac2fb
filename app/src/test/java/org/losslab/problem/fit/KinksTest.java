package org.losslab.problem.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.losslab.testkit.Trials;

/** The 1-D kink minimiser against brute force over every kink and every gap's stationary point. */
class KinksTest {

    /** f(s) = sum L (t - s)^+ + R (s - t)^+ + q s^2 + c s, written out. */
    static double f(double[] t, double[] l, double[] r, double q, double c, double s) {
        double v = q * s * s + c * s;
        for (int i = 0; i < t.length; i++) {
            v += l[i] * Math.max(t[i] - s, 0) + r[i] * Math.max(s - t[i], 0);
        }
        return v;
    }

    @Test
    void minimumMatchesBruteForce() {
        Trials.forAll(31L, 2000, random -> {
            int m = 1 + random.nextInt(12);
            double[] t = new double[m];
            double[] l = new double[m];
            double[] r = new double[m];
            boolean ties = random.nextBoolean();
            for (int i = 0; i < m; i++) {
                t[i] = ties ? random.nextInt(4) : Trials.uniform(random, -5, 5);
                l[i] = random.nextInt(5) == 0 ? 0.0 : random.nextDouble();
                r[i] = random.nextInt(5) == 0 ? 0.0 : random.nextDouble();
            }
            double q = random.nextBoolean() ? 0.0 : Trials.uniform(random, 0.01, 2);
            double c = q > 0 && random.nextBoolean() ? Trials.uniform(random, -3, 3) : 0.0;
            Kinks k = new Kinks();
            for (int i = 0; i < m; i++) {
                k.add(t[i], l[i], r[i], i);
            }
            double s = k.minimize(q, c);
            // candidates: every kink, and for q > 0 the stationary point of every linear piece of f'
            double best = Double.POSITIVE_INFINITY;
            for (double ti : t) {
                best = Math.min(best, f(t, l, r, q, c, ti));
            }
            if (q > 0) {
                for (int g = 0; g <= m; g++) {
                    // slopes with g kinks below: try every split point implied by the sorted kinks
                    double[] sorted = t.clone();
                    java.util.Arrays.sort(sorted);
                    double lo = g == 0 ? Double.NEGATIVE_INFINITY : sorted[g - 1];
                    double hi = g == m ? Double.POSITIVE_INFINITY : sorted[g];
                    double mid = Double.isInfinite(lo) ? hi - 1 : Double.isInfinite(hi) ? lo + 1 : 0.5 * (lo + hi);
                    double slope = c;
                    for (int i = 0; i < m; i++) {
                        slope += t[i] < mid ? r[i] : -l[i];
                    }
                    double stationary = -slope / (2 * q);
                    if (stationary > lo && stationary < hi) {
                        best = Math.min(best, f(t, l, r, q, c, stationary));
                    }
                }
            }
            double mine = f(t, l, r, q, c, s);
            assertTrue(mine <= best + 1e-12 * (1 + Math.abs(best)), "f(" + s + ") = " + mine + " > " + best);
            if (q == 0) {
                int chosen = k.chosen();
                assertTrue(chosen >= 0, "a kink is chosen");
                assertEquals(t[chosen], s, "the chosen kink is the minimiser");
            }
        });
    }

    @Test
    void aWeightedMedian() {
        Kinks k = new Kinks();
        double[] t = {5, 1, 4, 2, 3};
        for (int i = 0; i < t.length; i++) {
            k.add(t[i], 1, 1, i);
        }
        assertEquals(3.0, k.minimize(0, 0));
        assertEquals(4, k.chosen());
    }

    @Test
    void aQuadraticWithoutKinks() {
        Kinks k = new Kinks();
        assertEquals(-0.75, k.minimize(2.0, 3.0), 0.0);
        assertEquals(-1, k.chosen());
    }
}
