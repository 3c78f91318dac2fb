package org.losslab.ui.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.losslab.lesson.CsvImport;

/**
 * The import of a CSV file into the data view (x, y) or the classification view (x1, x2, label): the columns with
 * the first rows as a preview, the header as detected (the user may say otherwise), a choice of columns, and for big
 * files a random sample for display. The file is read on a worker thread with a progress bar and Cancel; the
 * result is handed to the view once, on the JavaFX thread. A failed or cancelled import changes nothing.
 */
public final class ImportDialog {
    /** Rows shown in the preview. */
    public static final int PREVIEW_ROWS = 8;
    /** Points the data view is given at most by default (it refits and redraws every point on each edit). */
    public static final int DEFAULT_SAMPLE = 10_000;
    /** Points a view is given at most, even when the user asks for all. */
    public static final int MAX_POINTS = 200_000;

    /** Where the imported columns go. */
    public enum Target {
        DATA("the data view", new String[] {"x", "y"}),
        CLASSIFICATION("the classification view", new String[] {"x1", "x2", "label"});

        final String title;
        final String[] roles;

        Target(String title, String[] roles) {
            this.title = title;
            this.roles = roles;
        }
    }

    /** What an import produced: the (possibly sampled) columns and a one-line report for the status bar. */
    public record Outcome(CsvImport.Result result, String report) {
    }

    private final Stage stage = new Stage();
    private final Path file;
    private final Target target;
    private final Consumer<Outcome> apply;
    private final CheckBox header = new CheckBox("First row is a header");
    private final List<ChoiceBox<String>> choices = new java.util.ArrayList<>();
    private final GridPane preview = new GridPane();
    private final CheckBox sample = new CheckBox("Use a random sample of at most");
    private final TextField sampleSize = new TextField(Integer.toString(DEFAULT_SAMPLE));
    private final ProgressBar progress = new ProgressBar(0);
    private final Label percent = new Label();
    private final Label message = new Label();
    private final Button importButton = new Button("Import");
    private final Button cancel = new Button("Cancel");
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private CsvImport.Preview shown;
    private Thread reader;

