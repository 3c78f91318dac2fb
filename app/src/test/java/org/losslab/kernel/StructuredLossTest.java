package org.losslab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.losslab.testkit.Trials;

/**
 * The losses beyond one prediction (contrastive, triplet, dpo, iou, giou) through the {@link Loss} interface:
 * every gradient entry against a central finite difference of the reduced value over seeded random cases away
 * from kinks, the batch mean against the single-item static API, and finiteness.
 */
class StructuredLossTest {
    private static final double H = 1e-6;

    /** Every gradient entry of the reduced loss against (f(x + h) − f(x − h)) / 2h. */
    private static void assertGradientMatchesDifferences(Loss loss, double[] prediction, double[] target,
                                                         Shape shape, String what) {
        loss.check(prediction, target, shape);
        Evaluation result = loss.evaluate(prediction, target, shape);
        Approx.assertAllFinite(result.gradient(), what + " gradient");
        for (int i = 0; i < prediction.length; i++) {
            final int index = i;
            double fd = Approx.centralDifference(x -> {
                double[] moved = prediction.clone();
                moved[index] = x;
                return loss.evaluate(moved, target, shape, null, null);
            }, prediction[i], H);
            Approx.assertClose(fd, result.gradient()[i], 1e-5, 1e-8, what + " gradient[" + i + "]");
        }
        double sum = 0;
        for (double e : result.elements()) {
            sum += e;
        }
        Approx.assertClose(sum / shape.rows(), result.value(), 1e-14, 0, what + " mean of the elements");
    }

    @Test
    void contrastiveOnDistancesMatchesDifferences() {
        Trials.forAll(701, 200, r -> {
            double m = Trials.uniform(r, 0.2, 3);
            Loss loss = Contrastive.withMargin(m);
            int b = 1 + r.nextInt(4);
            double[] d = new double[b];
            double[] y = new double[b];
            for (int i = 0; i < b; i++) {
                y[i] = r.nextBoolean() ? 1 : 0;
                do {
                    d[i] = Trials.uniform(r, 0, 4);
                } while (Math.abs(d[i] - m) < 1e-3);
            }
            assertGradientMatchesDifferences(loss, d, y, Shape.vector(b), "contrastive m=" + m);
        });
    }

    @Test
    void contrastiveOnPointsMatchesDifferencesAndTheDistanceForm() {
        Trials.forAll(702, 200, r -> {
            double m = Trials.uniform(r, 0.2, 3);
            Contrastive loss = Contrastive.withMargin(m);
            int b = 1 + r.nextInt(3);
            int k = 1 + r.nextInt(4);
            double[] points = new double[b * 2 * k];
            double[] y = new double[b];
            for (int row = 0; row < b; row++) {
                y[row] = r.nextBoolean() ? 1 : 0;
                double d;
                do {
                    for (int j = 0; j < 2 * k; j++) {
                        points[row * 2 * k + j] = Trials.uniform(r, -2, 2);
                    }
                    d = Contrastive.distance(slice(points, row * 2 * k, k), slice(points, row * 2 * k + k, k));
                } while (d < 0.05 || Math.abs(d - m) < 1e-3);
            }
            Shape shape = new Shape(b, 2 * k);
            assertGradientMatchesDifferences(loss, points, y, shape, "contrastive points");
            Evaluation result = loss.evaluate(points, y, shape);
            for (int row = 0; row < b; row++) {
                double[] x1 = slice(points, row * 2 * k, k);
                double[] x2 = slice(points, row * 2 * k + k, k);
                double[] g1 = new double[k];
                double[] g2 = new double[k];
                double single = Contrastive.loss(x1, x2, y[row], m, g1, g2);
                // the points form is the distance form at the Euclidean distance, computed independently here
                double d = 0;
                for (int j = 0; j < k; j++) {
                    d += (x1[j] - x2[j]) * (x1[j] - x2[j]);
                }
                d = Math.sqrt(d);
                Approx.assertClose(Contrastive.loss(d, y[row], m), single, 1e-13, 0, "points = distance form");
                Approx.assertClose(single, result.elements()[row], 1e-15, 0, "element " + row);
                for (int j = 0; j < k; j++) {
                    Approx.assertClose(g1[j] / b, result.gradient()[row * 2 * k + j], 1e-14, 1e-300, "g1");
                    assertEquals(-g1[j], g2[j], 0.0, "g2 = −g1");
                }
            }
        });
    }

