package org.losslab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.losslab.problem.Model;
import org.losslab.problem.Problem;
import org.losslab.problem.Rosenbrock;

/**
 * n-dimensional optimizers and {@link ModelRun}: first steps in 3-D worked out by hand (the gradients written out
 * here from the previous hand-worked point), convergence at the step a closed form predicts, divergence with
 * rollback, and the 2-D case step for step equal to {@link Run}.
 */
class ModelRunTest {

    /** L = (1/2) sum a_i theta_i^2, gradient a_i theta_i, Hessian diag(a). */
    record Diagonal(double... a) implements Model {
        @Override
        public int dimension() {
            return a.length;
        }

        @Override
        public String[] parameterNames() {
            String[] s = new String[a.length];
            for (int i = 0; i < a.length; i++) {
                s[i] = "t" + (i + 1);
            }
            return s;
        }

        @Override
        public double value(double[] theta) {
            double s = 0;
            for (int i = 0; i < a.length; i++) {
                s += 0.5 * a[i] * theta[i] * theta[i];
            }
            return s;
        }

        @Override
        public double gradient(double[] theta, double[] g) {
            for (int i = 0; i < a.length; i++) {
                g[i] = a[i] * theta[i];
            }
            return value(theta);
        }

        @Override
        public boolean hessian(double[] theta, double[] h) {
            int n = a.length;
            java.util.Arrays.fill(h, 0, n * n, 0.0);
            for (int i = 0; i < n; i++) {
                h[i * n + i] = a[i];
            }
            return true;
        }

        @Override
        public double[] defaultStart() {
            return new double[] {1, -2, 0.5};
        }
    }

    // a = (1, 2, 4) from (1, -2, 0.5): g0 = (1, -4, 2)
    private static final Diagonal BOWL = new Diagonal(1, 2, 4);

    private static ModelRun run(String spec, double lr) {
        return ModelRun.builder(BOWL, OptimizerSpec.parse(spec)).learningRate(lr).tolerance(0).build();
    }

    @Test
    void sgdInThreeDimensions() {
        ModelRun r = run("sgd", 0.1);
        r.step();
        // theta - 0.1 (1, -4, 2)
        assertArrayEquals(new double[] {0.9, -1.6, 0.3}, r.theta(), 1e-15);
        r.step();
        // g1 = (0.9, -3.2, 1.2)
        assertArrayEquals(new double[] {0.81, -1.28, 0.18}, r.theta(), 1e-15);
        // loss (1/2)(0.81^2 + 2 1.28^2 + 4 0.18^2)
        assertEquals(0.5 * (0.6561 + 2 * 1.6384 + 4 * 0.0324), r.loss(), 1e-15);
        assertEquals(3, r.losses().length);
        assertEquals(0.5 * (1 + 8 + 1), r.losses()[0], 1e-15);
    }

    @Test
    void sgdWithWeightDecayInThreeDimensions() {
        ModelRun r = run("sgd:weight_decay=0.5", 0.1);
        r.step();
        // g + 0.5 theta = (1.5, -5, 2.25)
        assertArrayEquals(new double[] {0.85, -1.5, 0.275}, r.theta(), 1e-15);
    }

    @Test
    void momentumInThreeDimensions() {
        ModelRun r = run("momentum:momentum=0.9", 0.1);
        r.step();
        // b = g0 = (1, -4, 2): (0.9, -1.6, 0.3)
        assertArrayEquals(new double[] {0.9, -1.6, 0.3}, r.theta(), 1e-15);
        r.step();
        // g1 = (0.9, -3.2, 1.2); b = 0.9 (1, -4, 2) + g1 = (1.8, -6.8, 3); theta - 0.1 b
        assertArrayEquals(new double[] {0.72, -0.92, 0.0}, r.theta(), 1e-15);
        assertArrayEquals(new String[] {"v1", "v2", "v3"}, r.optimizer().stateNames());
        assertArrayEquals(new double[] {1.8, -6.8, 3}, r.optimizer().state(), 1e-15);
    }

    @Test
    void nesterovInThreeDimensions() {
        ModelRun r = run("nesterov:momentum=0.9", 0.1);
        r.step();
        // b = g0; d = g0 + 0.9 b = 1.9 g0; theta - 0.19 (1, -4, 2)
        assertArrayEquals(new double[] {0.81, -1.24, 0.12}, r.theta(), 1e-15);
    }

