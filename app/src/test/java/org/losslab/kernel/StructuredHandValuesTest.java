package org.losslab.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Values worked out by hand (the arithmetic is in the comments) for contrastive, triplet, dpo, iou, giou, perplexity. */
class StructuredHandValuesTest {
    private static final double EXACT = 1e-15;

    // ---- contrastive (m = 1 unless said) ----

    @Test
    void contrastiveSimilarAndDissimilarInsideAndOutsideTheMargin() {
        // similar, d = 0.5: 1·0.25/2 = 0.125, dL/dd = d = 0.5
        assertEquals(0.125, Contrastive.loss(0.5, 1), EXACT);
        assertEquals(0.5, Contrastive.dLoss(0.5, 1), EXACT);
        // similar, d = 2: 4/2 = 2, dL/dd = 2 (pulled together however far)
        assertEquals(2.0, Contrastive.loss(2, 1), EXACT);
        assertEquals(2.0, Contrastive.dLoss(2, 1), EXACT);
        // dissimilar inside the margin, d = 0.5: (1 − 0.5)²/2 = 0.125, dL/dd = −(1 − 0.5) = −0.5 (pushed apart)
        assertEquals(0.125, Contrastive.loss(0.5, 0), EXACT);
        assertEquals(-0.5, Contrastive.dLoss(0.5, 0), EXACT);
        // dissimilar outside the margin, d = 2, and on it, d = 1: max(0, 1 − d) = 0, no loss and no push
        assertEquals(0.0, Contrastive.loss(2, 0), 0.0);
        assertEquals(0.0, Contrastive.dLoss(2, 0), 0.0);
        assertEquals(0.0, Contrastive.loss(1, 0), 0.0);
        assertEquals(0.0, Contrastive.dLoss(1, 0), 0.0);
        // m = 2, dissimilar at d = 0.5: 1.5²/2 = 1.125, dL/dd = −1.5
        assertEquals(1.125, Contrastive.loss(0.5, 0, 2), EXACT);
        assertEquals(-1.5, Contrastive.dLoss(0.5, 0, 2), EXACT);
    }

    @Test
    void contrastivePointsFormAndItsZeroDistanceConvention() {
        double[] g1 = new double[2];
        double[] g2 = new double[2];
        // x1 = (0, 0), x2 = (3, 4): d = 5. Similar: 25/2 = 12.5; ∂/∂x1 = d·(x1 − x2)/d = (−3, −4)
        assertEquals(12.5, Contrastive.loss(new double[] {0, 0}, new double[] {3, 4}, 1, 1, g1, g2), EXACT);
        assertArrayEquals(new double[] {-3, -4}, g1, EXACT);
        assertArrayEquals(new double[] {3, 4}, g2, EXACT);
        // dissimilar, m = 6: (6 − 5)²/2 = 0.5; dL/dd = −1; ∂/∂x1 = −1·(−3, −4)/5 = (0.6, 0.8): descent moves x1
        // along −g1 = (−0.6, −0.8), away from x2
        assertEquals(0.5, Contrastive.loss(new double[] {0, 0}, new double[] {3, 4}, 0, 6, g1, g2), EXACT);
        assertArrayEquals(new double[] {0.6, 0.8}, g1, EXACT);
        assertArrayEquals(new double[] {-0.6, -0.8}, g2, EXACT);
        // on top of each other, dissimilar: loss m²/2 = 0.5, and the gradient is defined as 0 (direction undefined)
        assertEquals(0.5, Contrastive.loss(new double[] {1, 1}, new double[] {1, 1}, 0, 1, g1, g2), EXACT);
        assertArrayEquals(new double[] {0, 0}, g1, 0.0);
        assertArrayEquals(new double[] {0, 0}, g2, 0.0);
    }

    @Test
    void contrastiveRejectsNegativeDistancesAndOtherLabels() {
        Loss loss = Losses.get("contrastive");
        String m = assertThrows(LossInputException.class,
                () -> loss.evaluate(new double[] {0.5, -1}, new double[] {1, 0}, Shape.vector(2))).getMessage();
        assertTrue(m.contains("distance[1]") && m.contains("negative"), m);
        m = assertThrows(LossInputException.class,
                () -> loss.evaluate(new double[] {0.5}, new double[] {-1}, Shape.vector(1))).getMessage();
        assertTrue(m.contains("label[0]") && m.contains("1 (similar) or 0"), m);
    }

