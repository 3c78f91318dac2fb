package org.losslab.kernel.custom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.losslab.kernel.ElementwiseLoss;
import org.losslab.kernel.LossInputException;
import org.losslab.kernel.Losses;
import org.losslab.testkit.Trials;

/** Parser errors: exact messages and columns, the guards, and a fuzz test. */
class ExpressionErrorTest {

    private static void assertError(String text, String message, int column) {
        ExpressionSyntaxException e = assertThrows(ExpressionSyntaxException.class, () -> new ExpressionLoss(text),
                text);
        assertEquals(message, e.getMessage(), text);
        assertEquals(column, e.getColumn(), text);
    }

    @Test
    void messagesNameTheProblemAndTheColumn() {
        assertError("r + rr", "unknown name 'rr' at column 5", 5);
        assertError("abs((r+1) * 2", "expected ')' at column 14", 14);
        assertError("abs((r+1) * 2 r", "expected ')' at column 15", 15);
        assertError("r * (y + ", "unexpected end of expression at column 10", 10);
        assertError("pow(r)", "function pow takes 2 arguments, got 1 at column 1", 1);
        assertError("2 * abs(r, y)", "function abs takes 1 argument, got 2 at column 5", 5);
        assertError("max()", "function max takes 2 arguments, got 0 at column 1", 1);
        assertError("r # 2", "unexpected character '#' at column 3", 3);
        assertError("r = 2", "unexpected '=' (write == to compare) at column 3", 3);
        assertError("r & 2", "unexpected '&' (write &&) at column 3", 3);
        assertError("1e+ r", "malformed number '1e+' (exponent needs digits) at column 1", 1);
        assertError("2x", "malformed number '2x' at column 1", 1);
        assertError("1.2.3", "malformed number '1.2.3' at column 1", 1);
        assertError("1e999", "number '1e999' is too large at column 1", 1);
        assertError("", "empty expression at column 1", 1);
        assertError("   ", "empty expression at column 4", 4);
        assertError("r > 0 ? 1", "expected ':' at column 10", 10);
        assertError("r)", "unexpected ')' at column 2", 2);
        assertError("r r", "unexpected 'r' at column 3", 3);
        assertError("* r", "unexpected '*' at column 1", 1);
        assertError("foo(r)", "unknown function 'foo' at column 1", 1);
        assertError("r(2)", "'r' is not a function at column 1", 1);
        assertError("abs r", "function abs needs its arguments in parentheses at column 5", 5);
        assertError("R", "unknown name 'R' at column 1", 1);
    }

    @Test
    void errorsAreLossInputExceptionsThroughParse() {
        LossInputException e = assertThrows(LossInputException.class, () -> Losses.parse("custom:r + rr"));
        assertEquals("unknown name 'rr' at column 5", e.getMessage());
        LossInputException bare = assertThrows(LossInputException.class, () -> Losses.parse("custom"));
        assertTrue(bare.getMessage().startsWith("custom needs an expression"), bare.getMessage());
    }

    @Test
    void tooLong() {
        String text = "r" + "+r".repeat(1000);
        assertError(text, "expression too long: 2001 characters, at most 2000 allowed at column 2001", 2001);
        // just under the limit: a left-deep chain of 999 additions is fine
        ExpressionLoss ok = new ExpressionLoss("r" + "+r".repeat(999));
        assertEquals(2000.0, ok.value(2, 0));
        assertEquals(1000.0, ok.d1(2, 0));
    }

    @Test
    void tenThousandParenthesesGiveACleanError() {
        String open = "(".repeat(10_000);
        assertThrows(LossInputException.class, () -> new ExpressionLoss(open));
        assertThrows(LossInputException.class, () -> new ExpressionLoss(open + "r" + ")".repeat(10_000)));
        // without the length guard, the depth guard stops the descent at the 200th parenthesis
        ExpressionSyntaxException e = assertThrows(ExpressionSyntaxException.class,
                () -> Parser.parse(open + "r" + ")".repeat(10_000), Integer.MAX_VALUE));
        assertEquals("expression nested too deeply (more than 200 levels) at column 201", e.getMessage());
        ExpressionSyntaxException minus = assertThrows(ExpressionSyntaxException.class,
                () -> Parser.parse("-".repeat(10_000) + "r", Integer.MAX_VALUE));
        assertTrue(minus.getMessage().startsWith("expression nested too deeply"), minus.getMessage());
        ExpressionSyntaxException power = assertThrows(ExpressionSyntaxException.class,
                () -> Parser.parse("r" + "^r".repeat(10_000), Integer.MAX_VALUE));
        assertTrue(power.getMessage().startsWith("expression nested too deeply"), power.getMessage());
        ExpressionSyntaxException branches = assertThrows(ExpressionSyntaxException.class,
                () -> Parser.parse("r ? 1 : ".repeat(5_000) + "0", Integer.MAX_VALUE));
        assertTrue(branches.getMessage().startsWith("expression nested too deeply"), branches.getMessage());
    }

    @Test
    void nestingUpToTheLimitIsAccepted() {
        ExpressionLoss deep = new ExpressionLoss("(".repeat(199) + "r" + ")".repeat(199));
        assertEquals(3.0, deep.value(3, 0));
        assertThrows(ExpressionSyntaxException.class,
                () -> new ExpressionLoss("(".repeat(200) + "r" + ")".repeat(200)));
    }

    private static final String[] TOKENS = {
        "r", "y", "p", "pi", "e", "abs", "exp", "log", "log1p", "sqrt", "pow", "min", "max", "tanh", "sigmoid",
        "softplus", "(", ")", ",", "+", "-", "*", "/", "^", "<", "<=", ">", ">=", "==", "!=", "&&", "||", "!", "?",
        ":", " ", "0", "1", "2.5", "1e3", "1e-300", "1e308", ".5", "7.", "1e", "foo", "=", "&", "#", "\u2212",
    };

    private static final String ALPHABET = "rpyeiabslogxqtnhmdfwc0123456789.eE+-*/^()<>=!&|?:, \t_";

    @Test
    void fuzzSeesOnlyLossInputExceptionsOrValidLosses() {
        int[] valid = {0};
        Trials.forAll(424242L, 20_000, rnd -> {
            StringBuilder sb = new StringBuilder();
            int length = 1 + rnd.nextInt(rnd.nextBoolean() ? 12 : 40);
            boolean tokens = rnd.nextInt(3) != 0;
            for (int i = 0; i < length; i++) {
                if (tokens) {
                    sb.append(Trials.oneOf(rnd, TOKENS));
                } else {
                    sb.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
                }
            }
            String text = sb.toString();
            ElementwiseLoss loss;
            try {
                loss = (ElementwiseLoss) Losses.parse("custom:" + text);
            } catch (LossInputException e) {
                assertTrue(e.getMessage().contains(" at column ") || e.getMessage().startsWith("custom needs"),
                        text + " -> " + e.getMessage());
                return;
            } catch (RuntimeException | StackOverflowError e) {
                fail("'" + text + "' threw " + e);
                return;
            }
            valid[0]++;
            try {
                for (double p : new double[] {-1e6, -2, -1, 0, 0.5, 1, 3, 1e6, Double.POSITIVE_INFINITY}) {
                    loss.value(p, 0.5);
                    loss.d1(p, 0.5);
                    loss.d2(p, 0.5);
                }
                assertEquals(loss, Losses.parse(loss.spec()), text);
            } catch (RuntimeException e) {
                fail("'" + text + "' threw at evaluation: " + e);
            }
        });
        assertTrue(valid[0] > 300, "too few valid expressions: " + valid[0]);
    }
}
