package org.losslab.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.losslab.kernel.ElementwiseLoss;
import org.losslab.kernel.Loss;
import org.losslab.kernel.LossInputException;
import org.losslab.kernel.Losses;
import org.losslab.lesson.PointsCsv;
import org.losslab.problem.Regularizer;
import org.losslab.problem.fit.FitResult;
import org.losslab.problem.fit.LineFitter;
import org.losslab.problem.fit.PolynomialFit;
import org.losslab.problem.fit.PolynomialFitResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code losslab fit}: the exact best line (or polynomial) for a loss on the points of a CSV file.
 *
 * <p>Output, every number with {@link Double#toString} (full precision): {@code w = ...}, {@code b = ...},
 * {@code loss = ...} (the kernel's mean loss at the optimum), plus {@code objective = ...} (loss + penalty) when
 * a penalty is given; with {@code --degree N}, {@code c0 = ...} to {@code cN = ...} (c_k multiplies x^k) and
 * {@code loss = ...}. {@code --json} prints one object instead: {@code {"w": ..., "b": ..., "loss": ...}}, or with
 * {@code --degree N} {@code {"coefficients": [c0, ..., cN], "loss": ...}}, with "w" and "b" too when N = 1 (and
 * "objective" with a penalty). Lines, with or without {@code --degree 1}, are solved by {@link LineFitter};
 * higher degrees by {@link PolynomialFit}.
 *
 * <p>Rows whose x or y cell is empty or not a finite number are skipped and reported on standard error
 * ({@code losslab: skipped 2 rows that are not numbers (lines 5, 9)}); a note on the optimum (not unique, only
 * local, all x equal) goes to standard error as {@code losslab: note: ...}. Exit status 0; 2 for bad arguments or
 * data, with a one-line message (IllegalArgumentException, printed by the root command).
 */
@Command(name = "fit", sortOptions = false,
        description = {
            "Fit the best line y = w*x + b (or a polynomial) for a loss to the points of a CSV file,",
            "exactly: closed form for mse, linear programming for mae and quantile, Newton for smooth losses.",
            "",
            "Examples:",
            "  losslab fit --data points.csv --loss mae",
            "  losslab fit --data points.csv --loss quantile:tau=0.9 --json",
            "  losslab fit --data anscombe.csv --where series=III --loss huber:delta=1",
            "  losslab fit --data points.csv --x age --y height --loss mse --degree 3",
            ""},
        footer = {
            "",
            "Regression losses: mse, mae, huber, smooth_l1, log_cosh, quantile, barron",
            "  (parameters as NAME:key=value,..., for example barron:alpha=0,scale=2).",
            "Rows with an empty or non-numeric x or y are skipped (reported on standard error).",
            "Exit status: 0 done, 2 bad arguments or data."})
public final class FitCommand implements Callable<Integer> {
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE.csv",
            description = "CSV file with a header line naming its columns.")
    private String data;

    @Option(names = "--x", paramLabel = "COLUMN", defaultValue = "x",
            description = "The column of inputs (default ${DEFAULT-VALUE}).")
    private String xColumn;

    @Option(names = "--y", paramLabel = "COLUMN", defaultValue = "y",
            description = "The column of targets (default ${DEFAULT-VALUE}).")
    private String yColumn;

    @Option(names = "--where", paramLabel = "COLUMN=VALUE",
            description = "Use only the rows whose COLUMN is exactly VALUE (for example series=III).")
    private String where;

    @Option(names = "--loss", paramLabel = "SPEC", description = "The loss: NAME[:param=value,...].")
    private String loss;

    @Option(names = "--degree", paramLabel = "N",
            description = "Fit a polynomial of degree N (1 to 9) and print its coefficients c0..cN.")
    private Integer degree;

    @Option(names = "--l1", paramLabel = "LAMBDA", description = "Add LAMBDA*(|w| + |b|) to the loss (lines only).")
    private String l1;

    @Option(names = "--l2", paramLabel = "LAMBDA", description = "Add LAMBDA*(w^2 + b^2) to the loss (lines only).")
    private String l2;

    @Option(names = "--json", description = "Print one JSON object.")
    private boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    /** Called by picocli with this command's model. */
    @Spec
    void setSpec(CommandSpec commandSpec) {
        this.spec = commandSpec;
    }

    @Override
    public Integer call() {
        if (data == null) {
            throw new IllegalArgumentException("missing --data FILE.csv (a header line naming the columns "
                    + xColumn + " and " + yColumn + ")");
        }
        if (loss == null) {
            throw new IllegalArgumentException("missing --loss; regression losses: " + regressionIds());
        }
        ElementwiseLoss kernel = regressionLoss(loss);
        if (degree != null && (degree < 1 || degree > PolynomialFit.MAX_DEGREE)) {
            throw new IllegalArgumentException("--degree must be between 1 and " + PolynomialFit.MAX_DEGREE
                    + " (got " + degree + ")");
        }
        double lambda1 = l1 == null ? 0.0 : penalty(l1, "--l1");
        double lambda2 = l2 == null ? 0.0 : penalty(l2, "--l2");
        if ((l1 != null || l2 != null) && degree != null && degree > 1) {
            throw new IllegalArgumentException("--l1 and --l2 apply only to lines (--degree 1)");
        }
        String[] filter = where == null ? null : parseWhere(where);
        PointsCsv.Points points = PointsCsv.read(data, "--data " + data, xColumn, yColumn, filter,
                PointsCsv.BadRows.SKIP);

        PrintWriter err = spec.commandLine().getErr();
        if (points.skipped() > 0) {
            err.println("losslab: " + PointsCsv.skippedMessage(points.skippedLines(), points.skipped()));
        }
        PrintWriter out = spec.commandLine().getOut();
        String note;
        if (degree == null || degree == 1) {
            FitResult r = new LineFitter().fit(points.x(), points.y(), kernel, new Regularizer(lambda1, lambda2));
            boolean penalised = lambda1 > 0 || lambda2 > 0;
            if (json) {
                StringBuilder sb = new StringBuilder("{\"w\": ").append(number(r.w())).append(", \"b\": ")
                        .append(number(r.b()));
                if (degree != null) {
                    sb.append(", \"coefficients\": [").append(number(r.b())).append(", ").append(number(r.w()))
                            .append(']');
                }
                sb.append(", \"loss\": ").append(number(r.loss()));
                if (penalised) {
                    sb.append(", \"objective\": ").append(number(r.objective()));
                }
                out.println(sb.append('}'));
            } else {
                if (degree == null) {
                    out.println("w = " + r.w());
                    out.println("b = " + r.b());
                } else {
                    out.println("c0 = " + r.b());
                    out.println("c1 = " + r.w());
                }
                out.println("loss = " + r.loss());
                if (penalised) {
                    out.println("objective = " + r.objective());
                }
            }
            note = r.note();
        } else {
            PolynomialFitResult r = PolynomialFit.fit(points.x(), points.y(), kernel, degree);
            double[] c = r.coefficients();
            if (json) {
                StringBuilder sb = new StringBuilder("{\"coefficients\": [");
                for (int k = 0; k < c.length; k++) {
                    sb.append(k > 0 ? ", " : "").append(number(c[k]));
                }
                out.println(sb.append("], \"loss\": ").append(number(r.loss())).append('}'));
            } else {
                for (int k = 0; k < c.length; k++) {
                    out.println("c" + k + " = " + c[k]);
                }
                out.println("loss = " + r.loss());
            }
            note = r.note();
        }
        out.flush();
        if (!note.isEmpty()) {
            err.println("losslab: note: " + note);
        }
        err.flush();
        return 0;
    }

    /** A JSON number with full precision; null for a non-finite value (JSON has no NaN or infinity). */
    static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

    private static String regressionIds() {
        StringBuilder sb = new StringBuilder();
        for (var d : Losses.regression()) {
            sb.append(sb.length() > 0 ? ", " : "").append(d.id());
        }
        return sb.toString();
    }

    private static ElementwiseLoss regressionLoss(String text) {
        Loss parsed = Losses.parse(text);
        if (!parsed.definition().family().isRegression() || !(parsed instanceof ElementwiseLoss)) {
            throw new IllegalArgumentException("fit needs a regression loss (" + regressionIds() + "); "
                    + parsed.id() + " is a " + parsed.definition().family().label() + " loss");
        }
        return (ElementwiseLoss) parsed;
    }

    private static double penalty(String text, String option) {
        double v;
        try {
            v = Losses.parseNumber(text, option);
        } catch (LossInputException e) {
            throw new IllegalArgumentException(option + ": '" + text.strip() + "' is not a number");
        }
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(option + " must be a finite number >= 0 (got " + text.strip() + ")");
        }
        return v;
    }

    private static String[] parseWhere(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--where needs COLUMN=VALUE (got '" + text + "')");
        }
        return new String[] {text.substring(0, eq).strip(), text.substring(eq + 1).strip()};
    }
}
