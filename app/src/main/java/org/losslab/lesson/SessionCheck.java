package org.losslab.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.losslab.kernel.Loss;
import org.losslab.kernel.LossDefinition;
import org.losslab.kernel.LossFamily;
import org.losslab.kernel.LossInputException;
import org.losslab.kernel.Losses;
import org.losslab.kernel.custom.ExpressionLoss;
import org.losslab.optim.OptimizerKind;
import org.losslab.optim.OptimizerSpec;
import org.losslab.optim.Schedule;
import org.losslab.problem.ProblemRegistry;

/**
 * Checks every value of a session before anything is applied, so that opening a bad file changes nothing. The first
 * problem found is reported with the field's path, for example {@code surface.runs[2].learningRate must be a
 * positive number (got 0)}.
 */
final class SessionCheck {
    /** The most points a session may hold per view. */
    static final int MAX_POINTS = 100_000;

    private final SessionState s;

    private SessionCheck(SessionState s) {
        this.s = s;
    }

    static void check(SessionState state) throws SessionException {
        try {
            new SessionCheck(state).all();
        } catch (Bad e) {
            throw new SessionException(e.getMessage());
        }
    }

    /** A problem found (unchecked inside the checker, turned into a SessionException at the top). */
    private static final class Bad extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Bad(String path, String message) {
            super(path + " " + message);
        }
    }

    private void all() {
        require("selectedTab", s.selectedTab() != null && SessionState.TABS.contains(s.selectedTab()),
                "must be one of " + String.join(", ", SessionState.TABS), s.selectedTab());
        notNull("customLosses", s.customLosses());
        for (int i = 0; i < s.customLosses().size(); i++) {
            String path = "customLosses[" + i + "]";
            notNull(path, s.customLosses().get(i));
            try {
                new ExpressionLoss(s.customLosses().get(i));
            } catch (LossInputException e) {
                throw new Bad(path, "cannot be read: " + e.getMessage());
            }
        }
        data();
        classify();
        surface();
        curves();
        beyond();
        if (s.lesson() != null) {
            notNull("lesson.id", s.lesson().id());
            notNull("lesson.title", s.lesson().title());
        }
    }

    // ---------------------------------------------------------------- views

    private void data() {
        SessionState.Data d = s.data();
        notNull("data", d);
        SessionState.Generator g = d.generator();
        notNull("data.generator", g);
        require("data.generator.points", g.points() >= 1 && g.points() <= MAX_POINTS, "must be 1 to " + MAX_POINTS,
                g.points());
        require("data.generator.outliers", g.outliers() >= 0 && g.outliers() <= g.points(),
                "must be 0 to the number of points", g.outliers());
        require("data.generator.noise", g.noise() >= 0 && Double.isFinite(g.noise()), "must be a number ≥ 0",
                g.noise());
        notNull("data.points", d.points());
        require("data.points", d.points().size() <= MAX_POINTS, "has more than " + MAX_POINTS + " points",
                d.points().size());
        for (int i = 0; i < d.points().size(); i++) {
            SessionState.Point p = d.points().get(i);
            notNull("data.points[" + i + "]", p);
            finite("data.points[" + i + "].x", p.x());
            finite("data.points[" + i + "].y", p.y());
        }
        notNull("data.fits", d.fits());
        for (int i = 0; i < d.fits().size(); i++) {
            lossRef("data.fits[" + i + "]", d.fits().get(i), SessionState.DATA_LOSSES);
        }
        lossRef("data.selectedLoss", d.selectedLoss(), SessionState.DATA_LOSSES);
        params("data.lossParams", d.lossParams(), SessionState.DATA_LOSSES);
        require("data.degree", d.degree() >= 1 && d.degree() <= 9, "must be 1 to 9", d.degree());
        require("data.sliceI", d.sliceI() >= 0 && d.sliceI() <= d.degree(), "must be 0 to the degree", d.sliceI());
        require("data.sliceJ", d.sliceJ() >= 0 && d.sliceJ() <= d.degree() && d.sliceJ() != d.sliceI(),
                "must be 0 to the degree and differ from sliceI", d.sliceJ());
    }

    private void classify() {
        SessionState.Classify c = s.classify();
        notNull("classify", c);
        require("classify.classes", c.classes() == 2 || c.classes() == 3, "must be 2 or 3", c.classes());
        if (c.dataset() != null) {
            require("classify.dataset", SessionState.CLASSIFY_DATASETS.contains(c.dataset()),
                    "must be one of " + String.join(", ", SessionState.CLASSIFY_DATASETS), c.dataset());
        }
        notNull("classify.points", c.points());
        require("classify.points", c.points().size() <= MAX_POINTS, "has more than " + MAX_POINTS + " points",
                c.points().size());
        for (int i = 0; i < c.points().size(); i++) {
            SessionState.LabeledPoint p = c.points().get(i);
            String path = "classify.points[" + i + "]";
            notNull(path, p);
            finite(path + ".x1", p.x1());
            finite(path + ".x2", p.x2());
            require(path + ".label", p.label() >= 0 && p.label() < c.classes(),
                    "must be a class from 0 to " + (c.classes() - 1), p.label());
        }
        lossRef("classify.loss", c.loss(), SessionState.CLASSIFY_LOSSES);
        List<String> withSoftmax = new ArrayList<>(SessionState.CLASSIFY_LOSSES);
        withSoftmax.add("cce_logits");
        params("classify.lossParams", c.lossParams(), withSoftmax);
        optimizer("classify.optimizer", c.optimizer());
        positive("classify.learningRate", c.learningRate());
        notNull("classify.theta", c.theta());
        for (int i = 0; i < c.theta().size(); i++) {
            notNull("classify.theta[" + i + "]", c.theta().get(i));
            finite("classify.theta[" + i + "]", c.theta().get(i));
        }
        require("classify.speed", c.speed() >= 1 && c.speed() <= 240, "must be 1 to 240 steps per second",
                c.speed());
    }

    private void surface() {
        SessionState.Surface f = s.surface();
        notNull("surface", f);
        require("surface.problem", f.problem() != null && (ProblemRegistry.ids().contains(f.problem())
                        || f.problem().equals(SessionState.SLICE_PROBLEM)),
                "must be one of " + ProblemRegistry.idList() + ", " + SessionState.SLICE_PROBLEM, f.problem());
        if (f.problem().equals(SessionState.SLICE_PROBLEM)) {
            slice(f.slice());
        }
        require("surface.kappa", f.kappa() >= 1 && f.kappa() <= 100, "must be 1 to 100", f.kappa());
        require("surface.angle", f.angle() >= 0 && f.angle() <= 180, "must be 0 to 180", f.angle());
        lossRef("surface.regressionLoss", f.regressionLoss(), ids(Losses.regression()));
        lossRef("surface.classLoss", f.classLoss(), ids(Losses.classification()));
        require("surface.classLoss", !f.classLoss().startsWith(SessionState.CUSTOM_REF), "must be a library loss",
                f.classLoss());
        require("surface.penalty", List.of("none", "l1", "l2").contains(f.penalty()), "must be none, l1 or l2",
                f.penalty());
        require("surface.lambda", f.lambda() >= 0 && f.lambda() <= 10, "must be 0 to 10", f.lambda());
        notNull("surface.start", f.start());
        require("surface.start", f.start().size() == 2, "must be two numbers", f.start().size());
        for (int i = 0; i < 2; i++) {
            notNull("surface.start[" + i + "]", f.start().get(i));
            finite("surface.start[" + i + "]", f.start().get(i));
        }
        notNull("surface.runs", f.runs());
        require("surface.runs", f.runs().size() == 4, "must list 4 runs", f.runs().size());
        for (int i = 0; i < f.runs().size(); i++) {
            run("surface.runs[" + i + "]", f.runs().get(i));
        }
        require("surface.selectedRun", f.selectedRun() >= 0 && f.selectedRun() < 4, "must be 0 to 3",
                f.selectedRun());
        require("surface.stepsPerSecond", f.stepsPerSecond() >= 1 && f.stepsPerSecond() <= 500, "must be 1 to 500",
                f.stepsPerSecond());
    }

    /** A slice of the classification view's loss: two different parameters of its classifier, all of them given. */
    private void slice(SessionState.Slice slice) {
        notNull("surface.slice", slice);
        int n = s.classify().classes() == 2 ? 3 : 9;
        notNull("surface.slice.theta", slice.theta());
        require("surface.slice.theta", slice.theta().size() == n,
                "must give the classifier's " + n + " parameters", slice.theta().size());
        for (int i = 0; i < slice.theta().size(); i++) {
            notNull("surface.slice.theta[" + i + "]", slice.theta().get(i));
            finite("surface.slice.theta[" + i + "]", slice.theta().get(i));
        }
        require("surface.slice.first", slice.first() >= 0 && slice.first() < n, "must be 0 to " + (n - 1),
                slice.first());
        require("surface.slice.second", slice.second() >= 0 && slice.second() < n && slice.second() != slice.first(),
                "must be 0 to " + (n - 1) + " and differ from first", slice.second());
    }

    private void run(String path, SessionState.Run r) {
        notNull(path, r);
        OptimizerSpec spec = optimizer(path + ".optimizer", r.optimizer());
        notNull(path + ".hyper", r.hyper());
        for (Map.Entry<String, Double> e : r.hyper().entrySet()) {
            notNull(path + ".hyper." + e.getKey(), e.getValue());
            try {
                spec = spec.with(e.getKey(), e.getValue());
            } catch (IllegalArgumentException ex) {
                throw new Bad(path + ".hyper." + e.getKey(), "is refused: " + ex.getMessage());
            }
        }
        positive(path + ".learningRate", r.learningRate());
        notNull(path + ".schedule", r.schedule());
        try {
            Schedule.parse(r.schedule());
        } catch (IllegalArgumentException ex) {
            throw new Bad(path + ".schedule", "is refused: " + ex.getMessage());
        }
        require(path + ".batchSize", r.batchSize() >= 0, "must be 0 (all points) or more", r.batchSize());
    }

    private void beyond() {
        SessionState.Beyond b = s.beyond();
        notNull("beyond", b);
        box("beyond.targetBox", b.targetBox());
        box("beyond.predictedBox", b.predictedBox());
        require("beyond.boxLoss", "iou".equals(b.boxLoss()) || "giou".equals(b.boxLoss()), "must be iou or giou",
                b.boxLoss());
        require("beyond.boxRate", b.boxRate() > 0 && b.boxRate() <= 10, "must be above 0 and at most 10",
                b.boxRate());
        notNull("beyond.embeddingPoints", b.embeddingPoints());
        require("beyond.embeddingPoints", b.embeddingPoints().size() == 6,
                "must list 6 points (anchor, 2 positives, 3 negatives)", b.embeddingPoints().size());
        for (int i = 0; i < 6; i++) {
            String path = "beyond.embeddingPoints[" + i + "]";
            List<Double> p = b.embeddingPoints().get(i);
            notNull(path, p);
            require(path, p.size() == 2, "must be two numbers", p.size());
            for (int k = 0; k < 2; k++) {
                notNull(path + "[" + k + "]", p.get(k));
                require(path + "[" + k + "]", p.get(k) >= -4 && p.get(k) <= 4, "must be -4 to 4", p.get(k));
            }
        }
        require("beyond.embeddingLoss", "triplet".equals(b.embeddingLoss()) || "contrastive".equals(b.embeddingLoss()),
                "must be triplet or contrastive", b.embeddingLoss());
        require("beyond.margin", b.margin() >= 0 && b.margin() <= 8, "must be 0 to 8", b.margin());
        require("beyond.embeddingRate", b.embeddingRate() > 0 && b.embeddingRate() <= 10,
                "must be above 0 and at most 10", b.embeddingRate());
    }

    /** A box (x1, y1, x2, y2) inside [0, 10]², with x2 ≥ x1 and y2 ≥ y1. */
    private void box(String path, List<Double> b) {
        notNull(path, b);
        require(path, b.size() == 4, "must be four numbers (x1, y1, x2, y2)", b.size());
        for (int k = 0; k < 4; k++) {
            notNull(path + "[" + k + "]", b.get(k));
            require(path + "[" + k + "]", b.get(k) >= 0 && b.get(k) <= 10, "must be 0 to 10", b.get(k));
        }
        require(path, b.get(2) >= b.get(0) && b.get(3) >= b.get(1), "must have x2 ≥ x1 and y2 ≥ y1", b);
    }

    private void curves() {
        SessionState.Curves c = s.curves();
        notNull("curves", c);
        require("curves.axis", "residual".equals(c.axis()) || "score".equals(c.axis())
                || "preference".equals(c.axis()), "must be residual, score or preference",
                c.axis());
        require("curves.halfWidth", c.halfWidth() >= 0.5 && c.halfWidth() <= 20, "must be 0.5 to 20",
                c.halfWidth());
        List<String> all = new ArrayList<>();
        for (LossDefinition d : Losses.all()) {
            all.add(d.id());
        }
        lossRef("curves.selected", c.selected(), all);
        notNull("curves.shown", c.shown());
        for (int i = 0; i < c.shown().size(); i++) {
            lossRef("curves.shown[" + i + "]", c.shown().get(i), all);
        }
        params("curves.params", c.params(), all);
    }

    // ---------------------------------------------------------------- pieces

    /** The ids the surface view offers: the family's losses without multi-class and distribution losses. */
    private static List<String> ids(List<LossDefinition> defs) {
        List<String> out = new ArrayList<>();
        for (LossDefinition d : defs) {
            if (d.family() != LossFamily.MULTICLASS_LOGITS && d.family() != LossFamily.DISTRIBUTION) {
                out.add(d.id());
            }
        }
        return out;
    }

    private void lossRef(String path, String id, List<String> allowed) {
        notNull(path, id);
        if (id.startsWith(SessionState.CUSTOM_REF)) {
            String n = id.substring(SessionState.CUSTOM_REF.length());
            int k;
            try {
                k = Integer.parseInt(n);
            } catch (NumberFormatException e) {
                k = -1;
            }
            require(path, k >= 1 && k <= s.customLosses().size(), "refers to custom loss " + n + ", but the session "
                    + "has " + s.customLosses().size() + " custom loss" + (s.customLosses().size() == 1 ? "" : "es"),
                    id);
            return;
        }
        require(path, allowed.contains(id), "must be one of " + String.join(", ", allowed)
                + (s.customLosses().isEmpty() ? "" : " or custom#1 …"), id);
    }

    private void params(String path, Map<String, Map<String, Double>> params, List<String> allowed) {
        notNull(path, params);
        for (Map.Entry<String, Map<String, Double>> e : params.entrySet()) {
            String p = path + "." + e.getKey();
            require(p, allowed.contains(e.getKey()), "is not a loss of this view", e.getKey());
            notNull(p, e.getValue());
            Loss loss = Losses.get(e.getKey());
            for (Map.Entry<String, Double> v : e.getValue().entrySet()) {
                notNull(p + "." + v.getKey(), v.getValue());
                try {
                    loss = loss.with(v.getKey(), v.getValue());
                } catch (LossInputException ex) {
                    throw new Bad(p + "." + v.getKey(), "is refused: " + ex.getMessage());
                }
            }
        }
    }

    private static OptimizerSpec optimizer(String path, String id) {
        notNull(path, id);
        OptimizerKind kind = OptimizerKind.byId(id);
        require(path, kind != null, "must be one of " + OptimizerKind.idList(), id);
        return OptimizerSpec.defaults(kind);
    }

    private static void positive(String path, double v) {
        require(path, v > 0 && Double.isFinite(v), "must be a positive number", v);
    }

    private static void finite(String path, double v) {
        require(path, Double.isFinite(v), "must be a finite number", v);
    }

    private static void notNull(String path, Object o) {
        if (o == null) {
            throw new Bad(path, "is missing");
        }
    }

    private static void require(String path, boolean ok, String rule, Object got) {
        if (!ok) {
            String shown = got instanceof String ? "\"" + got + "\"" : got instanceof Double
                    ? String.format(Locale.ROOT, "%s", got) : String.valueOf(got);
            throw new Bad(path, rule + " (got " + shown + ")");
        }
    }
}
