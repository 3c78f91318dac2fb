package org.losslab.ui;

import java.net.URL;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The JavaFX application: one main window. Start it with {@code mvn javafx:run} or {@code java -jar losslab.jar}.
 */
public final class LossLabApp extends Application {

    /** Launches the app (called by the launcher when no sub-command is given). */
    public static void launchApp(String[] args) {
        Application.launch(LossLabApp.class, args);
    }

    /** Builds the scene: the main window with the app's stylesheet. */
    public static Scene createScene(MainWindow window) {
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(window, Math.min(1560, screen.getWidth() * 0.96), Math.min(960, screen.getHeight() * 0.94));
        URL css = LossLabApp.class.getResource("/assets/styles/losslab.css");
        if (css != null) {
            scene.getStylesheets().add(css.toExternalForm());
        }
        return scene;
    }

    /**
     * The start-up lesson picker (skipped with {@code -Dlosslab.noPicker=true}); a lesson opens, "Just explore"
     * keeps the default state.
     */
    private static void showLessonPicker(MainWindow window) {
        Platform.runLater(() -> LessonPicker.ask(window).ifPresent(id -> {
            if (!id.isEmpty()) {
                window.openLesson(id);
            }
        }));
    }

    /**
     * One full garbage collection 1.5 s after the window opens, on a daemon thread. Start-up (fonts, CSS, every
     * view, the first surfaces) leaves tens of megabytes behind; left to itself the collector cleans them up
     * 6-20 s later in mixed collections of 20-30 ms, which land in the middle of whatever animates then (four runs
     * racing measured pulses up to 39 ms there). Now, while the user reads the window, it costs one pause nobody
     * sees, and later collections are short young ones (3-7 ms).
     */
    private static void collectStartUpGarbage() {
        Thread gc = new Thread(() -> {
            try {
                Thread.sleep(1500);
                System.gc();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "start-up-gc");
        gc.setDaemon(true);
        gc.start();
    }

    @Override
    public void start(Stage stage) {
        MainWindow window = new MainWindow(org.losslab.lesson.RecentFiles.userDefault());
        Thread.currentThread().setUncaughtExceptionHandler((t, ex) -> {
            window.setStatus("Something went wrong: " + ex + " (your work is unchanged)");
            ex.printStackTrace();
        });
        stage.titleProperty().bind(window.titleProperty());
        stage.setScene(createScene(window));
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.setOnCloseRequest(e -> {
            if (!window.confirmDiscard()) {
                e.consume();
                return;
            }
            window.shutdown();
            Platform.exit();
        });
        stage.show();
        collectStartUpGarbage();
        if ("race4".equals(System.getProperty("losslab.scenario"))) {
            window.showView(window.surfaceView());
            window.surfaceView().startRaceScenario();
        } else if (!Boolean.getBoolean("losslab.noPicker")) {
            showLessonPicker(window);
        }
    }
}
