package org.losslab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.losslab.ui.curves.LossCurvesView;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Opens the main window headless and uses the Loss curves view as a user would: picks losses, moves a parameter
 * slider, types a value, switches the axis, hovers the chart. Every plotted value is checked against the loss's
 * formula written out here, not against the kernel.
 */
@ExtendWith(ApplicationExtension.class)
class LossCurvesViewTest {
    private MainWindow window;
    private LossCurvesView view;

    @Start
    void start(Stage stage) {
        window = new MainWindow();
        view = window.curvesView();
        window.showView(view);
        stage.setScene(LossLabApp.createScene(window));
        stage.show();
    }

    private void waitForRedraw() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> view.drawnRevision() == view.model().revisionProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static int seriesIndex(XYDataset d, String name) {
        for (int s = 0; s < d.getSeriesCount(); s++) {
            if (d.getSeriesKey(s).toString().equals(name)) {
                return s;
            }
        }
        return -1;
    }

    /** The curves' series (the data view's residual dots, drawn on the same chart, are left out). */
    private static List<String> seriesNames(XYDataset d) {
        List<String> names = new ArrayList<>();
        for (int s = 0; s < d.getSeriesCount(); s++) {
            String name = d.getSeriesKey(s).toString();
            if (!name.contains("at the data's residuals")) {
                names.add(name);
            }
        }
        return names;
    }

    /** Huber with parameter delta, written out: 0.5 r^2 inside, delta (|r| - delta/2) outside. */
    private static double huber(double r, double delta) {
        return Math.abs(r) <= delta ? 0.5 * r * r : delta * (Math.abs(r) - 0.5 * delta);
    }

    @Test
    void opensOnRegressionCurvesOfMseMaeAndHuber(FxRobot robot) throws Exception {
        waitForRedraw();
        XYDataset d = view.dataset();
        assertEquals(List.of("MSE (squared error)", "MAE (absolute error)", "Huber"), seriesNames(d));
        int mse = seriesIndex(d, "MSE (squared error)");
        int mae = seriesIndex(d, "MAE (absolute error)");
        for (int i = 0; i < d.getItemCount(mse); i += 37) {
            double r = d.getXValue(mse, i);
            assertEquals(r * r, d.getYValue(mse, i), 1e-12, "mse at r = " + r);
            assertEquals(Math.abs(r), d.getYValue(mae, i), 1e-12, "mae at r = " + r);
        }
        // From -3 to 3, or wider so that the data view's residual dots sit on the curves.
        double w = view.model().plottedHalfWidth();
        assertTrue(w >= 3.0);
        assertEquals(-w, d.getXValue(mse, 0), 1e-12);
        assertEquals(w, d.getXValue(mse, d.getItemCount(mse) - 1), 1e-12);
    }

    @Test
    void pickingTwoLossesAndMovingASliderReplotsWithTheKernelValues(FxRobot robot) throws Exception {
        waitForRedraw();
        // Keep only Huber and Log-cosh on the chart.
        robot.clickOn("#show-mse");
        robot.clickOn("#show-mae");
        robot.clickOn("#show-log_cosh");
        waitForRedraw();
        assertEquals(List.of("Huber", "Log-cosh"), seriesNames(view.dataset()));

        Slider slider = robot.lookup("#param-huber-delta").queryAs(Slider.class);
        double before = slider.getValue();
        robot.clickOn(slider);
        robot.type(KeyCode.HOME);
        for (int i = 0; i < 10; i++) {
            robot.type(KeyCode.RIGHT);
        }
        waitForRedraw();
        double delta = view.model().loss("huber").param("delta");
        assertNotEquals(before, delta, "the slider should have changed delta");
        assertEquals(slider.getValue(), delta, 1e-3);
        assertTrue(delta > 0.9 && delta < 1.1, "ten steps of a fiftieth of (0.01, 5] is about 1: " + delta);

        XYDataset d = view.dataset();
        int hub = seriesIndex(d, "Huber");
        int lc = seriesIndex(d, "Log-cosh");
        for (int i = 0; i < d.getItemCount(hub); i += 20) {
            double r = d.getXValue(hub, i);
            assertEquals(huber(r, delta), d.getYValue(hub, i), 1e-12, "huber(delta=" + delta + ") at r = " + r);
            assertEquals(Math.log(Math.cosh(r)), d.getYValue(lc, i), 1e-12, "log cosh at r = " + r);
        }
    }

