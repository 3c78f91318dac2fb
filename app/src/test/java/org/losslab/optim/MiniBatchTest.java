package org.losslab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.problem.LinearRegressionProblem;

/** SGD on mini-batches of a linear regression (mse): reproducible, full-batch equals GD, epochs as DataLoader. */
class MiniBatchTest {
    static final double[] X = {-1.5, -0.3, 0.4, 1.1, 2.0};
    static final double[] Y = {-2.0, 0.5, 0.9, 3.1, 4.4};

    private static Run run(int batch, long seed, int steps) {
        Run r = Run.builder(LinearRegressionProblem.mse(X, Y), OptimizerSpec.parse("sgd")).learningRate(0.05)
                .start(0.2, -0.1).batchSize(batch).seed(seed).tolerance(0).build();
        r.run(steps);
        return r;
    }

    @Test
    void sameSeedSamePathOtherSeedOtherPath() {
        Trajectory a = run(2, 42, 60).trajectory();
        Trajectory b = run(2, 42, 60).trajectory();
        Trajectory c = run(2, 43, 60).trajectory();
        assertArrayEquals(a.theta1s(), b.theta1s(), 0.0);
        assertArrayEquals(a.theta2s(), b.theta2s(), 0.0);
        assertFalse(Arrays.equals(a.theta1s(), c.theta1s()));
    }

    @Test
    void aBatchOfAllPointsIsFullGradientDescent() {
        Run gd = Run.builder(LinearRegressionProblem.mse(X, Y), OptimizerSpec.parse("sgd")).learningRate(0.05)
                .start(0.2, -0.1).tolerance(0).build();
        gd.run(40);
        for (int batch : new int[] {5, 9}) {
            Trajectory t = run(batch, 7, 40).trajectory();
            assertArrayEquals(gd.trajectory().theta1s(), t.theta1s(), 0.0);
            assertArrayEquals(gd.trajectory().theta2s(), t.theta2s(), 0.0);
            assertArrayEquals(gd.trajectory().losses(), t.losses(), 0.0);
        }
    }

    /** The mse gradient over a subset, written out: mean over S of 2 (w x + b - y) (x, 1). */
    private static double[] subsetGradient(List<Integer> subset, double w, double b) {
        double gw = 0;
        double gb = 0;
        for (int i : subset) {
            double r = w * X[i] + b - Y[i];
            gw += 2 * r * X[i];
            gb += 2 * r;
        }
        return new double[] {gw / subset.size(), gb / subset.size()};
    }

    private static List<List<Integer>> subsets(int size) {
        List<List<Integer>> out = new ArrayList<>();
        for (int mask = 1; mask < 1 << X.length; mask++) {
            if (Integer.bitCount(mask) == size) {
                List<Integer> s = new ArrayList<>();
                for (int i = 0; i < X.length; i++) {
                    if ((mask & (1 << i)) != 0) {
                        s.add(i);
                    }
                }
                out.add(s);
            }
        }
        return out;
    }

    /** Identifies which subset of the expected size each step used, by matching theta' = theta - lr grad_S. */
    private static List<List<Integer>> batchesUsed(Trajectory t, int[] sizes) {
        List<List<Integer>> used = new ArrayList<>();
        for (int k = 0; k + 1 < t.size(); k++) {
            List<Integer> found = null;
            for (List<Integer> s : subsets(sizes[k])) {
                double[] g = subsetGradient(s, t.theta1(k), t.theta2(k));
                if (Math.abs(t.theta1(k) - 0.05 * g[0] - t.theta1(k + 1)) < 1e-12
                        && Math.abs(t.theta2(k) - 0.05 * g[1] - t.theta2(k + 1)) < 1e-12) {
                    assertEquals(null, found, "two subsets explain step " + (k + 1));
                    found = s;
                }
            }
            assertTrue(found != null, "no subset of size " + sizes[k] + " explains step " + (k + 1));
            used.add(found);
        }
        return used;
    }

    @Test
    void batchesOfOneVisitEveryPointOncePerEpoch() {
        Trajectory t = run(1, 3, 10).trajectory();
        List<List<Integer>> used = batchesUsed(t, new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
        for (int epoch = 0; epoch < 2; epoch++) {
            boolean[] seen = new boolean[X.length];
            for (int k = 0; k < X.length; k++) {
                int i = used.get(epoch * X.length + k).get(0);
                assertFalse(seen[i], "point " + i + " twice in epoch " + epoch);
                seen[i] = true;
            }
        }
    }

    @Test
    void anEpochOfFiveInBatchesOfTwoIsTwoTwoOne() {
        Trajectory t = run(2, 11, 6).trajectory();
        List<List<Integer>> used = batchesUsed(t, new int[] {2, 2, 1, 2, 2, 1});
        for (int epoch = 0; epoch < 2; epoch++) {
            boolean[] seen = new boolean[X.length];
            for (int k = 0; k < 3; k++) {
                for (int i : used.get(epoch * 3 + k)) {
                    assertFalse(seen[i]);
                    seen[i] = true;
                }
            }
        }
    }

    @Test
    void recordedLossIsTheFullLoss() {
        Trajectory t = run(1, 5, 3).trajectory();
        LinearRegressionProblem p = LinearRegressionProblem.mse(X, Y);
        for (int k = 0; k < t.size(); k++) {
            double sum = 0;
            for (int i = 0; i < X.length; i++) {
                double r = t.theta1(k) * X[i] + t.theta2(k) - Y[i];
                sum += r * r;
            }
            assertEquals(sum / X.length, t.loss(k), 1e-14);
        }
        assertEquals(5, p.size());
    }
}
