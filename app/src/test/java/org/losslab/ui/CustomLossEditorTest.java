package org.losslab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.losslab.kernel.ElementwiseLoss;
import org.losslab.kernel.Losses;
import org.losslab.problem.LinearRegressionProblem;
import org.losslab.problem.fit.FitResult;
import org.losslab.problem.fit.LineFit;
import org.losslab.ui.curves.LossCurvesView;
import org.losslab.ui.data.DataModel;
import org.losslab.ui.data.DataView;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The custom-loss editor used as a user would: types an expression into the Loss curves view, presses Enter, reads
 * the plotted curve and its derivative, makes a mistake, and fits the loss in the data view and the surface view.
 * Expected values are the expressions' closed forms written out here, and the best line is checked against every
 * line through two data points (where a piecewise-linear loss has its optimum), not against the solver.
 */
@ExtendWith(ApplicationExtension.class)
class CustomLossEditorTest {
    private static final String ASYMMETRIC = "r > 0 ? abs(r) : 10*abs(r)";
    private static final String ASYMMETRIC_TITLE = "custom 1: " + ASYMMETRIC;

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

    /** Replaces the field's text by typing, as a user would (the field may be below the fold of the small screen). */
    private void typeExpression(FxRobot robot, String text) {
        TextField field = robot.lookup("#custom-expression").queryAs(TextField.class);
        robot.interact(() -> {
            field.requestFocus();
            field.selectAll();
        });
        robot.type(KeyCode.BACK_SPACE);
        robot.write(text);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(text, field.getText());
    }

    private static int seriesIndex(XYDataset d, String name) {
        for (int s = 0; s < d.getSeriesCount(); s++) {
            if (d.getSeriesKey(s).toString().equals(name)) {
                return s;
            }
        }
        return -1;
    }

    /** The asymmetric loss written out: r for r > 0, 10 |r| otherwise. */
    private static double asymmetric(double r) {
        return r > 0 ? r : -10 * r;
    }

    private void assertAsymmetricCurvePlotted(XYDataset d, boolean withDerivative) {
        int s = seriesIndex(d, ASYMMETRIC_TITLE);
        assertTrue(s >= 0, "the custom loss is plotted as '" + ASYMMETRIC_TITLE + "'");
        int ds = seriesIndex(d, ASYMMETRIC_TITLE + " ℓ′");
        assertEquals(withDerivative, ds >= 0, "its derivative is plotted when the toggle is on");
        int checked = 0;
        for (int i = 0; i < d.getItemCount(s); i += 23) {
            double r = d.getXValue(s, i);
            assertEquals(asymmetric(r), d.getYValue(s, i), 1e-12, "value at r = " + r);
            if (withDerivative && Math.abs(r) > 1e-9) {
                assertEquals(r > 0 ? 1.0 : -10.0, d.getYValue(ds, i), 1e-12, "derivative at r = " + r);
            }
            checked++;
        }
        assertTrue(checked > 30);
    }

    @Test
    void typedAsymmetricLossIsPlottedWithItsDerivative(FxRobot robot) throws Exception {
        waitForRedraw();
        robot.interact(() -> robot.lookup("#show-derivative").queryAs(CheckBox.class).fire());
        typeExpression(robot, ASYMMETRIC);
        robot.type(KeyCode.ENTER);
        waitForRedraw();

        assertEquals(List.of(ASYMMETRIC), window.customLosses().expressions());
        assertEquals("", view.customErrorText());
        assertAsymmetricCurvePlotted(view.dataset(), true);
        assertEquals("custom-1", view.model().selectedIdProperty().get(), "the new loss is selected");
        assertTrue(robot.lookup("#show-custom-1").tryQuery().isPresent(), "the new loss has a row in the list");

        // The hover read-out: 10 |r| = 15 and slope -10 at r = -1.5; r = 0.5 and slope 1 at r = 0.5.
        robot.interact(() -> view.showReadout(-1.5));
        assertTrue(view.readoutText().contains("custom 1: ℓ = 15.00, ℓ′ = -10.00"), view.readoutText());
        robot.interact(() -> view.showReadout(0.5));
        assertTrue(view.readoutText().contains("custom 1: ℓ = 0.5000, ℓ′ = 1.000"), view.readoutText());
    }

