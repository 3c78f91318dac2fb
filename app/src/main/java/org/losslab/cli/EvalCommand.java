package org.losslab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.losslab.kernel.Evaluation;
import org.losslab.kernel.Loss;
import org.losslab.kernel.Losses;
import org.losslab.kernel.Shape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code losslab eval}: evaluates a loss on given targets and predictions and prints each element's loss, the
 * reduced loss and its gradient, as a table or as one JSON object; or, with {@code --batch}, answers a file of JSON
 * Lines one line at a time.
 *
 * <p>Bad input throws an {@link IllegalArgumentException} with a one-line message, which the root command prints
 * as {@code losslab: MESSAGE} with exit status 2. In a batch, a bad line is answered in-line and the batch goes on.
 */
@Command(name = "eval", sortOptions = false,
        description = {
            "Evaluate a loss on targets and predictions: each element's loss, the reduced loss and its gradient.",
            "",
            "Examples:",
            "  losslab eval --loss huber:delta=1 --target 1,2,3 --prediction 1.5,2,2",
            "  losslab eval --loss cce_logits --shape 2,3 --target 2,0 \\",
            "      --prediction 1,2,3,0.5,0,-1 --json",
            "  losslab eval --loss contrastive:margin=1 --distance 0.5,2 --label 1,0",
            "  losslab eval --loss triplet --anchor 0,0 --positive 1,0 --negative 0,2",
            "  losslab eval --loss dpo:beta=0.1 --delta 3",
            "  losslab eval --loss giou --pred 0,0,2,2 --target 1,1,3,3",
            "  losslab eval --batch requests.jsonl",
            ""})
public final class EvalCommand implements Callable<Integer> {
    private final InputStream in;
    private CommandSpec spec;

    @Option(names = "--loss", paramLabel = "SPEC",
            description = "The loss: NAME or NAME:param=value,... (for example huber:delta=1).")
    private String loss;

    @Option(names = "--target", paramLabel = "NUMBERS",
            description = "Comma-separated targets: values, labels, class indices or probabilities, as the loss takes.")
    private String target;

    @Option(names = {"--prediction", "--pred"}, paramLabel = "NUMBERS",
            description = "Comma-separated predictions (boxes for iou/giou: x1,y1,x2,y2;... ).")
    private String prediction;

    @Option(names = "--distance", paramLabel = "NUMBERS", description = "contrastive: pair distances d >= 0.")
    private String distance;

    @Option(names = "--point1", paramLabel = "POINTS", description = "contrastive: first points, x,y;x,y;...")
    private String point1;

    @Option(names = "--point2", paramLabel = "POINTS", description = "contrastive: second points.")
    private String point2;

    @Option(names = "--label", paramLabel = "NUMBERS", description = "contrastive: 1 similar, 0 dissimilar.")
    private String label;

    @Option(names = "--anchor", paramLabel = "POINTS", description = "triplet: anchors, x,y;x,y;...")
    private String anchor;

    @Option(names = "--positive", paramLabel = "POINTS", description = "triplet: positives.")
    private String positive;

    @Option(names = "--negative", paramLabel = "POINTS", description = "triplet: negatives.")
    private String negative;

    @Option(names = "--delta", paramLabel = "NUMBERS", description = "dpo: margins delta of log-ratios.")
    private String delta;

    @Option(names = "--logp-chosen", paramLabel = "NUMBERS", description = "dpo: log pi(chosen).")
    private String logpChosen;

    @Option(names = "--logp-rejected", paramLabel = "NUMBERS", description = "dpo: log pi(rejected).")
    private String logpRejected;

    @Option(names = "--ref-chosen", paramLabel = "NUMBERS", description = "dpo: log pi_ref(chosen).")
    private String refChosen;

    @Option(names = "--ref-rejected", paramLabel = "NUMBERS", description = "dpo: log pi_ref(rejected).")
    private String refRejected;

    @Option(names = "--shape", paramLabel = "B,K",
            description = "B rows of K predictions, row-major; needed for cce_logits (K classes).")
    private String shape;

    @Option(names = "--json", description = "Print one JSON object {\"value\", \"gradient\", \"elements\"} instead of a table.")
    private boolean json;