    /**
     * A dialog for {@code file}; {@code apply} receives the outcome on the JavaFX thread (once, only on success).
     *
     * @throws IllegalArgumentException when the file cannot be previewed (empty, one column, unreadable): nothing
     *                                  to choose from, the caller shows the message
     */
    public ImportDialog(Window owner, Path file, Target target, Consumer<Outcome> apply) {
        this.file = file;
        this.target = target;
        this.apply = apply;
        shown = CsvImport.preview(file, PREVIEW_ROWS);
        if (shown.columns().size() < target.roles.length) {
            throw new IllegalArgumentException(file.getFileName() + " has " + shown.columns().size()
                    + " columns: " + target.title + " needs " + target.roles.length + " ("
                    + String.join(", ", target.roles) + ")");
        }
        stage.setTitle("Import " + file.getFileName() + " into " + target.title);
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        header.setId("import-header");
        header.setSelected(shown.header());
        header.selectedProperty().addListener((o, a, b) -> reload(b));
        HBox columns = new HBox(8);
        columns.setAlignment(Pos.CENTER_LEFT);
        for (String role : target.roles) {
            ChoiceBox<String> c = new ChoiceBox<>();
            c.setId("import-column-" + role);
            choices.add(c);
            columns.getChildren().addAll(new Label(role), c);
        }
        fillChoices();
        preview.setId("import-preview");
        preview.setHgap(16);
        preview.setVgap(2);
        preview.getStyleClass().add("import-preview");
        fillPreview();

        sample.setId("import-sample");
        sample.setSelected(true);
        sampleSize.setId("import-sample-size");
        sampleSize.setPrefColumnCount(7);
        sampleSize.disableProperty().bind(sample.selectedProperty().not());
        Label sampleWhy = new Label("The views refit and redraw every point on each edit; a sample keeps them "
                + "responsive. At most " + String.format(Locale.ROOT, "%,d", MAX_POINTS) + " points either way.");
        sampleWhy.setWrapText(true);
        sampleWhy.setMinHeight(Region.USE_PREF_SIZE);
        sampleWhy.getStyleClass().add("hint");
        HBox sampleRow = new HBox(6, sample, sampleSize, new Label("points"));
        sampleRow.setAlignment(Pos.CENTER_LEFT);

        progress.setId("import-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        percent.setId("import-percent");
        percent.setMinWidth(50);
        message.setId("import-message");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.getStyleClass().add("field-error");
        importButton.setId("import-ok");
        importButton.setDefaultButton(true);
        importButton.setOnAction(e -> start());
        cancel.setId("import-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> cancel());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, progress, percent, spacer, importButton, cancel);
        buttons.setAlignment(Pos.CENTER_LEFT);

        Label title = new Label(String.format(Locale.ROOT, "%s (%s) into %s", file.getFileName(),
                size(shown.bytes()), target.title));
        title.getStyleClass().add("sidebar-heading");
        Label previewTitle = new Label("First rows");
        previewTitle.getStyleClass().add("sidebar-heading");
        VBox root = new VBox(10, title, header, columns, previewTitle, preview, sampleRow, sampleWhy, message,
                buttons);
        root.setPadding(new Insets(14));
        root.setPrefWidth(640);
        Scene scene = new Scene(root);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> cancelled.set(true));
    }

    public void show() {
        stage.show();
    }

    public Stage stage() {
        return stage;
    }

    private void reload(boolean withHeader) {
        try {
            shown = CsvImport.preview(file, PREVIEW_ROWS, withHeader);
            message.setText("");
            fillChoices();
            fillPreview();
        } catch (IllegalArgumentException ex) {
            message.setText(ex.getMessage());
        }
    }

    private void fillChoices() {
        int[] suggested = {shown.suggestedX(), shown.suggestedY(), -1};
        if (target == Target.CLASSIFICATION) {
            int label = shown.indexOf("label");
            for (String n : new String[] {"class", "y", "target"}) {
                label = label >= 0 ? label : shown.indexOf(n);
            }
            if (label < 0 || label == suggested[0] || label == suggested[1]) {
                label = firstOther(suggested[0], suggested[1]);
            }
            suggested[2] = label;
            if (suggested[1] == label) {
                suggested[1] = firstOther(suggested[0], label);
            }
        }
        for (int i = 0; i < choices.size(); i++) {
            choices.get(i).getItems().setAll(shown.columns());
            choices.get(i).setValue(shown.columns().get(Math.max(0, Math.min(suggested[i],
                    shown.columns().size() - 1))));
        }
    }

    private int firstOther(int a, int b) {
        for (int i = 0; i < shown.columns().size(); i++) {
            if (i != a && i != b) {
                return i;
            }
        }
        return 0;
    }

    private void fillPreview() {
        preview.getChildren().clear();
        for (int c = 0; c < shown.columns().size(); c++) {
            Label h = new Label(shown.columns().get(c));
            h.getStyleClass().add("table-head");
            preview.add(h, c, 0);
        }
        for (int r = 0; r < shown.rows().size(); r++) {
            List<String> row = shown.rows().get(r);
            for (int c = 0; c < row.size(); c++) {
                Label cell = new Label(row.get(c));
                cell.getStyleClass().add("table-number");
                preview.add(cell, c, r + 1);
            }
        }
    }

    /** Reads the file on a worker thread; the view is changed once, on the JavaFX thread, if it succeeds. */
    public void start() {
        int[] cols = new int[choices.size()];
        String[] names = new String[cols.length];
        for (int i = 0; i < cols.length; i++) {
            names[i] = choices.get(i).getValue();
            cols[i] = shown.columns().indexOf(names[i]);
        }
        for (int i = 0; i < cols.length; i++) {
            for (int j = i + 1; j < cols.length; j++) {
                if (cols[i] == cols[j]) {
                    message.setText(target.roles[i] + " and " + target.roles[j] + " are the same column ("
                            + names[i] + "): choose two different ones");
                    return;
                }
            }
        }
        int limit = MAX_POINTS;
        if (sample.isSelected()) {
            try {
                limit = Math.min(MAX_POINTS, Integer.parseInt(sampleSize.getText().strip()));
                if (limit < 1) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException ex) {
                message.setText("sample size: a whole number from 1 to " + MAX_POINTS);
                return;
            }
        }
        final int max = limit;
        final boolean withHeader = header.isSelected();
        message.setText("");
        importButton.setDisable(true);
        for (ChoiceBox<String> c : choices) {
            c.setDisable(true);
        }
        cancelled.set(false);
        long t0 = System.nanoTime();
        reader = new Thread(() -> {
            try {
                CsvImport.Result all = CsvImport.read(file, withHeader, cols, names, (done, total, rows) -> {
                    double f = total > 0 ? (double) done / total : 1;
                    Platform.runLater(() -> showProgress(f));
                }, cancelled::get);
                if (target == Target.CLASSIFICATION) {
                    CsvImport.labels(all.column(2));
                }
                CsvImport.Result used = CsvImport.sample(all, max, 1);
                double seconds = (System.nanoTime() - t0) / 1e9;
                String report = report(all, used, names, seconds);
                Platform.runLater(() -> finish(new Outcome(used, report)));
            } catch (CancellationException ex) {
                Platform.runLater(() -> failed("Import cancelled: nothing was changed."));
            } catch (IllegalArgumentException ex) {
                Platform.runLater(() -> failed(ex.getMessage() + ". Nothing was changed."));
            } catch (RuntimeException | OutOfMemoryError ex) {
                Platform.runLater(() -> failed("could not import: " + ex + ". Nothing was changed."));
            }
        }, "csv-import");
        reader.setDaemon(true);
        reader.start();
    }

    private String report(CsvImport.Result all, CsvImport.Result used, String[] names, double seconds) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Imported %,d rows of %s in %.1f s (%s)",
                all.size(), file.getFileName(), seconds, String.join(", ", names)));
        if (used.size() < all.size()) {
            sb.append(String.format(Locale.ROOT, "; showing a random sample of %,d", used.size()));
        }
        if (all.skipped() > 0) {
            sb.append("; ").append(all.skippedMessage());
        }
        return sb.append(". Ctrl+Z undoes the import.").toString();
    }

    private void showProgress(double f) {
        if (!stage.isShowing() && reader == null) {
            return;
        }
        progress.setProgress(f);
        percent.setText(String.format(Locale.ROOT, "%.0f%%", 100 * f));
    }

    private void finish(Outcome outcome) {
        reader = null;
        if (cancelled.get()) {
            failed("Import cancelled: nothing was changed.");
            return;
        }
        showProgress(1);
        apply.accept(outcome);
        stage.close();
    }

    private void failed(String text) {
        reader = null;
        message.setText(text);
        stage.sizeToScene();
        progress.setProgress(0);
        percent.setText("");
        importButton.setDisable(false);
        for (ChoiceBox<String> c : choices) {
            c.setDisable(false);
        }
    }

    /** Cancels a running read (the dialog stays open and says so), or closes the dialog when none runs. */
    public void cancel() {
        if (reader != null) {
            cancelled.set(true);
        } else {
            stage.close();
        }
    }

    /** Whether a read is running. */
    public boolean isReading() {
        return reader != null;
    }

    public Label message() {
        return message;
    }

    private static String size(long bytes) {
        if (bytes < 10_000) {
            return bytes + " bytes";
        }
        if (bytes < 10_000_000) {
            return String.format(Locale.ROOT, "%.0f kB", bytes / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