    @Test
    void tripletMatchesDifferencesAwayFromTheHingeAndFromZeroDistances() {
        AtomicInteger active = new AtomicInteger();
        Trials.forAll(703, 300, r -> {
            double m = Trials.uniform(r, 0, 2);
            double eps = Trials.oneOfDoubles(r, 0, 1e-6, 0.01);
            Triplet loss = Triplet.of(m, eps);
            int b = 1 + r.nextInt(3);
            int k = 1 + r.nextInt(4);
            double[] rows = new double[b * 3 * k];
            for (int row = 0; row < b; row++) {
                double[] a;
                double[] p;
                double[] n;
                double h;
                do {
                    for (int j = 0; j < 3 * k; j++) {
                        rows[row * 3 * k + j] = Trials.uniform(r, -2, 2);
                    }
                    a = slice(rows, row * 3 * k, k);
                    p = slice(rows, row * 3 * k + k, k);
                    n = slice(rows, row * 3 * k + 2 * k, k);
                    h = Triplet.distance(a, p, eps) - Triplet.distance(a, n, eps) + m;
                } while (Math.abs(h) < 1e-3 || Triplet.distance(a, p, eps) < 0.05
                        || Triplet.distance(a, n, eps) < 0.05);
                if (h > 0) {
                    active.incrementAndGet();
                }
            }
            Shape shape = new Shape(b, 3 * k);
            assertGradientMatchesDifferences(loss, rows, new double[0], shape, "triplet");
            Evaluation result = loss.evaluate(rows, new double[0], shape);
            for (int row = 0; row < b; row++) {
                double[] ga = new double[k];
                double[] gp = new double[k];
                double[] gn = new double[k];
                double single = Triplet.loss(slice(rows, row * 3 * k, k), slice(rows, row * 3 * k + k, k),
                        slice(rows, row * 3 * k + 2 * k, k), m, eps, ga, gp, gn);
                assertEquals(single, result.elements()[row], 0.0);
                for (int j = 0; j < k; j++) {
                    Approx.assertClose(ga[j] / b, result.gradient()[row * 3 * k + j], 1e-14, 1e-15, "ga");
                    Approx.assertClose(gp[j] / b, result.gradient()[row * 3 * k + k + j], 1e-14, 1e-15, "gp");
                    Approx.assertClose(gn[j] / b, result.gradient()[row * 3 * k + 2 * k + j], 1e-14, 1e-15, "gn");
                }
            }
        });
        assertTrue(active.get() > 100, "both sides of the hinge are exercised: " + active.get() + " active");
    }

    @Test
    void dpoMatchesDifferencesForDeltasAndForLogProbabilities() {
        Trials.forAll(704, 200, r -> {
            double beta = Math.exp(Trials.uniform(r, Math.log(0.01), Math.log(5)));
            Dpo loss = Dpo.withBeta(beta);
            int b = 1 + r.nextInt(4);
            double[] deltas = new double[b];
            double[] logps = new double[4 * b];
            for (int i = 0; i < b; i++) {
                deltas[i] = Trials.uniform(r, -20, 20);
                for (int j = 0; j < 4; j++) {
                    logps[4 * i + j] = Trials.uniform(r, -30, -0.01);
                }
            }
            assertGradientMatchesDifferences(loss, deltas, new double[0], Shape.vector(b), "dpo delta");
            assertGradientMatchesDifferences(loss, logps, new double[0], new Shape(b, 4), "dpo log-probs");
            for (int i = 0; i < b; i++) {
                double delta = deltas[i];
                double fd = Approx.centralDifference(x -> Dpo.dLoss(x, beta), delta, 1e-5);
                Approx.assertClose(fd, Dpo.d2Loss(delta, beta), 1e-5, 1e-10, "d2 at " + delta);
                // the softplus form equals −log σ(βΔ) computed directly where that is safe
                double direct = -Math.log(1.0 / (1.0 + Math.exp(-beta * delta)));
                Approx.assertClose(direct, Dpo.loss(delta, beta), 1e-12, 1e-15, "−log σ");
            }
        });
    }

