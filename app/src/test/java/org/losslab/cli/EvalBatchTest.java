package org.losslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.losslab.cli.CliRun.assertClose;
import static org.losslab.cli.CliRun.doubles;
import static org.losslab.cli.CliRun.parse;
import static org.losslab.cli.CliRun.run;
import static org.losslab.cli.CliRun.runWithInput;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval --batch}: JSON Lines in, one JSON line out for each, errors in-line. */
class EvalBatchTest {
    private static final String HUBER =
            "{\"loss\": \"huber\", \"params\": {\"delta\": 1}, \"target\": [1, 2, 3], \"prediction\": [1.5, 2, 2]}";

    private static List<JsonNode> answers(CliRun r) {
        return r.outLines().stream().map(CliRun::parse).toList();
    }

    private static void assertHuberAnswer(JsonNode a) {
        assertClose(0.625 / 3, a.get("value").doubleValue(), "value");
        assertClose(new double[] {0.5 / 3, 0.0, -1.0 / 3}, doubles(a.get("gradient")), "gradient");
        assertClose(new double[] {0.125, 0.0, 0.5}, doubles(a.get("elements")), "elements");
    }

    private static void assertError(JsonNode a, String... fragments) {
        assertEquals(1, a.size(), "only an error: " + a);
        String message = a.get("error").textValue();
        for (String f : fragments) {
            assertTrue(message.contains(f), "'" + message + "' should contain '" + f + "'");
        }
    }

    @Test
    void readsStandardInputForDash() {
        CliRun r = runWithInput(HUBER + "\n", "eval", "--batch", "-").assertOk();
        List<JsonNode> a = answers(r);
        assertEquals(1, a.size());
        assertHuberAnswer(a.get(0));
    }

    @Test
    void goodAndBadLinesMixedEachGetAnAnswerAndBlankLinesAreSkipped() {
        String input = String.join("\n",
                HUBER,
                "{\"loss\": \"hubr\", \"target\": [1], \"prediction\": [1]}",
                "",
                "   ",
                "{\"loss\": \"huber:delta=1\", \"target\": [1, 2, 3], \"prediction\": [1.5, 2, 2]}",
                "{\"loss\": \"mse\", \"target\": [1, 2], \"prediction\": [1]}",
                "this is not json",
                "{\"loss\": \"mse\", \"target\": [0], \"prediction\": [3]}") + "\n";
        CliRun r = runWithInput(input, "eval", "--batch", "-").assertOk();
        List<JsonNode> a = answers(r);
        assertEquals(6, a.size(), r.out());
        assertHuberAnswer(a.get(0));
        assertError(a.get(1), "line 2: unknown loss 'hubr'; valid names: ", "huber");
        assertHuberAnswer(a.get(2));
        assertError(a.get(3), "line 6: ", "target has 2 values but prediction has 1");
        assertError(a.get(4), "line 7: not valid JSON");
        assertEquals(9.0, a.get(5).get("value").doubleValue(), 0.0);
        assertEquals(6.0, doubles(a.get(5).get("gradient"))[0], 0.0);
    }

