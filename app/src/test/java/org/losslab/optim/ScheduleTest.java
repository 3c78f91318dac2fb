package org.losslab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void constant() {
        Schedule s = Schedule.parse("constant");
        assertEquals(0.3, s.rate(0.3, 0));
        assertEquals(0.3, s.rate(0.3, 12345));
    }

    @Test
    void stepDecay() {
        Schedule s = Schedule.parse("step:step_size=100,gamma=0.5");
        assertEquals(0.2, s.rate(0.2, 0), 0.0);
        assertEquals(0.2, s.rate(0.2, 99), 0.0);
        assertEquals(0.1, s.rate(0.2, 100), 0.0);
        assertEquals(0.1, s.rate(0.2, 199), 0.0);
        assertEquals(0.05, s.rate(0.2, 250), 0.0);
        // torch's StepLR default gamma is 0.1
        assertEquals(0.1 * 0.1 * 0.1, Schedule.parse("step:step_size=10").rate(0.1, 25), 1e-18);
    }

    @Test
    void exponential() {
        Schedule s = Schedule.parse("exp:gamma=0.99");
        assertEquals(1.0, s.rate(1.0, 0), 0.0);
        assertEquals(0.99, s.rate(1.0, 1), 1e-16);
        // 0.99^10 = 0.904382075008804...
        assertEquals(0.904382075008804, s.rate(1.0, 10), 1e-15);
    }

    @Test
    void inverseTime() {
        Schedule s = Schedule.parse("inv:decay=0.01");
        assertEquals(0.5, s.rate(0.5, 0), 0.0);
        // 0.5 / (1 + 0.01 * 100) = 0.25
        assertEquals(0.25, s.rate(0.5, 100), 1e-16);
        assertEquals(0.5 / 11, s.rate(0.5, 1000), 1e-16);
    }

    @Test
    void specsRoundTripAndErrors() {
        assertEquals("step:step_size=100,gamma=0.5", Schedule.parse("step:step_size=100,gamma=0.5").spec());
        assertEquals("inv:decay=0.01", Schedule.parse("inv").spec());
        String m = assertThrows(IllegalArgumentException.class, () -> Schedule.parse("cosine")).getMessage();
        assertTrue(m.contains("unknown schedule 'cosine'") && m.contains("constant, step, exp, inv"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Schedule.parse("step:step_size=2.5")).getMessage();
        assertTrue(m.contains("step_size of step must be an integer"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Schedule.parse("exp:gamma=0")).getMessage();
        assertTrue(m.contains("gamma of exp must be in (0, inf)"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Schedule.parse("inv:gamma=1")).getMessage();
        assertTrue(m.contains("unknown setting 'gamma' for schedule inv; its settings: decay"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Schedule.parse("constant:x=1")).getMessage();
        assertTrue(m.contains("constant has no settings"), m);
    }
}
