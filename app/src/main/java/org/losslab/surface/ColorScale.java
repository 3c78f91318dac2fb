package org.losslab.surface;

/**
 * Maps a loss value to a position in [0, 1] along a colour map, linearly or logarithmically.
 *
 * <h2>Linear</h2>
 * <pre>  pos(v) = (v - min) / (max - min)  </pre>
 *
 * <h2>Log</h2>
 * Loss surfaces span decades (Rosenbrock: 0 in the valley, thousands on the rim) and may touch 0, so the log is
 * taken of the value above the minimum plus a floor eps:
 * <pre>
 *   pos(v) = ln((v - min) + eps) - ln(eps)
 *            -----------------------------         eps = epsilon_rel * (max - min)
 *            ln((max - min) + eps) - ln(eps)
 * </pre>
 * so pos(min) = 0 and pos(max) = 1 exactly, whatever the sign of min. eps sets how many decades the map resolves:
 * about log10(1 / epsilon_rel); the default {@link #DEFAULT_LOG_EPSILON} = 1e-3 gives three decades below the
 * range, enough to separate a valley floor from its walls without spending the colours on rounding noise.
 *
 * <p>Values outside [min, max] clamp to 0 or 1; NaN stays NaN (drawn transparent by {@link ColorMap}). When
 * max == min every value maps to 0. Instances are immutable.
 */
public final class ColorScale {
    /** Linear or log. */
    public enum Kind { LINEAR, LOG }

    /** The default floor of the log scale, relative to the range: three decades. */
    public static final double DEFAULT_LOG_EPSILON = 1e-3;

    private final Kind kind;
    private final double min;
    private final double max;
    private final double epsilon;
    private final double logEpsilon;
    private final double scale;

    private ColorScale(Kind kind, double min, double max, double relativeEpsilon) {
        if (!Double.isFinite(min) || !Double.isFinite(max) || max < min) {
            throw new IllegalArgumentException("a colour scale needs finite min <= max, got " + min + ", " + max);
        }
        this.kind = kind;
        this.min = min;
        this.max = max;
        double range = max - min;
        if (kind == Kind.LOG) {
            if (!(relativeEpsilon > 0.0) || Double.isInfinite(relativeEpsilon)) {
                throw new IllegalArgumentException("the log floor must be finite and > 0, got " + relativeEpsilon);
            }
            this.epsilon = relativeEpsilon * range;
            this.logEpsilon = Math.log(epsilon);
            double span = Math.log(range + epsilon) - logEpsilon;
            this.scale = range > 0.0 ? 1.0 / span : 0.0;
        } else {
            this.epsilon = 0.0;
            this.logEpsilon = 0.0;
            this.scale = range > 0.0 ? 1.0 / range : 0.0;
        }
    }

    /** Linear over [min, max]. */
    public static ColorScale linear(double min, double max) {
        return new ColorScale(Kind.LINEAR, min, max, 0.0);
    }

    /** Log over [min, max] with the default floor {@link #DEFAULT_LOG_EPSILON}. */
    public static ColorScale log(double min, double max) {
        return new ColorScale(Kind.LOG, min, max, DEFAULT_LOG_EPSILON);
    }

    /** Log over [min, max] with floor {@code relativeEpsilon * (max - min)}. */
    public static ColorScale log(double min, double max, double relativeEpsilon) {
        return new ColorScale(Kind.LOG, min, max, relativeEpsilon);
    }

    /** The scale of this kind over a grid's finite range ([0, 1] when the grid has no finite value). */
    public static ColorScale of(Kind kind, SurfaceGrid grid) {
        double lo = grid.min();
        double hi = grid.max();
        if (Double.isNaN(lo)) {
            lo = 0.0;
            hi = 1.0;
        }
        return kind == Kind.LOG ? log(lo, hi) : linear(lo, hi);
    }

    public Kind kind() {
        return kind;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** The absolute floor eps of a log scale (0 for linear). */
    public double epsilon() {
        return epsilon;
    }

    /** The position of {@code v} in [0, 1] (NaN for NaN). */
    public double position(double v) {
        if (v != v) {
            return Double.NaN;
        }
        double p;
        if (kind == Kind.LOG) {
            double above = v - min;
            p = above <= 0.0 ? 0.0 : (Math.log(above + epsilon) - logEpsilon) * scale;
        } else {
            p = (v - min) * scale;
        }
        return p <= 0.0 ? 0.0 : (p >= 1.0 ? 1.0 : p);
    }

    /** The value at a position in [0, 1]: the inverse of {@link #position} (min when the range is empty). */
    public double value(double position) {
        if (scale == 0.0) {
            return min;
        }
        double p = Math.min(1.0, Math.max(0.0, position));
        if (kind == Kind.LOG) {
            return min + Math.exp(p / scale + logEpsilon) - epsilon;
        }
        return min + p * (max - min);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + "[" + min + ", " + max + "]";
    }
}
