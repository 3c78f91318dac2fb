package org.losslab.problem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.losslab.kernel.ElementwiseLoss;
import org.losslab.kernel.Losses;
import org.losslab.testkit.Trials;

/** The classifiers against hand computations and against each other where they coincide exactly. */
class ClassifierModelsTest {

    private static ElementwiseLoss loss(String spec) {
        return (ElementwiseLoss) Losses.parse(spec);
    }

    @Test
    void twoPointsByHand() {
        // (1, 0) label 1 and (0, 1) label 0 at theta = (1, -1, 0): scores 1 and -1, both right by a margin of 1
        BinaryLinearClassifier c = new BinaryLinearClassifier(new double[] {1, 0}, new double[] {0, 1},
                new int[] {1, 0}, loss("bce_logits"));
        double[] theta = {1, -1, 0};
        assertEquals(Math.log(1 + Math.exp(-1)), c.value(theta), 1e-15);
        // pos_weight 3 weights only the positive point: (3 log(1 + e^-1) + log(1 + e^-1)) / 2
        BinaryLinearClassifier w = new BinaryLinearClassifier(new double[] {1, 0}, new double[] {0, 1},
                new int[] {1, 0}, loss("bce_logits:pos_weight=3"));
        assertEquals(2 * Math.log(1 + Math.exp(-1)), w.value(theta), 1e-15);
        // hinge: margins y z = 1 for both, so max(0, 1 - 1) = 0
        BinaryLinearClassifier h = new BinaryLinearClassifier(new double[] {1, 0}, new double[] {0, 1},
                new int[] {1, 0}, loss("hinge"));
        assertEquals(0.0, h.value(theta), 0.0);
        assertEquals(0.5, h.value(new double[] {0, 0, 0}) / 2, 0.0); // both margins 0: mean of 1 and 1 = 1
        assertEquals(1, c.predict(theta, 1, 0));
        assertEquals(0, c.predict(theta, 0, 1));
        assertEquals(0, c.predict(theta, 1, 1)); // z = 0 exactly is class 0
        assertEquals(1 / (1 + Math.exp(-1)), c.probability(theta, 1, 0), 1e-15);
    }

    @Test
    void mseOnTheSigmoidByHand() {
        // one point (1, 0) with label 1; w1 = ln 3 gives p = 3/4, so (p - 1)^2 = 1/16
        BinaryLinearClassifier c = new BinaryLinearClassifier(new double[] {1}, new double[] {0}, new int[] {1},
                loss("mse"));
        assertEquals(1.0 / 16, c.value(new double[] {Math.log(3), 0, 0}), 1e-15);
        assertEquals(0.25, c.value(new double[3]), 0.0);
        // dL/dz = 2 (p - 1) p (1 - p) = 2 (-1/4)(3/4)(1/4) = -3/32, times x~ = (1, 0, 1)
        double[] g = new double[3];
        c.gradient(new double[] {Math.log(3), 0, 0}, g);
        assertArrayEquals(new double[] {-3.0 / 32, 0, -3.0 / 32}, g, 1e-15);
    }

    @Test
    void mseOnTheSigmoidIsNotConvex() {
        // one positive point at x1 = 1, l = (1 - p)^2 = q^2: dl/dz = -2 p q^2 and d2l/dz2 = -2 p q^2 (q - 2 p),
        // negative where q > 2p, p < 1/3 (z < -ln 2): the flat wrong-side plateau curves down, unlike bce_logits,
        // whose d2 is p q > 0 everywhere
        BinaryLinearClassifier c = new BinaryLinearClassifier(new double[] {1}, new double[] {0}, new int[] {1},
                loss("mse"));
        double[] h = new double[9];
        double z = -2;
        double p = 1 / (1 + Math.exp(-z));
        double q = 1 - p;
        c.hessian(new double[] {z, 0, 0}, h);
        assertEquals(-2 * p * q * q * (q - 2 * p), h[0], 1e-15);
        assertTrue(h[0] < 0, "d2L/dw1^2 = " + h[0]);
        c.hessian(new double[] {2, 0, 0}, h);
        assertTrue(h[0] > 0, "d2L/dw1^2 = " + h[0]);
    }

