package org.losslab.ui.io;

import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.jfree.chart.JFreeChart;
import org.losslab.lesson.CsvImport;
import org.losslab.ui.MainWindow;

/**
 * The Import/Export menu of the main window: file choosers in front of {@link ImportDialog} and {@link Exports}.
 * Every outcome (what was written where, or why not) is reported in the status bar.
 */
public final class ImportExportMenu {
    /** Sizes offered for a PNG of a view. */
    public static final List<String> PNG_SIZES = List.of("1600 × 900", "1920 × 1080", "1280 × 720", "3200 × 1800",
            "as on screen");

    private ImportExportMenu() {
    }

    /** The menu, its items bound to {@code window}'s views. */
    public static Menu build(MainWindow window) {
        MenuItem importData = new MenuItem("Import data CSV (x, y)…");
        importData.setId("menu-import-data");
        importData.setOnAction(e -> chooseAndImport(window, ImportDialog.Target.DATA));
        MenuItem importClasses = new MenuItem("Import classification CSV (x1, x2, label)…");
        importClasses.setId("menu-import-classification");
        importClasses.setOnAction(e -> chooseAndImport(window, ImportDialog.Target.CLASSIFICATION));

        MenuItem data = new MenuItem("Export data as CSV…");
        data.setOnAction(e -> saveAs(window, "data.csv", "CSV", "*.csv",
                f -> Exports.writeData(window.dataView().model().snapshot(), f)));
        MenuItem classes = new MenuItem("Export classification data as CSV…");
        classes.setOnAction(e -> saveAs(window, "classes.csv", "CSV", "*.csv",
                f -> Exports.writeLabeled(window.classifyView().model().snapshot(), f)));
        MenuItem runs = new MenuItem("Export run trajectories as CSV…");
        runs.setOnAction(e -> exportTrajectories(window));

        MenuItem png = new MenuItem("Export this view as PNG…");
        png.setId("menu-export-png");
        png.setOnAction(e -> exportPng(window));
        MenuItem lossSvg = new MenuItem("Export loss per step as SVG…");
        lossSvg.setOnAction(e -> exportSvg(window, window.surfaceView().lossChart().chart(), "loss-per-step.svg"));
        MenuItem sweepSvg = new MenuItem("Export learning-rate sweep as SVG…");
        sweepSvg.setOnAction(e -> exportSvg(window, window.surfaceView().sweepChart().chart(), "lr-sweep.svg"));
        MenuItem curvesSvg = new MenuItem("Export loss curves as SVG…");
        curvesSvg.setOnAction(e -> exportSvg(window, window.curvesView().chart(), "loss-curves.svg"));
        MenuItem gif = new MenuItem("Export descent as animated GIF…");
        gif.setOnAction(e -> exportGif(window));

        Menu menu = new Menu("Import/Export", null, importData, importClasses, new SeparatorMenuItem(), data, classes,
                runs, new SeparatorMenuItem(), png, lossSvg, sweepSvg, curvesSvg, gif);
        menu.setId("menu-import-export");
        return menu;
    }

    // ---------------------------------------------------------------- import