    @Test
    void iouAndGiouMatchDifferencesAwayFromSwitchesOfMaxAndMin() {
        AtomicInteger disjoint = new AtomicInteger();
        AtomicInteger inside = new AtomicInteger();
        Trials.forAll(705, 400, r -> {
            boolean generalized = r.nextBoolean();
            double eps = Trials.oneOfDoubles(r, 0, 1e-7, 0.05);
            Loss loss = (generalized ? BoxIou.GIOU : BoxIou.IOU).create(java.util.Map.of("eps", eps));
            int b = 1 + r.nextInt(3);
            double[] pred = new double[4 * b];
            double[] target = new double[4 * b];
            for (int row = 0; row < b; row++) {
                do {
                    randomBox(r, pred, row);
                    randomBox(r, target, row);
                } while (nearASwitch(pred, target, row));
                double[] areas = BoxIou.areas(slice(pred, 4 * row, 4), slice(target, 4 * row, 4));
                if (areas[0] == 0) {
                    disjoint.incrementAndGet();
                }
                if (areas[2] == areas[1]) {
                    inside.incrementAndGet();
                }
            }
            Shape shape = new Shape(b, 4);
            assertGradientMatchesDifferences(loss, pred, target, shape, loss.spec());
            Evaluation result = loss.evaluate(pred, target, shape);
            for (int row = 0; row < b; row++) {
                double[] g = new double[4];
                double single = BoxIou.loss(slice(pred, 4 * row, 4), slice(target, 4 * row, 4), generalized,
                        eps, g);
                assertEquals(single, result.elements()[row], 0.0);
                double bound = generalized ? 2 : 1;
                assertTrue(single >= 0 && single <= bound, "loss in [0, " + bound + "]: " + single);
            }
        });
        assertTrue(disjoint.get() > 30, "disjoint pairs exercised: " + disjoint.get());
        assertTrue(inside.get() > 10, "nested pairs exercised: " + inside.get());
    }

    @Test
    void structuredLossesHaveNoCurveAndAreNotClassificationLosses() {
        for (LossDefinition d : Losses.structured()) {
            Loss loss = d.createDefault();
            assertFalse(LossCurves.supports(loss, LossCurves.Axis.RESIDUAL), d.id());
            assertFalse(LossCurves.supports(loss, LossCurves.Axis.SCORE), d.id());
            assertFalse(Losses.classification().contains(d), d.id());
            assertFalse(Losses.regression().contains(d), d.id());
            assertEquals(d, Losses.parse(loss.spec()).definition(), "spec round trip " + loss.spec());
        }
        assertEquals(5, Losses.structured().size());
    }

    private static void randomBox(SplittableRandom r, double[] boxes, int row) {
        double x = Trials.uniform(r, -3, 3);
        double y = Trials.uniform(r, -3, 3);
        boxes[4 * row] = x;
        boxes[4 * row + 1] = y;
        boxes[4 * row + 2] = x + Trials.uniform(r, 0.1, 4);
        boxes[4 * row + 3] = y + Trials.uniform(r, 0.1, 4);
    }

    /** Whether an edge of one box is within 1e-3 of an edge of the other along the same axis. */
    private static boolean nearASwitch(double[] pred, double[] target, int row) {
        for (int axis = 0; axis < 2; axis++) {
            for (int i : new int[] {axis, axis + 2}) {
                for (int j : new int[] {axis, axis + 2}) {
                    if (Math.abs(pred[4 * row + i] - target[4 * row + j]) < 1e-3) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static double[] slice(double[] values, int from, int length) {
        double[] out = new double[length];
        System.arraycopy(values, from, out, 0, length);
        return out;
    }
}
