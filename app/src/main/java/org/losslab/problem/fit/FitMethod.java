package org.losslab.problem.fit;

/** How a fit was computed. */
public enum FitMethod {
    /** Least squares from sums (moments): w = cov(x, y) / var(x), b = mean(y) - w mean(x), and its penalised forms. */
    CLOSED_FORM("closed form"),
    /** Least squares by a Householder QR factorisation of the (Chebyshev) design matrix. */
    LEAST_SQUARES_QR("least squares (QR)"),
    /**
     * Exact linear programming for piecewise-linear losses: descent from vertex to vertex (fits through as many data
     * points as there are parameters) with exact line searches, as in Wesolowsky's (1981) and Barrodale and
     * Roberts' (1973) methods.
     */
    VERTEX_DESCENT("exact vertex descent (linear programming)"),
    /** Damped Newton with the kernel's second derivative, falling back to IRLS where the Hessian is not positive. */
    NEWTON("damped Newton / IRLS"),
    /**
     * The profile phi(w) = min_b J(w, b), convex in w, with the inner minimum over b exact: Brent's method over w
     * for piecewise-linear losses with an L2 term (inner: a weighted quantile with a quadratic), root finding on
     * phi'(w) for smooth convex losses where Newton stalls (inner: the root of dJ/db).
     */
    PROFILE("profile search (outer search over w, exact minimum over b)"),
    /** One parameter only (all x equal): the exact location estimate (mean, weighted quantile or 1-D Newton). */
    LOCATION("location estimate (all x equal)");

    private final String label;

    FitMethod(String label) {
        this.label = label;
    }

    /** Short human text. */
    public String label() {
        return label;
    }
}
