package org.losslab.ui.landscape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The step axis of the loss chart while runs play grows in round steps, always a little past the last step. */
class LossChartAxisTest {
    @Test
    void theStepAxisEndsAtTheNextRoundNumberPastTheLastStep() {
        assertEquals(10, LossChart.stepsShown(0));
        assertEquals(10, LossChart.stepsShown(9));
        // 2% of room: 10 steps need 10.2, so 20.
        assertEquals(20, LossChart.stepsShown(10));
        assertEquals(100, LossChart.stepsShown(98));
        assertEquals(200, LossChart.stepsShown(99));
        assertEquals(500, LossChart.stepsShown(300));
        assertEquals(1000, LossChart.stepsShown(500));
        assertEquals(50_000, LossChart.stepsShown(23_456));
        for (int last = 0; last < 100_000; last += 37) {
            double end = LossChart.stepsShown(last);
            assertEquals(true, end >= 1.02 * last, "room past step " + last);
            assertEquals(true, end <= Math.max(10, 2.5 * 1.02 * last + 1), "no more than one round step past " + last);
        }
    }
}
