package org.losslab.problem.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.losslab.problem.fit.Reference.assertClose;
import static org.losslab.problem.fit.Reference.assertNoWorse;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.losslab.kernel.ElementwiseLoss;
import org.losslab.kernel.Losses;
import org.losslab.lesson.Datasets;
import org.losslab.lesson.Datasets.XY;
import org.losslab.problem.Regularizer;

/** The exact line fits against textbook formulas, brute force and a refined grid search. */
class LineFitTest {

    /** A loss spec and the same loss written out in the test. */
    record Case(String spec, Reference.Formula formula) {
        ElementwiseLoss kernel() {
            return (ElementwiseLoss) Losses.parse(spec);
        }

        @Override
        public String toString() {
            return spec;
        }
    }

    static List<Case> convexLosses() {
        return List.of(
                new Case("mse", Reference.mse()),
                new Case("mae", Reference.mae()),
                new Case("quantile:tau=0.1", Reference.quantile(0.1)),
                new Case("quantile:tau=0.9", Reference.quantile(0.9)),
                new Case("huber:delta=1", Reference.huber(1.0)),
                new Case("huber:delta=0.3", Reference.huber(0.3)),
                new Case("smooth_l1:beta=0.5", Reference.smoothL1(0.5)),
                new Case("smooth_l1:beta=0", Reference.mae()),
                new Case("log_cosh", Reference.logCosh()),
                new Case("barron:alpha=1,scale=0.5", Reference.barron(1.0, 0.5)),
                new Case("barron:alpha=3,scale=2", Reference.barron(3.0, 2.0)));
    }

    /** Datasets with outliers, ties and degenerate shapes. */
    static Stream<XY> datasets() {
        return Stream.of(
                Datasets.anscombe("I"), Datasets.anscombe("II"), Datasets.anscombe("III"), Datasets.anscombe("IV"),
                Datasets.noisyLine(30, 2.0, 1.0, 0.5, 3, 1), Datasets.noisyLine(25, -0.5, 4.0, 1.0, 5, 7),
                new XY("three points", new double[] {0, 1, 2}, new double[] {1, 0, 3}),
                new XY("on a line plus an outlier, with duplicates",
                        new double[] {0, 1, 1, 2, 3, 4, 2}, new double[] {1, 3, 3, 5, 7, 9, 20}),
                new XY("far from the origin", new double[] {1000, 1001, 1002, 1003, 1004, 1005},
                        new double[] {5.1, 5.9, 7.2, 7.8, 30, 10.1}));
    }

    static FitResult fit(XY data, ElementwiseLoss loss) {
        return LineFit.fit(data.x(), data.y(), loss);
    }

    // ---------------------------------------------------------------------------------------------------------
    // every convex loss against the grid

    @ParameterizedTest(name = "{0}")
    @MethodSource("datasets")
    void everyConvexLossReachesTheGridOptimum(XY data) {
        for (Case c : convexLosses()) {
            FitResult r = fit(data, c.kernel());
            String what = c.spec() + " on " + data.name();
            assertTrue(r.optimality().isGlobal(), what + ": " + r);
            double mine = Reference.objective(c.formula(), data.x(), data.y(), r.w(), r.b(), 0, 0);
            assertClose(mine, r.loss(), 1e-12, 1e-15, what + ": the reported loss");
            Reference.Best grid = Reference.grid(c.formula(), data.x(), data.y(), 0, 0);
            assertNoWorse(grid.value(), mine, 1e-12, 1e-14, what);
            if (r.optimality() == Optimality.UNIQUE_GLOBAL) {
                assertClose(grid.w(), r.w(), 1e-5, 1e-5, what + ": w");
                assertClose(grid.b(), r.b(), 1e-5, 1e-4, what + ": b");
            }
        }
    }

