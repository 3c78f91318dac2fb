package org.losslab.surface;

import java.util.Objects;

/**
 * A perceptually uniform colour map as a 256-entry lookup table of ARGB ints, and the loops that turn a grid of
 * values into pixels through a {@link ColorScale}.
 *
 * <h2>Viridis</h2>
 * {@link #VIRIDIS} passes through the nine colours of viridis at positions 0, 1/8, ..., 1 (as R's
 * {@code viridis(9)} lists them: #440154, #472D7B, #3B528B, #2C728E, #21908C, #27AD81, #5DC863, #AADC32,
 * #FDE725). Between them it
 * interpolates linearly in CIE L*a*b* (D65), so lightness L* is piecewise linear in the position and rises
 * monotonically from dark violet to yellow, as the original map was designed to. Each entry is rounded to the
 * nearby 8-bit colour nearest in (lightness-weighted) Delta E whose L* still exceeds the previous entry's, so
 * rounding never breaks the
 * monotone lightness (plain rounding does, by a few hundredths, in the blue-green).
 *
 * <h2>Pixels</h2>
 * {@link #fill} and {@link #fillImage} write into a caller's {@code int[]} (reused between frames, no
 * allocation per pixel or per frame): index = round(position * 255), NaN gives {@link #NAN_COLOR} (transparent).
 * The ints are 0xAARRGGBB, the layout of JavaFX's {@code PixelFormat.getIntArgbInstance()} and of
 * {@code BufferedImage.TYPE_INT_ARGB}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ColorMap {
    /** Entries in the lookup table. */
    public static final int SIZE = 256;

    /** The colour of NaN cells: fully transparent. */
    public static final int NAN_COLOR = 0x00000000;

    /** Viridis anchor colours at positions k / 8, k = 0..8 (0xRRGGBB). */
    private static final int[] VIRIDIS_ANCHORS = {
        0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21908C, 0x27AD81, 0x5DC863, 0xAADC32, 0xFDE725,
    };

    /** Viridis: dark violet (low) through blue and green to yellow (high). */
    public static final ColorMap VIRIDIS = fromAnchors("viridis", VIRIDIS_ANCHORS);

    private final String name;
    private final int[] lut;

    private ColorMap(String name, int[] lut) {
        this.name = name;
        this.lut = lut;
    }

    /**
     * A map through {@code anchors} (0xRRGGBB, at evenly spaced positions 0 .. 1), interpolated in CIE Lab.
     *
     * @throws IllegalArgumentException for fewer than two anchors
     */
    public static ColorMap fromAnchors(String name, int[] anchors) {
        Objects.requireNonNull(name, "name");
        if (anchors.length < 2) {
            throw new IllegalArgumentException("a colour map needs at least two anchors");
        }
        double[][] lab = new double[anchors.length][];
        for (int k = 0; k < anchors.length; k++) {
            lab[k] = toLab(anchors[k]);
        }
        int[] lut = new int[SIZE];
        int segments = anchors.length - 1;
        double previousL = Double.NEGATIVE_INFINITY;
        for (int e = 0; e < SIZE; e++) {
            double p = (double) e / (SIZE - 1) * segments;
            int s = Math.min((int) p, segments - 1);
            double f = p - s;
            double l = lab[s][0] + f * (lab[s + 1][0] - lab[s][0]);
            double a = lab[s][1] + f * (lab[s + 1][1] - lab[s][1]);
            double b = lab[s][2] + f * (lab[s + 1][2] - lab[s][2]);
            int rgb = quantize(l, a, b, previousL);
            lut[e] = 0xFF000000 | rgb;
            previousL = toLab(rgb)[0];
        }
        return new ColorMap(name, lut);
    }

    /**
     * The 8-bit colour nearest to L*a*b* among the 64 colours whose channels are within one step of rounding
     * down or up, whose lightness still exceeds {@code previousL}, so that rounding never makes L* step back
     * (the lightest of them when none does). "Nearest" weights the lightness error {@link #L_WEIGHT} times
     * (squared), which keeps L* on its straight line so that the next entry finds room above it.
     */
    private static int quantize(double l, double a, double b, double previousL) {
        double[] c = linearRgb(l, a, b);
        int[] lowChannel = new int[3];
        for (int k = 0; k < 3; k++) {
            lowChannel[k] = (int) Math.floor(encodeUnit(c[k]) * 255.0);
        }
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        int lightest = 0;
        double lightestL = Double.NEGATIVE_INFINITY;
        for (int mask = 0; mask < 64; mask++) {
            int r = Math.min(255, Math.max(0, lowChannel[0] - 1 + (mask & 3)));
            int g = Math.min(255, Math.max(0, lowChannel[1] - 1 + ((mask >> 2) & 3)));
            int bl = Math.min(255, Math.max(0, lowChannel[2] - 1 + ((mask >> 4) & 3)));
            int rgb = (r << 16) | (g << 8) | bl;
            double[] q = toLab(rgb);
            if (q[0] > lightestL) {
                lightestL = q[0];
                lightest = rgb;
            }
            if (q[0] <= previousL) {
                continue;
            }
            double d = L_WEIGHT * (q[0] - l) * (q[0] - l) + (q[1] - a) * (q[1] - a) + (q[2] - b) * (q[2] - b);
            if (d < bestDistance) {
                bestDistance = d;
                best = rgb;
            }
        }
        return best >= 0 ? best : lightest;
    }

    public String name() {
        return name;
    }

    /** Entry {@code k} of the table (0 = lowest), as 0xAARRGGBB. */
    public int entry(int k) {
        return lut[k];
    }

    /** The colour at a position in [0, 1] (clamped; NaN gives {@link #NAN_COLOR}). */
    public int color(double position) {
        if (position != position) {
            return NAN_COLOR;
        }
        double p = position <= 0.0 ? 0.0 : (position >= 1.0 ? 1.0 : position);
        return lut[(int) (p * (SIZE - 1) + 0.5)];
    }

    /**
     * {@code out[outOffset + k] = color(scale.position(values[from + k]))} for k &lt; count.
     */
    public void fill(double[] values, int from, int count, ColorScale scale, int[] out, int outOffset) {
        for (int k = 0; k < count; k++) {
            out[outOffset + k] = color(scale.position(values[from + k]));
        }
    }

    /**
     * The whole grid as an image of {@code nx} by {@code ny} pixels in {@code out} (length at least nx ny), in
     * image order: pixel row 0 is the <em>top</em>, i.e. grid row ny - 1 (largest theta2); pixel (px, py) is at
     * {@code out[py * nx + px]}.
     */
    public void fillImage(SurfaceGrid grid, ColorScale scale, int[] out) {
        int nx = grid.nx();
        int ny = grid.ny();
        if (out.length < nx * ny) {
            throw new IllegalArgumentException("image buffer holds " + out.length + " pixels, need " + nx * ny);
        }
        double[] v = grid.values();
        for (int j = 0; j < ny; j++) {
            fill(v, j * nx, nx, scale, out, (ny - 1 - j) * nx);
        }
    }

    /**
     * A vertical colour bar of {@code width} by {@code height} pixels into {@code out}: the top row is position 1,
     * the bottom row position 0 (place ticks with {@link ColorScale#position} the same way).
     */
    public void fillBar(int width, int height, int[] out) {
        for (int py = 0; py < height; py++) {
            double p = height == 1 ? 1.0 : 1.0 - (double) py / (height - 1);
            int c = color(p);
            int row = py * width;
            for (int px = 0; px < width; px++) {
                out[row + px] = c;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // sRGB <-> CIE L*a*b* (D65), IEC 61966-2-1 and CIE 15

    private static final double XN = 0.95047;
    private static final double YN = 1.0;
    private static final double ZN = 1.08883;
    private static final double DELTA = 6.0 / 29.0;
    /** Weight of the squared L* error against the squared a*, b* errors when rounding to 8 bits. */
    private static final double L_WEIGHT = 16.0;

    /** The relative luminance Y in [0, 1] of an ARGB colour (alpha ignored). */
    public static double luminance(int argb) {
        return 0.2126729 * linear((argb >> 16) & 0xFF) + 0.7151522 * linear((argb >> 8) & 0xFF)
                + 0.0721750 * linear(argb & 0xFF);
    }

    /** CIE lightness L* in [0, 100] of an ARGB colour (alpha ignored). */
    public static double lightness(int argb) {
        return 116.0 * labF(luminance(argb) / YN) - 16.0;
    }

    /** {L*, a*, b*} of an 0xRRGGBB colour. */
    static double[] toLab(int rgb) {
        double r = linear((rgb >> 16) & 0xFF);
        double g = linear((rgb >> 8) & 0xFF);
        double b = linear(rgb & 0xFF);
        double x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
        double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
        double z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b;
        double fx = labF(x / XN);
        double fy = labF(y / YN);
        double fz = labF(z / ZN);
        return new double[] {116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)};
    }

    /** Linear-light {r, g, b} of L*a*b* (may fall outside [0, 1] for colours outside the sRGB gamut). */
    static double[] linearRgb(double l, double a, double b) {
        double fy = (l + 16.0) / 116.0;
        double x = XN * labFInverse(fy + a / 500.0);
        double y = YN * labFInverse(fy);
        double z = ZN * labFInverse(fy - b / 200.0);
        return new double[] {
            3.2404542 * x - 1.5371385 * y - 0.4985314 * z,
            -0.9692660 * x + 1.8760108 * y + 0.0415560 * z,
            0.0556434 * x - 0.2040259 * y + 1.0572252 * z,
        };
    }

    /** An 8-bit sRGB channel to linear light. */
    private static double linear(int c8) {
        double c = c8 / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    /** Linear light to an sRGB channel in [0, 1], clamped. */
    private static double encodeUnit(double linear) {
        double c = linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.pow(linear, 1.0 / 2.4) - 0.055;
        return Math.min(1.0, Math.max(0.0, c));
    }

    private static double labF(double t) {
        return t > DELTA * DELTA * DELTA ? Math.cbrt(t) : t / (3.0 * DELTA * DELTA) + 4.0 / 29.0;
    }

    private static double labFInverse(double t) {
        return t > DELTA ? t * t * t : 3.0 * DELTA * DELTA * (t - 4.0 / 29.0);
    }
}
