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
}
