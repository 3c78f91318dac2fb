package org.losslab.ui.io;

import java.net.URL;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import javafx.animation.AnimationTimer;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import org.losslab.ui.LossLabApp;

/**
 * Draws a view at a chosen size, for slides: the view is laid out alone in an off-screen scene of that size (with the
 * app's stylesheet), given a few pulses so that its canvases redraw at the new size, and snapshotted once it says
 * its asynchronous work is complete. Everything runs on the JavaFX thread; the result arrives as a future.
 */
public final class ViewSnapshot {
    /** Pulses to wait after the layout before the first look at readiness (the canvases draw on a pulse). */
    static final int SETTLE_PULSES = 3;
    /** Give up waiting for readiness after this long and snapshot what is there. */
    static final long TIMEOUT_NANOS = 30_000_000_000L;

    private ViewSnapshot() {
    }

    /**
     * Lays {@code view} out at {@code width} × {@code height} in a scene of its own and snapshots it once
     * {@code ready} is true. The view must not be in another scene graph (take it out of its tab first, see
     * {@link org.losslab.ui.MainWindow}); it is left in the off-screen scene, for the caller to put back.
     * Call on the JavaFX thread.
     */
    public static CompletableFuture<WritableImage> capture(Node view, int width, int height, BooleanSupplier ready) {
        CompletableFuture<WritableImage> result = new CompletableFuture<>();
        StackPane root = new StackPane(view);
        root.setStyle("-fx-background-color: white;");
        Scene scene = new Scene(root, width, height);
        URL css = LossLabApp.class.getResource("/assets/styles/losslab.css");
        if (css != null) {
            scene.getStylesheets().add(css.toExternalForm());
        }
        root.applyCss();
        root.layout();
        long started = System.nanoTime();
        new AnimationTimer() {
            private int pulses;
            private int readyAt = -1;

            @Override
            public void handle(long now) {
                try {
                    root.applyCss();
                    root.layout();
                    pulses++;
                    boolean timedOut = System.nanoTime() - started > TIMEOUT_NANOS;
                    if (pulses < SETTLE_PULSES) {
                        return;
                    }
                    if (readyAt < 0 && (timedOut || ready.getAsBoolean())) {
                        readyAt = pulses;
                    }
                    // two more pulses after readiness, so that what became ready is also drawn
                    if (readyAt < 0 || pulses < readyAt + 2) {
                        return;
                    }
                    stop();
                    result.complete(scene.snapshot(new WritableImage(width, height)));
                } catch (RuntimeException ex) {
                    stop();
                    result.completeExceptionally(ex);
                }
            }
        }.start();
        return result;
    }
}
