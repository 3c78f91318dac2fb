package org.losslab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.problem.Bounds;
import org.losslab.problem.Problem;
import org.losslab.problem.ProblemRegistry;

class RunTest {

    /** f = -x for x &lt;= 2 and NaN beyond; gradient (-1, 0) everywhere: descent walks right into the NaN. */
    static class NanBeyondTwo implements Problem {
        @Override
        public String id() {
            return "nan-beyond-two";
        }

        @Override
        public String displayName() {
            return id();
        }

        @Override
        public String[] parameterNames() {
            return new String[] {"x", "y"};
        }

        @Override
        public double value(double x, double y) {
            return x <= 2 ? -x : Double.NaN;
        }

        @Override
        public double gradient(double x, double y, double[] g) {
            g[0] = -1;
            g[1] = 0;
            return value(x, y);
        }

        @Override
        public boolean hessian(double x, double y, double[] h) {
            return false;
        }

        @Override
        public Bounds defaultBounds() {
            return new Bounds(-3, 3, -3, 3);
        }

        @Override
        public List<double[]> knownMinima() {
            return List.of();
        }

        @Override
        public double[] defaultStart() {
            return new double[] {0, 0};
        }
    }

    private static void assertAllFinite(Trajectory t) {
        for (int i = 0; i < t.size(); i++) {
            assertEquals(i, t.step(i));
            assertTrue(Double.isFinite(t.theta1(i)) && Double.isFinite(t.theta2(i)) && Double.isFinite(t.loss(i))
                    && Double.isFinite(t.gradNorm(i)), "row " + i + " is not finite");
        }
    }

    @Test
    void rowsAreStartThenEachStep() {
        Run run = Run.builder(TestQuadratic.steep(), OptimizerSpec.parse("sgd")).learningRate(0.01).build();
        assertEquals(RunStatus.RUNNING, run.status());
        assertEquals(2, run.run(2));
        Trajectory t = run.trajectory();
        assertEquals(3, t.size());
        // row 0: (1, 1), f = 1 + 10, |(2, 20)|
        assertEquals(1.0, t.theta1(0));
        assertEquals(1.0, t.theta2(0));
        assertEquals(11.0, t.loss(0), 1e-15);
        assertEquals(Math.sqrt(404), t.gradNorm(0), 1e-13);
        // row 1: (0.98, 0.8), f = 0.9604 + 6.4, |(1.96, 16)|
        assertEquals(0.98, t.theta1(1), 1e-15);
        assertEquals(0.8, t.theta2(1), 1e-15);
        assertEquals(7.3604, t.loss(1), 1e-14);
        assertEquals(Math.hypot(1.96, 16), t.gradNorm(1), 1e-13);
        // row 2: (0.9604, 0.64)
        assertEquals(0.9604, t.theta1(2), 1e-15);
        assertEquals(0.64, t.theta2(2), 1e-15);
        assertEquals(0.9604 * 0.9604 + 10 * 0.64 * 0.64, t.loss(2), 1e-14);
        assertEquals(2, run.steps());
        assertEquals(0.9604, run.theta1(), 1e-15);
    }

    @Test
    void convergesWhenTheGradientIsSmall() {
        // best constant rate for curvatures 2 and 20: 2 / 22
        Run run = Run.builder(TestQuadratic.steep(), OptimizerSpec.parse("sgd")).learningRate(2.0 / 22).build();
        int taken = run.run(100000);
        assertEquals(RunStatus.CONVERGED, run.status());
        assertEquals(taken, run.steps());
        Trajectory t = run.trajectory();
        assertTrue(t.gradNorm(t.lastRow()) < 1e-8);
        assertTrue(t.gradNorm(t.lastRow() - 1) >= 1e-8, "stops at the first row below the tolerance");
        assertTrue(run.message().startsWith("converged at step " + taken + " (|∇| = "), run.message());
        assertFalse(run.step(), "a stopped run takes no more steps");
        assertEquals(taken + 1, t.size());
        // each step shrinks both errors by (1 - 2 * 2/22) = 9/11 in magnitude: |grad| = sqrt(404) (9/11)^k
        double expected = Math.sqrt(404) * Math.pow(9.0 / 11, taken);
        assertEquals(expected, t.gradNorm(t.lastRow()), 1e-6 * expected);
    }

    @Test
    void divergesAboveTwoOverLAndSaysSo() {
        Run run = Run.builder(TestQuadratic.steep(), OptimizerSpec.parse("sgd")).learningRate(0.11).build();
        run.run(10000);
        assertEquals(RunStatus.DIVERGED, run.status());
        String m = run.message();
        assertTrue(m.startsWith("diverged at step " + run.steps() + ": "), m);
        assertTrue(m.contains("learning rate 0.11 is above the stability limit 2/L = 0.1"), m);
        assertAllFinite(run.trajectory());
        assertEquals(run.steps() + 1, run.trajectory().size(), "the diverged step is recorded when it is finite");
        // y is multiplied by (1 - 0.11 * 20) = -1.2 per step; it passes the default theta bound 1e6 after
        // ceil(log(1e6) / log(1.2)) = 76 steps, unless the loss 10 y^2 passes 1e12 first (|y| > 316228, 70 steps)
        assertEquals((int) Math.ceil(Math.log(Math.sqrt(1e12 / 10)) / Math.log(1.2)), run.steps());
    }

