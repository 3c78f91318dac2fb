package org.losslab.ui;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * The undo and redo stacks of an editable model, as whole snapshots of its state (immutable copies), with
 * properties that say whether there is something to undo or redo. At most {@code depth} edits are kept.
 *
 * @param <S> the snapshot type
 */
public final class UndoHistory<S> {
    private final int depth;
    private final Deque<S> undo = new ArrayDeque<>();
    private final Deque<S> redo = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(false);

    public UndoHistory(int depth) {
        this.depth = depth;
    }

    /** Records the state before an edit: the one an undo returns to. Forgets what could be redone. */
    public void remember(S before) {
        undo.push(before);
        while (undo.size() > depth) {
            undo.removeLast();
        }
        redo.clear();
        updateFlags();
    }

    /** The state to go back to, given the current one (kept for redo); empty when there is nothing to undo. */
    public Optional<S> undo(S current) {
        if (undo.isEmpty()) {
            return Optional.empty();
        }
        redo.push(current);
        S back = undo.pop();
        updateFlags();
        return Optional.of(back);
    }

    /** The state to go forward to, given the current one (kept for undo); empty when there is nothing to redo. */
    public Optional<S> redo(S current) {
        if (redo.isEmpty()) {
            return Optional.empty();
        }
        undo.push(current);
        S forward = redo.pop();
        updateFlags();
        return Optional.of(forward);
    }

    /** Forgets every edit. */
    public void clear() {
        undo.clear();
        redo.clear();
        updateFlags();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    private void updateFlags() {
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
    }
}
