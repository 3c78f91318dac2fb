package org.losslab.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.losslab.testkit.Trials;

/**
 * Values, gradients and Hessians of the n-parameter models against central finite differences (the independent
 * reference), over seeded random data and thetas.
 */
class ModelDerivativesTest {

    /** Seeded 2-D data: 30 points, class 1 shifted right and up, labels 0..K-1. */
    static double[][] points(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        for (int i = 0; i < n; i++) {
            x1[i] = Trials.uniform(r, -2, 2);
            x2[i] = Trials.uniform(r, -2, 2);
        }
        return new double[][] {x1, x2};
    }

    static int[] labels(int n, int classes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i < classes ? i : r.nextInt(classes);
        }
        return y;
    }

    static Stream<Arguments> models() {
        double[][] p = points(30, 5);
        int[] y2 = labels(30, 2, 6);
        int[] y3 = labels(30, 3, 7);
        List<Arguments> list = new ArrayList<>();
        for (String spec : new String[] {"bce", "bce_logits", "bce_logits:pos_weight=4", "focal",
            "focal:gamma=2,alpha=0.75", "focal:gamma=0.5,alpha=-1", "hinge", "squared_hinge", "mse", "mae",
            "huber:delta=0.2"}) {
            ElementwiseLoss loss = (ElementwiseLoss) Losses.parse(spec);
            list.add(Arguments.of("binary " + spec, new BinaryLinearClassifier(p[0], p[1], y2, loss)));
        }
        list.add(Arguments.of("binary bce_logits + l2", new BinaryLinearClassifier(p[0], p[1], y2,
                Losses.elementwise("bce_logits"), Regularizer.l2(0.3))));
        list.add(Arguments.of("softmax K=3", new SoftmaxClassifier(p[0], p[1], y3, 3)));
        list.add(Arguments.of("softmax K=3 smoothing 0.2",
                new SoftmaxClassifier(p[0], p[1], y3, 3, Losses.parse("cce_logits:label_smoothing=0.2"))));
        list.add(Arguments.of("softmax K=2", new SoftmaxClassifier(p[0], p[1], y2, 2)));
        list.add(Arguments.of("softmax K=4 + l2", new SoftmaxClassifier(p[0], p[1], labels(30, 4, 8), 4,
                Losses.parse("cce_logits"), Regularizer.l2(0.05))));
        return list.stream();
    }

    /** Whether theta puts some point within 1e-3 of a kink of a piecewise loss (hinge at y z = 1, mae at p = y). */
    private static boolean nearKink(Model m, double[] theta) {
        if (!(m instanceof BinaryLinearClassifier c)) {
            return false;
        }
        String id = c.loss().id();
        double[] x1 = c.x1();
        double[] x2 = c.x2();
        int[] y = c.labels();
        for (int i = 0; i < x1.length; i++) {
            double z = c.score(theta, x1[i], x2[i]);
            double s = y[i] == 1 ? 1 : -1;
            if ((id.equals("hinge") || id.equals("squared_hinge")) && Math.abs(1 - s * z) < 1e-3) {
                return true;
            }
            if (id.equals("huber") && Math.abs(Math.abs(c.probability(theta, x1[i], x2[i]) - y[i]) - 0.2) < 1e-4) {
                return true;
            }
        }
        return false;
    }

    private static double step(double v) {
        return 1e-5 * Math.max(1.0, Math.abs(v));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void gradientMatchesCentralDifferences(String name, Model m) {
        int n = m.dimension();
        Trials.forAll(101, 30, r -> {
            double[] theta = new double[n];
            for (int k = 0; k < n; k++) {
                theta[k] = Trials.uniform(r, -2.5, 2.5);
            }
            if (nearKink(m, theta)) {
                return;
            }
            double[] g = new double[n];
            double f = m.gradient(theta, g);
            assertEquals(m.value(theta), f, 1e-12 * Math.max(1, Math.abs(f)), name + ": gradient's value");
            for (int k = 0; k < n; k++) {
                double h = step(theta[k]);
                double[] up = theta.clone();
                double[] down = theta.clone();
                up[k] += h;
                down[k] -= h;
                double fd = (m.value(up) - m.value(down)) / (up[k] - down[k]);
                assertEquals(fd, g[k], 1e-6 * (1 + Math.abs(g[k])) + 1e-9 * Math.abs(f), name + ": dL/d"
                        + m.parameterNames()[k]);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void hessianMatchesDifferencesOfTheGradient(String name, Model m) {
        int n = m.dimension();
        Trials.forAll(202, 20, r -> {
            double[] theta = new double[n];
            for (int k = 0; k < n; k++) {
                theta[k] = Trials.uniform(r, -2.5, 2.5);
            }
            if (nearKink(m, theta)) {
                return;
            }
            double[] h = new double[n * n];
            assertTrue(m.hessian(theta, h), name + " has a Hessian");
            double[] gp = new double[n];
            double[] gm = new double[n];
            for (int k = 0; k < n; k++) {
                double s = step(theta[k]);
                double[] up = theta.clone();
                double[] down = theta.clone();
                up[k] += s;
                down[k] -= s;
                m.gradient(up, gp);
                m.gradient(down, gm);
                for (int l = 0; l < n; l++) {
                    double fd = (gp[l] - gm[l]) / (up[k] - down[k]);
                    assertEquals(fd, h[l * n + k], 1e-5 * (1 + Math.abs(fd)), name + ": H[" + l + "][" + k + "]");
                    assertEquals(h[k * n + l], h[l * n + k], 1e-12 * (1 + Math.abs(h[k * n + l])), "symmetric");
                }
            }
        });
    }
}
