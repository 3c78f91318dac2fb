package org.losslab.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.ui.data.DataModel;
import org.losslab.ui.io.ImportDialog;
import org.losslab.ui.io.ImportExportMenu;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The import dialog used as a user would: choose columns, press Import, read the report; a file that cannot be
 * imported leaves the data as it was; a successful import is undone by Ctrl+Z; a million rows import with the
 * progress bar moving and can be cancelled.
 */
@ExtendWith(ApplicationExtension.class)
class ImportTest {
    @TempDir
    Path dir;
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new MainWindow();
        stage.setScene(LossLabApp.createScene(window));
        stage.show();
    }

    /** Closes what a test left open (alerts, dialogs), so later tests see only their own window. */
    @org.junit.jupiter.api.AfterEach
    void closeOtherWindows() {
        WaitForAsyncUtils.asyncFx(() -> {
            for (javafx.stage.Window w : new java.util.ArrayList<>(javafx.stage.Window.getWindows())) {
                if (w != stage) {
                    w.hide();
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private ImportDialog open(Path file, ImportDialog.Target target) {
        AtomicReference<ImportDialog> d = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> d.set(ImportExportMenu.openImport(window, file, target)));
        WaitForAsyncUtils.waitForFxEvents();
        return d.get();
    }

    private String status() {
        return ((Label) window.lookup("#status")).getText();
    }

    @Test
    void importWithHeaderAndBadRowsReplacesTheDataAndUndoBringsItBack(FxRobot robot) throws Exception {
        DataModel.Snapshot before = window.dataView().model().snapshot();
        Path f = dir.resolve("heights.csv");
        Files.writeString(f, "name,height,weight\na,1.5,50\nb,1.6,55\nc,1.7,60\nd,tall,70\ne,1.8,\nf,1.9,90\n");
        ImportDialog dialog = open(f, ImportDialog.Target.DATA);
        assertNotNull(dialog);
        // the numeric columns are offered first; the user swaps them to put weight on x, then back
        javafx.scene.control.ChoiceBox<String> x = robot.lookup("#import-column-x").queryAs(javafx.scene.control.ChoiceBox.class);
        javafx.scene.control.ChoiceBox<String> y = robot.lookup("#import-column-y").queryAs(javafx.scene.control.ChoiceBox.class);
        assertEquals(java.util.List.of("name", "height", "weight"), x.getItems());
        assertEquals("height", x.getValue());
        assertEquals("weight", y.getValue());
        WaitForAsyncUtils.asyncFx(() -> {
            x.setValue("height");
            y.setValue("weight");
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#import-ok");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.dataView().model().size() == 4);
        WaitForAsyncUtils.waitForFxEvents();
        DataModel.Snapshot after = window.dataView().model().snapshot();
        assertArrayEquals(new double[] {1.5, 1.6, 1.7, 1.9}, after.x());
        assertArrayEquals(new double[] {50, 55, 60, 90}, after.y());
        assertTrue(status().contains("Imported 4 rows of heights.csv"), status());
        assertTrue(status().contains("skipped 2 rows that are not numbers (lines 5, 6)"), status());
        assertFalse(dialog.stage().isShowing(), "the dialog closes after a successful import");

        robot.clickOn("#status");
        robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.Z)
                .release(javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        DataModel.Snapshot undone = window.dataView().model().snapshot();
        assertArrayEquals(before.x(), undone.x(), "Ctrl+Z gives back the data the user had");
        assertArrayEquals(before.y(), undone.y());
    }

    @Test
    void aFileThatCannotBeImportedChangesNothing(FxRobot robot) throws Exception {
        DataModel.Snapshot before = window.dataView().model().snapshot();
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        assertNull(open(empty, ImportDialog.Target.DATA));
        assertTrue(status().contains("empty.csv is empty"), status());
        robot.type(javafx.scene.input.KeyCode.ESCAPE);

        Path single = dir.resolve("single.csv");
        Files.writeString(single, "x\n1\n2\n");
        assertNull(open(single, ImportDialog.Target.DATA));
        assertTrue(status().contains("only one column"), status());
        robot.type(javafx.scene.input.KeyCode.ESCAPE);

        Path words = dir.resolve("words.csv");
        Files.writeString(words, "x,y\none,two\nthree,four\n");
        ImportDialog dialog = open(words, ImportDialog.Target.DATA);
        robot.clickOn("#import-ok");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !dialog.message().getText().isEmpty());
        assertTrue(dialog.message().getText().contains("no row with numbers in columns x and y"),
                dialog.message().getText());
        assertTrue(dialog.message().getText().endsWith("Nothing was changed."));
        assertTrue(dialog.stage().isShowing(), "the dialog stays open to choose other columns");
        assertArrayEquals(before.x(), window.dataView().model().snapshot().x());
        assertFalse(window.dataView().model().canUndoProperty().get(), "no edit was recorded");
        WaitForAsyncUtils.asyncFx(() -> dialog.stage().close());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aMillionRowsShowProgressCanBeCancelledAndThenLoadASample(FxRobot robot) throws Exception {
        Path f = dir.resolve("million.csv");
        try (BufferedWriter w = Files.newBufferedWriter(f)) {
            w.write("x,y\n");
            for (int i = 0; i < 1_000_000; i++) {
                w.write(i % 1000 * 0.01 + "," + (0.8 * (i % 1000) * 0.01 + 1) + "\n");
            }
        }
        DataModel.Snapshot before = window.dataView().model().snapshot();
        ImportDialog dialog = open(f, ImportDialog.Target.DATA);
        ProgressBar bar = robot.lookup("#import-progress").queryAs(ProgressBar.class);
        robot.clickOn("#import-ok");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> bar.getProgress() > 0.05);
        robot.clickOn("#import-cancel");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !dialog.isReading());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Import cancelled: nothing was changed.", dialog.message().getText());
        assertArrayEquals(before.x(), window.dataView().model().snapshot().x());
        assertTrue(dialog.stage().isShowing());

        robot.clickOn("#import-ok");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !dialog.stage().isShowing());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ImportDialog.DEFAULT_SAMPLE, window.dataView().model().size());
        assertTrue(status().contains("Imported 1,000,000 rows of million.csv"), status());
        assertTrue(status().contains("showing a random sample of 10,000"), status());
        // the view still answers: its fits arrive for the sampled data
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.dataView().lastResult() != null
                && window.dataView().lastResult().data().size() == ImportDialog.DEFAULT_SAMPLE);
        assertEquals(0.8, window.dataView().lastResult().fits().get("mse").w(), 1e-9);
    }

    @Test
    void classificationImportSetsTheClassesFromTheLabels(FxRobot robot) throws Exception {
        Path f = dir.resolve("three.csv");
        Files.writeString(f, "x1,x2,label\n0,0,0\n1,1,1\n2,0,2\n0.5,0.2,0\nbad,1,1\n1.5,1.2,1\n2.2,0.1,2\n");
        ImportDialog dialog = open(f, ImportDialog.Target.CLASSIFICATION);
        assertNotNull(dialog);
        robot.clickOn("#import-ok");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.classifyView().model().size() == 6);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3, window.classifyView().model().classes());
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2}, window.classifyView().model().snapshot().labels());
        assertTrue(status().contains("skipped 1 row that is not a number (line 6)"), status());
    }
}
