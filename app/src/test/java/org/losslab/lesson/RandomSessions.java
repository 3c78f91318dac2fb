package org.losslab.lesson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.losslab.kernel.Loss;
import org.losslab.kernel.LossDefinition;
import org.losslab.kernel.LossInputException;
import org.losslab.kernel.Losses;
import org.losslab.kernel.ParamSpec;
import org.losslab.optim.OptimizerKind;
import org.losslab.optim.OptimizerSpec;
import org.losslab.optim.Schedule;
import org.losslab.problem.ProblemRegistry;
import org.losslab.testkit.Trials;

/** Random valid session states for property tests: awkward doubles (tiny, huge, negative zero, many digits). */
final class RandomSessions {
    private RandomSessions() {
    }

    /** A double with all its bits used, sometimes a round one, sometimes -0.0. */
    static double anyFinite(SplittableRandom r) {
        switch (r.nextInt(6)) {
            case 0:
                return -0.0;
            case 1:
                return r.nextInt(-50, 50);
            case 2:
                return Trials.uniform(r, -1, 1) * Math.pow(10, r.nextInt(-300, 300));
            default:
                return Trials.uniform(r, -100, 100);
        }
    }

    static double positive(SplittableRandom r) {
        return Math.pow(10, Trials.uniform(r, -6, 2));
    }

    static SessionState state(SplittableRandom r) {
        List<String> customs = new ArrayList<>();
        int nc = r.nextInt(4);
        for (int i = 0; i < nc; i++) {
            customs.add(Trials.oneOf(r, "abs(r)^1.5", "r > 0 ? abs(r) : 10*abs(r)", "log(1 + r^2)",
                    "-(y*log(p) + (1-y)*log(1-p))", "r^2 + " + r.nextInt(1, 9) + "*abs(r)"));
        }
        List<SessionState.Point> points = new ArrayList<>();
        int n = r.nextInt(0, 60);
        for (int i = 0; i < n; i++) {
            points.add(new SessionState.Point(anyFinite(r), anyFinite(r), r.nextBoolean()));
        }
        int degree = r.nextInt(1, 10);
        int si = r.nextInt(0, degree + 1);
        int sj = (si + 1 + r.nextInt(degree)) % (degree + 1);
        SessionState.Data data = new SessionState.Data(new SessionState.Generator(r.nextInt(1, 1000),
                r.nextInt(0, 1), r.nextDouble() * 5, r.nextLong()), points,
                pick(r, refs(SessionState.DATA_LOSSES, customs)), ref(r, SessionState.DATA_LOSSES, customs),
                params(r, SessionState.DATA_LOSSES), degree, si, sj, r.nextBoolean(), r.nextBoolean());

        int classes = r.nextInt(2, 4);
        List<SessionState.LabeledPoint> lp = new ArrayList<>();
        int m = r.nextInt(0, 80);
        for (int i = 0; i < m; i++) {
            lp.add(new SessionState.LabeledPoint(anyFinite(r), anyFinite(r), r.nextInt(classes)));
        }
        List<Double> theta = new ArrayList<>();
        for (int i = 0; i < (classes == 2 ? 3 : 9); i++) {
            theta.add(anyFinite(r));
        }
        List<String> classifyLosses = new ArrayList<>(SessionState.CLASSIFY_LOSSES);
        classifyLosses.add("cce_logits");
        SessionState.Classify classify = new SessionState.Classify(classes,
                Trials.oneOf(r, "two-classes", "three-classes", "imbalanced"), lp,
                ref(r, SessionState.CLASSIFY_LOSSES, customs), params(r, classifyLosses),
                Trials.oneOf(r, OptimizerKind.values()).id(), positive(r), theta, r.nextBoolean(),
                Trials.uniform(r, 1, 240));

        List<SessionState.Run> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            OptimizerKind kind = Trials.oneOf(r, OptimizerKind.values());
            OptimizerSpec spec = OptimizerSpec.defaults(kind);
            for (ParamSpec p : kind.params()) {
                if (p.name().equals("lr") || r.nextBoolean()) {
                    continue;
                }
                try {
                    double v = p.name().equals("centered") ? r.nextInt(2) : p.defaultValue() * Trials.uniform(r, 0.5, 1);
                    spec = spec.with(p.name(), v);
                } catch (IllegalArgumentException e) {
                    // out of this parameter's range: keep the default
                }
            }
            Schedule schedule = Trials.oneOf(r, Schedule.constant(), Schedule.step(r.nextInt(1, 500),
                    Trials.uniform(r, 0.01, 1)), Schedule.exponential(Trials.uniform(r, 0.5, 1)),
                    Schedule.inverse(Trials.uniform(r, 0.001, 1)));
            runs.add(new SessionState.Run(r.nextBoolean(), kind.id(), SessionState.hyperParameters(spec),
                    positive(r), schedule.spec(), r.nextInt(0, 64), r.nextLong()));
        }
        List<String> problems = new ArrayList<>(ProblemRegistry.ids());
        problems.add(SessionState.SLICE_PROBLEM);
        String problem = problems.get(r.nextInt(problems.size()));
        SessionState.Slice slice = null;
        if (problem.equals(SessionState.SLICE_PROBLEM)) {
            int dims = classes == 2 ? 3 : 9;
            List<Double> held = new ArrayList<>();
            for (int i = 0; i < dims; i++) {
                held.add(anyFinite(r));
            }
            int first = r.nextInt(dims);
            slice = new SessionState.Slice(first, (first + 1 + r.nextInt(dims - 1)) % dims, held);
        }
        SessionState.Surface surface = new SessionState.Surface(problem,
                Trials.uniform(r, 1, 100), Trials.uniform(r, 0, 180),
                ref(r, List.of("mse", "mae", "huber", "quantile"), customs), Trials.oneOf(r, "bce_logits", "hinge"),
                Trials.oneOf(r, "none", "l1", "l2"), Trials.uniform(r, 0, 10), List.of(anyFinite(r), anyFinite(r)),
                runs, r.nextInt(4), Trials.uniform(r, 1, 500), r.nextBoolean(), r.nextBoolean(), r.nextBoolean(),
                slice);

