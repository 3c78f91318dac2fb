package org.losslab.surface;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;

/**
 * "Nice" round tick values for colour bars and contour levels: multiples of 1, 2 or 5 times a power of ten.
 *
 * <h2>Linear</h2>
 * For at most n ticks over [min, max] the step is the smallest nice number
 * <pre>  step = m 10^e >= (max - min) / (n - 1),   m in {1, 2, 5}  </pre>
 * and the ticks are the multiples k step inside [min, max] (so at most n of them, evenly spaced). When fewer
 * than two multiples fall inside (small n, ends between multiples), finer nice steps are taken while the count
 * stays within n. Each value is
 * computed as the exact integer k m divided or multiplied by an exact power of ten, so 0.1 * 3 comes out as the
 * double nearest 0.3, which prints as "0.3".
 *
 * <h2>Log</h2>
 * On a log {@link ColorScale} even spacing in value is useless, so ticks are chosen by their position on the
 * bar: a candidate is kept when its position is at least {@code 1 / n} away from every tick kept so far, until n
 * are kept. Candidates come in order of roundness: first 0 and the powers of ten (+-10^e, the decades of a log
 * axis), then the multiples of 10^e, 5 10^(e-1), 2 10^(e-1), 10^(e-1), ... from coarse to fine, which fill the
 * stretched region near the minimum and ranges within one decade. When a step has more than 64 multiples in
 * range only those where neighbouring multiples are a gap apart on the bar are tried: with
 * d pos / dv = 1 / ((v - min + eps) L), L = ln((range + eps) / eps), that is v &lt;= min - eps + step / (L gap).
 */
public final class Ticks {
    private static final double[] MANTISSAS = {1.0, 2.0, 5.0};
    /** Candidates enumerated per step level of a log scale, at most. */
    private static final int MAX_CANDIDATES = 64;

    private Ticks() {
    }

    /** Ticks for a colour bar of this scale, at most {@code maxTicks} (at least 2), ascending. */
    public static double[] of(ColorScale scale, int maxTicks) {
        return scale.kind() == ColorScale.Kind.LOG ? log(scale, maxTicks)
                : linear(scale.min(), scale.max(), maxTicks);
    }

    /**
     * At most {@code maxTicks} evenly spaced nice values inside [min, max], ascending; {min} when min == max.
     */
    public static double[] linear(double min, double max, int maxTicks) {
        check(min, max, maxTicks);
        if (max == min) {
            return new double[] {min};
        }
        Nice step = Nice.atLeast((max - min) / (maxTicks - 1));
        // a range that holds fewer than two multiples of that step (few ticks, off-grid ends) takes finer steps
        // while they still fit the budget
        while (count(step, min, max) < 2 && count(step.smaller(), min, max) <= maxTicks) {
            step = step.smaller();
        }
        long first = (long) Math.ceil(min / step.value - 1e-9);
        int count = (int) count(step, min, max);
        double[] out = new double[count];
        for (int k = 0; k < count; k++) {
            out[k] = step.times(first + k);
        }
        return out;
    }

    /** Nice values for a log scale: at most {@code maxTicks}, at least 1 / maxTicks apart on the bar, ascending. */
    public static double[] log(ColorScale scale, int maxTicks) {
        double min = scale.min();
        double max = scale.max();
        check(min, max, maxTicks);
        if (max == min) {
            return new double[] {min};
        }
        double gap = 1.0 / maxTicks;
        double[] kept = new double[maxTicks];
        double[] keptPos = new double[maxTicks];
        int[] count = {0};
        double magnitude = Math.max(Math.abs(min), Math.abs(max));
        int e = (int) Math.floor(Math.log10(magnitude));
        // tier 1: zero and the powers of ten, +-10^e
        offer(0.0, scale, gap, kept, keptPos, count);
        for (int x = e; x > e - 40 && count[0] < maxTicks; x--) {
            double p = x >= 0 ? Math.pow(10.0, x) : 1.0 / Math.pow(10.0, -x);
            offer(p, scale, gap, kept, keptPos, count);
            offer(-p, scale, gap, kept, keptPos, count);
        }
        // tier 2: multiples of 10^e, 5 10^(e-1), 2 10^(e-1), 10^(e-1), ...
        double eps = scale.epsilon();
        double logSpan = Math.log((max - min + eps) / eps);
        double finest = (max - min) * 1e-12;
        for (int level = 0; level < 60 && count[0] < maxTicks; level++) {
            int exponent = e - (level + 2) / 3;
            Nice step = new Nice(MANTISSAS[(3 - level % 3) % 3], exponent);
            if (step.value < finest) {
                break;
            }
            long first = (long) Math.ceil(min / step.value - 1e-9);
            long last = (long) Math.floor(max / step.value + 1e-9);
            if (last - first > MAX_CANDIDATES) {
                // only where neighbouring multiples are at least a gap apart on the bar
                double upTo = Math.min(max, min - eps + step.value / (logSpan * gap));
                last = Math.min(last, Math.min((long) Math.floor(upTo / step.value + 1e-9), first + MAX_CANDIDATES));
            }
            for (long k = first; k <= last && count[0] < maxTicks; k++) {
                offer(step.times(k), scale, gap, kept, keptPos, count);
            }
        }
        double[] out = Arrays.copyOf(kept, count[0]);
        Arrays.sort(out);
        return out;
    }

