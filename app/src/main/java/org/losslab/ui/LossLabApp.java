package org.losslab.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** Placeholder main window: being written. */
public final class LossLabApp extends Application {
    public static void launchApp(String[] args) {
        Application.launch(LossLabApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(new Label("LossLab"), 800, 600));
        stage.show();
    }
}
