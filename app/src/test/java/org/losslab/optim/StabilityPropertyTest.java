package org.losslab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.losslab.testkit.Trials;

/**
 * Gradient descent (and its momentum forms) on random symmetric positive definite 2x2 quadratics
 * H = R diag(l1, l2) R^T, where L = max(l1, l2) is known by construction: below the stability limit it converges,
 * above it diverges with a message that says so. The start R (1, 1) has a component along both eigenvectors.
 */
class StabilityPropertyTest {

    private static Run run(double l1, double l2, double angle, String optimizer, double lr) {
        TestQuadratic q = TestQuadratic.rotated(l1, l2, angle);
        double co = Math.cos(angle);
        double si = Math.sin(angle);
        Run r = Run.builder(q, OptimizerSpec.parse(optimizer)).learningRate(lr).start(co - si, si + co).build();
        r.run(1_000_000);
        return r;
    }

    @Test
    void gradientDescentObeysTwoOverL() {
        Trials.forAll(20240611L, 60, random -> {
            double l1 = Trials.uniform(random, 0.1, 10);
            double l2 = Trials.uniform(random, 0.1, 10);
            double angle = Trials.uniform(random, 0, 3.2);
            double limit = 2 / Math.max(l1, l2);
            Run below = run(l1, l2, angle, "sgd", 0.9 * limit);
            assertEquals(RunStatus.CONVERGED, below.status(), below.message());
            Run above = run(l1, l2, angle, "sgd", 1.1 * limit);
            assertEquals(RunStatus.DIVERGED, above.status());
            assertTrue(above.message().startsWith("diverged at step "), above.message());
            assertTrue(above.message().contains("is above the stability limit 2/L"), above.message());
            assertEquals(limit, Curvature.stabilityLimit(Curvature.quadraticEigenvalues(TestQuadratic.rotated(l1, l2,
                    angle))[1]), 1e-12 * limit);
        });
    }

    @Test
    void heavyBallObeysTwoOnePlusMuOverL() {
        Trials.forAll(20240612L, 40, random -> {
            double l1 = Trials.uniform(random, 0.1, 10);
            double l2 = Trials.uniform(random, 0.1, 10);
            double angle = Trials.uniform(random, 0, 3.2);
            double mu = Trials.uniform(random, 0, 0.9);
            // trace 1 + mu - h and determinant mu of the iteration on (theta, lr v): stable iff h < 2 (1 + mu)
            double limit = 2 * (1 + mu) / Math.max(l1, l2);
            assertEquals(limit, Curvature.momentumLimit(Math.max(l1, l2), mu), 1e-12 * limit);
            String spec = "momentum:momentum=" + mu;
            assertEquals(RunStatus.CONVERGED, run(l1, l2, angle, spec, 0.95 * limit).status());
            Run above = run(l1, l2, angle, spec, 1.05 * limit);
            assertEquals(RunStatus.DIVERGED, above.status());
            assertTrue(above.message().contains("is above the stability limit 2(1+μ)/L"), above.message());
        });
    }

    @Test
    void nesterovObeysItsLimit() {
        Trials.forAll(20240613L, 40, random -> {
            double l1 = Trials.uniform(random, 0.1, 10);
            double l2 = Trials.uniform(random, 0.1, 10);
            double angle = Trials.uniform(random, 0, 3.2);
            double mu = Trials.uniform(random, 0.05, 0.9);
            // torch's Nesterov: trace 1 + mu - h (1 + mu), determinant mu (1 - h): stable iff h < 2(1+mu)/(1+2mu)
            double limit = 2 * (1 + mu) / ((1 + 2 * mu) * Math.max(l1, l2));
            assertEquals(limit, Curvature.nesterovLimit(Math.max(l1, l2), mu), 1e-12 * limit);
            String spec = "nesterov:momentum=" + mu;
            assertEquals(RunStatus.CONVERGED, run(l1, l2, angle, spec, 0.95 * limit).status());
            assertEquals(RunStatus.DIVERGED, run(l1, l2, angle, spec, 1.05 * limit).status());
        });
    }
}