    /** An absolute tolerance for values of the data's size: 1e-12 of its largest coordinate. */
    static double sizeOf(XY data) {
        double m = 1.0;
        for (int i = 0; i < data.size(); i++) {
            m = Math.max(m, Math.max(Math.abs(data.x()[i]), Math.abs(data.y()[i])));
        }
        return 1e-12 * m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datasets")
    void absoluteAndQuantileFitsEqualTheBestLineThroughTwoPoints(XY data) {
        for (double tau : new double[] {0.0, 0.05, 0.25, 0.5, 0.75, 0.9, 1.0}) {
            ElementwiseLoss loss = (ElementwiseLoss) Losses.parse("quantile:tau=" + tau);
            FitResult r = fit(data, loss);
            Reference.Best best = Reference.throughPairs(Reference.quantile(tau), data.x(), data.y());
            assertClose(best.value(), r.loss(), 1e-12, sizeOf(data), "quantile " + tau + " on " + data.name());
            assertEquals(FitMethod.VERTEX_DESCENT, r.method());
        }
        FitResult mae = fit(data, Losses.elementwise("mae"));
        Reference.Best best = Reference.throughPairs(Reference.mae(), data.x(), data.y());
        assertClose(best.value(), mae.loss(), 1e-12, sizeOf(data), "mae on " + data.name());
    }

    @Test
    void randomDataWithTiesAndOutliersAgainstBruteForce() {
        org.losslab.testkit.Trials.forAll(20_251_122L, 300, random -> {
            int n = 1 + random.nextInt(18);
            double[] x = new double[n];
            double[] y = new double[n];
            boolean integers = random.nextBoolean();
            for (int i = 0; i < n; i++) {
                x[i] = integers ? random.nextInt(5) : org.losslab.testkit.Trials.uniform(random, -3, 3);
                y[i] = 0.7 * x[i] - 1 + (integers ? random.nextInt(3) : random.nextGaussian());
                if (random.nextInt(6) == 0) {
                    y[i] += 20 * random.nextDouble();
                }
            }
            double tau = org.losslab.testkit.Trials.oneOfDoubles(random, 0.0, 0.1, 0.5, 0.5, 0.8, 1.0);
            ElementwiseLoss loss = (ElementwiseLoss) Losses.parse("quantile:tau=" + tau);
            FitResult r = LineFit.fit(x, y, loss);
            Reference.Best best = Reference.throughPairs(Reference.quantile(tau), x, y);
            assertClose(best.value(), r.loss(), 1e-12, 1e-13, "tau " + tau + ", n " + n);
            assertTrue(r.optimality().isGlobal(), r.toString());
        });
    }

    @Test
    void anL1PenaltyKeepsTheLinearProgramExact() {
        // with the hinge rows |w| and |b|, the optimum is where two of the n + 2 kink lines cross
        org.losslab.testkit.Trials.forAll(99L, 300, random -> {
            int n = 1 + random.nextInt(15);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = random.nextInt(5) - 1;
                y[i] = random.nextInt(4) - 0.5 * x[i] + (random.nextInt(5) == 0 ? 10 : 0);
            }
            double tau = org.losslab.testkit.Trials.oneOfDoubles(random, 0.1, 0.5, 0.7);
            double l1 = org.losslab.testkit.Trials.oneOfDoubles(random, 0.01, 0.2, 2);
            Reference.Formula f = Reference.quantile(tau);
            FitResult r = LineFit.fit(x, y, (ElementwiseLoss) Losses.parse("quantile:tau=" + tau), Regularizer.l1(l1));
            double[][] rows = new double[n + 2][];
            for (int i = 0; i < n; i++) {
                rows[i] = new double[] {x[i], 1, y[i]};
            }
            rows[n] = new double[] {1, 0, 0};
            rows[n + 1] = new double[] {0, 1, 0};
            double best = Double.POSITIVE_INFINITY;
            boolean another = false;
            List<double[]> optima = new ArrayList<>();
            for (int i = 0; i < n + 2; i++) {
                for (int j = 0; j < i; j++) {
                    double det = rows[i][0] * rows[j][1] - rows[i][1] * rows[j][0];
                    if (det == 0) {
                        continue;
                    }
                    double w = (rows[i][2] * rows[j][1] - rows[i][1] * rows[j][2]) / det;
                    double b = (rows[i][0] * rows[j][2] - rows[i][2] * rows[j][0]) / det;
                    double v = Reference.objective(f, x, y, w, b, l1, 0);
                    if (v < best - 1e-12) {
                        optima.clear();
                    }
                    if (v <= best + 1e-12) {
                        optima.add(new double[] {w, b});
                    }
                    best = Math.min(best, v);
                }
            }
            for (double[] o : optima) {
                another |= Math.abs(o[0] - r.w()) > 1e-9 || Math.abs(o[1] - r.b()) > 1e-9;
            }
            String what = "tau " + tau + " l1 " + l1 + " n " + n;
            assertClose(best, r.objective(), 1e-12, 1e-13, what);
            assertEquals(another ? Optimality.GLOBAL_NOT_UNIQUE : Optimality.UNIQUE_GLOBAL, r.optimality(), what);
        });
    }