        List<String> all = new ArrayList<>();
        for (LossDefinition d : Losses.all()) {
            all.add(d.id());
        }
        SessionState.Curves curves = new SessionState.Curves(Trials.oneOf(r, "residual", "score"), r.nextBoolean(),
                r.nextBoolean(), Trials.uniform(r, 0.5, 20), ref(r, all, customs), pick(r, refs(all, customs)),
                params(r, all));
        SessionState.Lesson lesson = r.nextInt(4) == 0 ? new SessionState.Lesson("id-" + r.nextInt(100),
                "A title with “quotes” and \\ backslash", "one line", "look\nhere", "try") : null;
        List<List<Double>> embedding = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            embedding.add(List.of(Trials.uniform(r, -4, 4), Trials.uniform(r, -4, 4)));
        }
        SessionState.Beyond beyond = new SessionState.Beyond(box(r), box(r), Trials.oneOf(r, "iou", "giou"),
                Trials.uniform(r, 1e-4, 10), embedding, Trials.oneOf(r, "triplet", "contrastive"),
                Trials.uniform(r, 0, 8), Trials.uniform(r, 1e-4, 10), r.nextBoolean());
        return new SessionState(SessionState.SCHEMA, SessionState.VERSION, Trials.oneOf(r,
                SessionState.TABS.toArray(new String[0])), customs, data, classify, surface, curves, beyond, lesson);
    }

    /** A random valid box inside [0, 10]². */
    private static List<Double> box(SplittableRandom r) {
        double x1 = Trials.uniform(r, 0, 10);
        double y1 = Trials.uniform(r, 0, 10);
        return List.of(x1, y1, Trials.uniform(r, x1, 10), Trials.uniform(r, y1, 10));
    }

    private static List<String> refs(List<String> ids, List<String> customs) {
        List<String> out = new ArrayList<>(ids);
        for (int i = 1; i <= customs.size(); i++) {
            out.add(SessionState.CUSTOM_REF + i);
        }
        return out;
    }

    private static String ref(SplittableRandom r, List<String> ids, List<String> customs) {
        List<String> all = refs(ids, customs);
        return all.get(r.nextInt(all.size()));
    }

    private static List<String> pick(SplittableRandom r, List<String> from) {
        List<String> out = new ArrayList<>();
        for (String s : from) {
            if (r.nextInt(3) == 0) {
                out.add(s);
            }
        }
        return out;
    }

    /** Random valid parameters for the losses that have any. */
    private static Map<String, Map<String, Double>> params(SplittableRandom r, List<String> ids) {
        Map<String, Map<String, Double>> m = new LinkedHashMap<>();
        for (String id : ids) {
            Loss loss = Losses.get(id);
            if (loss.definition().params().isEmpty()) {
                continue;
            }
            Map<String, Double> p = new LinkedHashMap<>();
            for (ParamSpec s : loss.definition().params()) {
                double v = s.defaultValue() * Trials.uniform(r, 0.5, 1.5);
                try {
                    loss = loss.with(s.name(), v);
                } catch (LossInputException e) {
                    v = s.defaultValue();
                }
                p.put(s.name(), v);
            }
            m.put(id, p);
        }
        return m;
    }
}
