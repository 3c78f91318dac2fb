package org.losslab.lesson;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.losslab.kernel.LossDefinition;
import org.losslab.kernel.Losses;
import org.losslab.kernel.ParamSpec;
import org.losslab.optim.OptimizerKind;
import org.losslab.optim.OptimizerSpec;
import org.losslab.problem.ProblemRegistry;

/**
 * Everything a LossLab window shows, as plain data: the data view's points and settings, the classification view's
 * points and run, the surface view's problem and runs, the loss-curves view's choices, the user's custom-loss
 * expressions, the selected tab, and (for a bundled lesson) the lesson's text. A session file is this record as
 * JSON (see {@link SessionFormat}); it knows no controls, so a file is independent of how the views are built.
 *
 * <p>Loss identifiers are the library's ids ({@code mse}, {@code huber}) or {@code custom#N}, the N-th expression
 * of {@link #customLosses()} (1-based). Doubles are kept exactly: a state written and read again is equal to it.
 */
@JsonPropertyOrder({"schema", "version", "selectedTab", "customLosses", "data", "classify", "surface", "curves",
        "beyond", "lesson"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionState(String schema, int version, String selectedTab, List<String> customLosses, Data data,
                           Classify classify, Surface surface, Curves curves, Beyond beyond, Lesson lesson) {
    /** The value of the {@code schema} field of every session file. */
    public static final String SCHEMA = "losslab-session";
    /** The version this LossLab writes and reads. */
    public static final int VERSION = 1;
    /** The tabs a session can select. */
    public static final List<String> TABS = List.of("data", "classify", "surface", "curves", "mse-vs-bce",
            "embeddings", "boxes", "next-token", "glossary");
    /** The losses the data view fits (as the data view lists them). */
    public static final List<String> DATA_LOSSES = List.of("mse", "mae", "huber", "quantile", "barron", "smooth_l1",
            "log_cosh");
    /** The binary losses of the classification view. */
    public static final List<String> CLASSIFY_LOSSES = List.of("bce_logits", "bce", "focal", "hinge",
            "squared_hinge", "mse");
    /** The classification view's bundled data sets. */
    public static final List<String> CLASSIFY_DATASETS = List.of("two-classes", "three-classes", "imbalanced");
    /** The prefix of a reference to a custom loss ({@code custom#1} is the first expression). */
    public static final String CUSTOM_REF = "custom#";

    /** The data view: points, the generator's settings, fits, the model's degree, the display toggles. */
    @JsonPropertyOrder({"generator", "points", "fits", "selectedLoss", "lossParams", "degree", "sliceI", "sliceJ",
            "followAxes", "validationMode"})
    public record Data(Generator generator, List<Point> points, List<String> fits, String selectedLoss,
                       Map<String, Map<String, Double>> lossParams, int degree, int sliceI, int sliceJ,
                       boolean followAxes, boolean validationMode) {
        /** The same settings with other points. */
        public Data withPoints(List<Point> p) {
            return new Data(generator, p, fits, selectedLoss, lossParams, degree, sliceI, sliceJ, followAxes,
                    validationMode);
        }
    }

    /** One point of the data view; validation points are held out of the fits. */
    public record Point(double x, double y, boolean validation) {
    }

    /** The data view's generator: a seeded line with noise and outliers. */
    public record Generator(int points, int outliers, double noise, long seed) {
    }

    /** The classification view: classes, points, loss, optimizer, rate and the current parameters theta. */
    @JsonPropertyOrder({"classes", "dataset", "points", "loss", "lossParams", "optimizer", "learningRate", "theta",
            "compare", "speed"})
    public record Classify(int classes, String dataset, List<LabeledPoint> points, String loss,
                           Map<String, Map<String, Double>> lossParams, String optimizer, double learningRate,
                           List<Double> theta, boolean compare, double speed) {
        /** The same settings with other points. */
        public Classify withPoints(List<LabeledPoint> p) {
            return new Classify(classes, dataset, p, loss, lossParams, optimizer, learningRate, theta, compare, speed);
        }
    }

    /** One point of the classification view with its class (0, 1 or 2). */
    public record LabeledPoint(double x1, double x2, int label) {
    }

    /**
     * The surface view: the problem and its settings, the shared start, the four runs, the display toggles, and for
     * the problem {@link #SLICE_PROBLEM} the slice of the classification view's loss it shows.
     */
    @JsonPropertyOrder({"problem", "kappa", "angle", "regressionLoss", "classLoss", "penalty", "lambda", "start",
            "runs", "selectedRun", "stepsPerSecond", "logScale", "contours", "arrows", "slice"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Surface(String problem, double kappa, double angle, String regressionLoss, String classLoss,
                          String penalty, double lambda, List<Double> start, List<Run> runs, int selectedRun,
                          double stepsPerSecond, boolean logScale, boolean contours, boolean arrows, Slice slice) {
    }

    /** The surface view's problem when it shows a slice of the classification view's loss. */
    public static final String SLICE_PROBLEM = "classifier-slice";

    /**
     * A slice of the classification view's loss: the loss over parameters {@code first} and {@code second} (indices
     * into the classifier's parameters), the others held at {@code theta}'s values (all of the classifier's
     * parameters, in order).
     */
    public record Slice(int first, int second, List<Double> theta) {
    }

    /**
     * One run of the surface view: an optimizer with its hyper-parameters (without lr), its learning rate, its
     * schedule spec ({@code constant}, {@code step:step_size=100,gamma=0.5}, ...), mini-batch size (0: all) and seed.
     */
    @JsonPropertyOrder({"enabled", "optimizer", "hyper", "learningRate", "schedule", "batchSize", "seed"})
    public record Run(boolean enabled, String optimizer, Map<String, Double> hyper, double learningRate,
                      String schedule, int batchSize, long seed) {
    }

    /** The loss-curves view: the axis (residual or score), the label, the shown losses, their parameters. */
    @JsonPropertyOrder({"axis", "positiveLabel", "derivative", "halfWidth", "selected", "shown", "params"})
    public record Curves(String axis, boolean positiveLabel, boolean derivative, double halfWidth, String selected,
                         List<String> shown, Map<String, Map<String, Double>> params) {
    }

    /**
     * The boxes and embeddings views: the target and predicted boxes (x1, y1, x2, y2 in [0, 10]), the box loss
     * ({@code iou} or {@code giou}) and rate; the six embedding points (anchor, two positives, three negatives, each
     * (x, y) in [-4, 4]), the embedding loss ({@code triplet} or {@code contrastive}), margin, rate and whether descent
     * moves the anchor.
     */
    @JsonPropertyOrder({"targetBox", "predictedBox", "boxLoss", "boxRate", "embeddingPoints", "embeddingLoss",
            "margin", "embeddingRate", "moveAnchor"})
    public record Beyond(List<Double> targetBox, List<Double> predictedBox, String boxLoss, double boxRate,
                         List<List<Double>> embeddingPoints, String embeddingLoss, double margin,
                         double embeddingRate, boolean moveAnchor) {
        /** The views' opening state. */
        public static Beyond defaults() {
            return new Beyond(List.of(5.5, 4.5, 8.5, 8.0), List.of(1.0, 1.0, 3.5, 3.0), "giou", 2.0,
                    List.of(List.of(0.0, 0.0), List.of(1.0, 0.6), List.of(-1.4, 2.0), List.of(0.6, -0.9),
                            List.of(-0.8, -0.4), List.of(2.8, -2.4)), "triplet", 1.0, 0.1, false);
        }
    }

    /** A bundled lesson's text: its id, title, a one-line summary, what to look at and what to try. */
    @JsonPropertyOrder({"id", "title", "summary", "look", "tryThis"})
    public record Lesson(String id, String title, String summary, String look, String tryThis) {
    }

    /** The same state with another lesson block (null: none). */
    public SessionState withLesson(Lesson l) {
        return new SessionState(schema, version, selectedTab, customLosses, data, classify, surface, curves, beyond,
                l);
    }

    // ---------------------------------------------------------------- defaults

    /** The state of a fresh window, with every point spelled out. */
    public static SessionState defaults() {
        return unresolvedDefaults().resolve();
    }

    /**
     * The state of a fresh window with the data view's and classification view's points left out (null): they
     * follow from the generator's settings and the dataset name (see {@link #resolve()}). A session file's missing
     * fields take these values.
     */
    public static SessionState unresolvedDefaults() {
        Data data = new Data(new Generator(20, 2, 0.8, 42), null, List.of("mse", "mae", "huber"), "mse",
                params(DATA_LOSSES), 1, 1, 0, false, false);
        List<String> classifyLosses = new ArrayList<>(CLASSIFY_LOSSES);
        classifyLosses.add("cce_logits");
        Classify classify = new Classify(2, "two-classes", null, "bce_logits", params(classifyLosses), "sgd", 0.5,
                List.of(0.5, -1.0, 0.0), false, 30);
        double[] start = ProblemRegistry.create("himmelblau", org.losslab.problem.ProblemOptions.NONE).defaultStart();
        List<Run> runs = List.of(defaultRun(true, OptimizerKind.SGD), defaultRun(true, OptimizerKind.ADAM),
                defaultRun(false, OptimizerKind.MOMENTUM), defaultRun(false, OptimizerKind.RMSPROP));
        Surface surface = new Surface("himmelblau", 25, 30, "mse", "bce_logits", "none", 0.1,
                List.of(start[0], start[1]), runs, 0, 20, false, true, false, null);
        List<String> shown = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (LossDefinition d : Losses.all()) {
            all.add(d.id());
            if (List.of("mse", "mae", "huber", "bce_logits", "hinge", "dpo").contains(d.id())) {
                shown.add(d.id());
            }
        }
        Curves curves = new Curves("residual", true, false, 3.0, "mse", shown, params(all));
        return new SessionState(SCHEMA, VERSION, "data", List.of(), data, classify, surface, curves,
                Beyond.defaults(), null);
    }

    private static Run defaultRun(boolean enabled, OptimizerKind kind) {
        return new Run(enabled, kind.id(), hyperParameters(OptimizerSpec.defaults(kind)), 0.01, "constant", 0, 1);
    }

    /** An optimizer's hyper-parameters without its lr (a run keeps its rate apart). */
    public static Map<String, Double> hyperParameters(OptimizerSpec spec) {
        Map<String, Double> m = new LinkedHashMap<>(spec.values());
        m.remove("lr");
        return m;
    }

    /** The default parameters of each loss that has any, by loss id. */
    private static Map<String, Map<String, Double>> params(List<String> ids) {
        Map<String, Map<String, Double>> m = new LinkedHashMap<>();
        for (String id : ids) {
            LossDefinition d = Losses.definition(id);
            if (d.params().isEmpty()) {
                continue;
            }
            Map<String, Double> p = new LinkedHashMap<>();
            for (ParamSpec s : d.params()) {
                p.put(s.name(), s.defaultValue());
            }
            m.put(id, p);
        }
        return m;
    }

    /**
     * This state with missing points filled in: the data view's from its generator, the classification view's from
     * its dataset name.
     */
    public SessionState resolve() {
        Data d = data;
        if (d != null && d.points() == null && d.generator() != null) {
            Generator g = d.generator();
            Datasets.XY xy = Datasets.noisyLine(g.points(), 0.8, 1.0, g.noise(), g.outliers(), g.seed());
            List<Point> p = new ArrayList<>();
            for (int i = 0; i < xy.size(); i++) {
                p.add(new Point(xy.x()[i], xy.y()[i], false));
            }
            d = d.withPoints(p);
        }
        Classify c = classify;
        if (c != null && c.points() == null && c.dataset() != null && CLASSIFY_DATASETS.contains(c.dataset())) {
            Datasets.Labeled2D l = dataset(c.dataset());
            List<LabeledPoint> p = new ArrayList<>();
            for (int i = 0; i < l.x1().length; i++) {
                p.add(new LabeledPoint(l.x1()[i], l.x2()[i], l.labels()[i]));
            }
            c = c.withPoints(p);
        }
        return new SessionState(schema, version, selectedTab, customLosses, d, c, surface, curves, beyond, lesson);
    }

    /** One of the classification view's bundled data sets, by name (as the view loads them). */
    public static Datasets.Labeled2D dataset(String name) {
        switch (name) {
            case "three-classes":
                return Datasets.blobs3(25, 5);
            case "imbalanced":
                return Datasets.imbalanced2D(380, 20, 3);
            default:
                return Datasets.blobs2D(20, 11);
        }
    }

    // ---------------------------------------------------------------- loss references

    /**
     * This state with every loss reference rewritten by {@code f} (the data view's fits and selected loss, the
     * classification loss, the surface view's regression loss, the curves' shown and selected losses). The main
     * window uses it to turn custom losses' keys into {@code custom#N} references and back.
     */
    public SessionState mapLossIds(UnaryOperator<String> f) {
        Data d = data == null ? null : new Data(data.generator(), data.points(), map(data.fits(), f),
                f.apply(data.selectedLoss()), data.lossParams(), data.degree(), data.sliceI(), data.sliceJ(),
                data.followAxes(), data.validationMode());
        Classify c = classify == null ? null : new Classify(classify.classes(), classify.dataset(), classify.points(),
                f.apply(classify.loss()), classify.lossParams(), classify.optimizer(), classify.learningRate(),
                classify.theta(), classify.compare(), classify.speed());
        Surface s = surface == null ? null : new Surface(surface.problem(), surface.kappa(), surface.angle(),
                f.apply(surface.regressionLoss()), surface.classLoss(), surface.penalty(), surface.lambda(),
                surface.start(), surface.runs(), surface.selectedRun(), surface.stepsPerSecond(), surface.logScale(),
                surface.contours(), surface.arrows(), surface.slice());
        Curves v = curves == null ? null : new Curves(curves.axis(), curves.positiveLabel(), curves.derivative(),
                curves.halfWidth(), f.apply(curves.selected()), map(curves.shown(), f), curves.params());
        return new SessionState(schema, version, selectedTab, customLosses, d, c, s, v, beyond, lesson);
    }

    private static List<String> map(List<String> ids, UnaryOperator<String> f) {
        if (ids == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            out.add(f.apply(id));
        }
        return out;
    }
}
