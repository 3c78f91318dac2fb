package org.losslab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.losslab.optim.OptimizerKind;
import org.losslab.optim.OptimizerSpec;
import org.losslab.optim.Run;
import org.losslab.optim.RunStatus;
import org.losslab.problem.ProblemRegistry;
import org.losslab.ui.descent.DescentModel;

/**
 * The descent view-model: elapsed time drives the number of steps, a learning-rate change applies at the next step
 * without a reset, runs race from one start, divergence stops playback. Steps are checked against gradient descent
 * worked out here on f = (1 - x)^2 + 100 (y - x^2)^2.
 */
class DescentModelTest {

    /** Gradient of Rosenbrock, written out. */
    private static double[] rosenbrockGrad(double x, double y) {
        return new double[] {-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)};
    }

    @Test
    void elapsedTimeDrivesTheNumberOfSteps() {
        DescentModel m = new DescentModel(ProblemRegistry.create("bowl"));
        m.stepsPerSecondProperty().set(30);
        m.playingProperty().set(true);
        int taken = m.advance(500_000_000L); // half a second at 30 steps/s
        assertEquals(15, taken);
        taken = m.advance(50_000_000L); // 1.5 steps: one now, the half carried over
        assertEquals(1, taken);
        taken = m.advance(50_000_000L);
        assertEquals(2, taken);
        m.playingProperty().set(false);
        assertEquals(0, m.advance(1_000_000_000L), "paused: no steps");
    }

    @Test
    void gradientDescentStepsMatchAHandComputationAndARateChangeAppliesAtTheNextStep() {
        DescentModel m = new DescentModel(ProblemRegistry.create("rosenbrock"));
        m.setEnabled(1, false);
        m.setOptimizer(0, OptimizerSpec.defaults(OptimizerKind.SGD));
        m.setLearningRate(0, 1e-4);
        m.setStart(-1.5, 2.0);
        double x = -1.5;
        double y = 2.0;
        for (int k = 0; k < 3; k++) {
            m.stepAll();
            double[] g = rosenbrockGrad(x, y);
            x -= 1e-4 * g[0];
            y -= 1e-4 * g[1];
        }
        Run run = m.slots().get(0).run();
        assertEquals(x, run.theta1(), 1e-12);
        assertEquals(y, run.theta2(), 1e-12);
        // A new learning rate: same run (no reset), next step uses it.
        m.setLearningRate(0, 5e-4);
        assertEquals(3, m.slots().get(0).run().steps(), "no reset");
        m.stepAll();
        double[] g = rosenbrockGrad(x, y);
        x -= 5e-4 * g[0];
        y -= 5e-4 * g[1];
        assertEquals(x, m.slots().get(0).run().theta1(), 1e-12);
        assertEquals(y, m.slots().get(0).run().theta2(), 1e-12);
    }

    @Test
    void runsRaceFromTheSameStartAndDivergenceStopsPlayback() {
        DescentModel m = new DescentModel(ProblemRegistry.create("ravine:kappa=25,angle=0"));
        m.setStart(2, 1);
        for (DescentModel.Slot s : m.slots()) {
            if (s.run() != null) {
                assertEquals(2.0, s.run().trajectory().theta1(0), 0.0);
                assertEquals(1.0, s.run().trajectory().theta2(0), 0.0);
            }
        }
        // Ravine 0.5 (u^2 + 25 v^2): L = 25, 2/L = 0.08. Just above it, GD must diverge.
        m.setEnabled(1, false);
        m.setLearningRate(0, 0.085);
        m.stepsPerSecondProperty().set(1000);
        m.playingProperty().set(true);
        for (int i = 0; i < 100 && m.playingProperty().get(); i++) {
            m.advance(1_000_000_000L);
        }
        Run run = m.slots().get(0).run();
        assertEquals(RunStatus.DIVERGED, run.status());
        assertTrue(run.message().startsWith("diverged at step "), run.message());
        assertTrue(run.message().contains("2/L"), run.message());
        assertFalse(m.playingProperty().get(), "playback stops when no run can go on");
        for (int row = 0; row < run.trajectory().size(); row++) {
            assertTrue(Double.isFinite(run.trajectory().loss(row)), "no NaN or infinity in the trajectory");
        }
    }

    @Test
    void aStartWhereTheLossIsNotFiniteIsReportedNotThrown() {
        DescentModel m = new DescentModel(ProblemRegistry.create("bowl"));
        m.setStart(Double.NaN, 0);
        assertEquals(2, m.slots().stream().filter(s -> s.run() != null).count(), "a NaN start is ignored");
        assertNull(m.slots().get(0).error());
    }
}