    @Test
    void aNanLossStopsTheRunAtTheLastFinitePoint() {
        Run run = Run.builder(new NanBeyondTwo(), OptimizerSpec.parse("sgd")).learningRate(1).build();
        assertEquals(3, run.run(10));
        assertEquals(RunStatus.DIVERGED, run.status());
        assertEquals("diverged at step 3: the loss is NaN", run.message());
        // rows 0, 1, 2 (x = 0, 1, 2); step 3 (x = 3) had no finite loss, so theta went back to x = 2
        assertEquals(3, run.trajectory().size());
        assertEquals(2.0, run.theta1());
        assertEquals(-2.0, run.loss());
        assertAllFinite(run.trajectory());
    }

    @Test
    void thetaBoundStopsARunaway() {
        Run run = Run.builder(new NanBeyondTwo() {
            @Override
            public double value(double x, double y) {
                return -x;
            }
        }, OptimizerSpec.parse("sgd")).learningRate(1).thetaBound(10).build();
        run.run(100);
        assertEquals(RunStatus.DIVERGED, run.status());
        assertEquals("diverged at step 11: |θ| reached 11, beyond the bound 10", run.message());
        assertEquals(12, run.trajectory().size());
        assertEquals(11.0, run.trajectory().theta1(11));
    }

    @Test
    void saddleRunsOffDownhill() {
        Run run = Run.builder(ProblemRegistry.create("saddle"), OptimizerSpec.parse("sgd")).learningRate(0.1).build();
        run.run(100000);
        assertEquals(RunStatus.DIVERGED, run.status());
        assertTrue(run.message().contains("negative eigenvalue (-2)"), run.message());
    }

    @Test
    void rosenbrockMessageNamesTheLocalLimit() {
        Run run = Run.builder(ProblemRegistry.create("rosenbrock"), OptimizerSpec.parse("sgd")).learningRate(0.01)
                .start(-1.5, 2).build();
        run.run(1000);
        assertEquals(RunStatus.DIVERGED, run.status());
        // Hessian at (-1.5, 2): [2 - 800 + 2700, 600; 600, 200] = [1902, 600; 600, 200]
        double a = 1902;
        double b = 600;
        double c = 200;
        double lmax = (a + c) / 2 + Math.sqrt((a - c) * (a - c) / 4 + b * b);
        String limit = String.format(java.util.Locale.ROOT, "%.4g", 2 / lmax);
        assertTrue(run.message().contains("above the local stability limit 2/L = " + limit + " at the start"),
                run.message() + " vs " + limit);
    }

    @Test
    void learningRateChangesWithoutLosingMomentum() {
        Run run = Run.builder(TestQuadratic.steep(), OptimizerSpec.parse("momentum:momentum=0.9")).learningRate(0.01)
                .build();
        run.step();
        run.setLearningRate(0.02);
        run.step();
        // step 1: v = (2, 20), theta = (0.98, 0.8); step 2: g = (1.96, 16), v = 0.9 (2, 20) + g = (3.76, 34),
        // theta = (0.98 - 0.02 * 3.76, 0.8 - 0.02 * 34)
        assertEquals(0.9048, run.theta1(), 1e-15);
        assertEquals(0.12, run.theta2(), 1e-15);
        assertEquals(0.02, run.lastLearningRate());
    }

    @Test
    void scheduleSetsTheRateOfEachStep() {
        Run run = Run.builder(TestQuadratic.steep(), OptimizerSpec.parse("sgd")).learningRate(0.01)
                .schedule(Schedule.parse("step:step_size=1,gamma=0.5")).build();
        assertEquals(0.01, run.nextLearningRate());
        run.run(2);
        // lr 0.01 then 0.005: (0.98, 0.8), then (0.98 - 0.005 * 1.96, 0.8 - 0.005 * 16)
        assertEquals(0.9702, run.theta1(), 1e-15);
        assertEquals(0.72, run.theta2(), 1e-15);
        assertEquals(0.0025, run.nextLearningRate());
    }

    @Test
    void zeroToleranceNeverConverges() {
        Run run = Run.builder(TestQuadratic.steep(), OptimizerSpec.parse("sgd")).learningRate(0.05).tolerance(0)
                .build();
        assertEquals(5000, run.run(5000));
        assertEquals(RunStatus.RUNNING, run.status());
        assertEquals(5001, run.trajectory().size());
        run.setTolerance(1e-3);
        assertEquals(RunStatus.CONVERGED, run.status());
        assertTrue(run.message().startsWith("converged at step 5000"), run.message());
    }

    @Test
    void defaultsAndBadSettings() {
        Run run = Run.builder(TestQuadratic.steep(), OptimizerSpec.parse("adam")).build();
        assertEquals(1e-3, run.learningRate());
        assertEquals(1.0, run.theta1());
        assertEquals(1e12, run.lossBound());
        assertEquals(1e6, run.thetaBound());
        assertThrows(IllegalArgumentException.class,
                () -> Run.builder(TestQuadratic.steep(), OptimizerSpec.parse("sgd")).learningRate(Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> Run.builder(TestQuadratic.steep(), OptimizerSpec.parse("sgd")).start(Double.POSITIVE_INFINITY, 0));
        String m = assertThrows(IllegalArgumentException.class,
                () -> Run.builder(TestQuadratic.steep(), OptimizerSpec.parse("sgd")).batchSize(4)).getMessage();
        assertTrue(m.contains("need a data problem"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> Run.builder(new NanBeyondTwo(), OptimizerSpec.parse("sgd")).start(5, 0).build()).getMessage();
        assertTrue(m.contains("not finite at the start"), m);
    }

    @Test
    void startAtTheMinimumConvergesAtStepZero() {
        Run run = Run.builder(TestQuadratic.steep(), OptimizerSpec.parse("sgd")).start(0, 0).build();
        assertEquals(RunStatus.CONVERGED, run.status());
        assertEquals("converged at step 0 (|∇| = 0)", run.message());
        assertEquals(0, run.run(10));
        assertEquals(1, run.trajectory().size());
    }
}
