package org.losslab.ui;

import java.util.function.DoubleSupplier;
import java.util.function.IntConsumer;
import javafx.animation.AnimationTimer;
import javafx.scene.Node;

/**
 * Drives an animation in steps per second from elapsed time, not from frame counts: each pulse it hands the
 * whole steps that came due since the last one to {@code takeSteps} (a pause longer than a quarter of a second
 * counts as a quarter, so a stalled window does not come back with a burst). While its owner is out of a scene (the
 * window closed, or the view lent to an export) the clock pauses; back in a scene, a clock that was started goes on.
 */
public final class StepClock {
    private static final double MAX_GAP_SECONDS = 0.25;
    private final DoubleSupplier stepsPerSecond;
    private final IntConsumer takeSteps;
    private long lastTick;
    private double debt;
    private boolean running;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (lastTick == 0) {
                lastTick = now;
                return;
            }
            debt += Math.min(MAX_GAP_SECONDS, (now - lastTick) / 1e9) * stepsPerSecond.getAsDouble();
            lastTick = now;
            int n = (int) debt;
            debt -= n;
            if (n > 0) {
                takeSteps.accept(n);
            }
        }
    };

    /**
     * @param owner the view that shows the animation: the clock pauses while it is out of a scene
     */
    public StepClock(Node owner, DoubleSupplier stepsPerSecond, IntConsumer takeSteps) {
        this.stepsPerSecond = stepsPerSecond;
        this.takeSteps = takeSteps;
        owner.sceneProperty().addListener((o, a, b) -> {
            if (b == null) {
                timer.stop();
            } else if (running) {
                lastTick = 0;
                debt = 0;
                timer.start();
            }
        });
    }

    /** Starts (or restarts) counting from the next pulse. */
    public void start() {
        lastTick = 0;
        debt = 0;
        running = true;
        timer.start();
    }

    public void stop() {
        running = false;
        timer.stop();
    }

    public boolean isRunning() {
        return running;
    }
}
