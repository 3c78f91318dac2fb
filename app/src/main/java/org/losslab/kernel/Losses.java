package org.losslab.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.losslab.kernel.custom.ExpressionLoss;

/**
 * The library of loss kernels: lookup by {@code eval} identifier and parsing of specs such as
 * {@code huber:delta=1} or {@code focal:gamma=2,alpha=0.25}.
 */
public final class Losses {
    private static final List<LossDefinition> ALL = List.of(
            Mse.DEFINITION, Mae.DEFINITION, Huber.DEFINITION, SmoothL1.DEFINITION, LogCosh.DEFINITION,
            Quantile.DEFINITION, Barron.DEFINITION,
            Bce.DEFINITION, BceLogits.DEFINITION, Hinge.DEFINITION, SquaredHinge.DEFINITION, Focal.DEFINITION,
            CceLogits.DEFINITION, Kl.DEFINITION,
            Contrastive.DEFINITION, Triplet.DEFINITION, Dpo.DEFINITION, BoxIou.IOU, BoxIou.GIOU);

    private static final Map<String, LossDefinition> BY_ID = new LinkedHashMap<>();

    static {
        for (LossDefinition d : ALL) {
            BY_ID.put(d.id(), d);
        }
    }

    /** Plain decimal or scientific notation, or inf / -inf / infinity; no hex, no NaN, no type suffix. */
    private static final Pattern NUMBER = Pattern.compile(
            "[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?|[+-]?(inf|infinity)", Pattern.CASE_INSENSITIVE);

    private Losses() {
    }

    /** Every loss, in the order the app lists them. */
    public static List<LossDefinition> all() {
        return ALL;
    }

    /** The identifiers, comma separated, for messages. */
    public static String idList() {
        return String.join(", ", BY_ID.keySet());
    }

    /**
     * The definition with this identifier.
     *
     * @throws LossInputException naming the valid identifiers when there is none
     */
    public static LossDefinition definition(String id) {
        LossDefinition d = BY_ID.get(id);
        if (d == null) {
            throw new LossInputException("unknown loss '" + id + "'; valid names: " + idList());
        }
        return d;
    }

    /** The loss with this identifier and its default parameters. */
    public static Loss get(String id) {
        return definition(id).createDefault();
    }

    /** The elementwise loss with this identifier and its default parameters. */
    public static ElementwiseLoss elementwise(String id) {
        Loss loss = get(id);
        if (loss instanceof ElementwiseLoss) {
            return (ElementwiseLoss) loss;
        }
        throw new LossInputException(id + " is not an elementwise loss");
    }

    /**
     * Parses {@code NAME[:param=value,...]}, for example {@code huber:delta=1} or {@code barron:alpha=-inf}, or
     * {@code custom:<expr>}, where everything after the colon is an expression (see {@link ExpressionLoss}).
     *
     * @throws LossInputException with a one-line message for an unknown loss or parameter, a malformed pair, a
     *                            value that is not a number or one outside its range
     */
    public static Loss parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new LossInputException("no loss given; valid names: " + idList());
        }
        String s = spec.strip();
        int colon = s.indexOf(':');
        String id = (colon < 0 ? s : s.substring(0, colon)).strip();
        if (id.equals(ExpressionLoss.ID)) {
            if (colon < 0) {
                throw new LossInputException("custom needs an expression, for example custom:abs(r)^1.5");
            }
            return new ExpressionLoss(s.substring(colon + 1));
        }
        LossDefinition def = definition(id);
        Map<String, Double> values = new LinkedHashMap<>();
        if (colon >= 0) {
            String rest = s.substring(colon + 1).strip();
            if (!rest.isEmpty()) {
                for (String pair : rest.split(",", -1)) {
                    int eq = pair.indexOf('=');
                    if (eq < 0) {
                        throw new LossInputException("expected name=value in the parameters of " + id + ", got '"
                                + pair.strip() + "'");
                    }
                    String name = pair.substring(0, eq).strip();
                    String text = pair.substring(eq + 1).strip();
                    if (def.indexOf(name) < 0) {
                        throw new LossInputException(def.unknownParameterMessage(name));
                    }
                    if (values.containsKey(name)) {
                        throw new LossInputException("parameter " + name + " of " + id + " is given twice");
                    }
                    values.put(name, parseNumber(text, "parameter " + name + " of " + id));
                }
            }
        }
        return def.create(values);
    }

    /**
     * Parses one number strictly: decimal or scientific notation, or {@code inf}, {@code -inf}.
     *
     * @param what names the value in the message, for example "prediction[2]"
     * @throws LossInputException "WHAT: 'x' is not a number"
     */
    public static double parseNumber(String text, String what) {
        String t = text.strip();
        if (!NUMBER.matcher(t).matches()) {
            throw new LossInputException(what + ": '" + text.strip() + "' is not a number");
        }
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith("inf") || lower.endsWith("infinity")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(t);
    }

    /** Whether a spec names a user-typed loss, {@code custom:<expr>} (not one of {@link #all()}). */
    public static boolean isCustom(String spec) {
        if (spec == null) {
            return false;
        }
        String s = spec.strip();
        int colon = s.indexOf(':');
        return (colon < 0 ? s : s.substring(0, colon)).strip().equals(ExpressionLoss.ID);
    }

    /** The regression losses (those plotted against the residual). */
    public static List<LossDefinition> regression() {
        List<LossDefinition> out = new ArrayList<>();
        for (LossDefinition d : ALL) {
            if (d.family().isRegression()) {
                out.add(d);
            }
        }
        return out;
    }

    /** The classification losses (those plotted against a score or logit); not the structured ones. */
    public static List<LossDefinition> classification() {
        List<LossDefinition> out = new ArrayList<>();
        for (LossDefinition d : ALL) {
            if (!d.family().isRegression() && !d.family().isStructured()) {
                out.add(d);
            }
        }
        return out;
    }

    /**
     * The losses beyond one prediction against one target: pairs ({@code contrastive}), triplets, preferences
     * ({@code dpo}) and boxes ({@code iou}, {@code giou}). They have no curve against a residual or a score.
     */
    public static List<LossDefinition> structured() {
        List<LossDefinition> out = new ArrayList<>();
        for (LossDefinition d : ALL) {
            if (d.family().isStructured()) {
                out.add(d);
            }
        }
        return out;
    }
}