    private static void chooseAndImport(MainWindow window, ImportDialog.Target target) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import CSV into " + target.title);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("CSV", "*.csv", "*.txt"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = chooser.showOpenDialog(owner(window));
        if (f != null) {
            openImport(window, f.toPath(), target);
        }
    }

    /**
     * Opens the import dialog for a file (the menu does so after its file chooser); returns it, or null when the
     * file cannot be imported at all (the reason is then in the status bar and an alert).
     */
    public static ImportDialog openImport(MainWindow window, Path file, ImportDialog.Target target) {
        ImportDialog dialog;
        try {
            dialog = new ImportDialog(owner(window), file, target, o -> applyImport(window, target, o));
        } catch (IllegalArgumentException ex) {
            window.setStatus("Cannot import: " + ex.getMessage() + ". Nothing was changed.");
            Alert a = new Alert(Alert.AlertType.WARNING, ex.getMessage() + ".\nNothing was changed.");
            a.setHeaderText("Cannot import " + file.getFileName());
            a.initOwner(owner(window));
            a.show();
            return null;
        }
        dialog.show();
        return dialog;
    }

    /** Hands an import's outcome to its view (one undoable edit) and reports it. */
    static void applyImport(MainWindow window, ImportDialog.Target target, ImportDialog.Outcome o) {
        CsvImport.Result r = o.result();
        if (target == ImportDialog.Target.DATA) {
            window.dataView().importPoints(r.column(0), r.column(1));
            window.showView(window.dataView());
        } else {
            int[] labels = CsvImport.labels(r.column(2));
            int k = 2;
            for (int l : labels) {
                k = Math.max(k, l + 1);
            }
            window.classifyView().importLabeled(r.column(0), r.column(1), labels, k,
                    String.format(Locale.ROOT, "%,d points imported", r.size()));
            window.showView(window.classifyView());
        }
        window.setStatus(o.report());
    }

    // ---------------------------------------------------------------- export

    private interface Write {
        void to(Path file);
    }

    private static void saveAs(MainWindow window, String name, String kind, String pattern, Write write) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        File f = chooser.showSaveDialog(owner(window));
        if (f == null) {
            return;
        }
        try {
            write.to(f.toPath());
            window.setStatus("Wrote " + f);
        } catch (UncheckedIOException | IllegalArgumentException ex) {
            window.setStatus("Not exported: " + ex.getMessage());
        }
    }

    private static void exportTrajectories(MainWindow window) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Folder for run-1-….csv, run-2-….csv, …");
        File dir = chooser.showDialog(owner(window));
        if (dir == null) {
            return;
        }
        try {
            List<Path> files = Exports.writeTrajectories(window.surfaceView().descent(), dir.toPath());
            window.setStatus(files.isEmpty() ? "No run to export: enable a run in the surface view"
                    : "Wrote " + files.size() + " trajectories to " + dir + " (step,theta1,theta2,loss,grad_norm)");
        } catch (UncheckedIOException ex) {
            window.setStatus("Not exported: " + ex.getMessage());
        }
    }

    private static void exportPng(MainWindow window) {
        Tab tab = window.workspace().getSelectionModel().getSelectedItem();
        if (tab == null) {
            return;
        }
        Node view = tab.getContent();
        ChoiceDialog<String> sizes = new ChoiceDialog<>(PNG_SIZES.get(0), PNG_SIZES);
        sizes.setTitle("PNG size");
        sizes.setHeaderText("Size of the picture of " + tab.getText());
        sizes.initOwner(owner(window));
        String choice = sizes.showAndWait().orElse(null);
        if (choice == null) {
            return;
        }
        int[] wh = choice.startsWith("as on screen")
                ? new int[] {(int) Math.round(view.getLayoutBounds().getWidth()),
                        (int) Math.round(view.getLayoutBounds().getHeight())}
                : parseSize(choice);
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(ViewExport.nameOf(window, view) + "-" + wh[0] + "x" + wh[1] + ".png");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG", "*.png"));
        File f = chooser.showSaveDialog(owner(window));
        if (f == null) {
            return;
        }
        window.setStatus("Drawing " + tab.getText() + " at " + wh[0] + " × " + wh[1] + "…");
        ViewExport.render(window, view, wh[0], wh[1]).whenComplete((image, error) -> {
            if (error != null) {
                window.setStatus("Not exported: " + error.getMessage());
                return;
            }
            try {
                Exports.writePng(image, f.toPath());
                window.setStatus("Wrote " + f + " (" + wh[0] + " × " + wh[1] + ")");
            } catch (UncheckedIOException ex) {
                window.setStatus("Not exported: " + ex.getMessage());
            }
        });
    }

    /** "1600 × 900" → {1600, 900}. */
    static int[] parseSize(String text) {
        String[] parts = text.split("×");
        return new int[] {Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip())};
    }

    private static void exportSvg(MainWindow window, JFreeChart chart, String name) {
        saveAs(window, name, "SVG", "*.svg", f -> Exports.writeSvg(chart, 1200, 700, f));
    }

    private static void exportGif(MainWindow window) {
        var view = window.surfaceView();
        if (view.shownRendered() == null || !view.shownGrid().isComplete()) {
            window.setStatus("The surface is still being computed: try again in a moment");
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName("descent.gif");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("GIF", "*.gif"));
        File f = chooser.showSaveDialog(owner(window));
        if (f == null) {
            return;
        }
        int steps = Math.max(Exports.stepsShown(view), 100);
        window.setStatus("Drawing " + Exports.GIF_FRAMES + " frames of " + steps + " steps…");
        Exports.descentFrames(view, Exports.GIF_FRAMES, steps, 960, 640).whenComplete((frames, error) -> {
            if (error != null) {
                window.setStatus("Not exported: " + error.getMessage());
                return;
            }
            try {
                Exports.writeGif(frames, Exports.GIF_DELAY_CS, f.toPath());
                window.setStatus("Wrote " + f + " (" + frames.size() + " frames, " + steps + " steps)");
            } catch (UncheckedIOException ex) {
                window.setStatus("Not exported: " + ex.getMessage());
            }
        });
    }

    private static Window owner(MainWindow window) {
        return window.getScene() == null ? null : window.getScene().getWindow();
    }
}
