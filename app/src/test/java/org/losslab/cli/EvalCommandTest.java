package org.losslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.losslab.cli.CliRun.assertClose;
import static org.losslab.cli.CliRun.doubles;
import static org.losslab.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.kernel.LossDefinition;
import org.losslab.kernel.LossFamily;
import org.losslab.kernel.Losses;
import org.losslab.kernel.ParamSpec;

/** {@code eval} with one set of inputs: the values it prints, as a table and as JSON, and its help. */
class EvalCommandTest {

    private static String[] fields(String line) {
        return line.strip().split("\\s+");
    }

    @Test
    void huberTableShowsEveryElementTheMeanAndTheGradient() {
        CliRun r = run("eval", "--loss", "huber:delta=1", "--target", "1,2,3", "--prediction", "1.5,2,2").assertOk();
        List<String> lines = r.outLines();
        assertEquals(6, lines.size(), r.out());
        assertTrue(lines.get(0).contains("huber:delta=1"), lines.get(0));
        assertEquals(List.of("index", "target", "prediction", "loss", "gradient"), List.of(fields(lines.get(1))));
        // r = 0.5, 0, -1: 0.5 r^2 inside |r| <= 1; gradient clip(r, -1, 1) / 3.
        double[] expectedLoss = {0.125, 0.0, 0.5};
        double[] expectedGradient = {0.5 / 3, 0.0, -1.0 / 3};
        String[] targets = {"1.0", "2.0", "3.0"};
        String[] predictions = {"1.5", "2.0", "2.0"};
        for (int i = 0; i < 3; i++) {
            String[] f = fields(lines.get(2 + i));
            assertEquals(5, f.length, lines.get(2 + i));
            assertEquals(Integer.toString(i), f[0]);
            assertEquals(targets[i], f[1]);
            assertEquals(predictions[i], f[2]);
            assertEquals(expectedLoss[i], Double.parseDouble(f[3]), 0.0, "loss of element " + i);
            assertClose(expectedGradient[i], Double.parseDouble(f[4]), "gradient " + i);
        }
        assertTrue(lines.get(5).startsWith("mean loss: "), lines.get(5));
        assertClose(0.625 / 3, Double.parseDouble(lines.get(5).substring("mean loss: ".length())), "mean");
    }

    @Test
    void tablePrintsNumbersInFullPrecision() {
        CliRun r = run("eval", "--loss", "huber:delta=1", "--target", "1,2,3", "--prediction", "1.5,2,2").assertOk();
        assertTrue(r.out().contains("-0.3333333333333333"), r.out());
        assertTrue(r.out().contains("0.16666666666666666"), r.out());
    }

    @Test
    void jsonHasValueGradientAndElements() {
        CliRun r = run("eval", "--loss", "huber:delta=1", "--target", "1,2,3", "--prediction", "1.5,2,2", "--json")
                .assertOk();
        assertEquals(1, r.outLines().size(), r.out());
        JsonNode json = r.json();
        assertEquals(List.of("value", "gradient", "elements"), iteratorToList(json.fieldNames()));
        assertClose(0.625 / 3, json.get("value").doubleValue(), "value");
        assertClose(new double[] {0.5 / 3, 0.0, -1.0 / 3}, doubles(json.get("gradient")), "gradient");
        assertClose(new double[] {0.125, 0.0, 0.5}, doubles(json.get("elements")), "elements");
    }

    @Test
    void jsonWritesFullPrecisionThatReadsBackExactly() {
        // mse with r = 1/3 (as a double): element r^2, gradient 2r; both must survive the text exactly.
        double third = 1.0 / 3;
        CliRun r = run("eval", "--loss", "mse", "--target", "0", "--prediction", Double.toString(third), "--json")
                .assertOk();
        assertTrue(r.out().contains("0.6666666666666666"), r.out());
        assertEquals(third * third, r.json().get("value").doubleValue(), 0.0);
        assertEquals(2 * third, doubles(r.json().get("gradient"))[0], 0.0);
    }

    @Test
    void spacesAfterCommasAndScientificNotationAreAccepted() {
        CliRun r = run("eval", "--loss", "mae", "--target", "1, 2,  3", "--prediction", "1.5e0, -2E0, 3", "--json")
                .assertOk();
        // |r| = 0.5, 4, 0; sign(r) / 3 with 0 at r = 0.
        assertClose((0.5 + 4.0) / 3, r.json().get("value").doubleValue(), "value");
        assertClose(new double[] {1.0 / 3, -1.0 / 3, 0.0}, doubles(r.json().get("gradient")), "gradient");
    }

    @Test
    void negativeNumbersCanFollowTheOption() {
        CliRun r = run("eval", "--loss", "mse", "--target", "-1,-2", "--prediction", "-3,0", "--json").assertOk();
        // r = -2, 2: mean r^2 = 4; gradient 2 r / 2 = r.
        assertClose(4.0, r.json().get("value").doubleValue(), "value");
        assertClose(new double[] {-2.0, 2.0}, doubles(r.json().get("gradient")), "gradient");
    }

