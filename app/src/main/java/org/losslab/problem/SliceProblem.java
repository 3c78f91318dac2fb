package org.losslab.problem;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A two-parameter slice through a {@link Model}: the model's loss over parameters i and j, every other parameter
 * held at its value in {@code base}:
 * <pre>
 *   L_slice(theta1, theta2) = L(base with base_i = theta1, base_j = theta2)
 *   gradient = (dL/dtheta_i, dL/dtheta_j),  Hessian = {h_ii, h_ij, h_jj} of the model's Hessian
 * </pre>
 * A minimum of the slice is a minimum of the model only along that plane, so {@link #knownMinima()} is empty.
 * Immutable and thread-safe when the model is.
 */
public final class SliceProblem implements Problem {
    private final Model model;
    private final double[] base;
    private final int i;
    private final int j;
    private final Bounds bounds;
    private final String held;

    /**
     * @param model  the model
     * @param base   the point the slice goes through, length the model's dimension; its i and j entries are the
     *               default start
     * @param i      the parameter on the horizontal axis
     * @param j      the parameter on the vertical axis, not i
     * @param bounds the region shown; null for {@link #around around(base, i, j, 3)}
     * @throws IllegalArgumentException for a base of the wrong length or not finite, or bad indices
     */
    public SliceProblem(Model model, double[] base, int i, int j, Bounds bounds) {
        this.model = Objects.requireNonNull(model, "model");
        int n = model.dimension();
        if (base == null || base.length != n) {
            throw new IllegalArgumentException("the slice needs a base point with " + n + " parameters (got "
                    + (base == null ? "none" : base.length) + ")");
        }
        for (double v : base) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("the slice's base point must be finite");
            }
        }
        if (i < 0 || j < 0 || i >= n || j >= n || i == j) {
            throw new IllegalArgumentException("pick two different parameters among 0.." + (n - 1) + " (got " + i
                    + " and " + j + ")");
        }
        this.base = base.clone();
        this.i = i;
        this.j = j;
        this.bounds = bounds != null ? bounds : around(base, i, j, 3.0);
        String[] names = model.parameterNames();
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < n; k++) {
            if (k != i && k != j) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(names[k]).append(" = ").append(format(base[k]));
            }
        }
        this.held = sb.toString();
    }

    /** The square of half-width {@code halfWidth} centred on (base_i, base_j). */
    public static Bounds around(double[] base, int i, int j, double halfWidth) {
        if (!(halfWidth > 0) || !Double.isFinite(halfWidth)) {
            throw new IllegalArgumentException("the half-width must be a finite number > 0 (got " + halfWidth + ")");
        }
        return new Bounds(base[i] - halfWidth, base[i] + halfWidth, base[j] - halfWidth, base[j] + halfWidth);
    }

    /** A held value with 3 significant digits and no trailing zeros: 0.53, -1.25, 12, 0.000123. */
    static String format(double v) {
        if (v == 0.0) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.3g", v);
        if (s.contains("e")) {
            return s;
        }
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "");
            if (s.endsWith(".")) {
                s = s.substring(0, s.length() - 1);
            }
        }
        return s;
    }

    public Model model() {
        return model;
    }

    /** The point the slice goes through (a copy). */
    public double[] base() {
        return base.clone();
    }

    /** The index of the parameter on the horizontal axis. */
    public int first() {
        return i;
    }

    /** The index of the parameter on the vertical axis. */
    public int second() {
        return j;
    }

    /** The full parameter vector at a point of the slice. */
    public double[] fullTheta(double theta1, double theta2) {
        double[] t = base.clone();
        t[i] = theta1;
        t[j] = theta2;
        return t;
    }

    @Override
    public String id() {
        return "slice";
    }

    @Override
    public String displayName() {
        String[] names = model.parameterNames();
        return model.displayName() + ": " + names[i] + ", " + names[j] + (held.isEmpty() ? "" : " (" + held + " held)");
    }

    @Override
    public String formula() {
        String f = model.formula();
        return held.isEmpty() ? f : (f.isEmpty() ? "" : f + ";  ") + held + " held";
    }

    @Override
    public String[] parameterNames() {
        String[] names = model.parameterNames();
        return new String[] {names[i], names[j]};
    }

    @Override
    public double value(double theta1, double theta2) {
        return model.value(fullTheta(theta1, theta2));
    }

    @Override
    public double gradient(double theta1, double theta2, double[] gradient) {
        double[] g = new double[base.length];
        double v = model.gradient(fullTheta(theta1, theta2), g);
        gradient[0] = g[i];
        gradient[1] = g[j];
        return v;
    }

    @Override
    public boolean hessian(double theta1, double theta2, double[] hessian) {
        int n = base.length;
        double[] h = new double[n * n];
        if (!model.hessian(fullTheta(theta1, theta2), h)) {
            return false;
        }
        hessian[0] = h[i * n + i];
        hessian[1] = h[i * n + j];
        hessian[2] = h[j * n + j];
        return true;
    }

    @Override
    public Bounds defaultBounds() {
        return bounds;
    }

    @Override
    public List<double[]> knownMinima() {
        return List.of();
    }

    @Override
    public double[] defaultStart() {
        return new double[] {base[i], base[j]};
    }
}
