package org.losslab.lesson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The app's data as CSV, readable again by the import ({@link CsvImport}) and by {@code fit --data} /
 * {@code descend --data} (columns x and y). Numbers in full precision ({@link Double#toString}).
 */
public final class DataCsv {
    /** Header of regression data: x, y and whether the point is held out for validation (1) or not (0). */
    public static final String POINTS_HEADER = "x,y,validation";
    /** Header of classification data: two features and the class (0, 1 or 2). */
    public static final String LABELED_HEADER = "x1,x2,label";

    private DataCsv() {
    }

    /** Writes one line per point; {@code validation} may be null (no point held out). */
    public static void writePoints(double[] x, double[] y, boolean[] validation, Writer w) {
        try {
            w.write(POINTS_HEADER);
            w.write('\n');
            StringBuilder sb = new StringBuilder(64);
            for (int i = 0; i < x.length; i++) {
                sb.setLength(0);
                sb.append(x[i]).append(',').append(y[i]).append(',')
                        .append(validation != null && validation[i] ? 1 : 0).append('\n');
                w.append(sb);
            }
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one line per labelled point. */
    public static void writeLabeled(double[] x1, double[] x2, int[] labels, Writer w) {
        try {
            w.write(LABELED_HEADER);
            w.write('\n');
            StringBuilder sb = new StringBuilder(64);
            for (int i = 0; i < x1.length; i++) {
                sb.setLength(0);
                sb.append(x1[i]).append(',').append(x2[i]).append(',').append(labels[i]).append('\n');
                w.append(sb);
            }
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