    @Test
    void mseMatchesItsClosedForm() {
        double[] t = {0.1, -2.5, 7.0, 3.25};
        double[] p = {0.4, -2.0, 5.5, 3.25};
        CliRun r = run("eval", "--loss", "mse", "--target", "0.1,-2.5,7.0,3.25", "--prediction", "0.4,-2.0,5.5,3.25",
                "--json").assertOk();
        double sum = 0;
        double[] elements = new double[4];
        double[] gradient = new double[4];
        for (int i = 0; i < 4; i++) {
            double d = p[i] - t[i];
            elements[i] = d * d;
            gradient[i] = 2 * d / 4;
            sum += d * d;
        }
        assertClose(sum / 4, r.json().get("value").doubleValue(), "value");
        assertClose(elements, doubles(r.json().get("elements")), "elements");
        assertClose(gradient, doubles(r.json().get("gradient")), "gradient");
    }

    @Test
    void bceLogitsMatchesItsClosedForm() {
        double[] z = {2.0, -1.0, 0.0};
        double[] y = {1, 0, 1};
        CliRun r = run("eval", "--loss", "bce_logits", "--target", "1,0,1", "--prediction", "2,-1,0", "--json")
                .assertOk();
        double sum = 0;
        double[] gradient = new double[3];
        for (int i = 0; i < 3; i++) {
            // sigma(z) - y, written without cancellation: -sigma(-z) for y = 1, sigma(z) for y = 0.
            double sigma = 1 / (1 + Math.exp(-z[i]));
            sum += -(y[i] * Math.log(sigma) + (1 - y[i]) * Math.log(1 - sigma));
            gradient[i] = (y[i] == 1 ? -1 / (1 + Math.exp(z[i])) : sigma) / 3;
        }
        assertClose(sum / 3, r.json().get("value").doubleValue(), "value");
        assertClose(gradient, doubles(r.json().get("gradient")), "gradient");
    }

    @Test
    void hingeTakesSignedLabels() {
        CliRun r = run("eval", "--loss", "hinge", "--target", "1,-1,1", "--prediction", "0.25,0.5,3", "--json")
                .assertOk();
        // margins y s = 0.25, -0.5, 3: losses 0.75, 1.5, 0; gradient -y / 3 where the margin is below 1.
        assertClose(new double[] {0.75, 1.5, 0.0}, doubles(r.json().get("elements")), "elements");
        assertClose(2.25 / 3, r.json().get("value").doubleValue(), "value");
        assertClose(new double[] {-1.0 / 3, 1.0 / 3, 0.0}, doubles(r.json().get("gradient")), "gradient");
    }

    /** Softmax cross-entropy of one row of logits against a target distribution, straight from the definition. */
    private static double crossEntropy(double[] z, double[] t) {
        double expSum = 0;
        for (double v : z) {
            expSum += Math.exp(v);
        }
        double loss = 0;
        for (int j = 0; j < z.length; j++) {
            loss -= t[j] * Math.log(Math.exp(z[j]) / expSum);
        }
        return loss;
    }

