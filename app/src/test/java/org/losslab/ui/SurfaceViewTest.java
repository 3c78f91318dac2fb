package org.losslab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.losslab.optim.Run;
import org.losslab.optim.Trajectory;
import org.losslab.ui.descent.DescentModel;
import org.losslab.ui.landscape.SurfaceCanvas;
import org.losslab.ui.landscape.SurfaceView;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Surface view used as a user would, headless: a click on the heat map sets the start, keys step and play,
 * and the drawn trajectory is checked against gradient descent on Himmelblau's function computed here.
 */
@ExtendWith(ApplicationExtension.class)
class SurfaceViewTest {
    private SurfaceView view;

    @Start
    void start(Stage stage) {
        MainWindow window = new MainWindow();
        view = window.surfaceView();
        window.showView(view);
        stage.setScene(LossLabApp.createScene(window));
        stage.show();
    }

    /** Gradient of Himmelblau's (x^2 + y - 11)^2 + (x + y^2 - 7)^2, written out. */
    private static double[] himmelblauGrad(double x, double y) {
        double a = x * x + y - 11;
        double b = x + y * y - 7;
        return new double[] {4 * x * a + 2 * b, 2 * a + 4 * y * b};
    }

    private Point2D screenPoint(double t1, double t2) {
        SurfaceCanvas c = view.canvas();
        Bounds b = c.localToScreen(c.getBoundsInLocal());
        return new Point2D(b.getMinX() + c.toX(t1), b.getMinY() + c.toY(t2));
    }

    @Test
    void clickSetsTheStartAndSteppedTrajectoryMatchesHandComputedDescent(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.shownGrid() != null
                && view.shownGrid().isComplete());
        robot.clickOn(screenPoint(-1.0, 1.0));
        WaitForAsyncUtils.waitForFxEvents();
        DescentModel model = view.descent();
        double[] start = model.start();
        SurfaceCanvas c = view.canvas();
        // The start is where the click landed, to within a pixel.
        double pixel = (c.view().max1() - c.view().min1()) / c.getWidth();
        assertEquals(-1.0, start[0], 2 * pixel);
        assertEquals(1.0, start[1], 2 * pixel);