    @Test
    void adamInThreeDimensions() {
        ModelRun r = run("adam", 0.1);
        r.step();
        // m = 0.1 g, v = 0.001 g^2; step_size = 0.1 / 0.1 = 1; denom = sqrt(0.001) |g| / sqrt(0.001) + 1e-8
        double[] g = {1, -4, 2};
        double[] t0 = {1, -2, 0.5};
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            expected[i] = t0[i] - 0.1 * g[i] / (Math.abs(g[i]) + 1e-8);
        }
        assertArrayEquals(expected, r.theta(), 1e-12);
        assertArrayEquals(new double[] {0.9, -1.9, 0.4}, r.theta(), 1e-8);
        r.step();
        // g1 = (0.9, -3.8, 1.6) at (0.9, -1.9, 0.4); m = 0.09 g0 + 0.1 g1, v = 0.000999 g0^2 + 0.001 g1^2
        double[] g1 = {0.9, -3.8, 1.6};
        for (int i = 0; i < 3; i++) {
            double m = 0.9 * 0.1 * g[i] + 0.1 * g1[i];
            double v = 0.999 * 0.001 * g[i] * g[i] + 0.001 * g1[i] * g1[i];
            double mhat = m / (1 - 0.81);
            double vhat = v / (1 - 0.999 * 0.999);
            expected[i] = expected[i] - 0.1 * mhat / (Math.sqrt(vhat) + 1e-8);
        }
        assertArrayEquals(expected, r.theta(), 1e-10);
        assertArrayEquals(new String[] {"m1", "m2", "m3", "v1", "v2", "v3"}, r.optimizer().stateNames());
    }

    @Test
    void adagradInThreeDimensions() {
        ModelRun r = run("adagrad", 0.1);
        r.step();
        r.step();
        // step 1: s = g0^2 = (1, 16, 4); theta - 0.1 g0 / (|g0| + 1e-10) = (0.9, -1.9, 0.4) to 1e-10
        // step 2: g1 = (0.9, -3.8, 1.6); s = (1.81, 30.44, 6.56); theta - 0.1 g1 / sqrt(s)
        double[] g1 = {0.9, -3.8, 1.6};
        double[] s = {1.81, 30.44, 6.56};
        double[] t1 = {0.9, -1.9, 0.4};
        for (int i = 0; i < 3; i++) {
            assertEquals(t1[i] - 0.1 * g1[i] / Math.sqrt(s[i]), r.theta()[i], 1e-9, "coordinate " + i);
        }
        assertArrayEquals(new String[] {"sum1", "sum2", "sum3"}, r.optimizer().stateNames());
        assertArrayEquals(s, r.optimizer().state(), 1e-9);
    }

    @Test
    void rmspropInThreeDimensions() {
        ModelRun r = run("rmsprop", 0.01);
        r.step();
        // v = 0.01 g0^2, so sqrt(v) = 0.1 |g0|: theta - 0.01 g0 / (0.1 |g0| + 1e-8) = theta - 0.1 sign(g0)
        assertArrayEquals(new double[] {0.9, -1.9, 0.4}, r.theta(), 1e-7);
        assertEquals(9, r.optimizer().stateNames().length);
        assertEquals("buf3", r.optimizer().stateNames()[8]);
    }

    @Test
    void learningRateChangesApplyAtTheNextStep() {
        ModelRun r = run("sgd", 0.1);
        r.step();
        r.setLearningRate(0.2);
        assertEquals(0.1, r.lastLearningRate(), 0.0);
        r.step();
        // from (0.9, -1.6, 0.3) with g1 = (0.9, -3.2, 1.2) and lr 0.2
        assertArrayEquals(new double[] {0.72, -0.96, 0.06}, r.theta(), 1e-15);
        assertEquals(0.2, r.lastLearningRate(), 0.0);
    }

    @Test
    void convergesAtTheStepTheClosedFormPredicts() {
        // plain GD with lr 0.2: theta_i after k steps = theta_i0 (1 - 0.2 a_i)^k, so |grad|_k is known in closed form
        double tol = 1e-6;
        int expected = 0;
        double[] a = {1, 2, 4};
        double[] t0 = {1, -2, 0.5};
        while (true) {
            double s = 0;
            for (int i = 0; i < 3; i++) {
                double gi = a[i] * t0[i] * Math.pow(1 - 0.2 * a[i], expected);
                s += gi * gi;
            }
            if (Math.sqrt(s) < tol) {
                break;
            }
            expected++;
        }
        ModelRun r = ModelRun.builder(BOWL, OptimizerSpec.parse("sgd")).learningRate(0.2).tolerance(tol).build();
        int taken = r.run(10_000);
        assertEquals(RunStatus.CONVERGED, r.status());
        assertEquals(expected, taken);
        assertEquals(expected, r.steps());
        assertTrue(r.message().startsWith("converged at step " + expected + " (|∇| = "), r.message());
        assertFalse(r.step());
    }

    @Test
    void divergesOnASteepQuadraticWithTheLossBound() {
        // a1 = 100: lr 0.05 > 2/100, so theta1 is multiplied by 1 - 5 = -4 each step and the loss 50 * 16^k
        // passes 1e12 (the default bound) at the first k with 50 * 16^k > 1e12: k = 9
        Diagonal steep = new Diagonal(100, 1, 1);
        ModelRun r = ModelRun.builder(steep, OptimizerSpec.parse("sgd")).learningRate(0.05)
                .start(new double[] {1, 0, 0}).build();
        r.run(100);
        assertEquals(RunStatus.DIVERGED, r.status());
        assertEquals(9, r.steps());
        assertTrue(r.message().startsWith("diverged at step 9: the loss reached "), r.message());
        assertTrue(r.message().endsWith("; learning rate 0.05 is above the local stability limit 2/L = 0.02 at the start"),
                r.message());
    }

    @Test
    void anInfiniteLossRollsBackToTheLastFinitePoint() {
        Diagonal steep = new Diagonal(100, 1, 1);
        ModelRun r = ModelRun.builder(steep, OptimizerSpec.parse("sgd")).learningRate(0.05)
                .start(new double[] {1, 0, 0}).lossBound(Double.MAX_VALUE).thetaBound(Double.MAX_VALUE).build();
        r.run(1000);
        assertEquals(RunStatus.DIVERGED, r.status());
        assertTrue(r.message().contains(": the loss is infinite"), r.message());
        // theta1 = (-4)^k stays finite while 50 * 16^k does not: the first k with 50 * 16^k > MAX_VALUE
        int k = 0;
        while (50 * Math.pow(16, k) <= Double.MAX_VALUE) {
            k++;
        }
        assertEquals(k, r.steps());
        assertTrue(r.message().startsWith("diverged at step " + k + ": "), r.message());
        assertEquals(Math.pow(-4, k - 1), r.theta()[0], 0.0);
        assertArrayEquals(r.thetaAt(r.rows() - 1), r.theta(), 0.0);
        assertEquals(k, r.rows());
        for (double l : r.losses()) {
            assertTrue(Double.isFinite(l));
        }
        assertFalse(r.step());
    }

    @Test
    void twoDimensionalRunsMatchRunStepForStep() {
        Problem p = new Rosenbrock();
        Model m = new Model() {
            public int dimension() {
                return 2;
            }

            public String[] parameterNames() {
                return p.parameterNames();
            }

            public double value(double[] t) {
                return p.value(t[0], t[1]);
            }

            public double gradient(double[] t, double[] g) {
                return p.gradient(t[0], t[1], g);
            }

            public double[] defaultStart() {
                return new double[] {-1.5, 2};
            }
        };
        for (String spec : new String[] {"sgd", "momentum", "nesterov", "adagrad", "rmsprop:centered=true,momentum=0.5",
            "adam"}) {
            Run a = Run.builder(p, OptimizerSpec.parse(spec)).learningRate(1e-3).start(-1.5, 2).build();
            ModelRun b = ModelRun.builder(m, OptimizerSpec.parse(spec)).learningRate(1e-3).build();
            for (int s = 0; s < 200; s++) {
                a.step();
                b.step();
                assertEquals(a.theta1(), b.theta()[0], 0.0, spec + " step " + s);
                assertEquals(a.theta2(), b.theta()[1], 0.0, spec + " step " + s);
            }
        }
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> ModelRun.builder(BOWL, OptimizerSpec.parse("sgd")).start(new double[] {1, 2}).build());
        assertThrows(IllegalArgumentException.class,
                () -> ModelRun.builder(BOWL, OptimizerSpec.parse("sgd")).learningRate(-1));
        assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.parse("adam").create(0));
        assertEquals(2, OptimizerSpec.parse("adam").create().dimension());
        assertEquals(5, OptimizerSpec.parse("adam").create(5).dimension());
    }
}
