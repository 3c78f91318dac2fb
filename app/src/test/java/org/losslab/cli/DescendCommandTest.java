package org.losslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code losslab descend} through {@link LossLabCommand#run} with in-memory streams. */
class DescendCommandTest {
    @TempDir
    Path dir;

    /** What one command printed. */
    record Result(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        double[] row(int i) {
            String[] f = lines().get(i + 1).split(",");
            double[] v = new double[f.length];
            for (int k = 0; k < f.length; k++) {
                v[k] = Double.parseDouble(f[k]);
            }
            return v;
        }

        /** Exit 2, empty standard output and one line "losslab: ..." containing every fragment. */
        void assertBadInput(String... fragments) {
            assertEquals(2, exit, "exit status; stderr: " + err);
            assertEquals("", out);
            List<String> lines = err.lines().toList();
            assertEquals(1, lines.size(), err);
            assertTrue(lines.get(0).startsWith("losslab: "), lines.get(0));
            for (String f : fragments) {
                assertTrue(lines.get(0).contains(f), "'" + lines.get(0) + "' should contain '" + f + "'");
            }
        }
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] full = new String[args.length + 1];
        full[0] = "descend";
        System.arraycopy(args, 0, full, 1, args.length);
        int exit = LossLabCommand.run(full, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void headerAndOneRowPerStep() {
        Result r = run("--problem", "rosenbrock", "--optimizer", "adam", "--lr", "0.01", "--start", "-1.5,2",
                "--steps", "25");
        assertEquals(0, r.exit, r.err);
        assertEquals("", r.err);
        List<String> lines = r.lines();
        assertEquals("step,theta1,theta2,loss,grad_norm", lines.get(0));
        assertEquals(1 + 26, lines.size());
        // row 0 is the start: f(-1.5, 2) = 6.25 + 6.25, gradient (-155, -50)
        assertEquals("0,-1.5,2.0,12.5," + Math.sqrt(155 * 155 + 50 * 50), lines.get(1));
        for (int i = 0; i <= 25; i++) {
            assertEquals(i, (int) r.row(i)[0]);
        }
        // Adam's first step is lr * g / (|g| + eps) per coordinate: about (-1.49, 2.01)
        assertEquals(-1.5 + 0.01 * 155 / (155 + 1e-8), r.row(1)[1], 1e-15);
        assertEquals(2 + 0.01 * 50 / (50 + 1e-8), r.row(1)[2], 1e-15);
    }

    @Test
    void firstGradientStepOnRosenbrockByHand() {
        Result r = run("--problem", "rosenbrock", "--lr", "0.001", "--start=-1.5,2", "--steps", "1");
        assertEquals(0, r.exit, r.err);
        // df/dx = -2(1 - x) - 400 x (y - x^2) = -5 - 400 (-1.5)(-0.25) = -155; df/dy = 200 (y - x^2) = -50
        // theta1 = (-1.5 + 0.155, 2 + 0.05) = (-1.345, 2.05)
        double x = -1.5 + 0.001 * 155;
        double y = 2 + 0.001 * 50;
        double[] row = r.row(1);
        assertEquals(x, row[1], 0.0);
        assertEquals(y, row[2], 0.0);
        assertEquals(-1.345, row[1], 1e-15);
        assertEquals(2.05, row[2], 1e-15);
        double f = (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
        assertEquals(f, row[3], 1e-14);
        double gx = -2 * (1 - x) - 400 * x * (y - x * x);
        double gy = 200 * (y - x * x);
        assertEquals(Math.hypot(gx, gy), row[4], 1e-12);
        // full precision: the printed text is Double.toString of the value
        assertEquals(Double.toString(row[3]), r.lines().get(2).split(",")[3]);
    }

    @Test
    void divergenceExitsThreeWithTheMessage() {
        Result r = run("--problem", "rosenbrock", "--lr", "0.01", "--steps", "100");
        assertEquals(3, r.exit);
        assertTrue(r.err.startsWith("losslab: diverged at step "), r.err);
        assertTrue(r.err.contains("local stability limit 2/L"), r.err);
        List<String> lines = r.lines();
        int k = Integer.parseInt(r.err.replaceAll("(?s)losslab: diverged at step (\\d+):.*", "$1"));
        assertTrue(k < 100);
        assertEquals(k, (int) r.row(lines.size() - 2)[0], "ends with the diverged step");
        for (String line : lines) {
            assertTrue(!line.contains("NaN") && !line.contains("Infinity"), line);
        }
    }

    @Test
    void quadraticDivergenceComparesWithTwoOverL() {
        // bowl: curvatures 1 and 4, so 2/L = 0.5
        Result r = run("--problem", "bowl", "--lr", "0.6", "--steps", "1000");
        assertEquals(3, r.exit);
        assertTrue(r.err.contains("learning rate 0.6 is above the stability limit 2/L = 0.5"), r.err);
    }

    @Test
    void convergenceExitsZeroWithANote() {
        Result r = run("--problem", "bowl", "--lr", "0.4", "--steps", "10000");
        assertEquals(0, r.exit);
        assertTrue(r.err.startsWith("losslab: converged at step "), r.err);
        int k = Integer.parseInt(r.err.replaceAll("(?s)losslab: converged at step (\\d+) .*", "$1"));
        assertEquals(k + 2, r.lines().size());
        assertTrue(r.row(k)[4] < 1e-8);
        Result loose = run("--problem", "bowl", "--lr", "0.4", "--tol", "1e-3");
        int k2 = Integer.parseInt(loose.err.replaceAll("(?s)losslab: converged at step (\\d+) .*", "$1"));
        assertTrue(k2 < k);
    }

    @Test
    void optimizerSettingsAndSchedule() {
        Result r = run("--problem", "ravine", "--optimizer", "momentum:momentum=0.5", "--lr", "0.01",
                "--schedule", "step:step_size=1,gamma=0.5", "--steps", "2", "--start", "1,1");
        assertEquals(0, r.exit, r.err);
        // ravine: f = (x^2 + 25 y^2)/2, gradient (x, 25 y). Step 1: v = (1, 25), lr 0.01: (0.99, 0.75).
        // Step 2: g = (0.99, 18.75), v = 0.5 (1, 25) + g = (1.49, 31.25), lr 0.005: (0.99 - 0.00745, 0.75 - 0.15625)
        assertEquals(0.98255, r.row(2)[1], 1e-15);
        assertEquals(0.59375, r.row(2)[2], 1e-15);
    }

    @Test
    void linearRegressionFromACsvFile() throws IOException {
        Path data = dir.resolve("points.csv");
        Files.writeString(data, "x,y\n0,1\n1,3\n\n2,2\n");
        Result r = run("--problem", "linreg", "--data", data.toString(), "--lr", "0.1", "--steps", "1");
        assertEquals(0, r.exit, r.err);
        // mse at (0, 0): residuals -1, -3, -2; loss 14/3; gradient (mean 2 r x, mean 2 r) = (-14/3, -4)
        assertEquals(14.0 / 3, r.row(0)[3], 1e-15);
        assertEquals(Math.hypot(14.0 / 3, 4), r.row(0)[4], 1e-15);
        assertEquals(0.1 * 14 / 3, r.row(1)[1], 1e-15);
        assertEquals(0.4, r.row(1)[2], 1e-15);
        // with an L2 penalty the value includes l2 (w^2 + b^2), with --loss mae the gradient is mean(sign(r) (x, 1))
        Result l2 = run("--problem", "linreg", "--data", data.toString(), "--l2", "0.5", "--start", "1,1",
                "--steps", "0");
        assertEquals(2.0 / 3 + 1.0, l2.row(0)[3], 1e-15);
        Result mae = run("--problem", "linreg", "--data", data.toString(), "--loss", "mae", "--steps", "0");
        assertEquals(Math.hypot(1, 1), mae.row(0)[4], 1e-15);
    }

    @Test
    void miniBatchesAreReproducibleBySeed() throws IOException {
        Path data = dir.resolve("points.csv");
        Files.writeString(data, "x,y\n-1.5,-2\n-0.3,0.5\n0.4,0.9\n1.1,3.1\n2,4.4\n");
        String[] args = {"--problem", "linreg", "--data", data.toString(), "--lr", "0.05", "--batch-size", "2",
            "--seed", "9", "--steps", "30"};
        Result a = run(args);
        Result b = run(args);
        assertEquals(0, a.exit, a.err);
        assertEquals(a.out, b.out);
        Result full = run("--problem", "linreg", "--data", data.toString(), "--lr", "0.05", "--steps", "30");
        Result batchAll = run("--problem", "linreg", "--data", data.toString(), "--lr", "0.05", "--steps", "30",
                "--batch-size", "5");
        assertEquals(full.out, batchAll.out);
        assertTrue(!a.out.equals(full.out));
    }

    @Test
    void logisticWithHingeReadsZeroOneLabels() throws IOException {
        Path data = dir.resolve("labels.csv");
        Files.writeString(data, "x,y\n-1,0\n1,1\n");
        Result r = run("--problem", "logreg", "--data", data.toString(), "--loss", "hinge", "--lr", "0.5",
                "--start", "0.5,0", "--steps", "1");
        assertEquals(0, r.exit, r.err);
        // margins 0.5 and 0.5: loss 0.5, gradient (-1, 0); one step of 0.5: (1, 0)
        assertEquals(0.5, r.row(0)[3], 1e-15);
        assertEquals(1.0, r.row(1)[1], 1e-15);
        assertEquals(0.0, r.row(1)[2], 1e-15);
    }

    @Test
    void logisticWithMseAppliesItToTheSigmoid() throws IOException {
        Path data = dir.resolve("mse.csv");
        Files.writeString(data, "x,y\n-1,0\n1,1\n");
        Result r = run("--problem", "logreg", "--data", data.toString(), "--loss", "mse", "--lr", "1",
                "--start", "0,0", "--steps", "1");
        assertEquals(0, r.exit, r.err);
        // p = 1/2 at both points: loss (1/4 + 1/4)/2 = 1/4; dl/dz = 2 (p - y) p (1 - p) = +-1/4,
        // dL/dw = (1/4 (-1) + (-1/4) 1)/2 = -1/4, dL/db = 0; one step of 1: (1/4, 0)
        assertEquals(0.25, r.row(0)[3], 1e-15);
        assertEquals(0.25, r.row(1)[1], 1e-15);
        assertEquals(0.0, r.row(1)[2], 1e-15);
    }

    @Test
    void writesToAFile() throws IOException {
        Path out = dir.resolve("path.csv");
        Result r = run("--problem", "himmelblau", "--optimizer", "rmsprop", "--steps", "3", "--out", out.toString());
        assertEquals(0, r.exit, r.err);
        assertEquals("", r.out);
        List<String> lines = Files.readAllLines(out);
        assertEquals(5, lines.size());
        assertEquals("step,theta1,theta2,loss,grad_norm", lines.get(0));
        assertEquals("0,0.0,0.0,170.0," + Math.hypot(14, 22), lines.get(1));
    }

    @Test
    void badArgumentsExitTwoWithOneLine() throws IOException {
        run("--problem", "banana").assertBadInput("unknown problem 'banana'", "rosenbrock");
        run().assertBadInput("missing --problem");
        run("--problem", "bowl", "--optimizer", "adamw").assertBadInput("unknown optimizer 'adamw'",
                "sgd, momentum, nesterov, adagrad, rmsprop, adam");
        run("--problem", "bowl", "--optimizer", "adam:beta3=1").assertBadInput("unknown setting 'beta3'");
        run("--problem", "bowl", "--optimizer", "momentum:momentum=2").assertBadInput("must be in [0, 1)");
        run("--problem", "bowl", "--start", "1").assertBadInput("--start needs two numbers");
        run("--problem", "bowl", "--start", "1,x").assertBadInput("--start", "'x' is not a number");
        run("--problem", "bowl", "--start", "1,inf").assertBadInput("finite");
        run("--problem", "linreg").assertBadInput("linreg needs --data");
        run("--problem", "bowl", "--lr", "-1").assertBadInput("--lr must be a number > 0");
        run("--problem", "bowl", "--lr", "0.1", "--optimizer", "sgd:lr=0.2").assertBadInput("given twice");
        run("--problem", "bowl", "--steps", "x").assertBadInput("--steps");
        run("--problem", "bowl", "--steps", "-1").assertBadInput("--steps must be between 0");
        run("--problem", "bowl", "--schedule", "cosine").assertBadInput("unknown schedule 'cosine'");
        run("--problem", "bowl", "--data", "x.csv").assertBadInput("--data applies only to linreg and logreg");
        run("--problem", "bowl", "--batch-size", "4").assertBadInput("--batch-size applies only");
        run("--problem", "linreg", "--data", dir.resolve("none.csv").toString())
                .assertBadInput("cannot read --data", "no such file");
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "x,y\n1,2\n3,abc\n");
        run("--problem", "linreg", "--data", bad.toString()).assertBadInput("bad.csv line 3: y = 'abc' is not a number");
        Files.writeString(bad, "x,y\n1,2\n\n3\n");
        run("--problem", "linreg", "--data", bad.toString()).assertBadInput("line 4: expected 2 fields");
        Files.writeString(bad, "a,b\n1,2\n");
        run("--problem", "linreg", "--data", bad.toString()).assertBadInput("has no column 'x'", "its columns: a, b");
        Files.writeString(bad, "x,y\n");
        run("--problem", "linreg", "--data", bad.toString()).assertBadInput("has no rows with numbers in columns x and y");
        Files.writeString(bad, "");
        run("--problem", "linreg", "--data", bad.toString()).assertBadInput("is empty");
        Files.writeString(bad, "x,y\n1,0\n2,3\n");
        run("--problem", "logreg", "--data", bad.toString(), "--loss", "hinge")
                .assertBadInput("line 3: y = 3 is not a valid label for hinge");
        run("--problem", "logreg", "--data", bad.toString(), "--loss", "mse")
                .assertBadInput("line 3: y = 3 is not a valid label for mse on σ(z)");
        run("--problem", "linreg", "--data", bad.toString(), "--loss", "cce_logits")
                .assertBadInput("not an elementwise loss");
        run("--problem", "linreg", "--data", bad.toString(), "--l1", "-2").assertBadInput("--l1 must be");
    }
}
