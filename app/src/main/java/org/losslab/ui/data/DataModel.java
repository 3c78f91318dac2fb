package org.losslab.ui.data;

import java.util.Arrays;
import java.util.Random;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import org.losslab.lesson.Datasets;
import org.losslab.ui.UndoHistory;

/**
 * The points of the data view, (x, y) with a training/validation flag each, and every edit to them: add, move,
 * delete, toggle validation, add an outlier, regenerate. Every edit can be undone and redone exactly (a drag is one
 * edit, however many moves it made). Views redraw when {@link #revisionProperty()} changes.
 */
public final class DataModel {
    /** How many edits can be undone. */
    public static final int UNDO_DEPTH = 500;

    /** An immutable copy of the points. */
    public record Snapshot(double[] x, double[] y, boolean[] validation) {
        public int size() {
            return x.length;
        }

        Snapshot copy() {
            return new Snapshot(x.clone(), y.clone(), validation.clone());
        }
    }

    private double[] x = new double[0];
    private double[] y = new double[0];
    private boolean[] validation = new boolean[0];
    private final UndoHistory<Snapshot> history = new UndoHistory<>(UNDO_DEPTH);
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper();
    private int points = 20;
    private int outliers = 2;
    private double noise = 0.8;
    private long seed = 42;
    private final Random outlierRandom = new Random(7);

    public DataModel() {
        regenerate(points, outliers, noise, seed);
        history.clear();
    }

    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return history.canUndoProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return history.canRedoProperty();
    }

    private void changed() {
        revision.set(revision.get() + 1);
    }


    /** Records the current points as the state an undo returns to, and forgets what could be redone. */
    private void remember() {
        history.remember(snapshot());
    }

    /** A copy of the points now. */
    public Snapshot snapshot() {
        return new Snapshot(x.clone(), y.clone(), validation.clone());
    }

    /** Replaces every point (one edit). */
    public void replace(Snapshot s) {
        remember();
        restore(s.copy());
    }

    private void restore(Snapshot s) {
        x = s.x();
        y = s.y();
        validation = s.validation();
        changed();
    }

    public int size() {
        return x.length;
    }

    public double x(int i) {
        return x[i];
    }

    public double y(int i) {
        return y[i];
    }

    public boolean isValidation(int i) {
        return validation[i];
    }

    /** The training points (not marked validation), as two arrays {x, y}. */
    public double[][] training() {
        return select(false);
    }

    /** The validation points, as two arrays {x, y}. */
    public double[][] validationPoints() {
        return select(true);
    }

    private double[][] select(boolean wantValidation) {
        int n = 0;
        for (boolean v : validation) {
            if (v == wantValidation) {
                n++;
            }
        }
        double[] xs = new double[n];
        double[] ys = new double[n];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (validation[i] == wantValidation) {
                xs[k] = x[i];
                ys[k++] = y[i];
            }
        }
        return new double[][] {xs, ys};
    }

    /** Adds a point (one edit); returns its index. Non-finite coordinates are refused. */
    public int add(double px, double py) {
        if (!Double.isFinite(px) || !Double.isFinite(py)) {
            return -1;
        }
        remember();
        int n = x.length;
        x = Arrays.copyOf(x, n + 1);
        y = Arrays.copyOf(y, n + 1);
        validation = Arrays.copyOf(validation, n + 1);
        x[n] = px;
        y[n] = py;
        changed();
        return n;
    }

    /** Starts dragging point i: the drag, however many moves, is one edit. */
    public void beginDrag(int i) {
        remember();
    }

    /** Moves point i during a drag (no new undo entry). */
    public void dragTo(int i, double px, double py) {
        if (i < 0 || i >= x.length || !Double.isFinite(px) || !Double.isFinite(py)) {
            return;
        }
        x[i] = px;
        y[i] = py;
        changed();
    }

    /** Moves point i as one edit. */
    public void move(int i, double px, double py) {
        beginDrag(i);
        dragTo(i, px, py);
    }

    /** Deletes point i (one edit). */
    public void delete(int i) {
        if (i < 0 || i >= x.length) {
            return;
        }
        remember();
        x = remove(x, i);
        y = remove(y, i);
        boolean[] v = new boolean[validation.length - 1];
        System.arraycopy(validation, 0, v, 0, i);
        System.arraycopy(validation, i + 1, v, i, v.length - i);
        validation = v;
        changed();
    }

    private static double[] remove(double[] a, int i) {
        double[] out = new double[a.length - 1];
        System.arraycopy(a, 0, out, 0, i);
        System.arraycopy(a, i + 1, out, i, out.length - i);
        return out;
    }

    /** Marks point i as validation or back as training (one edit). */
    public void toggleValidation(int i) {
        if (i < 0 || i >= x.length) {
            return;
        }
        remember();
        validation = validation.clone();
        validation[i] = !validation[i];
        changed();
    }

    /** Adds a point far above the trend of the others (one edit); returns its index. */
    public int addOutlier() {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            minX = Math.min(minX, x[i]);
            maxX = Math.max(maxX, x[i]);
            maxY = Math.max(maxY, y[i]);
            minY = Math.min(minY, y[i]);
        }
        if (x.length == 0) {
            return add(5, 10);
        }
        double px = minX + (maxX - minX) * (0.6 + 0.35 * outlierRandom.nextDouble());
        double span = Math.max(1, maxY - minY);
        return add(px, maxY + span * (0.4 + 0.3 * outlierRandom.nextDouble()));
    }

    /** Replaces the data by a seeded line with noise and outliers (one edit). */
    public void regenerate(int n, int outlierCount, double noiseSd, long newSeed) {
        points = n;
        outliers = outlierCount;
        noise = noiseSd;
        seed = newSeed;
        Datasets.XY d = Datasets.noisyLine(n, 0.8, 1.0, noiseSd, outlierCount, newSeed);
        remember();
        restore(new Snapshot(d.x(), d.y(), new boolean[d.size()]));
    }

    /**
     * Replaces the points and the generator's settings, as opening a session does: not an edit, so the undo and redo
     * history is cleared.
     */
    public void load(Snapshot s, int n, int outlierCount, double noiseSd, long newSeed) {
        points = n;
        outliers = outlierCount;
        noise = noiseSd;
        seed = newSeed;
        history.clear();
        restore(s.copy());
    }

    /** Back to the generator's data with its current settings (one edit). */
    public void reset() {
        regenerate(points, outliers, noise, seed);
    }

    public boolean undo() {
        java.util.Optional<Snapshot> back = history.undo(snapshot());
        back.ifPresent(this::restore);
        return back.isPresent();
    }

    public boolean redo() {
        java.util.Optional<Snapshot> forward = history.redo(snapshot());
        forward.ifPresent(this::restore);
        return forward.isPresent();
    }

    /** The index of the point nearest (px, py) within the given distances (in data units per axis), or -1. */
    public int nearest(double px, double py, double tolX, double tolY) {
        int best = -1;
        double bestD = 1.0;
        for (int i = 0; i < x.length; i++) {
            double dx = (x[i] - px) / tolX;
            double dy = (y[i] - py) / tolY;
            double d = dx * dx + dy * dy;
            if (d <= bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    public int generatorPoints() {
        return points;
    }

    public int generatorOutliers() {
        return outliers;
    }

    public double generatorNoise() {
        return noise;
    }

    public long generatorSeed() {
        return seed;
    }
}
