package org.losslab.kernel.custom;

import java.util.ArrayList;
import java.util.List;

import org.losslab.kernel.Numerics;
import org.losslab.kernel.custom.Ast.Node;

/**
 * A compiled expression: the syntax tree flattened, children first, into an array of step objects, each of
 * which computes one node as a second-order dual number (value, first and second derivative with respect to the
 * prediction p) from the slots of its children. Evaluation is a plain loop over the steps, with no recursion and
 * no allocation: the three slot arrays are per-thread scratch space, so a program is immutable and may be shared
 * between threads.
 *
 * <h2>Seeds</h2>
 * p = (p, 1, 0); y = (y, 0, 0); r = p - y = (r, 1, 0); a constant c = (c, 0, 0).
 *
 * <h2>Rules</h2>
 * For operands a = (a, a', a'') and b = (b, b', b''):
 * <ul>
 *   <li>a ± b = (a ± b, a' ± b', a'' ± b''); -a = (-a, -a', -a'').</li>
 *   <li>a·b = (ab, a'b + ab', a''b + 2a'b' + ab'').</li>
 *   <li>q = a/b: (a/b, (a' - q b')/b, (a'' - 2q'b' - q b'')/b).</li>
 *   <li>f(u) for a function of one argument: (f(u), f'(u)u', f''(u)u'² + f'(u)u''), with
 *       <ul>
 *         <li>abs: f' = sign u, f'' = 0; at u = 0 the kink convention gives f' = 0, and when u' = 0 there as well
 *             (as in abs(r^2) at r = 0) the second derivative is |u''|, the true one;</li>
 *         <li>exp: f' = f'' = e^u; log: 1/u, -1/u²; log1p: 1/(1+u), -1/(1+u)²;</li>
 *         <li>sqrt: 1/(2√u), -1/(4u√u); tanh: sech²u, -2 tanh u · sech²u;</li>
 *         <li>sigmoid s: s(1-s), s(1-s)(1-2s); softplus: s(u), s(u)(1-s(u)) (value computed stably as
 *             max(u,0) + log1p(e^-|u|)).</li>
 *       </ul></li>
 *   <li>a^b and pow(a, b): where the exponent is locally constant (b' = b'' = 0) the power rule
 *       f' = b a^(b-1), f'' = b(b-1) a^(b-2) applied through the chain rule; it holds for a negative base with an
 *       integer exponent (r^2, r^3 for r &lt; 0) and gives f' = 0 for b = 0 and f'' = 0 for b = 0 or 1 without
 *       evaluating 0·∞. Otherwise, for a &gt; 0, the rules of e^(b log a): with g = b log a,
 *       g' = b' log a + b a'/a, g'' = b'' log a + 2b'a'/a + b(a''a - a'²)/a², and v' = v g', v'' = v(g'' + g'²).
 *       A variable exponent on a base ≤ 0 has no real derivative: value pow(a, b), derivatives NaN.</li>
 *   <li>min, max: the derivatives of the operand taken; at a tie the derivatives of both when they agree, else
 *       0 (the kink convention: max(0.9u, -0.1u) has slope 0 at u = 0).</li>
 *   <li>Comparisons, !, &amp;&amp;, ||: 1 or 0 with derivatives 0; NaN when an operand is NaN.</li>
 *   <li>c ? a : b: the value and derivatives of the branch taken (c ≠ 0 takes a); NaN when c is NaN. Both
 *       branches are evaluated, so a non-finite value in the branch not taken does no harm.</li>
 * </ul>
 * Nothing throws at evaluation: a non-finite value or derivative is returned as it is.
 */
final class Program {
    /** One node of the compiled expression; writes its slot from earlier slots. */
    abstract static class Step {
        abstract void run(int self, double[] v, double[] d, double[] dd);
    }

    private final Step[] steps;
    private final ThreadLocal<double[][]> scratch;

    private Program(Step[] steps) {
        this.steps = steps;
        int n = steps.length;
        this.scratch = ThreadLocal.withInitial(() -> new double[][] {new double[n], new double[n], new double[n]});
    }

    /** Compiles a syntax tree. Recursion depth is bounded by the tree's depth, at most about half the length. */
    static Program compile(Node root) {
        List<Step> out = new ArrayList<>();
        emit(root, out);
        return new Program(out.toArray(new Step[0]));
    }