    @Test
    void aMistakeIsShownInPlaceAndTheLastValidLossStaysPlotted(FxRobot robot) throws Exception {
        waitForRedraw();
        typeExpression(robot, ASYMMETRIC);
        robot.type(KeyCode.ENTER);
        waitForRedraw();
        assertAsymmetricCurvePlotted(view.dataset(), false);

        TextField field = robot.lookup("#custom-expression").queryAs(TextField.class);
        typeExpression(robot, "rr^2");
        robot.type(KeyCode.ENTER);
        waitForRedraw();
        String error = view.customErrorText();
        assertTrue(error.contains("'rr'") && error.contains("column 1"), error);
        assertTrue(robot.lookup("#custom-error").queryLabeled().isVisible());
        assertEquals("rr^2", field.getText(), "the typed text is kept");
        assertTrue(field.getStyleClass().contains("invalid"), "the field is marked");
        assertEquals(0, field.getCaretPosition(), "the caret is put at column 1");
        assertEquals(List.of(ASYMMETRIC), window.customLosses().expressions(), "nothing was changed");
        assertAsymmetricCurvePlotted(view.dataset(), false);

        // A mistake further in: the caret goes to its column (10 -> index 9).
        typeExpression(robot, "abs(r) + rr");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(view.customErrorText().contains("'rr' at column 10"), view.customErrorText());
        assertEquals(9, field.getCaretPosition());
        assertEquals("abs(r) + rr", field.getText());

        // Fixing it clears the mark and replaces custom 1 (Enter updates the selected custom loss).
        typeExpression(robot, "abs(r) + r^2");
        assertFalse(field.getStyleClass().contains("invalid"), "editing clears the mark");
        robot.type(KeyCode.ENTER);
        waitForRedraw();
        assertEquals("", view.customErrorText());
        assertEquals(List.of("abs(r) + r^2"), window.customLosses().expressions());
        XYDataset d = view.dataset();
        int s = seriesIndex(d, "custom 1: abs(r) + r^2");
        assertTrue(s >= 0);
        assertEquals(-1, seriesIndex(d, ASYMMETRIC_TITLE), "the old curve is replaced");
        for (int i = 0; i < d.getItemCount(s); i += 41) {
            double r = d.getXValue(s, i);
            assertEquals(Math.abs(r) + r * r, d.getYValue(s, i), 1e-12);
        }
    }

    @Test
    void whereTheLossIsUndefinedTheCurveHasAGapAndTheReadOutSaysSo(FxRobot robot) throws Exception {
        waitForRedraw();
        robot.interact(() -> robot.lookup("#show-derivative").queryAs(CheckBox.class).fire());
        typeExpression(robot, "log(r)");
        robot.interact(() -> robot.lookup("#custom-add").queryAs(Button.class).fire());
        waitForRedraw();
        XYDataset d = view.dataset();
        int s = seriesIndex(d, "custom 1: log(r)");
        int ds = seriesIndex(d, "custom 1: log(r) ℓ′");
        assertTrue(s >= 0 && ds >= 0);
        int gaps = 0;
        for (int i = 0; i < d.getItemCount(s); i++) {
            double r = d.getXValue(s, i);
            double v = d.getYValue(s, i);
            if (r > 0) {
                assertEquals(Math.log(r), v, 1e-12, "log at r = " + r);
                assertEquals(1 / r, d.getYValue(ds, i), 1e-12 / (r * r), "slope 1/r at r = " + r);
            } else {
                assertTrue(Double.isNaN(v), "a gap at r = " + r + ", not " + v);
                assertTrue(Double.isNaN(d.getYValue(ds, i)), "no slope where there is no loss, r = " + r);
                gaps++;
            }
        }
        assertEquals(d.getItemCount(s) / 2 + 1, gaps, "every sample at r <= 0 is a gap");
        robot.interact(() -> view.showReadout(-1.0));
        String text = view.readoutText();
        assertTrue(text.contains("custom 1: ℓ = undefined, ℓ′ = undefined"), text);
        assertFalse(text.contains("NaN") || text.contains("Infinity"), text);
        robot.interact(() -> view.showReadout(2.0));
        assertTrue(view.readoutText().contains("custom 1: ℓ = 0.6931, ℓ′ = 0.5000"), view.readoutText());
        org.jfree.data.Range range = view.chart().getXYPlot().getRangeAxis().getRange();
        assertTrue(Double.isFinite(range.getLowerBound()) && Double.isFinite(range.getUpperBound()), range.toString());
    }

