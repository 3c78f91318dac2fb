package org.losslab.ui.classify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYDataset;
import org.losslab.kernel.ElementwiseLoss;
import org.losslab.kernel.LossDefinition;
import org.losslab.kernel.Losses;
import org.losslab.kernel.ParamSpec;
import org.losslab.lesson.Datasets;
import org.losslab.lesson.SessionState;
import org.losslab.optim.ModelRun;
import org.losslab.optim.OptimizerKind;
import org.losslab.optim.OptimizerSpec;
import org.losslab.optim.RunStatus;
import org.losslab.problem.BinaryLinearClassifier;
import org.losslab.problem.Bounds;
import org.losslab.problem.ClassificationMetrics;
import org.losslab.problem.Model;
import org.losslab.problem.Problem;
import org.losslab.problem.SliceProblem;
import org.losslab.problem.SoftmaxClassifier;
import org.losslab.problem.fit.ModelFit;
import org.losslab.ui.FrameScheduler;
import org.losslab.ui.LossTooltips;
import org.losslab.ui.ParamEditor;
import org.losslab.ui.Sidebar;
import org.losslab.ui.StepClock;
import org.losslab.ui.Theme;
import org.losslab.ui.descent.LearningRateControl;

/**
 * Classification in the plane: points of two classes with a linear score z = w1 x1 + w2 x2 + b through a sigmoid and
 * a binary loss, or of three classes with softmax and cross-entropy. Gradient descent moves the boundary live, with the
 * loss, the accuracy, precision, recall, F1 and the confusion matrix beside it. The imbalanced lesson fits BCE,
 * weighted BCE and focal loss to the same 95/5 data and draws the three boundaries with the minority class's recall.
 * Any two parameters can be sent to the surface view as a slice, the others held at their current values.
 */
public final class ClassifyView extends BorderPane {
    /** Binary losses offered, by id; mse is applied to the sigmoid's probability ("MSE on a classifier"). */
    public static final List<String> BINARY_LOSSES = List.of("bce_logits", "bce", "focal", "hinge", "squared_hinge",
            "mse");
    private static final double[] BINARY_START = {0.5, -1.0, 0.0};