    @Test
    void agreesWithTheOneFeatureProblemWhenTheSecondFeatureIsZero() {
        double[] x = {-2, -0.5, 0.3, 1.1, 2.4, -1.3};
        int[] labels = {0, 0, 1, 1, 1, 0};
        double[] yd = {0, 0, 1, 1, 1, 0};
        double[] zero = new double[x.length];
        for (String spec : new String[] {"bce", "bce_logits:pos_weight=2", "focal:gamma=2,alpha=0.75", "hinge",
            "squared_hinge", "mse", "huber:delta=0.3"}) {
            BinaryLinearClassifier c = new BinaryLinearClassifier(x, zero, labels, loss(spec), Regularizer.l2(0.1));
            LogisticProblem p = new LogisticProblem(x, yd, loss(spec), Regularizer.l2(0.1));
            Trials.forAll(9, 20, r -> {
                double w = Trials.uniform(r, -3, 3);
                double b = Trials.uniform(r, -3, 3);
                double[] theta = {w, 0, b};
                assertEquals(p.value(w, b), c.value(theta), 1e-14, spec + " value");
                double[] g2 = new double[2];
                double[] g3 = new double[3];
                p.gradient(w, b, g2);
                c.gradient(theta, g3);
                assertEquals(g2[0], g3[0], 1e-14, spec + " dL/dw");
                assertEquals(g2[1], g3[2], 1e-14, spec + " dL/db");
                double[] h2 = new double[3];
                double[] h3 = new double[9];
                p.hessian(w, b, h2);
                c.hessian(theta, h3);
                assertEquals(h2[0], h3[0], 1e-14, spec + " Hww");
                assertEquals(h2[1], h3[2], 1e-14, spec + " Hwb");
                assertEquals(h2[2], h3[8], 1e-14, spec + " Hbb");
            });
        }
    }

    @Test
    void metricsCountThePredictions() {
        // x1 = -2, -1, 1, 2 with labels 0, 1, 0, 1 and z = x1: predictions 0, 0, 1, 1 -> TP 1, FN 1, FP 1, TN 1
        BinaryLinearClassifier c = new BinaryLinearClassifier(new double[] {-2, -1, 1, 2}, new double[4],
                new int[] {0, 1, 0, 1}, loss("bce_logits"));
        ClassificationMetrics m = c.metrics(new double[] {1, 0, 0});
        assertEquals(0.5, m.accuracy(), 0.0);
        assertEquals(0.5, m.precision(), 0.0);
        assertEquals(0.5, m.recall(), 0.0);
    }

    @Test
    void softmaxByHand() {
        // one point (1, 0) of class A; w1 = (0, ln 2, ln 3), the rest 0: logits (0, ln 2, ln 3), softmax (1, 2, 3)/6
        double[] theta = {0, 0, 0, Math.log(2), 0, 0, Math.log(3), 0, 0};
        SoftmaxClassifier s = new SoftmaxClassifier(new double[] {1}, new double[] {0}, new int[] {0}, 3);
        assertEquals(Math.log(6), s.value(theta), 1e-14);
        double[] p = new double[3];
        s.probabilities(theta, 1, 0, p);
        assertArrayEquals(new double[] {1.0 / 6, 2.0 / 6, 3.0 / 6}, p, 1e-15);
        assertEquals(2, s.predict(theta, 1, 0));
        // gradient (softmax - onehot) x~: class A (1/6 - 1)(1, 0, 1), class B (1/3)(1, 0, 1), class C (1/2)(1, 0, 1)
        double[] g = new double[9];
        s.gradient(theta, g);
        assertArrayEquals(new double[] {-5.0 / 6, 0, -5.0 / 6, 1.0 / 3, 0, 1.0 / 3, 0.5, 0, 0.5}, g, 1e-15);
        // smoothing 0.3 with K = 3: targets (0.8, 0.1, 0.1); loss = log 6 - 0.1 ln 2 - 0.1 ln 3 = 0.9 log 6
        SoftmaxClassifier smooth = new SoftmaxClassifier(new double[] {1}, new double[] {0}, new int[] {0}, 3,
                Losses.parse("cce_logits:label_smoothing=0.3"));
        assertEquals(0.9 * Math.log(6), smooth.value(theta), 1e-14);
        assertArrayEquals(new String[] {"w1·A", "w2·A", "b·A", "w1·B", "w2·B", "b·B", "w1·C", "w2·C", "b·C"},
                s.parameterNames());
        assertEquals(3, s.classes());
        assertEquals(9, s.dimension());
    }