        for (int i = 0; i < 12; i++) {
            robot.type(KeyCode.RIGHT);
        }
        WaitForAsyncUtils.waitForFxEvents();
        DescentModel.Slot sgd = model.slots().get(0);
        Run run = sgd.run();
        assertEquals(12, run.steps());
        double lr = sgd.learningRate();
        double x = start[0];
        double y = start[1];
        Trajectory t = run.trajectory();
        for (int k = 1; k <= 12; k++) {
            double[] g = himmelblauGrad(x, y);
            x -= lr * g[0];
            y -= lr * g[1];
            assertEquals(x, t.theta1(k), 1e-12, "theta1 at step " + k);
            assertEquals(y, t.theta2(k), 1e-12, "theta2 at step " + k);
        }
        // What is drawn is that trajectory.
        WaitForAsyncUtils.waitForFxEvents();
        SurfaceCanvas.Path drawn = c.paths().get(0);
        assertEquals(13, drawn.count());
        assertEquals(x, drawn.t1()[12], 1e-12);
        assertEquals(y, drawn.t2()[12], 1e-12);
        // The loss chart shows the same losses.
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> view.lossChart().dataset().getSeriesCount() > 0
                && view.lossChart().dataset().getItemCount(0) == 13);
        double f = Math.pow(x * x + y - 11, 2) + Math.pow(x + y * y - 7, 2);
        assertEquals(f, view.lossChart().dataset().getYValue(0, 12), 1e-9);
    }

    @Test
    void runsThatKeepSteppingAreDrawnIncrementallyEvenWhenTheirDotsThinOut(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.shownGrid() != null
                && view.shownGrid().isComplete());
        // Small rates, as in the race benchmark: no run stops (a stopped run's message would resize the plot).
        robot.interact(() -> {
            view.descent().setLearningRate(0, 1e-4);
            view.descent().setLearningRate(1, 1e-3);
        });
        robot.clickOn(screenPoint(-1.0, 1.0));
        robot.interact(() -> view.descent().stepAll());
        waitForPulses(3);
        int before = view.canvas().trailFullRedraws();
        // 200 steps in frames of 10 cross the dot strides of 61 and 121 points (2 and then 4).
        for (int frame = 0; frame < 20; frame++) {
            robot.interact(() -> {
                for (int k = 0; k < 10; k++) {
                    view.descent().stepAll();
                }
            });
            waitForPulses(2);
        }
        assertEquals(before, view.canvas().trailFullRedraws(), "no frame drew the trajectories from scratch");
        assertEquals(202, view.canvas().paths().get(0).count());
        assertEquals(view.descent().slots().get(0).run().theta1(), view.canvas().paths().get(0).t1()[201], 0.0);
    }

    @Test
    void spacePlaysAndPausesAndRResets(FxRobot robot) throws Exception {
        robot.clickOn(screenPoint(0.5, 0.5));
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> view.descent().slots().get(0).run().steps() >= 5);
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(view.descent().playingProperty().get());
        int paused = view.descent().slots().get(0).run().steps();
        waitForPulses(12);
        assertEquals(paused, view.descent().slots().get(0).run().steps(), "paused runs do not move");
        robot.type(KeyCode.R);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, view.descent().slots().get(0).run().steps());
    }

    @Test
    void theThreeDViewExplainsItselfWhereThereIsNoThreeDAndItsMeshHoldsTheLoss(FxRobot robot) throws Exception {
        robot.clickOn("#mode-3d");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.view3d().mesh() != null);
        if (!view.view3d().isSupported()) {
            assertTrue(view.view3d().fallbackText().contains("graphics hardware"));
            assertTrue(robot.lookup("#fallback-3d").tryQuery().isPresent());
        }
        var mesh = view.view3d();
        assertNotNull(mesh.mesh());
        for (int[] ij : new int[][] {{0, 0}, {10, 40}, {50, 50}, {95, 95}, {70, 3}}) {
            double[] th = mesh.vertexTheta(ij[0], ij[1]);
            double f = Math.pow(th[0] * th[0] + th[1] - 11, 2) + Math.pow(th[0] + th[1] * th[1] - 7, 2);
            assertEquals(f, mesh.vertexValue(ij[0], ij[1]), 1e-3 * Math.max(1, f), "height at " + ij[0] + "," + ij[1]);
        }
    }

    @Test
    void onTheRavineTheSliderMarksTwoOverLAndARateJustAboveItDivergesWithAMessage(FxRobot robot) throws Exception {
        robot.interact(() -> view.selectProblem("ravine"));
        WaitForAsyncUtils.waitForFxEvents();
        // Ravine: 0.5 (u^2 + 25 v^2), so L = 25 and the stability limit 2/L = 0.08; the best rate 2/(1 + 25).
        var marks = view.learningRateControl().marks();
        assertEquals(0.08, marks.stream().filter(m -> m.label().equals("2/L")).findFirst().orElseThrow().rate(),
                1e-12);
        assertEquals(2.0 / 26, marks.stream().filter(m -> m.label().equals("best")).findFirst().orElseThrow().rate(),
                1e-12);
        // Bad typed rates are refused in place; the last valid one stays. (The field sits below the fold of the
        // sidebar in the small headless screen, so the text is entered as Enter would commit it.)
        javafx.scene.control.TextField field = view.learningRateControl().field();
        java.util.function.Consumer<String> type = text -> robot.interact(() -> {
            field.setText(text);
            field.getOnAction().handle(new javafx.event.ActionEvent());
        });
        type.accept("abc");
        assertTrue(view.learningRateControl().errorText().contains("'abc' is not a number"));
        type.accept("-1");
        assertTrue(view.learningRateControl().errorText().contains("must be a positive number"));
        assertEquals(0.01, view.descent().slots().get(0).learningRate(), 0.0);
        type.accept("0.085");
        assertEquals(0.085, view.descent().slots().get(0).learningRate(), 0.0);
        robot.interact(() -> {
            for (int k = 0; k < 400 && view.descent().anyRunning(); k++) {
                view.descent().stepAll();
            }
        });
        Run run = view.descent().slots().get(0).run();
        assertEquals(org.losslab.optim.RunStatus.DIVERGED, run.status());
        assertTrue(run.message().startsWith("diverged at step "), run.message());
        WaitForAsyncUtils.waitForFxEvents();
        String shown = robot.lookup("#run-readout-0").queryAs(javafx.scene.control.Label.class).getText();
        assertTrue(shown.contains("diverged at step"), shown);
        assertFalse(shown.contains("NaN"), shown);
    }

    @Test
    void movingTheConditionNumberSliderKeepsTheSliderAndReshapesTheRavine(FxRobot robot) throws Exception {
        robot.interact(() -> view.selectProblem("ravine"));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.Slider kappa = robot.lookup("#param-problem-kappa")
                .queryAs(javafx.scene.control.Slider.class);
        robot.interact(() -> kappa.setValue(40));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#param-problem-kappa").queryAll().contains(kappa),
                "the slider being moved is still the one on screen");
        // 0.5 (u^2 + 40 v^2): Hessian eigenvalues 1 and 40 whatever the rotation.
        double[] h = new double[3];
        view.problem().hessian(0.3, -0.2, h);
        double tr = h[0] + h[2];
        double det = h[0] * h[2] - h[1] * h[1];
        assertEquals(41.0, tr, 1e-9);
        assertEquals(40.0, det, 1e-9);
    }

    @Test
    void whilePlayingTheLossChartArrivesInColumnsOnePerPulse(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.shownGrid() != null
                && view.shownGrid().isComplete());
        robot.interact(() -> {
            for (int i = 0; i < 4; i++) {
                view.descent().setLearningRate(i, 1e-4);
            }
        });
        robot.clickOn(screenPoint(-1.0, 1.0));
        var chart = view.lossChart();
        var strips = chart.strips();
        // Count, pulse by pulse, how many columns of the chart were copied to the screen.
        java.util.List<Long> perPulse = new java.util.concurrent.CopyOnWriteArrayList<>();
        long[] last = new long[1];
        javafx.animation.AnimationTimer counter = new javafx.animation.AnimationTimer() {
            @Override
            public void handle(long now) {
                perPulse.add(chart.columnsWritten() - last[0]);
                last[0] = chart.columnsWritten();
            }
        };
        robot.interact(() -> {
            last[0] = chart.columnsWritten();
            counter.start();
        });
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.descent().slots().get(0).run().steps() >= 90);
        robot.interact(counter::stop);
        // Columns came in (at least two refreshes of the chart), never two in one pulse.
        assertTrue(perPulse.stream().mapToLong(Long::longValue).sum() >= 2, perPulse.toString());
        assertTrue(perPulse.stream().allMatch(c -> c <= 1), perPulse.toString());
        // The axes grow in round steps, so most refreshes change only the columns holding the curves' new ends:
        // fewer columns were copied than every column of every frame.
        long columns = strips.stream().filter(javafx.scene.Node::isVisible).count();
        long frames = chart.framesShown();
        assertTrue(frames >= 3, "frames shown: " + frames);
        assertTrue(chart.columnsWritten() < columns * frames,
                chart.columnsWritten() + " columns written for " + frames + " frames of " + columns);
        // The visible columns sit side by side, cover the chart's width, and show the first run's curve in its
        // colour.
        javafx.scene.paint.Color run1 = javafx.scene.paint.Color.web(Palette.runHex(0));
        int[] inColour = new int[1];
        robot.interact(() -> {
            double x = 0;
            for (javafx.scene.image.ImageView s : strips) {
                if (!s.isVisible()) {
                    continue;
                }
                javafx.scene.image.Image img = s.getImage();
                assertEquals(x, s.getLayoutX(), 0.0, "columns meet");
                x += img.getWidth();
                var reader = img.getPixelReader();
                for (int py = 0; py < img.getHeight(); py++) {
                    for (int px = 0; px < img.getWidth(); px++) {
                        javafx.scene.paint.Color c = reader.getColor(px, py);
                        if (Math.abs(c.getRed() - run1.getRed()) + Math.abs(c.getGreen() - run1.getGreen())
                                + Math.abs(c.getBlue() - run1.getBlue()) < 0.08) {
                            inColour[0]++;
                        }
                    }
                }
            }
            assertEquals(Math.ceil(chart.lookup("#loss-chart").getLayoutBounds().getWidth()), x, 1.0,
                    "the columns cover the chart");
        });
        assertTrue(inColour[0] > 50, "pixels in run 1's colour: " + inColour[0]);
        // Paused, the interactive chart is back: no column is shown.
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(strips.stream().noneMatch(javafx.scene.Node::isVisible));
    }

    @Test
    void theHoverReadOutShowsTheLossUnderThePointerAndClearsWhenTheProblemChanges(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.shownGrid() != null
                && view.shownGrid().isComplete());
        javafx.scene.control.Label readout = robot.lookup("#surface-readout").queryAs(javafx.scene.control.Label.class);
        String hint = readout.getText();
        robot.moveTo(screenPoint(3.0, 2.0));
        WaitForAsyncUtils.waitForFxEvents();
        // Himmelblau is 0 at its minimum (3, 2): within a pixel of it the read-out names x and y and a small loss.
        assertTrue(readout.getText().startsWith("x = "), readout.getText());
        double loss = Double.parseDouble(readout.getText().replaceAll(".*loss = (\\S+).*", "$1"));
        assertTrue(loss < 1.0, readout.getText());
        robot.interact(() -> view.selectProblem("ravine"));
        assertEquals(hint, readout.getText(), "the read-out of the old problem is gone");
    }

    /** Waits until the JavaFX pulse has run {@code n} times: the frames in which a playing run would have moved. */
    private static void waitForPulses(int n) throws Exception {
        java.util.concurrent.CountDownLatch pulses = new java.util.concurrent.CountDownLatch(n);
        javafx.animation.AnimationTimer counter = new javafx.animation.AnimationTimer() {
            @Override
            public void handle(long now) {
                pulses.countDown();
            }
        };
        javafx.application.Platform.runLater(counter::start);
        assertTrue(pulses.await(5, TimeUnit.SECONDS), "the pulse keeps running");
        javafx.application.Platform.runLater(counter::stop);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
