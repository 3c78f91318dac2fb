package org.losslab.optim;

import java.util.Map;
import org.losslab.kernel.Loss;
import org.losslab.problem.SpecString;

/**
 * A learning-rate schedule: the rate lr_t used by the update that takes theta_t to theta_(t+1), t = 0, 1, 2, ...,
 * from the run's base rate lr (torch's schedulers after t calls to {@code scheduler.step()}):
 * <pre>
 *   constant                          lr_t = lr
 *   step:step_size=S,gamma=G          lr_t = lr G^floor(t / S)         (StepLR; defaults S = 100, G = 0.1)
 *   exp:gamma=G                       lr_t = lr G^t                    (ExponentialLR; default G = 0.99)
 *   inv:decay=D                       lr_t = lr / (1 + D t)            (1/t decay; default D = 0.01)
 * </pre>
 * Immutable.
 */
public final class Schedule {
    /** The schedule kinds. */
    public enum Kind {
        CONSTANT("constant"), STEP("step"), EXP("exp"), INV("inv");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** The spec name. */
        public String id() {
            return id;
        }
    }

    private static final Schedule CONSTANT = new Schedule(Kind.CONSTANT, 0, 1.0, 0.0);

    private final Kind kind;
    private final int stepSize;
    private final double gamma;
    private final double decay;

    private Schedule(Kind kind, int stepSize, double gamma, double decay) {
        this.kind = kind;
        this.stepSize = stepSize;
        this.gamma = gamma;
        this.decay = decay;
    }

    /** lr_t = lr. */
    public static Schedule constant() {
        return CONSTANT;
    }

    /** lr_t = lr gamma^floor(t / stepSize). */
    public static Schedule step(int stepSize, double gamma) {
        if (stepSize < 1) {
            throw new IllegalArgumentException("step_size of step must be an integer >= 1 (got " + stepSize + ")");
        }
        checkGamma(gamma, "step");
        return new Schedule(Kind.STEP, stepSize, gamma, 0.0);
    }

    /** lr_t = lr gamma^t. */
    public static Schedule exponential(double gamma) {
        checkGamma(gamma, "exp");
        return new Schedule(Kind.EXP, 0, gamma, 0.0);
    }

    /** lr_t = lr / (1 + decay t). */
    public static Schedule inverse(double decay) {
        if (!(decay >= 0) || !Double.isFinite(decay)) {
            throw new IllegalArgumentException("decay of inv must be in [0, inf) and finite (got "
                    + Loss.formatParam(decay) + ")");
        }
        return new Schedule(Kind.INV, 0, 1.0, decay);
    }

    private static void checkGamma(double gamma, String id) {
        if (!(gamma > 0) || !Double.isFinite(gamma)) {
            throw new IllegalArgumentException("gamma of " + id + " must be in (0, inf) and finite (got "
                    + Loss.formatParam(gamma) + ")");
        }
    }

    /**
     * Parses {@code constant}, {@code step[:step_size=S,gamma=G]}, {@code exp[:gamma=G]} or {@code inv[:decay=D]}.
     *
     * @throws IllegalArgumentException one line for an unknown schedule, key or bad value
     */
    public static Schedule parse(String spec) {
        SpecString parsed = SpecString.parse(spec, "schedule");
        String name = parsed.name();
        Map<String, String> values = parsed.values();
        switch (name) {
            case "constant":
                keys(name, values, "");
                return CONSTANT;
            case "step": {
                keys(name, values, "step_size, gamma");
                int size = 100;
                if (values.containsKey("step_size")) {
                    double s = SpecString.number(values.get("step_size"), "step_size of step");
                    if (s != Math.rint(s) || s < 1 || s > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException("step_size of step must be an integer >= 1 (got "
                                + values.get("step_size") + ")");
                    }
                    size = (int) s;
                }
                double g = values.containsKey("gamma") ? SpecString.number(values.get("gamma"), "gamma of step") : 0.1;
                return step(size, g);
            }
            case "exp":
                keys(name, values, "gamma");
                return exponential(values.containsKey("gamma")
                        ? SpecString.number(values.get("gamma"), "gamma of exp") : 0.99);
            case "inv":
                keys(name, values, "decay");
                return inverse(values.containsKey("decay")
                        ? SpecString.number(values.get("decay"), "decay of inv") : 0.01);
            default:
                throw new IllegalArgumentException("unknown schedule '" + name + "'; valid names: constant, step, exp, inv");
        }
    }

    private static void keys(String name, Map<String, String> values, String allowed) {
        for (String key : values.keySet()) {
            if (allowed.isEmpty()) {
                throw new IllegalArgumentException("unknown setting '" + key + "': " + name + " has no settings");
            }
            if (!(", " + allowed + ",").contains(", " + key + ",")) {
                throw new IllegalArgumentException("unknown setting '" + key + "' for schedule " + name
                        + "; its settings: " + allowed);
            }
        }
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The rate for the update after {@code t} completed steps.
     *
     * @param base the run's base learning rate
     * @param t    steps completed, from 0
     */
    public double rate(double base, long t) {
        switch (kind) {
            case STEP:
                return base * Math.pow(gamma, (double) (t / stepSize));
            case EXP:
                return base * Math.pow(gamma, (double) t);
            case INV:
                return base / (1.0 + decay * t);
            default:
                return base;
        }
    }

    /** The spec that {@link #parse} turns back into this schedule. */
    public String spec() {
        switch (kind) {
            case STEP:
                return "step:step_size=" + stepSize + ",gamma=" + Loss.formatParam(gamma);
            case EXP:
                return "exp:gamma=" + Loss.formatParam(gamma);
            case INV:
                return "inv:decay=" + Loss.formatParam(decay);
            default:
                return "constant";
        }
    }

    @Override
    public String toString() {
        return spec();
    }
}