    @Test
    void typedParameterIsExactAndABadOneIsRefusedInPlace(FxRobot robot) throws Exception {
        waitForRedraw();
        robot.doubleClickOn("#field-huber-delta").eraseText(4).write("0.25").type(KeyCode.ENTER);
        waitForRedraw();
        assertEquals(0.25, view.model().loss("huber").param("delta"), 0.0);
        XYDataset d = view.dataset();
        int hub = seriesIndex(d, "Huber");
        double x600 = d.getXValue(hub, 600); // -w + 2w * 600 / 800 = w / 2
        assertEquals(0.5 * view.model().plottedHalfWidth(), x600, 1e-12);
        assertEquals(huber(x600, 0.25), d.getYValue(hub, 600), 1e-12);

        robot.doubleClickOn("#field-huber-delta").eraseText(6).write("-1").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0.25, view.model().loss("huber").param("delta"), 0.0, "the last valid delta stays in use");
        boolean shown = robot.lookup(".field-error").queryAll().stream()
                .anyMatch(n -> n.isVisible() && ((Label) n).getText().contains("delta must be in (0, inf)"));
        assertTrue(shown, "a message in place names the valid range");

        robot.doubleClickOn("#field-huber-delta").eraseText(4).write("abc").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        boolean notNumber = robot.lookup(".field-error").queryAll().stream()
                .anyMatch(n -> n.isVisible() && ((Label) n).getText().contains("'abc' is not a number"));
        assertTrue(notNumber);
        assertEquals(0.25, view.model().loss("huber").param("delta"), 0.0);
    }

    @Test
    void classificationAxisPlotsLogitLossesAndTheirDerivatives(FxRobot robot) throws Exception {
        robot.clickOn("#axis-score");
        robot.clickOn("#show-derivative");
        waitForRedraw();
        XYDataset d = view.dataset();
        int bce = seriesIndex(d, "BCE with logits");
        int bceD = seriesIndex(d, "BCE with logits ℓ′");
        int hinge = seriesIndex(d, "Hinge");
        assertTrue(bce >= 0 && bceD >= 0 && hinge >= 0, seriesNames(d).toString());
        for (int i = 0; i < d.getItemCount(bce); i += 50) {
            double z = d.getXValue(bce, i);
            assertEquals(Math.log1p(Math.exp(-z)), d.getYValue(bce, i), 1e-12, "softplus(-z) at z = " + z);
            assertEquals(-1.0 / (1.0 + Math.exp(z)), d.getYValue(bceD, i), 1e-12, "-sigmoid(-z) at z = " + z);
            assertEquals(Math.max(0, 1 - z), d.getYValue(hinge, i), 1e-12);
        }
        robot.clickOn("#label-negative");
        waitForRedraw();
        d = view.dataset();
        bce = seriesIndex(d, "BCE with logits");
        double z = d.getXValue(bce, 700);
        assertEquals(Math.log1p(Math.exp(z)), d.getYValue(bce, 700), 1e-12, "label 0: softplus(z)");
        assertFalse(robot.lookup("#show-mse").tryQuery().isPresent(), "regression losses are not listed here");
    }

    @Test
    void hoveringTheChartReadsOutTheLossAtThePointer(FxRobot robot) throws Exception {
        waitForRedraw();
        robot.moveTo("#curves-chart");
        WaitForAsyncUtils.waitForFxEvents();
        String text = robot.lookup("#readout").queryAs(Label.class).getText();
        assertTrue(text.startsWith("r = "), text);
        double r = Double.parseDouble(text.substring(4, text.indexOf(' ', 4)));
        // The read-out shows 4 significant digits: the mse value must be r^2 to that precision.
        int at = text.indexOf("mse: ℓ = ") + "mse: ℓ = ".length();
        double shown = Double.parseDouble(text.substring(at, text.indexOf(',', at)));
        assertEquals(r * r, shown, 2e-3 * Math.max(r * r, 1e-3), text);
        int maeAt = text.indexOf("mae: ℓ = ") + "mae: ℓ = ".length();
        assertEquals(Math.abs(r), Double.parseDouble(text.substring(maeAt, text.indexOf(',', maeAt))), 1e-12, text);
    }
}
