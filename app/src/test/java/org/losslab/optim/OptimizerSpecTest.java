package org.losslab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OptimizerSpecTest {

    @Test
    void torchDefaults() {
        // torch.optim: SGD lr 1e-3; Adagrad lr 1e-2, lr_decay 0, initial_accumulator_value 0, eps 1e-10;
        // RMSprop lr 1e-2, alpha 0.99, eps 1e-8, momentum 0, centered False; Adam lr 1e-3, betas (0.9, 0.999), eps 1e-8
        assertEquals(1e-3, OptimizerSpec.parse("sgd").learningRate());
        OptimizerSpec adagrad = OptimizerSpec.parse("adagrad");
        assertEquals(1e-2, adagrad.learningRate());
        assertEquals(0.0, adagrad.get("lr_decay"));
        assertEquals(0.0, adagrad.get("initial_accumulator_value"));
        assertEquals(1e-10, adagrad.get("eps"));
        OptimizerSpec rms = OptimizerSpec.parse("rmsprop");
        assertEquals(1e-2, rms.learningRate());
        assertEquals(0.99, rms.get("alpha"));
        assertEquals(1e-8, rms.get("eps"));
        assertEquals(0.0, rms.get("momentum"));
        assertEquals(0.0, rms.get("centered"));
        OptimizerSpec adam = OptimizerSpec.parse("adam");
        assertEquals(1e-3, adam.learningRate());
        assertEquals(0.9, adam.get("beta1"));
        assertEquals(0.999, adam.get("beta2"));
        assertEquals(1e-8, adam.get("eps"));
        assertEquals(0.0, adam.get("weight_decay"));
        assertEquals(0.9, OptimizerSpec.parse("momentum").get("momentum"));
        assertEquals(0.0, OptimizerSpec.parse("momentum").get("dampening"));
    }

    @Test
    void settingsParse() {
        OptimizerSpec s = OptimizerSpec.parse("adam:beta1=0.8, beta2=0.99,eps=1e-6");
        assertEquals(0.8, s.get("beta1"));
        assertEquals(0.99, s.get("beta2"));
        assertEquals(1e-6, s.get("eps"));
        assertTrue(s.isGiven("beta1"));
        assertFalse(s.isGiven("lr"));
        assertEquals("adam:beta1=0.8,beta2=0.99,eps=1.0E-6", s.spec());
        assertEquals(s, OptimizerSpec.parse(s.spec()));
        assertEquals(1.0, OptimizerSpec.parse("rmsprop:centered=true").get("centered"));
        assertEquals(0.05, OptimizerSpec.parse("sgd:lr=0.05").learningRate());
    }

    @Test
    void errorsNameTheProblemInOneLine() {
        String m = assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.parse("adamw")).getMessage();
        assertEquals("unknown optimizer 'adamw'; valid names: sgd, momentum, nesterov, adagrad, rmsprop, adam", m);
        m = assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.parse("adam:beta3=0.1")).getMessage();
        assertEquals("unknown setting 'beta3' for adam; its settings: lr, beta1, beta2, eps, weight_decay", m);
        m = assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.parse("momentum:momentum=1")).getMessage();
        assertEquals("momentum of momentum must be in [0, 1) (got 1)", m);
        m = assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.parse("adam:eps=0")).getMessage();
        assertTrue(m.startsWith("eps of adam must be in (0, inf)"), m);
        m = assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.parse("sgd:lr=-1")).getMessage();
        assertTrue(m.startsWith("lr of sgd must be in (0, inf)"), m);
        m = assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.parse("rmsprop:centered=0.5"))
                .getMessage();
        assertTrue(m.contains("centered of rmsprop must be 0 or 1"), m);
        m = assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.parse("adam:beta1=x")).getMessage();
        assertTrue(m.contains("'x' is not a number"), m);
        m = assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.parse("adam:beta1")).getMessage();
        assertTrue(m.contains("key=value"), m);
        m = assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.parse("adam:beta1=0.5,beta1=0.6"))
                .getMessage();
        assertTrue(m.contains("given twice"), m);
        m = assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.parse(" ")).getMessage();
        assertTrue(m.contains("valid names"), m);
        m = assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.parse("nesterov:momentum=0"))
                .getMessage();
        assertTrue(m.startsWith("momentum of nesterov must be in (0, 1)"), m);
    }
}