    @Option(names = "--batch", paramLabel = "FILE",
            description = "Read JSON Lines from FILE (- for standard input) and write one JSON line for each.")
    private String batch;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    /** A command that reads {@code --batch -} from {@code in}. */
    public EvalCommand(InputStream in) {
        this.in = in;
    }

    /** Called by picocli with this command's model; adds the list of losses to the help. */
    @Spec
    void setSpec(CommandSpec spec) {
        this.spec = spec;
        spec.usageMessage().footer(EvalHelp.text().replace("%", "%%").split("\n", -1));
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (batch != null) {
            return runBatch(out);
        }
        EvalInput input = singleInput();
        Evaluation result = input.evaluate();
        out.print(json ? EvalOutput.json(input, result) + System.lineSeparator() : EvalOutput.table(input, result));
        out.flush();
        return 0;
    }

    /** The structured-loss options that were given, name to text. */
    private Map<String, String> structuredOptions() {
        Map<String, String> given = new LinkedHashMap<>();
        String[] values = {distance, point1, point2, label, anchor, positive, negative, delta, logpChosen,
            logpRejected, refChosen, refRejected};
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                given.put(EvalStructured.OPTIONS.get(i), values[i]);
            }
        }
        return given;
    }

    private EvalInput singleInput() {
        Map<String, String> structured = structuredOptions();
        if (loss != null) {
            Loss parsed = Losses.parse(loss);
            if (parsed.definition().family().isStructured()) {
                if (shape != null) {
                    throw new IllegalArgumentException("--shape does not apply to " + parsed.id()
                            + "; its inputs say their own shape");
                }
                if (prediction != null) {
                    structured.put("--prediction", prediction);
                }
                if (target != null) {
                    structured.put("--target", target);
                }
                return EvalStructured.input(parsed, structured);
            }
        }
        if (!structured.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", structured.keySet())
                    + (structured.size() == 1 ? " applies" : " apply")
                    + " only to contrastive, triplet and dpo; " + (loss == null ? "no --loss given"
                    : Losses.parse(loss).id() + " takes --target and --prediction"));
        }
        List<String> missing = new ArrayList<>();
        if (loss == null) {
            missing.add("--loss");
        }
        if (target == null) {
            missing.add("--target");
        }
        if (prediction == null) {
            missing.add("--prediction");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("missing " + String.join(", ", missing)
                    + "; eval needs --loss SPEC --target NUMBERS --prediction NUMBERS, or --batch FILE"
                    + (loss == null ? " (losses: " + Losses.idList() + ")" : ""));
        }
        Loss parsed = Losses.parse(loss);
        double[] targets = EvalInput.parseNumbers(target, "target");
        double[] predictions = EvalInput.parseNumbers(prediction, "prediction");
        Shape parsedShape = shape == null ? null : EvalInput.parseShape(shape);
        return EvalInput.of(parsed, targets, predictions, parsedShape, "--shape B,K");
    }

    private int runBatch(PrintWriter out) throws IOException {
        List<String> extra = new ArrayList<>();
        for (String[] option : new String[][] {
            {"--loss", loss}, {"--target", target}, {"--prediction", prediction}, {"--shape", shape}}) {
            if (option[1] != null) {
                extra.add(option[0]);
            }
        }
        for (String option : structuredOptions().keySet()) {
            extra.add(option);
        }
        if (!extra.isEmpty()) {
            throw new IllegalArgumentException("--batch takes everything from its lines; drop "
                    + String.join(", ", extra));
        }
        if (batch.equals("-")) {
            if (in == null) {
                throw new IllegalArgumentException("cannot read standard input: none was given");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            try {
                EvalBatch.run(reader, out);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read standard input: " + reason(e));
            }
            return 0;
        }
        Path path;
        try {
            path = Path.of(batch);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("cannot read batch file '" + batch + "': not a valid path");
        }
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException("cannot read batch file '" + batch + "': it is a directory");
        }
        // A decoder that replaces malformed bytes: a bad byte spoils its own line, not the whole batch.
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8))) {
            EvalBatch.run(reader, out);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read batch file '" + batch + "': " + reason(e));
        }
        return 0;
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String message = e.getMessage();
        String first = message == null ? "" : message.lines().findFirst().orElse("");
        return first.isBlank() ? e.getClass().getSimpleName() : first;
    }
}
