package org.losslab.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.losslab.kernel.Evaluation;
import org.losslab.kernel.Loss;
import org.losslab.kernel.LossFamily;
import org.losslab.kernel.Perplexity;
import org.losslab.kernel.Shape;

/**
 * Writes the results of {@code eval}: one-line JSON objects and the readable table.
 *
 * <p>Every number is written with {@link Double#toString}, the shortest text that reads back as the same double,
 * in the table as in JSON, so that values can be compared exactly with another implementation.
 */
final class EvalOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String NL = System.lineSeparator();

    private EvalOutput() {
    }

    /** {@code {"value": v, "gradient": [...], "elements": [...]}} on one line; every number must be finite. */
    static String json(Evaluation result) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("value", result.value());
        ArrayNode gradient = node.putArray("gradient");
        for (double g : result.gradient()) {
            gradient.add(g);
        }
        ArrayNode elements = node.putArray("elements");
        for (double e : result.elements()) {
            elements.add(e);
        }
        return write(node);
    }

    /**
     * As {@link #json(Evaluation)}, and for {@code cce_logits} also {@code "perplexity"}: exp of the plain
     * cross-entropy per row (a number, or the string "inf" when it overflows).
     */
    static String json(EvalInput input, Evaluation result) {
        ObjectNode node = (ObjectNode) readTree(json(result));
        Double ppl = perplexity(input);
        if (ppl != null) {
            if (Double.isFinite(ppl)) {
                node.put("perplexity", ppl);
            } else {
                node.put("perplexity", "inf");
            }
        }
        return write(node);
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The perplexity of a {@code cce_logits} input (exp of the unsmoothed mean cross-entropy), else null. */
    static Double perplexity(EvalInput input) {
        if (!input.loss().id().equals("cce_logits")) {
            return null;
        }
        return Perplexity.fromLogits(input.prediction(), input.target(), input.shape());
    }

    /** {@code {"error": message}} on one line. */
    static String error(String message) {
        return write(MAPPER.createObjectNode().put("error", message));
    }

    private static String write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The readable table: a header naming the loss, one line per element (per row for {@code cce_logits}) and
     * the reduced value.
     */
    static String table(EvalInput input, Evaluation result) {
        Loss loss = input.loss();
        Shape shape = input.shape();
        StringBuilder out = new StringBuilder();
        TextTable table;
        String reduced;
        if (loss.definition().family().isStructured()) {
            out.append("loss: ").append(loss.spec()).append(" (").append(EvalStructured.describe(input)).append(")")
                    .append(NL);
            List<String[]> rows = EvalStructured.rows(input, result);
            boolean[] right = new boolean[rows.get(0).length];
            right[0] = true;
            table = new TextTable(right);
            for (String[] row : rows) {
                table.add(row);
            }
            reduced = "mean loss (the gradients are of this mean)";
        } else if (EvalInput.needsShape(loss)) {
            out.append("loss: ").append(loss.spec()).append(" (").append(count(shape.rows(), "row"))
                    .append(" of ").append(count(shape.cols(), "logit")).append(")").append(NL);
            table = rowTable(input, result);
            reduced = "mean loss over rows";
        } else {
            boolean sum = loss.definition().family() == LossFamily.DISTRIBUTION;
            out.append("loss: ").append(loss.spec()).append(" (")
                    .append(count(shape.size(), sum ? "outcome" : "element"));
            if (loss.definition().family().isRegression()) {
                out.append("; r = prediction - target");
            }
            out.append(")").append(NL);
            table = elementTable(input, result);
            reduced = sum ? "sum loss" : "mean loss";
        }
        table.appendTo(out);
        out.append(reduced).append(": ").append(number(result.value())).append(NL);
        Double ppl = perplexity(input);
        if (ppl != null) {
            out.append("perplexity exp(mean cross-entropy, no smoothing): ").append(number(ppl)).append(NL);
        }
        return out.toString();
    }

    private static TextTable elementTable(EvalInput input, Evaluation result) {
        TextTable table = new TextTable(true, true, true, true, true);
        table.add("index", "target", "prediction", "loss", "gradient");
        for (int i = 0; i < input.prediction().length; i++) {
            table.add(Integer.toString(i), number(input.target()[i]), number(input.prediction()[i]),
                    number(result.elements()[i]), number(result.gradient()[i]));
        }
        return table;
    }

    private static TextTable rowTable(EvalInput input, Evaluation result) {
        Shape shape = input.shape();
        int k = shape.cols();
        boolean indices = input.target().length == shape.rows();
        TextTable table = new TextTable(true, indices, false, true, false);
        table.add("row", "target", "logits", "loss", "gradient");
        for (int row = 0; row < shape.rows(); row++) {
            String target = indices ? Loss.formatParam(input.target()[row]) : vector(input.target(), row * k, k);
            table.add(Integer.toString(row), target, vector(input.prediction(), row * k, k),
                    number(result.elements()[row]), vector(result.gradient(), row * k, k));
        }
        return table;
    }

    /** A number as exactly as a double can be written: {@link Double#toString}. */
    static String number(double v) {
        return Double.toString(v);
    }

    private static String vector(double[] values, int from, int length) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(number(values[from + i]));
        }
        return sb.append(']').toString();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Plain-text columns separated by two spaces; each column right- or left-aligned. */
    private static final class TextTable {
        private final boolean[] rightAligned;
        private final List<String[]> rows = new ArrayList<>();

        TextTable(boolean... rightAligned) {
            this.rightAligned = rightAligned;
        }

        void add(String... cells) {
            rows.add(cells);
        }

        void appendTo(StringBuilder out) {
            int[] widths = new int[rightAligned.length];
            for (String[] row : rows) {
                for (int c = 0; c < row.length; c++) {
                    widths[c] = Math.max(widths[c], row[c].length());
                }
            }
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < row.length; c++) {
                    if (c > 0) {
                        line.append("  ");
                    }
                    String pad = " ".repeat(widths[c] - row[c].length());
                    line.append(rightAligned[c] ? pad + row[c] : row[c] + pad);
                }
                out.append(line.toString().stripTrailing()).append(NL);
            }
        }
    }
}
