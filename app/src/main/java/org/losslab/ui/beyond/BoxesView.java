package org.losslab.ui.beyond;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
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
import org.losslab.kernel.Giou;
import org.losslab.kernel.Iou;
import org.losslab.ui.Arrows;
import org.losslab.ui.AxisTicks;
import org.losslab.ui.FrameScheduler;
import org.losslab.ui.Sidebar;
import org.losslab.ui.StepClock;
import org.losslab.ui.Theme;
import org.losslab.ui.descent.LearningRateControl;

/**
 * Boxes: a target box and a predicted box, both draggable (inside to move, an edge or a corner to resize). The IoU,
 * the GIoU and their losses are read out, the gradient of the chosen loss with respect to the predicted box's four
 * coordinates is drawn as an arrow on each edge (pointing where descent moves that edge), and descent moves the
 * predicted box. With disjoint boxes the IoU loss is 1 with zero gradient, so plain IoU gives no signal; GIoU's
 * enclosing box (drawn dashed) still pulls.
 */
public final class BoxesView extends BorderPane {
    /** The world shown: [0, WORLD] in both directions, y up. */
    public static final double WORLD = 10;
    private static final double MARGIN = 40;
    private static final double GRAB = 8;

    private final Canvas canvas = new Canvas(700, 560);
    private final Pane holder = new Pane(canvas);
    private final FrameScheduler scheduler = new FrameScheduler(this::draw);
    private final double[] target = {5.5, 4.5, 8.5, 8.0};
    private final double[] pred = {1.0, 1.0, 3.5, 3.0};
    private final ToggleButton iouButton = new ToggleButton("IoU loss");
    private final ToggleButton giouButton = new ToggleButton("GIoU loss");
    private final Label iouLabel = new Label();
    private final Label giouLabel = new Label();
    private final Label lossLabel = new Label();
    private final Label gradLabel = new Label();
    private final Label status = new Label();
    private final LearningRateControl rate = new LearningRateControl();
    private final Button play = new Button("▶ Descend");
    private boolean playing;
    private int steps;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int sinceBest;

    /** What a press grabbed: which box (0 target, 1 predicted) and which of its edges move. */
    private int dragBox = -1;
    private boolean[] dragEdges = new boolean[4];
    private double lastX;
    private double lastY;

    /** 30 descent steps a second while playing. */
    private final StepClock clock = new StepClock(this, () -> 30, n -> {
        for (int i = 0; i < n && playing; i++) {
            step();
        }
        scheduler.request();
    });

    public BoxesView() {
        getStyleClass().add("boxes-view");
        canvas.setId("boxes-canvas");
        holder.setMinSize(300, 300);
        canvas.widthProperty().bind(holder.widthProperty());
        canvas.heightProperty().bind(holder.heightProperty());
        Theme.get().onChange(this, scheduler::request);
        canvas.widthProperty().addListener(o -> scheduler.request());
        canvas.heightProperty().addListener(o -> scheduler.request());
        canvas.setOnMousePressed(this::pressed);
        canvas.setOnMouseDragged(this::dragged);
        canvas.setOnMouseReleased(e -> dragBox = -1);
        canvas.setOnMouseMoved(e -> canvas.setCursor(cursorFor(e.getX(), e.getY())));
        setCenter(holder);
        setRight(sidebar());
        update();
    }