    @Test
    void twoClassSoftmaxIsBceLogitsOnTheDifferenceOfLogits() {
        // softmax(z0, z1)_1 = sigmoid(z1 - z0), so -log softmax_c = bce_logits(z1 - z0, c) exactly in math
        double[][] pts = ModelDerivativesTest.points(25, 3);
        int[] y = ModelDerivativesTest.labels(25, 2, 4);
        SoftmaxClassifier s = new SoftmaxClassifier(pts[0], pts[1], y, 2);
        BinaryLinearClassifier b = new BinaryLinearClassifier(pts[0], pts[1], y, loss("bce_logits"));
        Trials.forAll(31, 25, r -> {
            double[] theta = new double[6];
            for (int k = 0; k < 6; k++) {
                theta[k] = Trials.uniform(r, -2, 2);
            }
            double[] diff = {theta[3] - theta[0], theta[4] - theta[1], theta[5] - theta[2]};
            assertEquals(b.value(diff), s.value(theta), 1e-13);
            // the gradient of class 1's block is the binary gradient; class 0's block is its negative
            double[] gs = new double[6];
            double[] gb = new double[3];
            s.gradient(theta, gs);
            b.gradient(diff, gb);
            for (int k = 0; k < 3; k++) {
                assertEquals(gb[k], gs[3 + k], 1e-13);
                assertEquals(-gb[k], gs[k], 1e-13);
            }
            for (int i = 0; i < 25; i++) {
                assertEquals(b.predict(diff, pts[0][i], pts[1][i]), s.predict(theta, pts[0][i], pts[1][i]));
            }
        });
    }

    @Test
    void badInputIsRefusedWithOneLine() {
        double[] x = {0, 1};
        String m = assertThrows(IllegalArgumentException.class,
                () -> new BinaryLinearClassifier(x, x, new int[] {0, 2}, loss("bce_logits"))).getMessage();
        assertEquals("label[1] = 2 is not 0 or 1", m);
        m = assertThrows(IllegalArgumentException.class,
                () -> new BinaryLinearClassifier(x, new double[1], new int[] {0, 1}, loss("bce"))).getMessage();
        assertTrue(m.contains("as many"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> new SoftmaxClassifier(x, x, new int[] {0, 3}, 3)).getMessage();
        assertTrue(m.contains("label[1] = 3"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> new SoftmaxClassifier(x, x, new int[] {0, 1}, 2, Losses.parse("mse"))).getMessage();
        assertTrue(m.contains("cce_logits"), m);
        assertFalse(new BinaryLinearClassifier(x, x, new int[] {0, 1}, loss("bce_logits")).usesSigmoid());
    }

    @Test
    void sliceHoldsTheOtherParameters() {
        double[][] pts = ModelDerivativesTest.points(20, 12);
        int[] y = ModelDerivativesTest.labels(20, 2, 13);
        BinaryLinearClassifier c = new BinaryLinearClassifier(pts[0], pts[1], y, loss("bce_logits"));
        double[] base = {0.4, 0.53, -0.2};
        SliceProblem s = new SliceProblem(c, base, 0, 2, null);
        assertEquals("slice", s.id());
        assertArrayEquals(new String[] {"w1", "b"}, s.parameterNames());
        assertEquals("bce_logits classifier: w1, b (w2 = 0.53 held)", s.displayName());
        assertTrue(s.formula().endsWith("w2 = 0.53 held"), s.formula());
        assertArrayEquals(new double[] {0.4, -0.2}, s.defaultStart());
        assertTrue(s.knownMinima().isEmpty());
        assertEquals(new Bounds(-2.6, 3.4, -3.2, 2.8), s.defaultBounds());
        Trials.forAll(3, 20, r -> {
            double a = Trials.uniform(r, -3, 3);
            double b = Trials.uniform(r, -3, 3);
            double[] full = {a, 0.53, b};
            assertEquals(c.value(full), s.value(a, b), 0.0);
            double[] g3 = new double[3];
            double[] g2 = new double[2];
            c.gradient(full, g3);
            s.gradient(a, b, g2);
            assertArrayEquals(new double[] {g3[0], g3[2]}, g2, 0.0);
            // the slice's own Hessian against differences of its gradient
            double[] h = new double[3];
            assertTrue(s.hessian(a, b, h));
            double[] fd = FiniteDifferences.hessian(s, a, b);
            assertArrayEquals(fd, h, 1e-6);
        });
        SliceProblem soft = new SliceProblem(new SoftmaxClassifier(pts[0], pts[1], y, 2), new double[6], 1, 4,
                SliceProblem.around(new double[6], 1, 4, 2));
        assertEquals("cce_logits softmax classifier: w2·A, w2·B (w1·A = 0, b·A = 0, w1·B = 0, b·B = 0 held)",
                soft.displayName());
        assertThrows(IllegalArgumentException.class, () -> new SliceProblem(c, base, 1, 1, null));
        assertThrows(IllegalArgumentException.class, () -> new SliceProblem(c, new double[2], 0, 1, null));
    }
}