    // ---- triplet ----

    @Test
    void tripletActiveAndInactiveWithExactDistances() {
        double[] ga = new double[2];
        double[] gp = new double[2];
        double[] gn = new double[2];
        // a = (0,0), p = (2,0), n = (0,1), m = 1, eps = 0: d(a,p) = 2, d(a,n) = 1, L = 2 − 1 + 1 = 2.
        // u(a,p) = (a − p)/2 = (−1, 0), u(a,n) = (a − n)/1 = (0, −1):
        // ∂a = u(a,p) − u(a,n) = (−1, 1), ∂p = −u(a,p) = (1, 0), ∂n = u(a,n) = (0, −1)
        double v = Triplet.loss(new double[] {0, 0}, new double[] {2, 0}, new double[] {0, 1}, 1, 0, ga, gp, gn);
        assertEquals(2.0, v, EXACT);
        assertArrayEquals(new double[] {-1, 1}, ga, EXACT);
        assertArrayEquals(new double[] {1, 0}, gp, EXACT);
        assertArrayEquals(new double[] {0, -1}, gn, EXACT);
        // a = (0,0), p = (1,0), n = (0,3): 1 − 3 + 1 = −1 < 0, satisfied: loss 0, every gradient 0
        v = Triplet.loss(new double[] {0, 0}, new double[] {1, 0}, new double[] {0, 3}, 1, 0, ga, gp, gn);
        assertEquals(0.0, v, 0.0);
        assertArrayEquals(new double[] {0, 0}, ga, 0.0);
        assertArrayEquals(new double[] {0, 0}, gp, 0.0);
        assertArrayEquals(new double[] {0, 0}, gn, 0.0);
        // exactly on the hinge, a = (0,0), p = (1,0), n = (0,2), eps = 0: 1 − 2 + 1 = 0: loss 0, gradient 0 (kink)
        v = Triplet.loss(new double[] {0, 0}, new double[] {1, 0}, new double[] {0, 2}, 1, 0, ga, gp, gn);
        assertEquals(0.0, v, 0.0);
        assertArrayEquals(new double[] {0, 0}, ga, 0.0);
    }

    @Test
    void tripletDistanceAddsEpsInsideTheNormAsPyTorchDocuments() {
        // PyTorch PairwiseDistance: dist(x, y) = ‖x − y + εe‖. x = (1, 3), y = (5, 6), ε = 1e-6:
        // (−3.999999)² + (−2.999999)² = 15.999992000001 + 8.999994000001 = 24.999986000002, √ = 4.9999986000...
        // (Paddle's PairwiseDistance docs, same formula, print 4.99999860 for this pair.)
        assertEquals(Math.sqrt(24.999986000002), Triplet.distance(new double[] {1, 3}, new double[] {5, 6}, 1e-6),
                1e-14);
        assertEquals(4.9999986, Triplet.distance(new double[] {1, 3}, new double[] {5, 6}, 1e-6), 1e-9);
        assertEquals(5.0, Triplet.distance(new double[] {1, 3}, new double[] {5, 6}, 0), 0.0);
        // With PyTorch's eps the hinge case above is not exactly 0: d(a,p) = √(0.999999² + 1e-12) ≈ 0.9999990000005,
        // d(a,n) = √(1e-12 + 1.999999²) ≈ 1.99999900000025, so L ≈ 2.5e-13 > 0 (active, as PyTorch gives).
        double v = Triplet.loss(new double[] {0, 0}, new double[] {1, 0}, new double[] {0, 2}, null, null, null);
        assertEquals(2.5e-13, v, 1e-14);
        // distance with eps is not symmetric: ‖y − x + ε‖ ≠ ‖x − y + ε‖
        assertTrue(Triplet.distance(new double[] {5, 6}, new double[] {1, 3}, 1e-6) > 5.0);
    }

    // ---- dpo ----

    @Test
    void dpoAtZeroIsLogTwoAndStaysFiniteFarOut() {
        // Δ = 0: −log σ(0) = log 2; dL/dΔ = −β σ(0) = −β/2
        assertEquals(Math.log(2), Dpo.loss(0), EXACT);
        assertEquals(-0.05, Dpo.dLoss(0), EXACT);
        // βΔ = 1000: softplus(−1000) = log1p(e^−1000) underflows to 0 (true value ≈ e^−1000); gradient → −0
        assertEquals(0.0, Dpo.loss(1000, 1), 0.0);
        assertEquals(0.0, Dpo.dLoss(1000, 1), 0.0);
        // βΔ = −1000: softplus(1000) = 1000 + log1p(e^−1000) = 1000 exactly; gradient −β σ(1000) = −β
        assertEquals(1000.0, Dpo.loss(-1000, 1), 0.0);
        assertEquals(-1.0, Dpo.dLoss(-1000, 1), 0.0);
        assertEquals(1000.0, Dpo.loss(-10000, 0.1), 1e-12);
        assertEquals(-0.1, Dpo.dLoss(-10000, 0.1), 0.0);
    }

