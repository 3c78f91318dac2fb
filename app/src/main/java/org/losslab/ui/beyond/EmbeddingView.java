package org.losslab.ui.beyond;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.losslab.kernel.Contrastive;
import org.losslab.kernel.ParamSpec;
import org.losslab.kernel.Triplet;
import org.losslab.ui.Arrows;
import org.losslab.ui.FrameScheduler;
import org.losslab.ui.ParamEditor;
import org.losslab.ui.Sidebar;
import org.losslab.ui.StepClock;
import org.losslab.ui.Theme;
import org.losslab.ui.descent.LearningRateControl;

/**
 * Embedding pull-and-push: an anchor, positives (same kind) and negatives (another kind) as draggable points in the
 * plane. Contrastive loss pulls every positive toward the anchor and pushes negatives out past the margin (the ring
 * of radius m around the anchor); triplet loss asks each negative to be farther from the anchor than each positive
 * by the margin (a ring of radius d(a, p) + m per positive). Each point shows its loss and, as an arrow, where a
 * descent step moves it (−∂L/∂point); descent moves every point but the anchor (or all, if chosen).
 */
public final class EmbeddingView extends BorderPane {
    /** Half the width of the world shown, centred on the origin. */
    public static final double HALF = 4;
    private static final Color POSITIVE = Color.web("#0072B2");
    private static final Color NEGATIVE = Color.web("#D55E00");

    private final Canvas canvas = new Canvas(600, 600);
    private final Pane holder = new Pane(canvas);
    private final FrameScheduler scheduler = new FrameScheduler(this::draw);
    /** Points: 0 is the anchor; then positives; then negatives. */
    private double[][] points;
    private boolean[] positive;
    private final ToggleButton contrastive = new ToggleButton("Contrastive");
    private final ToggleButton triplet = new ToggleButton("Triplet");
    private final CheckBox moveAnchor = new CheckBox("descent moves the anchor too");
    private final Label lossLabel = new Label();
    private final Label status = new Label();
    private final LearningRateControl rate = new LearningRateControl();
    private final Button play = new Button("▶ Descend");
    private double margin = 1.0;
    private int dragging = -1;
    private boolean playing;
    private int steps;

    /** 30 descent steps a second while playing. */
    private final StepClock clock = new StepClock(this, () -> 30, n -> {
        for (int i = 0; i < n && playing; i++) {
            step();
        }
        scheduler.request();
    });

    public EmbeddingView() {
        getStyleClass().add("embedding-view");
        canvas.setId("embedding-canvas");
        holder.setMinSize(300, 300);
        canvas.widthProperty().bind(holder.widthProperty());
        canvas.heightProperty().bind(holder.heightProperty());
        Theme.get().onChange(this, scheduler::request);
        canvas.widthProperty().addListener(o -> scheduler.request());
        canvas.heightProperty().addListener(o -> scheduler.request());
        canvas.setOnMousePressed(this::pressed);
        canvas.setOnMouseDragged(this::dragged);
        canvas.setOnMouseReleased(e -> dragging = -1);
        setCenter(holder);
        setRight(sidebar());
        resetPoints();
    }

    private void resetPoints() {
        points = new double[][] {{0, 0}, {1.0, 0.6}, {-1.4, 2.0}, {0.6, -0.9}, {-0.8, -0.4}, {2.8, -2.4}};
        positive = new boolean[] {true, true, true, false, false, false};
        steps = 0;
        status.setText("");
        update();
    }

