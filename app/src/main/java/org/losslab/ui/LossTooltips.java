package org.losslab.ui;

import java.util.function.UnaryOperator;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import org.losslab.kernel.LossDefinition;
import org.losslab.kernel.Losses;

/**
 * Tooltips that tell a loss's formula and when to use it, from the kernel's own {@link LossDefinition}: on every
 * check box of a loss and on every loss choice (there for the loss chosen now).
 */
public final class LossTooltips {
    private LossTooltips() {
    }

    /** "Name: formula" and the line on when to use it, for a library loss id; null for an unknown id. */
    public static String text(String id) {
        LossDefinition d = Losses.all().stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
        return d == null ? null : text(d);
    }

    public static String text(LossDefinition d) {
        return d.displayName() + ": " + d.formula() + "\nWhen to use it: " + d.whenToUse();
    }

    /** A tooltip that shows at once and stays up long enough to read a formula aloud. */
    public static Tooltip tooltip(String text) {
        Tooltip t = new Tooltip(text);
        t.setShowDelay(Duration.millis(300));
        t.setShowDuration(Duration.seconds(30));
        t.setWrapText(true);
        t.setMaxWidth(520);
        return t;
    }

    /**
     * Keeps a loss choice's tooltip on the chosen loss: its formula and when to use it, after {@code prefix} (a
     * line on what the choice does, may be empty). {@code describe} names losses that are not in the library
     * (custom losses) and may return null.
     */
    public static void follow(ChoiceBox<String> choice, String prefix, UnaryOperator<String> describe) {
        Tooltip tip = tooltip("");
        choice.setTooltip(tip);
        Runnable update = () -> {
            String id = choice.getValue();
            String about = id == null ? null : text(id);
            if (about == null && id != null && describe != null) {
                about = describe.apply(id);
            }
            String head = prefix == null || prefix.isEmpty() ? "" : prefix + "\n\n";
            tip.setText(head + (about == null ? "" : about));
        };
        choice.valueProperty().addListener((o, a, b) -> update.run());
        update.run();
    }

    /** For a custom loss's key: its expression, from the shared store (null when it is not one). */
    public static String custom(CustomLosses store, String key) {
        if (store == null || !CustomLosses.isKey(key)) {
            return null;
        }
        return store.find(key).map(e -> e.title() + "\nYour own loss: ℓ = " + e.expression()
                + "\nWhen to use it: to try a loss that is not in the library.").orElse(null);
    }
}
