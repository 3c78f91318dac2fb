package org.losslab.ui;

import java.net.URL;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The keyboard shortcut sheet (F1): every key the app answers to, by view, in a window of its own that Esc closes.
 * The list is written out here from the handlers (MainWindow, DataView, SurfaceView, ClassifyView,
 * LossCurvesView); a key that is added there belongs here too.
 */
public final class ShortcutSheet {
    /** One shortcut: the keys as printed, and what they do. */
    public record Shortcut(String keys, String action) {
    }

    /** A group of shortcuts with its heading. */
    public record Section(String title, List<Shortcut> shortcuts) {
    }

    /** Every shortcut, by view. */
    public static final List<Section> SECTIONS = List.of(
            new Section("Everywhere", List.of(
                    new Shortcut("F1", "this sheet (Esc closes it)"),
                    new Shortcut("F3", "frame-time read-out in the status bar, on and off"),
                    new Shortcut("Ctrl+Plus", "larger: presentation ×1.5, then ×2 (also Ctrl+=)"),
                    new Shortcut("Ctrl+Minus", "smaller"),
                    new Shortcut("Ctrl+0", "normal size"),
                    new Shortcut("F5", "presentation ×1.5 on and off"),
                    new Shortcut("Ctrl+Shift+D", "dark theme on and off"),
                    new Shortcut("Ctrl+Q", "quit"))),
            new Section("Data: MSE vs MAE", List.of(
                    new Shortcut("Ctrl+Z", "undo the last edit (a whole drag is one edit)"),
                    new Shortcut("Ctrl+Y, Ctrl+Shift+Z", "redo"),
                    new Shortcut("Delete, Backspace", "remove the selected point"),
                    new Shortcut("click / drag", "add a point / move a point"),
                    new Shortcut("right-click", "remove a point"))),
            new Section("Classification", List.of(
                    new Shortcut("Space", "play or pause gradient descent"),
                    new Shortcut("→", "one step"),
                    new Shortcut("R", "reset the parameters"),
                    new Shortcut("Ctrl+Z", "undo the last edit of the points"),
                    new Shortcut("Ctrl+Y", "redo"),
                    new Shortcut("click / drag", "add a point of the chosen class / move a point"),
                    new Shortcut("right-click, Shift+click", "remove a point"))),
            new Section("Surface & descent", List.of(
                    new Shortcut("Space", "play or pause the runs"),
                    new Shortcut("→", "one step of every run"),
                    new Shortcut("R", "reset the runs to the start"),
                    new Shortcut("click", "set the start"),
                    new Shortcut("scroll", "zoom about the pointer"),
                    new Shortcut("right-drag, Shift+drag", "pan"))),
            new Section("Loss curves", List.of(
                    new Shortcut("Enter", "in \"Your own loss\": add the expression (or apply it to the selected one)"))));

    private final Stage stage = new Stage();
    private final VBox content = new VBox(10);

    public ShortcutSheet() {
        content.setId("shortcut-sheet");
        content.getStyleClass().add("shortcut-sheet");
        Label title = new Label("Keyboard shortcuts");
        title.getStyleClass().add("sheet-title");
        Label hint = new Label("Esc closes this sheet. On a Mac, Ctrl is ⌘.");
        hint.getStyleClass().add("hint");
        content.getChildren().addAll(title, hint);
        for (Section s : SECTIONS) {
            Label heading = new Label(s.title());
            heading.getStyleClass().add("sidebar-heading");
            GridPane grid = new GridPane();
            grid.setHgap(14);
            grid.setVgap(4);
            grid.setPadding(new Insets(0, 0, 0, 8));
            int row = 0;
            for (Shortcut k : s.shortcuts()) {
                Label key = new Label(k.keys());
                key.getStyleClass().add("shortcut-key");
                grid.add(key, 0, row);
                grid.add(new Label(k.action()), 1, row);
                row++;
            }
            content.getChildren().addAll(heading, grid);
        }
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        Scene scene = new Scene(scroll);
        URL css = ShortcutSheet.class.getResource("/assets/styles/losslab.css");
        if (css != null) {
            scene.getStylesheets().add(css.toExternalForm());
        }
        Theme.get().follow(scene);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE || e.getCode() == KeyCode.F1) {
                stage.hide();
                e.consume();
            }
        });
        stage.setTitle("LossLab: keyboard shortcuts");
        stage.setScene(scene);
    }

    /** Shows the sheet in front of {@code owner} (may be null) and gives it the keyboard. */
    public void show(Window owner) {
        if (stage.getOwner() == null && owner != null) {
            stage.initOwner(owner);
        }
        stage.sizeToScene();
        Scene scene = stage.getScene();
        scene.getRoot().applyCss();
        stage.setHeight(Math.min(760 * Theme.get().scale(), 980));
        stage.setWidth(Math.min(620 * Theme.get().scale(), 1500));
        stage.show();
        stage.toFront();
        stage.requestFocus();
        content.requestFocus();
    }

    public boolean isShowing() {
        return stage.isShowing();
    }

    public void hide() {
        stage.hide();
    }

    public Stage stage() {
        return stage;
    }
}