    // ---------------------------------------------------------------------------------------------------------
    // mse

    @ParameterizedTest(name = "{0}")
    @MethodSource("datasets")
    void mseIsTheTextbookLeastSquaresLine(XY data) {
        double[] x = data.x();
        double[] y = data.y();
        int n = x.length;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sx += x[i];
            sy += y[i];
            sxx += x[i] * x[i];
            sxy += x[i] * y[i];
        }
        // w = (n sum xy - sum x sum y) / (n sum x^2 - (sum x)^2), b = (sum y - w sum x) / n
        double w = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        double b = (sy - w * sx) / n;
        FitResult r = fit(data, Losses.elementwise("mse"));
        assertEquals(FitMethod.CLOSED_FORM, r.method());
        assertEquals(Optimality.UNIQUE_GLOBAL, r.optimality());
        assertClose(w, r.w(), 1e-9, 1e-12, "w on " + data.name());
        assertClose(b, r.b(), 1e-9, 1e-9, "b on " + data.name());
    }

    @Test
    void anscombeQuartetHasTheFamousLine() {
        for (String s : new String[] {"I", "II", "III", "IV"}) {
            FitResult r = fit(Datasets.anscombe(s), Losses.elementwise("mse"));
            assertEquals(0.500, r.w(), 5e-4, s);
            assertEquals(3.00, r.b(), 5e-3, s);
        }
    }

    @Test
    void ridgeIsTheSolutionOfItsNormalEquations() {
        XY data = Datasets.noisyLine(20, 1.5, -2.0, 0.7, 2, 3);
        double lambda = 0.3;
        double[] x = data.x();
        double[] y = data.y();
        int n = x.length;
        double mxx = 0;
        double mx = 0;
        double mxy = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mxx += x[i] * x[i] / n;
            mx += x[i] / n;
            mxy += x[i] * y[i] / n;
            my += y[i] / n;
        }
        // gradient of mean (w x + b - y)^2 + lambda (w^2 + b^2) = 0:
        // [mxx + lambda, mx; mx, 1 + lambda] (w, b) = (mxy, my)
        double a11 = mxx + lambda;
        double a12 = mx;
        double a22 = 1 + lambda;
        double det = a11 * a22 - a12 * a12;
        double w = (a22 * mxy - a12 * my) / det;
        double b = (a11 * my - a12 * mxy) / det;
        FitResult r = LineFit.fit(x, y, Losses.elementwise("mse"), Regularizer.l2(lambda));
        assertClose(w, r.w(), 1e-12, 1e-14, "w");
        assertClose(b, r.b(), 1e-12, 1e-14, "b");
        assertClose(Reference.objective(Reference.mse(), x, y, w, b, 0, lambda), r.objective(), 1e-13, 0, "objective");
    }

    // ---------------------------------------------------------------------------------------------------------
    // penalties

    static Stream<double[]> penalties() {
        return Stream.of(new double[] {0.05, 0}, new double[] {0.5, 0}, new double[] {0, 0.05},
                new double[] {0, 2}, new double[] {0.1, 0.1}, new double[] {3, 0});
    }

    @ParameterizedTest(name = "l1 = {0}")
    @MethodSource("penalties")
    void penalisedFitsReachTheGridOptimum(double[] lambda) {
        double l1 = lambda[0];
        double l2 = lambda[1];
        Regularizer reg = new Regularizer(l1, l2);
        List<XY> sets = List.of(Datasets.anscombe("III"), Datasets.noisyLine(20, -1.0, 6.0, 0.5, 2, 11),
                new XY("all x equal", new double[] {2, 2, 2, 2}, new double[] {1, 5, 2, 2}));
        for (XY data : sets) {
            for (Case c : convexLosses()) {
                FitResult r = LineFit.fit(data.x(), data.y(), c.kernel(), reg);
                String what = c.spec() + " + " + reg + " on " + data.name();
                double mine = Reference.objective(c.formula(), data.x(), data.y(), r.w(), r.b(), l1, l2);
                assertClose(mine, r.objective(), 1e-12, 1e-15, what + ": the reported objective");
                Reference.Best grid = Reference.grid(c.formula(), data.x(), data.y(), l1, l2);
                assertNoWorse(grid.value(), mine, 1e-11, 1e-13, what);
                assertTrue(r.optimality().isGlobal(), what + ": " + r);
                if (l2 > 0) {
                    // J is 2 l2 strongly convex, so J(theta) >= J(theta*) + l2 |theta - theta*|^2: the grid's
                    // point can be no farther from the optimum than its excess value allows
                    assertEquals(Optimality.UNIQUE_GLOBAL, r.optimality(), what);
                    double dw = grid.w() - r.w();
                    double db = grid.b() - r.b();
                    assertTrue(l2 * (dw * dw + db * db) <= grid.value() - mine + 1e-12 * mine + 1e-15,
                            what + ": the grid's point (" + grid.w() + ", " + grid.b() + ") is too far from ("
                                    + r.w() + ", " + r.b() + ") for its value " + grid.value() + " vs " + mine);
                }
            }
        }
    }

    @Test
    void aStrongL1PenaltyGivesTheZeroLine() {
        XY data = Datasets.anscombe("I");
        for (Case c : convexLosses()) {
            FitResult r = LineFit.fit(data.x(), data.y(), c.kernel(), Regularizer.l1(1000));
            assertEquals(0.0, r.w(), c.spec());
            assertEquals(0.0, r.b(), c.spec());
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // quantile

    @Test
    void aQuantileLineLeavesAboutTauOfThePointsBelowIt() {
        XY data = Datasets.noisyLine(200, 0.8, 2.0, 1.5, 10, 5);
        int n = data.size();
        for (double tau : new double[] {0.1, 0.25, 0.5, 0.75, 0.9}) {
            FitResult r = fit(data, (ElementwiseLoss) Losses.parse("quantile:tau=" + tau));
            int below = 0;
            int onOrBelow = 0;
            for (int i = 0; i < n; i++) {
                double res = data.y()[i] - r.predict(data.x()[i]);
                if (res < -1e-9) {
                    below++;
                }
                if (res <= 1e-9) {
                    onOrBelow++;
                }
            }
            // the subgradient in b: #below <= tau n <= #below + #on
            assertTrue(below <= tau * n && tau * n <= onOrBelow,
                    "tau " + tau + ": " + below + " below, " + onOrBelow + " on or below, of " + n);
            assertTrue(onOrBelow - below >= 2, "the optimum goes through two points");
        }
    }

    @Test
    void quantileAtTheEndsFitsUnderOrOverEveryPoint() {
        XY data = Datasets.anscombe("II");
        FitResult under = fit(data, (ElementwiseLoss) Losses.parse("quantile:tau=0"));
        FitResult over = fit(data, (ElementwiseLoss) Losses.parse("quantile:tau=1"));
        assertEquals(0.0, under.loss(), 1e-15);
        assertEquals(0.0, over.loss(), 1e-15);
        for (int i = 0; i < data.size(); i++) {
            assertTrue(under.predict(data.x()[i]) <= data.y()[i] + 1e-12);
            assertTrue(over.predict(data.x()[i]) >= data.y()[i] - 1e-12);
        }
        assertEquals(Optimality.GLOBAL_NOT_UNIQUE, under.optimality());
    }

    // ---------------------------------------------------------------------------------------------------------
    // degenerate data

    @Test
    void onePointIsFittedExactlyByAFlatLine() {
        for (Case c : convexLosses()) {
            FitResult r = LineFit.fit(new double[] {3}, new double[] {7}, c.kernel());
            assertEquals(0.0, r.w(), c.spec());
            assertEquals(7.0, r.b(), 1e-12, c.spec());
            assertEquals(0.0, r.loss(), 1e-20, c.spec());
            assertEquals(Optimality.GLOBAL_NOT_UNIQUE, r.optimality(), c.spec());
            assertTrue(r.note().contains("all x are equal"), r.note());
        }
    }

    @Test
    void twoPointsAreJoined() {
        for (Case c : convexLosses()) {
            FitResult r = LineFit.fit(new double[] {1, 3}, new double[] {2, -2}, c.kernel());
            assertEquals(-2.0, r.w(), 1e-9, c.spec());
            assertEquals(4.0, r.b(), 1e-9, c.spec());
            assertEquals(0.0, r.loss(), 1e-15, c.spec());
        }
    }

    @Test
    void allXEqualGivesTheLocationEstimate() {
        double[] x = {2, 2, 2, 2, 2};
        double[] y = {1, 9, 2, 4, 3};
        FitResult mse = LineFit.fit(x, y, Losses.elementwise("mse"));
        assertEquals(0.0, mse.w());
        assertEquals(3.8, mse.b(), 1e-15);
        assertEquals(Optimality.GLOBAL_NOT_UNIQUE, mse.optimality());
        FitResult mae = LineFit.fit(x, y, Losses.elementwise("mae"));
        assertEquals(3.0, mae.b(), 0.0, "the median");
        FitResult q = LineFit.fit(x, y, (ElementwiseLoss) Losses.parse("quantile:tau=0.8"));
        // tau n = 4 is a whole number: every level from the 4th value (4) to the 5th (9) is a 0.8 quantile, with
        // loss (0.2 (3 + 2 + 1) + 0.8 * 5) / 5 = 1.04
        assertTrue(q.b() >= 4.0 && q.b() <= 9.0, q.toString());
        assertEquals(1.04, q.loss(), 1e-15);
        for (Case c : convexLosses()) {
            FitResult r = LineFit.fit(x, y, c.kernel());
            assertEquals(0.0, r.w(), c.spec());
            // only s = 2 w + b matters: compare with a fine 1-D search over s
            double best = Double.POSITIVE_INFINITY;
            for (int k = 0; k <= 100_000; k++) {
                double s = 0 + 10.0 * k / 100_000;
                best = Math.min(best, Reference.objective(c.formula(), x, y, 0, s, 0, 0));
            }
            assertNoWorse(best, r.loss(), 1e-12, 1e-12, c.spec());
            assertTrue(r.note().contains("only w*2.0 + b is determined"), r.note());
        }
    }

    @Test
    void exactlyCollinearPointsAreADegenerateVertexThatIsStillCertified() {
        int n = 40;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 10;
            y[i] = 0.1 * x[i] + 0.3;
        }
        y[5] += 7;
        y[17] -= 3;
        for (String spec : new String[] {"mae", "quantile:tau=0.3", "quantile:tau=0.7"}) {
            FitResult r = LineFit.fit(x, y, (ElementwiseLoss) Losses.parse(spec));
            assertEquals(0.1, r.w(), 1e-12, spec);
            assertEquals(0.3, r.b(), 1e-12, spec);
            assertEquals(Optimality.UNIQUE_GLOBAL, r.optimality(), spec + ": " + r.note());
        }
    }

    @Test
    void aSquareOfFourPointsHasManyAbsoluteErrorOptima() {
        double[] x = {0, 1, 0, 1};
        double[] y = {0, 0, 1, 1};
        FitResult r = LineFit.fit(x, y, Losses.elementwise("mae"));
        assertEquals(0.5, r.loss(), 1e-15);
        assertEquals(Optimality.GLOBAL_NOT_UNIQUE, r.optimality());
        assertFalse(r.note().isEmpty());
    }

    @Test
    void hugeAndTinyScalesKeepTheirPrecision() {
        XY base = Datasets.noisyLine(15, 3.0, -1.0, 0.2, 2, 4);
        for (double scale : new double[] {1e-6, 1e6}) {
            double[] x = base.x().clone();
            double[] y = base.y().clone();
            for (int i = 0; i < x.length; i++) {
                x[i] *= scale;
                y[i] *= scale;
            }
            for (String spec : new String[] {"mae", "quantile:tau=0.2"}) {
                FitResult r = LineFit.fit(x, y, (ElementwiseLoss) Losses.parse(spec));
                FitResult unit = LineFit.fit(base.x(), base.y(), (ElementwiseLoss) Losses.parse(spec));
                assertClose(unit.w(), r.w(), 1e-10, 0, spec + " w at scale " + scale);
                assertClose(unit.b() * scale, r.b(), 1e-9, 0, spec + " b at scale " + scale);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // smooth losses

    @Test
    void smoothConvexFitsHaveNoDescentDirectionOnRandomData() {
        org.losslab.testkit.Trials.forAll(77L, 60, random -> {
            int n = 2 + random.nextInt(40);
            double[] x = new double[n];
            double[] y = new double[n];
            double shift = org.losslab.testkit.Trials.oneOfDoubles(random, 0, 0, 50, -1000);
            for (int i = 0; i < n; i++) {
                x[i] = shift + org.losslab.testkit.Trials.uniform(random, -5, 5);
                y[i] = -0.4 * x[i] + 2 + random.nextGaussian() + (random.nextInt(5) == 0 ? 15 : 0);
            }
            Case c = org.losslab.testkit.Trials.oneOf(random, convexLosses().toArray(new Case[0]));
            double l1 = org.losslab.testkit.Trials.oneOfDoubles(random, 0, 0, 0.01);
            double l2 = org.losslab.testkit.Trials.oneOfDoubles(random, 0, 0, 0.01);
            FitResult r = LineFit.fit(x, y, c.kernel(), new Regularizer(l1, l2));
            String what = c.spec() + " l1=" + l1 + " l2=" + l2 + " n=" + n + " shift=" + shift;
            assertTrue(r.optimality().isGlobal(), what + ": " + r);
            double f0 = Reference.objective(c.formula(), x, y, r.w(), r.b(), l1, l2);
            // a convex function with no descending direction at a point is at its minimum
            for (double h : new double[] {1e-2, 1e-4, 1e-6}) {
                for (int k = 0; k < 16; k++) {
                    double angle = 2 * Math.PI * k / 16;
                    // steps in (w, c), c the height at the mean x
                    double dw = h * Math.cos(angle) / (1 + Math.abs(shift));
                    double db = h * Math.sin(angle) - dw * shift;
                    double f = Reference.objective(c.formula(), x, y, r.w() + dw, r.b() + db, l1, l2);
                    assertNoWorse(f, f0, 1e-11, 1e-13, what + " step " + h + " at angle " + k);
                }
            }
        });
    }

    @Test
    void hubersWithFewPointsInTheQuadraticZoneFinishByNestedRootFinding() {
        // delta = 0.05 on unit noise: at the optimum fewer than two points lie inside the quadratic zone, the
        // Hessian is singular there and Newton/IRLS only creeps; the nested root search finishes the job
        double[] x = {-0.14106938024659588, -2.8620157810440903, 2.7559451695178563, -3.962728810665681,
                0.32766771156747865};
        double[] y = {0.6663469700666824, 0.620170727946479, 23.936104449396485, -2.5311381124921195,
                0.258118566335721};
        Reference.Formula formula = Reference.huber(0.05);
        ElementwiseLoss huber = (ElementwiseLoss) Losses.parse("huber:delta=0.05");
        FitResult r = LineFit.fit(x, y, huber);
        assertEquals(FitMethod.PROFILE, r.method(), r.toString());
        Reference.Best grid = Reference.grid(formula, x, y, 0, 0);
        double mine = Reference.objective(formula, x, y, r.w(), r.b(), 0, 0);
        assertNoWorse(grid.value(), mine, 1e-12, 1e-14, "huber 0.05");
        assertTrue(r.optimality().isGlobal(), r.toString());
        for (int k = 0; k < 16; k++) {
            double a = 2 * Math.PI * k / 16;
            double v = Reference.objective(formula, x, y, r.w() + 1e-7 * Math.cos(a), r.b() + 1e-7 * Math.sin(a), 0, 0);
            assertNoWorse(v, mine, 1e-13, 1e-16, "no descent at angle " + k);
        }
    }

    @Test
    void aWarmStartKeepsANonConvexFitInItsBasin() {
        XY data = Datasets.anscombe("III");
        ElementwiseLoss welsch = (ElementwiseLoss) Losses.parse("barron:alpha=-inf,scale=0.5");
        FitResult cold = fit(data, welsch);
        FitResult warm = new LineFitter().fit(data.x(), data.y(), data.size(), welsch, Regularizer.NONE,
                new double[] {cold.w(), cold.b()});
        assertClose(cold.w(), warm.w(), 1e-9, 1e-12, "w");
        assertEquals(Optimality.LOCAL, warm.optimality());
        assertTrue(warm.note().contains("warm start"), warm.note());
    }

    @Test
    void nonConvexBarronGivesALocalOptimumNoWorseThanItsStarts() {
        List<XY> sets = new ArrayList<>(List.of(Datasets.anscombe("III"), Datasets.anscombe("I"),
                Datasets.noisyLine(30, 2.0, 1.0, 0.5, 6, 2)));
        for (XY data : sets) {
            for (double alpha : new double[] {0.5, 0, -2}) {
                ElementwiseLoss loss = (ElementwiseLoss) Losses.parse("barron:alpha=" + alpha + ",scale=1");
                Reference.Formula f = Reference.barron(alpha, 1.0);
                FitResult r = fit(data, loss);
                String what = loss.spec() + " on " + data.name();
                assertEquals(Optimality.LOCAL, r.optimality(), what);
                assertTrue(r.note().contains("not convex"), r.note());
                FitResult ls = fit(data, Losses.elementwise("mse"));
                FitResult lad = fit(data, Losses.elementwise("mae"));
                double mine = Reference.objective(f, data.x(), data.y(), r.w(), r.b(), 0, 0);
                assertNoWorse(Reference.objective(f, data.x(), data.y(), ls.w(), ls.b(), 0, 0), mine, 1e-12, 0, what);
                assertNoWorse(Reference.objective(f, data.x(), data.y(), lad.w(), lad.b(), 0, 0), mine, 1e-12, 0,
                        what);
                for (int k = 0; k < 8; k++) {
                    double angle = 2 * Math.PI * k / 8;
                    double v = Reference.objective(f, data.x(), data.y(), r.w() + 1e-5 * Math.cos(angle),
                            r.b() + 1e-5 * Math.sin(angle), 0, 0);
                    assertNoWorse(v, mine, 1e-12, 1e-15, what + ": a local minimum");
                }
            }
        }
        // on Anscombe III the outlier-free line is the global optimum of the Cauchy loss, and it is found
        XY iii = Datasets.anscombe("III");
        FitResult cauchy = fit(iii, (ElementwiseLoss) Losses.parse("barron:alpha=0,scale=1"));
        Reference.Best grid = Reference.grid(Reference.barron(0, 1), iii.x(), iii.y(), 0, 0);
        assertNoWorse(grid.value(), cauchy.loss(), 1e-12, 1e-14, "Cauchy on Anscombe III");
    }

    @Test
    void aWarmStartReachesTheSameOptimum() {
        XY data = Datasets.noisyLine(50, 1.0, 0.0, 1.0, 5, 9);
        LineFitter fitter = new LineFitter();
        for (Case c : convexLosses()) {
            FitResult cold = fitter.fit(data.x(), data.y(), c.kernel());
            FitResult warm = fitter.fit(data.x(), data.y(), data.size(), c.kernel(), Regularizer.NONE,
                    new double[] {-3.0, 40.0});
            assertClose(cold.objective(), warm.objective(), 1e-13, 1e-15, c.spec());
            if (cold.optimality() == Optimality.UNIQUE_GLOBAL) {
                assertClose(cold.w(), warm.w(), 1e-7, 1e-9, c.spec() + " w");
            }
        }
    }

    @Test
    void theFirstNPointsOnly() {
        XY data = Datasets.noisyLine(30, 1.0, 0.0, 1.0, 5, 9);
        double[] x = java.util.Arrays.copyOf(data.x(), 40);
        double[] y = java.util.Arrays.copyOf(data.y(), 40);
        java.util.Arrays.fill(y, 30, 40, 1e6);
        FitResult part = new LineFitter().fit(x, y, 30, Losses.elementwise("huber"), Regularizer.NONE, null);
        FitResult whole = LineFit.fit(data.x(), data.y(), Losses.elementwise("huber"));
        assertEquals(whole.w(), part.w(), 1e-12);
        assertEquals(whole.b(), part.b(), 1e-12);
    }

    @Test
    void badInputIsRefused() {
        double[] x = {1, 2};
        double[] y = {1, Double.NaN};
        assertThrows(IllegalArgumentException.class, () -> LineFit.fit(x, y, Losses.elementwise("mse")));
        assertThrows(IllegalArgumentException.class,
                () -> LineFit.fit(new double[0], new double[0], Losses.elementwise("mse")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LineFit.fit(new double[] {1}, new double[] {1}, Losses.elementwise("hinge")));
        assertTrue(e.getMessage().contains("regression"), e.getMessage());
    }
}
