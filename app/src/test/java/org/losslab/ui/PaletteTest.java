package org.losslab.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The run colours stay apart for people with red-green colour blindness: each pair of the four racing runs'
 * colours, passed through a simulation of protanopia and of deuteranopia, is still at least 15 apart in CIELAB
 * (ΔE*ab; about 2.3 is a just-noticeable difference). Simulation: Machado, Oliveira and Fernandes (2009), "A
 * Physiologically-based Model for Simulation of Color Vision Deficiency", severity 1.0, applied to linear RGB.
 */
class PaletteTest {
    private static final double[][] PROTANOPIA = {
        {0.152286, 1.052583, -0.204868},
        {0.114503, 0.786281, 0.099216},
        {-0.003882, -0.048116, 1.051998},
    };
    private static final double[][] DEUTERANOPIA = {
        {0.367322, 0.860646, -0.227968},
        {0.280085, 0.672501, 0.047413},
        {-0.011820, 0.042940, 0.968881},
    };
    private static final double[][] NORMAL = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    private static final int RUNS = 4;

    private static double toLinear(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    /** CIELAB (D65) of an sRGB colour as seen through {@code vision}. */
    private static double[] lab(String hex, double[][] vision) {
        java.awt.Color c = java.awt.Color.decode(hex);
        double[] rgb = {toLinear(c.getRed() / 255.0), toLinear(c.getGreen() / 255.0), toLinear(c.getBlue() / 255.0)};
        double[] seen = new double[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                seen[i] += vision[i][j] * rgb[j];
            }
            seen[i] = Math.max(0, Math.min(1, seen[i]));
        }
        double x = (0.4124 * seen[0] + 0.3576 * seen[1] + 0.1805 * seen[2]) / 0.95047;
        double y = 0.2126 * seen[0] + 0.7152 * seen[1] + 0.0722 * seen[2];
        double z = (0.0193 * seen[0] + 0.1192 * seen[1] + 0.9505 * seen[2]) / 1.08883;
        double fx = f(x);
        double fy = f(y);
        double fz = f(z);
        return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }

    private static double f(double t) {
        return t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16.0 / 116;
    }

    private static double distance(double[] a, double[] b) {
        return Math.sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
    }

    private static double closestPair(double[][] vision) {
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < RUNS; i++) {
            for (int j = i + 1; j < RUNS; j++) {
                min = Math.min(min, distance(lab(Palette.runHex(i), vision), lab(Palette.runHex(j), vision)));
            }
        }
        return min;
    }

    @Test
    void runColoursStayApartUnderProtanopiaAndDeuteranopia() {
        assertTrue(closestPair(NORMAL) > 40, "normal vision: " + closestPair(NORMAL));
        assertTrue(closestPair(PROTANOPIA) >= 15, "protanopia: closest pair ΔE " + closestPair(PROTANOPIA));
        assertTrue(closestPair(DEUTERANOPIA) >= 15, "deuteranopia: closest pair ΔE " + closestPair(DEUTERANOPIA));
    }

    @Test
    void theSimulationCanTellRedFromGreenApartOnlyForNormalVision() {
        // The check can fail: pure red and a green of similar lightness collapse under deuteranopia.
        double normal = distance(lab("#D62728", NORMAL), lab("#2CA02C", NORMAL));
        double deutan = distance(lab("#D62728", DEUTERANOPIA), lab("#2CA02C", DEUTERANOPIA));
        assertTrue(normal > 80, "normal: " + normal);
        assertTrue(deutan < normal / 2, "deuteranopia brings red and green together: " + deutan);
    }
}
