package org.losslab.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.losslab.kernel.LossInputException;
import org.losslab.kernel.custom.ExpressionLoss;

/**
 * The user's custom losses, typed as expressions of r, y and p, shared by every view that offers regression losses.
 * One instance is owned by the main window; views listen to {@link #entries()} and update their choices when a loss
 * is added, changed or removed.
 *
 * <p>Each entry has a stable key ({@code custom-1}, {@code custom-2}, ...) that views use as the loss's identifier
 * (colour, control ids, table rows) and that stays the same when its expression is replaced; a name for people
 * ({@code custom 1}, or a label the user gave it); and the parsed loss. Keys are never reused within one store.
 * A session file saves {@link #expressions()} and restores them with {@link #setAll(List)}.
 */
public final class CustomLosses {
    /** The prefix of every entry's key. */
    public static final String KEY_PREFIX = "custom-";

    /** One custom loss: its key, its name and the parsed expression. */
    public record Entry(String key, String name, ExpressionLoss loss) {
        /** The expression as typed (without surrounding blanks). */
        public String expression() {
            return loss.source();
        }

        /** The loss spec, {@code custom:EXPR}, as every command and {@code Losses.parse} read it. */
        public String spec() {
            return loss.spec();
        }

        /** "name: expression", for legends and lists. */
        public String title() {
            return name + ": " + expression();
        }
    }

    private final ObservableList<Entry> entries = FXCollections.observableArrayList();
    private final ObservableList<Entry> readOnly = FXCollections.unmodifiableObservableList(entries);
    private int nextNumber = 1;

    /** The entries in the order they were added; observe it to follow changes (a replace is one set). */
    public ObservableList<Entry> entries() {
        return readOnly;
    }

    /**
     * Reads an expression without storing it.
     *
     * @throws LossInputException (an {@link org.losslab.kernel.custom.ExpressionSyntaxException} with the column for
     *                            a mistake in the text)
     */
    public static ExpressionLoss parse(String expression) {
        return new ExpressionLoss(expression);
    }

    /**
     * Adds a loss named "custom N".
     *
     * @throws LossInputException when the expression cannot be read; nothing is added then
     */
    public Entry add(String expression) {
        ExpressionLoss loss = parse(expression);
        int n = nextNumber++;
        Entry e = new Entry(KEY_PREFIX + n, "custom " + n, loss);
        entries.add(e);
        return e;
    }

    /**
     * Replaces the expression of the entry with this key, keeping its key and name.
     *
     * @throws LossInputException when the expression cannot be read; the entry keeps its loss then
     * @throws IllegalArgumentException when there is no such entry
     */
    public Entry replace(String key, String expression) {
        int i = indexOf(key);
        if (i < 0) {
            throw new IllegalArgumentException("no custom loss " + key);
        }
        ExpressionLoss loss = parse(expression);
        Entry old = entries.get(i);
        Entry e = new Entry(old.key(), old.name(), loss);
        entries.set(i, e);
        return e;
    }

    /** Gives the entry a name of the user's choice (blank: back to "custom N"). */
    public void rename(String key, String label) {
        int i = indexOf(key);
        if (i < 0) {
            return;
        }
        Entry old = entries.get(i);
        String name = label == null || label.isBlank() ? "custom " + old.key().substring(KEY_PREFIX.length())
                : label.strip();
        entries.set(i, new Entry(old.key(), name, old.loss()));
    }

    /** Removes the entry with this key; returns whether there was one. */
    public boolean remove(String key) {
        int i = indexOf(key);
        if (i < 0) {
            return false;
        }
        entries.remove(i);
        return true;
    }

    /** The entry with this key, if any. */
    public Optional<Entry> find(String key) {
        int i = indexOf(key);
        return i < 0 ? Optional.empty() : Optional.of(entries.get(i));
    }

    /** Whether a loss identifier is a custom entry's key (whether or not that entry still exists). */
    public static boolean isKey(String id) {
        return id != null && id.startsWith(KEY_PREFIX);
    }

    private int indexOf(String key) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** The expressions, in order, for saving a session. */
    public List<String> expressions() {
        List<String> out = new ArrayList<>();
        for (Entry e : entries) {
            out.add(e.expression());
        }
        return out;
    }

    /**
     * Replaces every entry by the given expressions (restoring a session), named "custom N" with fresh keys.
     * Either all are read or nothing changes.
     *
     * @throws LossInputException naming the first expression that cannot be read (1-based) and the problem
     */
    public void setAll(List<String> expressions) {
        List<ExpressionLoss> parsed = new ArrayList<>();
        for (int i = 0; i < expressions.size(); i++) {
            try {
                parsed.add(parse(expressions.get(i)));
            } catch (LossInputException ex) {
                throw new LossInputException("custom loss " + (i + 1) + ": " + ex.getMessage());
            }
        }
        List<Entry> next = new ArrayList<>();
        for (ExpressionLoss loss : parsed) {
            int n = nextNumber++;
            next.add(new Entry(KEY_PREFIX + n, "custom " + n, loss));
        }
        entries.setAll(next);
    }
}
