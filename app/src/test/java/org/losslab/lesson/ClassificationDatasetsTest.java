package org.losslab.lesson;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.losslab.kernel.ElementwiseLoss;
import org.losslab.kernel.Losses;
import org.losslab.problem.BinaryLinearClassifier;
import org.losslab.problem.ClassificationMetrics;
import org.losslab.problem.fit.ModelFit;

/** The seeded 2-D classification sets, and the point of the lesson "three boundaries" on the imbalanced one. */
class ClassificationDatasetsTest {

    @Test
    void sizesLabelsAndSeeds() {
        Datasets.Labeled2D d = Datasets.imbalanced2D(380, 20, 1);
        assertEquals(400, d.size());
        assertEquals(380, d.count(0));
        assertEquals(20, d.count(1));
        Datasets.Labeled2D again = Datasets.imbalanced2D(380, 20, 1);
        assertArrayEquals(d.x1(), again.x1(), 0.0);
        assertArrayEquals(d.x2(), again.x2(), 0.0);
        Datasets.Labeled2D b = Datasets.blobs2D(20, 3);
        assertEquals(40, b.size());
        assertEquals(20, b.count(1));
        Datasets.Labeled2D three = Datasets.blobs3(30, 4);
        assertEquals(90, three.size());
        for (int k = 0; k < 3; k++) {
            assertEquals(30, three.count(k));
        }
    }

    private static double[] fit(Datasets.Labeled2D d, String spec) {
        BinaryLinearClassifier c = new BinaryLinearClassifier(d.x1(), d.x2(), d.labels(),
                (ElementwiseLoss) Losses.parse(spec));
        double[] theta = ModelFit.minimize(c, c.defaultStart(), 200, 1e-10);
        double[] g = new double[3];
        c.gradient(theta, g);
        assertTrue(Math.abs(g[0]) + Math.abs(g[1]) + Math.abs(g[2]) < 1e-8, spec + " reached its minimum");
        return theta;
    }

    private static double minorityRecall(Datasets.Labeled2D d, double[] theta) {
        // counted here: minority points with w1 x1 + w2 x2 + b > 0
        int caught = 0;
        int total = 0;
        for (int i = 0; i < d.size(); i++) {
            if (d.labels()[i] == 1) {
                total++;
                caught += theta[0] * d.x1()[i] + theta[1] * d.x2()[i] + theta[2] > 0 ? 1 : 0;
            }
        }
        return (double) caught / total;
    }

    @Test
    void weightedBceCatchesTheMinorityThatPlainBceGivesUp() {
        for (long seed = 1; seed <= 4; seed++) {
            Datasets.Labeled2D d = Datasets.imbalanced2D(380, 20, seed);
            double plain = minorityRecall(d, fit(d, "bce_logits"));
            double weighted = minorityRecall(d, fit(d, "bce_logits:pos_weight=19"));
            double focal = minorityRecall(d, fit(d, "focal:gamma=2,alpha=0.75"));
            assertTrue(plain <= 0.35, "seed " + seed + ": plain BCE recall " + plain);
            assertTrue(weighted >= plain + 0.5, "seed " + seed + ": weighted " + weighted + " vs plain " + plain);
            assertTrue(focal > plain && focal < weighted, "seed " + seed + ": focal " + focal + " between "
                    + plain + " and " + weighted);
            // the model's own metrics agree with the count above
            BinaryLinearClassifier c = new BinaryLinearClassifier(d.x1(), d.x2(), d.labels(),
                    Losses.elementwise("bce_logits"));
            ClassificationMetrics m = c.metrics(fit(d, "bce_logits"));
            assertEquals(plain, m.recall(), 0.0);
        }
    }
}
