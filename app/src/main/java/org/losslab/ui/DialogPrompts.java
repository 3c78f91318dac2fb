package org.losslab.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The session questions as JavaFX dialogs owned by the window of a node. */
public final class DialogPrompts implements SessionPrompts {
    /** The file-name ending of session files. */
    public static final String EXTENSION = ".losslab.json";
    private final Node owner;

    public DialogPrompts(Node owner) {
        this.owner = owner;
    }

    private Window window() {
        return owner.getScene() == null ? null : owner.getScene().getWindow();
    }

    @Override
    public Choice askSaveChanges(String name) {
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't save", ButtonBar.ButtonData.NO);
        ButtonType cancel = new ButtonType("Cancel", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Your changes are lost if you don't save them.", save,
                discard, cancel);
        a.setTitle("LossLab");
        a.setHeaderText("Save changes to " + name + "?");
        a.initOwner(window());
        Optional<ButtonType> answer = a.showAndWait();
        if (answer.isEmpty() || answer.get() == cancel) {
            return Choice.CANCEL;
        }
        return answer.get() == save ? Choice.SAVE : Choice.DISCARD;
    }

    private FileChooser chooser(String title, Path folder) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("LossLab sessions (*" + EXTENSION + ")", "*" + EXTENSION),
                new FileChooser.ExtensionFilter("JSON files (*.json)", "*.json"));
        if (folder != null && folder.toFile().isDirectory()) {
            fc.setInitialDirectory(folder.toFile());
        }
        return fc;
    }

    @Override
    public Path chooseFileToOpen(Path folder) {
        File f = chooser("Open session", folder).showOpenDialog(window());
        return f == null ? null : f.toPath();
    }

    @Override
    public Path chooseFileToSave(Path folder, String suggestedName) {
        FileChooser fc = chooser("Save session", folder);
        fc.setInitialFileName(suggestedName);
        File f = fc.showSaveDialog(window());
        if (f == null) {
            return null;
        }
        String name = f.getName();
        return name.endsWith(".json") ? f.toPath() : f.toPath().resolveSibling(name + EXTENSION);
    }

    @Override
    public void showError(String title, String message) {
        Alert a = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        a.setTitle("LossLab");
        a.setHeaderText(title);
        a.getDialogPane().setMinWidth(520);
        a.initOwner(window());
        a.showAndWait();
    }
}
