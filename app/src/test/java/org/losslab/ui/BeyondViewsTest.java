package org.losslab.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.losslab.ui.beyond.BoxesView;
import org.losslab.ui.beyond.EmbeddingView;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The boxes and embeddings views used with the mouse, headless: dragging the predicted box changes the IoU and GIoU
 * read-outs to the values computed here from the box coordinates; with the boxes apart a descent step on the IoU
 * loss does not move the box while one on GIoU moves it toward the target; dragging an embedding point changes the
 * triplet loss to the value written out here.
 */
@ExtendWith(ApplicationExtension.class)
class BeyondViewsTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow();
        stage.setScene(LossLabApp.createScene(window));
        stage.show();
    }

    /** IoU of two boxes (x1, y1, x2, y2), written out. */
    private static double iou(double[] a, double[] b) {
        double iw = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
        double ih = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
        double inter = iw * ih;
        double union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
        return inter / union;
    }

    /** GIoU, written out: IoU minus the empty share of the smallest enclosing box. */
    private static double giou(double[] a, double[] b) {
        double iw = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
        double ih = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
        double inter = iw * ih;
        double union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
        double c = (Math.max(a[2], b[2]) - Math.min(a[0], b[0])) * (Math.max(a[3], b[3]) - Math.min(a[1], b[1]));
        return inter / union - (c - union) / c;
    }

    private Point2D screen(BoxesView v, double x, double y) {
        Bounds b = v.canvas().localToScreen(v.canvas().getBoundsInLocal());
        return new Point2D(b.getMinX() + v.toX(x), b.getMinY() + v.toY(y));
    }

    private static double readNumber(String text) {
        return Double.parseDouble(text.substring(text.lastIndexOf('=') + 1).trim());
    }

    @Test
    void draggingThePredictedBoxUpdatesIouAndGiouReadOuts(FxRobot robot) {
        BoxesView v = window.boxesView();
        robot.interact(() -> window.showView(v));
        robot.interact(() -> v.setBoxes(new double[] {4, 3, 8, 7}, new double[] {1, 1, 3, 3}));
        WaitForAsyncUtils.waitForFxEvents();
        double[] before = v.predicted();
        // Press inside the predicted box and drag it by (+2.5, +1.5) in world units.
        robot.drag(screen(v, 2, 2), MouseButton.PRIMARY).moveTo(screen(v, 3, 2.5)).moveTo(screen(v, 4.5, 3.5))
                .release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        double[] after = v.predicted();
        assertEquals(before[2] - before[0], after[2] - after[0], 1e-9, "a move keeps the width");
        assertEquals(2.5, after[0] - before[0], 0.05, "moved right by the drag");
        assertEquals(1.5, after[1] - before[1], 0.05, "moved up by the drag");
        double[] t = v.target();
        double expectedIou = iou(after, t);
        assertTrue(expectedIou > 0.05, "the boxes overlap after the drag: " + expectedIou);
        String iouText = robot.lookup("#boxes-iou-value").queryAs(Label.class).getText();
        String giouText = robot.lookup("#boxes-giou-value").queryAs(Label.class).getText();
        assertEquals(expectedIou, readNumber(iouText), 5e-5, iouText);
        assertEquals(giou(after, t), readNumber(giouText), 5e-5, giouText);
        String lossText = robot.lookup("#boxes-loss-value").queryAs(Label.class).getText();
        assertEquals(1 - giou(after, t), readNumber(lossText), 5e-5, lossText);
    }

    @Test
    void resizingAnEdgeMovesOnlyThatEdge(FxRobot robot) {
        BoxesView v = window.boxesView();
        robot.interact(() -> window.showView(v));
        robot.interact(() -> v.setBoxes(new double[] {5, 5, 9, 9}, new double[] {1, 1, 4, 4}));
        WaitForAsyncUtils.waitForFxEvents();
        // Grab the right edge of the predicted box at mid-height and pull it to x = 6.
        robot.drag(screen(v, 4, 2.5), MouseButton.PRIMARY).moveTo(screen(v, 5, 2.5)).moveTo(screen(v, 6, 2.5))
                .release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        double[] p = v.predicted();
        assertEquals(1, p[0], 1e-9);
        assertEquals(1, p[1], 1e-9);
        assertEquals(6, p[2], 0.05);
        assertEquals(4, p[3], 1e-9);
        String iouText = robot.lookup("#boxes-iou-value").queryAs(Label.class).getText();
        assertEquals(iou(p, v.target()), readNumber(iouText), 5e-5);
    }

    @Test
    void apartIouGivesNoSignalWhileGiouPullsTowardTheTarget(FxRobot robot) {
        BoxesView v = window.boxesView();
        double[] target = {6, 6, 9, 9};
        double[] start = {1, 1, 3, 3};
        robot.interact(() -> {
            window.showView(v);
            v.setBoxes(target, start);
            robot.lookup("#boxes-iou").queryAs(javafx.scene.control.ToggleButton.class).setSelected(true);
            v.step();
        });
        assertArrayEquals(start, v.predicted(), 0.0, "IoU loss: no overlap, zero gradient, the box stays");
        assertTrue(robot.lookup("#boxes-status").queryAs(Label.class).getText().contains("gradient is 0"));
        robot.interact(() -> {
            robot.lookup("#boxes-giou").queryAs(javafx.scene.control.ToggleButton.class).setSelected(true);
            for (int i = 0; i < 20; i++) {
                v.step();
            }
        });
        double[] p = v.predicted();
        double cx = (p[0] + p[2]) / 2;
        double cy = (p[1] + p[3]) / 2;
        assertTrue(cx > 2.05 && cy > 2.05, "GIoU moved the box's centre toward the target: " + cx + ", " + cy);
        assertTrue(giou(p, target) > giou(start, target), "and raised the GIoU");
    }

    @Test
    void draggingAnEmbeddingPointChangesTheTripletLossAsWrittenOut(FxRobot robot) {
        EmbeddingView v = window.embeddingView();
        robot.interact(() -> {
            window.showView(v);
            v.setTriplet(true);
        });
        WaitForAsyncUtils.waitForFxEvents();
        double[][] pts = v.points();
        // Drag the first negative (index 3) next to the anchor.
        Bounds b = v.canvas().localToScreen(v.canvas().getBoundsInLocal());
        Point2D from = new Point2D(b.getMinX() + v.toX(pts[3][0]), b.getMinY() + v.toY(pts[3][1]));
        Point2D to = new Point2D(b.getMinX() + v.toX(0.3), b.getMinY() + v.toY(0.2));
        robot.drag(from, MouseButton.PRIMARY).moveTo(to).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        double[][] after = v.points();
        assertEquals(0.3, after[3][0], 0.03);
        assertEquals(0.2, after[3][1], 0.03);
        // Mean over positive-negative pairs of max(0, |a - p + eps| - |a - n + eps| + m), PyTorch's eps = 1e-6.
        double sum = 0;
        int terms = 0;
        for (int p = 1; p < after.length; p++) {
            for (int n = 1; n < after.length; n++) {
                if (v.isPositive(p) && !v.isPositive(n)) {
                    double dp = Math.hypot(after[0][0] - after[p][0] + 1e-6, after[0][1] - after[p][1] + 1e-6);
                    double dn = Math.hypot(after[0][0] - after[n][0] + 1e-6, after[0][1] - after[n][1] + 1e-6);
                    sum += Math.max(0, dp - dn + v.margin());
                    terms++;
                }
            }
        }
        assertEquals(6, terms, "two positives times three negatives");
        String shown = v.lossText();
        assertEquals(String.format(Locale.ROOT, "%.4f", sum / terms), shown.substring(shown.lastIndexOf('=') + 1)
                .trim(), shown);
    }

    @Test
    void glossaryRendersEveryLossFormulaAndOpensItsView(FxRobot robot) {
        org.losslab.ui.glossary.GlossaryView g = window.glossaryView();
        robot.interact(() -> window.showView(g));
        for (org.losslab.kernel.LossDefinition d : org.losslab.kernel.Losses.all()) {
            robot.interact(() -> g.select(d.id()));
            javafx.scene.image.Image img = g.formulaView().getImage();
            assertTrue(img != null && img.getWidth() > 40 && img.getHeight() > 10, "a formula image for " + d.id());
            int dark = 0;
            javafx.scene.image.PixelReader r = img.getPixelReader();
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    int argb = r.getArgb(x, y);
                    if ((argb >>> 24) > 128 && (argb & 0xFF) < 100) {
                        dark++;
                    }
                }
            }
            assertTrue(dark > 30, "the formula of " + d.id() + " is drawn (" + dark + " dark pixels)");
            assertTrue(g.misleadsText().length() > 20, "when " + d.id() + " misleads");
        }
        robot.interact(() -> {
            g.select("giou");
            robot.lookup("#glossary-open").queryAs(javafx.scene.control.Button.class).fire();
        });
        assertTrue(window.workspace().getSelectionModel().getSelectedItem().getContent() == window.boxesView());
    }

    @Test
    void nextTokenCrossEntropyAndPerplexityAsWrittenOut(FxRobot robot) {
        org.losslab.ui.beyond.NextTokenView v = window.nextTokenView();
        double[] z = {1.5, 0.5, -0.5, 2.0, -3.0};
        robot.interact(() -> {
            window.showView(v);
            for (int k = 0; k < z.length; k++) {
                v.logit(k).setValue(z[k]);
            }
        });
        double lse = 0;
        for (double x : z) {
            lse += Math.exp(x);
        }
        double ce = Math.log(lse) - z[0];
        assertTrue(v.singleText().contains(String.format(Locale.ROOT, "%.4f nats", ce)), v.singleText());
        assertTrue(v.singleText().contains(String.format(Locale.ROOT, "perplexity = exp(CE) = %.3f", Math.exp(ce))),
                v.singleText());
        double[] p = {0.5, 0.25, 0.125, 0.5, 1.0};
        robot.interact(() -> {
            for (int t = 0; t < p.length; t++) {
                v.tokenProbability(t).setValue(p[t]);
            }
        });
        // Mean of -log p: (log 2 + 2 log 2 + 3 log 2 + log 2 + 0) / 5 = 7 log 2 / 5; perplexity 2^(7/5).
        assertTrue(v.sequenceText().contains(String.format(Locale.ROOT, "%.4f nats", 7 * Math.log(2) / 5)),
                v.sequenceText());
        assertTrue(v.sequenceText().contains(String.format(Locale.ROOT, "= %.3f", Math.pow(2, 1.4))),
                v.sequenceText());
    }

    @Test
    void preferenceAxisPlotsDpoForSeveralBetasAsWrittenOut(FxRobot robot) throws Exception {
        org.losslab.ui.curves.LossCurvesView v = window.curvesView();
        robot.interact(() -> {
            window.showView(v);
            robot.lookup("#axis-preference").queryAs(javafx.scene.control.ToggleButton.class).setSelected(true);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> v.drawnRevision() == v.model().revisionProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        org.jfree.data.xy.XYDataset d = v.dataset();
        int found = 0;
        for (int s = 0; s < d.getSeriesCount(); s++) {
            String key = d.getSeriesKey(s).toString();
            double beta;
            if (key.startsWith("dpo β = ")) {
                beta = Double.parseDouble(key.substring("dpo β = ".length()));
            } else if (key.toLowerCase(Locale.ROOT).startsWith("dpo")) {
                beta = 0.1;
            } else {
                continue;
            }
            found++;
            for (int i = 0; i < d.getItemCount(s); i += 37) {
                double delta = d.getXValue(s, i);
                // -log sigmoid(beta delta) = log(1 + exp(-beta delta)), written out.
                assertEquals(Math.log1p(Math.exp(-beta * delta)), d.getYValue(s, i), 1e-12, key + " at " + delta);
            }
        }
        assertTrue(found >= 5, "dpo at its own beta and at four compared betas: " + found);
    }
}
