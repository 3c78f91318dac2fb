package org.losslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.losslab.cli.CliRun.run;
import static org.losslab.cli.CliRun.runWithInput;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code eval} on contrastive, triplet, dpo, iou and giou, and the perplexity beside cce_logits. */
class EvalStructuredTest {

    private static void assertGradient(JsonNode json, double... expected) {
        JsonNode g = json.get("gradient");
        assertEquals(expected.length, g.size(), json.toString());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], g.get(i).doubleValue(), 1e-15, "gradient[" + i + "] of " + json);
        }
    }

    @Test
    void contrastiveOnDistances() {
        // similar at 0.5: 0.125, d' = 0.5; dissimilar at 2 (outside m = 1): 0. Mean 0.0625; gradients / 2
        JsonNode j = run("eval", "--loss", "contrastive:margin=1", "--distance", "0.5,2", "--label", "1,0", "--json")
                .assertOk().json();
        assertEquals(0.0625, j.get("value").doubleValue(), 1e-16);
        assertGradient(j, 0.25, 0.0);
        String table = run("eval", "--loss", "contrastive", "--distance", "0.5,2", "--label", "1,0").assertOk().out();
        assertTrue(table.contains("distance") && table.contains("label") && table.contains("0.125"), table);
    }

    @Test
    void contrastiveOnPoints() {
        // (0,0)-(3,4) similar: 12.5, ∂x1 = (−3, −4); halved by the mean over two pairs; second pair on top: 0.5, 0
        JsonNode j = run("eval", "--loss", "contrastive", "--point1", "0,0;1,1", "--point2", "3,4;1,1", "--label",
                "1,0", "--json").assertOk().json();
        assertEquals(6.5, j.get("value").doubleValue(), 1e-15);
        assertGradient(j, -1.5, -2, 1.5, 2, 0, 0, 0, 0);
    }

    @Test
    void tripletWithPyTorchsEpsAndExactly() {
        // eps = 0: a = (0,0), p = (2,0), n = (0,1): 2 − 1 + 1 = 2, ∂a = (−1, 1), ∂p = (1, 0), ∂n = (0, −1)
        JsonNode j = run("eval", "--loss", "triplet:eps=0", "--anchor", "0,0", "--positive", "2,0", "--negative",
                "0,1", "--json").assertOk().json();
        assertEquals(2.0, j.get("value").doubleValue(), 1e-15);
        assertGradient(j, -1, 1, 1, 0, 0, -1);
        // the brief's example sits on the hinge with eps = 0; PyTorch's eps = 1e-6 makes it ≈ 2.5e-13 > 0
        String table = run("eval", "--loss", "triplet", "--anchor", "0,0", "--positive", "1,0", "--negative", "0,2")
                .assertOk().out();
        assertTrue(table.contains("d(a,p)") && table.contains("gradient negative") && table.contains("E-13"), table);
        // two triplets separated by ;
        JsonNode two = run("eval", "--loss", "triplet:eps=0", "--anchor", "0,0;0,0", "--positive", "2,0;1,0",
                "--negative", "0,1;0,3", "--json").assertOk().json();
        assertEquals(1.0, two.get("value").doubleValue(), 1e-15);
        assertEquals(12, two.get("gradient").size());
    }

    @Test
    void dpoFromDeltaAndFromFourLogProbabilities() {
        JsonNode j = run("eval", "--loss", "dpo:beta=0.1", "--delta", "0", "--json").assertOk().json();
        assertEquals(Math.log(2), j.get("value").doubleValue(), 1e-16);
        assertGradient(j, -0.05);
        // Δ = (−1 + 2) − (−3 + 2) = 2, β = 0.5: log(1 + e^−1), ∂ = −0.5/(1 + e)·(1, −1, −1, 1)
        JsonNode four = run("eval", "--loss", "dpo:beta=0.5", "--logp-chosen", "-1", "--logp-rejected", "-3",
                "--ref-chosen", "-2", "--ref-rejected", "-2", "--json").assertOk().json();
        assertEquals(Math.log(1 + Math.exp(-1)), four.get("value").doubleValue(), 1e-15);
        double g = -0.5 / (1 + Math.E);
        assertGradient(four, g, -g, -g, g);
        // far out stays finite: βΔ = −1000 → 1000
        assertEquals(1000.0, run("eval", "--loss", "dpo:beta=1", "--delta", "-1000", "--json").assertOk().json()
                .get("value").doubleValue(), 0.0);
    }

    @Test
    void boxesAsGroupsOrFlatLists() {
        // I = 1, U = 7, C = 9 (eps = 0): giou loss 68/63, iou loss 6/7
        JsonNode g = run("eval", "--loss", "giou:eps=0", "--pred", "0,0,2,2", "--target", "1,1,3,3", "--json")
                .assertOk().json();
        assertEquals(68.0 / 63, g.get("value").doubleValue(), 1e-15);
        double g1 = -(2.0 / 49 + 1.0 / 27);
        double g2 = -(6.0 / 49 + 1.0 / 9);
        assertGradient(g, g1, g1, g2, g2);
        JsonNode i = run("eval", "--loss", "iou:eps=0", "--prediction", "0,0,1,1;0,0,2,2", "--target",
                "2,0,3,1,0,0,2,2", "--json").assertOk().json();
        // disjoint: 1 with zero gradient; identical: 0
        assertEquals(0.5, i.get("value").doubleValue(), 0.0);
        assertGradient(i, 0, 0, 0, 0, 0, 0, 0, 0);
        String table = run("eval", "--loss", "giou", "--pred", "0,0,2,2", "--target", "1,1,3,3").assertOk().out();
        assertTrue(table.contains("GIoU") && table.contains("gradient"), table);
    }

    @Test
    void cceLogitsShowsThePerplexity() {
        // rows (1,2,3) class 2 and (0.5,0.1,−1) class 0: perplexity = exp(mean of lse − z_c)
        double row0 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3;
        double row1 = Math.log(Math.exp(0.5) + Math.exp(0.1) + Math.exp(-1)) - 0.5;
        double ppl = Math.exp((row0 + row1) / 2);
        JsonNode j = run("eval", "--loss", "cce_logits:label_smoothing=0.1", "--shape", "2,3", "--target", "2,0",
                "--prediction", "1,2,3,0.5,0.1,-1", "--json").assertOk().json();
        assertEquals(ppl, j.get("perplexity").doubleValue(), 1e-14);
        String table = run("eval", "--loss", "cce_logits", "--shape", "2,3", "--target", "2,0", "--prediction",
                "1,2,3,0.5,0.1,-1").assertOk().out();
        assertTrue(table.contains("perplexity"), table);
        // a perplexity beyond the doubles is written "inf" (JSON has no infinity)
        JsonNode far = run("eval", "--loss", "cce_logits", "--shape", "1,2", "--target", "1", "--prediction",
                "1000,0", "--json").assertOk().json();
        assertEquals("inf", far.get("perplexity").textValue());
        assertEquals(1000.0, far.get("value").doubleValue(), 0.0);
    }

    @Test
    void batchLinesTakeThePackedRows() {
        CliRun r = runWithInput("{\"loss\": \"triplet:eps=0\", \"prediction\": [0, 0, 2, 0, 0, 1], \"shape\": [1, 6]}\n"
                + "{\"loss\": \"giou\", \"params\": {\"eps\": 0}, \"prediction\": [0, 0, 2, 2], \"target\": [1, 1, 3, 3]}\n"
                + "{\"loss\": \"dpo\", \"prediction\": [0]}\n"
                + "{\"loss\": \"triplet\", \"prediction\": [0, 0, 2, 0, 0, 1]}\n", "eval", "--batch", "-").assertOk();
        var lines = r.outLines();
        assertEquals(2.0, CliRun.parse(lines.get(0)).get("value").doubleValue(), 1e-15);
        assertEquals(68.0 / 63, CliRun.parse(lines.get(1)).get("value").doubleValue(), 1e-15);
        assertEquals(Math.log(2), CliRun.parse(lines.get(2)).get("value").doubleValue(), 1e-16);
        assertTrue(CliRun.parse(lines.get(3)).get("error").textValue().contains("triplet needs"), lines.get(3));
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        run("eval", "--loss", "giou", "--pred", "2,0,1,1", "--target", "0,0,1,1").assertBadInput("x2 < x1");
        run("eval", "--loss", "giou", "--pred", "0,0,1", "--target", "0,0,1,1").assertBadInput("4 numbers");
        run("eval", "--loss", "contrastive", "--distance", "-1", "--label", "1").assertBadInput("negative");
        run("eval", "--loss", "contrastive", "--distance", "1", "--label", "2").assertBadInput("label[0]");
        run("eval", "--loss", "contrastive", "--distance", "1,2", "--label", "1").assertBadInput("one label per pair");
        run("eval", "--loss", "triplet", "--anchor", "0,0", "--positive", "1,0").assertBadInput("missing --negative");
        run("eval", "--loss", "triplet", "--anchor", "0,0", "--positive", "1,0,0", "--negative", "0,1")
                .assertBadInput("coordinates");
        run("eval", "--loss", "dpo", "--delta", "1", "--anchor", "0").assertBadInput("--anchor does not apply");
        run("eval", "--loss", "dpo", "--logp-chosen", "-1", "--logp-rejected", "0.5", "--ref-chosen", "-1",
                "--ref-rejected", "-1").assertBadInput("log-probability");
        run("eval", "--loss", "dpo", "--logp-chosen", "-1").assertBadInput("missing --logp-rejected");
        run("eval", "--loss", "mse", "--distance", "1", "--target", "1", "--prediction", "1")
                .assertBadInput("--distance", "mse");
        run("eval", "--loss", "dpo", "--delta", "abc").assertBadInput("delta[0]: 'abc' is not a number");
    }
}
