package org.losslab.surface;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleBinaryOperator;
import org.losslab.problem.Bounds;
import org.losslab.problem.Problem;

/** Small analytic problems for the surface tests. */
final class TestProblems {
    private TestProblems() {
    }

    /** f(x, y) = a (x - cx)^2 + b (y - cy)^2 + c (x - cx)(y - cy), with its gradient. */
    static Problem quadratic(double a, double b, double c, double cx, double cy) {
        return new Analytic("quadratic", (x, y) -> {
            double u = x - cx;
            double v = y - cy;
            return a * u * u + b * v * v + c * u * v;
        }, (x, y) -> 2 * a * (x - cx) + c * (y - cy), (x, y) -> 2 * b * (y - cy) + c * (x - cx));
    }

    /** Rosenbrock (1 - x)^2 + 100 (y - x^2)^2. */
    static Problem rosenbrock() {
        return new Analytic("rosenbrock", (x, y) -> (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x),
                (x, y) -> -2 * (1 - x) - 400 * x * (y - x * x), (x, y) -> 200 * (y - x * x));
    }

    /** A problem that counts its value calls and runs a hook on each (for cancellation tests). */
    static final class Counting implements Problem {
        final Problem inner;
        final AtomicInteger calls = new AtomicInteger();
        volatile Runnable onCall = () -> { };

        Counting(Problem inner) {
            this.inner = inner;
        }

        @Override
        public String id() {
            return "counting";
        }

        @Override
        public String displayName() {
            return "counting";
        }

        @Override
        public String[] parameterNames() {
            return new String[] {"x", "y"};
        }

        @Override
        public double value(double t1, double t2) {
            calls.incrementAndGet();
            onCall.run();
            return inner.value(t1, t2);
        }

        @Override
        public double gradient(double t1, double t2, double[] g) {
            return inner.gradient(t1, t2, g);
        }

        @Override
        public boolean hessian(double t1, double t2, double[] h) {
            return false;
        }

        @Override
        public Bounds defaultBounds() {
            return inner.defaultBounds();
        }

        @Override
        public List<double[]> knownMinima() {
            return List.of();
        }

        @Override
        public double[] defaultStart() {
            return new double[] {0, 0};
        }
    }

    private static final class Analytic implements Problem {
        private final String id;
        private final DoubleBinaryOperator f;
        private final DoubleBinaryOperator fx;
        private final DoubleBinaryOperator fy;

        Analytic(String id, DoubleBinaryOperator f, DoubleBinaryOperator fx, DoubleBinaryOperator fy) {
            this.id = id;
            this.f = f;
            this.fx = fx;
            this.fy = fy;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String displayName() {
            return id;
        }

        @Override
        public String[] parameterNames() {
            return new String[] {"x", "y"};
        }

        @Override
        public double value(double t1, double t2) {
            return f.applyAsDouble(t1, t2);
        }

        @Override
        public double gradient(double t1, double t2, double[] g) {
            g[0] = fx.applyAsDouble(t1, t2);
            g[1] = fy.applyAsDouble(t1, t2);
            return f.applyAsDouble(t1, t2);
        }

        @Override
        public boolean hessian(double t1, double t2, double[] h) {
            return false;
        }

        @Override
        public Bounds defaultBounds() {
            return new Bounds(-2, 2, -1, 3);
        }

        @Override
        public List<double[]> knownMinima() {
            return List.of();
        }

        @Override
        public double[] defaultStart() {
            return new double[] {0, 0};
        }
    }
}
