package org.losslab.optim;

import java.util.List;
import org.losslab.problem.Bounds;
import org.losslab.problem.Problem;

/** f = 1/2 theta^T H theta for a symmetric H given here, written independently of the problem package. */
final class TestQuadratic implements Problem {
    private final double a;
    private final double b;
    private final double c;

    TestQuadratic(double a, double b, double c) {
        this.a = a;
        this.b = b;
        this.c = c;
    }

    /** f = x^2 + 10 y^2: H = diag(2, 20), L = 20, 2/L = 0.1. */
    static TestQuadratic steep() {
        return new TestQuadratic(2, 0, 20);
    }

    /** H = R diag(l1, l2) R^T with R the rotation by {@code angle} radians. */
    static TestQuadratic rotated(double l1, double l2, double angle) {
        double co = Math.cos(angle);
        double si = Math.sin(angle);
        return new TestQuadratic(l1 * co * co + l2 * si * si, (l1 - l2) * co * si, l1 * si * si + l2 * co * co);
    }

    @Override
    public String id() {
        return "test-quadratic";
    }

    @Override
    public String displayName() {
        return "test quadratic";
    }

    @Override
    public String[] parameterNames() {
        return new String[] {"x", "y"};
    }

    @Override
    public double value(double x, double y) {
        return 0.5 * (a * x * x + 2 * b * x * y + c * y * y);
    }

    @Override
    public double gradient(double x, double y, double[] g) {
        g[0] = a * x + b * y;
        g[1] = b * x + c * y;
        return value(x, y);
    }

    @Override
    public boolean hessian(double x, double y, double[] h) {
        h[0] = a;
        h[1] = b;
        h[2] = c;
        return true;
    }

    @Override
    public boolean isQuadratic() {
        return true;
    }

    @Override
    public Bounds defaultBounds() {
        return new Bounds(-1, 1, -1, 1);
    }

    @Override
    public List<double[]> knownMinima() {
        return List.of(new double[] {0, 0});
    }

    @Override
    public double[] defaultStart() {
        return new double[] {1, 1};
    }
}
