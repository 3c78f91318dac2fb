package org.losslab.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.losslab.kernel.ElementwiseLoss;
import org.losslab.kernel.Losses;

class ProblemRegistryTest {

    @Test
    void everyIdCreatesItsProblem() {
        ProblemOptions data = ProblemOptions.NONE.withData(new double[] {0, 1, 2}, new double[] {0, 1, 1});
        for (String id : ProblemRegistry.ids()) {
            Problem p = ProblemRegistry.isDataProblem(id) ? ProblemRegistry.create(id, data) : ProblemRegistry.create(id);
            assertEquals(id, p.id());
        }
        assertEquals(10, ProblemRegistry.ids().size());
    }

    @Test
    void bowlSettings() {
        QuadraticBowl b = (QuadraticBowl) ProblemRegistry.create("ravine:kappa=50, angle=30");
        assertEquals(50, b.kappa());
        assertEquals(30, b.angleDegrees());
        assertEquals(QuadraticBowl.RAVINE_KAPPA, ((QuadraticBowl) ProblemRegistry.create("ravine")).kappa());
        assertEquals(QuadraticBowl.BOWL_KAPPA, ((QuadraticBowl) ProblemRegistry.create("bowl")).kappa());
        double[] h = new double[3];
        b.hessian(0, 0, h);
        // trace 1 + kappa, determinant kappa
        assertEquals(51, h[0] + h[2], 1e-12);
        assertEquals(50, h[0] * h[2] - h[1] * h[1], 1e-9);
    }

    @Test
    void dataProblemsTakeLossAndPenalty() {
        ElementwiseLoss huber = (ElementwiseLoss) Losses.parse("huber:delta=2");
        Problem p = ProblemRegistry.create("linreg", ProblemOptions.NONE.withData(new double[] {0, 1},
                new double[] {1, 2}).withLoss(huber).withRegularizer(Regularizer.l1(0.5)));
        DataProblem d = assertInstanceOf(DataProblem.class, p);
        assertEquals("huber", d.loss().id());
        assertEquals(0.5, d.regularizer().l1());
        Problem l = ProblemRegistry.create("logreg", ProblemOptions.NONE.withData(new double[] {0, 1},
                new double[] {0, 1}));
        assertEquals("bce_logits", ((DataProblem) l).loss().id());
    }

    @Test
    void errorsAreOneLineAndSayWhatIsValid() {
        String m = assertThrows(IllegalArgumentException.class, () -> ProblemRegistry.create("banana")).getMessage();
        assertTrue(m.contains("unknown problem 'banana'") && m.contains("rosenbrock, himmelblau"), m);
        m = assertThrows(IllegalArgumentException.class, () -> ProblemRegistry.create("bowl:kappa=-1")).getMessage();
        assertTrue(m.contains("kappa of bowl"), m);
        m = assertThrows(IllegalArgumentException.class, () -> ProblemRegistry.create("bowl:tilt=3")).getMessage();
        assertTrue(m.contains("unknown setting 'tilt'") && m.contains("kappa, angle"), m);
        m = assertThrows(IllegalArgumentException.class, () -> ProblemRegistry.create("rosenbrock:a=1")).getMessage();
        assertTrue(m.contains("rosenbrock has no settings"), m);
        m = assertThrows(IllegalArgumentException.class, () -> ProblemRegistry.create("bowl:kappa=abc")).getMessage();
        assertTrue(m.contains("'abc' is not a number"), m);
        m = assertThrows(IllegalArgumentException.class, () -> ProblemRegistry.create("linreg")).getMessage();
        assertTrue(m.contains("linreg needs data"), m);
        m = assertThrows(IllegalArgumentException.class, () -> ProblemRegistry.create("saddle",
                ProblemOptions.NONE.withRegularizer(Regularizer.l2(1)))).getMessage();
        assertTrue(m.contains("analytic"), m);
        m = assertThrows(IllegalArgumentException.class, () -> ProblemRegistry.create("bowl:kappa")).getMessage();
        assertTrue(m.contains("key=value"), m);
        assertEquals(1, m.lines().count());
    }
}
