package org.losslab.kernel;

import org.junit.jupiter.api.Test;

/**
 * Published examples from framework documentation, compared at the precision the documentation prints (a value
 * printed with 3 decimals is checked to within 5e-4; the few that the docs truncate rather than round are checked
 * to one unit of their last digit, and say so).
 *
 * <p>Keras reduces with "sum_over_batch_size": the mean over the last axis, then over the batch. With rows of
 * equal length that is the mean over all elements, which is our elementwise convention, so a 2x2 example is
 * evaluated here as one batch of four. Its "none" reduction prints the per-row means, which are checked against
 * our per-element losses averaged per row.
 */
class ReferenceValueTest {
    /** The inputs shared by most Keras regression and hinge examples: y_true = [[0, 1], [0, 0]]. */
    private static final double[] KERAS_Y_TRUE = {0, 1, 0, 0};
    private static final double[] KERAS_Y_PRED = {0.6, 0.4, 0.4, 0.6};
    private static final Shape TWO_BY_TWO = new Shape(2, 2);

    /** The inputs of the Keras from_logits examples: y_true = [0, 1, 0, 0], y_pred = [-18.6, 0.51, 2.94, -12.8]. */
    private static final double[] LOGIT_LABELS = {0, 1, 0, 0};
    private static final double[] LOGITS = {-18.6, 0.51, 2.94, -12.8};

    private static Evaluation eval(String spec, double[] prediction, double[] target) {
        return Losses.parse(spec).evaluate(prediction, target, TWO_BY_TWO);
    }

    private static void assertRowMeans(Evaluation result, double row0, double row1, double tolerance) {
        double[] e = result.elements();
        Approx.assertNear(row0, (e[0] + e[1]) / 2, tolerance, "row 0 mean");
        Approx.assertNear(row1, (e[2] + e[3]) / 2, tolerance, "row 1 mean");
    }

    // Keras MeanSquaredError / MeanAbsoluteError: y_true = [[0., 1.], [0., 0.]], y_pred = [[1., 1.], [1., 0.]]
    // -> 0.5, 'none' -> [0.5, 0.5]  (keras.io/api/losses/regression_losses; tf.keras.losses docstrings)
    @Test
    void kerasMeanSquaredErrorExample() {
        Evaluation result = eval("mse", new double[] {1, 1, 1, 0}, KERAS_Y_TRUE);
        Approx.assertNear(0.5, result.value(), 1e-12, "mse");
        assertRowMeans(result, 0.5, 0.5, 1e-12);
    }

    @Test
    void kerasMeanAbsoluteErrorExample() {
        Evaluation result = eval("mae", new double[] {1, 1, 1, 0}, KERAS_Y_TRUE);
        Approx.assertNear(0.5, result.value(), 1e-12, "mae");
        assertRowMeans(result, 0.5, 0.5, 1e-12);
    }

    // Keras Huber (delta = 1): y_true = [[0, 1], [0, 0]], y_pred = [[0.6, 0.4], [0.4, 0.6]] -> 0.155
    // (tf.keras.losses.Huber docstring; 'sum' -> 0.31)
    @Test
    void kerasHuberExample() {
        Evaluation result = eval("huber", KERAS_Y_PRED, KERAS_Y_TRUE);
        Approx.assertNear(0.155, result.value(), 5e-4, "huber mean");
        Approx.assertNear(0.31, 2 * result.value(), 5e-3, "huber 'sum' of row means");
    }

    // Keras LogCosh: y_true = [[0., 1.], [0., 0.]], y_pred = [[1., 1.], [0., 0.]] -> 0.108
    // (tf.keras.losses.LogCosh docstring; the TF 2.1 docs print 0.10844523, 'sum' -> 0.217)
    @Test
    void kerasLogCoshExample() {
        Evaluation result = eval("log_cosh", new double[] {1, 1, 0, 0}, KERAS_Y_TRUE);
        Approx.assertNear(0.10844523, result.value(), 5e-8, "log_cosh");
        Approx.assertNear(0.217, 2 * result.value(), 5e-4, "log_cosh 'sum' of row means");
    }

