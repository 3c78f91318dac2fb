package org.losslab.ui.beyond;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import org.losslab.kernel.Losses;
import org.losslab.kernel.Perplexity;
import org.losslab.kernel.Shape;

/**
 * Cross-entropy and perplexity of next-token predictions. Above: a distribution over a handful of words after
 * "the cat sat on the", set by one logit slider per word; the softmax probabilities as bars, the cross-entropy to the
 * true next word (from the cce_logits kernel) and its perplexity exp(CE). Below: a sentence, with the probability
 * the model gave each true next token; the mean cross-entropy per token and the perplexity per token.
 */
public final class NextTokenView extends ScrollPane {
    /** The vocabulary of the single prediction. */
    public static final String[] WORDS = {"mat", "sofa", "floor", "moon", "banana"};
    private static final double[] START_LOGITS = {2.0, 1.0, 0.8, -1.0, -2.5};
    /** The sentence of the sequence example: each token is predicted from those before it. */
    public static final String[] SENTENCE = {"the", "cat", "sat", "on", "the", "mat"};
    private static final double[] START_PROBS = {0.05, 0.2, 0.6, 0.45, 0.3};

    private final Slider[] logits = new Slider[WORDS.length];
    private final Rectangle[] bars = new Rectangle[WORDS.length];
    private final Label[] probLabels = new Label[WORDS.length];
    private final ToggleGroup truth = new ToggleGroup();
    private final Label single = new Label();
    private final Slider[] tokenProbs = new Slider[SENTENCE.length - 1];
    private final Label[] tokenLabels = new Label[SENTENCE.length - 1];
    private final Label sequence = new Label();

    public NextTokenView() {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        grid.add(new Label("true next word"), 0, 0);
        grid.add(new Label("word"), 1, 0);
        grid.add(new Label("logit z"), 2, 0);
        grid.add(new Label("softmax probability"), 3, 0);
        for (int k = 0; k < WORDS.length; k++) {
            RadioButton r = new RadioButton();
            r.setToggleGroup(truth);
            r.setUserData(k);
            r.setId("next-true-" + WORDS[k]);
            if (k == 0) {
                r.setSelected(true);
            }
            logits[k] = new Slider(-6, 6, START_LOGITS[k]);
            logits[k].setId("next-logit-" + WORDS[k]);
            logits[k].setPrefWidth(260);
            logits[k].valueProperty().addListener(o -> update());
            bars[k] = new Rectangle(0, 16);
            bars[k].setStyle("-fx-fill: #0072B2;");
            probLabels[k] = new Label();
            probLabels[k].setMinWidth(60);
            Label word = new Label(WORDS[k]);
            word.setStyle("-fx-font-weight: bold;");
            grid.add(r, 0, k + 1);
            grid.add(word, 1, k + 1);
            grid.add(logits[k], 2, k + 1);
            HBox bar = new HBox(6, bars[k], probLabels[k]);
            bar.setAlignment(Pos.CENTER_LEFT);
            grid.add(bar, 3, k + 1);
        }
        truth.selectedToggleProperty().addListener(o -> update());
        single.setId("next-single");
        single.getStyleClass().add("readout");
        single.setWrapText(true);

        GridPane seq = new GridPane();
        seq.setHgap(10);
        seq.setVgap(6);
        seq.add(new Label("context → true next token"), 0, 0);
        seq.add(new Label("probability the model gave it"), 1, 0);
        for (int t = 0; t < SENTENCE.length - 1; t++) {
            StringBuilder ctx = new StringBuilder();
            for (int s = 0; s <= t; s++) {
                ctx.append(s == 0 ? "" : " ").append(SENTENCE[s]);
            }
            seq.add(new Label(ctx + " → " + SENTENCE[t + 1]), 0, t + 1);
            tokenProbs[t] = new Slider(0.001, 1, START_PROBS[t]);
            tokenProbs[t].setId("next-token-" + t);
            tokenProbs[t].setPrefWidth(260);
            tokenProbs[t].valueProperty().addListener(o -> update());
            tokenLabels[t] = new Label();
            seq.add(new HBox(8, tokenProbs[t], tokenLabels[t]), 1, t + 1);
        }
        sequence.setId("next-sequence");
        sequence.getStyleClass().add("readout");
        sequence.setWrapText(true);

        Label intro = new Label("A language model's loss is the cross-entropy of its next-token predictions: "
                + "−log of the probability it gave the word that actually came next. Its exponential, the "
                + "perplexity, reads as \"as unsure as a fair choice among this many words\": 1 is certainty on "
                + "the right word, 5 is a uniform guess over these five.");
        intro.setWrapText(true);
        intro.getStyleClass().add("lesson-panel");
        Label q1 = new Label("\"the cat sat on the …\": set the logits");
        q1.getStyleClass().add("sidebar-heading");
        Label q2 = new Label("A whole sentence: perplexity per token");
        q2.getStyleClass().add("sidebar-heading");
        VBox box = new VBox(12, intro, q1, grid, single, q2, seq, sequence);
        box.setPadding(new Insets(16));
        box.setMaxWidth(1000);
        VBox.setVgrow(box, Priority.ALWAYS);
        setContent(box);
        setFitToWidth(true);
        update();
    }

    private int trueWord() {
        Object d = truth.getSelectedToggle() == null ? null : truth.getSelectedToggle().getUserData();
        return d instanceof Integer ? (Integer) d : 0;
    }

    private void update() {
        double[] z = new double[WORDS.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < z.length; k++) {
            z[k] = logits[k].getValue();
            max = Math.max(max, z[k]);
        }
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v - max);
        }
        for (int k = 0; k < z.length; k++) {
            double p = Math.exp(z[k] - max) / sum;
            bars[k].setWidth(240 * p);
            probLabels[k].setText(String.format(Locale.ROOT, "%.3f", p));
        }
        int c = trueWord();
        double ce = Losses.get("cce_logits").evaluate(z, new double[] {c}, new Shape(1, z.length), null, null);
        single.setText(String.format(Locale.ROOT, "cross-entropy to \"%s\" = −log p(%s) = %.4f nats   "
                + "perplexity = exp(CE) = %.3f", WORDS[c], WORDS[c], ce, Perplexity.ofCrossEntropy(ce)));

        double[] p = new double[tokenProbs.length];
        double ceSum = 0;
        for (int t = 0; t < p.length; t++) {
            p[t] = tokenProbs[t].getValue();
            ceSum -= Math.log(p[t]);
            tokenLabels[t].setText(String.format(Locale.ROOT, "p = %.3f   −log p = %.3f", p[t], -Math.log(p[t])));
        }
        sequence.setText(String.format(Locale.ROOT, "mean cross-entropy = %.4f nats per token   perplexity per "
                + "token = %.3f", ceSum / p.length, Perplexity.fromTokenProbabilities(p)));
    }

    /** The logits' sliders, by word index (for tests). */
    public Slider logit(int k) {
        return logits[k];
    }

    public Slider tokenProbability(int t) {
        return tokenProbs[t];
    }

    public String singleText() {
        return single.getText();
    }

    public String sequenceText() {
        return sequence.getText();
    }
}
