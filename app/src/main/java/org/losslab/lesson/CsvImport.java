package org.losslab.lesson;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.losslab.kernel.LossInputException;
import org.losslab.kernel.Losses;

/**
 * Imports numeric columns of a CSV file chosen by the user, for the data and classification views: a first look
 * ({@link #preview}) that detects a header line and lists the columns with the first rows, then the read of the
 * chosen columns ({@link #read}) that skips and counts the rows that are not numbers, reports its progress and can
 * be cancelled. Big files are fine: a million rows are held as primitive arrays, never as one object per row.
 *
 * <p>Header rule: the first row is a header when one of its non-empty cells is not a number. Without a header the
 * columns are called "column 1", "column 2", ... Line numbers are the file's, counting from 1 (a header is line 1).
 * Every message is one line that names the file.
 */
public final class CsvImport {
    /** How many rows are read between two progress reports and cancellation checks. */
    public static final int REPORT_EVERY = 8192;

    /** A first look at a file: its columns, whether the first row is a header, and the first rows as text. */
    public record Preview(Path file, List<String> columns, boolean header, List<List<String>> rows, long bytes) {
        /** The index of a column by name (case-insensitive), or -1. */
        public int indexOf(String name) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).strip().equalsIgnoreCase(name)) {
                    return i;
                }
            }
            return -1;
        }

        /** Whether most of the previewed cells of column i are numbers. */
        public boolean looksNumeric(int i) {
            int numbers = 0;
            for (List<String> row : rows) {
                numbers += i < row.size() && !Double.isNaN(number(row.get(i))) ? 1 : 0;
            }
            return 2 * numbers > rows.size();
        }

        /** The column to offer first for x: one named x or x1, else the first numeric one, else the first. */
        public int suggestedX() {
            for (String n : new String[] {"x", "x1"}) {
                if (indexOf(n) >= 0) {
                    return indexOf(n);
                }
            }
            return numericExcept(-1, 0);
        }

        /** The column to offer first for y: one named y or x2, else the next numeric one after x. */
        public int suggestedY() {
            int x = suggestedX();
            for (String n : new String[] {"y", "x2"}) {
                if (indexOf(n) >= 0 && indexOf(n) != x) {
                    return indexOf(n);
                }
            }
            return numericExcept(x, x == 0 ? Math.min(1, columns.size() - 1) : 0);
        }

        private int numericExcept(int skip, int fallback) {
            for (int i = 0; i < columns.size(); i++) {
                if (i != skip && looksNumeric(i)) {
                    return i;
                }
            }
            return fallback;
        }
    }

    /** Progress of a read: bytes of the file consumed so far out of its size, and the data rows seen. */
    @FunctionalInterface
    public interface Progress {
        void update(long bytesRead, long totalBytes, long rows);

        Progress NONE = (a, b, c) -> { };
    }

    /**
     * The chosen columns of the rows whose chosen cells are all finite numbers, in file order, and the rows that
     * were skipped.
     *
     * @param columns      one array per chosen column, all of {@link #size()} values
     * @param skipped      how many data rows were skipped
     * @param skippedLines the line numbers of the first {@link PointsCsv#MAX_LISTED_LINES} skipped rows
     */
    public record Result(String[] names, double[][] columns, int skipped, List<Long> skippedLines) {
        public int size() {
            return columns[0].length;
        }

        public double[] column(int i) {
            return columns[i];
        }

        /** "skipped 3 rows that are not numbers (lines 5, 9, 12)", or "" when none was skipped. */
        public String skippedMessage() {
            return skipped == 0 ? "" : PointsCsv.skippedMessage(skippedLines, skipped);
        }
    }

    private CsvImport() {
    }

    private static CSVFormat format() {
        return CSVFormat.DEFAULT.builder().setTrim(true).setIgnoreEmptyLines(true).get();
    }

    /**
     * Reads the first {@code maxRows} data rows (after a header, if the first row is one).
     *
     * @throws IllegalArgumentException for a file that cannot be read, is empty, is not CSV, or has one column
     */
    public static Preview preview(Path file, int maxRows) {
        return preview(file, maxRows, null);
    }

    /**
     * As {@link #preview(Path, int)}, with the header decided by the user: {@code header} true or false, or null to
     * detect it.
     */
    public static Preview preview(Path file, int maxRows, Boolean header) {
        Boolean forced = header;
        long bytes = size(file);
        List<String> names = null;
        boolean hasHeader = false;
        List<List<String>> rows = new ArrayList<>();
        int width = 0;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format())) {
            for (CSVRecord record : parser) {
                List<String> cells = record.toList();
                if (names == null) {
                    hasHeader = forced != null ? forced : isHeader(cells);
                    if (hasHeader) {
                        names = cells;
                        width = cells.size();
                        continue;
                    }
                    names = List.of();
                }
                width = Math.max(width, cells.size());
                rows.add(cells);
                if (rows.size() >= maxRows) {
                    break;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + reason(e));
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(file.getFileName() + " is not a CSV file we can read: " + firstLine(e));
        }
        if (names == null) {
            throw new IllegalArgumentException(file.getFileName() + " is empty: there is nothing to import");
        }
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            String n = hasHeader && i < names.size() ? names.get(i).strip() : "";
            columns.add(n.isEmpty() ? "column " + (i + 1) : n);
        }
        if (columns.size() < 2) {
            throw new IllegalArgumentException(file.getFileName() + " has only one column"
                    + (columns.isEmpty() ? "" : " (" + columns.get(0) + ")")
                    + ": a point needs two, x and y, separated by commas");
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file.getFileName() + " has a header (" + String.join(", ", columns)
                    + ") but no rows of data");
        }
        return new Preview(file, List.copyOf(columns), hasHeader, List.copyOf(rows), bytes);
    }

    /** The first row is a header when one of its non-empty cells is not a number. */
    static boolean isHeader(List<String> cells) {
        for (String c : cells) {
            if (!c.isBlank() && Double.isNaN(number(c))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads the given columns of every data row. A row is skipped (and counted, with its line number) when one of
     * the chosen cells is empty, missing (a short or truncated row) or not a finite number.
     *
     * @param header    whether the first row is a header (see {@link Preview#header()})
     * @param columns   the 0-based indices of the columns wanted, in the order wanted
     * @param names     the names of those columns, for messages
     * @param progress  called every {@link #REPORT_EVERY} rows and once at the end, on the reading thread
     * @param cancelled polled as often as progress is reported
     * @throws CancellationException    when {@code cancelled} turned true (nothing is returned)
     * @throws IllegalArgumentException for a file that cannot be read, is not CSV, or has no row of numbers
     */
    public static Result read(Path file, boolean header, int[] columns, String[] names, Progress progress,
                              BooleanSupplier cancelled) {
        long total = size(file);
        int k = columns.length;
        double[][] out = new double[k][1024];
        int n = 0;
        int skipped = 0;
        List<Long> skippedLines = new ArrayList<>();
        long rows = 0;
        double[] row = new double[k];
        try (CountingStream counted = new CountingStream(Files.newInputStream(file));
             Reader reader = new InputStreamReader(counted, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format())) {
            boolean first = true;
            for (CSVRecord record : parser) {
                if (first) {
                    first = false;
                    if (header) {
                        continue;
                    }
                }
                rows++;
                boolean ok = true;
                for (int c = 0; c < k && ok; c++) {
                    int col = columns[c];
                    row[c] = col < record.size() ? number(record.get(col)) : Double.NaN;
                    ok = Double.isFinite(row[c]);
                }
                if (ok) {
                    if (n == out[0].length) {
                        for (int c = 0; c < k; c++) {
                            out[c] = Arrays.copyOf(out[c], n * 2);
                        }
                    }
                    for (int c = 0; c < k; c++) {
                        out[c][n] = row[c];
                    }
                    n++;
                } else {
                    skipped++;
                    if (skippedLines.size() < PointsCsv.MAX_LISTED_LINES) {
                        skippedLines.add(parser.getCurrentLineNumber());
                    }
                }
                if (rows % REPORT_EVERY == 0) {
                    if (cancelled.getAsBoolean()) {
                        throw new CancellationException("import of " + file.getFileName() + " cancelled");
                    }
                    progress.update(counted.count, total, rows);
                }
            }
            progress.update(total, total, rows);
        } catch (CancellationException e) {
            throw e;
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + reason(e));
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(file.getFileName() + " is not a CSV file we can read: " + firstLine(e));
        }
        if (n == 0) {
            String what = rows == 0 ? "no rows of data" : "no row with numbers in columns " + String.join(" and ", names)
                    + " (" + PointsCsv.skippedMessage(skippedLines, skipped) + ")";
            throw new IllegalArgumentException(file.getFileName() + " has " + what + ": nothing was imported");
        }
        for (int c = 0; c < k; c++) {
            out[c] = Arrays.copyOf(out[c], n);
        }
        return new Result(names.clone(), out, skipped, List.copyOf(skippedLines));
    }

    /**
     * At most {@code max} of the rows, chosen at random with a fixed seed and kept in file order (the same file,
     * size and seed give the same sample); the result itself when it has no more than {@code max} rows.
     */
    public static Result sample(Result r, int max, long seed) {
        int n = r.size();
        if (n <= max) {
            return r;
        }
        // Partial Fisher-Yates over the row indices: the first max entries are a uniform sample without repeats.
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int i = 0; i < max; i++) {
            int j = i + random.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] chosen = Arrays.copyOf(idx, max);
        Arrays.sort(chosen);
        double[][] out = new double[r.columns().length][max];
        for (int c = 0; c < out.length; c++) {
            for (int i = 0; i < max; i++) {
                out[c][i] = r.columns()[c][chosen[i]];
            }
        }
        return new Result(r.names(), out, r.skipped(), r.skippedLines());
    }

    /**
     * Class labels from a numeric label column: 0/1 (or -1/+1, read as 0/1) for two classes, 0, 1, 2 for three.
     *
     * @throws IllegalArgumentException for a label that is not one of those, naming the first such value
     */
    public static int[] labels(double[] raw) {
        boolean minusOne = false;
        int max = 0;
        for (double v : raw) {
            if (v == -1) {
                minusOne = true;
            } else if (v == 0 || v == 1 || v == 2) {
                max = Math.max(max, (int) v);
            } else {
                throw new IllegalArgumentException("label " + org.losslab.kernel.Loss.formatParam(v) + " is not a class: use 0 and 1"
                        + " (or -1 and 1) for two classes, 0, 1 and 2 for three");
            }
        }
        if (minusOne && (max == 2 || containsZero(raw))) {
            throw new IllegalArgumentException("labels mix -1 with 0 or 2: use 0 and 1 (or -1 and 1) for two "
                    + "classes, 0, 1 and 2 for three");
        }
        int[] out = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = raw[i] == -1 ? 0 : (int) raw[i];
        }
        return out;
    }

    private static boolean containsZero(double[] raw) {
        for (double v : raw) {
            if (v == 0) {
                return true;
            }
        }
        return false;
    }

    /** A finite number, or NaN for an empty cell or one that is not a finite number. */
    private static double number(String text) {
        if (text.isBlank()) {
            return Double.NaN;
        }
        try {
            double v = Losses.parseNumber(text, "cell");
            return Double.isFinite(v) ? v : Double.NaN;
        } catch (LossInputException e) {
            return Double.NaN;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + reason(e));
        }
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? "bad CSV" : e.getMessage();
        return m.lines().findFirst().orElse("bad CSV");
    }

    private static String reason(Exception e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (t instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    /** Counts the bytes read from the file, for progress. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int r = super.read(buf, off, len);
            if (r > 0) {
                count += r;
            }
            return r;
        }
    }
}
