package org.losslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One run of the command line with in-memory streams, and helpers to check what it printed. */
record CliRun(int exit, String out, String err) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Runs {@code losslab ARGS} with {@code stdin} as standard input. */
    static CliRun runWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = LossLabCommand.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code losslab ARGS} with empty standard input. */
    static CliRun run(String... args) {
        return runWithInput("", args);
    }

    /** The lines of standard output. */
    List<String> outLines() {
        return out.lines().toList();
    }

    /** Standard output parsed as one JSON value. */
    JsonNode json() {
        return parse(out);
    }

    /** Asserts success with nothing on standard error. */
    CliRun assertOk() {
        assertEquals("", err, "standard error");
        assertEquals(0, exit, "exit status");
        return this;
    }

    /**
     * Asserts a bad-input failure: exit 2, nothing on standard output, one line on standard error that starts
     * with "losslab: " and contains every fragment; returns that line.
     */
    String assertBadInput(String... fragments) {
        assertEquals(2, exit, "exit status; stderr: " + err);
        assertEquals("", out, "standard output");
        List<String> lines = err.lines().toList();
        assertEquals(1, lines.size(), "one line on standard error: " + err);
        String line = lines.get(0);
        assertTrue(line.startsWith("losslab: "), line);
        for (String fragment : fragments) {
            assertTrue(line.contains(fragment), "'" + line + "' should contain '" + fragment + "'");
        }
        return line;
    }

    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The numbers of a JSON array. */
    static double[] doubles(JsonNode array) {
        assertTrue(array.isArray(), "expected an array: " + array);
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            assertTrue(array.get(i).isNumber(), "expected a number: " + array.get(i));
            values[i] = array.get(i).doubleValue();
        }
        return values;
    }

    /** Equal within 1e-15 relative (exactly, for an expected 0). */
    static void assertClose(double expected, double actual, String what) {
        double tolerance = 1e-15 * Math.abs(expected);
        assertTrue(Math.abs(actual - expected) <= tolerance,
                what + ": expected " + expected + " but got " + actual);
    }

    static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], actual[i], what + "[" + i + "]");
        }
    }
}