    private ScrollPane sidebar() {
        ToggleGroup g = new ToggleGroup();
        contrastive.setToggleGroup(g);
        triplet.setToggleGroup(g);
        contrastive.setId("embed-contrastive");
        triplet.setId("embed-triplet");
        triplet.setSelected(true);
        g.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
            }
            update();
        });
        marginBox.getChildren().setAll(marginEditor());
        lossLabel.setId("embed-loss");
        lossLabel.getStyleClass().add("readout");
        lossLabel.setWrapText(true);
        status.setWrapText(true);
        status.getStyleClass().add("run-readout");
        rate.setRate(0.1);
        play.setId("embed-play");
        play.setOnAction(e -> setPlaying(!playing));
        Button step = new Button("Step →");
        step.setOnAction(e -> {
            step();
            scheduler.request();
        });
        Button reset = new Button("Reset");
        reset.setOnAction(e -> {
            setPlaying(false);
            resetPoints();
        });
        Label hint = new Label("Drag any point. Black: the anchor; blue: positives (should be near it); orange: "
                + "negatives (should be far). Arrows show where a descent step moves each point; the number by a "
                + "point is its share of the loss.");
        hint.setWrapText(true);
        hint.getStyleClass().add("hint");
        Label idea = new Label("Contrastive: positives pay d²/2 however close; negatives pay (m − d)²/2 only inside "
                + "the ring of radius m. Triplet: a negative costs only while it is closer to the anchor than a "
                + "positive plus the margin (inside that positive's dashed ring); once every negative is outside "
                + "every ring, the loss is 0 and nothing moves.");
        idea.setWrapText(true);
        idea.getStyleClass().add("lesson-panel");
        VBox box = new VBox(8, Sidebar.heading("Loss"), new HBox(4, contrastive, triplet), marginBox, lossLabel,
                Sidebar.heading("Descent"), rate, new HBox(6, play, step, reset), moveAnchor, status, hint, idea);
        box.setPadding(new Insets(8));
        box.setPrefWidth(330);
        ScrollPane s = new ScrollPane(box);
        s.setFitToWidth(true);
        s.setPrefWidth(350);
        s.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        return s;
    }

    private final VBox marginBox = new VBox();

    private ParamEditor marginEditor() {
        return new ParamEditor("embedding", ParamSpec.closed("margin", margin, 0, 8,
                "how far past the positives (triplet) or the anchor (contrastive) negatives must be"), margin, v -> {
                    margin = v;
                    update();
                });
    }


    // ---------------------------------------------------------------- the loss

    /**
     * The mean loss over the terms (contrastive: one per non-anchor point; triplet: one per positive–negative pair),
     * each point's share in {@code share}, and the gradient with respect to every point in {@code grad}.
     */
    public double loss(double[] share, double[][] grad) {
        for (double[] gr : grad) {
            gr[0] = 0;
            gr[1] = 0;
        }
        java.util.Arrays.fill(share, 0);
        double total = 0;
        double[] ga = new double[2];
        double[] gx = new double[2];
        double[] gy = new double[2];
        if (contrastive.isSelected()) {
            int terms = points.length - 1;
            for (int i = 1; i < points.length; i++) {
                double l = Contrastive.loss(points[0], points[i], positive[i] ? 1 : 0, margin, ga, gx);
                total += l;
                share[i] += l / terms;
                add(grad[0], ga, 1.0 / terms);
                add(grad[i], gx, 1.0 / terms);
            }
            return total / terms;
        }
        int terms = 0;
        for (int p = 1; p < points.length; p++) {
            for (int n = 1; n < points.length; n++) {
                if (positive[p] && !positive[n]) {
                    terms++;
                }
            }
        }
        for (int p = 1; p < points.length; p++) {
            for (int n = 1; n < points.length; n++) {
                if (positive[p] && !positive[n]) {
                    double l = Triplet.loss(points[0], points[p], points[n], margin, Triplet.DEFAULT_EPS, ga, gx,
                            gy);
                    total += l;
                    share[p] += l / (2.0 * terms);
                    share[n] += l / (2.0 * terms);
                    add(grad[0], ga, 1.0 / terms);
                    add(grad[p], gx, 1.0 / terms);
                    add(grad[n], gy, 1.0 / terms);
                }
            }
        }
        return terms == 0 ? 0 : total / terms;
    }

    private static void add(double[] to, double[] g, double w) {
        to[0] += w * g[0];
        to[1] += w * g[1];
    }

    private double[][] newGrad() {
        return new double[points.length][2];
    }

    private void update() {
        double[][] grad = newGrad();
        double l = loss(new double[points.length], grad);
        lossLabel.setText(String.format(Locale.ROOT, "%s loss (mean over %s) = %.4f", contrastive.isSelected()
                ? "contrastive" : "triplet", contrastive.isSelected() ? "pairs with the anchor"
                : "positive–negative pairs", l));
        scheduler.request();
    }

    /** One gradient step on the points (the anchor too if chosen). */
    public void step() {
        double[][] grad = newGrad();
        loss(new double[points.length], grad);
        double lr = rate.rateProperty().get();
        double norm = 0;
        for (int i = moveAnchor.isSelected() ? 0 : 1; i < points.length; i++) {
            points[i][0] -= lr * grad[i][0];
            points[i][1] -= lr * grad[i][1];
            norm += grad[i][0] * grad[i][0] + grad[i][1] * grad[i][1];
        }
        steps++;
        update();
        if (Math.sqrt(norm) < 1e-9) {
            setPlaying(false);
            status.setText("step " + steps + ": the loss is " + (contrastive.isSelected() ? "at its minimum"
                    : "0: every negative is past every positive by the margin") + "; nothing moves");
        } else {
            status.setText("step " + steps);
        }
    }

    private void setPlaying(boolean on) {
        playing = on;
        play.setText(on ? "‖ Pause" : "▶ Descend");
        if (on) {
            clock.start();
        } else {
            clock.stop();
        }
    }

    /** A copy of the points: index 0 the anchor, then two positives, then three negatives. */
    public double[][] points() {
        double[][] out = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            out[i] = points[i].clone();
        }
        return out;
    }

    public boolean isPositive(int i) {
        return positive[i];
    }

    /** Places the six points (anchor, two positives, three negatives) and the loss's settings, as a session does. */
    public void setState(double[][] pts, boolean useTriplet, double newMargin, double lr, boolean anchorMoves) {
        if (pts.length != points.length) {
            throw new IllegalArgumentException("the embedding view has " + points.length + " points, not "
                    + pts.length);
        }
        for (int i = 0; i < pts.length; i++) {
            points[i] = pts[i].clone();
        }
        margin = newMargin;
        marginBox.getChildren().setAll(marginEditor());
        rate.setRate(lr);
        moveAnchor.setSelected(anchorMoves);
        setTriplet(useTriplet);
        steps = 0;
        status.setText("");
        update();
    }

    public boolean isTriplet() {
        return triplet.isSelected();
    }

    public double learningRate() {
        return rate.rateProperty().get();
    }

    public boolean movesAnchor() {
        return moveAnchor.isSelected();
    }

    public void setTriplet(boolean on) {
        (on ? triplet : contrastive).setSelected(true);
    }

    public double margin() {
        return margin;
    }

    public String lossText() {
        return lossLabel.getText();
    }

    public Canvas canvas() {
        return canvas;
    }

    // ---------------------------------------------------------------- coordinates and mouse

    private double scale() {
        return Math.max(1, Math.min(canvas.getWidth(), canvas.getHeight()) - 40) / (2 * HALF);
    }

    public double toX(double x) {
        return canvas.getWidth() / 2 + x * scale();
    }

    public double toY(double y) {
        return canvas.getHeight() / 2 - y * scale();
    }

    private void pressed(MouseEvent e) {
        dragging = -1;
        double best = 12;
        for (int i = 0; i < points.length; i++) {
            double d = Math.hypot(e.getX() - toX(points[i][0]), e.getY() - toY(points[i][1]));
            if (d <= best) {
                best = d;
                dragging = i;
            }
        }
    }

    private void dragged(MouseEvent e) {
        if (dragging < 0) {
            return;
        }
        points[dragging][0] = Math.max(-HALF, Math.min(HALF, (e.getX() - canvas.getWidth() / 2) / scale()));
        points[dragging][1] = Math.max(-HALF, Math.min(HALF, (canvas.getHeight() / 2 - e.getY()) / scale()));
        steps = 0;
        update();
    }

    // ---------------------------------------------------------------- drawing

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        Theme t = Theme.get();
        g.setFill(t.background());
        g.fillRect(0, 0, w, h);
        g.setStroke(t.grid());
        g.setLineWidth(1);
        for (int k = (int) -HALF; k <= HALF; k++) {
            g.strokeLine(toX(k), toY(-HALF), toX(k), toY(HALF));
            g.strokeLine(toX(-HALF), toY(k), toX(HALF), toY(k));
        }
        double[] a = points[0];
        // Rings: contrastive's margin around the anchor, or triplet's d(a, p) + m per positive.
        g.setLineDashes(t.px(6), t.px(5));
        g.setLineWidth(t.px(1.5));
        if (contrastive.isSelected()) {
            ring(g, a, margin, NEGATIVE, "margin m");
        } else {
            for (int p = 1; p < points.length; p++) {
                if (positive[p]) {
                    double r = Triplet.distance(a, points[p], Triplet.DEFAULT_EPS) + margin;
                    ring(g, a, r, POSITIVE.deriveColor(0, 1, 1, 0.6), "");
                }
            }
        }
        g.setLineDashes((double[]) null);
        double[] share = new double[points.length];
        double[][] grad = newGrad();
        loss(share, grad);
        double max = 0;
        for (double[] gr : grad) {
            max = Math.max(max, Math.hypot(gr[0], gr[1]));
        }
        for (int i = 1; i < points.length; i++) {
            g.setStroke(positive[i] ? POSITIVE.deriveColor(0, 1, 1, 0.35) : NEGATIVE.deriveColor(0, 1, 1, 0.35));
            g.setLineWidth(1);
            g.strokeLine(toX(a[0]), toY(a[1]), toX(points[i][0]), toY(points[i][1]));
        }
        g.setFont(t.font(12));
        for (int i = 0; i < points.length; i++) {
            double x = toX(points[i][0]);
            double y = toY(points[i][1]);
            if (max > 1e-12 && (i > 0 || moveAnchor.isSelected())) {
                double len = t.px(70) / max;
                arrow(g, x, y, -grad[i][0] * len, grad[i][1] * len);
            }
            Color c = i == 0 ? t.ink() : positive[i] ? POSITIVE : NEGATIVE;
            g.setFill(c);
            g.setStroke(Color.WHITE);
            g.setLineWidth(1.5);
            double r = t.px(i == 0 ? 9 : 7);
            g.fillOval(x - r, y - r, 2 * r, 2 * r);
            g.strokeOval(x - r, y - r, 2 * r, 2 * r);
            g.setFill(t.ink());
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.BOTTOM);
            String label = i == 0 ? "anchor" : String.format(Locale.ROOT, "%.3f", share[i]);
            g.fillText(label, x + 10, y - 6);
        }
    }

    private void ring(GraphicsContext g, double[] c, double r, Color colour, String label) {
        g.setStroke(colour);
        double px = r * scale();
        g.strokeOval(toX(c[0]) - px, toY(c[1]) - px, 2 * px, 2 * px);
        if (!label.isEmpty()) {
            g.setFill(colour.darker());
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(label, toX(c[0]) + px * 0.72 + 4, toY(c[1]) - px * 0.72);
        }
    }

    private static void arrow(GraphicsContext g, double x, double y, double dx, double dy) {
        Arrows.draw(g, x, y, dx, dy, Theme.get().muted(), Theme.get().px(2), 9);
    }

    public void shutdown() {
        clock.stop();
    }
}
