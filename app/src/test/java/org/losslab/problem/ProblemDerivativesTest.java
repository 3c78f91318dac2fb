package org.losslab.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.losslab.kernel.ElementwiseLoss;
import org.losslab.kernel.Losses;

/**
 * Every problem's gradient and Hessian against central finite differences at 40 seeded random points in its view
 * (for data problems, through every kernel they accept). Tolerances follow the error of a central difference with
 * h = 1e-5 max(1, |theta|): truncation h^2 f'''/6 (below 1e-7 here) plus rounding eps |f| / h (2e-11 |f|).
 */
class ProblemDerivativesTest {
    static final double[] X = {-2.0, -1.0, -0.5, 0.0, 0.7, 1.5, 2.0, 3.0};
    static final double[] Y = {-3.1, -1.2, 0.1, 0.9, 2.2, 3.4, 4.1, 6.5};
    static final double[] LABELS = {0, 0, 1, 0, 1, 1, 0, 1};

    static ElementwiseLoss loss(String spec) {
        return (ElementwiseLoss) Losses.parse(spec);
    }

    static Stream<Arguments> problems() {
        List<Arguments> list = new ArrayList<>();
        list.add(Arguments.of("bowl", QuadraticBowl.bowl(4, 0), null));
        list.add(Arguments.of("bowl k=10 30deg", QuadraticBowl.bowl(10, 30), null));
        list.add(Arguments.of("ravine", QuadraticBowl.ravine(25, 0), null));
        list.add(Arguments.of("ravine k=50 -60deg", QuadraticBowl.ravine(50, -60), null));
        list.add(Arguments.of("rosenbrock", new Rosenbrock(), null));
        list.add(Arguments.of("himmelblau", new Himmelblau(), null));
        list.add(Arguments.of("beale", new Beale(), null));
        list.add(Arguments.of("saddle", new Saddle(), null));
        list.add(Arguments.of("rastrigin", new Rastrigin(), null));
        list.add(Arguments.of("plateau", new PlateauCliff(), null));
        for (String spec : new String[] {"mse", "mae", "huber:delta=1", "smooth_l1:beta=0.5", "log_cosh",
            "quantile:tau=0.3", "barron:alpha=0.5", "barron:alpha=-2,scale=2"}) {
            list.add(Arguments.of("linreg " + spec, new LinearRegressionProblem(X, Y, loss(spec), Regularizer.NONE),
                    null));
        }
        list.add(Arguments.of("linreg mse + l2", new LinearRegressionProblem(X, Y, loss("mse"), Regularizer.l2(0.3)),
                null));
        list.add(Arguments.of("linreg huber + l1 + l2",
                new LinearRegressionProblem(X, Y, loss("huber"), new Regularizer(0.2, 0.05)), null));
        for (String spec : new String[] {"bce_logits", "bce_logits:pos_weight=3", "focal", "focal:gamma=0.5,alpha=-1",
            "hinge", "squared_hinge"}) {
            list.add(Arguments.of("logreg " + spec, new LogisticProblem(X, LABELS, loss(spec), Regularizer.NONE),
                    null));
        }
        // bce takes p = sigmoid(z); beyond |z| ~ 10, 1 - p keeps few correct digits, so its region is smaller.
        list.add(Arguments.of("logreg bce", new LogisticProblem(X, LABELS, loss("bce"), Regularizer.NONE),
                new Bounds(-2, 2, -2, 2)));
        list.add(Arguments.of("logreg bce + l2", new LogisticProblem(X, LABELS, loss("bce"), Regularizer.l2(0.1)),
                new Bounds(-2, 2, -2, 2)));
        // regression kernels take p = sigmoid(z) against the 0/1 label ("MSE on a classifier")
        for (String spec : new String[] {"mse", "huber:delta=0.3", "log_cosh"}) {
            list.add(Arguments.of("logreg " + spec + " on sigmoid",
                    new LogisticProblem(X, LABELS, loss(spec), Regularizer.NONE), null));
        }
        list.add(Arguments.of("logreg bce_logits + l1",
                new LogisticProblem(X, LABELS, loss("bce_logits"), Regularizer.l1(0.1)), null));
        return list.stream();
    }

    private static double[][] points(Problem p, Bounds region, long seed) {
        Bounds b = region != null ? region : p.defaultBounds();
        SplittableRandom r = new SplittableRandom(seed);
        double[][] pts = new double[40][];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = new double[] {b.min1() + (b.max1() - b.min1()) * r.nextDouble(),
                b.min2() + (b.max2() - b.min2()) * r.nextDouble()};
        }
        return pts;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void gradientMatchesFiniteDifferences(String name, Problem p, Bounds region) {
        double[] g = new double[2];
        for (double[] t : points(p, region, 11)) {
            double f = p.gradient(t[0], t[1], g);
            assertEquals(p.value(t[0], t[1]), f, 1e-12 * Math.max(1, Math.abs(f)), name + ": gradient's value");
            double[] fd = FiniteDifferences.gradient(p, t[0], t[1]);
            for (int i = 0; i < 2; i++) {
                double tol = 1e-6 * (1 + Math.abs(g[i])) + 1e-9 * Math.abs(f);
                assertEquals(fd[i], g[i], tol, name + ": dL/dtheta" + (i + 1) + " at (" + t[0] + ", " + t[1] + ")");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void hessianMatchesFiniteDifferences(String name, Problem p, Bounds region) {
        double[] h = new double[3];
        double[] g = new double[2];
        for (double[] t : points(p, region, 23)) {
            assertTrue(p.hessian(t[0], t[1], h), name + " has a Hessian");
            p.gradient(t[0], t[1], g);
            double[] fd = FiniteDifferences.hessian(p, t[0], t[1]);
            double scale = Math.abs(g[0]) + Math.abs(g[1]);
            for (int i = 0; i < 3; i++) {
                double tol = 1e-5 * (1 + Math.abs(h[i])) + 1e-9 * scale;
                assertEquals(fd[i], h[i], tol, name + ": Hessian[" + i + "] at (" + t[0] + ", " + t[1] + ")");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void quadraticProblemsHaveOneHessian(String name, Problem p, Bounds region) {
        if (!p.isQuadratic()) {
            return;
        }
        double[] h0 = new double[3];
        double[] h = new double[3];
        p.hessian(0, 0, h0);
        for (double[] t : points(p, region, 5)) {
            p.hessian(t[0], t[1], h);
            for (int i = 0; i < 3; i++) {
                assertEquals(h0[i], h[i], 1e-12 * (1 + Math.abs(h0[i])), name + ": Hessian changes");
            }
            // a quadratic equals its second-order Taylor expansion about the origin
            double[] g0 = new double[2];
            double f0 = p.gradient(0, 0, g0);
            double taylor = f0 + g0[0] * t[0] + g0[1] * t[1]
                    + 0.5 * (h0[0] * t[0] * t[0] + 2 * h0[1] * t[0] * t[1] + h0[2] * t[1] * t[1]);
            assertEquals(taylor, p.value(t[0], t[1]), 1e-9 * (1 + Math.abs(taylor)), name + ": not quadratic");
        }
    }
}
