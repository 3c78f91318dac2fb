package org.losslab.ui;

import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The frame-time read-out (F3): how long the last update of a view took on the JavaFX thread, including the
 * recomputation that fed it, and the real frame rate measured from pulse times. Views report their work with
 * {@link #record}; the read-out refreshes a few times a second while it is shown.
 */
public final class FrameMonitor {
    private static final FrameMonitor INSTANCE = new FrameMonitor();

    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private volatile String lastView = "-";
    private volatile long lastWorkNanos;
    private volatile long worstWorkNanos;
    private long lastPulse;
    private double smoothedInterval;
    private long lastRefresh;
    private boolean running;

    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (lastPulse != 0) {
                double dt = now - lastPulse;
                smoothedInterval = smoothedInterval == 0 ? dt : 0.9 * smoothedInterval + 0.1 * dt;
            }
            lastPulse = now;
            if (now - lastRefresh > 250_000_000L) {
                lastRefresh = now;
                double fps = smoothedInterval > 0 ? 1e9 / smoothedInterval : 0;
                text.set(String.format(Locale.ROOT, "%s: %.2f ms (worst %.2f ms) · %.0f fps", lastView,
                        lastWorkNanos / 1e6, worstWorkNanos / 1e6, fps));
                worstWorkNanos = 0;
            }
        }
    };

    private FrameMonitor() {
    }

    public static FrameMonitor get() {
        return INSTANCE;
    }

    /** Records the time one update of a view took. Any thread. */
    public void record(String view, long nanos) {
        lastView = view;
        lastWorkNanos = nanos;
        if (nanos > worstWorkNanos) {
            worstWorkNanos = nanos;
        }
    }

    /** Turns the read-out on or off (JavaFX thread). */
    public void setRunning(boolean on) {
        if (on == running) {
            return;
        }
        running = on;
        if (on) {
            lastPulse = 0;
            smoothedInterval = 0;
            text.set("measuring…");
            timer.start();
        } else {
            timer.stop();
            text.set("");
        }
    }

    public boolean isRunning() {
        return running;
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }
}
