package org.losslab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;
import org.losslab.kernel.LossInputException;
import org.losslab.kernel.custom.ExpressionSyntaxException;

/** The shared store of custom losses: names, stable keys, changes that views can follow, save and restore. */
class CustomLossesTest {
    @Test
    void addedLossesAreNamedInTurnAndEvaluateTheirExpression() {
        CustomLosses store = new CustomLosses();
        CustomLosses.Entry a = store.add("r > 0 ? abs(r) : 10*abs(r)");
        CustomLosses.Entry b = store.add("  log(1 + r^2) ");
        assertEquals("custom-1", a.key());
        assertEquals("custom 1", a.name());
        assertEquals("custom 2", b.name());
        assertEquals("log(1 + r^2)", b.expression(), "surrounding blanks are dropped");
        assertEquals("custom:log(1 + r^2)", b.spec());
        // prediction 1, target 3: r = -2, so 10 |r| = 20; log(1 + 4)
        assertEquals(20.0, a.loss().value(1, 3), 1e-15);
        assertEquals(Math.log(5), b.loss().value(1, 3), 1e-15);
        assertEquals(List.of("r > 0 ? abs(r) : 10*abs(r)", "log(1 + r^2)"), store.expressions());
    }

    @Test
    void aBadExpressionIsRefusedWithItsColumnAndChangesNothing() {
        CustomLosses store = new CustomLosses();
        store.add("abs(r)");
        ExpressionSyntaxException ex = assertThrows(ExpressionSyntaxException.class, () -> store.add("r + rr"));
        assertEquals(5, ex.getColumn());
        assertTrue(ex.getMessage().contains("'rr'"), ex.getMessage());
        assertThrows(LossInputException.class, () -> store.replace("custom-1", "abs(r"));
        assertEquals(List.of("abs(r)"), store.expressions());
        assertEquals(1, store.entries().size());
    }

    @Test
    void replaceKeepsKeyAndNameAndIsOneChange() {
        CustomLosses store = new CustomLosses();
        store.add("abs(r)");
        store.add("r^2");
        List<String> changes = new ArrayList<>();
        store.entries().addListener((ListChangeListener<CustomLosses.Entry>) c -> {
            while (c.next()) {
                changes.add(c.wasReplaced() ? "replaced " + c.getFrom() : c.wasAdded() ? "added" : "removed");
            }
        });
        CustomLosses.Entry e = store.replace("custom-1", "r^4");
        assertEquals("custom-1", e.key());
        assertEquals("custom 1", e.name());
        assertEquals(16.0, store.find("custom-1").orElseThrow().loss().value(2, 0), 1e-15);
        assertEquals(List.of("replaced 0"), changes);
        store.rename("custom-2", "square");
        assertEquals("square: r^2", store.find("custom-2").orElseThrow().title());
        assertTrue(store.remove("custom-1"));
        assertFalse(store.remove("custom-1"));
        assertEquals("custom-3", store.add("abs(r)").key(), "keys are never reused");
    }

    @Test
    void setAllRestoresASessionOrChangesNothing() {
        CustomLosses store = new CustomLosses();
        store.add("abs(r)");
        LossInputException ex = assertThrows(LossInputException.class,
                () -> store.setAll(List.of("r^2", "exp(")));
        assertTrue(ex.getMessage().startsWith("custom loss 2: "), ex.getMessage());
        assertEquals(List.of("abs(r)"), store.expressions());
        store.setAll(List.of("r^2", "sqrt(1 + r^2) - 1"));
        assertEquals(List.of("r^2", "sqrt(1 + r^2) - 1"), store.expressions());
        CustomLosses other = new CustomLosses();
        other.setAll(store.expressions());
        assertEquals(store.expressions(), other.expressions());
        assertEquals(Math.sqrt(10) - 1, other.entries().get(1).loss().value(3, 0), 1e-15);
    }

    @Test
    void eachCustomKeyHasItsOwnColour() {
        assertFalse(Palette.hex("custom-1").equals(Palette.hex("custom-2")));
        for (String id : List.of("mse", "mae", "huber", "smooth_l1", "log_cosh", "quantile", "barron")) {
            assertFalse(Palette.hex(id).equals(Palette.hex("custom-1")), id);
        }
    }
}