    // Keras BinaryCrossentropy on probabilities: y_true = [[0., 1.], [0., 0.]], y_pred = [[0.6, 0.4], [0.4, 0.6]]
    // -> 0.815, 'none' -> [0.916, 0.714]  (tf.keras.losses.BinaryCrossentropy docstring, TF 2.3)
    @Test
    void kerasBinaryCrossentropyExample() {
        Evaluation result = eval("bce", KERAS_Y_PRED, KERAS_Y_TRUE);
        Approx.assertNear(0.815, result.value(), 5e-4, "bce");
        assertRowMeans(result, 0.916, 0.714, 5e-4);
    }

    // The "Default Usage" of the current Keras BinaryCrossentropy docs swaps in y_pred = [0.6, 0.3, 0.2, 0.8]
    // without printing the result; it is -(log 0.4 + log 0.3 + log 0.8 + log 0.2) / 4 = 0.98821...
    @Test
    void kerasBinaryCrossentropyDefaultUsageInputs() {
        double expected = -(Math.log(0.4) + Math.log(0.3) + Math.log(0.8) + Math.log(0.2)) / 4;
        Evaluation result = eval("bce", new double[] {0.6, 0.3, 0.2, 0.8}, LOGIT_LABELS);
        Approx.assertNear(0.988, result.value(), 5e-4, "bce");
        Approx.assertClose(expected, result.value(), 1e-14, 0, "bce closed form");
    }

    // Keras BinaryCrossentropy(from_logits=True): y_true = [0, 1, 0, 0], y_pred = [-18.6, 0.51, 2.94, -12.8]
    // -> 0.865; as [[0, 1], [0, 0]] / [[-18.6, 0.51], [2.94, -12.8]]: 'sum' -> 1.730, 'none' -> [0.235, 1.496]
    // (keras.io/api/losses/probabilistic_losses, tf.keras.losses.BinaryCrossentropy)
    @Test
    void kerasBinaryCrossentropyFromLogitsExample() {
        Evaluation result = eval("bce_logits", LOGITS, LOGIT_LABELS);
        Approx.assertNear(0.865, result.value(), 5e-4, "bce_logits");
        // the docs print 1.730 for 1.73092 (truncated, not rounded), so this one is checked to one unit of 1e-3
        Approx.assertNear(1.730, 2 * result.value(), 1e-3, "bce_logits 'sum' of row means");
        assertRowMeans(result, 0.235, 1.496, 5e-4);
    }

    // Keras BinaryFocalCrossentropy(gamma=2, from_logits=True) on the same inputs -> 0.691; with
    // apply_class_balancing=True (alpha = 0.25) -> 0.51.  Example 2 (as 2x2): gamma=3 -> 0.647, balanced 0.482;
    // gamma=5 'none' -> [0.0017, 1.1561], balanced [0.0004, 0.8670]  (keras.io BinaryFocalCrossentropy docstring)
    @Test
    void kerasBinaryFocalCrossentropyExamples() {
        // our alpha < 0 means no class weighting, as Keras's apply_class_balancing=False
        Approx.assertNear(0.691, eval("focal:gamma=2,alpha=-1", LOGITS, LOGIT_LABELS).value(), 5e-4, "gamma=2");
        Approx.assertNear(0.51, eval("focal:gamma=2,alpha=0.25", LOGITS, LOGIT_LABELS).value(), 5e-3,
                "gamma=2, balanced");
        Approx.assertNear(0.647, eval("focal:gamma=3,alpha=-1", LOGITS, LOGIT_LABELS).value(), 5e-4, "gamma=3");
        Approx.assertNear(0.482, eval("focal:gamma=3,alpha=0.25", LOGITS, LOGIT_LABELS).value(), 5e-4,
                "gamma=3, balanced");
        assertRowMeans(eval("focal:gamma=5,alpha=-1", LOGITS, LOGIT_LABELS), 0.0017, 1.1561, 5e-5);
        // printed 0.8670 for 0.867077 (truncated), so this row is checked to one unit of 1e-4
        assertRowMeans(eval("focal:gamma=5,alpha=0.25", LOGITS, LOGIT_LABELS), 0.0004, 0.8670, 1e-4);
    }

