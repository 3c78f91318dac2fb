package org.losslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.kernel.ElementwiseLoss;
import org.losslab.kernel.Losses;
import org.losslab.lesson.Datasets;
import org.losslab.problem.Regularizer;
import org.losslab.problem.fit.FitResult;
import org.losslab.problem.fit.LineFit;
import org.losslab.problem.fit.PolynomialFit;
import org.losslab.problem.fit.PolynomialFitResult;

/** {@code losslab fit} through {@link LossLabCommand#run} with in-memory streams and temporary CSV files. */
class FitCommandTest {
    @TempDir
    Path dir;

    private String write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p.toString();
    }

    /** The bundled Anscombe file, copied out of the class path. */
    private String anscombe() throws IOException {
        try (InputStream in = Datasets.class.getResourceAsStream("/assets/data/anscombe.csv")) {
            Path p = dir.resolve("anscombe.csv");
            Files.write(p, in.readAllBytes());
            return p.toString();
        }
    }

    private static CliRun fit(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "fit";
        System.arraycopy(args, 0, full, 1, args.length);
        return CliRun.run(full);
    }

    private static final String POINTS = "x,y\n0,1\n1,3.5\n2,4.5\n3,7\n4,8.5\n5,30\n";
    private static final double[] PX = {0, 1, 2, 3, 4, 5};
    private static final double[] PY = {1, 3.5, 4.5, 7, 8.5, 30};

    @Test
    void printsWBAndTheLossInFullPrecision() throws IOException {
        String file = write("p.csv", POINTS);
        for (String spec : new String[] {"mse", "mae", "huber:delta=1", "quantile:tau=0.9"}) {
            CliRun r = fit("--data", file, "--loss", spec).assertOk();
            FitResult expected = LineFit.fit(PX, PY, (ElementwiseLoss) Losses.parse(spec));
            assertEquals(List.of("w = " + expected.w(), "b = " + expected.b(), "loss = " + expected.loss()),
                    r.outLines(), spec);
        }
    }

    @Test
    void jsonIsOneObjectWithWBAndLoss() throws IOException {
        String file = write("p.csv", POINTS);
        CliRun r = fit("--data", file, "--loss", "mae", "--json").assertOk();
        assertEquals(1, r.outLines().size());
        JsonNode j = r.json();
        FitResult expected = LineFit.fit(PX, PY, Losses.elementwise("mae"));
        assertEquals(List.of("w", "b", "loss"), fieldNames(j));
        assertEquals(expected.w(), j.get("w").doubleValue());
        assertEquals(expected.b(), j.get("b").doubleValue());
        assertEquals(expected.loss(), j.get("loss").doubleValue());
    }

    private static List<String> fieldNames(JsonNode j) {
        List<String> names = new java.util.ArrayList<>();
        j.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void theAbsoluteErrorLineIgnoresTheOutlierOfAnscombeIII() throws IOException {
        String file = anscombe();
        CliRun r = fit("--data", file, "--where", "series=III", "--loss", "mae", "--json").assertOk();
        // ten of the eleven points lie on y = 0.345 x + 4.01 (to the data's two decimals)
        assertEquals(0.345, r.json().get("w").doubleValue(), 1e-12);
        assertEquals(4.01, r.json().get("b").doubleValue(), 1e-12);
        CliRun mse = fit("--data", file, "--where", "series=III", "--loss", "mse").assertOk();
        assertTrue(mse.outLines().get(0).startsWith("w = 0.4997"), mse.out());
    }

    @Test
    void polynomialCoefficientsReadableAndJson() throws IOException {
        String file = write("p.csv", POINTS);
        PolynomialFitResult expected = PolynomialFit.fit(PX, PY, Losses.elementwise("huber"), 3);
        CliRun r = fit("--data", file, "--loss", "huber", "--degree", "3").assertOk();
        double[] c = expected.coefficients();
        assertEquals(List.of("c0 = " + c[0], "c1 = " + c[1], "c2 = " + c[2], "c3 = " + c[3],
                "loss = " + expected.loss()), r.outLines());
        CliRun j = fit("--data", file, "--loss", "huber", "--degree", "3", "--json").assertOk();
        assertEquals(List.of("coefficients", "loss"), fieldNames(j.json()));
        CliRun.assertClose(c, CliRun.doubles(j.json().get("coefficients")), "coefficients");
        assertEquals(expected.loss(), j.json().get("loss").doubleValue());
    }

    @Test
    void degreeOneInJsonHasCoefficientsAndWAndB() throws IOException {
        String file = write("p.csv", POINTS);
        FitResult line = LineFit.fit(PX, PY, Losses.elementwise("mse"));
        assertEquals(List.of("c0 = " + line.b(), "c1 = " + line.w(), "loss = " + line.loss()),
                fit("--data", file, "--loss", "mse", "--degree", "1").assertOk().outLines());
        JsonNode j = fit("--data", file, "--loss", "mse", "--degree", "1", "--json").assertOk().json();
        FitResult expected = LineFit.fit(PX, PY, Losses.elementwise("mse"));
        assertEquals(List.of("w", "b", "coefficients", "loss"), fieldNames(j));
        assertEquals(expected.w(), j.get("w").doubleValue());
        assertEquals(expected.b(), j.get("b").doubleValue());
        CliRun.assertClose(new double[] {expected.b(), expected.w()}, CliRun.doubles(j.get("coefficients")), "c");
        assertEquals(expected.loss(), j.get("loss").doubleValue());
    }

    @Test
    void otherColumnsAndPenalties() throws IOException {
        String file = write("cars.csv", "name,speed,dist\na,4,2\nb,7,4\nc,8,16\nd,9,10\ne,10,18\nf,12,24\n");
        CliRun r = fit("--data", file, "--x", "speed", "--y", "dist", "--loss", "mse", "--l2", "0.1", "--json")
                .assertOk();
        FitResult expected = LineFit.fit(new double[] {4, 7, 8, 9, 10, 12}, new double[] {2, 4, 16, 10, 18, 24},
                Losses.elementwise("mse"), Regularizer.l2(0.1));
        assertEquals(expected.w(), r.json().get("w").doubleValue());
        assertEquals(expected.objective(), r.json().get("objective").doubleValue());
        CliRun readable = fit("--data", file, "--x", "speed", "--y", "dist", "--loss", "mae", "--l1", "0.5")
                .assertOk();
        assertTrue(readable.outLines().get(3).startsWith("objective = "), readable.out());
    }

    @Test
    void rowsThatAreNotNumbersAreSkippedAndCounted() throws IOException {
        String file = write("gaps.csv", "x,y\n0,1\n1,2\n2,\nthree,4\n4,5\n5,inf\n6,7\n");
        CliRun r = fit("--data", file, "--loss", "mse");
        assertEquals(0, r.exit(), r.err());
        assertEquals("losslab: skipped 3 rows that are not numbers (lines 4, 5, 7)", r.err().strip());
        FitResult expected = LineFit.fit(new double[] {0, 1, 4, 6}, new double[] {1, 2, 5, 7},
                Losses.elementwise("mse"));
        assertEquals("w = " + expected.w(), r.outLines().get(0));
        CliRun one = fit("--data", write("one.csv", "x,y\n1,2\n2,x\n3,4\n"), "--loss", "mae");
        assertEquals("losslab: skipped 1 row that is not a number (line 3)", one.err().strip());
    }

    @Test
    void manySkippedRowsListTheFirstTen() throws IOException {
        StringBuilder sb = new StringBuilder("x,y\n1,1\n2,3\n");
        for (int i = 0; i < 14; i++) {
            sb.append("?,1\n");
        }
        CliRun r = fit("--data", write("many.csv", sb.toString()), "--loss", "mse");
        assertEquals(0, r.exit());
        assertTrue(r.err().contains("skipped 14 rows that are not numbers (lines 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,"
                + " ... and 4 more)"), r.err());
    }

    @Test
    void aNoteGoesToStandardError() throws IOException {
        String file = write("flat.csv", "x,y\n2,1\n2,5\n2,3\n");
        CliRun r = fit("--data", file, "--loss", "mae");
        assertEquals(0, r.exit());
        assertEquals(List.of("w = 0.0", "b = 3.0", "loss = 1.3333333333333333"), r.outLines());
        assertTrue(r.err().startsWith("losslab: note: all x are equal"), r.err());
    }

    @Test
    void noUsableRowsIsBadInput() throws IOException {
        fit("--data", write("none.csv", "x,y\na,b\n,\n"), "--loss", "mse")
                .assertBadInput("has no rows with numbers in columns x and y", "skipped 2 rows");
        fit("--data", write("header.csv", "x,y\n"), "--loss", "mse").assertBadInput("has no rows with numbers");
        fit("--data", write("empty.csv", ""), "--loss", "mse").assertBadInput("is empty");
        fit("--data", anscombe(), "--where", "series=V", "--loss", "mse")
                .assertBadInput("has no rows where series = V");
    }

    @Test
    void anUnknownColumnNamesTheColumnsPresent() throws IOException {
        String file = write("p.csv", POINTS);
        fit("--data", file, "--x", "speed", "--loss", "mse").assertBadInput("no column 'speed'", "its columns: x, y");
        fit("--data", anscombe(), "--where", "set=I", "--loss", "mse")
                .assertBadInput("no column 'set'", "series, x, y");
        fit("--data", file, "--where", "x", "--loss", "mse").assertBadInput("--where needs COLUMN=VALUE");
    }

    @Test
    void badLossesAndDegreesAndFiles() throws IOException {
        String file = write("p.csv", POINTS);
        fit("--data", file, "--loss", "nope").assertBadInput("unknown loss 'nope'", "valid names");
        fit("--data", file, "--loss", "huber:delta=-1").assertBadInput("delta");
        fit("--data", file, "--loss", "bce").assertBadInput("fit needs a regression loss", "bce");
        fit("--data", file).assertBadInput("missing --loss", "mse, mae");
        fit("--loss", "mse").assertBadInput("missing --data");
        fit("--data", file, "--loss", "mse", "--degree", "0").assertBadInput("--degree must be between 1 and 9");
        fit("--data", file, "--loss", "mse", "--degree", "10").assertBadInput("--degree must be between 1 and 9");
        fit("--data", file, "--loss", "mse", "--degree", "two").assertBadInput("--degree");
        fit("--data", file, "--loss", "mse", "--degree", "2", "--l2", "1").assertBadInput("only to lines");
        fit("--data", file, "--loss", "mse", "--l1", "-1").assertBadInput("--l1 must be a finite number >= 0");
        fit("--data", dir.resolve("missing.csv").toString(), "--loss", "mse").assertBadInput("no such file");
        fit("--data", file, "--loss", "mse", "--bogus").assertBadInput("--bogus");
    }

    @Test
    void fitIsASubcommandWithHelp() {
        CliRun root = CliRun.run("--help");
        assertTrue(root.out().contains("fit"), root.out());
        CliRun help = CliRun.run("fit", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--degree"), help.out());
        assertFalse(help.out().isEmpty());
    }
}
