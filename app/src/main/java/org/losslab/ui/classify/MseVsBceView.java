package org.losslab.ui.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.losslab.kernel.ElementwiseLoss;
import org.losslab.kernel.Losses;
import org.losslab.lesson.Datasets;
import org.losslab.optim.OptimizerKind;
import org.losslab.optim.OptimizerSpec;
import org.losslab.optim.Run;
import org.losslab.optim.Trajectory;
import org.losslab.problem.Bounds;
import org.losslab.problem.LogisticProblem;
import org.losslab.problem.Problem;
import org.losslab.problem.Regularizer;
import org.losslab.surface.CancelToken;
import org.losslab.surface.ProblemGrid;
import org.losslab.surface.SurfaceGrid;
import org.losslab.surface.Workers;
import org.losslab.ui.landscape.SurfaceCanvas;
import org.losslab.ui.landscape.SurfaceImages;
import org.losslab.ui.landscape.SurfaceView;

/**
 * The lesson "MSE on a classifier": one feature, two classes, a logistic score z = w x + b. Left, the mean of
 * (σ(z) − y)² over (w, b): flat plateaus where the sigmoid saturates, a non-convex surface. Right, binary cross-entropy
 * on the same data: a convex bowl. A click on either surface starts plain gradient descent from that point on both,
 * so the same start can be seen to stall on one and to arrive on the other.
 */
public final class MseVsBceView extends BorderPane {
    private static final int GRID = 200;
    private static final int STEPS = 300;

