package org.losslab.lesson;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import org.losslab.optim.OptimizerKind;
import org.losslab.optim.OptimizerSpec;

/**
 * Session files: a {@link SessionState} as JSON with {@code "schema": "losslab-session"} and {@code "version": 1}.
 *
 * <p>Reading checks everything before it returns, so that a caller can apply the result without failing half-way:
 * a file that is not JSON, is cut short or damaged (the message names the line and column), is JSON of something
 * else (no schema field), was written by a newer LossLab, has a value of the wrong type (the message names the
 * field, for example {@code surface.runs[1].learningRate}) or a value LossLab cannot use (an unknown loss, a
 * learning rate of 0) is refused with a {@link SessionException}. Fields that are missing take the values of a fresh
 * window ({@link SessionState#unresolvedDefaults()}); fields LossLab does not know are ignored.
 *
 * <p>Writing replaces the file atomically ({@link AtomicFiles}): a failed save leaves the old file as it was.
 */
public final class SessionFormat {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    static {
        for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer,
                CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            MAPPER.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
    }

    private SessionFormat() {
    }

    /** The state as JSON text (indented, with a final newline). */
    public static String write(SessionState state) {
        try {
            return MAPPER.writeValueAsString(state) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the session: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Saves the state to a file, atomically.
     *
     * @throws IOException when the file cannot be written; the old file is then unchanged
     */
    public static void save(Path file, SessionState state) throws IOException {
        byte[] bytes = write(state).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /**
     * Reads a session file.
     *
     * @throws SessionException naming the problem when the file cannot be read or is not a session LossLab can open
     */
    public static SessionState load(Path file) throws SessionException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SessionException("There is no file " + file + ".", e);
        } catch (IOException e) {
            throw new SessionException("Could not read " + file.getFileName() + ": " + e.getMessage(), e);
        }
        return read(text);
    }

    /**
     * Reads a session from JSON text, fills missing fields from the defaults and checks every value.
     *
     * @throws SessionException naming the problem (see the class comment)
     */
    public static SessionState read(String text) throws SessionException {
        if (text == null || text.isBlank()) {
            throw new SessionException("The file is empty: it is not a LossLab session.");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new SessionException("The file is damaged or cut short" + where + ": " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !root.has("schema")) {
            throw new SessionException("This file is not a LossLab session: it has no \"schema\": \""
                    + SessionState.SCHEMA + "\" field.");
        }
        JsonNode schema = root.get("schema");
        if (!schema.isTextual() || !schema.asText().equals(SessionState.SCHEMA)) {
            throw new SessionException("This file is not a LossLab session: its schema is " + schema
                    + ", not \"" + SessionState.SCHEMA + "\".");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.canConvertToExactIntegral() || !version.isNumber()) {
            throw new SessionException("version: expected a whole number, found " + describe(version)
                    + ".");
        }
        int v = version.asInt();
        if (v > SessionState.VERSION) {
            throw new SessionException("This session was saved by a newer LossLab (version " + v
                    + "); this one reads version " + SessionState.VERSION + ".");
        }
        if (v < 1) {
            throw new SessionException("version: " + v + " is not a session version (this LossLab reads version "
                    + SessionState.VERSION + ").");
        }
        JsonNode defaults = MAPPER.valueToTree(SessionState.unresolvedDefaults());
        JsonNode merged = merge(defaults, root);
        hyperParametersOfTheChosenOptimizers(merged, root);
        SessionState state;
        try {
            state = MAPPER.treeToValue(merged, SessionState.class);
        } catch (MismatchedInputException e) {
            throw new SessionException(typeMessage(e, merged), e);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            if (e.getCause() instanceof MismatchedInputException) {
                throw new SessionException(typeMessage((MismatchedInputException) e.getCause(), merged), e);
            }
            throw new SessionException("The session could not be read: " + e.getMessage(), e);
        }
        state = state.resolve();
        SessionCheck.check(state);
        return state;
    }

    /**
     * The file's fields over the defaults: objects field by field (a missing or null field keeps the default),
     * lists of objects element by element (so that a run missing a field takes the default run's), other values
     * replaced.
     */
    static JsonNode merge(JsonNode base, JsonNode over) {
        if (over == null || over.isNull() || over.isMissingNode()) {
            return base;
        }
        if (base != null && base.isObject() && over.isObject()) {
            ObjectNode out = ((ObjectNode) base).deepCopy();
            Iterator<Map.Entry<String, JsonNode>> it = over.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isNull()) {
                    continue;
                }
                out.set(e.getKey(), merge(base.get(e.getKey()), e.getValue()));
            }
            return out;
        }
        if (base != null && base.isArray() && over.isArray()) {
            ArrayNode out = MAPPER.createArrayNode();
            for (int i = 0; i < over.size(); i++) {
                JsonNode b = i < base.size() ? base.get(i) : null;
                out.add(b != null && b.isObject() && over.get(i).isObject() ? merge(b, over.get(i)) : over.get(i));
            }
            for (int i = over.size(); i < base.size() && base.get(i).isObject(); i++) {
                out.add(base.get(i).deepCopy());
            }
            return out;
        }
        return over;
    }

    /**
     * A run whose file names an optimizer takes that optimizer's default hyper-parameters, overlaid by the ones the
     * file gives (not the default run's, which may belong to another optimizer).
     */
    private static void hyperParametersOfTheChosenOptimizers(JsonNode merged, JsonNode root) {
        JsonNode fileRuns = root.path("surface").path("runs");
        JsonNode runs = merged.path("surface").path("runs");
        if (!fileRuns.isArray() || !runs.isArray()) {
            return;
        }
        for (int i = 0; i < fileRuns.size() && i < runs.size(); i++) {
            JsonNode kind = fileRuns.get(i).path("optimizer");
            OptimizerKind k = kind.isTextual() ? OptimizerKind.byId(kind.asText()) : null;
            if (k == null || !runs.get(i).isObject()) {
                continue;
            }
            JsonNode hyper = MAPPER.valueToTree(SessionState.hyperParameters(OptimizerSpec.defaults(k)));
            ((ObjectNode) runs.get(i)).set("hyper", merge(hyper, fileRuns.get(i).path("hyper")));
        }
    }

    private static String typeMessage(MismatchedInputException e, JsonNode merged) {
        StringBuilder path = new StringBuilder();
        JsonNode node = merged;
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
                node = node == null ? null : node.get(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
                node = node == null ? null : node.get(r.getIndex());
            }
        }
        return (path.length() == 0 ? "the session" : path.toString()) + ": expected " + expected(e.getTargetType())
                + ", found " + describe(node) + ".";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            String t = node.asText();
            return "text \"" + (t.length() > 40 ? t.substring(0, 40) + "…" : t) + "\"";
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        if (node.isBoolean()) {
            return node.asText();
        }
        if (node.isArray()) {
            return "a list";
        }
        return "an object";
    }

    /** For tests and tools: the JSON tree of a state. */
    static JsonNode tree(SessionState state) {
        return MAPPER.valueToTree(state);
    }

    /** The bytes of a session file, for callers that write elsewhere. */
    public static byte[] bytes(SessionState state) {
        return write(state).getBytes(StandardCharsets.UTF_8);
    }
}
