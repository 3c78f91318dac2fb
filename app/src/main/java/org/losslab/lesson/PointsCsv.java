package org.losslab.lesson;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.losslab.kernel.LossInputException;
import org.losslab.kernel.Losses;

/**
 * Reads (x, y) points from two columns of a CSV file with a header line, for every command and view that takes
 * data. A row whose cells are not finite numbers either stops the read with a message naming its line
 * ({@link BadRows#FAIL}) or is skipped and counted ({@link BadRows#SKIP}). Every message is one line that names the
 * file and, where there is one, the line.
 */
public final class PointsCsv {
    /** At most this many skipped line numbers are kept for messages. */
    public static final int MAX_LISTED_LINES = 10;

    /** What a row that is not two finite numbers does. */
    public enum BadRows { FAIL, SKIP }

    /**
     * The usable points, each with the file line it came from, and the rows skipped.
     *
     * @param skippedLines the first {@link #MAX_LISTED_LINES} skipped line numbers
     * @param skipped      how many rows were skipped in all
     */
    public record Points(double[] x, double[] y, long[] lines, List<Long> skippedLines, int skipped) {
        public int size() {
            return x.length;
        }
    }

    private PointsCsv() {
    }

    /**
     * Reads columns {@code xCol} and {@code yCol}; with a filter {COLUMN, VALUE}, only rows whose COLUMN is VALUE.
     *
     * @param source how to name the file when it cannot be read at all, for example "--data points.csv"
     * @throws IllegalArgumentException for an unreadable file, a missing column, malformed CSV, a bad row under
     *                                  {@link BadRows#FAIL}, or no usable row
     */
    public static Points read(String file, String source, String xCol, String yCol, String[] filter,
                              BadRows policy) {
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(source + " is not a valid path");
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        List<double[]> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        List<Long> skippedLines = new ArrayList<>();
        int skipped = 0;
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw new IllegalArgumentException(file + " is empty: expected a header line naming the columns "
                        + xCol + " and " + yCol);
            }
            for (String column : filter == null ? new String[] {xCol, yCol} : new String[] {xCol, yCol, filter[0]}) {
                if (!header.contains(column)) {
                    throw new IllegalArgumentException(file + " has no column '" + column + "' (its columns: "
                            + String.join(", ", header) + ")");
                }
            }
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                if (filter != null && !(record.isSet(filter[0]) && record.get(filter[0]).equals(filter[1]))) {
                    continue;
                }
                if (policy == BadRows.FAIL && record.size() != header.size()) {
                    throw new IllegalArgumentException(file + " line " + line + ": expected " + header.size()
                            + " fields as in the header, got " + record.size());
                }
                double x = cell(record, xCol, file, line, policy);
                double y = cell(record, yCol, file, line, policy);
                if (Double.isFinite(x) && Double.isFinite(y)) {
                    rows.add(new double[] {x, y});
                    lines.add(line);
                } else {
                    skipped++;
                    if (skippedLines.size() < MAX_LISTED_LINES) {
                        skippedLines.add(line);
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read " + source + ": " + reason(e));
        } catch (IllegalStateException e) {
            String m = e.getMessage() == null ? "bad CSV" : e.getMessage();
            throw new IllegalArgumentException(file + ": " + m.lines().findFirst().orElse("bad CSV"));
        }
        if (rows.isEmpty()) {
            String which = filter == null ? "rows" : "rows where " + filter[0] + " = " + filter[1];
            throw new IllegalArgumentException(file + " has no " + which + " with numbers in columns " + xCol
                    + " and " + yCol + (skipped > 0 ? " (" + skippedMessage(skippedLines, skipped) + ")" : ""));
        }
        double[] x = new double[rows.size()];
        double[] y = new double[rows.size()];
        long[] lineNumbers = new long[rows.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rows.get(i)[0];
            y[i] = rows.get(i)[1];
            lineNumbers[i] = lines.get(i);
        }
        return new Points(x, y, lineNumbers, List.copyOf(skippedLines), skipped);
    }

    /** "skipped 2 rows that are not numbers (lines 5, 9)", listing at most {@link #MAX_LISTED_LINES} lines. */
    public static String skippedMessage(List<Long> lines, int count) {
        StringBuilder sb = new StringBuilder("skipped ").append(count)
                .append(count == 1 ? " row that is not a number (line " : " rows that are not numbers (lines ");
        for (int i = 0; i < Math.min(lines.size(), MAX_LISTED_LINES); i++) {
            sb.append(i > 0 ? ", " : "").append(lines.get(i));
        }
        if (count > MAX_LISTED_LINES) {
            sb.append(", ... and ").append(count - MAX_LISTED_LINES).append(" more");
        }
        return sb.append(')').toString();
    }

    /** A finite number; NaN for a cell that is empty, missing or not a finite number (under SKIP). */
    private static double cell(CSVRecord record, String column, String file, long line, BadRows policy) {
        String text = record.isSet(column) ? record.get(column) : "";
        double v;
        try {
            v = text.isBlank() ? Double.NaN : Losses.parseNumber(text, column);
        } catch (LossInputException e) {
            v = Double.NaN;
        }
        if (!Double.isFinite(v) && policy == BadRows.FAIL) {
            throw new IllegalArgumentException(file + " line " + line + ": " + column + " = '" + text + "' is not "
                    + (Double.isInfinite(v) ? "a finite number" : "a number"));
        }
        return Double.isFinite(v) ? v : Double.NaN;
    }

    private static String reason(Exception e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof NoSuchFileException) {
            return "no such file";
        }
        if (t instanceof AccessDeniedException) {
            return "permission denied";
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
