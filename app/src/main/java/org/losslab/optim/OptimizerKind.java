package org.losslab.optim;

import java.util.List;
import org.losslab.kernel.ParamSpec;

/**
 * The optimizers, with PyTorch's ({@code torch.optim}) hyper-parameters and defaults. The learning rate {@code lr}
 * is listed with each, with torch's default, but a {@link Run} owns the rate actually used (it can change between
 * steps). {@code weight_decay} is torch's L2 term, added to the gradient: g &lt;- g + weight_decay theta.
 */
public enum OptimizerKind {
    /** torch.optim.SGD with momentum 0. */
    SGD("sgd", "SGD", "θ ← θ − lr·g",
            List.of(lr(1e-3), weightDecay())),
    /** torch.optim.SGD with momentum (heavy ball). */
    MOMENTUM("momentum", "SGD with momentum", "v ← μ·v + (1 − τ)·g (first step v = g);  θ ← θ − lr·v",
            List.of(lr(1e-3),
                    new ParamSpec("momentum", 0.9, 0.0, true, 1.0, false, "momentum factor μ"),
                    ParamSpec.closed("dampening", 0.0, 0.0, 1.0, "dampening τ of the gradient in v"),
                    weightDecay())),
    /** torch.optim.SGD with momentum and nesterov=True. */
    NESTEROV("nesterov", "Nesterov momentum", "v ← μ·v + g (first step v = g);  θ ← θ − lr·(g + μ·v)",
            List.of(lr(1e-3),
                    new ParamSpec("momentum", 0.9, 0.0, false, 1.0, false, "momentum factor μ"),
                    weightDecay())),
    /** torch.optim.Adagrad. */
    ADAGRAD("adagrad", "AdaGrad", "s ← s + g²;  θ ← θ − lr/(1 + (t − 1)·lr_decay) · g/(√s + ε)",
            List.of(lr(1e-2),
                    ParamSpec.nonNegative("lr_decay", 0.0, "learning-rate decay η: lr/(1 + (t − 1)η)"),
                    weightDecay(),
                    ParamSpec.nonNegative("initial_accumulator_value", 0.0, "starting value of the sum of g²"),
                    ParamSpec.positive("eps", 1e-10, "ε added to √s"))),
    /** torch.optim.RMSprop. */
    RMSPROP("rmsprop", "RMSProp", "v ← α·v + (1 − α)·g²;  θ ← θ − lr·g/(√v + ε)",
            List.of(lr(1e-2),
                    new ParamSpec("alpha", 0.99, 0.0, true, 1.0, false, "smoothing α of the average of g²"),
                    ParamSpec.positive("eps", 1e-8, "ε added to √v"),
                    weightDecay(),
                    new ParamSpec("momentum", 0.0, 0.0, true, 1.0, false, "momentum factor μ of the step"),
                    ParamSpec.closed("centered", 0.0, 0.0, 1.0,
                            "1 (true) to divide by an estimate of the variance of g, v − ḡ², instead of v"))),
    /** torch.optim.Adam (not AdamW: weight decay goes into the gradient). */
    ADAM("adam", "Adam", "m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²;  θ ← θ − lr·m̂/(√v̂ + ε)",
            List.of(lr(1e-3),
                    new ParamSpec("beta1", 0.9, 0.0, true, 1.0, false, "decay β₁ of the average of g"),
                    new ParamSpec("beta2", 0.999, 0.0, true, 1.0, false, "decay β₂ of the average of g²"),
                    ParamSpec.positive("eps", 1e-8, "ε added to √v̂"),
                    weightDecay()));

    private final String id;
    private final String displayName;
    private final String rule;
    private final List<ParamSpec> params;

    OptimizerKind(String id, String displayName, String rule, List<ParamSpec> params) {
        this.id = id;
        this.displayName = displayName;
        this.rule = rule;
        this.params = params;
    }

    private static ParamSpec lr(double def) {
        return ParamSpec.positive("lr", def, "learning rate (torch's default; the run's rate replaces it)");
    }

    private static ParamSpec weightDecay() {
        return ParamSpec.nonNegative("weight_decay", 0.0, "L2 term added to the gradient: g + weight_decay·θ");
    }

    /** The spec name: sgd, momentum, nesterov, adagrad, rmsprop, adam. */
    public String id() {
        return id;
    }

    /** The name shown in the app. */
    public String displayName() {
        return displayName;
    }

    /** The update rule in plain Unicode text. */
    public String rule() {
        return rule;
    }

    /** The hyper-parameters in order, lr first. */
    public List<ParamSpec> params() {
        return params;
    }

    /** The index of a hyper-parameter, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether this optimizer is plain gradient descent or a momentum variant of it (the ones 2/L governs). */
    public boolean isGradientDescent() {
        return this == SGD || this == MOMENTUM || this == NESTEROV;
    }

    /** The kind with this spec name, or null. */
    public static OptimizerKind byId(String id) {
        for (OptimizerKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        return null;
    }

    /** The names, comma separated, for messages. */
    public static String idList() {
        StringBuilder sb = new StringBuilder();
        for (OptimizerKind k : values()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(k.id);
        }
        return sb.toString();
    }
}
