package org.losslab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.losslab.kernel.LossDefinition;
import org.losslab.kernel.Losses;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * In front of a class, headless: the presentation keys scale the controls' text, the canvases' lines and the
 * charts' fonts and strokes in every view at once; the dark theme darkens controls and canvases; F1 lists the
 * shortcuts and Esc closes the list; loss choices tell their formula; the confusion matrix marks right and wrong
 * with more than colour.
 */
@ExtendWith(ApplicationExtension.class)
class PresentationTest {
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage s) {
        Theme.get().reset();
        stage = s;
        window = new MainWindow();
        s.setScene(LossLabApp.createScene(window));
        s.show();
    }

    @AfterEach
    void normal(FxRobot robot) {
        robot.interact(() -> {
            Theme.get().reset();
            if (window.shortcutSheet() != null) {
                window.shortcutSheet().hide();
            }
        });
    }

    private static LossDefinition definition(String id) {
        return Losses.all().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }

    private double statusFontSize(FxRobot robot) {
        return robot.lookup("#status").queryAs(Label.class).getFont().getSize();
    }

    private static JFreeChart chart(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(ChartViewer.class).getChart();
    }

    @Test
    void ctrlPlusTwiceDoublesTextLinesAndChartsInEveryView(FxRobot robot) throws Exception {
        // A hidden view does not redraw: show the loss curves so that their chart has been drawn.
        robot.interact(() -> window.showView(window.curvesView()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> window.curvesView().drawnRevision() == window.curvesView().model().revisionProperty().get());
        double font = statusFontSize(robot);
        assertEquals(Theme.BASE_FONT, font, 0.01, "the status bar uses the root font size");
        double path = window.surfaceView().canvas().pathWidth();
        double fit = window.dataView().canvas().lineWidth(true);
        double point = window.classifyView().canvas().pointRadius();
        JFreeChart curves = chart(robot, "#curves-chart");
        XYPlot plot = (XYPlot) curves.getPlot();
        float tick = plot.getDomainAxis().getTickLabelFont().getSize2D();
        float stroke = ((BasicStroke) plot.getRenderer().getSeriesStroke(0)).getLineWidth();

        robot.press(KeyCode.CONTROL).type(KeyCode.EQUALS).type(KeyCode.EQUALS).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2.0, Theme.get().scale(), 1e-12, "Ctrl+Plus twice: ×1.5, then ×2");
        assertEquals(2 * font, statusFontSize(robot), 0.01, "the root font size doubled");
        assertEquals(2 * path, window.surfaceView().canvas().pathWidth(), 1e-9, "trajectories twice as wide");
        assertEquals(2 * fit, window.dataView().canvas().lineWidth(true), 1e-9, "fitted lines twice as wide");
        assertEquals(2 * point, window.classifyView().canvas().pointRadius(), 1e-9, "points twice as big");
        assertEquals(2 * tick, plot.getDomainAxis().getTickLabelFont().getSize2D(), 0.51,
                "the loss-curves chart's tick labels doubled");
        // The curves are redrawn on the next pulse.
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> ((BasicStroke) plot.getRenderer().getSeriesStroke(0)).getLineWidth() > 1.5 * stroke);
        assertEquals(2 * stroke, ((BasicStroke) plot.getRenderer().getSeriesStroke(0)).getLineWidth(), 1e-4,
                "the loss curves are drawn twice as wide");

        robot.press(KeyCode.CONTROL).type(KeyCode.MINUS).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1.5 * font, statusFontSize(robot), 0.01, "Ctrl+Minus: back to ×1.5");
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT0).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(font, statusFontSize(robot), 0.01, "Ctrl+0: normal size");
        assertEquals(path, window.surfaceView().canvas().pathWidth(), 1e-9);
    }

    @Test
    void f5TogglesPresentationAndTheSizeHoldsAcrossViews(FxRobot robot) {
        robot.type(KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1.5 * Theme.BASE_FONT, statusFontSize(robot), 0.01);
        robot.interact(() -> window.showView(window.curvesView()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1.5 * Theme.BASE_FONT, statusFontSize(robot), 0.01, "another view keeps the size");
        assertEquals(1.5 * 13, ((XYPlot) chart(robot, "#curves-chart").getPlot()).getDomainAxis()
                .getTickLabelFont().getSize2D(), 0.51);
        robot.type(KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Theme.BASE_FONT, statusFontSize(robot), 0.01, "F5 again: normal size");
    }

    private static double luminance(Color c) {
        return 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
    }

    @Test
    void darkThemeAppliesTheStylesheetAndDarkensCanvasesAndCharts(FxRobot robot) {
        robot.interact(() -> window.showView(window.dataView()));
        WaitForAsyncUtils.waitForFxEvents();
        Color before = pixel(robot, window.dataView().canvas(), 3, 3);
        assertTrue(luminance(before) > 0.9, "light theme: a white canvas, got " + before);

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.D).release(KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Theme.get().isDark());
        assertTrue(stage.getScene().getStylesheets().stream().anyMatch(u -> u.endsWith("/assets/styles/dark.css")),
                "the dark stylesheet is on the scene");
        WaitForAsyncUtils.waitForFxEvents();
        Color after = pixel(robot, window.dataView().canvas(), 3, 3);
        assertTrue(luminance(after) < 0.2, "the data canvas's background is dark, got " + after);
        Color status = robot.lookup("#status").queryAs(Label.class).getTextFill() instanceof Color
                ? (Color) robot.lookup("#status").queryAs(Label.class).getTextFill() : Color.BLACK;
        assertTrue(luminance(status) > 0.6, "the status text is light on the dark background, got " + status);
        java.awt.Color chartBg = (java.awt.Color) chart(robot, "#curves-chart").getBackgroundPaint();
        assertTrue(chartBg.getRed() + chartBg.getGreen() + chartBg.getBlue() < 3 * 60, "the chart is dark too");

        robot.interact(() -> window.showView(window.surfaceView()));
        WaitForAsyncUtils.waitForFxEvents();
        Color surface = pixel(robot, window.surfaceView().canvas(), 3, 3);
        assertTrue(luminance(surface) < 0.2, "the surface canvas's margin is dark, got " + surface);

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.D).release(KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(stage.getScene().getStylesheets().stream().anyMatch(u -> u.endsWith("dark.css")));
    }

    private static Color pixel(FxRobot robot, javafx.scene.Node node, int x, int y) {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] img = new WritableImage[1];
        robot.interact(() -> img[0] = node.snapshot(null, null));
        return img[0].getPixelReader().getColor(x, y);
    }

    @Test
    void f1ListsTheShortcutsAndEscClosesIt(FxRobot robot) {
        assertEquals(null, window.shortcutSheet());
        robot.clickOn("#status");
        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        ShortcutSheet sheet = window.shortcutSheet();
        assertNotNull(sheet, "F1 opens the shortcut sheet");
        assertTrue(sheet.isShowing(), "F1 opens the shortcut sheet");
        javafx.scene.Node content = robot.lookup("#shortcut-sheet").query();
        assertNotNull(content);
        assertTrue(robot.from(content).lookup((Label l) -> l.getText().equals("Space")).tryQuery().isPresent(),
                "the sheet lists Space");
        assertTrue(robot.from(content).lookup((Label l) -> l.getText().equals("Ctrl+Z")).tryQuery().isPresent(),
                "the sheet lists Ctrl+Z");
        assertTrue(robot.from(content).lookup((Label l) -> l.getText().equals("Surface & descent")).tryQuery()
                .isPresent(), "by view");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(sheet.isShowing(), "Esc closes the sheet");
    }

    @Test
    void lossChoicesAndCheckBoxesTellTheFormulaAndWhenToUseIt(FxRobot robot) throws Exception {
        robot.interact(() -> window.showView(window.classifyView()));
        ChoiceBox<?> classify = robot.lookup("#classify-loss").queryAs(ChoiceBox.class);
        LossDefinition bce = definition("bce_logits");
        String tip = classify.getTooltip().getText();
        assertTrue(tip.contains(bce.formula()), tip);
        assertTrue(tip.contains(bce.whenToUse()), tip);
        robot.interact(() -> ((ChoiceBox<String>) (ChoiceBox) classify).setValue("hinge"));
        assertTrue(classify.getTooltip().getText().contains(definition("hinge").formula()),
                "the tooltip follows the chosen loss");

        robot.interact(() -> window.showView(window.dataView()));
        CheckBox huber = robot.lookup("#fit-huber").queryAs(CheckBox.class);
        assertTrue(huber.getTooltip().getText().contains(definition("huber").formula()));
        ChoiceBox<?> selected = robot.lookup("#selected-loss").queryAs(ChoiceBox.class);
        assertTrue(selected.getTooltip().getText().contains(definition("mse").formula()));

        robot.interact(() -> window.showView(window.curvesView()));
        CheckBox mae = robot.lookup("#show-mae").queryAs(CheckBox.class);
        assertTrue(mae.getTooltip().getText().contains(definition("mae").formula()));
    }

    @Test
    void confusionMatrixMarksRightAndWrongBeyondColour(FxRobot robot) throws Exception {
        robot.interact(() -> window.showView(window.classifyView()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#cm-0-1").tryQuery().isPresent());
        Label right = robot.lookup("#cm-0-0").queryAs(Label.class);
        Label wrong = robot.lookup("#cm-0-1").queryAs(Label.class);
        assertEquals("✓", ((Label) right.getGraphic()).getText());
        assertEquals("✗", ((Label) wrong.getGraphic()).getText());
        assertTrue(right.getStyleClass().contains("cm-correct"));
        assertTrue(wrong.getStyleClass().contains("cm-wrong"));
    }
}