    @Test
    void dpoWorkedValuesAndGradientSigns() {
        // β = 0.1, Δ = 3: log(1 + e^−0.3); dL/dΔ = −0.1 / (1 + e^0.3)
        assertEquals(Math.log(1 + Math.exp(-0.3)), Dpo.loss(3), 1e-15);
        assertEquals(-0.1 / (1 + Math.exp(0.3)), Dpo.dLoss(3), 1e-16);
        // log-probs: policy chosen −1, policy rejected −3, ref chosen −2, ref rejected −2:
        // Δ = (−1 − (−2)) − (−3 − (−2)) = 1 − (−1) = 2; β = 0.5: L = log(1 + e^−1), g = −0.5/(1 + e) ≈ −0.1345
        double[] g = new double[4];
        double v = Dpo.loss(-1, -3, -2, -2, 0.5, g);
        assertEquals(2.0, Dpo.delta(-1, -3, -2, -2), 0.0);
        assertEquals(Math.log(1 + Math.exp(-1)), v, 1e-15);
        double dd = -0.5 / (1 + Math.E);
        assertArrayEquals(new double[] {dd, -dd, -dd, dd}, g, 1e-16);
        // signs: descent raises the chosen answer's log-probability and lowers the rejected one's
        assertTrue(g[0] < 0 && g[1] > 0);
        for (double delta : new double[] {-50, -1, 0, 1, 50}) {
            assertTrue(Dpo.dLoss(delta, 0.1) < 0, "dL/dΔ < 0 at " + delta);
        }
    }

    @Test
    void dpoRejectsPositiveLogProbabilitiesAndATarget() {
        Loss loss = Losses.get("dpo");
        String m = assertThrows(LossInputException.class,
                () -> loss.evaluate(new double[] {-1, 0.5, -2, -2}, new double[0], new Shape(1, 4))).getMessage();
        assertTrue(m.contains("policy rejected[0]") && m.contains("<= 0"), m);
        m = assertThrows(LossInputException.class,
                () -> loss.evaluate(new double[] {1}, new double[] {1}, Shape.vector(1))).getMessage();
        assertTrue(m.contains("no target"), m);
    }

    // ---- iou / giou ----

    private static final double[] A = {0, 0, 2, 2};

    @Test
    void identicalBoxesHaveZeroLossAndZeroGradient() {
        double[] g = new double[4];
        // exact (eps = 0): I = U = C = 4; every max/min ties and takes ½ of each side, so e.g. for x1:
        // dI = −½·2 = −1, dU = −2 − (−1) = −1, dIoU = −1/4 − (4/16)(−1) = 0; dC = −½·2 = −1,
        // d penalty = (−1)(4/16) − (−1)/4 = 0
        assertEquals(0.0, Giou.loss(A, A.clone(), 0, g), 0.0);
        assertArrayEquals(new double[4], g, 0.0);
        assertEquals(0.0, Iou.loss(A, A.clone(), 0, g), 0.0);
        assertArrayEquals(new double[4], g, 0.0);
        // torchvision's eps = 1e-7: IoU = 4/(4 + 1e-7), penalty (4 − 4)/(4 + 1e-7) = 0
        assertEquals(1 - 4 / (4 + 1e-7), Giou.loss(A, A.clone(), g), 1e-22);
        assertEquals(1 - 4 / (4 + 1e-7), Iou.loss(A, A.clone(), null), 1e-22);
    }

