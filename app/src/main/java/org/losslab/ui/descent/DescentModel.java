package org.losslab.ui.descent;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import org.losslab.optim.OptimizerKind;
import org.losslab.optim.OptimizerSpec;
import org.losslab.optim.Run;
import org.losslab.optim.RunStatus;
import org.losslab.optim.Schedule;
import org.losslab.problem.DataProblem;
import org.losslab.problem.Problem;

/**
 * Up to four descent runs racing from the same start on one problem: their settings, their runs, and the clock
 * that advances them. It knows no controls; views redraw when {@link #revisionProperty()} changes.
 *
 * <p>Stepping is driven by elapsed time: {@link #advance(long)} takes as many steps as the speed (steps per
 * second) asks for since the last call, capped per frame so that a slow frame never snowballs. A change of
 * learning rate or optimizer settings applies from the next step without a reset, where the optimizer allows it.
 */
public final class DescentModel {
    /** The most runs that race at once. */
    public static final int SLOTS = 4;
    /** Never take more steps than this in one frame. */
    public static final int MAX_STEPS_PER_FRAME = 2000;

    /** One run's settings and its current run. */
    public static final class Slot {
        private final int index;
        private boolean enabled;
        private OptimizerSpec optimizer;
        private double learningRate;
        private Schedule schedule = Schedule.constant();
        private int batchSize;
        private long seed = 1;
        private Run run;
        private String error;

        Slot(int index, boolean enabled, OptimizerSpec optimizer, double learningRate) {
            this.index = index;
            this.enabled = enabled;
            this.optimizer = optimizer;
            this.learningRate = learningRate;
        }

        public int index() {
            return index;
        }

        public boolean enabled() {
            return enabled;
        }

        public OptimizerSpec optimizer() {
            return optimizer;
        }

        public double learningRate() {
            return learningRate;
        }

        public Schedule schedule() {
            return schedule;
        }

        public int batchSize() {
            return batchSize;
        }

        public long seed() {
            return seed;
        }

        /** The current run, or null when disabled or when it could not start (see {@link #error()}). */
        public Run run() {
            return run;
        }

        /** Why the run could not start, or null. */
        public String error() {
            return error;
        }

        /** A one-line summary: "Adam, lr 0.01". */
        public String summary() {
            return optimizer.kind().displayName() + ", lr " + LearningRateControl.format(learningRate)
                    + (schedule.kind() == Schedule.Kind.CONSTANT ? "" : ", " + schedule.spec());
        }
    }

    private final List<Slot> slots = new ArrayList<>();
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper();
    private final BooleanProperty playing = new SimpleBooleanProperty(false);
    private final DoubleProperty stepsPerSecond = new SimpleDoubleProperty(20);
    private final IntegerProperty selected = new SimpleIntegerProperty(0);
    private Problem problem;
    private double[] start;
    private double stepDebt;

    public DescentModel(Problem problem) {
        slots.add(new Slot(0, true, OptimizerSpec.defaults(OptimizerKind.SGD), 0.01));
        slots.add(new Slot(1, true, OptimizerSpec.defaults(OptimizerKind.ADAM), 0.01));
        slots.add(new Slot(2, false, OptimizerSpec.defaults(OptimizerKind.MOMENTUM), 0.01));
        slots.add(new Slot(3, false, OptimizerSpec.defaults(OptimizerKind.RMSPROP), 0.01));
        setProblem(problem);
        playing.addListener((o, a, b) -> {
            stepDebt = 0;
            bump();
        });
    }

    private void bump() {
        revision.set(revision.get() + 1);
    }

    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public BooleanProperty playingProperty() {
        return playing;
    }

    public DoubleProperty stepsPerSecondProperty() {
        return stepsPerSecond;
    }

    public IntegerProperty selectedProperty() {
        return selected;
    }

    public List<Slot> slots() {
        return slots;
    }

    public Slot selectedSlot() {
        return slots.get(selected.get());
    }

    public Problem problem() {
        return problem;
    }

    /** The shared start point. */
    public double[] start() {
        return start.clone();
    }

