package org.losslab.testkit;

import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Property checks over many random cases with a fixed seed: each case gets its own generator, and a failure names
 * the case so it can be replayed. (A small harness of our own: the property-test library we first used asks not to
 * be used by AI agents, and this project respects that.)
 */
public final class Trials {
    private Trials() {
    }

    /** Runs {@code body} for {@code tries} cases drawn from {@code seed}. */
    public static void forAll(long seed, int tries, Consumer<SplittableRandom> body) {
        SplittableRandom root = new SplittableRandom(seed);
        for (int i = 0; i < tries; i++) {
            SplittableRandom caseRandom = root.split();
            try {
                body.accept(caseRandom);
            } catch (AssertionError e) {
                throw new AssertionError("case " + i + " of " + tries + " (seed " + seed + ") failed: "
                        + e.getMessage(), e);
            }
        }
    }

    /** A uniform double in [lo, hi). */
    public static double uniform(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    /** One of the given values, uniformly. */
    @SafeVarargs
    public static <T> T oneOf(SplittableRandom r, T... values) {
        return values[r.nextInt(values.length)];
    }

    /** One of the given doubles, uniformly. */
    public static double oneOfDoubles(SplittableRandom r, double... values) {
        return values[r.nextInt(values.length)];
    }
}
