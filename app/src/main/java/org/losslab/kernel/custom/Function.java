package org.losslab.kernel.custom;

import java.util.Locale;

/** The functions an expression may call, with their argument counts. Names are lower case. */
enum Function {
    ABS(1), EXP(1), LOG(1), LOG1P(1), SQRT(1), TANH(1), SIGMOID(1), SOFTPLUS(1),
    POW(2), MIN(2), MAX(2);

    private final int arity;

    Function(int arity) {
        this.arity = arity;
    }

    /** How many arguments the function takes. */
    int arity() {
        return arity;
    }

    /** The name as written in expressions. */
    String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The function with this exact (lower-case) name, or null. */
    static Function byName(String name) {
        for (Function f : values()) {
            if (f.text().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
