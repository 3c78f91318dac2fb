package org.losslab.surface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.losslab.problem.Bounds;

class ColorMapTest {
    private static final ColorMap MAP = ColorMap.VIRIDIS;

    @Test
    void endpointsAreViridisDarkVioletAndYellow() {
        assertEquals(0xFF440154, MAP.color(0.0));
        assertEquals(0xFFFDE725, MAP.color(1.0));
        assertEquals(0xFF440154, MAP.color(-3.0), "clamped below");
        assertEquals(0xFFFDE725, MAP.color(7.0), "clamped above");
        assertEquals(ColorMap.NAN_COLOR, MAP.color(Double.NaN));
        // the middle anchor #21908C sits at entry 127.5: its neighbours are within a step of it
        int mid = MAP.entry(128);
        assertTrue(Math.abs(((mid >> 8) & 0xFF) - 0x90) <= 2 && Math.abs((mid & 0xFF) - 0x8C) <= 2,
                Integer.toHexString(mid));
    }

    @Test
    void lightnessRisesMonotonically() {
        double previous = -1.0;
        for (int k = 0; k < ColorMap.SIZE; k++) {
            double l = ColorMap.lightness(MAP.entry(k));
            assertTrue(l > previous, "L* at entry " + k + ": " + l + " after " + previous);
            previous = l;
        }
        double first = ColorMap.lightness(MAP.entry(0));
        double last = ColorMap.lightness(MAP.entry(ColorMap.SIZE - 1));
        assertTrue(first < 20 && last > 85, first + " .. " + last);
        // and so does relative luminance, which is a monotone function of L*
        assertTrue(ColorMap.luminance(MAP.entry(0)) < ColorMap.luminance(MAP.entry(100)));
        // perceptual uniformity: equal steps in position give nearly equal steps in L* (over 15 entries, so that
        // 8-bit rounding does not dominate)
        double step = (last - first) / (ColorMap.SIZE - 1);
        for (int k = 15; k < ColorMap.SIZE; k += 15) {
            double d = ColorMap.lightness(MAP.entry(k)) - ColorMap.lightness(MAP.entry(k - 15));
            assertTrue(d > 0.6 * 15 * step && d < 1.5 * 15 * step, "L* step at " + k + ": " + d / 15 + " vs " + step);
        }
    }

    @Test
    void linearAndLogScales() {
        ColorScale lin = ColorScale.linear(2.0, 10.0);
        assertEquals(0.0, lin.position(2.0));
        assertEquals(0.5, lin.position(6.0));
        assertEquals(1.0, lin.position(10.0));
        assertEquals(1.0, lin.position(11.0));
        assertTrue(Double.isNaN(lin.position(Double.NaN)));
        assertEquals(6.0, lin.value(0.5), 1e-12);

        ColorScale log = ColorScale.log(1.0, 1001.0, 1e-3);
        assertEquals(1.0, log.epsilon(), 1e-12);
        assertEquals(0.0, log.position(1.0));
        assertEquals(1.0, log.position(1001.0), 1e-15);
        // pos = ln((v - min + eps) / eps) / ln((range + eps) / eps)
        assertEquals(Math.log(2.0) / Math.log(1001.0), log.position(2.0), 1e-12);
        assertEquals(Math.log(11.0) / Math.log(1001.0), log.position(11.0), 1e-12);
        double previous = -1;
        for (double v = 1.0; v <= 1001.0; v += 0.37) {
            double p = log.position(v);
            assertTrue(p > previous);
            previous = p;
            assertEquals(v, log.value(p), 1e-9 * v);
        }
        // values below a negative minimum still map into [0, 1]
        ColorScale neg = ColorScale.log(-5.0, 5.0);
        assertEquals(0.0, neg.position(-5.0));
        assertEquals(1.0, neg.position(5.0), 1e-15);
        // a flat surface
        assertEquals(0.0, ColorScale.linear(3.0, 3.0).position(3.0));
        assertEquals(0.0, ColorScale.log(3.0, 3.0).position(3.0));
        assertThrows(IllegalArgumentException.class, () -> ColorScale.linear(1.0, 0.0));
    }

    @Test
    void imageIsFilledInPlaceTopRowFirst() {
        SurfaceGrid grid = new SurfaceGrid(new Bounds(0, 1, 0, 1), 3, 2);
        double[] v = grid.values();
        v[0] = 0.0;
        v[1] = 1.0;
        v[2] = 2.0; // row 0 (bottom)
        v[3] = 3.0;
        v[4] = Double.NaN;
        v[5] = 5.0; // row 1 (top)
        grid.updateStats();
        int[] image = new int[6];
        MAP.fillImage(grid, ColorScale.of(ColorScale.Kind.LINEAR, grid), image);
        assertEquals(MAP.color(0.6), image[0], "top-left pixel is grid row 1, column 0");
        assertEquals(ColorMap.NAN_COLOR, image[1]);
        assertEquals(0xFFFDE725, image[2]);
        assertEquals(0xFF440154, image[3], "bottom-left pixel is the minimum");
        int[] bar = new int[2 * 5];
        MAP.fillBar(2, 5, bar);
        assertEquals(0xFFFDE725, bar[0]);
        assertEquals(0xFF440154, bar[9]);
    }
}
