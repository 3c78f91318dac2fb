package org.losslab.ui.landscape;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.util.StringConverter;
import org.losslab.kernel.ElementwiseLoss;
import org.losslab.kernel.LossDefinition;
import org.losslab.kernel.LossFamily;
import org.losslab.kernel.Losses;
import org.losslab.kernel.ParamSpec;
import org.losslab.lesson.Datasets;
import org.losslab.lesson.SessionState;
import org.losslab.optim.Curvature;
import org.losslab.optim.LearningRateSweep;
import org.losslab.optim.OptimizerKind;
import org.losslab.optim.OptimizerSpec;
import org.losslab.optim.Run;
import org.losslab.optim.RunStatus;
import org.losslab.optim.Schedule;
import org.losslab.optim.Trajectory;
import org.losslab.problem.Bounds;
import org.losslab.problem.DataProblem;
import org.losslab.problem.LinearRegressionProblem;
import org.losslab.problem.Problem;
import org.losslab.problem.ProblemOptions;
import org.losslab.problem.ProblemRegistry;
import org.losslab.problem.Regularizer;
import org.losslab.problem.SliceProblem;
import org.losslab.surface.CancelToken;
import org.losslab.surface.LinearRegressionGrid;
import org.losslab.surface.ProblemGrid;
import org.losslab.surface.SurfaceGrid;
import org.losslab.surface.Workers;
import org.losslab.ui.CustomLosses;
import org.losslab.ui.FrameMonitor;
import org.losslab.ui.FrameScheduler;
import org.losslab.ui.LossTooltips;
import org.losslab.ui.Palette;
import org.losslab.ui.ParamEditor;
import org.losslab.ui.Sidebar;
import org.losslab.ui.Theme;
import org.losslab.ui.descent.DescentModel;
import org.losslab.ui.descent.LearningRateControl;

/**
 * The Surface view: a problem's loss over two parameters as a heat map with contours (or in 3D), and up to four
 * optimizers racing down it from a start the user clicks, with their loss per step, read-outs, the learning rate
 * against the curvature, and a learning-rate sweep.
 *
 * <p>Surfaces are computed on a worker (a coarse image first, then the full one); a newer request cancels an
 * older one and results are applied on the JavaFX thread only if they are still the latest. Descent steps are
 * cheap and run on the JavaFX thread, driven by elapsed time.
 */
public final class SurfaceView extends BorderPane {
    /** Grid size of the full surface. */
    public static final int GRID = 256;
    /** Stride of the coarse preview. */
    public static final int COARSE = 8;
    /** Grid size of the 3D mesh. */
    public static final int MESH = 96;
    /** Run read-out lines refreshed per second at most while the runs play (one line per pulse, in turn). */
    public static final int READOUTS_PER_SECOND = 40;

