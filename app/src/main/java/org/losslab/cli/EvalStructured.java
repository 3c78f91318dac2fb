package org.losslab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.losslab.kernel.BoxIou;
import org.losslab.kernel.Evaluation;
import org.losslab.kernel.Loss;
import org.losslab.kernel.LossFamily;
import org.losslab.kernel.LossInputException;
import org.losslab.kernel.Shape;
import org.losslab.kernel.Triplet;

/**
 * The {@code eval} inputs and table of the losses beyond one prediction, packed into the flat (prediction, target,
 * shape) form their kernels take:
 * <ul>
 *   <li>contrastive: {@code --distance D,... --label Y,...} (shape B,1), or {@code --point1 P;... --point2 Q;...
 *       --label Y,...} (rows x1 then x2, shape B,2k);</li>
 *   <li>triplet: {@code --anchor A;... --positive P;... --negative N;...} (rows a, p, n, shape B,3k; no target);</li>
 *   <li>dpo: {@code --delta D,...} (shape B,1), or {@code --logp-chosen --logp-rejected --ref-chosen
 *       --ref-rejected} (rows of four, shape B,4; no target);</li>
 *   <li>iou, giou: {@code --prediction} (or {@code --pred}) and {@code --target}, boxes x1,y1,x2,y2 separated by
 *       {@code ;} or simply 4B numbers (shape B,4).</li>
 * </ul>
 * Points and boxes are comma lists; several are separated by {@code ;}.
 */
final class EvalStructured {
    private EvalStructured() {
    }

    /**
     * Builds the input of a structured loss from the options given (name to text; absent ones are not in the map).
     *
     * @throws LossInputException for a missing or misplaced option or malformed numbers
     */
    static EvalInput input(Loss loss, Map<String, String> options) {
        LossFamily family = loss.definition().family();
        switch (family) {
            case PAIR_DISTANCE: {
                allowOnly(loss, options, "--distance", "--point1", "--point2", "--label");
                double[] labels = EvalInput.parseNumbers(require(loss, options, "--label"), "label");
                if (options.containsKey("--distance")) {
                    if (options.containsKey("--point1") || options.containsKey("--point2")) {
                        throw new LossInputException("give either --distance or --point1 and --point2, not both");
                    }
                    double[] d = EvalInput.parseNumbers(options.get("--distance"), "distance");
                    return new EvalInput(loss, labels, d, Shape.vector(d.length));
                }
                if (!options.containsKey("--point1") && !options.containsKey("--point2")) {
                    throw new LossInputException("contrastive needs --distance D,... or --point1 and --point2 (points"
                            + " as comma lists, pairs separated by ;), and --label 1 (similar) or 0 (dissimilar)");
                }
                double[][] first = points(require(loss, options, "--point1"), "point1");
                double[][] second = points(require(loss, options, "--point2"), "point2");
                sameCount(first, second, "point1", "point2");
                return new EvalInput(loss, labels, interleave(first, second), new Shape(first.length,
                        2 * first[0].length));
            }
            case TRIPLET: {
                allowOnly(loss, options, "--anchor", "--positive", "--negative");
                double[][] a = points(require(loss, options, "--anchor"), "anchor");
                double[][] p = points(require(loss, options, "--positive"), "positive");
                double[][] n = points(require(loss, options, "--negative"), "negative");
                sameCount(a, p, "anchor", "positive");
                sameCount(a, n, "anchor", "negative");
                return new EvalInput(loss, new double[0], interleave(a, p, n), new Shape(a.length, 3 * a[0].length));
            }
            case PREFERENCE: {
                String[] four = {"--logp-chosen", "--logp-rejected", "--ref-chosen", "--ref-rejected"};
                allowOnly(loss, options, "--delta", four[0], four[1], four[2], four[3]);
                boolean anyLogp = false;
                for (String o : four) {
                    anyLogp |= options.containsKey(o);
                }
                if (options.containsKey("--delta")) {
                    if (anyLogp) {
                        throw new LossInputException("give either --delta or the four log-probabilities, not both");
                    }
                    double[] d = EvalInput.parseNumbers(options.get("--delta"), "delta");
                    return new EvalInput(loss, new double[0], d, Shape.vector(d.length));
                }
                if (!anyLogp) {
                    throw new LossInputException("dpo needs --delta D,... or all of --logp-chosen, --logp-rejected,"
                            + " --ref-chosen, --ref-rejected (comma lists of log-probabilities)");
                }
                double[][] cols = new double[4][];
                for (int j = 0; j < 4; j++) {
                    cols[j] = EvalInput.parseNumbers(require(loss, options, four[j]), four[j].substring(2));
                    if (cols[j].length != cols[0].length) {
                        throw new LossInputException(four[j] + " has " + cols[j].length + " values but " + four[0]
                                + " has " + cols[0].length);
                    }
                }
                int b = cols[0].length;
                double[] packed = new double[4 * b];
                for (int i = 0; i < b; i++) {
                    for (int j = 0; j < 4; j++) {
                        packed[4 * i + j] = cols[j][i];
                    }
                }
                return new EvalInput(loss, new double[0], packed, new Shape(b, 4));
            }
            case BOX: {
                allowOnly(loss, options, "--prediction", "--target");
                double[] pred = boxes(require(loss, options, "--prediction"), "prediction");
                double[] target = boxes(require(loss, options, "--target"), "target");
                if (pred.length != target.length) {
                    throw new LossInputException(pred.length / 4 + " predicted boxes but " + target.length / 4
                            + " target boxes; " + loss.id() + " needs one target box per predicted box");
                }
                return new EvalInput(loss, target, pred, new Shape(pred.length / 4, 4));
            }
            default:
                throw new IllegalStateException(loss.id() + " is not a structured loss");
        }
    }

