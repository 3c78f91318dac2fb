package org.losslab.kernel;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.DoubleUnaryOperator;

/** Small numeric helpers for the kernel tests: tolerant comparison and central finite differences. */
final class Approx {
    private Approx() {
    }

    /** Fails unless |actual - expected| <= abs + rel * |expected| (and both are finite or both equal). */
    static void assertClose(double expected, double actual, double rel, double abs, String what) {
        if (Double.isNaN(actual) || Double.isNaN(expected)) {
            fail(what + ": expected " + expected + " but was " + actual);
        }
        if (expected == actual) {
            return;
        }
        double err = Math.abs(actual - expected);
        double allowed = abs + rel * Math.abs(expected);
        if (!(err <= allowed)) {
            fail(what + ": expected " + expected + " but was " + actual + " (error " + err + " > " + allowed + ")");
        }
    }

    /** Fails unless actual is within {@code abs} of expected. */
    static void assertNear(double expected, double actual, double abs, String what) {
        assertClose(expected, actual, 0.0, abs, what);
    }

    /**
     * The central difference (f(x + h) - f(x - h)) / (2h), dividing by the step actually taken after rounding
     * x + h and x - h.
     */
    static double centralDifference(DoubleUnaryOperator f, double x, double h) {
        double up = x + h;
        double down = x - h;
        return (f.applyAsDouble(up) - f.applyAsDouble(down)) / (up - down);
    }

    /** Fails unless every entry is a finite number. */
    static void assertAllFinite(double[] values, String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                fail(what + "[" + i + "] is not finite: " + values[i]);
            }
        }
    }
}
