package org.losslab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.losslab.kernel.ElementwiseLoss;
import org.losslab.kernel.Loss;
import org.losslab.kernel.LossInputException;
import org.losslab.kernel.Losses;
import org.losslab.lesson.PointsCsv;
import org.losslab.lesson.TrajectoryCsv;
import org.losslab.optim.OptimizerSpec;
import org.losslab.optim.Run;
import org.losslab.optim.RunStatus;
import org.losslab.optim.Schedule;
import org.losslab.optim.Trajectory;
import org.losslab.problem.LogisticProblem;
import org.losslab.problem.Problem;
import org.losslab.problem.ProblemOptions;
import org.losslab.problem.ProblemRegistry;
import org.losslab.problem.Regularizer;
import org.losslab.problem.SpecString;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code losslab descend}: runs an optimizer on a problem and writes the trajectory as CSV,
 * {@code step,theta1,theta2,loss,grad_norm}, row 0 the start, every number in full precision
 * ({@link Double#toString}).
 *
 * <p>Exit status: 0 when the run finished its steps or converged (then a note on standard error); 3 when it
 * diverged (the output ends with the last finite step, and the message "diverged at step k: ..." goes to standard
 * error); 2 for bad arguments or data, with a one-line message (IllegalArgumentException, printed by the root
 * command as {@code losslab: MESSAGE}).
 */
@Command(name = "descend", sortOptions = false,
        description = {
            "Run an optimizer on a loss landscape and write its path as CSV:",
            "step,theta1,theta2,loss,grad_norm (row 0 is the start).",
            "",
            "Examples:",
            "  losslab descend --problem rosenbrock --optimizer adam --lr 0.01 \\",
            "      --start -1.5,2 --steps 500",
            "  losslab descend --problem ravine:kappa=50,angle=30 \\",
            "      --optimizer momentum:momentum=0.9 --lr 0.02",
            "  losslab descend --problem linreg --data points.csv --loss huber:delta=1 \\",
            "      --lr 0.05 --batch-size 8 --seed 1 --l2 0.01",
            ""},
        footer = {
            "",
            "Problems: bowl[:kappa=K,angle=DEG], ravine[:kappa=K,angle=DEG], rosenbrock,",
            "  himmelblau, beale, saddle, rastrigin, plateau; linreg and logreg fit",
            "  w*x + b to --data FILE.csv (header x,y; logreg labels 0/1 or -1/+1).",
            "  logreg losses: bce_logits, bce, focal, hinge, squared_hinge, or a",
            "  regression loss applied to the probability σ(w*x + b) (--loss mse).",
            "Optimizers (torch.optim rules and defaults): sgd, momentum, nesterov,",
            "  adagrad, rmsprop, adam; settings as NAME:key=value,... for example",
            "  adam:beta1=0.9,beta2=0.999,eps=1e-8.",
            "Schedules: constant, step:step_size=S,gamma=G, exp:gamma=G,",
            "  inv:decay=D (lr/(1 + D*t)).",
            "Exit status: 0 done or converged, 2 bad arguments, 3 diverged."})
public final class DescendCommand implements Callable<Integer> {
    /** Exit status of a run that diverged. */
    public static final int EXIT_DIVERGED = 3;
    /** The most steps one command will run. */
    public static final int MAX_STEPS = 10_000_000;
    /** The CSV header. */
    public static final String HEADER = TrajectoryCsv.HEADER;

    private CommandSpec spec;

    @Option(names = "--problem", paramLabel = "SPEC",
            description = "The landscape: NAME or NAME:key=value,... (names listed below).")
    private String problem;

    @Option(names = "--optimizer", paramLabel = "SPEC", defaultValue = "sgd",
            description = "The optimizer: NAME or NAME:key=value,... (default ${DEFAULT-VALUE}).")
    private String optimizer;

    @Option(names = "--lr", paramLabel = "RATE",
            description = "The learning rate (default: torch's default for the optimizer).")
    private String lr;

    @Option(names = "--start", paramLabel = "T1,T2", description = "The start theta1,theta2 (default: the problem's).")
    private String start;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "100",
            description = "Steps to run (default ${DEFAULT-VALUE}); fewer rows if the run converges or diverges.")
    private int steps;

    @Option(names = "--schedule", paramLabel = "SPEC", defaultValue = "constant",
            description = "Learning-rate schedule (default ${DEFAULT-VALUE}).")
    private String schedule;

    @Option(names = "--tol", paramLabel = "TOL",
            description = "Stop as converged when |gradient| < TOL (default 1e-8; 0 never stops).")
    private String tol;

    @Option(names = "--data", paramLabel = "FILE.csv", description = "Data for linreg/logreg: CSV with header x,y.")
    private String data;

    @Option(names = "--loss", paramLabel = "SPEC",
            description = "Loss for linreg/logreg: NAME[:param=value,...] (default mse / bce_logits).")
    private String loss;

    @Option(names = "--l1", paramLabel = "LAMBDA", description = "Add LAMBDA*(|w| + |b|) to a data problem's loss.")
    private String l1;

    @Option(names = "--l2", paramLabel = "LAMBDA", description = "Add LAMBDA*(w^2 + b^2) to a data problem's loss.")
    private String l2;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Mini-batches of N points per step on a data problem (default: all points).")
    private Integer batchSize;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Seed of the mini-batch shuffle (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the CSV to FILE instead of standard output.")
    private String out;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    /** Called by picocli with this command's model. */
    @Spec
    void setSpec(CommandSpec commandSpec) {
        this.spec = commandSpec;
    }

    @Override
    public Integer call() throws IOException {
        Run run = buildRun();
        run.run(steps);
        if (out != null) {
            Path path = path(out, "--out");
            try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
                writeCsv(run.trajectory(), w);
            } catch (IOException | UncheckedIOException e) {
                throw new IllegalArgumentException("cannot write --out " + out + ": " + reason(e));
            }
        } else {
            PrintWriter stdout = spec.commandLine().getOut();
            writeCsv(run.trajectory(), stdout);
            stdout.flush();
        }
        PrintWriter err = spec.commandLine().getErr();
        if (run.status() == RunStatus.DIVERGED) {
            err.println("losslab: " + run.message());
            err.flush();
            return EXIT_DIVERGED;
        }
        if (run.status() == RunStatus.CONVERGED) {
            err.println("losslab: " + run.message());
            err.flush();
        }
        return 0;
    }

    /** Builds the run from the options; throws IllegalArgumentException with a one-line message. */
    Run buildRun() {
        if (problem == null) {
            throw new IllegalArgumentException("missing --problem; valid names: " + ProblemRegistry.idList());
        }
        if (steps < 0 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("--steps must be between 0 and " + MAX_STEPS + " (got " + steps + ")");
        }
        OptimizerSpec opt = OptimizerSpec.parse(optimizer);
        if (lr != null && opt.isGiven("lr")) {
            throw new IllegalArgumentException("the learning rate is given twice: --lr and lr= in --optimizer");
        }
        Schedule sched = Schedule.parse(schedule);
        Problem p = buildProblem();
        Run.Builder b = Run.builder(p, opt).schedule(sched);
        if (lr != null) {
            double rate = number(lr, "--lr");
            if (!(rate > 0)) {
                throw new IllegalArgumentException("--lr must be a number > 0 (got " + lr + ")");
            }
            b.learningRate(rate);
        }
        if (start != null) {
            double[] s = parseStart(start);
            b.start(s[0], s[1]);
        }
        if (tol != null) {
            double t = number(tol, "--tol");
            if (!(t >= 0)) {
                throw new IllegalArgumentException("--tol must be a number >= 0 (got " + tol + ")");
            }
            b.tolerance(t);
        }
        if (batchSize != null) {
            if (!ProblemRegistry.isDataProblem(p.id())) {
                throw new IllegalArgumentException("--batch-size applies only to linreg and logreg (data problems)");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("--batch-size must be at least 1 (got " + batchSize + ")");
            }
            b.batchSize(batchSize).seed(seed);
        }
        return b.build();
    }

    private Problem buildProblem() {
        String id = SpecString.parse(problem, "problem").name();
        if (!ProblemRegistry.ids().contains(id)) {
            throw new IllegalArgumentException("unknown problem '" + id + "'; valid names: " + ProblemRegistry.idList());
        }
        if (!ProblemRegistry.isDataProblem(id)) {
            List<String> extra = new ArrayList<>();
            addIf(extra, data, "--data");
            addIf(extra, loss, "--loss");
            addIf(extra, l1, "--l1");
            addIf(extra, l2, "--l2");
            if (!extra.isEmpty()) {
                throw new IllegalArgumentException(String.join(", ", extra) + " applies only to linreg and logreg; "
                        + id + " is an analytic problem");
            }
            return ProblemRegistry.create(problem);
        }
        if (data == null) {
            throw new IllegalArgumentException(id + " needs --data FILE.csv (a header x,y and one point per line)");
        }
        ElementwiseLoss kernel = loss == null ? null : elementwise(loss, id);
        ElementwiseLoss effective = kernel != null ? kernel
                : Losses.elementwise(id.equals("linreg") ? "mse" : "bce_logits");
        double lambda1 = l1 == null ? 0.0 : penalty(l1, "--l1");
        double lambda2 = l2 == null ? 0.0 : penalty(l2, "--l2");
        double[][] xy = readData(data, id.equals("logreg") ? effective : null);
        ProblemOptions options = ProblemOptions.NONE.withData(xy[0], xy[1]).withLoss(effective)
                .withRegularizer(new Regularizer(lambda1, lambda2));
        return ProblemRegistry.create(problem, options);
    }

    private static void addIf(List<String> names, String value, String name) {
        if (value != null) {
            names.add(name);
        }
    }

    private static ElementwiseLoss elementwise(String lossSpec, String id) {
        Loss parsed = Losses.parse(lossSpec);
        if (!(parsed instanceof ElementwiseLoss)) {
            throw new IllegalArgumentException(parsed.id() + " is not an elementwise loss; " + id + " takes "
                    + (id.equals("linreg") ? "a regression loss: mse, mae, huber, smooth_l1, log_cosh, quantile, barron"
                    : "a binary loss (bce, bce_logits, focal, hinge, squared_hinge) or a regression loss on σ(z) (mse, ...)"));
        }
        boolean regression = parsed.definition().family().isRegression();
        if (id.equals("linreg") && !regression) {
            throw new IllegalArgumentException("linreg needs a regression loss (mse, mae, huber, ...); "
                    + parsed.id() + " is a classification loss (use --problem logreg)");
        }
        return (ElementwiseLoss) parsed;
    }

    private static double penalty(String text, String option) {
        double v = number(text, option);
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(option + " must be a finite number >= 0 (got " + text + ")");
        }
        return v;
    }

    private static double number(String text, String option) {
        try {
            return Losses.parseNumber(text, option);
        } catch (LossInputException e) {
            throw new IllegalArgumentException(option + ": '" + text.strip() + "' is not a number");
        }
    }

    /** Parses "T1,T2" into two finite numbers. */
    static double[] parseStart(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("--start needs two numbers THETA1,THETA2 (got '" + text.strip() + "')");
        }
        double[] s = new double[2];
        for (int i = 0; i < 2; i++) {
            s[i] = number(parts[i], "--start");
            if (!Double.isFinite(s[i])) {
                throw new IllegalArgumentException("--start needs finite numbers (got '" + text.strip() + "')");
            }
        }
        return s;
    }

    /**
     * Reads the x and y columns of a CSV file with a header naming them (other columns are allowed and ignored);
     * a row that is not two numbers stops the command with its line number.
     *
     * @param labelsFor for logreg, the loss whose labels the y column must hold; null for linreg
     * @return {x, y}
     * @throws IllegalArgumentException naming the file and, for a bad row, its line number
     */
    static double[][] readData(String file, ElementwiseLoss labelsFor) {
        PointsCsv.Points points = PointsCsv.read(file, "--data " + file, "x", "y", null, PointsCsv.BadRows.FAIL);
        if (labelsFor != null) {
            for (int i = 0; i < points.size(); i++) {
                String problem = LogisticProblem.labelProblem(labelsFor, points.y()[i]);
                if (problem != null) {
                    throw new IllegalArgumentException(file + " line " + points.lines()[i] + ": y = "
                            + Loss.formatParam(points.y()[i]) + " " + problem);
                }
            }
        }
        return new double[][] {points.x(), points.y()};
    }

    private static Path path(String file, String option) {
        try {
            return Path.of(file);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(option + " " + file + " is not a valid path");
        }
    }

    private static String reason(Exception e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String m = t.getMessage();
        if (t instanceof NoSuchFileException) {
            return "no such file";
        }
        if (t instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    /** Writes the header and one line per row (the same CSV as the app's trajectory export). */
    static void writeCsv(Trajectory t, Writer w) {
        TrajectoryCsv.write(t, w);
    }
}
