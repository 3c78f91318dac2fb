package org.losslab.problem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Confusion matrices and ratios against counts made by hand. */
class ClassificationMetricsTest {

    @Test
    void binaryCountsByHand() {
        // actual    1 1 1 1 0 0 0 0 0 0
        // predicted 1 1 1 0 1 0 0 0 0 0   -> TP 3, FN 1, FP 1, TN 5
        int[] actual = {1, 1, 1, 1, 0, 0, 0, 0, 0, 0};
        int[] predicted = {1, 1, 1, 0, 1, 0, 0, 0, 0, 0};
        ClassificationMetrics m = new ClassificationMetrics(actual, predicted, 2);
        assertArrayEquals(new int[] {5, 1}, m.confusion()[0]);
        assertArrayEquals(new int[] {1, 3}, m.confusion()[1]);
        assertEquals(10, m.count());
        assertEquals(0.8, m.accuracy(), 1e-15);
        assertEquals(0.75, m.precision(), 1e-15);
        assertEquals(0.75, m.recall(), 1e-15);
        assertEquals(0.75, m.f1(), 1e-15);
        // class 0: TP 5, FP 1, FN 1 -> 5/6 each; macro F1 = (5/6 + 3/4) / 2
        assertEquals(5.0 / 6, m.precision(0), 1e-15);
        assertEquals(5.0 / 6, m.recall(0), 1e-15);
        assertEquals((5.0 / 6 + 0.75) / 2, m.macroF1(), 1e-15);
    }

    @Test
    void unevenPrecisionAndRecall() {
        // TP 1, FP 3, FN 0: precision 1/4, recall 1, F1 = 2 (1/4)(1) / (5/4) = 2/5
        ClassificationMetrics m = new ClassificationMetrics(new int[] {1, 0, 0, 0, 0}, new int[] {1, 1, 1, 1, 0}, 2);
        assertEquals(0.25, m.precision(), 1e-15);
        assertEquals(1.0, m.recall(), 1e-15);
        assertEquals(0.4, m.f1(), 1e-15);
        assertEquals(0.4, m.accuracy(), 1e-15);
    }

    @Test
    void noPredictedPositivesLeavesPrecisionUndefined() {
        // every point predicted 0: precision of class 1 is 0/0; recall 0/2 = 0; F1 = 0 / (2 + 0) = 0
        ClassificationMetrics m = new ClassificationMetrics(new int[] {1, 1, 0, 0, 0}, new int[] {0, 0, 0, 0, 0}, 2);
        assertTrue(Double.isNaN(m.precision()));
        assertFalse(m.isPrecisionDefined(1));
        assertEquals(0, m.predictedCount(1));
        assertEquals(0.0, m.recall(), 0.0);
        assertTrue(m.isRecallDefined(1));
        assertEquals(0.0, m.f1(), 0.0);
        assertEquals(0.6, m.accuracy(), 1e-15);
    }

    @Test
    void noActualPositivesLeavesRecallUndefined() {
        ClassificationMetrics m = new ClassificationMetrics(new int[] {0, 0, 0}, new int[] {0, 1, 0}, 2);
        assertTrue(Double.isNaN(m.recall()));
        assertFalse(m.isRecallDefined(1));
        assertEquals(0.0, m.precision(), 0.0);
        assertEquals(0.0, m.f1(), 0.0);
        // neither occurring nor predicted: F1 undefined, left out of the macro average
        ClassificationMetrics none = new ClassificationMetrics(new int[] {0, 0}, new int[] {0, 0}, 2);
        assertTrue(Double.isNaN(none.f1()));
        assertFalse(none.isF1Defined(1));
        assertEquals(1.0, none.macroF1(), 0.0);
        ClassificationMetrics empty = new ClassificationMetrics(new int[0], new int[0], 2);
        assertTrue(Double.isNaN(empty.accuracy()));
        assertTrue(Double.isNaN(empty.macroF1()));
    }

    @Test
    void threeClassesByHand() {
        // actual:    0 0 0 0 1 1 1 2 2 2
        // predicted: 0 0 1 2 1 1 0 2 2 1
        int[] actual = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
        int[] predicted = {0, 0, 1, 2, 1, 1, 0, 2, 2, 1};
        ClassificationMetrics m = new ClassificationMetrics(actual, predicted, 3);
        int[][] expected = {{2, 1, 1}, {1, 2, 0}, {0, 1, 2}};
        for (int a = 0; a < 3; a++) {
            assertArrayEquals(expected[a], m.confusion()[a], "row " + a);
        }
        assertEquals(0.6, m.accuracy(), 1e-15);
        // class 0: TP 2, predicted 3, actual 4 -> P 2/3, R 1/2, F1 4/7
        assertEquals(2.0 / 3, m.precision(0), 1e-15);
        assertEquals(0.5, m.recall(0), 1e-15);
        assertEquals(4.0 / 7, m.f1(0), 1e-15);
        // class 1: TP 2, predicted 4, actual 3 -> P 1/2, R 2/3, F1 4/7
        assertEquals(0.5, m.precision(1), 1e-15);
        assertEquals(2.0 / 3, m.recall(1), 1e-15);
        // class 2: TP 2, predicted 3, actual 3 -> 2/3 each
        assertEquals(2.0 / 3, m.f1(2), 1e-15);
        assertEquals((4.0 / 7 + 4.0 / 7 + 2.0 / 3) / 3, m.macroF1(), 1e-15);
    }

    @Test
    void aClassNeverPredictedAmongThree() {
        ClassificationMetrics m = new ClassificationMetrics(new int[] {0, 1, 2, 2}, new int[] {0, 1, 1, 0}, 3);
        assertTrue(Double.isNaN(m.precision(2)));
        assertEquals(0.0, m.recall(2), 0.0);
        assertEquals(0.0, m.f1(2), 0.0);
        // class 0: TP 1, pred 2, act 1 -> F1 2/3; class 1 the same; class 2: 0 -> macro (2/3 + 2/3 + 0) / 3
        assertEquals(4.0 / 9, m.macroF1(), 1e-15);
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ClassificationMetrics(new int[] {0}, new int[] {0}, 1));
        assertThrows(IllegalArgumentException.class, () -> new ClassificationMetrics(new int[] {0}, new int[0], 2));
        assertThrows(IllegalArgumentException.class, () -> new ClassificationMetrics(new int[] {2}, new int[] {0}, 2));
    }
}
