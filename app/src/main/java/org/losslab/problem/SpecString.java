package org.losslab.problem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.losslab.kernel.Losses;

/**
 * A parsed {@code NAME[:key=value,...]} spec, as used for problems ({@code bowl:kappa=10,angle=30}), optimizers
 * ({@code adam:beta1=0.9}) and schedules ({@code step:step_size=100,gamma=0.5}). Keys and values are stripped of
 * surrounding spaces; values stay text until the owner checks them.
 *
 * @param name   the part before the colon, stripped
 * @param values the key=value pairs in order
 */
public record SpecString(String name, Map<String, String> values) {

    public SpecString {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Parses a spec.
     *
     * @param what names the kind in messages, for example "optimizer"
     * @throws IllegalArgumentException one line for an empty spec, a pair without '=', an empty key or a key given
     *                                  twice
     */
    public static SpecString parse(String spec, String what) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no " + what + " given");
        }
        String s = spec.strip();
        int colon = s.indexOf(':');
        String name = (colon < 0 ? s : s.substring(0, colon)).strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("no " + what + " name before ':' in '" + s + "'");
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (colon >= 0) {
            String rest = s.substring(colon + 1).strip();
            if (!rest.isEmpty()) {
                for (String pair : rest.split(",", -1)) {
                    int eq = pair.indexOf('=');
                    if (eq < 0) {
                        throw new IllegalArgumentException("expected key=value in the settings of " + what + " "
                                + name + ", got '" + pair.strip() + "'");
                    }
                    String key = pair.substring(0, eq).strip();
                    if (key.isEmpty()) {
                        throw new IllegalArgumentException("empty key in '" + pair.strip() + "' for " + what + " "
                                + name);
                    }
                    if (values.containsKey(key)) {
                        throw new IllegalArgumentException(key + " of " + name + " is given twice");
                    }
                    values.put(key, pair.substring(eq + 1).strip());
                }
            }
        }
        return new SpecString(name, values);
    }

    /**
     * Parses one number strictly (decimal or scientific notation, inf, -inf; no NaN or hex).
     *
     * @throws IllegalArgumentException "WHAT: 'x' is not a number"
     */
    public static double number(String text, String what) {
        return Losses.parseNumber(text, what);
    }
}