    /** Every structured option name, for messages when they are given to another loss. */
    static final List<String> OPTIONS = List.of("--distance", "--point1", "--point2", "--label", "--anchor",
            "--positive", "--negative", "--delta", "--logp-chosen", "--logp-rejected", "--ref-chosen",
            "--ref-rejected");

    private static void allowOnly(Loss loss, Map<String, String> options, String... allowed) {
        List<String> ok = List.of(allowed);
        for (String name : options.keySet()) {
            if (!ok.contains(name)) {
                throw new LossInputException(name + " does not apply to " + loss.id() + "; it takes "
                        + String.join(", ", ok));
            }
        }
    }

    private static String require(Loss loss, Map<String, String> options, String name) {
        String text = options.get(name);
        if (text == null) {
            throw new LossInputException("missing " + name + " for " + loss.id());
        }
        return text;
    }

    /** Points separated by {@code ;}, each a comma list; all of one dimension. */
    static double[][] points(String text, String name) {
        String[] parts = text.split(";", -1);
        double[][] out = new double[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            out[i] = EvalInput.parseNumbers(parts[i], parts.length == 1 ? name : name + " " + i);
            if (out[i].length != out[0].length) {
                throw new LossInputException(name + " " + i + " has " + out[i].length + " coordinates but " + name
                        + " 0 has " + out[0].length);
            }
        }
        return out;
    }

    /** Boxes: groups of 4 separated by {@code ;}, or a flat list of 4B numbers. */
    static double[] boxes(String text, String name) {
        double[][] groups = points(text, name);
        List<Double> flat = new ArrayList<>();
        for (double[] g : groups) {
            for (double v : g) {
                flat.add(v);
            }
        }
        if (flat.size() % 4 != 0 || (groups.length > 1 && groups[0].length != 4)) {
            throw new LossInputException(name + " boxes are 4 numbers each, x1,y1,x2,y2 (got " + flat.size()
                    + " numbers)");
        }
        double[] out = new double[flat.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = flat.get(i);
        }
        return out;
    }

    private static void sameCount(double[][] a, double[][] b, String an, String bn) {
        if (a.length != b.length) {
            throw new LossInputException(an + " has " + a.length + " points but " + bn + " has " + b.length);
        }
        if (a[0].length != b[0].length) {
            throw new LossInputException(an + " has " + a[0].length + " coordinates but " + bn + " has "
                    + b[0].length);
        }
    }

    private static double[] interleave(double[][]... parts) {
        int rows = parts[0].length;
        int k = parts[0][0].length;
        double[] out = new double[rows * k * parts.length];
        int at = 0;
        for (int row = 0; row < rows; row++) {
            for (double[][] part : parts) {
                System.arraycopy(part[row], 0, out, at, k);
                at += k;
            }
        }
        return out;
    }

    // ---- table ----

