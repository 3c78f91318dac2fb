package org.losslab.optim;

import java.util.Arrays;

/**
 * The path of a run, one row per step: step, theta1, theta2, loss, |grad|. Row 0 is the start and row k the
 * point after k steps, so a row's step is its index. Only finite values are ever recorded. Columns are growable
 * primitive arrays (doubling, so adding a row allocates only now and then). Not thread-safe: a reader on another
 * thread should take a {@link #copy()} under the writer's lock.
 */
public final class Trajectory {
    private double[] theta1;
    private double[] theta2;
    private double[] loss;
    private double[] gradNorm;
    private int size;

    Trajectory(int capacity) {
        int c = Math.max(capacity, 16);
        theta1 = new double[c];
        theta2 = new double[c];
        loss = new double[c];
        gradNorm = new double[c];
    }

    void add(double t1, double t2, double l, double g) {
        if (size == theta1.length) {
            int c = size * 2;
            theta1 = Arrays.copyOf(theta1, c);
            theta2 = Arrays.copyOf(theta2, c);
            loss = Arrays.copyOf(loss, c);
            gradNorm = Arrays.copyOf(gradNorm, c);
        }
        theta1[size] = t1;
        theta2[size] = t2;
        loss[size] = l;
        gradNorm[size] = g;
        size++;
    }

    /** The number of rows: steps recorded + 1. */
    public int size() {
        return size;
    }

    /** The step of a row (equal to the row index). */
    public int step(int row) {
        check(row);
        return row;
    }

    public double theta1(int row) {
        check(row);
        return theta1[row];
    }

    public double theta2(int row) {
        check(row);
        return theta2[row];
    }

    public double loss(int row) {
        check(row);
        return loss[row];
    }

    public double gradNorm(int row) {
        check(row);
        return gradNorm[row];
    }

    /** The last row's index. */
    public int lastRow() {
        return size - 1;
    }

    private void check(int row) {
        if (row < 0 || row >= size) {
            throw new IndexOutOfBoundsException("row " + row + " of a trajectory with " + size + " rows");
        }
    }

    /** An independent copy of the rows so far. */
    public Trajectory copy() {
        Trajectory t = new Trajectory(size);
        for (int i = 0; i < size; i++) {
            t.add(theta1[i], theta2[i], loss[i], gradNorm[i]);
        }
        return t;
    }

    /**
     * The theta1 column without a copy: its first {@link #size()} entries are the rows. A row never changes once
     * added (later rows may go to a new, longer array), so a reader on the writer's thread may keep the array with
     * the size it read, as a view of those rows, and must not write to it.
     */
    public double[] theta1Rows() {
        return theta1;
    }

    /** The theta2 column without a copy, as {@link #theta1Rows()}. */
    public double[] theta2Rows() {
        return theta2;
    }

    /** The theta1 column, copied. */
    public double[] theta1s() {
        return Arrays.copyOf(theta1, size);
    }

    /** The theta2 column, copied. */
    public double[] theta2s() {
        return Arrays.copyOf(theta2, size);
    }

    /** The loss column, copied. */
    public double[] losses() {
        return Arrays.copyOf(loss, size);
    }

    /** The gradient-norm column, copied. */
    public double[] gradNorms() {
        return Arrays.copyOf(gradNorm, size);
    }
}
