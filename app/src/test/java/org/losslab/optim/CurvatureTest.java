package org.losslab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.losslab.problem.ProblemRegistry;

class CurvatureTest {

    @Test
    void eigenvaluesOfSmallMatrices() {
        // [[2, 1], [1, 2]]: 1 and 3
        assertEquals(1.0, Curvature.lambdaMin(2, 1, 2), 1e-15);
        assertEquals(3.0, Curvature.lambdaMax(2, 1, 2), 1e-15);
        // diag(5, -2)
        assertEquals(-2.0, Curvature.lambdaMin(5, 0, -2), 1e-15);
        assertEquals(5.0, Curvature.lambdaMax(5, 0, -2), 1e-15);
        // singular [[1, 1], [1, 1]]: 0 and 2
        assertEquals(0.0, Curvature.lambdaMin(1, 1, 1), 0.0);
        assertEquals(2.0, Curvature.lambdaMax(1, 1, 1), 1e-15);
        // ill-conditioned: the small eigenvalue keeps its digits (no cancellation)
        assertEquals(1e-8, Curvature.lambdaMin(1e8, 0, 1e-8), 1e-22);
        // rotated diag(1, 1e6) by 30 degrees
        double c = Math.cos(Math.PI / 6);
        double s = Math.sin(Math.PI / 6);
        double a = c * c + 1e6 * s * s;
        double b = (1 - 1e6) * c * s;
        double d = s * s + 1e6 * c * c;
        assertEquals(1.0, Curvature.lambdaMin(a, b, d), 1e-9);
        assertEquals(1e6, Curvature.lambdaMax(a, b, d), 1e-8);
    }

    @Test
    void ratesFromCurvature() {
        assertEquals(0.1, Curvature.stabilityLimit(20), 1e-17);
        assertEquals(2.0 / 22, Curvature.bestConstantRate(2, 20), 1e-17);
        assertEquals(18.0 / 22, Curvature.bestConstantFactor(2, 20), 1e-15);
        assertEquals(2 * 1.9 / 20, Curvature.momentumLimit(20, 0.9), 1e-16);
        assertEquals(Double.POSITIVE_INFINITY, Curvature.stabilityLimit(0));
        // Polyak on [1, 100]: lr = 4 / (10 + 1)^2, mu = (9 / 11)^2
        double[] hb = Curvature.optimalHeavyBall(1, 100);
        assertEquals(4.0 / 121, hb[0], 1e-16);
        assertEquals(81.0 / 121, hb[1], 1e-15);
        assertEquals(0.1, Curvature.limitFor(OptimizerSpec.parse("sgd"), 20), 1e-16);
        assertEquals(0.19 / 0.5, Curvature.limitFor(OptimizerSpec.parse("momentum:dampening=0.5"), 20), 1e-15);
        // weight decay adds its coefficient to every curvature
        assertEquals(2.0 / 21, Curvature.limitFor(OptimizerSpec.parse("sgd:weight_decay=1"), 20), 1e-16);
        assertTrue(Double.isNaN(Curvature.limitFor(OptimizerSpec.parse("adam"), 20)));
    }

    @Test
    void problemCurvature() {
        double[] e = Curvature.quadraticEigenvalues(ProblemRegistry.create("ravine:kappa=30,angle=20"));
        assertEquals(1.0, e[0], 1e-12);
        assertEquals(30.0, e[1], 1e-12);
        // Rosenbrock at (1, 1): [[802, -400], [-400, 200]]
        double lmax = 501 + Math.sqrt(301 * 301 + 400 * 400);
        assertEquals(lmax, Curvature.localLambdaMax(ProblemRegistry.create("rosenbrock"), 1, 1), 1e-10);
        String m = assertThrows(IllegalArgumentException.class,
                () -> Curvature.quadraticEigenvalues(ProblemRegistry.create("rosenbrock"))).getMessage();
        assertTrue(m.contains("not quadratic"), m);
    }
}