    /** The number of steps (nodes). */
    int size() {
        return steps.length;
    }

    /**
     * Evaluates at one point into {@code result}: value, dl/dp and d²l/dp².
     */
    void evaluate(double p, double y, double[] result) {
        double[][] s = scratch.get();
        double[] v = s[0];
        double[] d = s[1];
        double[] dd = s[2];
        runAll(p, y, v, d, dd);
        int last = steps.length - 1;
        result[0] = v[last];
        result[1] = d[last];
        result[2] = dd[last];
    }

    /** Evaluates and returns just the requested order (0 value, 1 first, 2 second derivative). */
    double evaluate(double p, double y, int order) {
        double[][] s = scratch.get();
        runAll(p, y, s[0], s[1], s[2]);
        return s[order][steps.length - 1];
    }

    private void runAll(double p, double y, double[] v, double[] d, double[] dd) {
        for (int i = 0; i < steps.length; i++) {
            Step step = steps[i];
            if (step instanceof VarStep var) {
                var.load(i, p, y, v, d, dd);
            } else {
                step.run(i, v, d, dd);
            }
        }
    }

    // ---------------------------------------------------------------- compiler

    private static int emit(Node node, List<Step> out) {
        Step step;
        if (node instanceof Ast.Num num) {
            step = new ConstStep(num.value());
        } else if (node instanceof Ast.Var var) {
            step = new VarStep(var.variable());
        } else if (node instanceof Ast.Unary un) {
            int a = emit(un.arg(), out);
            step = un.op() == Ast.UnaryOp.NEG ? new NegStep(a) : new NotStep(a);
        } else if (node instanceof Ast.Binary bin) {
            int a = emit(bin.left(), out);
            int b = emit(bin.right(), out);
            step = switch (bin.op()) {
                case ADD -> new AddStep(a, b, 1.0);
                case SUB -> new AddStep(a, b, -1.0);
                case MUL -> new MulStep(a, b);
                case DIV -> new DivStep(a, b);
                case POW -> new PowStep(a, b);
                default -> new LogicStep(bin.op(), a, b);
            };
        } else if (node instanceof Ast.Call call) {
            int a = emit(call.args().get(0), out);
            if (call.function().arity() == 2) {
                int b = emit(call.args().get(1), out);
                step = switch (call.function()) {
                    case POW -> new PowStep(a, b);
                    case MIN -> new MinMaxStep(a, b, false);
                    default -> new MinMaxStep(a, b, true);
                };
            } else {
                step = new FunctionStep(call.function(), a);
            }
        } else {
            Ast.Cond cond = (Ast.Cond) node;
            int c = emit(cond.condition(), out);
            int a = emit(cond.then(), out);
            int b = emit(cond.otherwise(), out);
            step = new CondStep(c, a, b);
        }
        out.add(step);
        return out.size() - 1;
    }

    // ---------------------------------------------------------------- steps

    /**
     * f'(u)·u', where a zero u' gives 0 even when f' is infinite (sqrt(y) at y = 0 does not depend on p).
     */
    static double chain1(double f1, double u1) {
        return u1 == 0.0 ? 0.0 : f1 * u1;
    }

    /** f''(u)·u'² + f'(u)·u'', where a zero u' or u'' drops its term even against an infinite factor. */
    static double chain2(double f1, double f2, double u1, double u2) {
        double curvature = u1 == 0.0 ? 0.0 : f2 * u1 * u1;
        double slope = u2 == 0.0 ? 0.0 : f1 * u2;
        return curvature + slope;
    }

    private static final class ConstStep extends Step {
        private final double value;

        ConstStep(double value) {
            this.value = value;
        }

        @Override
        void run(int self, double[] v, double[] d, double[] dd) {
            v[self] = value;
            d[self] = 0.0;
            dd[self] = 0.0;
        }
    }

    private static final class VarStep extends Step {
        private final Ast.Variable variable;

        VarStep(Ast.Variable variable) {
            this.variable = variable;
        }

        void load(int self, double p, double y, double[] v, double[] d, double[] dd) {
            switch (variable) {
                case R -> {
                    v[self] = p - y;
                    d[self] = 1.0;
                }
                case Y -> {
                    v[self] = y;
                    d[self] = 0.0;
                }
                default -> {
                    v[self] = p;
                    d[self] = 1.0;
                }
            }
            dd[self] = 0.0;
        }