    private final ClassifyModel model = new ClassifyModel();
    private final ClassifyCanvas canvas = new ClassifyCanvas();
    private final ToggleGroup modeGroup = new ToggleGroup();
    private final ToggleButton twoClasses = new ToggleButton("Two classes");
    private final ToggleButton threeClasses = new ToggleButton("Three (softmax)");
    private final ToggleGroup addGroup = new ToggleGroup();
    private final HBox addButtons = new HBox(4);
    private final ChoiceBox<String> lossChoice = new ChoiceBox<>();
    private final VBox lossParams = new VBox(4);
    private final Label lossFormula = new Label();
    private final Map<String, Map<String, Double>> lossValues = new LinkedHashMap<>();
    private final ChoiceBox<OptimizerKind> optimizerChoice = new ChoiceBox<>();
    private final LearningRateControl rate = new LearningRateControl();
    private final Slider speed = new Slider(1, 240, 30);
    private final Button playButton = new Button("▶ Play");
    private final Label runStatus = new Label();
    private final Label readout = new Label();
    private final Label hover = new Label();
    private final Label dataNote = new Label();
    private final GridPane metricsGrid = new GridPane();
    private final GridPane confusionGrid = new GridPane();
    private final Label metricsNote = new Label();
    private final ChoiceBox<String> sliceI = new ChoiceBox<>();
    private final ChoiceBox<String> sliceJ = new ChoiceBox<>();
    private final ToggleButton compare = new ToggleButton("Compare BCE, weighted BCE, focal");
    private final VBox compareTable = new VBox(2);
    private final Label compareNote = new Label();
    private final DefaultXYDataset chartData = new DefaultXYDataset();
    private final XYPlot plot;
    private final FrameScheduler scheduler = new FrameScheduler(this::refresh);
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "classify-worker");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong compareGeneration = new AtomicLong();

    private Model current;
    private ModelRun run;
    private double[] theta = BINARY_START.clone();
    private int stepOffset;
    private final List<double[]> history = new ArrayList<>();
    private boolean playing;
    private long lastChart;
    private List<ClassifyCanvas.Line> compareLines = List.of();
    private BiConsumer<Problem, String> onShowSlice = (p, s) -> { };
    private Runnable onOpenMseLesson = () -> { };
    private org.losslab.ui.CustomLosses customLosses;
    private boolean rebuilding;
    private String datasetName = "two-classes";

    /** The descent's steps per second come from the speed slider. */
    private final StepClock clock = new StepClock(this, () -> speed.getValue(), this::tick);

    public ClassifyView() {
        getStyleClass().add("classify-view");
        canvas.setId("classify-canvas");
        canvas.setModel(model, new ClassifyCanvas.Editor() {
            @Override
            public void add(double x1, double x2) {
                model.add(x1, x2, chosenClass());
            }

            @Override
            public void beginDrag(int index) {
                model.beginDrag(index);
            }

            @Override
            public void dragTo(int index, double x1, double x2) {
                model.dragTo(index, x1, x2);
            }

            @Override
            public void endDrag(int index) {
                model.endDrag();
            }

            @Override
            public void delete(int index) {
                model.delete(index);
            }
        });
        canvas.setOnHover(hover::setText);
        model.revisionProperty().addListener((o, a, b) -> dataChanged());

        DefaultXYDataset empty = chartData;
        NumberAxis stepAxis = new NumberAxis("step");
        stepAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis lossAxis = new NumberAxis("loss");
        lossAxis.setAutoRangeIncludesZero(false);
        lossAxis.setAutoRangeMinimumSize(1e-3);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, new java.awt.Color(0x0072B2));
        plot = new XYPlot(empty, stepAxis, lossAxis, renderer);
        NumberAxis accAxis = new NumberAxis("accuracy");
        accAxis.setRange(0, 1.02);
        plot.setRangeAxis(1, accAxis);
        plot.setDataset(1, new DefaultXYDataset());
        plot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer accRenderer = new XYLineAndShapeRenderer(true, false);
        accRenderer.setSeriesPaint(0, new java.awt.Color(0xD55E00));
        plot.setRenderer(1, accRenderer);
        plot.setBackgroundPaint(java.awt.Color.WHITE);
        plot.setDomainGridlinePaint(new java.awt.Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new java.awt.Color(0xDDDDDD));
        java.awt.Font font = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12);
        for (NumberAxis a : new NumberAxis[] {stepAxis, lossAxis, accAxis}) {
            a.setLabelFont(font);
            a.setTickLabelFont(font);
        }
        JFreeChart chart = new JFreeChart(null, font, plot, true);
        chart.getLegend().setItemFont(font);
        chart.setBackgroundPaint(java.awt.Color.WHITE);
        // Fonts, colours and strokes follow the presentation size and the theme.
        Theme.get().style(this, chart, () -> {
            renderer.setSeriesStroke(0, Theme.get().stroke(2f));
            accRenderer.setSeriesStroke(0, Theme.get().dashed(1.5f, 6f, 4f));
        });
        // The boundaries' colours come from the theme: draw them again when it changes.
        Theme.get().onChange(this, scheduler::request);
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setId("classify-chart");
        viewer.setPrefHeight(230);
        viewer.setMinHeight(160);

        hover.setId("classify-hover");
        hover.getStyleClass().add("hint");
        VBox centre = new VBox(4, canvas, hover);
        VBox.setVgrow(canvas, Priority.ALWAYS);
        centre.setPadding(new Insets(6));

        VBox metrics = buildMetricsPane();
        HBox bottom = new HBox(10, viewer, metrics);
        HBox.setHgrow(viewer, Priority.ALWAYS);
        bottom.setPadding(new Insets(4, 6, 6, 6));
        VBox main = new VBox(centre, bottom);
        VBox.setVgrow(centre, Priority.ALWAYS);
        setCenter(main);
        setRight(buildSidebar());

        loadBinaryDefault();
    }

    // ---------------------------------------------------------------- data sets

    private void loadBinaryDefault() {
        datasetName = "two-classes";
        Datasets.Labeled2D d = Datasets.blobs2D(20, 11);
        loadData(d, 2, "two overlapping classes, 20 + 20 points (seed 11)");
    }

    private void loadThreeDefault() {
        datasetName = "three-classes";
        Datasets.Labeled2D d = Datasets.blobs3(25, 5);
        loadData(d, 3, "three classes, 25 points each (seed 5)");
    }

    /** Loads the 95/5 data set of the imbalance lesson and fits BCE, weighted BCE and focal loss to it. */
    public void loadImbalancedLesson() {
        if (model.classes() != 2) {
            twoClasses.setSelected(true);
        }
        int major = 380;
        int minor = 20;
        Datasets.Labeled2D d = Datasets.imbalanced2D(major, minor, 3);
        datasetName = "imbalanced";
        loadData(d, 2, "imbalanced: " + major + " of class A, " + minor + " of class B (5%), seed 3");
        lossChoice.setValue("bce_logits");
        compare.setSelected(true);
    }

    private void loadData(Datasets.Labeled2D d, int k, String note) {
        setPlaying(false);
        rebuilding = true;
        try {
            model.load(d.x1(), d.x2(), d.labels(), k);
        } finally {
            rebuilding = false;
        }
        canvas.setView(viewFor(d.x1(), d.x2()));
        dataNote.setText("data: " + note);
        theta = k == 2 ? BINARY_START.clone() : new double[3 * k];
        history.clear();
        stepOffset = 0;
        run = null;
        rebuildModel(true);
    }

    private static Bounds viewFor(double[] x1, double[] x2) {
        double lo1 = Double.POSITIVE_INFINITY;
        double hi1 = Double.NEGATIVE_INFINITY;
        double lo2 = Double.POSITIVE_INFINITY;
        double hi2 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x1.length; i++) {
            lo1 = Math.min(lo1, x1[i]);
            hi1 = Math.max(hi1, x1[i]);
            lo2 = Math.min(lo2, x2[i]);
            hi2 = Math.max(hi2, x2[i]);
        }
        if (!(hi1 > lo1)) {
            lo1 = -3;
            hi1 = 3;
        }
        if (!(hi2 > lo2)) {
            lo2 = -3;
            hi2 = 3;
        }
        double p1 = 0.15 * (hi1 - lo1);
        double p2 = 0.15 * (hi2 - lo2);
        return new Bounds(lo1 - p1, hi1 + p1, lo2 - p2, hi2 + p2);
    }

    // ---------------------------------------------------------------- model and run

    private int chosenClass() {
        Object t = addGroup.getSelectedToggle() == null ? null : addGroup.getSelectedToggle().getUserData();
        int k = t instanceof Integer ? (Integer) t : 0;
        return Math.min(k, model.classes() - 1);
    }

    private String lossSpec() {
        if (model.classes() > 2) {
            double eps = lossValues.computeIfAbsent("cce_logits", k -> new LinkedHashMap<>())
                    .getOrDefault("label_smoothing", 0.0);
            return eps == 0 ? "cce_logits" : "cce_logits:label_smoothing=" + eps;
        }
        String id = lossChoice.getValue();
        if (org.losslab.ui.CustomLosses.isKey(id)) {
            return id;
        }
        Map<String, Double> values = lossValues.getOrDefault(id, Map.of());
        if (values.isEmpty()) {
            return id;
        }
        StringBuilder sb = new StringBuilder(id).append(':');
        values.forEach((k, v) -> sb.append(k).append('=').append(v).append(','));
        return sb.substring(0, sb.length() - 1);
    }

    private Model buildModel(ClassifyModel.Snapshot s, String spec) {
        if (s.classes() > 2) {
            return new SoftmaxClassifier(s.x1(), s.x2(), s.labels(), s.classes(), Losses.parse(spec));
        }
        return new BinaryLinearClassifier(s.x1(), s.x2(), s.labels(), binaryLoss(spec));
    }

    /** A library loss by spec, or a custom loss by its key (applied to σ(z) against the 0/1 label, as mse is). */
    private ElementwiseLoss binaryLoss(String spec) {
        if (org.losslab.ui.CustomLosses.isKey(spec) && customLosses != null) {
            return customLosses.find(spec).map(e -> (ElementwiseLoss) e.loss())
                    .orElseThrow(() -> new IllegalArgumentException("the custom loss " + spec + " was removed"));
        }
        return (ElementwiseLoss) Losses.parse(spec);
    }

    /**
     * Offers the user's custom losses in the loss choice, applied to the probability p = σ(z) with target y in
     * {0, 1} (so r = p − y): {@code -(y*log(p) + (1-y)*log(1-p))} typed in the editor is cross-entropy. Follows
     * the store: a changed expression in use rebuilds the model, a removed one falls back to bce_logits.
     */
    public void setCustomLosses(org.losslab.ui.CustomLosses store) {
        customLosses = store;
        syncCustomChoices();
        store.entries().addListener((javafx.collections.ListChangeListener<org.losslab.ui.CustomLosses.Entry>) c -> {
            String inUse = lossChoice.getValue();
            syncCustomChoices();
            if (org.losslab.ui.CustomLosses.isKey(inUse)) {
                if (store.find(inUse).isEmpty()) {
                    lossChoice.setValue("bce_logits");
                } else {
                    rebuildModel(false);
                }
            }
        });
    }

    private void syncCustomChoices() {
        String value = lossChoice.getValue();
        lossChoice.getItems().removeIf(org.losslab.ui.CustomLosses::isKey);
        for (org.losslab.ui.CustomLosses.Entry e : customLosses.entries()) {
            lossChoice.getItems().add(e.key());
        }
        if (lossChoice.getItems().contains(value)) {
            lossChoice.setValue(value);
        }
    }

    /** Rebuilds the model from the points and the loss; the run continues from the current parameters. */
    private void rebuildModel(boolean fresh) {
        ClassifyModel.Snapshot s = model.snapshot();
        try {
            current = buildModel(s, lossSpec());
        } catch (RuntimeException ex) {
            current = null;
            run = null;
            runStatus.setText(ex.getMessage());
            canvas.setScene(null, s.classes(), List.of(), new int[0]);
            scheduler.request();
            return;
        }
        if (theta.length != current.dimension()) {
            theta = current.defaultStart();
        }
        if (run != null) {
            stepOffset += run.steps();
        }
        run = newRun(theta);
        if (history.isEmpty()) {
            record();
        }
        if (fresh) {
            updateSliceChoices();
        }
        if (run.status() != RunStatus.RUNNING && !run.message().isEmpty()) {
            runStatus.setText(run.message());
        } else if (!playing) {
            runStatus.setText("");
        }
        if (compare.isSelected()) {
            requestComparison();
        }
        scheduler.request();
    }

    private ModelRun newRun(double[] start) {
        OptimizerSpec spec = OptimizerSpec.defaults(optimizerChoice.getValue());
        return ModelRun.builder(current, spec).learningRate(rate.rateProperty().get()).start(start).build();
    }

    private void dataChanged() {
        if (!rebuilding) {
            rebuildModel(false);
        }
    }

    private void reset() {
        setPlaying(false);
        theta = current == null || model.classes() == 2 ? BINARY_START.clone() : current.defaultStart();
        history.clear();
        stepOffset = 0;
        run = null;
        rebuildModel(false);
        runStatus.setText("reset to θ = " + vector(theta));
    }

    /** Takes one step of the run (the → key and the Step button). */
    public void step() {
        if (run == null) {
            return;
        }
        takeSteps(1);
        scheduler.request();
    }

    private void takeSteps(int n) {
        for (int i = 0; i < n; i++) {
            if (!run.step()) {
                break;
            }
            record();
        }
        theta = run.theta();
        if (run.status() != RunStatus.RUNNING) {
            setPlaying(false);
            runStatus.setText(run.message());
        }
    }

    private void record() {
        double[] t = run.theta();
        double acc = metricsOf(t).accuracy();
        history.add(new double[] {stepOffset + run.steps(), run.loss(), acc});
    }

    private ClassificationMetrics metricsOf(double[] t) {
        if (current instanceof BinaryLinearClassifier) {
            return ((BinaryLinearClassifier) current).metrics(t);
        }
        return ((SoftmaxClassifier) current).metrics(t);
    }

    private void setPlaying(boolean on) {
        if (on && (run == null || run.status() != RunStatus.RUNNING)) {
            if (run == null) {
                return;
            }
            // A stopped run (converged or diverged) starts again from where it stands.
            stepOffset += run.steps();
            run = newRun(theta);
            if (run.status() != RunStatus.RUNNING) {
                runStatus.setText(run.message());
                return;
            }
        }
        playing = on;
        playButton.setText(on ? "‖ Pause" : "▶ Play");
        if (on) {
            runStatus.setText("");
            clock.start();
        } else {
            clock.stop();
            lastChart = 0;
            scheduler.request();
        }
    }

    private void tick(int n) {
        if (!playing || run == null) {
            return;
        }
        takeSteps(n);
        refresh();
    }

    /** Space plays or pauses, → steps, R resets, Ctrl+Z / Ctrl+Y undo and redo (called by the main window). */
    public void handleKey(KeyEvent e) {
        if (e.getTarget() instanceof javafx.scene.control.TextInputControl) {
            return;
        }
        if (e.getCode() == KeyCode.SPACE) {
            setPlaying(!playing);
            e.consume();
        } else if (e.getCode() == KeyCode.RIGHT) {
            step();
            e.consume();
        } else if (e.getCode() == KeyCode.R && !e.isShortcutDown()) {
            reset();
            e.consume();
        } else if (e.getCode() == KeyCode.Z && e.isShortcutDown()) {
            model.undo();
            e.consume();
        } else if (e.getCode() == KeyCode.Y && e.isShortcutDown()) {
            model.redo();
            e.consume();
        }
    }

    // ---------------------------------------------------------------- drawing

    private void refresh() {
        if (current == null || run == null) {
            return;
        }
        double[] t = theta;
        int k = model.classes();
        List<ClassifyCanvas.Line> lines = new ArrayList<>(compareLines);
        int[] predicted = new int[model.size()];
        if (current instanceof BinaryLinearClassifier) {
            BinaryLinearClassifier c = (BinaryLinearClassifier) current;
            lines.add(ClassifyCanvas.Line.of(t[0], t[1], t[2], Theme.get().ink(), 2.5, false,
                    "boundary z = 0"));
            String id = lossChoice.getValue();
            if (id.equals("hinge") || id.equals("squared_hinge")) {
                lines.add(ClassifyCanvas.Line.of(t[0], t[1], t[2] - 1, Theme.get().muted(), 1.2, true, "z = 1"));
                lines.add(ClassifyCanvas.Line.of(t[0], t[1], t[2] + 1, Theme.get().muted(), 1.2, true, "z = −1"));
            }
            for (int i = 0; i < predicted.length; i++) {
                predicted[i] = c.predict(t, model.x1(i), model.x2(i));
            }
            canvas.setScene((a, b, out) -> {
                double p = c.probability(t, a, b);
                out[0] = 1 - p;
                out[1] = p;
            }, 2, lines, predicted);
        } else {
            SoftmaxClassifier c = (SoftmaxClassifier) current;
            for (int i = 0; i < k; i++) {
                for (int j = i + 1; j < k; j++) {
                    lines.add(new ClassifyCanvas.Line(t[3 * i] - t[3 * j], t[3 * i + 1] - t[3 * j + 1],
                            t[3 * i + 2] - t[3 * j + 2], Theme.get().ink(), 2.5, false, "", i, j));
                }
            }
            for (int i = 0; i < predicted.length; i++) {
                predicted[i] = c.predict(t, model.x1(i), model.x2(i));
            }
            canvas.setScene((a, b, out) -> c.probabilities(t, a, b, out), k, lines, predicted);
        }
        ClassificationMetrics m = metricsOf(t);
        showMetrics(m);
        readout.setText(String.format(Locale.ROOT, "step %d   loss %s   |∇| %s%s%nθ = %s", stepOffset + run.steps(),
                fmt(run.loss()), fmt(run.gradNorm()), perplexityText(run.loss()), vector(t)));
        long now = System.nanoTime();
        if (!playing || now - lastChart > 200_000_000L) {
            lastChart = now;
            updateChart();
        }
    }

    private void updateChart() {
        int n = history.size();
        int stride = Math.max(1, n / 1500);
        int m = (n + stride - 1) / stride;
        double[][] loss = new double[2][m];
        double[][] acc = new double[2][m];
        for (int i = 0, j = 0; i < n; i += stride, j++) {
            double[] h = history.get(Math.min(n - 1, i + stride - 1));
            loss[0][j] = h[0];
            loss[1][j] = h[1];
            acc[0][j] = h[0];
            acc[1][j] = h[2];
        }
        DefaultXYDataset lossSet = new DefaultXYDataset();
        lossSet.addSeries("loss (" + (model.classes() > 2 ? "cce_logits" : lossChoice.getValue()) + ")", loss);
        DefaultXYDataset accSet = new DefaultXYDataset();
        accSet.addSeries("accuracy", acc);
        plot.setDataset(0, lossSet);
        plot.setDataset(1, accSet);
    }

    /**
     * For a cross-entropy loss (bce, bce_logits without weights, cce_logits without smoothing), its perplexity
     * exp(CE) beside it: the loss as "as unsure as a fair choice among this many classes".
     */
    private String perplexityText(double loss) {
        String spec = model.classes() > 2 ? lossSpec() : lossChoice.getValue();
        boolean plainCe = spec.equals("cce_logits") || spec.equals("bce") || spec.equals("bce_logits")
                && lossValues.getOrDefault("bce_logits", Map.of()).getOrDefault("pos_weight", 1.0) == 1.0;
        if (!plainCe || !Double.isFinite(loss)) {
            return "";
        }
        return "\nperplexity exp(CE) " + fmt(org.losslab.kernel.Perplexity.ofCrossEntropy(loss));
    }

    private static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return "—";
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v != 0) ? "%.3e" : "%.4f", v);
    }

    private static String vector(double[] t) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < t.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", t[i]));
        }
        return sb.append(')').toString();
    }

    // ---------------------------------------------------------------- metrics

    private VBox buildMetricsPane() {
        metricsGrid.setId("metrics");
        metricsGrid.setHgap(10);
        metricsGrid.setVgap(2);
        confusionGrid.setId("confusion");
        confusionGrid.setHgap(2);
        confusionGrid.setVgap(2);
        metricsNote.getStyleClass().add("hint");
        metricsNote.setWrapText(true);
        readout.setId("classify-readout");
        Label title = new Label("Metrics (training points)");
        title.getStyleClass().add("sidebar-heading");
        Label cm = new Label("Confusion matrix: rows actual, columns predicted");
        cm.getStyleClass().add("hint");
        VBox box = new VBox(5, title, metricsGrid, cm, confusionGrid, metricsNote, readout);
        Theme.get().minWidth(box, 330);
        Theme.get().prefWidth(box, 360);
        return box;
    }

    private void showMetrics(ClassificationMetrics m) {
        metricsGrid.getChildren().clear();
        int k = model.classes();
        if (k == 2) {
            row(metricsGrid, 0, "accuracy", pct(m.accuracy()), "metric-accuracy");
            row(metricsGrid, 1, "precision (B)", pct(m.precision()), "metric-precision");
            row(metricsGrid, 2, "recall (B)", pct(m.recall()), "metric-recall");
            row(metricsGrid, 3, "F1 (B)", pct(m.f1()), "metric-f1");
            List<String> notes = new ArrayList<>();
            if (Double.isNaN(m.precision())) {
                notes.add("precision undefined: no point is predicted B");
            }
            if (Double.isNaN(m.recall())) {
                notes.add("recall undefined: no point of class B");
            }
            metricsNote.setText(notes.isEmpty() ? "class B is the positive class" : String.join("; ", notes));
        } else {
            row(metricsGrid, 0, "accuracy", pct(m.accuracy()), "metric-accuracy");
            row(metricsGrid, 1, "macro F1", pct(m.macroF1()), "metric-f1");
            String[] head = {"class", "precision", "recall", "F1"};
            for (int c = 0; c < head.length; c++) {
                Label h = new Label(head[c]);
                h.getStyleClass().add("hint");
                metricsGrid.add(h, c, 2);
            }
            for (int c = 0; c < k; c++) {
                String name = ClassifyCanvas.CLASS_NAMES[c];
                Label n = new Label(name);
                n.setTextFill(ClassifyCanvas.CLASS_COLOURS[c]);
                n.setStyle("-fx-font-weight: bold;");
                metricsGrid.add(n, 0, 3 + c);
                double[] v = {m.precision(c), m.recall(c), m.f1(c)};
                String[] ids = {"precision", "recall", "f1"};
                for (int j = 0; j < 3; j++) {
                    Label l = new Label(pct(v[j]));
                    l.setId("metric-" + ids[j] + "-" + name);
                    metricsGrid.add(l, 1 + j, 3 + c);
                }
            }
            metricsNote.setText("— marks a ratio with nothing to count (0/0)");
        }
        confusionGrid.getChildren().clear();
        int[][] cmx = m.confusion();
        for (int j = 0; j < k; j++) {
            confusionGrid.add(cell("pred " + ClassifyCanvas.CLASS_NAMES[j], null, false), j + 1, 0);
        }
        for (int i = 0; i < k; i++) {
            confusionGrid.add(cell("actual " + ClassifyCanvas.CLASS_NAMES[i], null, false), 0, i + 1);
            for (int j = 0; j < k; j++) {
                Label c = cell(Integer.toString(cmx[i][j]), "cm-" + i + "-" + j, i == j);
                c.setAccessibleText(cmx[i][j] + (i == j ? " correct" : " wrong"));
                confusionGrid.add(c, j + 1, i + 1);
            }
        }
    }

    private static Label cell(String text, String id, boolean diagonal) {
        Label l = new Label(text);
        if (id != null) {
            l.setId(id);
            l.setMinWidth(54);
            l.setAlignment(Pos.CENTER);
            // Right and wrong differ by a mark as well as by colour (blue and orange, not green and red).
            l.getStyleClass().add(diagonal ? "cm-correct" : "cm-wrong");
            Label mark = new Label(diagonal ? "✓" : "✗");
            mark.getStyleClass().add("cm-mark");
            l.setGraphic(mark);
            l.setStyle("-fx-padding: 3 6;");
        } else {
            l.setStyle("-fx-padding: 3 6; -fx-font-size: 0.9em;");
        }
        return l;
    }

    private static void row(GridPane g, int r, String name, String value, String id) {
        Label n = new Label(name);
        Label v = new Label(value);
        v.setId(id);
        v.setStyle("-fx-font-weight: bold;");
        g.add(n, 0, r);
        g.add(v, 1, r);
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", 100 * v) : "—";
    }

    // ---------------------------------------------------------------- comparison (imbalance lesson)

    /** The three fits of the imbalance lesson: label, loss spec, colour. */
    private List<String[]> comparedLosses() {
        ClassifyModel.Snapshot s = model.snapshot();
        int neg = s.count(0);
        int pos = Math.max(1, s.count(1));
        String w = String.format(Locale.ROOT, "%.4g", (double) neg / pos);
        return List.of(new String[] {"BCE", "bce_logits", "#56B4E9"},
                new String[] {"weighted BCE (pos_weight " + w + ")", "bce_logits:pos_weight=" + w, "#CC79A7"},
                new String[] {"focal (γ 2, α 0.75)", "focal:gamma=2,alpha=0.75", "#E69F00"});
    }

    private void requestComparison() {
        if (model.classes() != 2) {
            compareLines = List.of();
            compareNote.setText("The comparison is for two classes.");
            return;
        }
        final long gen = compareGeneration.incrementAndGet();
        final ClassifyModel.Snapshot s = model.snapshot();
        final List<String[]> losses = comparedLosses();
        compareNote.setText("fitting…");
        worker.submit(() -> {
            if (gen != compareGeneration.get()) {
                return;
            }
            List<double[]> fits = new ArrayList<>();
            List<ClassificationMetrics> ms = new ArrayList<>();
            try {
                for (String[] l : losses) {
                    BinaryLinearClassifier c = new BinaryLinearClassifier(s.x1(), s.x2(), s.labels(),
                            (ElementwiseLoss) Losses.parse(l[1]));
                    double[] best = ModelFit.minimize(c, new double[3], 500, 1e-9);
                    fits.add(best);
                    ms.add(c.metrics(best));
                    if (gen != compareGeneration.get()) {
                        return;
                    }
                }
            } catch (RuntimeException ex) {
                Platform.runLater(() -> {
                    if (gen == compareGeneration.get()) {
                        compareNote.setText("could not fit: " + ex.getMessage());
                    }
                });
                return;
            }
            Platform.runLater(() -> {
                if (gen == compareGeneration.get() && compare.isSelected()) {
                    showComparison(losses, fits, ms);
                }
            });
        });
    }

    private void showComparison(List<String[]> losses, List<double[]> fits, List<ClassificationMetrics> ms) {
        List<ClassifyCanvas.Line> lines = new ArrayList<>();
        compareTable.getChildren().clear();
        for (int i = 0; i < losses.size(); i++) {
            double[] f = fits.get(i);
            Color c = Color.web(losses.get(i)[2]);
            String name = losses.get(i)[0];
            lines.add(ClassifyCanvas.Line.of(f[0], f[1], f[2], c, 3.0, false, name.split(" \\(")[0]));
            Label n = new Label("━━ " + name);
            n.setTextFill(c.darker());
            n.setStyle("-fx-font-weight: bold;");
            Label rec = new Label(pct(ms.get(i).recall()));
            rec.setId("compare-recall-" + i);
            rec.setStyle("-fx-font-weight: bold;");
            rec.setMinWidth(Region.USE_PREF_SIZE);
            Label recName = new Label("recall of B");
            recName.setMinWidth(Region.USE_PREF_SIZE);
            Label rest = new Label("· precision " + pct(ms.get(i).precision()) + " · accuracy "
                    + pct(ms.get(i).accuracy()));
            HBox numbers = new HBox(5, recName, rec, rest);
            numbers.setPadding(new Insets(0, 0, 3, 14));
            compareTable.getChildren().addAll(n, numbers);
        }
        compareLines = lines;
        compareNote.setText("Each line is the minimum of its loss on these points (fitted to convergence). "
                + "Weighting the rare class moves the boundary into the common one: recall of B rises, "
                + "precision falls.");
        scheduler.request();
    }

    // ---------------------------------------------------------------- slice

    private void updateSliceChoices() {
        String[] names = current.parameterNames();
        sliceI.getItems().setAll(names);
        sliceJ.getItems().setAll(names);
        sliceI.setValue(names[0]);
        sliceJ.setValue(names[names.length - 1]);
    }

    /** Sends the slice over the two chosen parameters (the others held at their current values) to the surface view. */
    public void showSlice() {
        if (current == null) {
            return;
        }
        int i = sliceI.getSelectionModel().getSelectedIndex();
        int j = sliceJ.getSelectionModel().getSelectedIndex();
        if (i < 0 || j < 0 || i == j) {
            runStatus.setText("Pick two different parameters for the slice.");
            return;
        }
        showSlice(i, j, theta);
    }

    /**
     * Sends the slice of the current classifier's loss over parameters {@code i} and {@code j}, the others held at
     * {@code base}'s values, to the surface view (as the button does; a session uses it to bring a saved slice back).
     *
     * @return false when there is no classifier, or {@code base} does not fit it, or i and j are not two of its
     *         parameters
     */
    public boolean showSlice(int i, int j, double[] base) {
        if (current == null || base.length != current.dimension() || i == j || i < 0 || j < 0
                || i >= base.length || j >= base.length) {
            return false;
        }
        double[] held = base.clone();
        double half = Math.max(3.0, 1.5 * Math.max(Math.abs(held[i]), Math.abs(held[j])));
        Bounds b = new Bounds(held[i] - half, held[i] + half, held[j] - half, held[j] + half);
        SliceProblem p = new SliceProblem(current, held, i, j, b);
        StringBuilder others = new StringBuilder();
        String[] names = current.parameterNames();
        for (int k = 0; k < names.length; k++) {
            if (k != i && k != j) {
                others.append(others.length() == 0 ? "" : ", ").append(names[k]).append(" = ")
                        .append(String.format(Locale.ROOT, "%.3f", held[k]));
            }
        }
        sliceI.getSelectionModel().select(i);
        sliceJ.getSelectionModel().select(j);
        onShowSlice.accept(p, "Slice of the classification view's loss over " + names[i] + " and " + names[j]
                + "; the other parameters are held at their current values: " + others + ".");
        return true;
    }

    /** Opens the lesson "MSE on a classifier" (the main window shows it in a tab). */
    public void setOnOpenMseLesson(Runnable handler) {
        onOpenMseLesson = handler;
    }

    /** Where the slice goes (the main window hands it to the surface view). */
    public void setOnShowSlice(BiConsumer<Problem, String> handler) {
        onShowSlice = handler;
    }

    // ---------------------------------------------------------------- sidebar

    private ScrollPane buildSidebar() {
        twoClasses.setId("mode-two");
        threeClasses.setId("mode-three");
        twoClasses.setToggleGroup(modeGroup);
        threeClasses.setToggleGroup(modeGroup);
        twoClasses.setSelected(true);
        modeGroup.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
                return;
            }
            setPlaying(false);
            if (b == threeClasses) {
                compare.setSelected(false);
                loadThreeDefault();
            } else {
                loadBinaryDefault();
            }
            rebuildAddButtons();
            rebuildLossControls();
        });
        rebuildAddButtons();

        lossChoice.setId("classify-loss");
        lossChoice.getItems().addAll(BINARY_LOSSES);
        lossChoice.setValue("bce_logits");
        LossTooltips.follow(lossChoice, "The loss gradient descent minimises.",
                id -> LossTooltips.custom(customLosses, id));
        lossChoice.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String id) {
                if (id == null) {
                    return "";
                }
                if (org.losslab.ui.CustomLosses.isKey(id) && customLosses != null) {
                    return customLosses.find(id).map(e -> e.title() + " on σ(z)").orElse(id);
                }
                return id.equals("mse") ? "mse on σ(z) (non-convex)" : id;
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        lossChoice.valueProperty().addListener((o, a, b) -> {
            if (b == null) {
                return;
            }
            rebuildLossControls();
            rebuildModel(false);
        });
        lossFormula.setWrapText(true);
        lossFormula.getStyleClass().add("hint");
        rebuildLossControls();

        optimizerChoice.setId("classify-optimizer");
        optimizerChoice.getItems().addAll(OptimizerKind.values());
        optimizerChoice.setValue(OptimizerKind.SGD);
        optimizerChoice.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(OptimizerKind k) {
                return k == null ? "" : k.displayName();
            }

            @Override
            public OptimizerKind fromString(String s) {
                return null;
            }
        });
        optimizerChoice.valueProperty().addListener((o, a, b) -> {
            if (run != null) {
                stepOffset += run.steps();
                run = newRun(theta);
            }
        });
        rate.setRate(0.5);
        rate.rateProperty().addListener((o, a, b) -> {
            if (run != null) {
                run.setLearningRate(b.doubleValue());
            }
        });
        playButton.setId("classify-play");
        playButton.setOnAction(e -> setPlaying(!playing));
        Button stepButton = new Button("Step →");
        stepButton.setId("classify-step");
        stepButton.setOnAction(e -> step());
        Button resetButton = new Button("Reset");
        resetButton.setId("classify-reset");
        resetButton.setOnAction(e -> reset());
        HBox controls = new HBox(6, playButton, stepButton, resetButton);
        speed.setId("classify-speed");
        Label speedLabel = new Label();
        speedLabel.textProperty().bind(speed.valueProperty().asString("%.0f steps/s"));
        runStatus.setId("classify-status");
        runStatus.setWrapText(true);
        runStatus.getStyleClass().add("run-readout");

        Button undo = new Button("Undo");
        undo.setOnAction(e -> model.undo());
        undo.disableProperty().bind(model.canUndoProperty().not());
        Button redo = new Button("Redo");
        redo.setOnAction(e -> model.redo());
        redo.disableProperty().bind(model.canRedoProperty().not());
        Label editHint = new Label("Click adds a point of the chosen class; drag moves one; right-click deletes.");
        editHint.setWrapText(true);
        editHint.getStyleClass().add("hint");
        dataNote.setWrapText(true);
        dataNote.getStyleClass().add("hint");
        dataNote.setId("classify-data-note");

        Button lesson = new Button("Lesson: imbalanced 95/5");
        lesson.setId("lesson-imbalanced");
        lesson.setTooltip(new Tooltip("380 points of class A, 20 of class B: fit BCE, weighted BCE and focal loss "
                + "and compare their boundaries and the recall of the rare class"));
        lesson.setOnAction(e -> loadImbalancedLesson());
        Button mseLesson = new Button("Lesson: MSE vs BCE surfaces");
        mseLesson.setId("lesson-mse-bce");
        mseLesson.setTooltip(new Tooltip("The loss surface of MSE on sigmoid outputs beside cross-entropy's, "
                + "on the same data"));
        mseLesson.setOnAction(e -> onOpenMseLesson.run());
        compare.setId("compare-losses");
        compare.selectedProperty().addListener((o, a, b) -> {
            if (b) {
                requestComparison();
            } else {
                compareGeneration.incrementAndGet();
                compareLines = List.of();
                compareTable.getChildren().clear();
                compareNote.setText("");
                scheduler.request();
            }
        });
        compareTable.setId("compare-table");
        compareNote.setWrapText(true);
        compareNote.getStyleClass().add("hint");

        sliceI.setId("classify-slice-i");
        sliceJ.setId("classify-slice-j");
        Button sliceButton = new Button("Show slice in Surface view");
        sliceButton.setId("show-slice");
        sliceButton.setOnAction(e -> showSlice());
        Label sliceHint = new Label("The loss over two parameters, the others held at their current values.");
        sliceHint.setWrapText(true);
        sliceHint.getStyleClass().add("hint");

        VBox box = new VBox(7,
                Sidebar.heading("Data"), new HBox(4, twoClasses, threeClasses), new HBox(6, new Label("click adds"),
                        addButtons), editHint, new HBox(6, undo, redo), dataNote,
                Sidebar.heading("Loss"), lossChoice, lossFormula, lossParams,
                Sidebar.heading("Descent"), row("optimizer", optimizerChoice), rate, controls,
                new HBox(6, speed, speedLabel), runStatus,
                Sidebar.heading("Lessons"), lesson, compare, compareTable, compareNote, mseLesson,
                Sidebar.heading("Surface slice"), new HBox(6, sliceI, new Label("×"), sliceJ), sliceButton, sliceHint);
        box.setPadding(new Insets(8));
        Theme.get().prefWidth(box, 330);
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        Theme.get().prefWidth(scroll, 350);
        Theme.get().minWidth(scroll, 300);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        return scroll;
    }

    private void rebuildAddButtons() {
        addButtons.getChildren().clear();
        addGroup.getToggles().clear();
        for (int k = 0; k < model.classes(); k++) {
            ToggleButton b = new ToggleButton(ClassifyCanvas.CLASS_NAMES[k]);
            b.setId("add-class-" + ClassifyCanvas.CLASS_NAMES[k]);
            b.setUserData(k);
            b.setToggleGroup(addGroup);
            b.setStyle("-fx-text-fill: " + toHex(ClassifyCanvas.CLASS_COLOURS[k]) + "; -fx-font-weight: bold;");
            addButtons.getChildren().add(b);
            if (k == 0) {
                b.setSelected(true);
            }
        }
    }

    private static String toHex(Color c) {
        return String.format("#%02X%02X%02X", (int) Math.round(c.getRed() * 255), (int) Math.round(c.getGreen() * 255),
                (int) Math.round(c.getBlue() * 255));
    }

    private void rebuildLossControls() {
        lossParams.getChildren().clear();
        boolean multi = model.classes() > 2;
        lossChoice.setVisible(!multi);
        lossChoice.setManaged(!multi);
        String id = multi ? "cce_logits" : lossChoice.getValue();
        if (id == null) {
            return;
        }
        if (org.losslab.ui.CustomLosses.isKey(id)) {
            lossFormula.setText(customLosses == null ? id : customLosses.find(id).map(e -> "your loss "
                    + e.expression() + ", with p = σ(z), y ∈ {0, 1} and r = p − y").orElse(id));
            return;
        }
        LossDefinition d = Losses.get(id).definition();
        lossFormula.setText(multi ? "softmax over three scores z_k = w1·k x1 + w2·k x2 + b·k, then "
                + d.displayName() + ": " + d.formula()
                : id.equals("mse") ? "(σ(z) − y)², the squared error of the probability: a loss for regression "
                        + "put on a classifier. Its surface has flat plateaus; compare it with bce."
                : d.displayName() + ": " + d.formula());
        Map<String, Double> values = lossValues.computeIfAbsent(id, k -> new LinkedHashMap<>());
        for (ParamSpec p : d.params()) {
            double v = values.getOrDefault(p.name(), p.defaultValue());
            lossParams.getChildren().add(new ParamEditor(id, p, v, x -> {
                values.put(p.name(), x);
                rebuildModel(false);
            }));
        }
    }


    private static HBox row(String label, javafx.scene.Node node) {
        Label l = new Label(label);
        l.setMinWidth(Region.USE_PREF_SIZE);
        HBox h = new HBox(8, l, node);
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    // ---------------------------------------------------------------- session state

    /** What this view shows, as plain data for a session file (a custom loss by its key). */
    public SessionState.Classify captureState() {
        ClassifyModel.Snapshot snap = model.snapshot();
        List<SessionState.LabeledPoint> points = new ArrayList<>();
        for (int i = 0; i < snap.size(); i++) {
            points.add(new SessionState.LabeledPoint(snap.x1()[i], snap.x2()[i], snap.labels()[i]));
        }
        List<String> ids = new ArrayList<>(BINARY_LOSSES);
        ids.add("cce_logits");
        Map<String, Map<String, Double>> params = new LinkedHashMap<>();
        for (String id : ids) {
            LossDefinition d = Losses.get(id).definition();
            if (d.params().isEmpty()) {
                continue;
            }
            Map<String, Double> saved = lossValues.getOrDefault(id, Map.of());
            Map<String, Double> values = new LinkedHashMap<>();
            for (ParamSpec p : d.params()) {
                values.put(p.name(), saved.getOrDefault(p.name(), p.defaultValue()));
            }
            params.put(id, values);
        }
        List<Double> t = new ArrayList<>();
        for (double v : theta) {
            t.add(v);
        }
        return new SessionState.Classify(snap.classes(), datasetName, points, lossChoice.getValue(), params,
                optimizerChoice.getValue().id(), rate.rateProperty().get(), t, compare.isSelected(), speed.getValue());
    }

    /** Shows a saved (and checked) state: classes, points, loss and parameters, optimizer, rate and theta. */
    public void restoreState(SessionState.Classify c) {
        setPlaying(false);
        compare.setSelected(false);
        ToggleButton mode = c.classes() == 3 ? threeClasses : twoClasses;
        if (!mode.isSelected()) {
            mode.setSelected(true);
        }
        lossValues.clear();
        for (Map.Entry<String, Map<String, Double>> e : c.lossParams().entrySet()) {
            lossValues.put(e.getKey(), new LinkedHashMap<>(e.getValue()));
        }
        rebuilding = true;
        try {
            if (!lossChoice.getItems().contains(c.loss())) {
                lossChoice.setValue("bce_logits");
            } else {
                lossChoice.setValue(c.loss());
            }
            optimizerChoice.setValue(OptimizerKind.byId(c.optimizer()));
            rate.setRate(c.learningRate());
            speed.setValue(c.speed());
        } finally {
            rebuilding = false;
        }
        int n = c.points().size();
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            x1[i] = c.points().get(i).x1();
            x2[i] = c.points().get(i).x2();
            labels[i] = c.points().get(i).label();
        }
        datasetName = c.dataset() == null ? "two-classes" : c.dataset();
        String note = SessionState.dataset(datasetName).x1().length == n && sameAs(SessionState.dataset(datasetName),
                x1, x2, labels) ? datasetNote(datasetName) : n + " points from a session file";
        loadData(new Datasets.Labeled2D(x1, x2, labels), c.classes(), note);
        rebuildAddButtons();
        rebuildLossControls();
        double[] t = new double[c.theta().size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = c.theta().get(i);
        }
        if (current != null && t.length == current.dimension()) {
            theta = t;
            history.clear();
            stepOffset = 0;
            run = null;
            rebuildModel(false);
        }
        compare.setSelected(c.compare());
    }

    private static boolean sameAs(Datasets.Labeled2D d, double[] x1, double[] x2, int[] labels) {
        return java.util.Arrays.equals(d.x1(), x1) && java.util.Arrays.equals(d.x2(), x2)
                && java.util.Arrays.equals(d.labels(), labels);
    }

    private static String datasetNote(String name) {
        switch (name) {
            case "three-classes":
                return "three classes, 25 points each (seed 5)";
            case "imbalanced":
                return "imbalanced: 380 of class A, 20 of class B (5%), seed 3";
            default:
                return "two overlapping classes, 20 + 20 points (seed 11)";
        }
    }

    // ---------------------------------------------------------------- for tests and the main window

    /**
     * Loads imported points as one undoable edit, switching between two and three classes to match {@code k}
     * (labels 0 to k-1); {@code note} says where they came from.
     */
    public void importLabeled(double[] x1, double[] x2, int[] labels, int k, String note) {
        if (k != model.classes()) {
            (k == 3 ? threeClasses : twoClasses).setSelected(true);
        }
        loadData(new Datasets.Labeled2D(x1, x2, labels), k, note);
    }

    public ClassifyModel model() {
        return model;
    }

    public ClassifyCanvas canvas() {
        return canvas;
    }

    /** The current parameters (a copy). */
    public double[] theta() {
        return theta.clone();
    }

    public Model currentModel() {
        return current;
    }

    public ChoiceBox<String> lossChoice() {
        return lossChoice;
    }

    public LearningRateControl learningRateControl() {
        return rate;
    }

    public boolean isPlaying() {
        return playing;
    }

    public void setPlayingForTest(boolean on) {
        setPlaying(on);
    }

    public ToggleButton threeClassesButton() {
        return threeClasses;
    }

    public ToggleButton compareButton() {
        return compare;
    }

    public void shutdown() {
        clock.stop();
        worker.shutdownNow();
    }
}
