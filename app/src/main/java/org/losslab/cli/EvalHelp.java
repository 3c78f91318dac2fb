package org.losslab.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.losslab.kernel.Loss;
import org.losslab.kernel.LossDefinition;
import org.losslab.kernel.LossFamily;
import org.losslab.kernel.Losses;
import org.losslab.kernel.ParamSpec;

/**
 * The part of {@code eval --help} that lists the losses, their parameters and the input conventions, built from
 * the kernel library so that it cannot fall out of date.
 */
final class EvalHelp {
    /** Lines are kept within this many columns, below picocli's default width of 80. */
    static final int WIDTH = 79;
    private static final int NAME_COLUMN = 19;

    private EvalHelp() {
    }

    /** The footer text, lines separated by {@code \n}, with no picocli format specifiers or markup in it. */
    static String text() {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("Losses, grouped by the inputs they take (--loss NAME or NAME:param=value,...;");
        lines.add("each parameter shown as name=default, then its valid range):");
        Map<LossFamily, List<LossDefinition>> byFamily = new LinkedHashMap<>();
        for (LossDefinition d : Losses.all()) {
            byFamily.computeIfAbsent(d.family(), f -> new ArrayList<>()).add(d);
        }
        for (Map.Entry<LossFamily, List<LossDefinition>> group : byFamily.entrySet()) {
            LossFamily family = group.getKey();
            String inputs = family.inputs() + (family.isRegression() ? "; r = prediction - target" : "");
            wrap(lines, "  " + family.label() + ": " + inputs, "    ");
            for (LossDefinition d : group.getValue()) {
                String name = "    " + d.id();
                if (d.params().isEmpty()) {
                    lines.add(name);
                    continue;
                }
                for (ParamSpec p : d.params()) {
                    String param = p.name() + "=" + Loss.formatParam(p.defaultValue()) + " in " + p.rangeText() + ": "
                            + p.description();
                    wrap(lines, pad(name, NAME_COLUMN) + param, " ".repeat(NAME_COLUMN + 2));
                    name = "";
                }
            }
        }
        lines.add("");
        lines.add("Inputs:");
        wrap(lines, "  --target and --prediction take comma-separated numbers (spaces after the commas are"
                + " fine; inf and -inf are allowed), for example --target 1,2,3 --prediction \"1.5, 2, 2\".",
                "    ");
        wrap(lines, "  Without --shape the predictions are one vector with one target each. cce_logits needs"
                + " --shape B,K: B rows of K logits, row-major, and a target of B class indices 0..K-1 or"
                + " B*K probabilities.", "    ");
        wrap(lines, "  Losses beyond one prediction take their own options (points and boxes are comma lists;"
                + " several are separated by ;): contrastive --distance D,... --label Y,... or --point1 P;..."
                + " --point2 Q;... --label Y,...; triplet --anchor A;... --positive P;... --negative N;...;"
                + " dpo --delta D,... or --logp-chosen, --logp-rejected, --ref-chosen, --ref-rejected;"
                + " iou and giou --pred (or --prediction) and --target, boxes x1,y1,x2,y2;... Their JSON"
                + " gradient follows the rows: contrastive point1 then point2, triplet anchor, positive,"
                + " negative, dpo the four log-probabilities in the order above; in --batch, \"prediction\""
                + " holds those rows with \"shape\": [B, K] (triplet needs it; triplet and dpo take no"
                + " \"target\").", "    ");
        wrap(lines, "  cce_logits also prints the perplexity, exp of the mean cross-entropy without label"
                + " smoothing (JSON \"perplexity\").", "    ");
        wrap(lines, "  The loss is the mean over the elements (cce_logits: the mean over the rows; kl: the sum);"
                + " the gradient is the derivative of that reduced loss with respect to each prediction, so"
                + " for a mean it is the element's derivative divided by their number.", "    ");
        wrap(lines, "  Numbers are printed in full, as Java's Double.toString writes them, which reads back as"
                + " the same double. A result that is not finite is an error.", "    ");
        lines.add("");
        lines.add("Batch (--batch FILE, or - for standard input): JSON Lines, one object a line:");
        lines.add("  {\"loss\": \"huber\", \"params\": {\"delta\": 1},");
        lines.add("   \"target\": [1, 2], \"prediction\": [1.5, 2]}");
        wrap(lines, "  with \"shape\": [B, K] where needed; \"params\" and \"shape\" are optional and \"loss\""
                + " may be a spec such as \"huber:delta=1\". Each line gets one line back:"
                + " {\"value\": v, \"gradient\": [...], \"elements\": [...]} or {\"error\": \"line N: ...\"};"
                + " blank lines are skipped.", "    ");
        lines.add("");
        lines.add("Exit status: 0 done (in a batch, also when some lines had errors); 2 bad input,");
        lines.add("or a batch file that cannot be read.");
        return String.join("\n", lines);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + "  " : s + " ".repeat(width + 2 - s.length());
    }

    /** Adds {@code text} as lines of at most {@link #WIDTH} columns; the lines after the first get {@code indent}. */
    static void wrap(List<String> lines, String text, String indent) {
        String rest = text;
        String prefix = "";
        while ((prefix + rest).length() > WIDTH) {
            String line = prefix + rest;
            int cut = line.lastIndexOf(' ', WIDTH);
            if (cut <= prefix.length() || line.substring(0, cut).isBlank()) {
                cut = line.indexOf(' ', WIDTH);
                if (cut < 0) {
                    break;
                }
            }
            lines.add(line.substring(0, cut).stripTrailing());
            rest = line.substring(cut + 1).stripLeading();
            prefix = indent;
        }
        lines.add(prefix + rest);
    }
}
