package org.losslab.kernel;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A kind of loss: identifier, display name, formula, a line on when to use it, its family and its parameters,
 * and a factory for configured {@link Loss} instances.
 */
public final class LossDefinition {
    private final String id;
    private final String displayName;
    private final String formula;
    private final String whenToUse;
    private final LossFamily family;
    private final List<ParamSpec> params;
    private final Function<double[], Loss> factory;

    public LossDefinition(String id, String displayName, String formula, String whenToUse, LossFamily family,
                          List<ParamSpec> params, Function<double[], Loss> factory) {
        this.id = Objects.requireNonNull(id);
        this.displayName = Objects.requireNonNull(displayName);
        this.formula = Objects.requireNonNull(formula);
        this.whenToUse = Objects.requireNonNull(whenToUse);
        this.family = Objects.requireNonNull(family);
        this.params = List.copyOf(params);
        this.factory = Objects.requireNonNull(factory);
    }

    /** The {@code eval} identifier, for example {@code smooth_l1}. */
    public String id() {
        return id;
    }

    /** The name shown in the app, for example "Smooth L1". */
    public String displayName() {
        return displayName;
    }

    /** The formula in plain Unicode text. */
    public String formula() {
        return formula;
    }

    /** One line: when to use this loss. */
    public String whenToUse() {
        return whenToUse;
    }

    public LossFamily family() {
        return family;
    }

    /** The parameters in declaration order. */
    public List<ParamSpec> params() {
        return params;
    }

    /** The loss with every parameter at its default. */
    public Loss createDefault() {
        double[] values = new double[params.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = params.get(i).defaultValue();
        }
        return factory.apply(values);
    }

    /**
     * The loss with the given parameters (the others at their defaults).
     *
     * @throws LossInputException for an unknown name or a value outside its range
     */
    public Loss create(Map<String, Double> values) {
        double[] v = new double[params.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = params.get(i).defaultValue();
        }
        for (Map.Entry<String, Double> e : values.entrySet()) {
            int index = indexOf(e.getKey());
            if (index < 0) {
                throw new LossInputException(unknownParameterMessage(e.getKey()));
            }
            ParamSpec spec = params.get(index);
            double value = e.getValue();
            if (!spec.accepts(value)) {
                throw new LossInputException("parameter " + spec.name() + " of " + id + " must be in "
                        + spec.rangeText() + " (got " + Loss.formatParam(value) + ")");
            }
            v[index] = value;
        }
        return factory.apply(v);
    }

    /** The index of a parameter by name, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    String unknownParameterMessage(String name) {
        if (params.isEmpty()) {
            return "unknown parameter '" + name + "': " + id + " has no parameters";
        }
        StringBuilder names = new StringBuilder();
        for (ParamSpec p : params) {
            if (names.length() > 0) {
                names.append(", ");
            }
            names.append(p.name());
        }
        return "unknown parameter '" + name + "' for " + id + "; its parameters: " + names;
    }

    @Override
    public String toString() {
        return id;
    }
}
