package org.losslab.lesson;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Importing CSV files as a user has them: with and without a header, with text where numbers should be, empty, a
 * single column, a truncated last line, and a million rows (counted, with progress reports, and cancellable).
 */
class CsvImportTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static CsvImport.Result readXy(CsvImport.Preview p, int x, int y) {
        return CsvImport.read(p.file(), p.header(), new int[] {x, y},
                new String[] {p.columns().get(x), p.columns().get(y)}, CsvImport.Progress.NONE, () -> false);
    }

    @Test
    void headerIsDetectedAndColumnsCanBeChosenByName() throws IOException {
        Path f = file("h.csv", "id,height,weight\n1,1.5,50\n2,1.7,65.5\n3,1.8,80\n");
        CsvImport.Preview p = CsvImport.preview(f, 5);
        assertTrue(p.header());
        assertEquals(List.of("id", "height", "weight"), p.columns());
        assertEquals(3, p.rows().size());
        assertEquals(List.of("1", "1.5", "50"), p.rows().get(0));
        CsvImport.Result r = readXy(p, p.indexOf("height"), p.indexOf("weight"));
        assertArrayEquals(new double[] {1.5, 1.7, 1.8}, r.column(0));
        assertArrayEquals(new double[] {50, 65.5, 80}, r.column(1));
        assertEquals(0, r.skipped());
        assertEquals("", r.skippedMessage());
    }

    @Test
    void withoutHeaderTheFirstRowIsDataAndColumnsAreNumbered() throws IOException {
        Path f = file("n.csv", "1,2\n3,4\n5,6\n");
        CsvImport.Preview p = CsvImport.preview(f, 2);
        assertFalse(p.header());
        assertEquals(List.of("column 1", "column 2"), p.columns());
        assertEquals(2, p.rows().size(), "the preview stops at the rows asked for");
        CsvImport.Result r = readXy(p, 0, 1);
        assertArrayEquals(new double[] {1, 3, 5}, r.column(0));
        assertArrayEquals(new double[] {2, 4, 6}, r.column(1));
        // x and y may be swapped by the user
        CsvImport.Result swapped = readXy(p, 1, 0);
        assertArrayEquals(new double[] {2, 4, 6}, swapped.column(0));
    }

    @Test
    void suggestedColumnsFollowTheirNames() throws IOException {
        CsvImport.Preview p = CsvImport.preview(file("s.csv", "series,y,x\nI,1,2\n"), 5);
        assertEquals(2, p.suggestedX());
        assertEquals(1, p.suggestedY());
        CsvImport.Preview q = CsvImport.preview(file("q.csv", "a,b,c\n1,2,3\n"), 5);
        assertEquals(0, q.suggestedX());
        assertEquals(1, q.suggestedY());
        // a text column is not offered first
        CsvImport.Preview t = CsvImport.preview(file("t.csv", "name,height,weight\na,1.5,50\nb,tall,60\nc,1.7,70\n"), 5);
        assertEquals(1, t.suggestedX());
        assertEquals(2, t.suggestedY());
    }

    @Test
    void rowsThatAreNotNumbersAreSkippedAndCountedWithTheirLineNumbers() throws IOException {
        // line 1 header; lines 5, 9 and 12 hold text, a blank cell and "inf" in the chosen columns; line 7 has text
        // only in a column that was not chosen, and is kept
        Path f = file("t.csv", "x,y,note\n1,1,a\n2,2,b\n3,3,c\nfour,4,d\n5,5,e\n6,6,text\n7,7,f\n8,,g\n9,9,h\n"
                + "10,10,i\n11,inf,j\n12,12,k\n");
        CsvImport.Preview p = CsvImport.preview(f, 5);
        CsvImport.Result r = readXy(p, 0, 1);
        assertEquals(9, r.size());
        assertEquals(3, r.skipped());
        assertEquals(List.of(5L, 9L, 12L), r.skippedLines());
        assertEquals("skipped 3 rows that are not numbers (lines 5, 9, 12)", r.skippedMessage());
        assertArrayEquals(new double[] {1, 2, 3, 5, 6, 7, 9, 10, 12}, r.column(0));
    }

    @Test
    void truncatedLastLineIsSkippedAndCounted() throws IOException {
        Path f = file("cut.csv", "x,y\n1,2\n3,4\n5");
        CsvImport.Result r = readXy(CsvImport.preview(f, 5), 0, 1);
        assertArrayEquals(new double[] {1, 3}, r.column(0));
        assertEquals(1, r.skipped());
        assertEquals(List.of(4L), r.skippedLines());
        // a last line without its newline but complete is kept
        Path g = file("nonl.csv", "x,y\n1,2\n3,4");
        assertEquals(2, readXy(CsvImport.preview(g, 5), 0, 1).size());
    }

    @Test
    void emptySingleColumnHeaderOnlyAndNoNumbersAreRefusedWithAClearMessage() throws IOException {
        String empty = assertThrows(IllegalArgumentException.class,
                () -> CsvImport.preview(file("e.csv", ""), 5)).getMessage();
        assertEquals("e.csv is empty: there is nothing to import", empty);
        String blank = assertThrows(IllegalArgumentException.class,
                () -> CsvImport.preview(file("b.csv", "\n\n"), 5)).getMessage();
        assertTrue(blank.contains("is empty"), blank);
        String single = assertThrows(IllegalArgumentException.class,
                () -> CsvImport.preview(file("one.csv", "x\n1\n2\n"), 5)).getMessage();
        assertEquals("one.csv has only one column (x): a point needs two, x and y, separated by commas", single);
        String headerOnly = assertThrows(IllegalArgumentException.class,
                () -> CsvImport.preview(file("ho.csv", "x,y\n"), 5)).getMessage();
        assertTrue(headerOnly.contains("no rows of data"), headerOnly);
        Path words = file("w.csv", "x,y\na,b\nc,d\n");
        CsvImport.Preview p = CsvImport.preview(words, 5);
        String none = assertThrows(IllegalArgumentException.class, () -> readXy(p, 0, 1)).getMessage();
        assertEquals("w.csv has no row with numbers in columns x and y (skipped 2 rows that are not numbers "
                + "(lines 2, 3)): nothing was imported", none);
        String missing = assertThrows(IllegalArgumentException.class,
                () -> CsvImport.preview(dir.resolve("absent.csv"), 5)).getMessage();
        assertTrue(missing.contains("no such file"), missing);
    }

    @Test
    void labelsReadAsClasses() {
        assertArrayEquals(new int[] {0, 1, 1}, CsvImport.labels(new double[] {0, 1, 1}));
        assertArrayEquals(new int[] {0, 1, 0}, CsvImport.labels(new double[] {-1, 1, -1}));
        assertArrayEquals(new int[] {2, 0, 1}, CsvImport.labels(new double[] {2, 0, 1}));
        assertThrows(IllegalArgumentException.class, () -> CsvImport.labels(new double[] {0, 0.5}));
        assertThrows(IllegalArgumentException.class, () -> CsvImport.labels(new double[] {-1, 0, 1}));
    }

    private Path million() throws IOException {
        Path f = dir.resolve("million.csv");
        try (BufferedWriter w = Files.newBufferedWriter(f)) {
            w.write("x,y\n");
            for (int i = 0; i < 1_000_000; i++) {
                w.write(Integer.toString(i));
                w.write(',');
                w.write(Double.toString(0.5 * i + 1));
                w.write('\n');
            }
        }
        return f;
    }

    @Test
    void aMillionRowsAreCountedWithProgressReportsAndCanBeCancelled() throws IOException {
        Path f = million();
        CsvImport.Preview p = CsvImport.preview(f, 5);
        List<long[]> reports = new ArrayList<>();
        CsvImport.Result r = CsvImport.read(f, p.header(), new int[] {0, 1}, new String[] {"x", "y"},
                (done, total, rows) -> reports.add(new long[] {done, total, rows}), () -> false);
        assertEquals(1_000_000, r.size());
        assertEquals(999_999.0, r.column(0)[999_999]);
        assertEquals(0.5 * 999_999 + 1, r.column(1)[999_999]);
        assertTrue(reports.size() >= 100, "progress reported " + reports.size() + " times");
        long size = Files.size(f);
        for (int i = 1; i < reports.size(); i++) {
            assertTrue(reports.get(i)[0] >= reports.get(i - 1)[0], "progress never goes back");
            assertEquals(size, reports.get(i)[1]);
        }
        long[] last = reports.get(reports.size() - 1);
        assertEquals(size, last[0], "the last report is 100%");
        assertEquals(1_000_000, last[2]);

        CsvImport.Result sample = CsvImport.sample(r, 10_000, 1);
        assertEquals(10_000, sample.size());
        for (int i = 0; i < sample.size(); i++) {
            double x = sample.column(0)[i];
            assertEquals(0.5 * x + 1, sample.column(1)[i], "a sampled row keeps its own y");
            assertTrue(i == 0 || x > sample.column(0)[i - 1], "file order, no row twice");
        }
        assertTrue(sample.column(0)[9_999] - sample.column(0)[0] > 900_000, "spread over the whole file");
        assertArrayEquals(sample.column(0), CsvImport.sample(r, 10_000, 1).column(0), "seeded");

        AtomicInteger seen = new AtomicInteger();
        CancellationException stop = assertThrows(CancellationException.class, () -> CsvImport.read(f, true,
                new int[] {0, 1}, new String[] {"x", "y"}, (d, t, rows) -> seen.incrementAndGet(),
                () -> seen.get() >= 3));
        assertTrue(stop.getMessage().contains("cancelled"));
        assertEquals(3, seen.get(), "cancelled at the first check after it was asked, not at the end");
    }

    @Test
    void exportedDataAndTrajectoriesReadBack() throws IOException {
        StringWriter w = new StringWriter();
        DataCsv.writePoints(new double[] {1, 0.1}, new double[] {2, -3e-9}, new boolean[] {false, true}, w);
        assertEquals("x,y,validation\n1.0,2.0,0\n0.1,-3.0E-9,1\n", w.toString());
        Path f = file("back.csv", w.toString());
        CsvImport.Preview p = CsvImport.preview(f, 5);
        CsvImport.Result r = readXy(p, p.suggestedX(), p.suggestedY());
        assertArrayEquals(new double[] {1, 0.1}, r.column(0));
        assertArrayEquals(new double[] {2, -3e-9}, r.column(1));
        StringWriter l = new StringWriter();
        DataCsv.writeLabeled(new double[] {0.5}, new double[] {-1}, new int[] {2}, l);
        assertEquals("x1,x2,label\n0.5,-1.0,2\n", l.toString());
    }
}