    // Keras Hinge / SquaredHinge: y_true = [[0., 1.], [0., 0.]] (0/1 labels are converted to -1/+1),
    // y_pred = [[0.6, 0.4], [0.4, 0.6]] -> 1.3 ('none' [1.1, 1.5]) and 1.86 ('none' [1.46, 2.26])
    // (tf.keras.losses.Hinge and SquaredHinge docstrings)
    @Test
    void kerasHingeAndSquaredHingeExamples() {
        double[] signed = new double[4];
        for (int i = 0; i < 4; i++) {
            signed[i] = 2 * KERAS_Y_TRUE[i] - 1;
        }
        Evaluation hinge = eval("hinge", KERAS_Y_PRED, signed);
        Approx.assertNear(1.3, hinge.value(), 1e-12, "hinge (exact: (1.6 + 0.6 + 1.4 + 1.6) / 4)");
        assertRowMeans(hinge, 1.1, 1.5, 1e-12);
        Evaluation squared = eval("squared_hinge", KERAS_Y_PRED, signed);
        Approx.assertNear(1.86, squared.value(), 1e-12, "squared_hinge");
        assertRowMeans(squared, 1.46, 2.26, 1e-12);
    }

    // Keras KLDivergence: y_true = [[0, 1], [0, 0]], y_pred = [[0.6, 0.4], [0.4, 0.6]] -> 0.458, the mean of the
    // per-row sums; 'none' -> [0.916, -3.08e-06] (the tiny negative is Keras's epsilon clipping of the zero row).
    // Our kl is one distribution, a sum, so each row is evaluated on its own.
    @Test
    void kerasKlDivergenceExample() {
        Loss kl = Losses.get("kl");
        double row0 = kl.evaluate(new double[] {0.6, 0.4}, new double[] {0, 1}, Shape.vector(2)).value();
        double row1 = kl.evaluate(new double[] {0.4, 0.6}, new double[] {0, 0}, Shape.vector(2)).value();
        Approx.assertNear(0.916, row0, 5e-4, "row 0 = log(1 / 0.4)");
        Approx.assertNear(0.0, row1, 5e-6, "row 1");
        Approx.assertNear(0.458, (row0 + row1) / 2, 5e-4, "mean over rows");
    }

    // Keras CategoricalCrossentropy: y_true = [[0, 1, 0], [0, 0, 1]], y_pred = [[0.05, 0.95, 0], [0.1, 0.8, 0.1]]
    // -> 1.177, 'none' -> [0.0513, 2.303]  (tf.keras.losses.CategoricalCrossentropy docstring).
    // Probabilities become logits through their logarithm; the zero probability becomes a logit of -1000,
    // whose softmax weight e^-1000 is 0 in double precision.
    @Test
    void kerasCategoricalCrossentropyExample() {
        double[] logits = {
                Math.log(0.05), Math.log(0.95), -1000,
                Math.log(0.1), Math.log(0.8), Math.log(0.1)};
        Evaluation result = Losses.get("cce_logits").evaluate(logits, new double[] {1, 2}, new Shape(2, 3));
        Approx.assertNear(1.177, result.value(), 5e-4, "cce mean over rows");
        Approx.assertNear(0.0513, result.elements()[0], 5e-5, "row 0");
        Approx.assertNear(2.303, result.elements()[1], 5e-4, "row 1");
    }

    // TensorFlow Addons pinball_loss: y_true = [0., 0., 1., 1.], y_pred = [1., 1., 1., 0.], tau = 0.1 -> 0.475
    // (tensorflow.org/addons/api_docs/python/tfa/losses/pinball_loss)
    @Test
    void tensorflowAddonsPinballExample() {
        Evaluation result = Losses.parse("quantile:tau=0.1")
                .evaluate(new double[] {1, 1, 1, 0}, new double[] {0, 0, 1, 1}, Shape.vector(4));
        Approx.assertNear(0.475, result.value(), 5e-4, "pinball");
        Approx.assertNear(0.475, result.value(), 1e-12, "pinball (exact: (0.9 + 0.9 + 0 + 0.1) / 4)");
    }
}
