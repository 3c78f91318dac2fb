package org.losslab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.losslab.problem.Problem;
import org.losslab.surface.SurfaceGrid;
import org.losslab.ui.classify.ClassifyCanvas;
import org.losslab.ui.classify.ClassifyModel;
import org.losslab.ui.classify.ClassifyView;
import org.losslab.ui.classify.MseVsBceView;
import org.losslab.ui.landscape.SurfaceView;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The classification view used as a user would, headless: clicks add points of the chosen class, steps of gradient
 * descent move the parameters exactly as the update written out here, the metrics and the confusion matrix match
 * counts made here, the imbalance lesson shows three boundaries with weighted BCE recalling more of the rare class,
 * a slice goes to the surface view with the right values, and the MSE-against-BCE lesson shows a non-convex surface
 * beside a convex one.
 */
@ExtendWith(ApplicationExtension.class)
class ClassifyViewTest {
    private ClassifyView view;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow();
        view = window.classifyView();
        window.showView(view);
        stage.setScene(LossLabApp.createScene(window));
        stage.show();
    }

    private Point2D screen(double x1, double x2) {
        ClassifyCanvas c = view.canvas();
        Bounds b = c.localToScreen(c.getBoundsInLocal());
        return new Point2D(b.getMinX() + c.toX(x1), b.getMinY() + c.toY(x2));
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** Mean binary cross-entropy on logits, written out: mean of log(1 + e^z) - y z, and its gradient. */
    private static double bceAndGradient(ClassifyModel.Snapshot s, double[] t, double[] g) {
        double sum = 0;
        g[0] = 0;
        g[1] = 0;
        g[2] = 0;
        int n = s.size();
        for (int i = 0; i < n; i++) {
            double z = t[0] * s.x1()[i] + t[1] * s.x2()[i] + t[2];
            double y = s.labels()[i];
            sum += Math.log1p(Math.exp(z)) - y * z;
            double d = sigmoid(z) - y;
            g[0] += d * s.x1()[i] / n;
            g[1] += d * s.x2()[i] / n;
            g[2] += d / n;
        }
        return sum / n;
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static String pct(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", 100 * v);
    }

    @Test
    void clicksAddPointsOfTheChosenClassAndUndoRemovesThem(FxRobot robot) {
        int before = view.model().size();
        robot.interact(() -> robot.lookup("#add-class-B").queryAs(javafx.scene.control.ToggleButton.class)
                .setSelected(true));
        Bounds vb = null;
        org.losslab.problem.Bounds w = view.canvas().view();
        double x1 = w.min1() + 0.23 * (w.max1() - w.min1());
        double x2 = w.min2() + 0.81 * (w.max2() - w.min2());
        robot.clickOn(screen(x1, x2));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before + 1, view.model().size());
        int last = view.model().size() - 1;
        assertEquals(1, view.model().label(last), "the point has the chosen class B");
        double tol = 2 * (w.max1() - w.min1()) / view.canvas().getWidth();
        assertEquals(x1, view.model().x1(last), tol);
        assertEquals(x2, view.model().x2(last), 2 * (w.max2() - w.min2()) / view.canvas().getHeight());
        robot.interact(() -> view.model().undo());
        assertEquals(before, view.model().size());
    }

    @Test
    void stepsFollowGradientDescentOnBceWrittenOutAndMetricsMatchHandCounts(FxRobot robot) {
        ClassifyModel.Snapshot s = view.model().snapshot();
        double[] t = view.theta();
        double lr = 0.5;
        robot.interact(() -> view.learningRateControl().setRate(lr));
        Button stepButton = robot.lookup("#classify-step").queryAs(Button.class);
        double[] g = new double[3];
        for (int k = 0; k < 7; k++) {
            robot.interact(stepButton::fire);
            bceAndGradient(s, t, g);
            for (int i = 0; i < 3; i++) {
                t[i] -= lr * g[i];
            }
        }
        WaitForAsyncUtils.waitForFxEvents();
        double[] shown = view.theta();
        for (int i = 0; i < 3; i++) {
            assertEquals(t[i], shown[i], 1e-12 * (1 + Math.abs(t[i])), "theta[" + i + "] after 7 steps");
        }
        // Hand counts: predicted B where z > 0; B is the positive class.
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        for (int i = 0; i < s.size(); i++) {
            boolean predB = t[0] * s.x1()[i] + t[1] * s.x2()[i] + t[2] > 0;
            boolean isB = s.labels()[i] == 1;
            if (predB && isB) {
                tp++;
            } else if (predB) {
                fp++;
            } else if (isB) {
                fn++;
            } else {
                tn++;
            }
        }
        robot.interact(() -> { });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(pct((tp + tn) / (double) s.size()), text(robot, "#metric-accuracy"));
        assertEquals(pct(tp / (double) (tp + fn)), text(robot, "#metric-recall"));
        assertEquals(tp + fp == 0 ? "—" : pct(tp / (double) (tp + fp)), text(robot, "#metric-precision"));
        assertEquals(Integer.toString(tn), text(robot, "#cm-0-0"));
        assertEquals(Integer.toString(fp), text(robot, "#cm-0-1"));
        assertEquals(Integer.toString(fn), text(robot, "#cm-1-0"));
        assertEquals(Integer.toString(tp), text(robot, "#cm-1-1"));
        String readout = text(robot, "#classify-readout");
        double[] g2 = new double[3];
        double loss = bceAndGradient(s, t, g2);
        assertTrue(readout.contains(String.format(java.util.Locale.ROOT, "loss %.4f", loss)), readout);
        assertTrue(readout.startsWith("step 7"), readout);
    }

    @Test
    void aCustomLossTypedAsCrossEntropyOfPGivesTheBceLoss(FxRobot robot) {
        ClassifyModel.Snapshot s = view.model().snapshot();
        robot.interact(() -> {
            String key = window.customLosses().add("-(y*log(p) + (1-y)*log(1-p))").key();
            view.lossChoice().setValue(key);
        });
        assertTrue(view.lossChoice().getItems().stream().anyMatch(CustomLosses::isKey), "offered in the choice");
        double[] t = view.theta();
        double expected = bceAndGradient(s, t, new double[3]);
        assertEquals(expected, view.currentModel().value(t), 1e-12);
        String readout = text(robot, "#classify-readout");
        assertTrue(readout.contains(String.format(java.util.Locale.ROOT, "loss %.4f", expected)), readout);
        // Removing the loss in use falls back to bce_logits.
        robot.interact(() -> window.customLosses().remove(view.lossChoice().getValue()));
        assertEquals("bce_logits", view.lossChoice().getValue());
    }

    @Test
    void playStepsByElapsedTimeAndPauseStops(FxRobot robot) throws Exception {
        robot.interact(() -> view.setPlayingForTest(true));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> text(robot, "#classify-readout").matches("(?s)step ([6-9]|[1-9][0-9]+) .*"));
        robot.interact(() -> view.setPlayingForTest(false));
        String paused = text(robot, "#classify-readout");
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(paused, text(robot, "#classify-readout"), "no step after pause");
        assertFalse(view.isPlaying());
    }

    @Test
    void imbalanceLessonShowsThreeBoundariesAndWeightingRaisesMinorityRecall(FxRobot robot) throws Exception {
        robot.interact(view::loadImbalancedLesson);
        ClassifyModel.Snapshot s = view.model().snapshot();
        assertEquals(400, s.size());
        assertEquals(20, s.count(1), "5% of the points are of class B");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> view.canvas().lines().size() >= 4);
        long labelled = view.canvas().lines().stream().filter(l -> l.width() == 3.0).count();
        assertEquals(3, labelled, "three fitted boundaries: BCE, weighted BCE, focal");
        double recallBce = Double.parseDouble(text(robot, "#compare-recall-0").replace("%", ""));
        double recallWeighted = Double.parseDouble(text(robot, "#compare-recall-1").replace("%", ""));
        assertTrue(recallWeighted > recallBce + 10, "weighted BCE recalls clearly more of class B: " + recallWeighted
                + "% against " + recallBce + "%");
        // Each drawn line is the boundary of its fit: recount the recall from the line itself.
        ClassifyCanvas.Line bce = view.canvas().lines().get(0);
        int tp = 0;
        for (int i = 0; i < s.size(); i++) {
            if (s.labels()[i] == 1 && bce.w1() * s.x1()[i] + bce.w2() * s.x2()[i] + bce.b() > 0) {
                tp++;
            }
        }
        assertEquals(100.0 * tp / 20, recallBce, 0.05);
    }

    @Test
    void sliceGoesToTheSurfaceViewWithTheOtherParametersHeld(FxRobot robot) throws Exception {
        ClassifyModel.Snapshot s = view.model().snapshot();
        robot.interact(() -> robot.lookup("#classify-step").queryAs(Button.class).fire());
        double[] t = view.theta();
        robot.interact(() -> robot.lookup("#show-slice").queryAs(Button.class).fire());
        SurfaceView surface = window.surfaceView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> surface.shownGrid() != null
                && surface.shownGrid().isComplete() && surface.problem() != null
                && surface.problem().id().equals("slice"));
        Problem p = surface.problem();
        assertEquals("w1", p.parameterNames()[0]);
        assertEquals("b", p.parameterNames()[1]);
        // The slice at (w1, b) = (0.7, -0.4) with w2 held at its value: bce written out.
        double[] at = {0.7, t[1], -0.4};
        assertEquals(bceAndGradient(s, at, new double[3]), p.value(0.7, -0.4), 1e-12);
        SurfaceGrid grid = surface.shownGrid();
        int i = grid.nx() / 3;
        int j = grid.ny() / 2;
        double[] cell = {grid.theta1(i), t[1], grid.theta2(j)};
        assertEquals(bceAndGradient(s, cell, new double[3]), grid.value(i, j), 1e-9);
        assertTrue(window.workspace().getSelectionModel().getSelectedItem().getContent() == surface);
        assertTrue(robot.lookup(".label").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText() != null && l.getText().contains("held at their current values")),
                "the view says which parameters are held");
    }

    @Test
    void threeClassModeStepsSoftmaxCrossEntropyAsWrittenOut(FxRobot robot) {
        robot.interact(() -> view.threeClassesButton().setSelected(true));
        ClassifyModel.Snapshot s = view.model().snapshot();
        assertEquals(3, s.classes());
        double[] t = view.theta();
        assertEquals(9, t.length);
        double lr = 0.3;
        robot.interact(() -> view.learningRateControl().setRate(lr));
        for (int step = 0; step < 4; step++) {
            robot.interact(view::step);
            double[] g = new double[9];
            int n = s.size();
            for (int i = 0; i < n; i++) {
                double[] z = new double[3];
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < 3; k++) {
                    z[k] = t[3 * k] * s.x1()[i] + t[3 * k + 1] * s.x2()[i] + t[3 * k + 2];
                    max = Math.max(max, z[k]);
                }
                double sum = 0;
                for (int k = 0; k < 3; k++) {
                    sum += Math.exp(z[k] - max);
                }
                for (int k = 0; k < 3; k++) {
                    double d = Math.exp(z[k] - max) / sum - (s.labels()[i] == k ? 1 : 0);
                    g[3 * k] += d * s.x1()[i] / n;
                    g[3 * k + 1] += d * s.x2()[i] / n;
                    g[3 * k + 2] += d / n;
                }
            }
            for (int k = 0; k < 9; k++) {
                t[k] -= lr * g[k];
            }
        }
        double[] shown = view.theta();
        for (int k = 0; k < 9; k++) {
            assertEquals(t[k], shown[k], 1e-12, "theta[" + k + "]");
        }
        assertNotNull(robot.lookup("#cm-2-2").tryQuery().orElse(null), "a 3 × 3 confusion matrix is shown");
    }

    @Test
    void mseAgainstBceLessonShowsAPlateauBesideABowl(FxRobot robot) throws Exception {
        MseVsBceView[] lesson = new MseVsBceView[1];
        robot.interact(() -> lesson[0] = window.openMseVsBce());
        MseVsBceView l = lesson[0];
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !text(robot, "#lesson-bce-result").isEmpty());
        org.losslab.lesson.Datasets.XY d = org.losslab.lesson.Datasets.twoClasses(20, 20, 0.9, 7);
        // Values against the formulas written out.
        double w = 1.3;
        double b = -0.7;
        double mse = 0;
        double bce = 0;
        for (int i = 0; i < d.size(); i++) {
            double z = w * d.x()[i] + b;
            double y = d.y()[i] == 1 ? 1 : 0;
            mse += Math.pow(sigmoid(z) - y, 2);
            bce += Math.log1p(Math.exp(z)) - y * z;
        }
        assertEquals(mse / d.size(), l.mseProblem().value(w, b), 1e-12);
        assertEquals(bce / d.size(), l.bceProblem().value(w, b), 1e-12);
        // Convexity along segments: BCE never lies above its chords; MSE does somewhere.
        java.util.Random r = new java.util.Random(3);
        boolean mseNonConvex = false;
        org.losslab.problem.Bounds v = l.bceSurface().view();
        for (int k = 0; k < 4000; k++) {
            double a1 = v.min1() + r.nextDouble() * (v.max1() - v.min1());
            double a2 = v.min2() + r.nextDouble() * (v.max2() - v.min2());
            double c1 = v.min1() + r.nextDouble() * (v.max1() - v.min1());
            double c2 = v.min2() + r.nextDouble() * (v.max2() - v.min2());
            double mid = l.bceProblem().value((a1 + c1) / 2, (a2 + c2) / 2);
            double chord = (l.bceProblem().value(a1, a2) + l.bceProblem().value(c1, c2)) / 2;
            assertTrue(mid <= chord + 1e-12, "bce is convex");
            if (l.mseProblem().value((a1 + c1) / 2, (a2 + c2) / 2)
                    > (l.mseProblem().value(a1, a2) + l.mseProblem().value(c1, c2)) / 2 + 1e-6) {
                mseNonConvex = true;
            }
        }
        assertTrue(mseNonConvex, "MSE on the sigmoid lies above a chord somewhere: not convex");
        assertFalse(l.mseSurface().paths().isEmpty(), "the descent from the start is drawn");
    }
}