    @Test
    void overlappingBoxesWorkedByHand() {
        double[] t = {1, 1, 3, 3};
        double[] g = new double[4];
        // I = 1·1 = 1, U = 4 + 4 − 1 = 7, IoU = 1/7; C = 3·3 = 9, GIoU = 1/7 − 2/9 = −5/63
        assertEquals(6.0 / 7, Iou.loss(A, t, 0, g), EXACT);
        // x1: intersection edge is the target's (no dI), dU = −2, dIoU = −(1/49)(−2) = 2/49 → ∂L/∂x1 = −2/49
        // x2: intersection edge is the prediction's, dI = 1, dU = 2 − 1 = 1, dIoU = 1/7 − 1/49 = 6/49 → −6/49
        assertArrayEquals(new double[] {-2.0 / 49, -2.0 / 49, -6.0 / 49, -6.0 / 49}, g, EXACT);
        assertEquals(68.0 / 63, Giou.loss(A, t, 0, g), EXACT);
        // x1: enclosing edge is the prediction's, dC = −3; d penalty = −3·7/81 − (−2)/9 = −1/27
        //     dGIoU = 2/49 + 1/27 → ∂L/∂x1 = −(2/49 + 1/27)
        // x2: enclosing edge is the target's, dC = 0; d penalty = −1/9 → ∂L/∂x2 = −(6/49 + 1/9)
        double g1 = -(2.0 / 49 + 1.0 / 27);
        double g2 = -(6.0 / 49 + 1.0 / 9);
        assertArrayEquals(new double[] {g1, g1, g2, g2}, g, EXACT);
        assertEquals(-5.0 / 63, Giou.giou(A, t), 1e-7);
    }

    @Test
    void disjointBoxesIouGivesNoSignalGiouPullsTowardTheTarget() {
        double[] p = {0, 0, 1, 1};
        double[] t = {2, 0, 3, 1};
        double[] g = new double[4];
        // I = 0: IoU loss 1 and gradient 0 wherever the box is
        assertEquals(1.0, Iou.loss(p, t, g), 0.0);
        assertArrayEquals(new double[4], g, 0.0);
        // U = 2, C = 3·1 = 3: GIoU = 0 − 1/3, loss 4/3 > 1
        assertEquals(4.0 / 3, Giou.loss(p, t, 0, g), EXACT);
        // dIoU = 0, so ∂L/∂ = d penalty = dC·U/C² − dU/C with U/C² = 2/9:
        // x1: dC = −1 (prediction's edge), dU = −1: −2/9 + 1/3 = 1/9
        // y1: min(0, 0) ties, dC = −½·3, dU = −1: −1/3 + 1/3 = 0; y2 likewise 0
        // x2: dC = 0 (target's edge), dU = 1: −1/3
        assertArrayEquals(new double[] {1.0 / 9, 0, -1.0 / 3, 0}, g, EXACT);
        // descent moves x1 by −1/9 and x2 by +1/3: the centre moves toward the target (right)
        assertTrue(-g[0] - g[2] > 0);
        assertTrue(Giou.loss(p, t, g) > 1);
    }

    @Test
    void boxInsideAnotherAndTouchingEdges() {
        double[] g = new double[4];
        // (1,1,2,2) inside (0,0,4,4): I = 1, U = 16, C = 16: IoU = GIoU = 1/16, both losses 15/16
        assertEquals(15.0 / 16, Iou.loss(new double[] {1, 1, 2, 2}, new double[] {0, 0, 4, 4}, 0, null), EXACT);
        assertEquals(15.0 / 16, Giou.loss(new double[] {1, 1, 2, 2}, new double[] {0, 0, 4, 4}, 0, g), EXACT);
        // growing x2 grows I and U alike: dIoU = 1/16 − (1/256)·0 ... dI = 1, dU = 1 − 1 = 0 → ∂L/∂x2 = −1/16
        assertEquals(-1.0 / 16, g[2], EXACT);
        // touching along x = 1: (0,0,1,1) and (1,0,2,1): I = 0 (no gradient, as torchvision's strict mask),
        // U = 2, C = 2, GIoU = 0 → loss 1. x2: dC = 0, dU = 1, U/C² = 1/2 → ∂L/∂x2 = −1/2 (the one-sided
        // derivative from the non-overlapping side); x1: dC = −1, dU = −1 → −1/2 + 1/2 = 0; y1, y2 tie: 0.
        double[] p = {0, 0, 1, 1};
        double[] t = {1, 0, 2, 1};
        assertEquals(1.0, Iou.loss(p, t, 0, g), 0.0);
        assertArrayEquals(new double[4], g, 0.0);
        assertEquals(1.0, Giou.loss(p, t, 0, g), EXACT);
        assertArrayEquals(new double[] {0, 0, -0.5, 0}, g, EXACT);
    }

