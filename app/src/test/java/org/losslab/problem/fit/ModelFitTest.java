package org.losslab.problem.fit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.losslab.kernel.ElementwiseLoss;
import org.losslab.kernel.Losses;
import org.losslab.problem.BinaryLinearClassifier;
import org.losslab.problem.Model;
import org.losslab.problem.Regularizer;
import org.losslab.problem.SoftmaxClassifier;

/**
 * ModelFit reaches the minimum of the convex classification losses: at its result the gradient is about 0 (smooth
 * losses) and no small random perturbation lowers the loss.
 */
class ModelFitTest {

    /** Overlapping classes (no separating line, so every minimum is finite): 60 points, labels 0..K-1. */
    private static Object[] data(int classes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 60;
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            double angle = 2 * Math.PI * y[i] / classes;
            x1[i] = 1.2 * Math.cos(angle) + gaussian(r);
            x2[i] = 1.2 * Math.sin(angle) + 0.5 + gaussian(r);
        }
        return new Object[] {x1, x2, y};
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    static Stream<Arguments> models() {
        List<Arguments> list = new ArrayList<>();
        Object[] d2 = data(2, 17);
        for (String spec : new String[] {"bce", "bce_logits", "bce_logits:pos_weight=9", "focal",
            "focal:gamma=2,alpha=0.75", "squared_hinge", "hinge"}) {
            list.add(Arguments.of(spec, new BinaryLinearClassifier((double[]) d2[0], (double[]) d2[1], (int[]) d2[2],
                    (ElementwiseLoss) Losses.parse(spec)), !spec.equals("hinge")));
        }
        list.add(Arguments.of("bce_logits + l1 0.01", new BinaryLinearClassifier((double[]) d2[0], (double[]) d2[1],
                (int[]) d2[2], Losses.elementwise("bce_logits"), new Regularizer(0, 0.01)), true));
        Object[] d3 = data(3, 19);
        list.add(Arguments.of("softmax", new SoftmaxClassifier((double[]) d3[0], (double[]) d3[1], (int[]) d3[2], 3),
                true));
        list.add(Arguments.of("softmax smoothing 0.1", new SoftmaxClassifier((double[]) d3[0], (double[]) d3[1],
                (int[]) d3[2], 3, Losses.parse("cce_logits:label_smoothing=0.1")), true));
        return list.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void reachesTheMinimum(String name, Model m, boolean smooth) {
        int n = m.dimension();
        double[] theta = ModelFit.minimize(m, m.defaultStart(), 500, 1e-10);
        double f = m.value(theta);
        double[] g = new double[n];
        m.gradient(theta, g);
        double norm = 0;
        for (double v : g) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        if (smooth) {
            assertTrue(norm < 1e-8, name + ": |grad| = " + norm);
        }
        assertTrue(f < m.value(m.defaultStart()), name + " lowered the loss");
        // hinge is piecewise linear: the direct search ends near, not exactly at, the minimum
        double slack = smooth ? 1e-12 : 1e-9;
        SplittableRandom r = new SplittableRandom(99);
        for (double size : new double[] {1e-4, 1e-2, 0.3}) {
            for (int k = 0; k < 200; k++) {
                double[] p = theta.clone();
                for (int i = 0; i < n; i++) {
                    p[i] += size * (2 * r.nextDouble() - 1);
                }
                double fp = m.value(p);
                assertTrue(f <= fp + slack * Math.abs(f), name + ": L = " + f + " at the fit but " + fp
                        + " at a perturbation of size " + size);
            }
        }
    }
}