        @Override
        void run(int self, double[] v, double[] d, double[] dd) {
            throw new IllegalStateException("variables are loaded by the program");
        }
    }

    private static final class NegStep extends Step {
        private final int a;

        NegStep(int a) {
            this.a = a;
        }

        @Override
        void run(int self, double[] v, double[] d, double[] dd) {
            v[self] = -v[a];
            d[self] = -d[a];
            dd[self] = -dd[a];
        }
    }

    private static final class NotStep extends Step {
        private final int a;

        NotStep(int a) {
            this.a = a;
        }

        @Override
        void run(int self, double[] v, double[] d, double[] dd) {
            double x = v[a];
            v[self] = Double.isNaN(x) ? Double.NaN : (x == 0.0 ? 1.0 : 0.0);
            d[self] = 0.0;
            dd[self] = 0.0;
        }
    }

    /** a + sign·b. */
    private static final class AddStep extends Step {
        private final int a;
        private final int b;
        private final double sign;

        AddStep(int a, int b, double sign) {
            this.a = a;
            this.b = b;
            this.sign = sign;
        }

        @Override
        void run(int self, double[] v, double[] d, double[] dd) {
            v[self] = v[a] + sign * v[b];
            d[self] = d[a] + sign * d[b];
            dd[self] = dd[a] + sign * dd[b];
        }
    }

    private static final class MulStep extends Step {
        private final int a;
        private final int b;

        MulStep(int a, int b) {
            this.a = a;
            this.b = b;
        }

        @Override
        void run(int self, double[] v, double[] d, double[] dd) {
            double av = v[a];
            double bv = v[b];
            double ad = d[a];
            double bd = d[b];
            v[self] = av * bv;
            d[self] = ad * bv + av * bd;
            dd[self] = dd[a] * bv + 2.0 * ad * bd + av * dd[b];
        }
    }

    private static final class DivStep extends Step {
        private final int a;
        private final int b;

        DivStep(int a, int b) {
            this.a = a;
            this.b = b;
        }

        @Override
        void run(int self, double[] v, double[] d, double[] dd) {
            double bv = v[b];
            double bd = d[b];
            double q = v[a] / bv;
            double q1 = (d[a] - q * bd) / bv;
            v[self] = q;
            d[self] = q1;
            dd[self] = (dd[a] - 2.0 * q1 * bd - q * dd[b]) / bv;
        }
    }

    private static final class PowStep extends Step {
        private final int a;
        private final int b;

        PowStep(int a, int b) {
            this.a = a;
            this.b = b;
        }

        @Override
        void run(int self, double[] v, double[] d, double[] dd) {
            double av = v[a];
            double ad = d[a];
            double add = dd[a];
            double c = v[b];
            double value = Math.pow(av, c);
            v[self] = value;
            if (d[b] == 0.0 && dd[b] == 0.0) {
                // locally constant exponent: power rule through the chain rule
                double f1 = c == 0.0 ? 0.0 : (c == 1.0 ? 1.0 : c * Math.pow(av, c - 1.0));
                double f2 = (c == 0.0 || c == 1.0) ? 0.0 : (c == 2.0 ? 2.0 : c * (c - 1.0) * Math.pow(av, c - 2.0));
                d[self] = chain1(f1, ad);
                dd[self] = chain2(f1, f2, ad, add);
            } else if (av > 0.0) {
                double log = Math.log(av);
                double bd = d[b];
                double ratio = ad / av;
                double g1 = bd * log + c * ratio;
                double g2 = dd[b] * log + 2.0 * bd * ratio + c * (add / av - ratio * ratio);
                d[self] = value * g1;
                dd[self] = value * (g2 + g1 * g1);
            } else {
                d[self] = Double.NaN;
                dd[self] = Double.NaN;
            }
        }
    }

    private static final class MinMaxStep extends Step {
        private final int a;
        private final int b;
        private final boolean max;

        MinMaxStep(int a, int b, boolean max) {
            this.a = a;
            this.b = b;
            this.max = max;
        }

