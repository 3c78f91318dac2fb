package org.losslab.problem;

/**
 * A rectangle in parameter space: theta1 in [min1, max1], theta2 in [min2, max2].
 */
public record Bounds(double min1, double max1, double min2, double max2) {

    public Bounds {
        if (!(min1 < max1) || !(min2 < max2)) {
            throw new IllegalArgumentException("bounds need min < max on both axes");
        }
    }

    /** The theta1 value of column {@code i} of a grid with {@code n} columns spanning the bounds (cell centres at the ends). */
    public double theta1(int i, int n) {
        return n == 1 ? 0.5 * (min1 + max1) : min1 + (max1 - min1) * i / (n - 1);
    }

    /** The theta2 value of row {@code j} of a grid with {@code n} rows spanning the bounds. */
    public double theta2(int j, int n) {
        return n == 1 ? 0.5 * (min2 + max2) : min2 + (max2 - min2) * j / (n - 1);
    }

    /** Whether (theta1, theta2) lies in the closed rectangle. */
    public boolean contains(double theta1, double theta2) {
        return theta1 >= min1 && theta1 <= max1 && theta2 >= min2 && theta2 <= max2;
    }

    /** The largest absolute coordinate of the rectangle, max(|min1|, |max1|, |min2|, |max2|): its scale. */
    public double maxAbs() {
        return Math.max(Math.max(Math.abs(min1), Math.abs(max1)), Math.max(Math.abs(min2), Math.abs(max2)));
    }
}
