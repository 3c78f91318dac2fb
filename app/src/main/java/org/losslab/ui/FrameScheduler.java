package org.losslab.ui;

import javafx.animation.AnimationTimer;

/**
 * Runs a redraw at most once per JavaFX pulse, however many changes asked for it in between. The timer runs
 * only while a redraw is pending, so an idle view costs nothing.
 */
public final class FrameScheduler {
    private final Runnable redraw;
    private boolean pending;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            stop();
            pending = false;
            redraw.run();
        }
    };

    public FrameScheduler(Runnable redraw) {
        this.redraw = redraw;
    }

    /** Asks for a redraw on the next pulse. Must be called on the JavaFX thread. */
    public void request() {
        if (!pending) {
            pending = true;
            timer.start();
        }
    }
}