    private static double[] softmax(double[] z) {
        double expSum = 0;
        for (double v : z) {
            expSum += Math.exp(v);
        }
        double[] s = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            s[j] = Math.exp(z[j]) / expSum;
        }
        return s;
    }

    @Test
    void cceLogitsWithClassIndicesGivesOneElementPerRow() {
        CliRun r = run("eval", "--loss", "cce_logits", "--shape", "2,3", "--target", "2,0",
                "--prediction", "1,2,3,0.5,0,-1", "--json").assertOk();
        double[][] z = {{1, 2, 3}, {0.5, 0, -1}};
        double[][] onehot = {{0, 0, 1}, {1, 0, 0}};
        double[] elements = {crossEntropy(z[0], onehot[0]), crossEntropy(z[1], onehot[1])};
        double[] gradient = new double[6];
        for (int row = 0; row < 2; row++) {
            double[] s = softmax(z[row]);
            for (int j = 0; j < 3; j++) {
                gradient[row * 3 + j] = (s[j] - onehot[row][j]) / 2;
            }
        }
        JsonNode json = r.json();
        assertClose(elements, doubles(json.get("elements")), "elements");
        assertClose((elements[0] + elements[1]) / 2, json.get("value").doubleValue(), "value");
        assertClose(gradient, doubles(json.get("gradient")), "gradient");
    }

    @Test
    void cceLogitsTakesProbabilityRowsAndLabelSmoothing() {
        CliRun r = run("eval", "--loss", "cce_logits:label_smoothing=0.1", "--shape", "1,3", "--target", "0.2,0.3,0.5",
                "--prediction", "0.1,-0.4,1.2", "--json").assertOk();
        double[] z = {0.1, -0.4, 1.2};
        double[] t = new double[3];
        double[] raw = {0.2, 0.3, 0.5};
        for (int j = 0; j < 3; j++) {
            t[j] = 0.9 * raw[j] + 0.1 / 3;
        }
        double[] s = softmax(z);
        JsonNode json = r.json();
        assertClose(crossEntropy(z, t), json.get("value").doubleValue(), "value");
        assertClose(new double[] {s[0] - t[0], s[1] - t[1], s[2] - t[2]}, doubles(json.get("gradient")), "gradient");
    }

    @Test
    void cceLogitsTableHasOneLinePerRowAndTheMeanOverRows() {
        CliRun r = run("eval", "--loss", "cce_logits", "--shape", "2,2", "--target", "1,0", "--prediction", "0,0,0,0")
                .assertOk();
        List<String> lines = r.outLines();
        assertEquals(6, lines.size(), r.out());
        assertTrue(lines.get(0).contains("cce_logits:label_smoothing=0") && lines.get(0).contains("2 rows"),
                lines.get(0));
        // equal logits: each row costs log 2, gradient (1/2 - onehot) / 2.
        String ln2 = Double.toString(Math.log(2));
        assertTrue(lines.get(2).contains(ln2) && lines.get(2).contains("[0.25, -0.25]"), lines.get(2));
        assertTrue(lines.get(3).contains(ln2) && lines.get(3).contains("[-0.25, 0.25]"), lines.get(3));
        assertEquals("mean loss over rows: " + ln2, lines.get(4));
        // perplexity exp(log 2) = 2: a fair coin between the two classes
        assertTrue(lines.get(5).startsWith("perplexity"), lines.get(5));
        assertEquals(2.0, Double.parseDouble(lines.get(5).substring(lines.get(5).lastIndexOf(' ') + 1)), 1e-15);
    }

    @Test
    void klIsTheSumOverOutcomes() {
        CliRun table = run("eval", "--loss", "kl", "--target", "0.2,0.8", "--prediction", "0.5,0.5").assertOk();
        String last = table.outLines().get(table.outLines().size() - 1);
        assertTrue(last.startsWith("sum loss: "), last);
        CliRun r = run("eval", "--loss", "kl", "--target", "0.2,0.8", "--prediction", "0.5,0.5", "--json")
                .assertOk();
        double[] elements = {0.2 * Math.log(0.2 / 0.5), 0.8 * Math.log(0.8 / 0.5)};
        assertClose(elements, doubles(r.json().get("elements")), "elements");
        assertClose(elements[0] + elements[1], r.json().get("value").doubleValue(), "value");
        assertClose(new double[] {-0.2 / 0.5, -0.8 / 0.5}, doubles(r.json().get("gradient")), "gradient");
        assertEquals(r.json().get("value").doubleValue(), Double.parseDouble(last.substring("sum loss: ".length())),
                0.0, "table and JSON agree");
    }

    @Test
    void shapeAlsoWorksForElementwiseLosses() {
        CliRun r = run("eval", "--loss", "mse", "--shape", "2,2", "--target", "0,0,0,0", "--prediction", "1,2,3,4",
                "--json").assertOk();
        assertClose((1 + 4 + 9 + 16) / 4.0, r.json().get("value").doubleValue(), "value");
        assertEquals(4, r.json().get("elements").size());
    }

    @Test
    void helpListsEveryLossWithItsParametersAndTheInputConventions() {
        CliRun r = run("eval", "--help").assertOk();
        String help = r.out();
        for (LossDefinition d : Losses.all()) {
            assertTrue(help.contains("    " + d.id()), "help lists " + d.id());
            for (ParamSpec p : d.params()) {
                assertTrue(help.contains(p.name() + "="), "help lists " + d.id() + "'s " + p.name());
            }
        }
        for (LossFamily f : LossFamily.values()) {
            assertTrue(help.replaceAll("\\s+", " ").contains(f.inputs()), "help explains " + f.label());
        }
        assertTrue(help.contains("delta=1 in (0, inf)"), help);
        assertTrue(help.contains("tau=0.5 in [0, 1]"), help);
        assertTrue(help.contains("alpha=0.25 in [-1, 1]"), help);
        assertTrue(help.contains("r = prediction - target"), help);
        assertTrue(help.contains("--batch"), help);
        for (String line : r.outLines()) {
            assertTrue(line.length() <= 80, "help line too wide: " + line);
        }
    }

    @Test
    void outputIsOnlyTheResult() {
        CliRun r = run("eval", "--loss", "mse", "--target", "1", "--prediction", "2", "--json").assertOk();
        assertFalse(r.out().contains("losslab"), r.out());
        assertEquals("{\"value\":1.0,\"gradient\":[2.0],\"elements\":[1.0]}", r.out().strip());
    }

    private static <T> List<T> iteratorToList(java.util.Iterator<T> it) {
        List<T> list = new java.util.ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }
}
