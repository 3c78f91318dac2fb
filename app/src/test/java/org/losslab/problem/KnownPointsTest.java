package org.losslab.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Minima, saddle points and values of the analytic landscapes against the published points and values worked
 * out by hand, and the defaults every problem must have.
 */
class KnownPointsTest {

    static Stream<Problem> analytic() {
        return Stream.of(QuadraticBowl.bowl(4, 0), QuadraticBowl.ravine(25, 0), QuadraticBowl.bowl(7, 35),
                new Rosenbrock(), new Himmelblau(), new Beale(), new Saddle(), new Rastrigin(), new PlateauCliff());
    }

    /** Published minima (to the digits usually quoted) of each landscape. */
    static List<double[]> published(String id) {
        switch (id) {
            case "rosenbrock":
                return List.of(new double[] {1, 1});
            case "himmelblau":
                return List.of(new double[] {3, 2}, new double[] {-2.805118, 3.131312},
                        new double[] {-3.779310, -3.283186}, new double[] {3.584428, -1.848126});
            case "beale":
                return List.of(new double[] {3, 0.5});
            case "saddle":
                return List.of();
            default:
                return List.of(new double[] {0, 0});
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("analytic")
    void knownMinimaAreThePublishedOnes(Problem p) {
        List<double[]> expected = published(p.id());
        List<double[]> actual = p.knownMinima();
        assertEquals(expected.size(), actual.size(), p.id() + ": number of minima");
        for (int i = 0; i < expected.size(); i++) {
            // the usual 6-decimal Himmelblau values are truncated, not rounded (3.1313125... is quoted 3.131312)
            assertEquals(expected.get(i)[0], actual.get(i)[0], 1e-6, p.id() + " minimum " + i + " x");
            assertEquals(expected.get(i)[1], actual.get(i)[1], 1e-6, p.id() + " minimum " + i + " y");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("analytic")
    void knownMinimaHaveZeroGradientAndAreLowerThanAllAround(Problem p) {
        double[] g = new double[2];
        for (double[] m : p.knownMinima()) {
            double f = p.gradient(m[0], m[1], g);
            assertEquals(0.0, Math.hypot(g[0], g[1]), 1e-9, p.id() + ": gradient at " + m[0] + ", " + m[1]);
            // independent of the gradient code: the value on circles around the point is higher
            for (double r : new double[] {1e-3, 1e-2}) {
                for (int k = 0; k < 16; k++) {
                    double a = 2 * Math.PI * k / 16;
                    double around = p.value(m[0] + r * Math.cos(a), m[1] + r * Math.sin(a));
                    assertTrue(around > f, p.id() + ": f" + m[0] + "," + m[1] + " = " + f + " not below " + around);
                }
            }
            assertTrue(p.defaultBounds().contains(m[0], m[1]), p.id() + ": minimum outside the view");
        }
    }

    @Test
    void publishedHimmelblauMinimaAreStationaryToTheirRounding() {
        // 6 truncated decimals leave up to 1e-6 per coordinate; with curvatures up to ~120 that allows a gradient
        // of ~1e-4, and the published values in fact give 3e-5 .. 4.2e-5 (so "1e-5" is out of reach for them).
        Himmelblau h = new Himmelblau();
        double[] g = new double[2];
        for (double[] m : published("himmelblau")) {
            h.gradient(m[0], m[1], g);
            assertTrue(Math.hypot(g[0], g[1]) < 1e-4, "gradient at " + m[0] + ", " + m[1]);
            // the gradient written out here: 4x(x^2 + y - 11) + 2(x + y^2 - 7), 2(x^2 + y - 11) + 4y(x + y^2 - 7)
            double x = m[0];
            double y = m[1];
            assertEquals(4 * x * (x * x + y - 11) + 2 * (x + y * y - 7), g[0], 1e-12);
            assertEquals(2 * (x * x + y - 11) + 4 * y * (x + y * y - 7), g[1], 1e-12);
            assertEquals(0.0, h.value(x, y), 1e-10, "f at a published minimum");
        }
    }

    @Test
    void himmelblauSaddlesAreSaddles() {
        Himmelblau h = new Himmelblau();
        double[] g = new double[2];
        List<double[]> saddles = h.knownSaddlePoints();
        assertEquals(4, saddles.size());
        for (double[] s : saddles) {
            h.gradient(s[0], s[1], g);
            assertEquals(0.0, Math.hypot(g[0], g[1]), 1e-9);
            // det of the Hessian 12x^2 + 4y - 42, 4(x + y), 12y^2 + 4x - 26 written out here is negative
            double x = s[0];
            double y = s[1];
            double det = (12 * x * x + 4 * y - 42) * (12 * y * y + 4 * x - 26) - 16 * (x + y) * (x + y);
            assertTrue(det < 0, "det " + det + " at " + x + ", " + y);
        }
    }

    @Test
    void saddleHasNoMinimumAndASaddleAtTheOrigin() {
        Saddle s = new Saddle();
        assertTrue(s.knownMinima().isEmpty());
        assertEquals(1, s.knownSaddlePoints().size());
        assertEquals(0.0, s.knownSaddlePoints().get(0)[0]);
        assertEquals(0.0, s.knownSaddlePoints().get(0)[1]);
        // up along x, down along y
        assertTrue(s.value(0.1, 0) > 0 && s.value(0, 0.1) < 0);
        assertEquals(1 - 4, s.value(1, 2), 0.0);
    }

    @Test
    void valuesWorkedByHand() {
        // (1 - (-1.5))^2 + 100 (2 - 2.25)^2 = 6.25 + 6.25
        assertEquals(12.5, new Rosenbrock().value(-1.5, 2), 1e-12);
        // (0 + 0 - 11)^2 + (0 + 0 - 7)^2 = 121 + 49
        assertEquals(170.0, new Himmelblau().value(0, 0), 1e-12);
        // at (1, 1): 1.5^2 + 2.25^2 + 2.625^2
        assertEquals(2.25 + 5.0625 + 6.890625, new Beale().value(1, 1), 1e-12);
        // at (0.5, 0): 20 + 0.25 - 10 cos(pi) + 0 - 10 cos 0 = 20.25
        assertEquals(20.25, new Rastrigin().value(0.5, 0), 1e-12);
        // each integer point is a local minimum of the cosine part: f(1, -2) = 20 + 1 - 10 + 4 - 10
        assertEquals(5.0, new Rastrigin().value(1, -2), 1e-12);
        // bowl kappa 4 turned 90 degrees: u = y, v = -x, f = (y^2 + 4 x^2)/2
        assertEquals(0.5 * (9 + 4 * 4), QuadraticBowl.bowl(4, 90).value(2, 3), 1e-12);
        // bowl kappa 9 at 45 degrees: u = (x + y)/sqrt2, v = (y - x)/sqrt2; at (1, 0): (1/2 + 9/2)/2
        assertEquals(2.5, QuadraticBowl.bowl(9, 45).value(1, 0), 1e-12);
        // plateau: 1/(1 + e^20) at the centre, 1/2 + 0.02 on the rim, about 1 + 0.02 * 6.25 at r = 2.5
        PlateauCliff pc = new PlateauCliff();
        assertEquals(1 / (1 + Math.exp(20)), pc.value(0, 0), 1e-22);
        assertEquals(0.52, pc.value(0.6, 0.8), 1e-12);
        assertEquals(1.125, pc.value(1.5, 2.0), 1e-9);
    }

    @Test
    void bowlEigenvaluesAreOneAndKappa() {
        double[] h = new double[3];
        for (double angle : new double[] {0, 17, 45, 90, -130}) {
            QuadraticBowl b = QuadraticBowl.bowl(12.5, angle);
            b.hessian(0.3, -0.2, h);
            // closed form of the eigenvalues of [[a, b], [b, c]]: trace and determinant
            assertEquals(1 + 12.5, h[0] + h[2], 1e-12);
            assertEquals(12.5, h[0] * h[2] - h[1] * h[1], 1e-12);
            // and the steep direction v = (-sin phi, cos phi) has curvature kappa
            double phi = Math.toRadians(angle);
            double vx = -Math.sin(phi);
            double vy = Math.cos(phi);
            assertEquals(12.5, h[0] * vx * vx + 2 * h[1] * vx * vy + h[2] * vy * vy, 1e-12);
        }
    }

    @Test
    void plateauIsFlatFarAwayAndSteepAtTheRim() {
        PlateauCliff pc = new PlateauCliff();
        double[] g = new double[2];
        pc.gradient(2.5, 0, g);
        // on the plateau only the tilt 0.02 s is left: slope 2 * 0.02 * 2.5 = 0.1
        assertEquals(0.1, Math.hypot(g[0], g[1]), 1e-12);
        pc.gradient(0, 1, g);
        // at the rim, d/dr = 2r (H/W) sigma(1 - sigma) + 2 E r = 2 * 20 * 0.25 + 0.04
        assertEquals(10.04, Math.hypot(g[0], g[1]), 1e-12);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("analytic")
    void defaultsAreConsistent(Problem p) {
        double[] s = p.defaultStart();
        assertTrue(p.defaultBounds().contains(s[0], s[1]), p.id() + ": start outside the view");
        assertEquals(2, p.parameterNames().length);
        assertTrue(!p.displayName().isEmpty() && !p.formula().isEmpty());
        double[] g = new double[2];
        p.gradient(s[0], s[1], g);
        assertTrue(Math.hypot(g[0], g[1]) > 1e-3, p.id() + ": starts where the gradient is too small to see");
    }
}