    private final DescentModel descent;
    private final SurfaceCanvas canvas = new SurfaceCanvas();
    private final Surface3DView view3d = new Surface3DView();
    private final StackPane plotStack = new StackPane();
    /** What the hover read-out says until the pointer is over the surface. */
    private static final String READOUT_HINT = "Click the surface to start the runs there; scroll to zoom, "
            + "drag with the right button (or Shift) to pan.";
    private final Label readout = new Label(READOUT_HINT);
    private final Label curvature = new Label();
    private final VBox runList = new VBox(4);
    private final VBox runEditor = new VBox(6);
    private final VBox problemOptions = new VBox(6);
    private final VBox runMessages = new VBox(2);
    /** Holds {@link #runMessages} as an unmanaged child, so that a changed line lays out only the lines. */
    private final Pane runBox = new Pane(runMessages) {
        @Override
        protected void layoutChildren() {
            double w = getWidth();
            runMessages.resizeRelocate(0, 0, w, runMessages.prefHeight(w));
        }

        @Override
        protected double computeMinWidth(double height) {
            return 0;
        }

        @Override
        protected double computePrefWidth(double height) {
            return 0;
        }

        @Override
        protected double computePrefHeight(double width) {
            return runMessages.prefHeight(width);
        }

        @Override
        protected double computeMinHeight(double width) {
            return computePrefHeight(width);
        }
    };
    private final Label computeStatus = new Label();
    private final LossChart lossChart = new LossChart();
    private final SweepChart sweepChart = new SweepChart();
    private final ProgressBar sweepProgress = new ProgressBar(0);
    private final Label sweepLabel = new Label("K steps at 40 log-spaced rates with the selected run's settings.");
    private final LearningRateControl lrControl = new LearningRateControl();
    private final ChoiceBox<String> problemChoice = new ChoiceBox<>();
    private final CheckBox logScale = new CheckBox("Log colour scale");
    private final CheckBox contours = new CheckBox("Contours");
    private final CheckBox arrows = new CheckBox("Gradient arrows");
    private final Button playButton = new Button("▶ Play");
    private final FrameScheduler scheduler = new FrameScheduler(this::redrawRuns);

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "surface-worker");
        t.setDaemon(true);
        return t;
    });
    private final Workers cores = Workers.commonPool();
    private final CancelToken.Latest latest = new CancelToken.Latest();

    private final Label[] runLabels = new Label[DescentModel.SLOTS];
    private final Label problemFormula = new Label();
    private final Label dataLabel = new Label();
    private String shownRunListKey = "";
    private double[] dataX;
    private double[] dataY;
    private double[] valX = new double[0];
    private double[] valY = new double[0];
    private String dataName = "";
    private String problemId = "himmelblau";
    /** The id under which a problem handed in by another view (a classifier's slice) is listed. */
    public static final String EXTERNAL = "external";
    private Problem externalProblem;
    private String externalNote = "";
    private double kappa = 25;
    private double angle = 30;
    private String dataLoss = "mse";
    private CustomLosses customLosses = new CustomLosses();
    private ChoiceBox<String> regressionLossChoice;
    private boolean syncingLossChoices;
    private String classLoss = "bce_logits";
    private Regularizer regularizer = Regularizer.NONE;
    private Problem problem;
    private SurfaceGrid shownGrid;
    private Rendered shownRendered;
    private long lastTick;
    private long lastReadouts;
    /** The next run whose read-out line is refreshed while the runs play. */
    private int readoutTurn;
    private boolean show3d;
    private volatile boolean sweepCancelled;
    private final Slider speedSlider = new Slider(0, Math.log10(500), Math.log10(20));

    private final AnimationTimer clock = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (lastTick == 0) {
                lastTick = now;
                return;
            }
            long t0 = System.nanoTime();
            descent.advance(now - lastTick);
            lastTick = now;
            FrameMonitor.get().record("descent steps", System.nanoTime() - t0);
            if (!descent.playingProperty().get()) {
                stop();
                lastTick = 0;
            }
        }
    };

    public SurfaceView() {
        getStyleClass().add("surface-view");
        problem = buildProblem();
        descent = new DescentModel(problem);
        canvas.setId("surface-canvas");
        canvas.setOnClick((t1, t2) -> {
            descent.setStart(t1, t2);
            canvas.setStart(new double[] {t1, t2});
            updateCurvature();
        });
        canvas.setOnHover(this::hover);
        canvas.setOnViewChanged(b -> requestSurface(b));
        plotStack.getChildren().add(canvas);
        readout.setId("surface-readout");
        readout.getStyleClass().add("readout");
        readout.setMaxWidth(Double.MAX_VALUE);
        computeStatus.getStyleClass().add("hint");
        problemFormula.setWrapText(true);
        problemFormula.getStyleClass().add("problem-formula");
        dataLabel.setWrapText(true);
        dataLabel.getStyleClass().add("hint");
        runMessages.setId("run-messages");
        for (int i = 0; i < runLabels.length; i++) {
            runLabels[i] = new Label();
            runLabels[i].setId("run-readout-" + i);
            runLabels[i].getStyleClass().add("run-readout");
            // No text measuring for a minimum width: the line is cut with an ellipsis when it does not fit.
            runLabels[i].setMinWidth(0);
            show(runLabels[i], false);
            runMessages.getChildren().add(runLabels[i]);
        }
        // The read-out lines change many times a second while runs play. As a managed child of the view, every change
        // laid the whole view out again (the split pane's minimum width measured every label's text: 12 MB of
        // garbage a second). Unmanaged inside a box of their own, a change lays out only these lines; the box
        // follows their height when a line appears, goes, or starts to wrap (see updateReadout).
        runMessages.setManaged(false);

        TabPane bottom = new TabPane(new Tab("Loss per step", lossChart), new Tab("Learning-rate sweep", sweepPane()));
        bottom.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox top = new VBox(6, readout, plotStack, runBox);
        VBox.setVgrow(plotStack, Priority.ALWAYS);
        top.setPadding(new Insets(8, 8, 0, 8));
        SplitPane split = new SplitPane(top, bottom);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.66);
        setCenter(split);
        setLeft(buildSidebar());

        descent.revisionProperty().addListener((o, a, b) -> scheduler.request());
        descent.playingProperty().addListener((o, a, b) -> {
            playButton.setText(b ? "⏸ Pause" : "▶ Play");
            if (b) {
                lastTick = 0;
                clock.start();
            }
        });
        // Out of the scene (the window closed, or the view lent to an export) the clock stops; back in, a run that
        // was playing goes on.
        sceneProperty().addListener((o, a, b) -> {
            if (b == null) {
                clock.stop();
            } else if (descent.playingProperty().get()) {
                lastTick = 0;
                clock.start();
            }
        });
        applyProblem(true);
    }

    // ---------------------------------------------------------------- problem

    private Problem buildProblem() {
        if (problemId.equals(EXTERNAL) && externalProblem != null) {
            return externalProblem;
        }
        String spec = problemId;
        if (problemId.equals("bowl") || problemId.equals("ravine")) {
            spec = String.format(Locale.ROOT, "%s:kappa=%s,angle=%s", problemId, kappa, angle);
        }
        ProblemOptions options = ProblemOptions.NONE;
        if (problemId.equals("linreg")) {
            double[] x = dataX;
            double[] y = dataY;
            if (x == null || x.length == 0) {
                Datasets.XY d = Datasets.anscombe("III");
                x = d.x();
                y = d.y();
                dataName = "Anscombe's quartet, series III (11 points, one outlier)";
            }
            options = new ProblemOptions(x, y, regressionLoss(dataLoss), regularizer);
        } else if (problemId.equals("logreg")) {
            Datasets.XY d = Datasets.twoClasses(20, 20, 0.9, 7);
            options = new ProblemOptions(d.x(), d.y(), (ElementwiseLoss) Losses.parse(classLoss), regularizer);
        }
        return ProblemRegistry.create(spec, options);
    }

    /** Rebuilds the problem from the settings; a new problem resets the view, the start and the runs. */
    private void applyProblem(boolean newProblem) {
        try {
            problem = buildProblem();
        } catch (IllegalArgumentException ex) {
            computeStatus.setText(ex.getMessage());
            return;
        }
        String[] names = problem.parameterNames();
        canvas.setAxisNames(names[0], names[1]);
        // A hover read-out of the old problem (its names, its loss) would now be wrong.
        readout.setText(READOUT_HINT);
        if (newProblem) {
            descent.setProblem(problem);
            canvas.setView(problem.defaultBounds());
        } else {
            descent.replaceProblem(problem);
        }
        canvas.setStart(descent.start());
        if (problemId.equals("linreg") && valX.length > 0) {
            final ElementwiseLoss loss = ((LinearRegressionProblem) problem).loss();
            final double[] vx = valX;
            final double[] vy = valY;
            lossChart.setValidation((w, b) -> {
                double sum = 0;
                for (int i = 0; i < vx.length; i++) {
                    sum += loss.value(w * vx[i] + b, vy[i]);
                }
                return sum / vx.length;
            });
        } else {
            lossChart.setValidation(null);
        }
        List<double[]> marks = new ArrayList<>(problem.knownMinima());
        canvas.setMinima(marks);
        if (newProblem) {
            rebuildProblemOptions();
        } else {
            // Same problem, new settings or data: keep the controls (one may be mid-drag), refresh their texts.
            problemFormula.setText(problem.formula());
            dataLabel.setText(dataDescription());
        }
        updateCurvature();
        requestSurface(canvas.view());
    }

    private String dataDescription() {
        if (problemId.equals(EXTERNAL)) {
            return externalNote;
        }
        return problemId.equals("linreg") ? "data: " + dataName
                : "data: two classes on one feature, 20 + 20 points (seed 7)";
    }

    private void rebuildProblemOptions() {
        regressionLossChoice = null;
        problemOptions.getChildren().clear();
        problemFormula.setText(problem.formula());
        problemOptions.getChildren().add(problemFormula);
        if (problemId.equals("bowl") || problemId.equals("ravine")) {
            problemOptions.getChildren().add(new ParamEditor("problem", ParamSpec.closed("kappa", kappa, 1, 100,
                    "condition number: the ratio of the steepest to the flattest curvature"), kappa, v -> {
                        kappa = v;
                        applyProblem(false);
                    }));
            problemOptions.getChildren().add(new ParamEditor("problem", ParamSpec.closed("angle", angle, 0, 180,
                    "rotation of the valley, in degrees"), angle, v -> {
                        angle = v;
                        applyProblem(false);
                    }));
        }
        if (problemId.equals("linreg") || problemId.equals("logreg")) {
            boolean regression = problemId.equals("linreg");
            ChoiceBox<String> loss = new ChoiceBox<>();
            loss.setId("problem-loss");
            for (LossDefinition d : regression ? Losses.regression() : Losses.classification()) {
                if (d.family() != LossFamily.MULTICLASS_LOGITS && d.family() != LossFamily.DISTRIBUTION) {
                    loss.getItems().add(d.id());
                }
            }
            if (regression) {
                regressionLossChoice = loss;
                addCustomLossChoices(loss);
            }
            loss.setValue(regression ? dataLoss : classLoss);
            LossTooltips.follow(loss, "The loss whose surface is drawn and descended.",
                    id -> LossTooltips.custom(customLosses, id));
            loss.valueProperty().addListener((o, a, b) -> {
                if (b == null || syncingLossChoices) {
                    return;
                }
                if (regression) {
                    dataLoss = b;
                } else {
                    classLoss = b;
                }
                applyProblem(false);
            });
            dataLabel.setText(dataDescription());
            ChoiceBox<String> reg = new ChoiceBox<>();
            reg.getItems().addAll("no penalty", "L1  λ|θ|₁", "L2  λ|θ|₂²");
            reg.setValue(regularizer.l1() > 0 ? "L1  λ|θ|₁" : regularizer.l2() > 0 ? "L2  λ|θ|₂²" : "no penalty");
            double lambda = Math.max(regularizer.l1(), regularizer.l2());
            ParamEditor lam = new ParamEditor("problem", ParamSpec.closed("lambda", 0.1, 0, 10,
                    "strength λ of the penalty"), lambda > 0 ? lambda : 0.1, v -> {
                        regularizer = regularizer.l1() > 0 ? Regularizer.l1(v)
                                : regularizer.l2() > 0 ? Regularizer.l2(v) : Regularizer.NONE;
                        applyProblem(false);
                    });
            reg.valueProperty().addListener((o, a, b) -> {
                double l = lam.value();
                regularizer = b.startsWith("L1") ? Regularizer.l1(l) : b.startsWith("L2") ? Regularizer.l2(l)
                        : Regularizer.NONE;
                applyProblem(false);
            });
            problemOptions.getChildren().addAll(row("loss", loss), dataLabel, row("penalty", reg), lam);
        }
        if (problemId.equals(EXTERNAL)) {
            dataLabel.setText(dataDescription());
            problemOptions.getChildren().add(dataLabel);
        }
    }

    // ---------------------------------------------------------------- surface computation

    /** Computes the surface over {@code bounds} on the worker: coarse first, then full; drops stale results. */
    private void requestSurface(Bounds bounds) {
        final Problem p = problem;
        final boolean log = logScale.isSelected();
        final boolean wantContours = contours.isSelected();
        CancelToken token = latest.next();
        computeStatus.setText("computing…");
        worker.submit(() -> {
            try {
                long t0 = System.nanoTime();
                SurfaceGrid grid = new SurfaceGrid(bounds, GRID, GRID);
                if (p instanceof LinearRegressionProblem
                        && LinearRegressionGrid.hasFastPath(((LinearRegressionProblem) p).loss())) {
                    // Exact and fast enough for every frame: no coarse preview needed.
                    if (!LinearRegressionGrid.compute((LinearRegressionProblem) p, grid, cores, token)) {
                        return;
                    }
                    Rendered r = SurfaceImages.render(grid, log, wantContours);
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    Platform.runLater(() -> apply(token, r, false, ms));
                    return;
                }
                boolean done = ProblemGrid.computeProgressive(p, grid, COARSE, cores, token, coarse -> {
                    SurfaceGrid copy = coarse.copy();
                    Rendered r = SurfaceImages.render(copy, log, false);
                    Platform.runLater(() -> apply(token, r, true, 0));
                });
                if (!done) {
                    return;
                }
                Rendered r = SurfaceImages.render(grid, log, wantContours);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                Platform.runLater(() -> apply(token, r, false, ms));
            } catch (RuntimeException ex) {
                Platform.runLater(() -> computeStatus.setText("could not compute the surface: " + ex.getMessage()));
            }
        });
    }

    /** A computed surface, ready to show. */
    public record Rendered(SurfaceGrid grid, int[] argb, List<SurfaceCanvas.Line> contours, int[] bar,
                    double[] barPositions, String[] barLabels) {
    }

    private void apply(CancelToken token, Rendered r, boolean coarse, long ms) {
        if (!latest.isLatest(token)) {
            return;
        }
        long t0 = System.nanoTime();
        shownGrid = r.grid();
        shownRendered = r;
        canvas.setHeatmap(r.grid().bounds(), r.grid().nx(), r.grid().ny(), r.argb());
        canvas.setContours(r.contours());
        canvas.setColourBar(r.bar(), r.barPositions(), r.barLabels());
        canvas.setArrows(arrows.isSelected() ? gradientArrows(r.grid().bounds()) : List.of());
        if (!coarse) {
            computeStatus.setText(String.format(Locale.ROOT, "surface %d×%d in %d ms; grid minimum %.4g at (%.3g, %.3g)",
                    r.grid().nx(), r.grid().ny(), ms, r.grid().min(), r.grid().argminTheta1(),
                    r.grid().argminTheta2()));
            if (show3d) {
                update3d();
            }
        }
        FrameMonitor.get().record("surface image", System.nanoTime() - t0);
    }

    private List<double[]> gradientArrows(Bounds b) {
        List<double[]> out = new ArrayList<>();
        int n = 14;
        double[] g = new double[2];
        double cell = Math.min(b.max1() - b.min1(), b.max2() - b.min2()) / n;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double t1 = b.min1() + (i + 0.5) * (b.max1() - b.min1()) / n;
                double t2 = b.min2() + (j + 0.5) * (b.max2() - b.min2()) / n;
                problem.gradient(t1, t2, g);
                double norm = Math.hypot(g[0], g[1]);
                if (!(norm > 0) || !Double.isFinite(norm)) {
                    continue;
                }
                double len = 0.4 * cell;
                out.add(new double[] {t1, t2, -g[0] / norm * len, -g[1] / norm * len});
            }
        }
        return out;
    }

    private void update3d() {
        final Problem p = problem;
        final Bounds b = canvas.view();
        final boolean log = logScale.isSelected();
        CancelToken token = latest.next();
        worker.submit(() -> {
            SurfaceGrid mesh = new SurfaceGrid(b, MESH, MESH);
            if (!ProblemGrid.compute(p, mesh, cores, token)) {
                return;
            }
            Rendered r = SurfaceImages.render(mesh, log, false);
            Platform.runLater(() -> {
                view3d.setSurface(b, MESH, MESH, mesh.values(), r.argb(), log);
                redrawRuns();
            });
        });
    }

    // ---------------------------------------------------------------- runs

    private void redrawRuns() {
        long t0 = System.nanoTime();
        List<SurfaceCanvas.Path> paths = new ArrayList<>();
        List<double[][]> paths3d = new ArrayList<>();
        List<Color> colours3d = new ArrayList<>();
        // Read-outs are text, which is slow to paint in software: while playing, one run's line per pulse in turn,
        // at most READOUTS_PER_SECOND lines a second, so no pulse repaints all four lines (a 700 x 72 region).
        List<DescentModel.Slot> slots = descent.slots();
        boolean playing = descent.playingProperty().get();
        int readout = -1;
        if (!playing) {
            readout = slots.size();
        } else if (t0 - lastReadouts >= 1_000_000_000L / READOUTS_PER_SECOND && !slots.isEmpty()) {
            lastReadouts = t0;
            readout = readoutTurn++ % slots.size();
        }
        for (DescentModel.Slot s : slots) {
            Color colour = Color.web(Palette.runHex(s.index()));
            if (readout == slots.size() || readout == s.index()) {
                updateReadout(s, colour);
            }
            Run run = s.run();
            if (s.error() != null || run == null) {
                continue;
            }
            Trajectory t = run.trajectory();
            // The rows as they are, no copy (a frame copied every run's whole path before: megabytes a second).
            paths.add(new SurfaceCanvas.Path(t.theta1Rows(), t.theta2Rows(), t.size(), colour));
            if (show3d) {
                paths3d.add(new double[][] {t.theta1s(), t.theta2s(), t.losses()});
                colours3d.add(colour);
            }
        }
        canvas.setPaths(paths);
        if (show3d) {
            view3d.setTrajectories(paths3d, colours3d);
        }
        lossChart.update(descent);
        String key = runListKey();
        if (!key.equals(shownRunListKey)) {
            refreshRunList();
        }
        FrameMonitor.get().record("descent frame", System.nanoTime() - t0);
    }

    private void updateReadout(DescentModel.Slot s, Color colour) {
        Label l = runLabels[s.index()];
        boolean wasShown = l.isVisible();
        boolean wasWrapped = l.isWrapText();
        fillReadout(l, s, colour);
        // A line that does not wrap has the height of one line of its font: with that fixed, laying the lines out
        // measures no text (a label measures its text for its minimum and preferred heights otherwise, twice per
        // line on every change).
        double h = l.isWrapText() ? Region.USE_COMPUTED_SIZE : lineHeight(l);
        l.setMinHeight(h);
        l.setPrefHeight(h);
        if (l.isVisible() != wasShown || l.isWrapText() != wasWrapped || l.isWrapText()) {
            runBox.requestLayout();
        }
    }

    private javafx.scene.text.Font lineFont;
    private double lineTextHeight;

    /** The height of one line of {@code l}'s text with its padding (the font's line measured once per font). */
    private double lineHeight(Label l) {
        if (l.getFont() != lineFont) {
            lineFont = l.getFont();
            javafx.scene.text.Text probe = new javafx.scene.text.Text("Hg|θ∇");
            probe.setFont(lineFont);
            lineTextHeight = Math.ceil(probe.getLayoutBounds().getHeight());
        }
        return lineTextHeight + l.snappedTopInset() + l.snappedBottomInset();
    }

    private void fillReadout(Label l, DescentModel.Slot s, Color colour) {
        Run run = s.run();
        l.getStyleClass().removeAll("field-error", "run-diverged");
        if (s.error() != null) {
            l.setText("Run " + (s.index() + 1) + ": " + s.error());
            l.getStyleClass().add("field-error");
            show(l, true);
            return;
        }
        if (run == null) {
            show(l, false);
            return;
        }
        l.setText(String.format(Locale.ROOT, "● %s — step %d   θ = (%.5g, %.5g)   loss %.6g   |∇| %.3g%s",
                s.summary(), run.steps(), run.theta1(), run.theta2(), run.loss(), run.gradNorm(),
                run.status() == RunStatus.RUNNING ? "" : "   " + run.message()));
        l.setTextFill(colour.darker());
        // Wrapping costs a layout pass per change: only a stopped run's (longer, final) message wraps.
        l.setWrapText(run.status() != RunStatus.RUNNING);
        if (run.status() == RunStatus.DIVERGED) {
            l.getStyleClass().add("run-diverged");
        }
        show(l, true);
    }

    private static void show(Label l, boolean on) {
        l.setVisible(on);
        l.setManaged(on);
    }

    private String runListKey() {
        StringBuilder sb = new StringBuilder().append(descent.selectedProperty().get());
        for (DescentModel.Slot s : descent.slots()) {
            sb.append('|').append(s.enabled()).append(s.summary());
        }
        return sb.toString();
    }

    private void updateCurvature() {
        double[] start = descent.start();
        StringBuilder sb = new StringBuilder();
        List<LearningRateControl.Mark> marks = new ArrayList<>();
        double lambdaMax;
        double lambdaMin;
        if (problem.isQuadratic()) {
            double[] ev = Curvature.quadraticEigenvalues(problem);
            lambdaMin = ev[0];
            lambdaMax = ev[1];
            sb.append(String.format(Locale.ROOT, "Quadratic: L = λmax = %.4g, λmin = %.4g", lambdaMax, lambdaMin));
        } else {
            double[] ev = Curvature.eigenvaluesAt(problem, start[0], start[1]);
            if (ev == null) {
                curvature.setText("This problem has no Hessian here.");
                lrControl.setMarks(marks);
                return;
            }
            lambdaMin = ev[0];
            lambdaMax = ev[1];
            sb.append(String.format(Locale.ROOT, "At the start: local λmax = %.4g, λmin = %.4g", lambdaMax,
                    lambdaMin));
        }
        if (lambdaMax > 0) {
            double limit = Curvature.stabilityLimit(lambdaMax);
            sb.append(String.format(Locale.ROOT, "\nGD is stable below 2/L = %.4g", limit));
            marks.add(new LearningRateControl.Mark(limit, "2/L", Color.web("#c62828")));
            if (lambdaMin > 0) {
                double best = Curvature.bestConstantRate(lambdaMin, lambdaMax);
                sb.append(String.format(Locale.ROOT, "; best constant rate 2/(λmin+λmax) = %.4g", best));
                marks.add(new LearningRateControl.Mark(best, "best", Color.web("#2e7d32")));
            }
            OptimizerSpec sel = descent.selectedSlot().optimizer();
            if (sel.kind() == OptimizerKind.MOMENTUM) {
                double mu = sel.get("momentum");
                double ml = Curvature.momentumLimit(lambdaMax, mu);
                sb.append(String.format(Locale.ROOT, "\nmomentum μ = %.3g: stable below 2(1+μ)/L = %.4g", mu, ml));
                marks.add(new LearningRateControl.Mark(ml, "2(1+μ)/L", Color.web("#6a1b9a")));
            }
        } else {
            sb.append("\nλmax ≤ 0 here: no step-size limit from the curvature (a maximum or saddle direction).");
        }
        curvature.setText(sb.toString());
        lrControl.setMarks(marks);
    }

    // ---------------------------------------------------------------- hover, keys

    private void hover(double t1, double t2) {
        double[] g = new double[2];
        double v = problem.gradient(t1, t2, g);
        String[] n = problem.parameterNames();
        readout.setText(String.format(Locale.ROOT, "%s = %.5g   %s = %.5g   loss = %.6g   |∇| = %.4g", n[0], t1, n[1],
                t2, v, Math.hypot(g[0], g[1])));
    }

    /** Keys of this view (the main window routes them here while its tab is shown). */
    public void handleKey(KeyEvent e) {
        if (e.getTarget() instanceof TextInputControl) {
            return;
        }
        if (e.getCode() == KeyCode.SPACE) {
            togglePlay();
            e.consume();
        } else if (e.getCode() == KeyCode.RIGHT) {
            descent.playingProperty().set(false);
            descent.stepAll();
            e.consume();
        } else if (e.getCode() == KeyCode.R) {
            descent.playingProperty().set(false);
            descent.resetRuns();
            e.consume();
        }
    }

    private void togglePlay() {
        if (!descent.playingProperty().get() && !descent.anyRunning()) {
            descent.resetRuns();
        }
        descent.playingProperty().set(!descent.playingProperty().get());
    }

    // ---------------------------------------------------------------- sidebar

    private ScrollPane buildSidebar() {
        problemChoice.setId("problem-choice");
        problemChoice.getItems().addAll(ProblemRegistry.ids());
        problemChoice.setValue(problemId);
        problemChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(String id) {
                if (id != null && id.equals(EXTERNAL)) {
                    return externalProblem == null ? "From another view" : externalProblem.displayName();
                }
                return id == null ? "" : displayName(id);
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        problemChoice.valueProperty().addListener((o, a, b) -> {
            problemId = b;
            applyProblem(true);
        });

        ToggleGroup mode = new ToggleGroup();
        ToggleButton heat = new ToggleButton("Heat map");
        heat.setId("mode-2d");
        ToggleButton three = new ToggleButton("3D");
        three.setId("mode-3d");
        heat.setToggleGroup(mode);
        three.setToggleGroup(mode);
        heat.setSelected(true);
        mode.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
                return;
            }
            show3d = b == three;
            plotStack.getChildren().setAll(show3d ? view3d : canvas);
            if (show3d) {
                update3d();
            }
        });
        HBox modeRow = new HBox(heat, three);
        modeRow.getStyleClass().add("segmented");
        logScale.setId("log-scale");
        contours.setId("contours");
        contours.setSelected(true);
        arrows.setId("arrows");
        logScale.selectedProperty().addListener(o -> requestSurface(canvas.view()));
        contours.selectedProperty().addListener(o -> requestSurface(canvas.view()));
        arrows.selectedProperty().addListener(o -> requestSurface(canvas.view()));
        Button resetView = new Button("Reset view");
        resetView.setOnAction(e -> {
            canvas.setView(problem.defaultBounds());
            requestSurface(canvas.view());
        });

        playButton.setId("play");
        playButton.setOnAction(e -> togglePlay());
        Button step = new Button("Step →");
        step.setId("step");
        step.setOnAction(e -> {
            descent.playingProperty().set(false);
            descent.stepAll();
        });
        Button reset = new Button("Reset (R)");
        reset.setId("reset");
        reset.setOnAction(e -> {
            descent.playingProperty().set(false);
            descent.resetRuns();
        });
        playButton.setTooltip(new Tooltip("Space"));
        step.setTooltip(new Tooltip("→ (right arrow)"));
        HBox transport = new HBox(6, playButton, step, reset);
        Slider speed = speedSlider;
        speed.setId("speed");
        Label speedLabel = new Label();
        speed.valueProperty().addListener((o, a, b) -> descent.stepsPerSecondProperty().set(
                Math.rint(Math.pow(10, b.doubleValue()))));
        speedLabel.textProperty().bind(descent.stepsPerSecondProperty().asString(Locale.ROOT, "%.0f steps per second"));

        lrControl.rateProperty().addListener((o, a, b) -> {
            int i = descent.selectedProperty().get();
            if (descent.slots().get(i).learningRate() != b.doubleValue()) {
                descent.setLearningRate(i, b.doubleValue());
            }
        });
        descent.selectedProperty().addListener((o, a, b) -> rebuildRunEditor());
        curvature.setWrapText(true);
        curvature.setId("curvature");
        curvature.getStyleClass().add("hint");
        computeStatus.setWrapText(true);

        VBox side = new VBox(8,
                Sidebar.heading("Problem"), problemChoice, problemOptions,
                Sidebar.heading("Display"), modeRow, logScale, contours, arrows, resetView, computeStatus,
                Sidebar.heading("Runs (click one to edit it)"), runList,
                Sidebar.heading("Selected run"), runEditor, lrControl, curvature,
                Sidebar.heading("Play"), transport, speedLabel, speed);
        side.setPadding(new Insets(10));
        side.getStyleClass().add("sidebar");
        refreshRunList();
        rebuildRunEditor();
        ScrollPane scroll = new ScrollPane(side);
        scroll.setFitToWidth(true);
        Theme.get().prefWidth(scroll, 340);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        return scroll;
    }

    private static String displayName(String id) {
        switch (id) {
            case "linreg":
                return "Linear regression (data)";
            case "logreg":
                return "Logistic classification (data)";
            default:
                return id.substring(0, 1).toUpperCase(Locale.ROOT) + id.substring(1);
        }
    }

    private void refreshRunList() {
        shownRunListKey = runListKey();
        runList.getChildren().clear();
        for (DescentModel.Slot s : descent.slots()) {
            CheckBox on = new CheckBox();
            on.setId("run-enabled-" + s.index());
            on.setSelected(s.enabled());
            on.selectedProperty().addListener((o, a, b) -> descent.setEnabled(s.index(), b));
            Rectangle swatch = new Rectangle(14, 14, Color.web(Palette.runHex(s.index())));
            Label text = new Label(s.summary());
            HBox row = new HBox(6, on, swatch, text);
            row.setAlignment(Pos.CENTER_LEFT);
            row.setId("run-row-" + s.index());
            if (s.index() == descent.selectedProperty().get()) {
                row.getStyleClass().add("selected-row");
            }
            row.setOnMouseClicked(e -> descent.selectedProperty().set(s.index()));
            runList.getChildren().add(row);
        }
    }

    private void rebuildRunEditor() {
        runEditor.getChildren().clear();
        DescentModel.Slot slot = descent.selectedSlot();
        int index = slot.index();
        ChoiceBox<OptimizerKind> kind = new ChoiceBox<>();
        kind.setId("optimizer-choice");
        kind.getItems().addAll(OptimizerKind.values());
        kind.setValue(slot.optimizer().kind());
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(OptimizerKind k) {
                return k == null ? "" : k.displayName();
            }

            @Override
            public OptimizerKind fromString(String s) {
                return null;
            }
        });
        kind.valueProperty().addListener((o, a, b) -> {
            descent.setOptimizer(index, OptimizerSpec.defaults(b));
            rebuildRunEditor();
            updateCurvature();
        });
        Label rule = new Label(slot.optimizer().kind().rule());
        rule.setWrapText(true);
        rule.getStyleClass().add("hint");
        runEditor.getChildren().addAll(row("optimizer", kind), rule);
        for (ParamSpec spec : slot.optimizer().kind().params()) {
            if (spec.name().equals("lr")) {
                continue;
            }
            runEditor.getChildren().add(new ParamEditor("opt", spec, slot.optimizer().get(spec.name()), v -> {
                descent.setOptimizer(index, descent.slots().get(index).optimizer().with(spec.name(), v));
                updateCurvature();
            }));
        }
        TextField schedule = new TextField(slot.schedule().spec());
        schedule.setId("schedule");
        schedule.setPromptText("constant | step:step_size=100,gamma=0.5 | exp:gamma=0.99 | inv:decay=0.01");
        Label scheduleError = new Label();
        scheduleError.getStyleClass().add("field-error");
        scheduleError.setWrapText(true);
        schedule.setOnAction(e -> {
            try {
                descent.setSchedule(index, Schedule.parse(schedule.getText()));
                scheduleError.setText("");
                schedule.getStyleClass().remove("invalid");
            } catch (IllegalArgumentException ex) {
                scheduleError.setText(ex.getMessage() + "; kept " + descent.slots().get(index).schedule().spec());
                if (!schedule.getStyleClass().contains("invalid")) {
                    schedule.getStyleClass().add("invalid");
                }
            }
        });
        schedule.setTooltip(new Tooltip("Learning-rate schedule: constant, step:step_size=100,gamma=0.5, "
                + "exp:gamma=0.99 or inv:decay=0.01 (lr/(1 + decay·t)); press Enter"));
        runEditor.getChildren().addAll(row("schedule", schedule), scheduleError);
        if (problem instanceof DataProblem) {
            TextField batch = new TextField(slot.batchSize() == 0 ? "all" : Integer.toString(slot.batchSize()));
            batch.setId("batch-size");
            batch.setOnAction(e -> {
                String t = batch.getText().strip();
                try {
                    int size = t.equalsIgnoreCase("all") || t.isEmpty() ? 0 : Integer.parseInt(t);
                    if (size < 0) {
                        throw new NumberFormatException();
                    }
                    descent.setBatchSize(index, size, descent.slots().get(index).seed());
                } catch (NumberFormatException ex) {
                    batch.setText(slot.batchSize() == 0 ? "all" : Integer.toString(slot.batchSize()));
                }
            });
            batch.setTooltip(new Tooltip("Mini-batch size for SGD-style steps (seeded); 'all' for the full gradient"));
            runEditor.getChildren().add(row("batch", batch));
        }
        lrControl.setRate(slot.learningRate());
        refreshRunList();
    }

    private static HBox row(String label, Node control) {
        Label l = new Label(label);
        l.setMinWidth(70);
        HBox h = new HBox(6, l, control);
        h.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(control, Priority.ALWAYS);
        return h;
    }


    // ---------------------------------------------------------------- sweep

    private Node sweepPane() {
        Button run = new Button("Run sweep");
        run.setId("sweep-run");
        Button cancel = new Button("Cancel");
        cancel.setDisable(true);
        TextField steps = new TextField("100");
        steps.setPrefColumnCount(5);
        sweepProgress.setPrefWidth(220);
        run.setOnAction(e -> {
            int k;
            try {
                k = Integer.parseInt(steps.getText().strip());
                if (k < 1 || k > 100_000) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException ex) {
                sweepLabel.setText("K must be a whole number from 1 to 100000 (got '" + steps.getText() + "')");
                return;
            }
            DescentModel.Slot s = descent.selectedSlot();
            double[] start = descent.start();
            LearningRateSweep sweep = new LearningRateSweep(problem, s.optimizer()).schedule(s.schedule())
                    .start(start[0], start[1]).steps(k).rates(1e-4, 10, LearningRateSweep.DEFAULT_COUNT);
            sweepCancelled = false;
            run.setDisable(true);
            cancel.setDisable(false);
            sweepLabel.setText("sweeping " + s.summary() + "…");
            final double limit = currentLimit();
            Thread t = new Thread(() -> {
                LearningRateSweep.Result result = sweep.run((done, total) ->
                        Platform.runLater(() -> sweepProgress.setProgress((double) done / total)), () -> sweepCancelled);
                Platform.runLater(() -> {
                    run.setDisable(false);
                    cancel.setDisable(true);
                    sweepChart.show(result, limit);
                    sweepLabel.setText(result.cancelled() ? "cancelled" : String.format(Locale.ROOT,
                            "best final loss at lr = %s%s", LearningRateControl.format(
                                    result.points().get(result.bestIndex()).learningRate()),
                            Double.isNaN(result.firstDivergentRate()) ? "; no rate diverged"
                                    : "; diverges from lr = " + LearningRateControl.format(result.firstDivergentRate())));
                });
            }, "lr-sweep");
            t.setDaemon(true);
            t.start();
        });
        cancel.setOnAction(e -> sweepCancelled = true);
        HBox controls = new HBox(8, new Label("K ="), steps, run, cancel, sweepProgress, sweepLabel);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setPadding(new Insets(4));
        VBox box = new VBox(4, controls, sweepChart);
        VBox.setVgrow(sweepChart, Priority.ALWAYS);
        return box;
    }

    private double currentLimit() {
        double[] s = descent.start();
        double[] ev = problem.isQuadratic() ? Curvature.quadraticEigenvalues(problem)
                : Curvature.eigenvaluesAt(problem, s[0], s[1]);
        return ev != null && ev[1] > 0 ? Curvature.stabilityLimit(ev[1]) : Double.NaN;
    }

    // ---------------------------------------------------------------- access for tests

    public DescentModel descent() {
        return descent;
    }

    public SurfaceCanvas canvas() {
        return canvas;
    }

    public Surface3DView view3d() {
        return view3d;
    }

    public Problem problem() {
        return problem;
    }

    /** The grid shown now (coarse or full), or null before the first result. */
    public SurfaceGrid shownGrid() {
        return shownGrid;
    }

    /** The surface shown now (its grid, image, contours and colour bar), or null before the first result. */
    public Rendered shownRendered() {
        return shownRendered;
    }

    /** The chart of the learning-rate sweep. */
    public SweepChart sweepChart() {
        return sweepChart;
    }

    public LearningRateControl learningRateControl() {
        return lrControl;
    }

    public LossChart lossChart() {
        return lossChart;
    }

    /**
     * The points of the linear-regression problem (from the data view). When that problem is shown it is rebuilt
     * at once: the surface is recomputed and the runs restart from the same start.
     */
    public void setRegressionData(double[] x, double[] y, String name) {
        setRegressionData(x, y, new double[0], new double[0], name);
    }

    /**
     * As {@link #setRegressionData(double[], double[], String)}, with validation points: the loss chart then shows
     * each run's validation loss per step beside its training loss.
     */
    public void setRegressionData(double[] x, double[] y, double[] validationX, double[] validationY, String name) {
        dataX = x.clone();
        dataY = y.clone();
        valX = validationX.clone();
        valY = validationY.clone();
        dataName = name;
        if (problemId.equals("linreg") && x.length > 0) {
            applyProblem(false);
        }
    }

    /**
     * Shows a problem made by another view, for example the slice of a classifier's loss over two of its parameters
     * with the others held. It is listed in the problem menu under {@link #EXTERNAL}; {@code note} says what is held
     * and is shown under the menu. Handing in a new one while it is shown keeps the view and the runs' start.
     */
    public void showExternalProblem(Problem p, String note) {
        boolean same = problemId.equals(EXTERNAL) && externalProblem != null
                && java.util.Arrays.equals(externalProblem.parameterNames(), p.parameterNames());
        externalProblem = p;
        externalNote = note;
        if (!problemChoice.getItems().contains(EXTERNAL)) {
            problemChoice.getItems().add(EXTERNAL);
        }
        if (problemId.equals(EXTERNAL)) {
            applyProblem(!same);
            if (same) {
                dataLabel.setText(note);
            }
        } else {
            problemChoice.setValue(EXTERNAL);
        }
    }

    /**
     * Offers the custom losses of a shared store in the linear-regression problem's loss choice (as
     * "custom N: expression"), and follows it: a changed expression in use rebuilds the problem, a removed one
     * falls back to MSE.
     */
    public void setCustomLosses(CustomLosses store) {
        customLosses = store;
        store.entries().addListener((javafx.collections.ListChangeListener<CustomLosses.Entry>) c -> {
            boolean inUse = CustomLosses.isKey(dataLoss);
            if (inUse && customLosses.find(dataLoss).isEmpty()) {
                dataLoss = "mse";
            }
            if (regressionLossChoice != null) {
                syncingLossChoices = true;
                regressionLossChoice.getItems().removeIf(CustomLosses::isKey);
                addCustomLossChoices(regressionLossChoice);
                regressionLossChoice.setValue(null);
                regressionLossChoice.setValue(dataLoss);
                syncingLossChoices = false;
            }
            if (inUse && problemId.equals("linreg")) {
                applyProblem(false);
            }
        });
    }

    private void addCustomLossChoices(ChoiceBox<String> loss) {
        for (CustomLosses.Entry e : customLosses.entries()) {
            loss.getItems().add(e.key());
        }
        loss.setConverter(new StringConverter<>() {
            @Override
            public String toString(String id) {
                return id == null ? "" : CustomLosses.isKey(id)
                        ? customLosses.find(id).map(CustomLosses.Entry::title).orElse(id) : id;
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
    }

    /** The regression loss for a library spec or a custom loss's key (MSE when that custom loss is gone). */
    private ElementwiseLoss regressionLoss(String id) {
        if (CustomLosses.isKey(id)) {
            return customLosses.find(id).map(e -> (ElementwiseLoss) e.loss())
                    .orElse((ElementwiseLoss) Losses.get("mse"));
        }
        return (ElementwiseLoss) Losses.parse(id);
    }

    /** Selects a problem by id, as the problem menu does. */
    public void selectProblem(String id) {
        problemChoice.setValue(id);
    }

    /**
     * The benchmark scene: Himmelblau with all four runs racing from (-1, 1) at 60 steps per second, small rates so
     * that they keep moving. Used by bench/pulse-race.sh to measure pulse times.
     */
    public void startRaceScenario() {
        selectProblem("himmelblau");
        OptimizerKind[] kinds = {OptimizerKind.SGD, OptimizerKind.ADAM, OptimizerKind.MOMENTUM, OptimizerKind.RMSPROP};
        double[] rates = {1e-4, 1e-3, 1e-5, 1e-4};
        for (int i = 0; i < DescentModel.SLOTS; i++) {
            descent.setEnabled(i, true);
            descent.setOptimizer(i, OptimizerSpec.defaults(kinds[i]));
            descent.setLearningRate(i, rates[i]);
        }
        descent.setStart(-1, 1);
        canvas.setStart(descent.start());
        descent.stepsPerSecondProperty().set(60);
        descent.playingProperty().set(true);
    }

    // ---------------------------------------------------------------- session state

    /**
     * What this view shows, as plain data for a session file: the problem and its settings, the start, the four runs'
     * settings (not their steps) and the display toggles. A slice of the classification view's loss is saved as the
     * two parameters and the values held ({@link SessionState.Slice}); another problem handed in by a view could not
     * be rebuilt, and Himmelblau is saved in its place.
     */
    public SessionState.Surface captureState() {
        List<SessionState.Run> runs = new ArrayList<>();
        for (DescentModel.Slot slot : descent.slots()) {
            runs.add(new SessionState.Run(slot.enabled(), slot.optimizer().id(),
                    SessionState.hyperParameters(slot.optimizer()), slot.learningRate(), slot.schedule().spec(),
                    slot.batchSize(), slot.seed()));
        }
        String penalty = regularizer.l1() > 0 ? "l1" : regularizer.l2() > 0 ? "l2" : "none";
        double lambda = regularizer.l1() > 0 ? regularizer.l1() : regularizer.l2() > 0 ? regularizer.l2() : 0.1;
        double[] start = descent.start();
        String id = problemId;
        SessionState.Slice slice = null;
        if (problemId.equals(EXTERNAL)) {
            if (externalProblem instanceof SliceProblem) {
                SliceProblem sp = (SliceProblem) externalProblem;
                List<Double> base = new ArrayList<>();
                for (double v : sp.base()) {
                    base.add(v);
                }
                id = SessionState.SLICE_PROBLEM;
                slice = new SessionState.Slice(sp.first(), sp.second(), base);
            } else {
                id = "himmelblau";
            }
        }
        return new SessionState.Surface(id, kappa, angle,
                dataLoss, classLoss, penalty, lambda, List.of(start[0], start[1]), runs,
                descent.selectedProperty().get(), descent.stepsPerSecondProperty().get(), logScale.isSelected(),
                contours.isSelected(), arrows.isSelected(), slice);
    }

    /** Shows a saved (and checked) state: the problem, its settings, the start and the runs, paused at step 0. */
    public void restoreState(SessionState.Surface f) {
        descent.playingProperty().set(false);
        kappa = f.kappa();
        angle = f.angle();
        dataLoss = f.regressionLoss();
        classLoss = f.classLoss();
        regularizer = f.penalty().equals("l1") ? Regularizer.l1(f.lambda())
                : f.penalty().equals("l2") ? Regularizer.l2(f.lambda()) : Regularizer.NONE;
        logScale.setSelected(f.logScale());
        contours.setSelected(f.contours());
        arrows.setSelected(f.arrows());
        // A slice of the classification view's loss was handed in just before (MainWindow asks the classification
        // view for it); without one, Himmelblau.
        String id = f.problem().equals(SessionState.SLICE_PROBLEM)
                ? (externalProblem instanceof SliceProblem ? EXTERNAL : "himmelblau") : f.problem();
        if (id.equals(problemChoice.getValue())) {
            applyProblem(true);
        } else {
            problemChoice.setValue(id);
        }
        for (int i = 0; i < DescentModel.SLOTS && i < f.runs().size(); i++) {
            SessionState.Run r = f.runs().get(i);
            OptimizerSpec spec = OptimizerSpec.defaults(OptimizerKind.byId(r.optimizer()));
            for (java.util.Map.Entry<String, Double> e : r.hyper().entrySet()) {
                spec = spec.with(e.getKey(), e.getValue());
            }
            descent.setEnabled(i, r.enabled());
            descent.setOptimizer(i, spec);
            descent.setLearningRate(i, r.learningRate());
            descent.setSchedule(i, Schedule.parse(r.schedule()));
            descent.setBatchSize(i, r.batchSize(), r.seed());
        }
        descent.setStart(f.start().get(0), f.start().get(1));
        canvas.setStart(descent.start());
        speedSlider.setValue(Math.log10(f.stepsPerSecond()));
        descent.stepsPerSecondProperty().set(f.stepsPerSecond());
        descent.selectedProperty().set(f.selectedRun());
        rebuildRunEditor();
        updateCurvature();
    }

    /** Stops the clock and the worker (when the app closes). */
    public void shutdown() {
        clock.stop();
        latest.cancel();
        worker.shutdownNow();
    }
}
