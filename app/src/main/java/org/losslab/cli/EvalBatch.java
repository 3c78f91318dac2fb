package org.losslab.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.losslab.kernel.Loss;
import org.losslab.kernel.LossInputException;
import org.losslab.kernel.Losses;
import org.losslab.kernel.Shape;

/**
 * {@code eval --batch}: reads JSON Lines, one evaluation per line, and writes one JSON line for each.
 *
 * <p>A line reads {@code {"loss": "huber", "params": {"delta": 1}, "target": [...], "prediction": [...],
 * "shape": [B, K]}}; {@code params} and {@code shape} may be left out, and {@code loss} may carry its parameters
 * itself ({@code "huber:delta=1"}). The answer is {@code {"value": v, "gradient": [...], "elements": [...]}}, or
 * {@code {"error": "line N: ..."}} for a line that cannot be evaluated; either way the next line follows. Blank
 * lines are skipped and give no answer. Numbers may also be given as strings such as {@code "inf"} or
 * {@code "-inf"}, which JSON has no literal for.
 */
final class EvalBatch {
    private static final Set<String> FIELDS = Set.of("loss", "params", "target", "prediction", "shape");
    private static final String FIELD_LIST = "loss, params, target, prediction, shape";
    private static final String EXAMPLE = "{\"loss\": \"mse\", \"target\": [1, 2], \"prediction\": [1.5, 2]}";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private EvalBatch() {
    }

    /**
     * Evaluates every non-blank line of {@code reader} and writes one line to {@code out} for each.
     *
     * @return how many lines were answered with an error
     * @throws IOException when the input cannot be read; the answers written so far stay written
     */
    static int run(BufferedReader reader, PrintWriter out) throws IOException {
        int errors = 0;
        int lineNumber = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            String answer;
            try {
                EvalInput input = parse(line);
                answer = EvalOutput.json(input, input.evaluate());
            } catch (IllegalArgumentException e) {
                answer = EvalOutput.error("line " + lineNumber + ": " + e.getMessage());
                errors++;
            }
            out.println(answer);
            out.flush();
        }
        return errors;
    }

    /** Reads one line into an evaluation request. */
    static EvalInput parse(String line) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new LossInputException("not valid JSON: " + describe(e));
        }
        if (node == null || !node.isObject()) {
            throw new LossInputException("expected a JSON object such as " + EXAMPLE);
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            if (!FIELDS.contains(name)) {
                throw new LossInputException("unknown field \"" + name + "\"; the fields are " + FIELD_LIST);
            }
        }
        Loss loss = loss(node);
        double[] target = !node.has("target") && EvalInput.takesNoTarget(loss) ? new double[0]
                : numbers(node, "target");
        double[] prediction = numbers(node, "prediction");
        Shape shape = shape(node.get("shape"));
        return EvalInput.of(loss, target, prediction, shape, "\"shape\": [B, K]");
    }

    private static Loss loss(JsonNode node) {
        JsonNode spec = node.get("loss");
        if (spec == null || spec.isNull()) {
            throw new LossInputException("missing \"loss\"; valid names: " + Losses.idList());
        }
        if (!spec.isTextual()) {
            throw new LossInputException("\"loss\" must be a string such as \"huber\" or \"huber:delta=1\" (got "
                    + spec + ")");
        }
        Loss loss = Losses.parse(spec.textValue());
        JsonNode params = node.get("params");
        if (params == null || params.isNull()) {
            return loss;
        }
        if (!params.isObject()) {
            throw new LossInputException("\"params\" must be an object such as {\"delta\": 1} (got " + params + ")");
        }
        if (params.isEmpty()) {
            return loss;
        }
        int colon = spec.textValue().indexOf(':');
        if (colon >= 0 && !spec.textValue().substring(colon + 1).isBlank()) {
            throw new LossInputException("give the parameters either in \"loss\" or in \"params\", not both");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : params.properties()) {
            values.put(e.getKey(), number(e.getValue(), "params." + e.getKey()));
        }
        return loss.definition().create(values);
    }

    private static double[] numbers(JsonNode node, String name) {
        JsonNode array = node.get(name);
        if (array == null || array.isNull()) {
            throw new LossInputException("missing \"" + name + "\"");
        }
        if (!array.isArray()) {
            throw new LossInputException("\"" + name + "\" must be an array of numbers (got " + array + ")");
        }
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = number(array.get(i), name + "[" + i + "]");
        }
        return values;
    }

    /** A JSON number, or a string holding one ({@code "inf"}, {@code "-inf"}, {@code "1e-3"}). */
    private static double number(JsonNode value, String what) {
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) {
            return Losses.parseNumber(value.textValue(), what);
        }
        throw new LossInputException(what + ": " + value + " is not a number");
    }

    private static Shape shape(JsonNode shape) {
        if (shape == null || shape.isNull()) {
            return null;
        }
        if (!shape.isArray() || shape.size() != 2 || !wholeNumber(shape.get(0)) || !wholeNumber(shape.get(1))) {
            throw new LossInputException("\"shape\" must be [B, K]: two whole numbers such as [2, 3] (got " + shape
                    + ")");
        }
        return EvalInput.shape(shape.get(0).longValue(), shape.get(1).longValue());
    }

    private static boolean wholeNumber(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToLong();
    }

    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        String first = message == null ? "malformed" : message.lines().findFirst().orElse("malformed");
        // Jackson's messages name its own settings; say what is wrong with the line instead.
        if (first.startsWith("Trailing token")) {
            first = "more than one JSON value on the line";
        } else if (first.startsWith("Non-standard token")) {
            int hint = first.indexOf(": enable");
            first = (hint < 0 ? first : first.substring(0, hint))
                    + ": JSON has no NaN or Infinity (write \"inf\" or \"-inf\" as strings)";
        }
        JsonLocation where = e.getLocation();
        return where != null && where.getColumnNr() > 0 ? first + " (column " + where.getColumnNr() + ")" : first;
    }
}