    @Test
    void readsAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("requests.jsonl");
        Files.writeString(file, HUBER + "\r\n" + HUBER + "\r\n", StandardCharsets.UTF_8);
        List<JsonNode> a = answers(run("eval", "--batch", file.toString()).assertOk());
        assertEquals(2, a.size());
        a.forEach(EvalBatchTest::assertHuberAnswer);
    }

    @Test
    void aFileThatCannotBeReadIsExitTwoNamingTheFile(@TempDir Path dir) {
        String missing = dir.resolve("nope.jsonl").toString();
        run("eval", "--batch", missing).assertBadInput("cannot read", missing, "no such file");
        run("eval", "--batch", dir.toString()).assertBadInput("cannot read", dir.toString(), "directory");
    }

    @Test
    void cceLogitsLinesTakeAShapeAndNeedOne() {
        String good = "{\"loss\": \"cce_logits\", \"target\": [1], \"prediction\": [0, 0], \"shape\": [1, 2]}";
        String noShape = "{\"loss\": \"cce_logits\", \"target\": [1], \"prediction\": [0, 0]}";
        List<JsonNode> a = answers(runWithInput(good + "\n" + noShape + "\n", "eval", "--batch", "-").assertOk());
        assertClose(Math.log(2), a.get(0).get("value").doubleValue(), "value");
        assertClose(new double[] {0.5, -0.5}, doubles(a.get(0).get("gradient")), "gradient");
        assertEquals(1, a.get(0).get("elements").size());
        assertError(a.get(1), "line 2: ", "cce_logits needs \"shape\"");
    }

    @Test
    void klLineIsTheSum() {
        String line = "{\"loss\": \"kl\", \"target\": [0.25, 0.75], \"prediction\": [0.5, 0.5]}";
        JsonNode a = answers(runWithInput(line, "eval", "--batch", "-").assertOk()).get(0);
        assertClose(0.25 * Math.log(0.5) + 0.75 * Math.log(1.5), a.get("value").doubleValue(), "value");
    }

    @Test
    void badFieldsAreNamed() {
        String input = String.join("\n",
                "{\"target\": [1], \"prediction\": [1]}",
                "{\"loss\": \"mse\", \"target\": [1], \"predictions\": [1]}",
                "{\"loss\": \"mse\", \"target\": [1, \"x\"], \"prediction\": [1, 2]}",
                "{\"loss\": \"huber\", \"params\": {\"delta\": -1}, \"target\": [1], \"prediction\": [1]}",
                "{\"loss\": \"huber\", \"params\": {\"dleta\": 1}, \"target\": [1], \"prediction\": [1]}",
                "{\"loss\": \"mse\", \"target\": [1], \"prediction\": [1], \"shape\": [1]}",
                "{\"loss\": \"mse\", \"target\": [1]}",
                "[1, 2]",
                "{\"loss\": \"huber:delta=2\", \"params\": {\"delta\": 1}, \"target\": [1], \"prediction\": [1]}");
        List<JsonNode> a = answers(runWithInput(input, "eval", "--batch", "-").assertOk());
        assertEquals(9, a.size());
        assertError(a.get(0), "line 1: missing \"loss\"", "valid names");
        assertError(a.get(1), "line 2: unknown field \"predictions\"");
        assertError(a.get(2), "line 3: target[1]: 'x' is not a number");
        assertError(a.get(3), "line 4: parameter delta of huber must be in (0, inf)");
        assertError(a.get(4), "line 5: unknown parameter 'dleta'");
        assertError(a.get(5), "line 6: \"shape\" must be [B, K]");
        assertError(a.get(6), "line 7: missing \"prediction\"");
        assertError(a.get(7), "line 8: expected a JSON object");
        assertError(a.get(8), "line 9: ", "not both");
    }

    @Test
    void infinityIsNeverWrittenAsABareNumber() {
        String input = String.join("\n",
                "{\"loss\": \"mse\", \"target\": [0], \"prediction\": [\"inf\"]}",
                "{\"loss\": \"mse\", \"target\": [0], \"prediction\": [1e400]}",
                "{\"loss\": \"mse\", \"target\": [0], \"prediction\": [NaN]}",
                "{\"loss\": \"barron\", \"params\": {\"alpha\": \"-inf\"}, \"target\": [0], \"prediction\": [1]}");
        CliRun r = runWithInput(input, "eval", "--batch", "-").assertOk();
        assertFalse(r.out().matches("(?s).*[:\\[,]\\s*-?(NaN|Infinity).*"), r.out());
        List<JsonNode> a = answers(r);
        assertError(a.get(0), "line 1: ", "not finite");
        assertError(a.get(1), "line 2: ", "not finite");
        assertError(a.get(2), "line 3: not valid JSON", "NaN");
        // Welsch: 1 - exp(-r^2 / 2) at r = 1; its derivative r exp(-r^2 / 2).
        assertClose(1 - Math.exp(-0.5), a.get(3).get("value").doubleValue(), "welsch value");
        assertClose(Math.exp(-0.5), doubles(a.get(3).get("gradient"))[0], "welsch gradient");
    }

    @Test
    void paramsObjectAndSpecStringGiveTheSameAnswer() {
        String viaParams = "{\"loss\": \"focal\", \"params\": {\"gamma\": 1.5, \"alpha\": 0.5}, \"target\": [1, 0],"
                + " \"prediction\": [0.3, -1.2]}";
        String viaSpec = "{\"loss\": \"focal:gamma=1.5,alpha=0.5\", \"target\": [1, 0], \"prediction\": [0.3, -1.2]}";
        List<String> lines = runWithInput(viaParams + "\n" + viaSpec, "eval", "--batch", "-").assertOk().outLines();
        assertEquals(2, lines.size());
        assertEquals(lines.get(0), lines.get(1));
        assertTrue(parse(lines.get(0)).has("value"), lines.get(0));
    }

    @Test
    void emptyInputGivesNoOutput() {
        CliRun r = runWithInput("\n\n", "eval", "--batch", "-").assertOk();
        assertEquals("", r.out());
    }
}
