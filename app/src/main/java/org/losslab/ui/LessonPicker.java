package org.losslab.ui;

import java.util.List;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
import org.losslab.lesson.Lessons;
import org.losslab.lesson.SessionException;
import org.losslab.lesson.SessionState;

/**
 * The lesson picker: every bundled lesson with its title and one line, and "Just explore". The app shows it at
 * start-up (unless {@code -Dlosslab.noPicker=true}); the Lessons menu offers it too.
 */
public final class LessonPicker {
    private LessonPicker() {
    }

    /** The picker's content: a button per lesson (id {@code pick-ID}) and one to just explore ({@code pick-explore}). */
    static VBox content(List<SessionState.Lesson> lessons, java.util.function.Consumer<String> choose) {
        VBox box = new VBox(6);
        box.setPadding(new Insets(4));
        Label intro = new Label("Pick a lesson: each opens with its data, settings and notes on what to look at.");
        intro.setWrapText(true);
        box.getChildren().add(intro);
        for (SessionState.Lesson l : lessons) {
            // Text only (a graphic of wrapped labels made the first button as tall as the list): the title, then the
            // one line, wrapped at a fixed width so that each button is as tall as its text.
            Button b = new Button(l.title() + "\n" + l.summary());
            b.setWrapText(true);
            b.setPrefWidth(560);
            b.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            b.setMaxHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            b.setId("pick-" + l.id());
            b.setMaxWidth(Double.MAX_VALUE);
            b.setAlignment(Pos.CENTER_LEFT);
            b.setOnAction(e -> choose.accept(l.id()));
            box.getChildren().add(b);
        }
        Button explore = new Button("Just explore");
        explore.setId("pick-explore");
        explore.setMaxWidth(Double.MAX_VALUE);
        explore.setOnAction(e -> choose.accept(""));
        box.getChildren().add(explore);
        return box;
    }

    /**
     * Shows the picker and waits. Returns the chosen lesson's id, "" for "Just explore", or empty when closed.
     */
    public static Optional<String> ask(Node owner) {
        List<SessionState.Lesson> lessons;
        try {
            lessons = Lessons.all();
        } catch (SessionException e) {
            return Optional.empty();
        }
        Dialog<String> d = new Dialog<>();
        d.setTitle("LossLab: lessons");
        d.setHeaderText("What would you like to see?");
        VBox box = content(lessons, id -> {
            d.setResult(id);
            d.close();
        });
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setPrefSize(620, 640);
        d.getDialogPane().setContent(scroll);
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        d.setResultConverter(b -> null);
        if (owner != null && owner.getScene() != null) {
            d.initOwner(owner.getScene().getWindow());
            if (owner.getScene().getStylesheets() != null) {
                d.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
            }
        }
        return d.showAndWait();
    }
}