    /** Switches to another problem: start at its default, runs reset, playback paused. */
    public void setProblem(Problem p) {
        problem = p;
        start = p.defaultStart().clone();
        playing.set(false);
        resetRuns();
    }

    /**
     * Replaces the problem but keeps the start (for example when a data point moved or a loss parameter changed);
     * runs restart from the start.
     */
    public void replaceProblem(Problem p) {
        problem = p;
        resetRuns();
    }

    /** Sets the start (for example where the user clicked) and resets the runs there. */
    public void setStart(double theta1, double theta2) {
        if (!Double.isFinite(theta1) || !Double.isFinite(theta2)) {
            return;
        }
        start = new double[] {theta1, theta2};
        resetRuns();
    }

    /** Every enabled run back to step 0 at the start, with its current settings. */
    public void resetRuns() {
        stepDebt = 0;
        for (Slot s : slots) {
            rebuild(s);
        }
        bump();
    }

    private void rebuild(Slot s) {
        s.run = null;
        s.error = null;
        if (!s.enabled) {
            return;
        }
        try {
            Run.Builder b = Run.builder(problem, s.optimizer).learningRate(s.learningRate).schedule(s.schedule)
                    .start(start[0], start[1]).seed(s.seed);
            if (s.batchSize > 0 && problem instanceof DataProblem) {
                b.batchSize(s.batchSize);
            }
            s.run = b.build();
        } catch (IllegalArgumentException ex) {
            s.error = ex.getMessage();
        }
    }

    public void setEnabled(int index, boolean on) {
        Slot s = slots.get(index);
        if (s.enabled != on) {
            s.enabled = on;
            rebuild(s);
            bump();
        }
    }

    /** Changes a run's learning rate; it applies from the next step, without a reset. */
    public void setLearningRate(int index, double lr) {
        Slot s = slots.get(index);
        s.learningRate = lr;
        if (s.run != null) {
            s.run.setLearningRate(lr);
        }
        bump();
    }

    /** Changes a run's optimizer or its hyper-parameters; the run restarts from the start. */
    public void setOptimizer(int index, OptimizerSpec spec) {
        Slot s = slots.get(index);
        s.optimizer = spec;
        rebuild(s);
        bump();
    }

    /** Changes a run's schedule; the run restarts from the start. */
    public void setSchedule(int index, Schedule schedule) {
        Slot s = slots.get(index);
        s.schedule = schedule;
        rebuild(s);
        bump();
    }

    /** Mini-batch size for data problems (0 = full batch); the run restarts. */
    public void setBatchSize(int index, int size, long seed) {
        Slot s = slots.get(index);
        s.batchSize = size;
        s.seed = seed;
        rebuild(s);
        bump();
    }

    /** One step of every running run. Returns whether any run moved. */
    public boolean stepAll() {
        boolean moved = false;
        for (Slot s : slots) {
            if (s.run != null && s.run.step()) {
                moved = true;
            }
        }
        if (moved) {
            bump();
        }
        if (!anyRunning()) {
            playing.set(false);
        }
        return moved;
    }

    /** Whether any enabled run can still step. */
    public boolean anyRunning() {
        for (Slot s : slots) {
            if (s.run != null && s.run.status() == RunStatus.RUNNING) {
                return true;
            }
        }
        return false;
    }

    /**
     * Advances playback by {@code elapsedNanos} of wall time at the current speed. Returns the number of steps
     * taken.
     */
    public int advance(long elapsedNanos) {
        if (!playing.get()) {
            return 0;
        }
        stepDebt += stepsPerSecond.get() * elapsedNanos / 1e9;
        int n = (int) Math.min(MAX_STEPS_PER_FRAME, Math.floor(stepDebt));
        stepDebt -= Math.floor(stepDebt);
        int taken = 0;
        for (int i = 0; i < n; i++) {
            boolean any = false;
            for (Slot s : slots) {
                if (s.run != null && s.run.step()) {
                    any = true;
                }
            }
            if (!any) {
                break;
            }
            taken++;
        }
        if (taken > 0) {
            bump();
        }
        if (!anyRunning()) {
            playing.set(false);
        }
        return taken;
    }
}