    /** The mean asymmetric loss of the line y = w x + b on the points, written out. */
    private static double meanAsymmetric(double[] x, double[] y, double w, double b) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += asymmetric(w * x[i] + b - y[i]);
        }
        return s / x.length;
    }

    @Test
    void theDataViewFitsTheCustomLossAsThe10Over11Quantile(FxRobot robot) throws Exception {
        waitForRedraw();
        typeExpression(robot, ASYMMETRIC);
        robot.type(KeyCode.ENTER);
        waitForRedraw();

        DataView data = window.dataView();
        robot.interact(() -> window.showView(data));
        CheckBox box = robot.lookup("#fit-custom-1").queryAs(CheckBox.class);
        assertEquals(ASYMMETRIC_TITLE, box.getText());
        assertFalse(box.isSelected(), "offered, not fitted until ticked");
        @SuppressWarnings("unchecked")
        ChoiceBox<String> selected = robot.lookup("#selected-loss").queryAs(ChoiceBox.class);
        assertTrue(selected.getItems().contains("custom-1"));
        robot.interact(box::fire);
        DataModel.Snapshot snap = data.model().snapshot();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            DataView.Result r = data.lastResult();
            return r != null && r.hasFit("custom-1") && java.util.Arrays.equals(r.data().y(), snap.y());
        });
        FitResult fit = data.lastResult().fits().get("custom-1");
        double[][] t = data.model().training();
        double[] x = t[0];
        double[] y = t[1];
        int n = x.length;

        // A loss P r+ + N r- is minimised (over lines) by a line through two data points: try them all.
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (x[i] != x[j]) {
                    double w = (y[j] - y[i]) / (x[j] - x[i]);
                    best = Math.min(best, meanAsymmetric(x, y, w, y[i] - w * x[i]));
                }
            }
        }
        double got = meanAsymmetric(x, y, fit.w(), fit.b());
        assertEquals(best, got, 1e-9 * best, "the fit reaches the best mean loss of any line");

        // Under-prediction costs 10x: at the optimum at most n/11 points lie strictly above the line.
        int above = 0;
        for (int i = 0; i < n; i++) {
            above += y[i] > fit.w() * x[i] + fit.b() + 1e-9 ? 1 : 0;
        }
        assertTrue(above <= n / 11, above + " of " + n + " points above the line");
        // Against MAE the line moves up: at the mean x it predicts more.
        double xm = java.util.Arrays.stream(x).average().orElseThrow();
        FitResult mae = data.lastResult().fits().get("mae");
        assertTrue(fit.predict(xm) > mae.predict(xm) + 0.5, fit + " vs " + mae);
        // The same line as the library's pinball loss with tau = 10/11 (it costs tau per unit under, 1 - tau over).
        FitResult q = LineFit.fit(x, y, (ElementwiseLoss) Losses.parse("quantile:tau=" + 10.0 / 11));
        assertEquals(q.w(), fit.w(), 1e-6);
        assertEquals(q.b(), fit.b(), 1e-6);
        assertTrue(robot.lookup("#fit-w-custom-1").tryQuery().isPresent(), "the table lists the custom fit");
    }

    @Test
    void theSurfaceViewOffersTheCustomLossAndFollowsAChange(FxRobot robot) throws Exception {
        waitForRedraw();
        typeExpression(robot, ASYMMETRIC);
        robot.type(KeyCode.ENTER);
        waitForRedraw();
        robot.interact(() -> {
            window.showView(window.surfaceView());
            window.surfaceView().selectProblem("linreg");
        });
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        ChoiceBox<String> loss = robot.lookup("#problem-loss").queryAs(ChoiceBox.class);
        assertTrue(loss.getItems().contains("custom-1"), loss.getItems().toString());
        assertEquals(ASYMMETRIC_TITLE, loss.getConverter().toString("custom-1"));
        robot.interact(() -> loss.setValue("custom-1"));
        WaitForAsyncUtils.waitForFxEvents();
        LinearRegressionProblem p = (LinearRegressionProblem) window.surfaceView().problem();
        double w = 0.3;
        double b = -0.7;
        assertEquals(meanAsymmetric(p.x(), p.y(), w, b), p.value(w, b), 1e-9);

        // Changing the expression in the curves view rebuilds the problem with the new loss.
        robot.interact(() -> window.customLosses().replace("custom-1", "r^2"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("custom-1", loss.getValue());
        LinearRegressionProblem q = (LinearRegressionProblem) window.surfaceView().problem();
        double s = 0;
        for (int i = 0; i < q.x().length; i++) {
            double r = w * q.x()[i] + b - q.y()[i];
            s += r * r;
        }
        assertEquals(s / q.x().length, q.value(w, b), 1e-9);

        // Removing it falls back to MSE, which is r^2 too: the value stays, the choice says mse.
        robot.interact(() -> window.customLosses().remove("custom-1"));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(loss.getItems().contains("custom-1"));
        assertEquals("mse", loss.getValue());
        assertNotNull(window.surfaceView().problem());
    }
}