    private final SurfaceCanvas mse = new SurfaceCanvas();
    private final SurfaceCanvas bce = new SurfaceCanvas();
    private final Label mseResult = new Label();
    private final Label bceResult = new Label();
    private final TextField rateField = new TextField("2");
    private final Label rateError = new Label();
    private final Problem mseProblem;
    private final Problem bceProblem;
    private final Bounds bounds;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lesson-worker");
        t.setDaemon(true);
        return t;
    });
    private final CancelToken.Latest latest = new CancelToken.Latest();
    private double[] start = {-4, 3};
    private boolean computed;

    public MseVsBceView() {
        Datasets.XY d = Datasets.twoClasses(20, 20, 0.9, 7);
        mseProblem = new LogisticProblem(d.x(), d.y(), (ElementwiseLoss) Losses.get("mse"), Regularizer.NONE);
        bceProblem = new LogisticProblem(d.x(), d.y(), (ElementwiseLoss) Losses.get("bce_logits"), Regularizer.NONE);
        Bounds b = bceProblem.defaultBounds();
        double h1 = Math.max(Math.abs(b.min1()), Math.abs(b.max1())) * 1.6;
        double h2 = Math.max(Math.abs(b.min2()), Math.abs(b.max2())) * 1.6;
        bounds = new Bounds(-h1, h1, -h2, h2);
        start = new double[] {-0.6 * h1, 0.5 * h2};

        mse.setId("lesson-mse-surface");
        bce.setId("lesson-bce-surface");
        mseResult.setId("lesson-mse-result");
        bceResult.setId("lesson-bce-result");
        for (SurfaceCanvas c : new SurfaceCanvas[] {mse, bce}) {
            c.setAxisNames("w", "b");
            c.setView(bounds);
            c.setOnClick((t1, t2) -> {
                start = new double[] {t1, t2};
                descend();
            });
            c.setMinSize(300, 300);
        }
        VBox left = column("MSE on the sigmoid: mean (σ(wx + b) − y)²", mse, mseResult);
        VBox right = column("Binary cross-entropy (bce_logits) on the same points", bce, bceResult);
        HBox pair = new HBox(12, left, right);
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        pair.setPadding(new Insets(8));

        Label what = new Label("What to look at: the MSE surface has wide flat plateaus where σ saturates (the "
                + "predictions are confidently wrong or right and the gradient σ'(z) is nearly zero), so its contours "
                + "bend and it is not convex. The cross-entropy surface is one convex bowl: far from the minimum it "
                + "still slopes, because log σ(z) grows linearly for confident mistakes. What to try: click a start "
                + "on either surface: plain gradient descent runs " + STEPS + " steps from it on both. From a "
                + "confidently wrong start, MSE barely moves while BCE reaches the minimum.");
        what.setWrapText(true);
        what.getStyleClass().add("lesson-panel");
        what.setId("lesson-mse-bce-text");
        rateField.setId("lesson-rate");
        rateField.setPrefColumnCount(6);
        rateField.setOnAction(e -> descend());
        rateError.getStyleClass().add("field-error");
        Label data = new Label("data: two classes on one feature, 20 + 20 points (seed 7)");
        data.getStyleClass().add("hint");
        HBox controls = new HBox(8, new Label("learning rate"), rateField, rateError, data);
        controls.setPadding(new Insets(4, 8, 4, 8));
        VBox top = new VBox(6, what, controls);
        top.setPadding(new Insets(8));
        setTop(top);
        setCenter(pair);
        compute();
    }

    private static VBox column(String title, SurfaceCanvas c, Label result) {
        Label t = new Label(title);
        t.getStyleClass().add("sidebar-heading");
        result.setWrapText(true);
        VBox v = new VBox(4, t, c, result);
        VBox.setVgrow(c, Priority.ALWAYS);
        return v;
    }

    private void compute() {
        CancelToken token = latest.next();
        worker.submit(() -> {
            try {
                List<SurfaceView.Rendered> out = new ArrayList<>();
                for (Problem p : new Problem[] {mseProblem, bceProblem}) {
                    SurfaceGrid g = new SurfaceGrid(bounds, GRID, GRID);
                    if (!ProblemGrid.computeBest(p, g, Workers.commonPool(), token)) {
                        return;
                    }
                    out.add(SurfaceImages.render(g, false, true));
                }
                Platform.runLater(() -> {
                    if (latest.isLatest(token)) {
                        show(mse, out.get(0));
                        show(bce, out.get(1));
                        descend();
                        computed = true;
                    }
                });
            } catch (RuntimeException ex) {
                Platform.runLater(() -> mseResult.setText("could not compute the surfaces: " + ex.getMessage()));
            }
        });
    }

    private static void show(SurfaceCanvas c, SurfaceView.Rendered r) {
        SurfaceGrid g = r.grid();
        c.setHeatmap(g.bounds(), g.nx(), g.ny(), r.argb());
        c.setContours(r.contours());
        c.setColourBar(r.bar(), r.barPositions(), r.barLabels());
    }

    /** Runs plain gradient descent from the start on both problems and draws the two paths. */
    private void descend() {
        double lr;
        try {
            lr = Losses.parseNumber(rateField.getText().trim(), "the learning rate");
            if (!(lr > 0) || lr > 1e3) {
                throw new NumberFormatException();
            }
            rateError.setText("");
        } catch (RuntimeException ex) {
            rateError.setText("'" + rateField.getText() + "' is not a learning rate: type a number above 0 "
                    + "and at most 1000");
            return;
        }
        mseResult.setText(walk(mseProblem, mse, lr, "MSE"));
        bceResult.setText(walk(bceProblem, bce, lr, "BCE"));
    }

    private String walk(Problem p, SurfaceCanvas c, double lr, String name) {
        Run run = Run.builder(p, OptimizerSpec.defaults(OptimizerKind.SGD)).learningRate(lr)
                .start(start[0], start[1]).build();
        double startGrad = run.gradNorm();
        double startLoss = run.loss();
        run.run(STEPS);
        Trajectory t = run.trajectory();
        c.setStart(start.clone());
        c.setPaths(List.of(new SurfaceCanvas.Path(t.theta1s(), t.theta2s(), t.size(), Color.web("#D55E00"))));
        String end = run.message().isEmpty() ? "after " + run.steps() + " steps" : run.message();
        return String.format(Locale.ROOT, "%s from (w, b) = (%.2f, %.2f): loss %.4g, |∇| %.2g at the start; "
                + "loss %.4g, |∇| %.2g at (%.2f, %.2f), %s.", name, start[0], start[1], startLoss, startGrad,
                run.loss(), run.gradNorm(), run.theta1(), run.theta2(), end);
    }

    /** Whether both surfaces have been computed and shown (for export and headless rendering). */
    public boolean isComputed() {
        return computed;
    }

    public SurfaceCanvas mseSurface() {
        return mse;
    }

    public SurfaceCanvas bceSurface() {
        return bce;
    }

    public Problem mseProblem() {
        return mseProblem;
    }

    public Problem bceProblem() {
        return bceProblem;
    }

    public void shutdown() {
        worker.shutdownNow();
    }
}