    @Test
    void zeroAreaBoxesFollowTorchvisionsEpsAndTheZeroOverZeroConvention() {
        double[] point = {1, 1, 1, 1};
        double[] g = new double[4];
        for (double eps : new double[] {0, 1e-7}) {
            // U = 0 and C = 0: IoU = 0/(0 + ε) = 0 (ε = 0: 0/0 taken as 0), penalty 0 likewise: both losses 1
            assertEquals(1.0, Iou.loss(point, point.clone(), eps, g), 0.0);
            assertArrayEquals(new double[4], g, 0.0);
            assertEquals(1.0, Giou.loss(point, point.clone(), eps, g), 0.0);
            assertArrayEquals(new double[4], g, 0.0);
        }
        // a point inside (0,0,2,2): I = 0, U = 4, C = 4, penalty 0: losses 1, all areas flat to first order
        assertEquals(1.0, Giou.loss(point, A, 0, g), 0.0);
        assertArrayEquals(new double[4], g, 0.0);
        // a segment (0,1,2,1) in (0,0,2,2): still I = 0 (zero height), loss 1
        assertEquals(1.0, Iou.loss(new double[] {0, 1, 2, 1}, A, g), 0.0);
    }

    @Test
    void invalidBoxesAreRefusedWithAClearMessage() {
        String m = assertThrows(LossInputException.class,
                () -> Giou.loss(new double[] {2, 0, 1, 1}, A, null)).getMessage();
        assertTrue(m.contains("x2 < x1") && m.contains("(2, 0, 1, 1)"), m);
        m = assertThrows(LossInputException.class,
                () -> Iou.loss(A, new double[] {0, 3, 1, 1}, null)).getMessage();
        assertTrue(m.contains("target box") && m.contains("y2 < y1"), m);
        Loss giou = Losses.get("giou");
        m = assertThrows(LossInputException.class, () -> giou.evaluate(new double[] {0, 0, 1, 1, 0, 0, -1, 1},
                new double[] {0, 0, 1, 1, 0, 0, 1, 1}, new Shape(2, 4))).getMessage();
        assertTrue(m.contains("predicted box 1"), m);
    }

    // ---- perplexity ----

    @Test
    void perplexityOfUniformAndConfidentPredictions() {
        // 4 equal logits: CE = log 4 per token, perplexity 4 (a uniform guess over 4 tokens)
        double[] uniform = {0.3, 0.3, 0.3, 0.3, -2, -2, -2, -2};
        assertEquals(4.0, Perplexity.fromLogits(uniform, new double[] {1, 3}, new Shape(2, 4)), 1e-13);
        // logits (1000, 0): right token → CE = log(1 + e^−1000) = 0, perplexity 1; wrong one → CE = 1000
        Shape one = new Shape(1, 2);
        assertEquals(1.0, Perplexity.fromLogits(new double[] {1000, 0}, new double[] {0}, one), 0.0);
        assertEquals(1000.0, Perplexity.crossEntropyFromLogits(new double[] {1000, 0}, new double[] {1}, one), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, Perplexity.fromLogits(new double[] {1000, 0}, new double[] {1}, one));
        // next-token probabilities 0.5 and 0.25: exp((log 2 + log 4)/2) = √8
        assertEquals(Math.sqrt(8), Perplexity.fromTokenProbabilities(new double[] {0.5, 0.25}), 1e-15);
        assertEquals(Math.sqrt(8), Perplexity.fromProbabilities(new double[] {0.5, 0.5, 0.75, 0.25},
                new double[] {0, 1}, new Shape(2, 2)), 1e-15);
        // a zero probability counts as e^−100 (the log floor): finite
        assertEquals(Math.exp(100), Perplexity.fromTokenProbabilities(new double[] {0}), 1e-15 * Math.exp(100));
    }

    @Test
    void perplexityIsThePlainCrossEntropyWhateverTheLabelSmoothing() {
        double[] z = {1, 2, 3, 0.5, 0.1, -1};
        double[] target = {2, 0};
        Shape shape = new Shape(2, 3);
        // row 0: lse(1,2,3) − 3; row 1: lse(0.5, 0.1, −1) − 0.5
        double row0 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3;
        double row1 = Math.log(Math.exp(0.5) + Math.exp(0.1) + Math.exp(-1)) - 0.5;
        assertEquals(Math.exp((row0 + row1) / 2), Perplexity.fromLogits(z, target, shape), 1e-14);
    }
}
