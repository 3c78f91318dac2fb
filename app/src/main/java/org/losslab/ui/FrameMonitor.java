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
    /** Per view: {last, worst} nanoseconds since the last refresh of the read-out. */
    private final java.util.Map<String, long[]> work = new java.util.LinkedHashMap<>();
    private String lastWorkText = "no updates yet";
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
                synchronized (work) {
                    if (!work.isEmpty()) {
                        StringBuilder sb = new StringBuilder();
                        for (java.util.Map.Entry<String, long[]> e : work.entrySet()) {
                            if (sb.length() > 0) {
                                sb.append(" · ");
                            }
                            sb.append(String.format(Locale.ROOT, "%s: %.2f ms (worst %.2f ms)", e.getKey(),
                                    e.getValue()[0] / 1e6, e.getValue()[1] / 1e6));
                        }
                        lastWorkText = sb.toString();
                        work.clear();
                    }
                }
                text.set(String.format(Locale.ROOT, "%s · %.0f fps", lastWorkText, fps));
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
        synchronized (work) {
            long[] w = work.computeIfAbsent(view, k -> new long[2]);
            w[0] = nanos;
            w[1] = Math.max(w[1], nanos);
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
            lastWorkText = "no updates yet";
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
