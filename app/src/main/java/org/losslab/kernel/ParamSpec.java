package org.losslab.kernel;

import java.util.Locale;

/**
 * One parameter of a loss: its name, default, valid range and a short description.
 *
 * <p>The range is {@code [min, max]} with each end open or closed as the flags say. Infinite ends are allowed
 * (Barron's {@code alpha} takes {@code -inf}). A value is valid when it is not NaN and lies in the range.
 *
 * @param name         identifier used in specs such as {@code huber:delta=1}
 * @param defaultValue value used when the spec does not name the parameter
 * @param min          lower end of the valid range
 * @param minInclusive whether {@code min} itself is valid
 * @param max          upper end of the valid range
 * @param maxInclusive whether {@code max} itself is valid
 * @param description  one line for tooltips and {@code eval --help}
 */
public record ParamSpec(String name, double defaultValue, double min, boolean minInclusive,
                        double max, boolean maxInclusive, String description) {

    /** A parameter valid on {@code (min, +inf)}. */
    public static ParamSpec positive(String name, double defaultValue, String description) {
        return new ParamSpec(name, defaultValue, 0, false, Double.POSITIVE_INFINITY, false, description);
    }

    /** A parameter valid on {@code [0, +inf)}. */
    public static ParamSpec nonNegative(String name, double defaultValue, String description) {
        return new ParamSpec(name, defaultValue, 0, true, Double.POSITIVE_INFINITY, false, description);
    }

    /** A parameter valid on the closed interval {@code [min, max]}. */
    public static ParamSpec closed(String name, double defaultValue, double min, double max, String description) {
        return new ParamSpec(name, defaultValue, min, true, max, true, description);
    }

    /** Whether {@code value} lies in the valid range. */
    public boolean accepts(double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        boolean aboveMin = minInclusive ? value >= min : value > min;
        boolean belowMax = maxInclusive ? value <= max : value < max;
        return aboveMin && belowMax;
    }

    /** The range in interval notation, for messages: {@code (0, inf)}, {@code [0, 1]}. */
    public String rangeText() {
        return (minInclusive ? "[" : "(") + format(min) + ", " + format(max) + (maxInclusive ? "]" : ")");
    }

    static String format(double v) {
        if (v == Double.POSITIVE_INFINITY) {
            return "inf";
        }
        if (v == Double.NEGATIVE_INFINITY) {
            return "-inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        return Double.toString(v);
    }
}