    private ScrollPane sidebar() {
        ToggleGroup g = new ToggleGroup();
        iouButton.setToggleGroup(g);
        giouButton.setToggleGroup(g);
        iouButton.setId("boxes-iou");
        giouButton.setId("boxes-giou");
        giouButton.setSelected(true);
        g.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
            }
            bestLoss = Double.POSITIVE_INFINITY;
            sinceBest = 0;
            update();
        });
        for (Label l : new Label[] {iouLabel, giouLabel, lossLabel}) {
            l.getStyleClass().add("readout");
        }
        iouLabel.setId("boxes-iou-value");
        giouLabel.setId("boxes-giou-value");
        lossLabel.setId("boxes-loss-value");
        gradLabel.setId("boxes-gradient");
        gradLabel.getStyleClass().add("readout");
        gradLabel.setWrapText(true);
        status.setId("boxes-status");
        status.setWrapText(true);
        status.getStyleClass().add("run-readout");
        rate.setRate(2.0);
        play.setId("boxes-play");
        play.setOnAction(e -> setPlaying(!playing));
        Button step = new Button("Step →");
        step.setOnAction(e -> {
            step();
            scheduler.request();
        });
        Button reset = new Button("Reset");
        reset.setId("boxes-reset");
        reset.setOnAction(e -> {
            setPlaying(false);
            setBoxes(new double[] {5.5, 4.5, 8.5, 8.0}, new double[] {1.0, 1.0, 3.5, 3.0});
        });
        Button overlap = new Button("Overlapping");
        overlap.setOnAction(e -> setBoxes(new double[] {4, 3, 8, 7}, new double[] {2.5, 2, 6, 5.5}));
        Button disjoint = new Button("Disjoint");
        disjoint.setOnAction(e -> setBoxes(new double[] {5.5, 4.5, 8.5, 8.0}, new double[] {1.0, 1.0, 3.5, 3.0}));
        Label hint = new Label("Drag a box to move it, an edge or a corner to resize it. The green box is the "
                + "target, the blue one the prediction; arrows on the blue edges show where a descent step moves "
                + "each edge (−∂L/∂edge). Dashed: GIoU's smallest enclosing box C.");
        hint.setWrapText(true);
        hint.getStyleClass().add("hint");
        Label why = new Label("Try: with the boxes apart, IoU is 0 wherever the blue box is, so its loss is 1 with "
                + "zero gradient and descent does not move; GIoU subtracts the empty part of C, which shrinks as "
                + "the box comes closer, so it pulls the box to the target.");
        why.setWrapText(true);
        why.getStyleClass().add("lesson-panel");
        VBox box = new VBox(8, Sidebar.heading("Loss"), new HBox(4, iouButton, giouButton), iouLabel, giouLabel, lossLabel,
                gradLabel, Sidebar.heading("Descent on the predicted box"), rate, new HBox(6, play, step, reset), status,
                Sidebar.heading("Scenes"), new HBox(6, overlap, disjoint), hint, why);
        box.setPadding(new Insets(8));
        box.setPrefWidth(330);
        ScrollPane s = new ScrollPane(box);
        s.setFitToWidth(true);
        s.setPrefWidth(350);
        s.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        return s;
    }


    // ---------------------------------------------------------------- state

    /** Sets both boxes, (x1, y1, x2, y2) each in world units. */
    public void setBoxes(double[] targetBox, double[] predicted) {
        System.arraycopy(targetBox, 0, target, 0, 4);
        System.arraycopy(predicted, 0, pred, 0, 4);
        steps = 0;
        bestLoss = Double.POSITIVE_INFINITY;
        sinceBest = 0;
        status.setText("");
        update();
    }

    /** Whether the descent uses the GIoU loss (else IoU). */
    public boolean isGiou() {
        return giouButton.isSelected();
    }

    /** Chooses the GIoU loss (true) or the IoU loss. */
    public void setGiou(boolean giou) {
        (giou ? giouButton : iouButton).setSelected(true);
    }

    public double learningRate() {
        return rate.rateProperty().get();
    }

    public void setLearningRate(double lr) {
        rate.setRate(lr);
    }

    public double[] target() {
        return target.clone();
    }

    public double[] predicted() {
        return pred.clone();
    }

    private boolean useGiou() {
        return giouButton.isSelected();
    }

    /** The chosen loss at the current boxes, its gradient in {@code grad}. */
    private double lossAndGradient(double[] grad) {
        return useGiou() ? Giou.loss(pred, target, grad) : Iou.loss(pred, target, grad);
    }

    private void update() {
        double[] g = new double[4];
        double iou = Iou.iou(pred, target);
        double giou = Giou.giou(pred, target);
        double loss = lossAndGradient(g);
        iouLabel.setText(String.format(Locale.ROOT, "IoU  = %.4f", iou));
        giouLabel.setText(String.format(Locale.ROOT, "GIoU = %.4f", giou));
        lossLabel.setText(String.format(Locale.ROOT, "loss %s = %.4f", useGiou() ? "1 − GIoU" : "1 − IoU", loss));
        double norm = Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2] + g[3] * g[3]);
        gradLabel.setText(String.format(Locale.ROOT, "∂L/∂(x1, y1, x2, y2) = (%.3f, %.3f, %.3f, %.3f)%n|∇| = %.4f",
                g[0], g[1], g[2], g[3], norm));
        if (!useGiou() && iou == 0) {
            status.setText("No overlap: the IoU loss is 1 and its gradient is 0, so descent has no signal. "
                    + "Switch to GIoU.");
        } else if (!playing && steps == 0) {
            status.setText("");
        }
        scheduler.request();
    }

    /** One gradient step on the predicted box (the → key and the Step button). */
    public void step() {
        double[] g = new double[4];
        lossAndGradient(g);
        double lr = rate.rateProperty().get();
        double[] next = new double[4];
        for (int i = 0; i < 4; i++) {
            next[i] = pred[i] - lr * g[i];
        }
        // Keep a valid box: an edge may not cross its opposite.
        if (next[2] < next[0]) {
            double m = (next[0] + next[2]) / 2;
            next[0] = m;
            next[2] = m;
        }
        if (next[3] < next[1]) {
            double m = (next[1] + next[3]) / 2;
            next[1] = m;
            next[3] = m;
        }
        boolean finite = true;
        for (double v : next) {
            finite &= Double.isFinite(v);
        }
        if (!finite) {
            setPlaying(false);
            status.setText("stopped: the step is not finite");
            return;
        }
        System.arraycopy(next, 0, pred, 0, 4);
        steps++;
        double now = lossAndGradient(new double[4]);
        if (now < bestLoss - 1e-9) {
            bestLoss = now;
            sinceBest = 0;
        } else {
            sinceBest++;
        }
        double norm = Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2] + g[3] * g[3]);
        update();
        if (sinceBest >= 30 && norm >= 1e-9) {
            setPlaying(false);
            status.setText(String.format(Locale.ROOT, "stopped at step %d: the loss has not fallen below %.4f for 30 "
                    + "steps. Near the target the gradient keeps its size (the loss has a kink at the optimum, as "
                    + "MAE does), so at this rate the edges hop across the target's: lower the learning rate.",
                    steps, bestLoss));
            return;
        }
        if (norm < 1e-9) {
            setPlaying(false);
            status.setText(String.format(Locale.ROOT, "stopped at step %d: the gradient is 0 (|∇| = %.2g)%s",
                    steps, norm, Iou.iou(pred, target) == 0 ? " — no overlap, no signal" : ""));
        } else {
            status.setText(String.format(Locale.ROOT, "step %d", steps));
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

    // ---------------------------------------------------------------- coordinates

    private double scale() {
        return Math.max(1, Math.min(canvas.getWidth(), canvas.getHeight()) - 2 * MARGIN) / WORLD;
    }

    /** Canvas x of world x. */
    public double toX(double x) {
        return left() + x * scale();
    }

    /** The plot's left edge: the square world centred in the canvas. */
    private double left() {
        return Math.max(MARGIN, (canvas.getWidth() - WORLD * scale()) / 2);
    }

    /** Canvas y of world y (y up). */
    public double toY(double y) {
        return MARGIN + (WORLD - y) * scale();
    }

    private double toWorldX(double px) {
        return (px - left()) / scale();
    }

    private double toWorldY(double py) {
        return WORLD - (py - MARGIN) / scale();
    }

    public Canvas canvas() {
        return canvas;
    }

    // ---------------------------------------------------------------- mouse

    /** Which edges of box b a press at (px, py) grabs: all four inside it (a move), the near ones on its border. */
    private boolean[] grab(double[] b, double px, double py) {
        double l = toX(b[0]);
        double r = toX(b[2]);
        double t = toY(b[3]);
        double bo = toY(b[1]);
        boolean inX = px >= l - GRAB && px <= r + GRAB;
        boolean inY = py >= t - GRAB && py <= bo + GRAB;
        if (!inX || !inY) {
            return null;
        }
        boolean[] e = {Math.abs(px - l) <= GRAB, Math.abs(py - bo) <= GRAB, Math.abs(px - r) <= GRAB,
            Math.abs(py - t) <= GRAB};
        if (!(e[0] || e[1] || e[2] || e[3])) {
            return new boolean[] {true, true, true, true};
        }
        return e;
    }

    private Cursor cursorFor(double px, double py) {
        for (double[] b : new double[][] {pred, target}) {
            boolean[] e = grab(b, px, py);
            if (e != null) {
                if (e[0] && e[1] && e[2] && e[3]) {
                    return Cursor.MOVE;
                }
                return (e[0] || e[2]) && (e[1] || e[3]) ? Cursor.CROSSHAIR
                        : e[0] || e[2] ? Cursor.H_RESIZE : Cursor.V_RESIZE;
            }
        }
        return Cursor.DEFAULT;
    }

    private void pressed(MouseEvent e) {
        // The predicted box is on top: it wins where both could be grabbed.
        boolean[] p = grab(pred, e.getX(), e.getY());
        boolean[] t = grab(target, e.getX(), e.getY());
        if (p != null) {
            dragBox = 1;
            dragEdges = p;
        } else if (t != null) {
            dragBox = 0;
            dragEdges = t;
        } else {
            dragBox = -1;
        }
        lastX = toWorldX(e.getX());
        lastY = toWorldY(e.getY());
    }

    private void dragged(MouseEvent e) {
        if (dragBox < 0) {
            return;
        }
        double x = toWorldX(e.getX());
        double y = toWorldY(e.getY());
        double dx = x - lastX;
        double dy = y - lastY;
        double[] b = dragBox == 1 ? pred : target;
        boolean move = dragEdges[0] && dragEdges[1] && dragEdges[2] && dragEdges[3];
        if (move) {
            dx = Math.max(-b[0], Math.min(WORLD - b[2], dx));
            dy = Math.max(-b[1], Math.min(WORLD - b[3], dy));
            b[0] += dx;
            b[2] += dx;
            b[1] += dy;
            b[3] += dy;
        } else {
            if (dragEdges[0]) {
                b[0] = clamp(b[0] + dx, 0, b[2]);
            }
            if (dragEdges[2]) {
                b[2] = clamp(b[2] + dx, b[0], WORLD);
            }
            if (dragEdges[1]) {
                b[1] = clamp(b[1] + dy, 0, b[3]);
            }
            if (dragEdges[3]) {
                b[3] = clamp(b[3] + dy, b[1], WORLD);
            }
        }
        lastX = x;
        lastY = y;
        steps = 0;
        bestLoss = Double.POSITIVE_INFINITY;
        sinceBest = 0;
        update();
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
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
        g.setFont(t.font(11));
        g.setFill(t.muted());
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (double v : AxisTicks.ticks(0, WORLD, 10)) {
            g.strokeLine(toX(v), toY(0), toX(v), toY(WORLD));
            g.strokeLine(toX(0), toY(v), toX(WORLD), toY(v));
            g.fillText(AxisTicks.format(v), toX(v), toY(0) + 4);
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (double v : AxisTicks.ticks(0, WORLD, 10)) {
            g.fillText(AxisTicks.format(v), toX(0) - 5, toY(v));
        }
        g.setStroke(t.frame());
        g.strokeRect(toX(0), toY(WORLD), WORLD * scale(), WORLD * scale());

        // The enclosing box C (GIoU) and the intersection.
        double c1 = Math.min(pred[0], target[0]);
        double c2 = Math.min(pred[1], target[1]);
        double c3 = Math.max(pred[2], target[2]);
        double c4 = Math.max(pred[3], target[3]);
        g.setStroke(t.muted());
        g.setLineDashes(t.px(6), t.px(5));
        g.setLineWidth(t.px(1.5));
        g.strokeRect(toX(c1), toY(c4), (c3 - c1) * scale(), (c4 - c2) * scale());
        g.setLineDashes((double[]) null);
        double i1 = Math.max(pred[0], target[0]);
        double i2 = Math.max(pred[1], target[1]);
        double i3 = Math.min(pred[2], target[2]);
        double i4 = Math.min(pred[3], target[3]);

        drawBox(g, target, Color.web("#009E73"), "target", true);
        drawBox(g, pred, Color.web("#0072B2"), "predicted", false);
        if (i3 > i1 && i4 > i2) {
            g.setFill(Color.web("#E69F00", 0.45));
            g.fillRect(toX(i1), toY(i4), (i3 - i1) * scale(), (i4 - i2) * scale());
        }
        drawGradient(g);
        g.setFill(t.muted());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.TOP);
        g.fillText("C (smallest enclosing box)", toX(c3), toY(c2) + 4);
    }

    /** A box with its name above its top-left corner ({@code above}) or below its bottom-left one. */
    private void drawBox(GraphicsContext g, double[] b, Color c, String label, boolean above) {
        g.setFill(Color.color(c.getRed(), c.getGreen(), c.getBlue(), 0.18));
        g.fillRect(toX(b[0]), toY(b[3]), (b[2] - b[0]) * scale(), (b[3] - b[1]) * scale());
        g.setStroke(c);
        g.setLineWidth(Theme.get().px(2.5));
        g.strokeRect(toX(b[0]), toY(b[3]), (b[2] - b[0]) * scale(), (b[3] - b[1]) * scale());
        g.setFill(Theme.get().isDark() ? c.brighter() : c.darker());
        g.setFont(Theme.get().boldFont(13));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        if (above) {
            g.fillText(label, toX(b[0]) + 2, toY(b[3]) - 3);
        } else {
            g.setTextBaseline(VPos.TOP);
            g.fillText(label, toX(b[0]) + 2, toY(b[1]) + 3);
        }
    }

    /** An arrow on each predicted edge, along −∂L/∂edge: where a descent step moves that edge. */
    private void drawGradient(GraphicsContext g) {
        double[] grad = new double[4];
        lossAndGradient(grad);
        double max = 0;
        for (double v : grad) {
            max = Math.max(max, Math.abs(v));
        }
        if (!(max > 1e-12)) {
            return;
        }
        double len = Theme.get().px(60) / max;
        double mx = toX((pred[0] + pred[2]) / 2);
        double my = toY((pred[1] + pred[3]) / 2);
        arrow(g, toX(pred[0]), my, -grad[0] * len, 0);
        arrow(g, toX(pred[2]), my, -grad[2] * len, 0);
        arrow(g, mx, toY(pred[1]), 0, grad[1] * len);
        arrow(g, mx, toY(pred[3]), 0, grad[3] * len);
    }

    private static void arrow(GraphicsContext g, double x, double y, double dx, double dy) {
        Arrows.draw(g, x, y, dx, dy, Color.web("#D55E00"), Theme.get().px(2.5), 10);
    }

    public void shutdown() {
        clock.stop();
    }
}
