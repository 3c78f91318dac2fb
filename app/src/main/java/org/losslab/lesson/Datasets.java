package org.losslab.lesson;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The datasets the app opens on: bundled real data (Anscombe's quartet; see assets/data/SOURCES.md) and seeded
 * generators, so that the same seed always gives the same points.
 */
public final class Datasets {
    private Datasets() {
    }

    /** A set of (x, y) points; for classification y holds the label 0 or 1. */
    public record XY(String name, double[] x, double[] y) {
        public int size() {
            return x.length;
        }
    }

    /**
     * One series of Anscombe's quartet ("I" to "IV"), 11 points each; series III has one outlier.
     *
     * @throws IllegalArgumentException for an unknown series
     */
    public static XY anscombe(String series) {
        List<double[]> rows = new ArrayList<>();
        try (InputStream in = Datasets.class.getResourceAsStream("/assets/data/anscombe.csv")) {
            if (in == null) {
                throw new IllegalStateException("the bundled file assets/data/anscombe.csv is missing");
            }
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
            for (CSVRecord r : format.parse(reader)) {
                if (r.get("series").equals(series)) {
                    rows.add(new double[] {Double.parseDouble(r.get("x")), Double.parseDouble(r.get("y"))});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("Anscombe's quartet has series I, II, III and IV (got '" + series + "')");
        }
        double[] x = new double[rows.size()];
        double[] y = new double[rows.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rows.get(i)[0];
            y[i] = rows.get(i)[1];
        }
        return new XY("Anscombe " + series, x, y);
    }

    /**
     * Points on the line y = slope x + intercept with Gaussian noise of the given standard deviation, x evenly
     * spread over [0, 10], and {@code outliers} of the points (the last ones) moved up by 8 to 12 units.
     */
    public static XY noisyLine(int n, double slope, double intercept, double noise, int outliers, long seed) {
        Random random = new Random(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = n == 1 ? 5.0 : 10.0 * i / (n - 1);
            y[i] = slope * x[i] + intercept + noise * random.nextGaussian();
        }
        for (int k = 0; k < Math.min(outliers, n); k++) {
            int i = n - 1 - 3 * k < 0 ? k : n - 1 - 3 * k;
            y[i] += 8 + 4 * random.nextDouble();
        }
        return new XY("line with noise and " + outliers + " outliers (seed " + seed + ")", x, y);
    }

    /**
     * Two classes on one feature: label 0 around x = -1, label 1 around x = +1, both with standard deviation
     * {@code spread}; {@code n0} and {@code n1} points.
     */
    public static XY twoClasses(int n0, int n1, double spread, long seed) {
        Random random = new Random(seed);
        double[] x = new double[n0 + n1];
        double[] y = new double[n0 + n1];
        for (int i = 0; i < n0 + n1; i++) {
            boolean positive = i >= n0;
            x[i] = (positive ? 1.0 : -1.0) + spread * random.nextGaussian();
            y[i] = positive ? 1.0 : 0.0;
        }
        return new XY("two classes, " + n0 + " + " + n1 + " points (seed " + seed + ")", x, y);
    }

    /** Points (x1, x2) with a class label each: 0/1 for binary sets, 0..K-1 for multi-class ones. */
    public record Labeled2D(double[] x1, double[] x2, int[] labels) {
        public int size() {
            return x1.length;
        }

        /** The number of points with label k. */
        public int count(int k) {
            int c = 0;
            for (int label : labels) {
                c += label == k ? 1 : 0;
            }
            return c;
        }
    }

    /**
     * An imbalanced binary set for the lesson "three boundaries": {@code nMajority} points of class 0 and
     * {@code nMinority} of class 1 (380 + 20 gives 95/5). Class 0 is a wide Gaussian cloud around (0, 0) with
     * standard deviations (1.4, 1.0); class 1 a tight cloud around (1.6, 1.2) with standard deviation 0.6, inside
     * the edge of class 0, so no line separates them and the loss decides where the boundary goes: plain BCE
     * gives up most of the minority to get the many majority points right, weighted BCE (pos_weight =
     * nMajority / nMinority) moves the boundary into the majority to catch the minority, and focal loss
     * (gamma = 2, alpha = 0.75) lies in between. The points of each class come in order, class 0 first.
     */
    public static Labeled2D imbalanced2D(int nMajority, int nMinority, long seed) {
        Random random = new Random(seed);
        int n = nMajority + nMinority;
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            if (i < nMajority) {
                x1[i] = 1.4 * random.nextGaussian();
                x2[i] = 1.0 * random.nextGaussian();
            } else {
                x1[i] = 1.6 + 0.6 * random.nextGaussian();
                x2[i] = 1.2 + 0.6 * random.nextGaussian();
                labels[i] = 1;
            }
        }
        return new Labeled2D(x1, x2, labels);
    }

    /**
     * Two overlapping Gaussian classes of {@code perClass} points each, standard deviation 1: class 0 around
     * (-1, -0.5), class 1 around (1, 0.5). 20 per class gives the ~40 points of the classification view.
     */
    public static Labeled2D blobs2D(int perClass, long seed) {
        return blobs(new double[][] {{-1.0, -0.5}, {1.0, 0.5}}, 1.0, perClass, seed);
    }

    /**
     * Three Gaussian classes of {@code perClass} points each for softmax, standard deviation 0.9, around the
     * corners of a triangle: class 0 (A) at (0, 2), class 1 (B) at (-1.8, -1), class 2 (C) at (1.8, -1); neighbours
     * overlap a little.
     */
    public static Labeled2D blobs3(int perClass, long seed) {
        return blobs(new double[][] {{0.0, 2.0}, {-1.8, -1.0}, {1.8, -1.0}}, 0.9, perClass, seed);
    }

    private static Labeled2D blobs(double[][] centres, double sd, int perClass, long seed) {
        if (perClass < 1) {
            throw new IllegalArgumentException("each class needs at least one point (got " + perClass + ")");
        }
        Random random = new Random(seed);
        int n = centres.length * perClass;
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int k = i / perClass;
            x1[i] = centres[k][0] + sd * random.nextGaussian();
            x2[i] = centres[k][1] + sd * random.nextGaussian();
            labels[i] = k;
        }
        return new Labeled2D(x1, x2, labels);
    }
}