    /** The table rows of a structured loss: a header and one line per item. */
    static List<String[]> rows(EvalInput input, Evaluation result) {
        Loss loss = input.loss();
        Shape shape = input.shape();
        double[] x = input.prediction();
        double[] g = result.gradient();
        int cols = shape.cols();
        List<String[]> rows = new ArrayList<>();
        switch (loss.definition().family()) {
            case PAIR_DISTANCE:
                if (cols == 1) {
                    rows.add(new String[] {"index", "distance", "label", "loss", "gradient"});
                    for (int i = 0; i < shape.rows(); i++) {
                        rows.add(new String[] {Integer.toString(i), num(x[i]), Loss.formatParam(input.target()[i]),
                                num(result.elements()[i]), num(g[i])});
                    }
                } else {
                    int k = cols / 2;
                    rows.add(new String[] {"index", "point1", "point2", "label", "distance", "loss",
                        "gradient point1", "gradient point2"});
                    for (int i = 0; i < shape.rows(); i++) {
                        int b = i * cols;
                        double d = org.losslab.kernel.Contrastive.distance(slice(x, b, k), slice(x, b + k, k));
                        rows.add(new String[] {Integer.toString(i), vec(x, b, k), vec(x, b + k, k),
                            Loss.formatParam(input.target()[i]), num(d), num(result.elements()[i]), vec(g, b, k),
                            vec(g, b + k, k)});
                    }
                }
                break;
            case TRIPLET: {
                int k = cols / 3;
                double eps = ((Triplet) loss).eps();
                rows.add(new String[] {"index", "anchor", "positive", "negative", "d(a,p)", "d(a,n)", "loss",
                    "gradient anchor", "gradient positive", "gradient negative"});
                for (int i = 0; i < shape.rows(); i++) {
                    int b = i * cols;
                    rows.add(new String[] {Integer.toString(i), vec(x, b, k), vec(x, b + k, k), vec(x, b + 2 * k, k),
                        num(Triplet.distance(slice(x, b, k), slice(x, b + k, k), eps)),
                        num(Triplet.distance(slice(x, b, k), slice(x, b + 2 * k, k), eps)),
                        num(result.elements()[i]), vec(g, b, k), vec(g, b + k, k), vec(g, b + 2 * k, k)});
                }
                break;
            }
            case PREFERENCE:
                if (cols == 1) {
                    rows.add(new String[] {"index", "delta", "loss", "gradient"});
                    for (int i = 0; i < shape.rows(); i++) {
                        rows.add(new String[] {Integer.toString(i), num(x[i]), num(result.elements()[i]), num(g[i])});
                    }
                } else {
                    rows.add(new String[] {"index", "logp chosen", "logp rejected", "ref chosen", "ref rejected",
                        "delta", "loss", "gradient"});
                    for (int i = 0; i < shape.rows(); i++) {
                        int b = 4 * i;
                        double delta = org.losslab.kernel.Dpo.delta(x[b], x[b + 1], x[b + 2], x[b + 3]);
                        rows.add(new String[] {Integer.toString(i), num(x[b]), num(x[b + 1]), num(x[b + 2]),
                            num(x[b + 3]), num(delta), num(result.elements()[i]), vec(g, b, 4)});
                    }
                }
                break;
            case BOX: {
                boolean generalized = ((BoxIou) loss).generalized();
                rows.add(new String[] {"index", "target", "prediction", generalized ? "GIoU" : "IoU", "loss",
                    "gradient"});
                for (int i = 0; i < shape.rows(); i++) {
                    int b = 4 * i;
                    rows.add(new String[] {Integer.toString(i), vec(input.target(), b, 4), vec(x, b, 4),
                        num(1.0 - result.elements()[i]), num(result.elements()[i]), vec(g, b, 4)});
                }
                break;
            }
            default:
                throw new IllegalStateException(loss.id() + " is not a structured loss");
        }
        return rows;
    }

    /** The header line's description of the items: "2 pairs", "1 triplet of points in R^2", ... */
    static String describe(EvalInput input) {
        Shape shape = input.shape();
        int n = shape.rows();
        switch (input.loss().definition().family()) {
            case PAIR_DISTANCE:
                return n + (n == 1 ? " pair" : " pairs") + (shape.cols() == 1 ? " given by distance"
                        : " of points in R^" + shape.cols() / 2) + "; label 1 = similar, 0 = dissimilar";
            case TRIPLET:
                return n + (n == 1 ? " triplet" : " triplets") + " of points in R^" + shape.cols() / 3;
            case PREFERENCE:
                return n + (n == 1 ? " preference pair" : " preference pairs")
                        + (shape.cols() == 1 ? " given by delta" : " given by four log-probabilities");
            default:
                return n + (n == 1 ? " box" : " boxes") + " (x1, y1, x2, y2)";
        }
    }

    private static double[] slice(double[] v, int from, int k) {
        double[] out = new double[k];
        System.arraycopy(v, from, out, 0, k);
        return out;
    }

    private static String num(double v) {
        return EvalOutput.number(v);
    }

    private static String vec(double[] v, int from, int k) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < k; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(num(v[from + i]));
        }
        return sb.append(']').toString();
    }
}
