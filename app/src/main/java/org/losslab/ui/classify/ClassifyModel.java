package org.losslab.ui.classify;

import java.util.Arrays;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import org.losslab.ui.UndoHistory;

/**
 * The labelled points of the classification view, (x1, x2) with a class 0..K-1 each, and every edit to them: add,
 * move, delete, load a data set. Every edit can be undone and redone exactly (a drag is one edit however many moves
 * it made). Views redraw when {@link #revisionProperty()} changes.
 */
public final class ClassifyModel {
    /** How many edits can be undone. */
    public static final int UNDO_DEPTH = 500;

    /** An immutable copy of the points. */
    public record Snapshot(double[] x1, double[] x2, int[] labels, int classes) {
        public int size() {
            return x1.length;
        }

        /** How many points have class {@code k}. */
        public int count(int k) {
            int c = 0;
            for (int l : labels) {
                if (l == k) {
                    c++;
                }
            }
            return c;
        }
    }

    private double[] x1 = new double[0];
    private double[] x2 = new double[0];
    private int[] labels = new int[0];
    private int classes = 2;
    private final UndoHistory<Snapshot> history = new UndoHistory<>(UNDO_DEPTH);
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper();
    private boolean dragging;

    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return history.canUndoProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return history.canRedoProperty();
    }

    public Snapshot snapshot() {
        return new Snapshot(x1.clone(), x2.clone(), labels.clone(), classes);
    }

    public int size() {
        return x1.length;
    }

    public int classes() {
        return classes;
    }

    public double x1(int i) {
        return x1[i];
    }

    public double x2(int i) {
        return x2[i];
    }

    public int label(int i) {
        return labels[i];
    }

    /** Replaces every point (an undoable edit). Labels must lie in 0..classes-1. */
    public void load(double[] px1, double[] px2, int[] plabels, int k) {
        if (px1.length != px2.length || px1.length != plabels.length) {
            throw new IllegalArgumentException("x1, x2 and labels differ in length");
        }
        for (int l : plabels) {
            if (l < 0 || l >= k) {
                throw new IllegalArgumentException("label " + l + " is not a class of " + k);
            }
        }
        remember();
        set(new Snapshot(px1.clone(), px2.clone(), plabels.clone(), k));
    }

    /** Adds a point of class {@code k}; returns its index. */
    public int add(double px1, double px2, int k) {
        if (k < 0 || k >= classes) {
            throw new IllegalArgumentException("class " + k + " is not one of " + classes);
        }
        remember();
        int n = x1.length;
        x1 = Arrays.copyOf(x1, n + 1);
        x2 = Arrays.copyOf(x2, n + 1);
        labels = Arrays.copyOf(labels, n + 1);
        x1[n] = px1;
        x2[n] = px2;
        labels[n] = k;
        changed();
        return n;
    }

    /** Starts a drag of point i: the moves until the next edit undo as one. */
    public void beginDrag(int i) {
        remember();
        dragging = true;
    }

    /** Moves point i during a drag (no undo entry of its own). */
    public void dragTo(int i, double px1, double px2) {
        if (!dragging) {
            beginDrag(i);
        }
        x1[i] = px1;
        x2[i] = px2;
        changed();
    }

    public void endDrag() {
        dragging = false;
    }

    public void delete(int i) {
        remember();
        int n = x1.length;
        double[] a = new double[n - 1];
        double[] b = new double[n - 1];
        int[] c = new int[n - 1];
        for (int s = 0, d = 0; s < n; s++) {
            if (s != i) {
                a[d] = x1[s];
                b[d] = x2[s];
                c[d] = labels[s];
                d++;
            }
        }
        x1 = a;
        x2 = b;
        labels = c;
        changed();
    }

    public boolean undo() {
        java.util.Optional<Snapshot> back = history.undo(snapshot());
        back.ifPresent(this::set);
        return back.isPresent();
    }

    public boolean redo() {
        java.util.Optional<Snapshot> forward = history.redo(snapshot());
        forward.ifPresent(this::set);
        return forward.isPresent();
    }

    /** The index of the point nearest (px1, px2) within the tolerances, or -1. */
    public int nearest(double px1, double px2, double tol1, double tol2) {
        int best = -1;
        double bestD = 1.0;
        for (int i = 0; i < x1.length; i++) {
            double d1 = (x1[i] - px1) / tol1;
            double d2 = (x2[i] - px2) / tol2;
            double d = d1 * d1 + d2 * d2;
            if (d <= bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    private void set(Snapshot s) {
        x1 = s.x1().clone();
        x2 = s.x2().clone();
        labels = s.labels().clone();
        classes = s.classes();
        dragging = false;
        changed();
    }

    private void remember() {
        dragging = false;
        history.remember(snapshot());
    }

    private void changed() {
        revision.set(revision.get() + 1);
    }
}
