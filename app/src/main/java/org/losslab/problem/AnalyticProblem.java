package org.losslab.problem;

import java.util.ArrayList;
import java.util.List;

/**
 * Common ground of the analytic landscapes: a closed-form f(x, y) with exact gradient and Hessian, parameters named
 * x and y, a default view, a default start and its known minima and saddle points.
 *
 * <p>Subclasses implement {@link #value}, {@link #gradient} and {@link #hessian} from the formulas in their
 * javadoc. The point lists are copied on every call, so callers may keep or change what they get.
 */
public abstract class AnalyticProblem implements Problem {
    private static final String[] NAMES = {"x", "y"};

    private final String id;
    private final String displayName;
    private final String formula;
    private final Bounds bounds;
    private final double[] start;
    private final List<double[]> minima;
    private final List<double[]> saddles;

    /**
     * @param minima  known minima, each {x, y}
     * @param saddles known saddle points, each {x, y}
     */
    protected AnalyticProblem(String id, String displayName, String formula, Bounds bounds, double[] start,
                              List<double[]> minima, List<double[]> saddles) {
        this.id = id;
        this.displayName = displayName;
        this.formula = formula;
        this.bounds = bounds;
        this.start = start.clone();
        this.minima = copy(minima);
        this.saddles = copy(saddles);
    }

    private static List<double[]> copy(List<double[]> points) {
        List<double[]> out = new ArrayList<>(points.size());
        for (double[] p : points) {
            out.add(p.clone());
        }
        return List.copyOf(out);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String displayName() {
        return displayName;
    }

    @Override
    public final String formula() {
        return formula;
    }

    @Override
    public final String[] parameterNames() {
        return NAMES.clone();
    }

    @Override
    public final Bounds defaultBounds() {
        return bounds;
    }

    @Override
    public final double[] defaultStart() {
        return start.clone();
    }

    @Override
    public final List<double[]> knownMinima() {
        return copy(minima);
    }

    @Override
    public final List<double[]> knownSaddlePoints() {
        return copy(saddles);
    }

    @Override
    public String toString() {
        return id;
    }
}
