package org.losslab.problem;

import java.util.List;
import java.util.Map;
import org.losslab.kernel.ElementwiseLoss;
import org.losslab.kernel.Losses;

/**
 * Every problem by its {@code descend --problem} identifier, created from a spec {@code NAME[:key=value,...]}:
 * <ul>
 *   <li>{@code bowl[:kappa=K,angle=DEG]} (defaults kappa 4, angle 0) and {@code ravine[:kappa=K,angle=DEG]}
 *       (kappa 25, angle 0): {@link QuadraticBowl}, curvatures 1 and kappa, axes turned by angle degrees;</li>
 *   <li>{@code rosenbrock}, {@code himmelblau}, {@code beale}, {@code saddle}, {@code rastrigin}, {@code plateau}:
 *       fixed analytic landscapes with no settings;</li>
 *   <li>{@code linreg} and {@code logreg}: data problems that need {@link ProblemOptions} with data, and take a
 *       loss (default mse / bce_logits) and a penalty.</li>
 * </ul>
 */
public final class ProblemRegistry {
    private static final List<String> IDS = List.of("bowl", "ravine", "rosenbrock", "himmelblau", "beale",
            "saddle", "rastrigin", "plateau", "linreg", "logreg");

    private ProblemRegistry() {
    }

    /** The identifiers in the order the app lists them. */
    public static List<String> ids() {
        return IDS;
    }

    /** The identifiers, comma separated, for messages. */
    public static String idList() {
        return String.join(", ", IDS);
    }

    /** Whether the identifier names a data problem (linreg, logreg). */
    public static boolean isDataProblem(String id) {
        return "linreg".equals(id) || "logreg".equals(id);
    }

    /** An analytic problem from its spec, for example {@code rosenbrock} or {@code ravine:kappa=50,angle=30}. */
    public static Problem create(String spec) {
        return create(spec, ProblemOptions.NONE);
    }

    /**
     * The problem named by {@code spec}, built with {@code options}.
     *
     * @throws IllegalArgumentException one line: an unknown name (listing the valid ones), an unknown or bad
     *                                  setting, data missing for linreg/logreg or given to an analytic problem
     */
    public static Problem create(String spec, ProblemOptions options) {
        SpecString parsed = SpecString.parse(spec, "problem");
        String id = parsed.name();
        if (!IDS.contains(id)) {
            throw new IllegalArgumentException("unknown problem '" + id + "'; valid names: " + idList());
        }
        if (isDataProblem(id)) {
            return dataProblem(id, parsed.values(), options);
        }
        if (options.hasData() || options.loss() != null || !options.regularizer().isNone()) {
            throw new IllegalArgumentException(id + " is an analytic problem: data, a loss and a penalty apply only"
                    + " to linreg and logreg");
        }
        switch (id) {
            case "bowl":
            case "ravine":
                return bowl(id, parsed.values());
            case "rosenbrock":
                noSettings(id, parsed.values());
                return new Rosenbrock();
            case "himmelblau":
                noSettings(id, parsed.values());
                return new Himmelblau();
            case "beale":
                noSettings(id, parsed.values());
                return new Beale();
            case "saddle":
                noSettings(id, parsed.values());
                return new Saddle();
            case "rastrigin":
                noSettings(id, parsed.values());
                return new Rastrigin();
            default:
                noSettings(id, parsed.values());
                return new PlateauCliff();
        }
    }

    private static Problem bowl(String id, Map<String, String> values) {
        boolean isBowl = id.equals("bowl");
        double kappa = isBowl ? QuadraticBowl.BOWL_KAPPA : QuadraticBowl.RAVINE_KAPPA;
        double angle = 0.0;
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey();
            double v = SpecString.number(e.getValue(), key + " of " + id);
            if (key.equals("kappa")) {
                if (!(v > 0) || !Double.isFinite(v)) {
                    throw new IllegalArgumentException("kappa of " + id + " must be in (0, inf) (got "
                            + e.getValue() + ")");
                }
                kappa = v;
            } else if (key.equals("angle")) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("angle of " + id + " must be a finite number of degrees (got "
                            + e.getValue() + ")");
                }
                angle = v;
            } else {
                throw new IllegalArgumentException("unknown setting '" + key + "' for " + id
                        + "; its settings: kappa, angle");
            }
        }
        return isBowl ? QuadraticBowl.bowl(kappa, angle) : QuadraticBowl.ravine(kappa, angle);
    }

    private static void noSettings(String id, Map<String, String> values) {
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown setting '" + values.keySet().iterator().next() + "': " + id
                    + " has no settings");
        }
    }

    private static Problem dataProblem(String id, Map<String, String> values, ProblemOptions options) {
        noSettings(id, values);
        if (options.x() == null || options.y() == null) {
            throw new IllegalArgumentException(id + " needs data points (x, y)");
        }
        ElementwiseLoss loss = options.loss();
        if (id.equals("linreg")) {
            return new LinearRegressionProblem(options.x(), options.y(),
                    loss == null ? Losses.elementwise("mse") : loss, options.regularizer());
        }
        return new LogisticProblem(options.x(), options.y(),
                loss == null ? Losses.elementwise("bce_logits") : loss, options.regularizer());
    }
}