        @Override
        void run(int self, double[] v, double[] d, double[] dd) {
            double av = v[a];
            double bv = v[b];
            if (Double.isNaN(av) || Double.isNaN(bv)) {
                v[self] = Double.NaN;
                d[self] = Double.NaN;
                dd[self] = Double.NaN;
                return;
            }
            if (av == bv) {
                v[self] = av;
                boolean sameSlope = d[a] == d[b];
                d[self] = sameSlope ? d[a] : 0.0;
                dd[self] = sameSlope && dd[a] == dd[b] ? dd[a] : 0.0;
                return;
            }
            int taken = (av > bv) == max ? a : b;
            v[self] = v[taken];
            d[self] = d[taken];
            dd[self] = dd[taken];
        }
    }

    private static final class LogicStep extends Step {
        private final Ast.BinaryOp op;
        private final int a;
        private final int b;

        LogicStep(Ast.BinaryOp op, int a, int b) {
            this.op = op;
            this.a = a;
            this.b = b;
        }

        @Override
        void run(int self, double[] v, double[] d, double[] dd) {
            double x = v[a];
            double y = v[b];
            d[self] = 0.0;
            dd[self] = 0.0;
            if (Double.isNaN(x) || Double.isNaN(y)) {
                v[self] = Double.NaN;
                return;
            }
            boolean t = switch (op) {
                case LT -> x < y;
                case LE -> x <= y;
                case GT -> x > y;
                case GE -> x >= y;
                case EQ -> x == y;
                case NE -> x != y;
                case AND -> x != 0.0 && y != 0.0;
                default -> x != 0.0 || y != 0.0;
            };
            v[self] = t ? 1.0 : 0.0;
        }
    }

    private static final class CondStep extends Step {
        private final int c;
        private final int a;
        private final int b;

        CondStep(int c, int a, int b) {
            this.c = c;
            this.a = a;
            this.b = b;
        }

        @Override
        void run(int self, double[] v, double[] d, double[] dd) {
            double cv = v[c];
            if (Double.isNaN(cv)) {
                v[self] = Double.NaN;
                d[self] = Double.NaN;
                dd[self] = Double.NaN;
                return;
            }
            int taken = cv != 0.0 ? a : b;
            v[self] = v[taken];
            d[self] = d[taken];
            dd[self] = dd[taken];
        }
    }

    private static final class FunctionStep extends Step {
        private final Function function;
        private final int a;

        FunctionStep(Function function, int a) {
            this.function = function;
            this.a = a;
        }

        @Override
        void run(int self, double[] v, double[] d, double[] dd) {
            double u = v[a];
            double u1 = d[a];
            double u2 = dd[a];
            double f;
            double f1;
            double f2;
            switch (function) {
                case ABS -> {
                    f = Math.abs(u);
                    if (u == 0.0) {
                        // kink: slope 0 by convention; if u is flat here too, |u| ~ |u''| t²/2
                        v[self] = f;
                        d[self] = 0.0;
                        dd[self] = u1 == 0.0 ? Math.abs(u2) : 0.0;
                        return;
                    }
                    f1 = Numerics.sign(u);
                    f2 = 0.0;
                }
                case EXP -> {
                    f = Math.exp(u);
                    f1 = f;
                    f2 = f;
                }
                case LOG -> {
                    f = Math.log(u);
                    f1 = 1.0 / u;
                    f2 = -f1 * f1;
                }
                case LOG1P -> {
                    f = Math.log1p(u);
                    f1 = 1.0 / (1.0 + u);
                    f2 = -f1 * f1;
                }
                case SQRT -> {
                    f = Math.sqrt(u);
                    f1 = 0.5 / f;
                    f2 = -0.25 / (u * f);
                }
                case TANH -> {
                    f = Math.tanh(u);
                    f1 = Numerics.sech2(u);
                    f2 = -2.0 * f * f1;
                }
                case SIGMOID -> {
                    f = Numerics.sigmoid(u);
                    f1 = f * (1.0 - f);
                    f2 = f1 * (1.0 - 2.0 * f);
                }
                default -> { // SOFTPLUS
                    f = Numerics.softplus(u);
                    f1 = Numerics.sigmoid(u);
                    f2 = f1 * (1.0 - f1);
                }
            }
            v[self] = f;
            d[self] = chain1(f1, u1);
            dd[self] = chain2(f1, f2, u1, u2);
        }
    }
}
