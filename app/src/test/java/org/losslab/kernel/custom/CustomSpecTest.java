package org.losslab.kernel.custom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.losslab.kernel.Loss;
import org.losslab.kernel.LossFamily;
import org.losslab.kernel.LossInputException;
import org.losslab.kernel.Losses;
import org.losslab.testkit.Trials;

/** custom:&lt;expr&gt; through Losses.parse, the definition, and the spec round trip. */
class CustomSpecTest {

    @Test
    void parseTakesEverythingAfterTheColonVerbatim() {
        Loss loss = Losses.parse("  custom:max(0.9*(y-p), (0.9-1)*(y-p)) ? 1 : 2  ");
        ExpressionLoss custom = assertInstanceOf(ExpressionLoss.class, loss);
        assertEquals("max(0.9*(y-p), (0.9-1)*(y-p)) ? 1 : 2", custom.source());
        assertEquals("custom:max(0.9*(y-p), (0.9-1)*(y-p)) ? 1 : 2", custom.spec());
        assertEquals(custom.spec(), custom.toString());
    }

    @Test
    void definition() {
        ExpressionLoss loss = new ExpressionLoss(" r > 0 ? abs(r) : 10*abs(r) ");
        assertEquals("custom", loss.id());
        assertEquals("Custom: r > 0 ? abs(r) : 10*abs(r)", loss.definition().displayName());
        assertEquals("r > 0 ? abs(r) : 10*abs(r)", loss.definition().formula());
        assertEquals(LossFamily.REGRESSION, loss.definition().family());
        assertTrue(loss.definition().params().isEmpty());
        assertEquals(0, loss.paramValues().length);
        assertEquals(loss, loss.definition().createDefault());
        assertEquals(loss, loss.definition().create(Map.of()));
        assertThrows(LossInputException.class, () -> loss.with("delta", 1.0));
    }

    @Test
    void specRoundTrips() {
        Trials.forAll(99, 300, rnd -> {
            String text = ExpressionDerivativeTest.smooth(rnd, 3);
            ExpressionLoss loss = new ExpressionLoss(text);
            Loss back = Losses.parse(loss.spec());
            assertEquals(loss, back);
            assertEquals(loss.spec(), back.spec());
            double p = Trials.uniform(rnd, -3, 3);
            double y = Trials.uniform(rnd, -3, 3);
            ExpressionLoss b = (ExpressionLoss) back;
            assertEquals(loss.value(p, y), b.value(p, y));
            assertEquals(loss.d1(p, y), b.d1(p, y));
            assertEquals(loss.d2(p, y), b.d2(p, y));
        });
        String[] texts = {"r^2", "r > 0 ? 1 : 2", "r < 0 ? y : p", "max(r, 0)", "-r^2 + 1e-3", "pow(r,2) ? y : p"};
        for (String text : texts) {
            ExpressionLoss loss = new ExpressionLoss(text);
            assertEquals(loss, Losses.parse(loss.spec()));
        }
    }

    @Test
    void libraryListIsUnchanged() {
        assertEquals(19, Losses.all().size());
        assertFalse(Losses.all().stream().anyMatch(d -> d.id().equals("custom")));
        assertFalse(Losses.idList().contains("custom"));
        assertTrue(Losses.isCustom("custom:r^2"));
        assertTrue(Losses.isCustom("  custom : r^2"));
        assertFalse(Losses.isCustom("huber:delta=1"));
        assertFalse(Losses.isCustom(null));
        assertThrows(LossInputException.class, () -> Losses.get("custom"));
        assertSame(Losses.parse("huber").definition(), Losses.definition("huber"));
    }
}
