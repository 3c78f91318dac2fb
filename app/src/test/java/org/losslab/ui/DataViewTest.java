package org.losslab.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.losslab.problem.fit.FitResult;
import org.losslab.surface.SurfaceGrid;
import org.losslab.ui.data.DataCanvas;
import org.losslab.ui.data.DataModel;
import org.losslab.ui.data.DataView;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The data view used with the mouse, headless: dragging the outlier moves the fits and the surfaces' optima; the
 * MSE fit is checked against the closed form and the MAE fit against an exhaustive search over lines through two
 * points (an L1 optimum always passes through two data points); undo restores the data exactly.
 */
@ExtendWith(ApplicationExtension.class)
class DataViewTest {
    private DataView view;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow();
        view = window.dataView();
        stage.setScene(LossLabApp.createScene(window));
        stage.show();
    }

    private Point2D screen(double x, double y) {
        DataCanvas c = view.canvas();
        Bounds b = c.localToScreen(c.getBoundsInLocal());
        return new Point2D(b.getMinX() + c.toScreenX(x), b.getMinY() + c.toScreenY(y));
    }

    private DataView.Result waitForResultOf(DataModel.Snapshot data) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            DataView.Result r = view.lastResult();
            return r != null && java.util.Arrays.equals(r.data().x(), data.x())
                    && java.util.Arrays.equals(r.data().y(), data.y())
                    && java.util.Arrays.equals(r.data().validation(), data.validation());
        });
        return view.lastResult();
    }

    /** Least squares, written out: w = Sxy / Sxx on centred data, b = ybar - w xbar. */
    private static double[] leastSquares(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= x.length;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double w = sxy / sxx;
        return new double[] {w, my - w * mx};
    }

    /** The least mean absolute error over all lines through two of the points. */
    private static double bestAbsoluteError(double[] x, double[] y) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                if (x[i] == x[j]) {
                    continue;
                }
                double w = (y[j] - y[i]) / (x[j] - x[i]);
                double b = y[i] - w * x[i];
                double s = 0;
                for (int k = 0; k < x.length; k++) {
                    s += Math.abs(w * x[k] + b - y[k]);
                }
                best = Math.min(best, s / x.length);
            }
        }
        return best;
    }

    private static double meanAbs(double[] x, double[] y, double w, double b) {
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            s += Math.abs(w * x[k] + b - y[k]);
        }
        return s / x.length;
    }

    @Test
    void draggingTheOutlierMovesTheFitsAndTheSurfaceOptima(FxRobot robot) throws Exception {
        DataModel model = view.model();
        DataView.Result before = waitForResultOf(model.snapshot());
        // The highest point is an outlier of the generator.
        int top = 0;
        for (int i = 1; i < model.size(); i++) {
            if (model.y(i) > model.y(top)) {
                top = i;
            }
        }
        double ox = model.x(top);
        double oy = model.y(top);
        robot.drag(screen(ox, oy), MouseButton.PRIMARY).moveTo(screen(ox, oy - 12)).drop();
        WaitForAsyncUtils.waitForFxEvents();
        DataModel.Snapshot after = model.snapshot();
        assertTrue(after.y()[top] < oy - 8, "the point moved down: " + after.y()[top]);
        DataView.Result r = waitForResultOf(after);

        double[] ls = leastSquares(after.x(), after.y());
        FitResult mse = r.fits().get("mse");
        assertEquals(ls[0], mse.w(), 1e-9);
        assertEquals(ls[1], mse.b(), 1e-9);
        assertNotEquals(before.fits().get("mse").w(), mse.w(), 1e-3, "the MSE fit swung");

        FitResult mae = r.fits().get("mae");
        double best = bestAbsoluteError(after.x(), after.y());
        assertEquals(best, meanAbs(after.x(), after.y(), mae.w(), mae.b()), 1e-9, "MAE fit is optimal");
        assertEquals(best, mae.loss(), 1e-9);

        // Each surface's grid minimum lies within a cell or two of its loss's optimum.
        for (Object[] pair : new Object[][] {{r.mse(), mse}, {r.mae(), mae}}) {
            SurfaceGrid g = (SurfaceGrid) pair[0];
            FitResult f = (FitResult) pair[1];
            double cellW = (g.bounds().max1() - g.bounds().min1()) / (g.nx() - 1);
            double cellB = (g.bounds().max2() - g.bounds().min2()) / (g.ny() - 1);
            assertEquals(f.w(), g.argminTheta1(), 2.5 * cellW, "surface minimum near the fit (w)");
            assertEquals(f.b(), g.argminTheta2(), 2.5 * cellB * Math.max(1, Math.abs(f.w())), "(b)");
        }
        // The drawn minimum marker on the MSE surface is the MSE fit.
        assertEquals(mse.w(), view.mseSurface().minima().get(0)[0], 0.0);

        // Linked views: the loss curves show the residuals of the selected (MSE) fit as dots on each curve, and
        // the surface view's linear-regression problem is the dragged data.
        WaitForAsyncUtils.waitForFxEvents();
        double[] res = window.curvesView().model().residuals();
        assertEquals(after.size(), res.length);
        for (int i = 0; i < res.length; i++) {
            assertEquals(mse.w() * after.x()[i] + mse.b() - after.y()[i], res[i], 1e-12);
        }
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> window.curvesView().drawnRevision() == window.curvesView().model().revisionProperty().get());
        org.jfree.data.xy.XYDataset d = window.curvesView().dataset();
        int dots = -1;
        for (int s = 0; s < d.getSeriesCount(); s++) {
            if (d.getSeriesKey(s).toString().startsWith("mse at the data's residuals")) {
                dots = s;
            }
        }
        assertTrue(dots >= 0, "residual dots on the mse curve");
        for (int i = 0; i < res.length; i++) {
            assertEquals(res[i] * res[i], d.getYValue(dots, i), 1e-12, "dot i sits on r^2");
        }
        robot.interact(() -> window.surfaceView().selectProblem("linreg"));
        WaitForAsyncUtils.waitForFxEvents();
        double[] g = new double[2];
        double lossAtFit = window.surfaceView().problem().gradient(mse.w(), mse.b(), g);
        assertEquals(mse.loss(), lossAtFit, 1e-9, "the surface view's problem is the dragged data");
        assertEquals(0.0, Math.hypot(g[0], g[1]), 1e-9, "and its gradient vanishes at the MSE fit");
    }

    @Test
    void undoRestoresTheDataExactlyAndRedoRepeatsTheEdit(FxRobot robot) throws Exception {
        DataModel model = view.model();
        DataModel.Snapshot original = model.snapshot();
        robot.clickOn(screen(1.0, 12.0));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(original.size() + 1, model.size(), "a click on empty space adds a point");
        DataModel.Snapshot added = model.snapshot();
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertArrayEquals(original.x(), model.snapshot().x(), 0.0);
        assertArrayEquals(original.y(), model.snapshot().y(), 0.0);
        robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertArrayEquals(added.x(), model.snapshot().x(), 0.0);
        // Right-click deletes the point again.
        robot.moveTo(screen(added.x()[added.size() - 1], added.y()[added.size() - 1]));
        robot.press(MouseButton.SECONDARY).release(MouseButton.SECONDARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertArrayEquals(original.y(), model.snapshot().y(), 0.0);
    }

    @Test
    void validationPointsAreLeftOutOfTheFitAndTheirLossIsChartedPerStep(FxRobot robot) throws Exception {
        DataModel model = view.model();
        robot.interact(() -> {
            model.toggleValidation(0);
            model.toggleValidation(5);
            model.toggleValidation(9);
        });
        DataModel.Snapshot data = model.snapshot();
        DataView.Result r = waitForResultOf(data);
        double[][] t = model.training();
        double[][] v = model.validationPoints();
        assertEquals(3, v[0].length);
        double[] ls = leastSquares(t[0], t[1]);
        assertEquals(ls[0], r.fits().get("mse").w(), 1e-9, "the fit uses the training points only");
        double val = 0;
        for (int i = 0; i < 3; i++) {
            double e = ls[0] * v[0][i] + ls[1] - v[1][i];
            val += e * e;
        }
        assertEquals(val / 3, r.validationLoss().get("mse"), 1e-9);

        // The surface view's descent on this data charts the validation loss per step beside the training loss.
        robot.interact(() -> {
            window.showView(window.surfaceView());
            window.surfaceView().selectProblem("linreg");
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            for (int k = 0; k < 5; k++) {
                window.surfaceView().descent().stepAll();
            }
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> window.surfaceView().lossChart().dataset()
                .getSeriesCount() >= 2 && window.surfaceView().lossChart().dataset().getItemCount(1) == 6);
        org.jfree.data.xy.XYDataset d = window.surfaceView().lossChart().dataset();
        assertTrue(d.getSeriesKey(1).toString().endsWith("(validation)"), d.getSeriesKey(1).toString());
        org.losslab.optim.Trajectory traj = window.surfaceView().descent().slots().get(0).run().trajectory();
        for (int row = 0; row < 6; row++) {
            double w = traj.theta1(row);
            double b = traj.theta2(row);
            double s = 0;
            for (int i = 0; i < 3; i++) {
                double e = w * v[0][i] + b - v[1][i];
                s += e * e;
            }
            assertEquals(s / 3, d.getYValue(1, row), 1e-9, "validation loss at step " + row);
        }
    }

    /** Least squares for a polynomial, written out: the normal equations V'V c = V'y, by Gaussian elimination. */
    private static double[] polyLeastSquares(double[] x, double[] y, int degree) {
        int m = degree + 1;
        double[][] a = new double[m][m + 1];
        for (int k = 0; k < x.length; k++) {
            double[] pw = new double[m];
            pw[0] = 1;
            for (int q = 1; q < m; q++) {
                pw[q] = pw[q - 1] * x[k];
            }
            for (int r = 0; r < m; r++) {
                for (int c = 0; c < m; c++) {
                    a[r][c] += pw[r] * pw[c];
                }
                a[r][m] += pw[r] * y[k];
            }
        }
        for (int col = 0; col < m; col++) {
            int piv = col;
            for (int r = col + 1; r < m; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                    piv = r;
                }
            }
            double[] tmp = a[col];
            a[col] = a[piv];
            a[piv] = tmp;
            for (int r = 0; r < m; r++) {
                if (r != col) {
                    double f = a[r][col] / a[col][col];
                    for (int c = col; c <= m; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double[] out = new double[m];
        for (int r = 0; r < m; r++) {
            out[r] = a[r][m] / a[r][r];
        }
        return out;
    }

    @Test
    void aCubicFitsThePolynomialAndTheSurfacesShowASliceThroughIt(FxRobot robot) throws Exception {
        robot.interact(() -> view.setDegree(3));
        DataModel.Snapshot data = view.model().snapshot();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.lastResult() != null
                && view.lastResult().degree() == 3);
        DataView.Result r = view.lastResult();
        double[] expected = polyLeastSquares(data.x(), data.y(), 3);
        double[] got = r.poly().get("mse").coefficients();
        for (int k = 0; k <= 3; k++) {
            assertEquals(expected[k], got[k], 1e-7 * Math.max(1, Math.abs(expected[k])), "c" + k);
        }
        // The MSE slice over (c1, c0) passes through the global least-squares optimum: no cell of the surface lies
        // below the fit's loss, and the minimum marker is drawn at (c1, c0) of the fit.
        double fitLoss = 0;
        for (int k = 0; k < data.size(); k++) {
            double p = expected[0] + expected[1] * data.x()[k] + expected[2] * Math.pow(data.x()[k], 2)
                    + expected[3] * Math.pow(data.x()[k], 3);
            fitLoss += (p - data.y()[k]) * (p - data.y()[k]);
        }
        fitLoss /= data.size();
        assertEquals(fitLoss, r.poly().get("mse").loss(), 1e-9 * fitLoss);
        assertTrue(r.mse().min() >= fitLoss - 1e-9 * fitLoss, "the fit is the lowest point of the slice");
        double[] marker = view.mseSurface().minima().get(0);
        assertEquals(got[1], marker[0], 0.0);
        assertEquals(got[0], marker[1], 0.0);
        assertEquals(1, robot.from(view).lookup("#slice-i").queryAs(javafx.scene.control.ChoiceBox.class).getValue());
        assertEquals(0, robot.from(view).lookup("#slice-j").queryAs(javafx.scene.control.ChoiceBox.class).getValue());
    }

    @Test
    void f3ShowsTheFrameTimeOfTheDataViewAfterADrag(FxRobot robot) throws Exception {
        DataModel model = view.model();
        waitForResultOf(model.snapshot());
        robot.type(KeyCode.F3);
        robot.drag(screen(model.x(3), model.y(3)), MouseButton.PRIMARY).moveTo(screen(model.x(3), model.y(3) + 3))
                .drop();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#status-right")
                .queryAs(javafx.scene.control.Label.class).getText().contains("data frame"));
        String text = robot.lookup("#status-right").queryAs(javafx.scene.control.Label.class).getText();
        assertTrue(text.matches(".*data frame \\(compute \\+ apply\\): [0-9.]+ ms \\(worst [0-9.]+ ms\\).* · [0-9]+ fps"),
                text);
        robot.type(KeyCode.F3);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("F3: frame time", robot.lookup("#status-right").queryAs(javafx.scene.control.Label.class)
                .getText());
    }
}
