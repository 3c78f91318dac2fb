package org.losslab.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.losslab.kernel.Loss;
import org.losslab.kernel.ParamSpec;
import org.losslab.problem.SpecString;

/**
 * An optimizer kind with its hyper-parameters fixed, parsed from {@code NAME[:key=value,...]} such as
 * {@code momentum:momentum=0.9} or {@code adam:beta1=0.9,beta2=0.999,eps=1e-8}. Unset keys take torch's
 * defaults ({@link OptimizerKind}). Immutable; {@link #create()} gives a fresh optimizer with empty state.
 */
public final class OptimizerSpec {
    private final OptimizerKind kind;
    private final double[] values;
    private final boolean[] given;

    private OptimizerSpec(OptimizerKind kind, double[] values, boolean[] given) {
        this.kind = kind;
        this.values = values;
        this.given = given;
    }

    /** The kind with every hyper-parameter at torch's default. */
    public static OptimizerSpec defaults(OptimizerKind kind) {
        List<ParamSpec> params = kind.params();
        double[] v = new double[params.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = params.get(i).defaultValue();
        }
        return new OptimizerSpec(kind, v, new boolean[v.length]);
    }

    /**
     * Parses a spec.
     *
     * @throws IllegalArgumentException one line: unknown optimizer (listing the names), unknown key (listing the
     *                                  optimizer's keys), a value that is not a number, or one out of range
     */
    public static OptimizerSpec parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no optimizer given; valid names: " + OptimizerKind.idList());
        }
        SpecString parsed = SpecString.parse(spec, "optimizer");
        OptimizerKind kind = OptimizerKind.byId(parsed.name());
        if (kind == null) {
            throw new IllegalArgumentException("unknown optimizer '" + parsed.name() + "'; valid names: "
                    + OptimizerKind.idList());
        }
        OptimizerSpec result = defaults(kind);
        for (Map.Entry<String, String> e : parsed.values().entrySet()) {
            String key = e.getKey();
            if (kind.indexOf(key) < 0) {
                throw new IllegalArgumentException(unknownKey(kind, key));
            }
            String text = e.getValue();
            double v;
            if (key.equals("centered") && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
                v = text.equalsIgnoreCase("true") ? 1.0 : 0.0;
            } else {
                v = SpecString.number(text, key + " of " + kind.id());
            }
            result = result.with(key, v);
        }
        return result;
    }

    private static String unknownKey(OptimizerKind kind, String key) {
        StringBuilder names = new StringBuilder();
        for (ParamSpec p : kind.params()) {
            if (names.length() > 0) {
                names.append(", ");
            }
            names.append(p.name());
        }
        return "unknown setting '" + key + "' for " + kind.id() + "; its settings: " + names;
    }

    /**
     * A copy with one hyper-parameter changed.
     *
     * @throws IllegalArgumentException for an unknown key or a value outside its range
     */
    public OptimizerSpec with(String key, double value) {
        int i = kind.indexOf(key);
        if (i < 0) {
            throw new IllegalArgumentException(unknownKey(kind, key));
        }
        ParamSpec p = kind.params().get(i);
        if (!p.accepts(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(key + " of " + kind.id() + " must be in " + p.rangeText()
                    + (Double.isInfinite(p.max()) ? " and finite" : "") + " (got " + Loss.formatParam(value) + ")");
        }
        if (key.equals("centered") && value != 0.0 && value != 1.0) {
            throw new IllegalArgumentException("centered of " + kind.id() + " must be 0 or 1 (false or true) (got "
                    + Loss.formatParam(value) + ")");
        }
        double[] v = values.clone();
        boolean[] g = given.clone();
        v[i] = value;
        g[i] = true;
        return new OptimizerSpec(kind, v, g);
    }

    public OptimizerKind kind() {
        return kind;
    }

    /** The spec name, for example {@code adam}. */
    public String id() {
        return kind.id();
    }

    /** The value of a hyper-parameter (its default when not given). */
    public double get(String key) {
        int i = kind.indexOf(key);
        if (i < 0) {
            throw new IllegalArgumentException(unknownKey(kind, key));
        }
        return values[i];
    }

    /** Whether the spec set this key explicitly. */
    public boolean isGiven(String key) {
        int i = kind.indexOf(key);
        return i >= 0 && given[i];
    }

    /** The lr in the spec: torch's default for this optimizer unless given. */
    public double learningRate() {
        return values[0];
    }

    /** Keys to values, in order. */
    public Map<String, Double> values() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(kind.params().get(i).name(), values[i]);
        }
        return m;
    }

    /** A fresh optimizer for two parameters with these hyper-parameters and empty state. */
    public Optimizer create() {
        return create(2);
    }

    /**
     * A fresh optimizer for {@code dimension} parameters with these hyper-parameters and empty state.
     *
     * @throws IllegalArgumentException when dimension &lt; 1
     */
    public Optimizer create(int dimension) {
        switch (kind) {
            case SGD:
                return new Sgd(this, dimension, 0.0, 0.0, false);
            case MOMENTUM:
                return new Sgd(this, dimension, get("momentum"), get("dampening"), false);
            case NESTEROV:
                return new Sgd(this, dimension, get("momentum"), 0.0, true);
            case ADAGRAD:
                return new Adagrad(this, dimension);
            case RMSPROP:
                return new RmsProp(this, dimension);
            default:
                return new Adam(this, dimension);
        }
    }

    /** The spec with the keys that were given, which {@link #parse} turns back into an equal spec. */
    public String spec() {
        StringBuilder sb = new StringBuilder(kind.id());
        char sep = ':';
        for (int i = 0; i < values.length; i++) {
            if (given[i]) {
                sb.append(sep).append(kind.params().get(i).name()).append('=').append(Loss.formatParam(values[i]));
                sep = ',';
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof OptimizerSpec)) {
            return false;
        }
        OptimizerSpec other = (OptimizerSpec) o;
        return kind == other.kind && java.util.Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + java.util.Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return spec();
    }
}