    /** Keeps {@code v} when it lies in the scale's range at least {@code gap} from every kept tick. */
    private static void offer(double v, ColorScale scale, double gap, double[] kept, double[] keptPos, int[] count) {
        if (count[0] >= kept.length || v < scale.min() || v > scale.max()) {
            return;
        }
        double p = scale.position(v);
        for (int t = 0; t < count[0]; t++) {
            if (Math.abs(keptPos[t] - p) < gap) {
                return;
            }
        }
        kept[count[0]] = v;
        keptPos[count[0]] = p;
        count[0]++;
    }

    /**
     * A short label: {@code v} rounded to 12 significant digits without trailing zeros ("0.3" also for
     * 0.1 * 3, "1200", "-2.5"), in scientific
     * notation ("1.5e-05", "2e+07") when |v| &lt; 1e-4 or &gt;= 1e6.
     */
    public static String format(double v) {
        if (v == 0.0) {
            return "0";
        }
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(12)).stripTrailingZeros();
        double a = Math.abs(v);
        if (a < 1e-4 || a >= 1e6) {
            String digits = d.unscaledValue().abs().toString();
            int exp = digits.length() - 1 - d.scale();
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (v < 0 ? "-" : "") + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "")
                    + Math.abs(exp);
        }
        return d.toPlainString();
    }

    /** The number of multiples of {@code step} in [min, max]. */
    private static long count(Nice step, double min, double max) {
        long first = (long) Math.ceil(min / step.value - 1e-9);
        long last = (long) Math.floor(max / step.value + 1e-9);
        return Math.max(0, last - first + 1);
    }

    private static void check(double min, double max, int maxTicks) {
        if (!Double.isFinite(min) || !Double.isFinite(max) || max < min) {
            throw new IllegalArgumentException("ticks need finite min <= max, got " + min + ", " + max);
        }
        if (maxTicks < 2) {
            throw new IllegalArgumentException("maxTicks must be at least 2, got " + maxTicks);
        }
    }

    /** m 10^e, with exact multiples k m 10^e. */
    private static final class Nice {
        final double mantissa;
        final int exponent;
        final double value;
        final double power;

        Nice(double mantissa, int exponent) {
            this.mantissa = mantissa;
            this.exponent = exponent;
            this.power = Math.pow(10.0, Math.abs(exponent));
            this.value = exponent < 0 ? mantissa / power : mantissa * power;
        }

        /** The smallest nice number >= raw (raw > 0). */
        static Nice atLeast(double raw) {
            int e = (int) Math.floor(Math.log10(raw));
            for (int step = 0; step < 4; step++) {
                for (double m : MANTISSAS) {
                    Nice n = new Nice(m, e + step);
                    if (n.value >= raw * (1 - 1e-12)) {
                        return n;
                    }
                }
            }
            return new Nice(1.0, e + 4);
        }

        /** The next nice number below: 5 -> 2 -> 1 -> 0.5. */
        Nice smaller() {
            return mantissa == 5.0 ? new Nice(2.0, exponent)
                    : mantissa == 2.0 ? new Nice(1.0, exponent) : new Nice(5.0, exponent - 1);
        }

        /** k m 10^e, rounded once. */
        double times(long k) {
            double km = k * mantissa;
            return exponent < 0 ? km / power : km * power;
        }
    }
}
