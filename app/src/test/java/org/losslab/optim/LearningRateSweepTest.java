package org.losslab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LearningRateSweepTest {

    @Test
    void logSpacedRates() {
        double[] r = LearningRateSweep.logSpaced(1e-3, 1, 4);
        assertEquals(1e-3, r[0]);
        assertEquals(1e-2, r[1], 1e-17);
        assertEquals(1e-1, r[2], 1e-16);
        assertEquals(1.0, r[3]);
        assertThrows(IllegalArgumentException.class, () -> LearningRateSweep.logSpaced(0, 1, 4));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSweep.logSpaced(1, 1, 4));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSweep.logSpaced(1e-3, 1, 1));
    }

    @Test
    void ratesAboveTwoOverLDivergeAndBelowDoNot() {
        List<int[]> calls = new ArrayList<>();
        LearningRateSweep.Result result = new LearningRateSweep(TestQuadratic.steep(), OptimizerSpec.parse("sgd"))
                .steps(200).rates(1.1e-3, 1.1, 40).run((done, total) -> calls.add(new int[] {done, total}), null);
        assertFalse(result.cancelled());
        assertEquals(40, result.points().size());
        double ratio = Math.pow(1000, 1.0 / 39);
        for (int i = 0; i < 40; i++) {
            LearningRateSweep.Point p = result.points().get(i);
            assertEquals(1.1e-3 * Math.pow(ratio, i), p.learningRate(), 1e-12 * p.learningRate());
            // 2/L = 0.1 for f = x^2 + 10 y^2
            assertEquals(p.learningRate() > 0.1, p.diverged(), "rate " + p.learningRate());
            assertTrue(Double.isFinite(p.finalLoss()));
            assertEquals(i + 1, calls.get(i)[0]);
            assertEquals(40, calls.get(i)[1]);
        }
        // the smallest rate after 200 steps: the x error shrinks by (1 - 2 * 0.0011) per step, y by (1 - 0.022)
        LearningRateSweep.Point first = result.points().get(0);
        double x = Math.pow(1 - 2 * 1.1e-3, 200);
        double y = Math.pow(1 - 20 * 1.1e-3, 200);
        assertEquals(x * x + 10 * y * y, first.finalLoss(), 1e-12);
        assertEquals(RunStatus.RUNNING, first.status());
        assertEquals(200, first.steps());
        double d = result.firstDivergentRate();
        assertTrue(d > 0.1 && d < 0.1 * ratio, "first divergent rate " + d);
    }

    @Test
    void cancellationStopsBetweenRates() {
        AtomicInteger done = new AtomicInteger();
        LearningRateSweep.Result result = new LearningRateSweep(TestQuadratic.steep(), OptimizerSpec.parse("sgd"))
                .steps(50).run((n, total) -> done.set(n), () -> done.get() >= 5);
        assertTrue(result.cancelled());
        assertEquals(5, result.points().size());
    }

    @Test
    void cancellationInsideALongRun() {
        AtomicInteger polls = new AtomicInteger();
        LearningRateSweep.Result result = new LearningRateSweep(TestQuadratic.steep(), OptimizerSpec.parse("sgd"))
                .steps(1_000_000).rates(1e-6, 1e-5, 3).tolerance(0).run(null, () -> polls.incrementAndGet() > 3);
        assertTrue(result.cancelled());
        assertEquals(0, result.points().size());
        assertEquals(4, polls.get(), "polled before the first rate, then every 256 steps");
    }

    @Test
    void bestAndFirstDivergent() {
        LearningRateSweep.Result r = new LearningRateSweep.Result(List.of(
                new LearningRateSweep.Point(0.01, 3.0, RunStatus.RUNNING, 10, ""),
                new LearningRateSweep.Point(0.1, 0.5, RunStatus.CONVERGED, 4, "converged"),
                new LearningRateSweep.Point(1, 0.1, RunStatus.DIVERGED, 2, "diverged")), false);
        assertEquals(1, r.bestIndex());
        assertEquals(1.0, r.firstDivergentRate());
    }
}
