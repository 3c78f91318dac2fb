package org.losslab.ui.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import org.losslab.kernel.ElementwiseLoss;
import org.losslab.kernel.Loss;
import org.losslab.kernel.Losses;
import org.losslab.kernel.ParamSpec;
import org.losslab.lesson.SessionState;
import org.losslab.problem.Bounds;
import org.losslab.problem.LinearRegressionProblem;
import org.losslab.problem.PolynomialSliceProblem;
import org.losslab.problem.Regularizer;
import org.losslab.problem.fit.FitResult;
import org.losslab.problem.fit.LineFit;
import org.losslab.problem.fit.PolynomialFit;
import org.losslab.problem.fit.PolynomialFitResult;
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
import org.losslab.ui.landscape.SurfaceCanvas;
import org.losslab.ui.landscape.SurfaceImages;
import org.losslab.ui.landscape.SurfaceView;

/**
 * The data view: MSE against MAE (and friends) on data the user edits by hand. Every edit or drag recomputes, on a
 * worker, each chosen loss's exact best line, the selected loss's per-point shares and pulls, and the MSE and MAE
 * surfaces over (w, b) with their optima; the newest result is applied once per frame and older ones are dropped.
 * The user's custom losses (from the shared {@link CustomLosses}) are offered beside the library's, keyed
 * {@code custom-N}, and refit when their expression changes.
 */
public final class DataView extends BorderPane {
    /** Surface grid size in the data view (two surfaces are recomputed on every drag frame). */
    public static final int GRID = 160;
    /** The losses offered for fits. */
    public static final List<String> FIT_LOSSES = List.of("mse", "mae", "huber", "quantile", "barron", "smooth_l1",
            "log_cosh");

    private final DataModel model = new DataModel();
    private final DataCanvas canvas = new DataCanvas();
    private final SurfaceCanvas mseSurface = new SurfaceCanvas();
    private final SurfaceCanvas maeSurface = new SurfaceCanvas();
    private final Label mseTitle = new Label("MSE surface over (w, b)");
    private final Label maeTitle = new Label("MAE surface over (w, b)");
    private final GridPane table = new GridPane();
    private final Label status = new Label();
    private final Map<String, Loss> losses = new LinkedHashMap<>();
    private final Map<String, Boolean> chosen = new LinkedHashMap<>();
    private final ChoiceBox<String> selectedLoss = new ChoiceBox<>();
    private final CustomLosses customs;
    private final VBox customLossBox = new VBox(4);
    private final VBox paramBox = new VBox(4);
    private final CheckBox followAxes = new CheckBox("Axes follow the data");
    private final ToggleButton validationMode = new ToggleButton("Click marks validation");
    private final FrameScheduler scheduler = new FrameScheduler(this::recompute);
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "data-worker");
        t.setDaemon(true);
        return t;
    });
    private final Workers cores = Workers.commonPool();
    private final CancelToken.Latest latest = new CancelToken.Latest();
    /** Surface grid size of a polynomial slice (the generic path: one kernel call per cell and point). */
    public static final int SLICE_GRID = 96;
    private Bounds surfaceBounds;
    private int degree = 1;
    private int sliceI = 1;
    private int sliceJ = 0;
    private final ChoiceBox<Integer> degreeChoice = new ChoiceBox<>();
    private final ChoiceBox<Integer> sliceIChoice = new ChoiceBox<>();
    private final ChoiceBox<Integer> sliceJChoice = new ChoiceBox<>();
    private Result lastResult;
    private Consumer<Result> onResult = r -> { };
    private final TextField genCount = new TextField();
    private final TextField genOutliers = new TextField();
    private final TextField genNoise = new TextField();
    private final TextField genSeed = new TextField();
    private final Map<String, CheckBox> fitBoxes = new LinkedHashMap<>();

    /** What one recomputation produced. */
    public record Result(DataModel.Snapshot data, Map<String, FitResult> fits, Map<String, Double> validationLoss,
                         String selected, double[] shares, double[] pulls, double[] fitted, double[] residuals,
                         SurfaceGrid mse, SurfaceGrid mae, SurfaceView.Rendered mseImage,
                         SurfaceView.Rendered maeImage, long nanos, Map<String, PolynomialFitResult> poly,
                         int degree, int sliceI, int sliceJ) {
        /** The fitted value of loss {@code id} at x, whatever the degree. */
        public double predict(String id, double x) {
            if (degree == 1) {
                return fits.get(id).predict(x);
            }
            return poly.get(id).predict(x);
        }

        /** Whether loss {@code id} has a fit in this result. */
        public boolean hasFit(String id) {
            return degree == 1 ? fits.containsKey(id) : poly.containsKey(id);
        }
    }

    /** A data view with a store of custom losses of its own. */
    public DataView() {
        this(new CustomLosses());
    }

    /** A data view that also offers the custom losses of a shared store. */
    public DataView(CustomLosses customs) {
        this.customs = customs;
        getStyleClass().add("data-view");
        for (String id : FIT_LOSSES) {
            losses.put(id, Losses.get(id));
            chosen.put(id, id.equals("mse") || id.equals("mae") || id.equals("huber"));
        }
        canvas.setId("data-canvas");
        canvas.setModel(model, new DataCanvas.Editor() {
            @Override
            public void add(double x, double y) {
                model.add(x, y);
            }

            @Override
            public void beginDrag(int index) {
                model.beginDrag(index);
            }

            @Override
            public void dragTo(int index, double x, double y) {
                model.dragTo(index, x, y);
            }

            @Override
            public void endDrag(int index) {
                if (followAxes.isSelected()) {
                    fitAxes();
                }
            }

            @Override
            public void delete(int index) {
                model.delete(index);
            }

            @Override
            public void toggle(int index) {
                model.toggleValidation(index);
            }
        });
        model.revisionProperty().addListener((o, a, b) -> {
            canvas.refresh();
            scheduler.request();
        });
        for (SurfaceCanvas s : new SurfaceCanvas[] {mseSurface, maeSurface}) {
            s.setAxisNames("w (slope)", "b (intercept)");
            s.setMinHeight(180);
        }
        mseSurface.setId("data-mse-surface");
        maeSurface.setId("data-mae-surface");
        mseTitle.getStyleClass().add("sidebar-heading");
        maeTitle.getStyleClass().add("sidebar-heading");
        VBox surfaces = new VBox(4, mseTitle, mseSurface, maeTitle, maeSurface);
        VBox.setVgrow(mseSurface, Priority.ALWAYS);
        VBox.setVgrow(maeSurface, Priority.ALWAYS);
        surfaces.setPrefWidth(430);
        surfaces.setPadding(new Insets(8));

        table.setId("fit-table");
        table.setHgap(14);
        for (double width : new double[] {14, 150, 110, 110, 110, 110}) {
            javafx.scene.layout.ColumnConstraints cc = new javafx.scene.layout.ColumnConstraints();
            cc.setMinWidth(width);
            table.getColumnConstraints().add(cc);
        }
        table.setVgap(2);
        table.getStyleClass().add("fit-table");
        status.getStyleClass().add("hint");
        status.setId("data-status");
        VBox center = new VBox(6, canvas, table, status);
        VBox.setVgrow(canvas, Priority.ALWAYS);
        center.setPadding(new Insets(8));
        setCenter(center);
        setRight(surfaces);
        setLeft(buildSidebar());

        fitAxes();
        centreSurfaces();
        syncCustoms();
        customs.entries().addListener((ListChangeListener<CustomLosses.Entry>) c -> syncCustoms());
        scheduler.request();
    }

    // ---------------------------------------------------------------- custom losses

    /**
     * Follows the store: a new custom loss gets an (unticked) check box and a place in the shares-and-pulls
     * choice, a changed one is refit, a removed one disappears (the shares fall back to MSE if it was selected).
     */
    private void syncCustoms() {
        List<String> live = new ArrayList<>();
        for (CustomLosses.Entry e : customs.entries()) {
            live.add(e.key());
            losses.put(e.key(), e.loss());
            chosen.putIfAbsent(e.key(), false);
        }
        losses.keySet().removeIf(k -> CustomLosses.isKey(k) && !live.contains(k));
        chosen.keySet().removeIf(k -> CustomLosses.isKey(k) && !live.contains(k));
        customLossBox.getChildren().clear();
        for (CustomLosses.Entry e : customs.entries()) {
            customLossBox.getChildren().add(lossRow(e.key(), e.title()));
        }
        String value = selectedLoss.getValue();
        selectedLoss.getItems().setAll(losses.keySet());
        selectedLoss.setValue(null);
        selectedLoss.setValue(value != null && losses.containsKey(value) ? value : "mse");
        scheduler.request();
    }

    private HBox lossRow(String id, String text) {
        CheckBox box = new CheckBox(text);
        box.setId("fit-" + id);
        box.setSelected(chosen.get(id));
        fitBoxes.put(id, box);
        box.selectedProperty().addListener((o, a, b) -> {
            chosen.put(id, b);
            rebuildParams();
            scheduler.request();
        });
        String about = CustomLosses.isKey(id) ? LossTooltips.custom(customs, id) : LossTooltips.text(id);
        if (about != null) {
            box.setTooltip(LossTooltips.tooltip(about));
        }
        Rectangle swatch = new Rectangle(14, 14, Palette.fx(id));
        HBox row = new HBox(6, swatch, box);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /** The name of a loss in the list and the table: its spec, or "custom N: expression". */
    private String nameOf(String id) {
        if (CustomLosses.isKey(id)) {
            return customs.find(id).map(CustomLosses.Entry::title).orElse(id);
        }
        Loss loss = losses.get(id);
        return loss == null ? id : loss.spec();
    }

    // ---------------------------------------------------------------- sidebar

    private ScrollPane buildSidebar() {
        Button outlier = new Button("Add outlier");
        outlier.setId("add-outlier");
        outlier.setOnAction(e -> model.addOutlier());
        Button reset = new Button("Reset");
        reset.setId("reset-data");
        reset.setOnAction(e -> {
            model.reset();
            fitAxes();
            centreSurfaces();
        });
        Button undo = new Button("Undo");
        undo.setId("undo");
        undo.setTooltip(new Tooltip("Ctrl+Z"));
        undo.disableProperty().bind(model.canUndoProperty().not());
        undo.setOnAction(e -> model.undo());
        Button redo = new Button("Redo");
        redo.setId("redo");
        redo.setTooltip(new Tooltip("Ctrl+Y or Ctrl+Shift+Z"));
        redo.disableProperty().bind(model.canRedoProperty().not());
        redo.setOnAction(e -> model.redo());
        HBox edits = new HBox(6, outlier, reset);
        HBox history = new HBox(6, undo, redo);

        TextField count = genCount;
        TextField outliers = genOutliers;
        TextField noise = genNoise;
        TextField seed = genSeed;
        showGenerator();
        for (TextField f : new TextField[] {count, outliers, noise, seed}) {
            f.setPrefColumnCount(5);
        }
        Label genError = new Label();
        genError.getStyleClass().add("field-error");
        genError.setWrapText(true);
        Button generate = new Button("Generate");
        generate.setId("generate");
        generate.setOnAction(e -> {
            try {
                int n = Integer.parseInt(count.getText().strip());
                int o = Integer.parseInt(outliers.getText().strip());
                double sd = Double.parseDouble(noise.getText().strip());
                long s = Long.parseLong(seed.getText().strip());
                if (n < 1 || n > 100_000 || o < 0 || o > n || !(sd >= 0) || !Double.isFinite(sd)) {
                    throw new NumberFormatException();
                }
                genError.setText("");
                model.regenerate(n, o, sd, s);
                fitAxes();
                centreSurfaces();
            } catch (NumberFormatException ex) {
                genError.setText("points: 1 to 100000; outliers: 0 to points; noise: a number ≥ 0; seed: a whole "
                        + "number. Nothing was changed.");
            }
        });
        GridPane gen = new GridPane();
        gen.setHgap(6);
        gen.setVgap(4);
        gen.addRow(0, new Label("points"), count, new Label("outliers"), outliers);
        gen.addRow(1, new Label("noise"), noise, new Label("seed"), seed);

        followAxes.setId("follow-axes");
        followAxes.setTooltip(new Tooltip("Off: the axes stay fixed (also while dragging). On: they refit after each edit."));
        validationMode.setId("validation-mode");
        validationMode.setTooltip(new Tooltip("When on, clicking a point switches it between training and "
                + "validation (hollow squares); fits use the training points only."));
        validationMode.selectedProperty().addListener((o, a, b) -> canvas.setValidationMode(b));

        VBox lossBox = new VBox(4);
        for (String id : FIT_LOSSES) {
            lossBox.getChildren().add(lossRow(id, losses.get(id).definition().displayName()));
        }
        customLossBox.setId("fit-custom-losses");
        lossBox.getChildren().add(customLossBox);
        selectedLoss.setId("selected-loss");
        selectedLoss.getItems().addAll(FIT_LOSSES);
        selectedLoss.setValue("mse");
        selectedLoss.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String id) {
                return id == null ? "" : CustomLosses.isKey(id) ? nameOf(id) : id;
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
        selectedLoss.valueProperty().addListener((o, a, b) -> scheduler.request());
        LossTooltips.follow(selectedLoss, "Marker sizes show each point's share of this loss; arrows show its pull "
                + "ψ = ∂loss/∂prediction on the fitted line.", id -> LossTooltips.custom(customs, id));
        rebuildParams();

        degreeChoice.setId("degree");
        for (int d = 1; d <= PolynomialFit.MAX_DEGREE; d++) {
            degreeChoice.getItems().add(d);
        }
        degreeChoice.setValue(1);
        degreeChoice.valueProperty().addListener((o, a, b) -> setDegree(b));
        sliceIChoice.setId("slice-i");
        sliceJChoice.setId("slice-j");
        sliceIChoice.valueProperty().addListener((o, a, b) -> {
            if (b != null && b != sliceI) {
                sliceI = b;
                centreSurfaces();
            }
        });
        sliceJChoice.valueProperty().addListener((o, a, b) -> {
            if (b != null && b != sliceJ) {
                sliceJ = b;
                centreSurfaces();
            }
        });
        HBox sliceRow = new HBox(6, new Label("surfaces over c"), sliceIChoice, new Label("and c"), sliceJChoice);
        sliceRow.setAlignment(Pos.CENTER_LEFT);
        sliceRow.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> degreeChoice.getValue() != null && degreeChoice.getValue() > 1, degreeChoice.valueProperty()));
        sliceRow.managedProperty().bind(sliceRow.visibleProperty());
        HBox degreeRow = new HBox(6, new Label("polynomial degree"), degreeChoice);
        degreeRow.setAlignment(Pos.CENTER_LEFT);

        Label help = new Label("Drag a point to move it; click empty space to add one; right-click a point (or select it "
                + "and press Delete) to remove it.");
        help.setWrapText(true);
        help.getStyleClass().add("hint");
        VBox side = new VBox(8,
                Sidebar.heading("Data"), help, edits, history, followAxes, validationMode,
                Sidebar.heading("Generator (line + noise + outliers)"), gen, generate, genError,
                Sidebar.heading("Model"), degreeRow, sliceRow,
                Sidebar.heading("Fits"), lossBox,
                Sidebar.heading("Shares and pulls for"), selectedLoss,
                Sidebar.heading("Loss parameters"), paramBox);
        side.setPadding(new Insets(10));
        side.getStyleClass().add("sidebar");
        ScrollPane scroll = new ScrollPane(side);
        scroll.setFitToWidth(true);
        Theme.get().prefWidth(scroll, 320);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        return scroll;
    }

    private void rebuildParams() {
        paramBox.getChildren().clear();
        for (String id : FIT_LOSSES) {
            Loss loss = losses.get(id);
            if (!chosen.get(id) || loss.definition().params().isEmpty()) {
                continue;
            }
            Label title = new Label(loss.definition().displayName());
            title.setTextFill(Palette.fx(id));
            title.getStyleClass().add("param-group");
            paramBox.getChildren().add(title);
            for (ParamSpec spec : loss.definition().params()) {
                paramBox.getChildren().add(new ParamEditor("data-" + id, spec, loss.param(spec.name()), v -> {
                    losses.put(id, losses.get(id).with(spec.name(), v));
                    scheduler.request();
                }));
            }
        }
    }


    /** Keys of this view (the main window routes them here while its tab is shown). */
    public void handleKey(KeyEvent e) {
        if (e.getTarget() instanceof javafx.scene.control.TextInputControl) {
            return;
        }
        boolean ctrl = e.isShortcutDown() || e.isControlDown();
        if (ctrl && e.getCode() == KeyCode.Z && !e.isShiftDown()) {
            model.undo();
            e.consume();
        } else if (ctrl && (e.getCode() == KeyCode.Y || (e.getCode() == KeyCode.Z && e.isShiftDown()))) {
            model.redo();
            e.consume();
        } else if ((e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) && canvas.selectedPoint() >= 0) {
            model.delete(canvas.selectedPoint());
            canvas.clearSelection();
            e.consume();
        }
    }

    // ---------------------------------------------------------------- axes and surface region

    /** Fits the axes to the data with a margin. */
    public void fitAxes() {
        if (model.size() == 0) {
            canvas.setRange(0, 10, 0, 10);
            return;
        }
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < model.size(); i++) {
            x0 = Math.min(x0, model.x(i));
            x1 = Math.max(x1, model.x(i));
            y0 = Math.min(y0, model.y(i));
            y1 = Math.max(y1, model.y(i));
        }
        double mx = Math.max(1e-9, x1 - x0) * 0.12 + (x1 == x0 ? 1 : 0);
        double my = Math.max(1e-9, y1 - y0) * 0.12 + (y1 == y0 ? 1 : 0);
        canvas.setRange(x0 - mx, x1 + mx, y0 - my, y1 + my);
    }

    /** Sets the polynomial degree (1 to 9); the surfaces become a slice over two coefficients for 2 and up. */
    public void setDegree(int d) {
        if (d == degree) {
            return;
        }
        degree = d;
        if (degreeChoice.getValue() == null || degreeChoice.getValue() != d) {
            degreeChoice.setValue(d);
        }
        sliceIChoice.getItems().clear();
        sliceJChoice.getItems().clear();
        for (int k = 0; k <= d; k++) {
            sliceIChoice.getItems().add(k);
            sliceJChoice.getItems().add(k);
        }
        sliceI = Math.min(sliceI, d);
        sliceJ = Math.min(sliceJ, d);
        if (sliceI == sliceJ) {
            sliceI = sliceJ == 0 ? 1 : 0;
        }
        sliceIChoice.setValue(sliceI);
        sliceJChoice.setValue(sliceJ);
        centreSurfaces();
    }

    /** Centres the region of the surfaces on the MSE fit of the training data. */
    public void centreSurfaces() {
        if (degree > 1) {
            centreSlice();
            return;
        }
        double[][] t = model.training();
        FitResult f = t[0].length == 0 ? null : LineFit.fit(t[0], t[1], (ElementwiseLoss) Losses.get("mse"));
        double w = f == null ? 0 : f.w();
        double b = f == null ? 0 : f.b();
        double sx = spread(t[0]);
        double sy = spread(t[1]);
        double dw = Math.max(0.25, 1.2 * sy / Math.max(sx, 1e-9));
        double xbar = mean(t[0]);
        double db = Math.max(0.5, 1.2 * sy + Math.abs(xbar) * dw);
        surfaceBounds = new Bounds(w - dw, w + dw, b - db, b + db);
        mseTitle.setText("MSE surface over (w, b)");
        maeTitle.setText("MAE surface over (w, b)");
        mseSurface.setAxisNames("w (slope)", "b (intercept)");
        maeSurface.setAxisNames("w (slope)", "b (intercept)");
        mseSurface.setView(surfaceBounds);
        maeSurface.setView(surfaceBounds);
        scheduler.request();
    }

    private void centreSlice() {
        double[][] t = model.training();
        String what = "slice over (c" + sliceI + ", c" + sliceJ + "), other coefficients at the fit's values";
        mseTitle.setText("MSE " + what);
        maeTitle.setText("MAE " + what);
        if (t[0].length == 0 || sliceI == sliceJ) {
            return;
        }
        // A region around both the MSE and the MAE fit's (c_i, c_j), so that each surface shows its own optimum.
        Bounds box = null;
        for (String id : List.of("mse", "mae")) {
            PolynomialFitResult f = PolynomialFit.fit(t[0], t[1], (ElementwiseLoss) Losses.get(id), degree);
            Bounds b = new PolynomialSliceProblem(t[0], t[1], (ElementwiseLoss) Losses.get(id), f.coefficients(),
                    sliceI, sliceJ).defaultBounds();
            box = box == null ? b : new Bounds(Math.min(box.min1(), b.min1()), Math.max(box.max1(), b.max1()),
                    Math.min(box.min2(), b.min2()), Math.max(box.max2(), b.max2()));
        }
        surfaceBounds = box;
        for (SurfaceCanvas c : new SurfaceCanvas[] {mseSurface, maeSurface}) {
            c.setAxisNames("c" + sliceI, "c" + sliceJ);
            c.setView(surfaceBounds);
        }
        scheduler.request();
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return a.length == 0 ? 0 : s / a.length;
    }

    private static double spread(double[] a) {
        double m = mean(a);
        double s = 0;
        for (double v : a) {
            s += (v - m) * (v - m);
        }
        return a.length < 2 ? 1 : Math.sqrt(s / (a.length - 1));
    }

    // ---------------------------------------------------------------- recomputation

    /** Sends the current data to the worker; called at most once per pulse. */
    private void recompute() {
        final DataModel.Snapshot data = model.snapshot();
        final Map<String, Loss> use = new LinkedHashMap<>();
        for (String id : losses.keySet()) {
            if (chosen.get(id) || id.equals(selectedLoss.getValue()) || id.equals("mse") || id.equals("mae")) {
                use.put(id, losses.get(id));
            }
        }
        final String selected = selectedLoss.getValue();
        final Bounds bounds = surfaceBounds;
        final int deg = degree;
        final int si = sliceI;
        final int sj = sliceJ;
        final CancelToken token = latest.next();
        worker.submit(() -> {
            try {
                Result r = deg == 1 ? compute(data, use, selected, bounds, cores, token)
                        : computePolynomial(data, use, selected, deg, si, sj, bounds, cores, token);
                if (r != null) {
                    Platform.runLater(() -> apply(token, r));
                }
            } catch (RuntimeException ex) {
                Platform.runLater(() -> status.setText("could not recompute: " + ex.getMessage()));
            }
        });
    }

    /**
     * Everything the view shows, from the kernels: each loss's best line on the training points, the selected
     * loss's shares, pulls and residuals, and the MSE and MAE surfaces. Runs on any thread; returns null when
     * cancelled.
     */
    public static Result compute(DataModel.Snapshot data, Map<String, Loss> use, String selected, Bounds bounds,
                                 Workers workers, CancelToken token) {
        long t0 = System.nanoTime();
        int n = data.size();
        int nt = 0;
        for (boolean v : data.validation()) {
            nt += v ? 0 : 1;
        }
        double[] tx = new double[nt];
        double[] ty = new double[nt];
        double[] vx = new double[n - nt];
        double[] vy = new double[n - nt];
        for (int i = 0, a = 0, b = 0; i < n; i++) {
            if (data.validation()[i]) {
                vx[b] = data.x()[i];
                vy[b++] = data.y()[i];
            } else {
                tx[a] = data.x()[i];
                ty[a++] = data.y()[i];
            }
        }
        Map<String, FitResult> fits = new LinkedHashMap<>();
        Map<String, Double> validation = new LinkedHashMap<>();
        if (nt > 0) {
            for (Map.Entry<String, Loss> e : use.entrySet()) {
                ElementwiseLoss loss = (ElementwiseLoss) e.getValue();
                FitResult f = LineFit.fit(tx, ty, loss);
                fits.put(e.getKey(), f);
                if (vx.length > 0) {
                    double s = 0;
                    for (int i = 0; i < vx.length; i++) {
                        s += loss.value(f.w() * vx[i] + f.b(), vy[i]);
                    }
                    validation.put(e.getKey(), s / vx.length);
                }
            }
        }
        if (token.isCancelled()) {
            return null;
        }
        FitResult sel = fits.get(selected);
        PointEffects fx = sel == null ? PointEffects.NONE
                : PointEffects.of(data, (ElementwiseLoss) use.get(selected), sel::predict);
        SurfaceGrid mse = null;
        SurfaceGrid mae = null;
        if (bounds != null && nt > 0) {
            mse = new SurfaceGrid(bounds, GRID, GRID);
            mae = new SurfaceGrid(bounds, GRID, GRID);
            LinearRegressionProblem pm = new LinearRegressionProblem(tx, ty, (ElementwiseLoss) use.get("mse"),
                    Regularizer.NONE);
            LinearRegressionProblem pa = new LinearRegressionProblem(tx, ty, (ElementwiseLoss) use.get("mae"),
                    Regularizer.NONE);
            if (!LinearRegressionGrid.compute(pm, mse, workers, token)
                    || !LinearRegressionGrid.compute(pa, mae, workers, token)) {
                return null;
            }
        }
        SurfaceView.Rendered mseImage = mse == null ? null : SurfaceImages.render(mse, true, true);
        SurfaceView.Rendered maeImage = mae == null ? null : SurfaceImages.render(mae, true, true);
        return new Result(data, fits, validation, selected, fx.shares(), fx.pulls(), fx.fitted(), fx.residuals(), mse, mae, mseImage,
                maeImage, System.nanoTime() - t0, Map.of(), 1, 1, 0);
    }

    /**
     * As {@link #compute} for a polynomial of the given degree (2 to 9): each loss's best polynomial, the selected
     * loss's shares, pulls and residuals, and the MSE and MAE surfaces as slices over (c_i, c_j) through each
     * loss's own fit, the other coefficients held at that fit's values.
     */
    public static Result computePolynomial(DataModel.Snapshot data, Map<String, Loss> use, String selected,
                                           int degree, int sliceI, int sliceJ, Bounds bounds, Workers workers,
                                           CancelToken token) {
        long t0 = System.nanoTime();
        int n = data.size();
        List<double[]> train = new ArrayList<>();
        List<double[]> held = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (data.validation()[i] ? held : train).add(new double[] {data.x()[i], data.y()[i]});
        }
        double[] tx = column(train, 0);
        double[] ty = column(train, 1);
        Map<String, PolynomialFitResult> poly = new LinkedHashMap<>();
        Map<String, Double> validation = new LinkedHashMap<>();
        if (tx.length > 0) {
            for (Map.Entry<String, Loss> e : use.entrySet()) {
                ElementwiseLoss loss = (ElementwiseLoss) e.getValue();
                PolynomialFitResult f = PolynomialFit.fit(tx, ty, loss, degree);
                poly.put(e.getKey(), f);
                if (!held.isEmpty()) {
                    double s = 0;
                    for (double[] pt : held) {
                        s += loss.value(f.predict(pt[0]), pt[1]);
                    }
                    validation.put(e.getKey(), s / held.size());
                }
            }
        }
        if (token.isCancelled()) {
            return null;
        }
        PolynomialFitResult sel = poly.get(selected);
        PointEffects fx = sel == null ? PointEffects.NONE
                : PointEffects.of(data, (ElementwiseLoss) use.get(selected), sel::predict);
        SurfaceGrid mse = null;
        SurfaceGrid mae = null;
        SurfaceView.Rendered mseImage = null;
        SurfaceView.Rendered maeImage = null;
        if (bounds != null && poly.containsKey("mse") && poly.containsKey("mae")) {
            mse = new SurfaceGrid(bounds, SLICE_GRID, SLICE_GRID);
            mae = new SurfaceGrid(bounds, SLICE_GRID, SLICE_GRID);
            PolynomialSliceProblem pm = new PolynomialSliceProblem(tx, ty, (ElementwiseLoss) use.get("mse"),
                    poly.get("mse").coefficients(), sliceI, sliceJ);
            PolynomialSliceProblem pa = new PolynomialSliceProblem(tx, ty, (ElementwiseLoss) use.get("mae"),
                    poly.get("mae").coefficients(), sliceI, sliceJ);
            if (!ProblemGrid.compute(pm, mse, workers, token) || !ProblemGrid.compute(pa, mae, workers, token)) {
                return null;
            }
            mseImage = SurfaceImages.render(mse, true, true);
            maeImage = SurfaceImages.render(mae, true, true);
        }
        return new Result(data, Map.of(), validation, selected, fx.shares(), fx.pulls(), fx.fitted(), fx.residuals(), mse, mae, mseImage,
                maeImage, System.nanoTime() - t0, poly, degree, sliceI, sliceJ);
    }

    /**
     * What each point does to the selected loss at its fit: its fitted value, residual r_i = fitted - y_i, its share
     * l_i / sum l of the training loss (validation points have none) and its pull psi_i = dl/dprediction.
     */
    record PointEffects(double[] fitted, double[] residuals, double[] shares, double[] pulls) {
        static final PointEffects NONE = new PointEffects(new double[0], new double[0], new double[0], new double[0]);

        static PointEffects of(DataModel.Snapshot data, ElementwiseLoss loss, java.util.function.DoubleUnaryOperator fit) {
            int n = data.size();
            double[] fitted = new double[n];
            double[] residuals = new double[n];
            double[] shares = new double[n];
            double[] pulls = new double[n];
            double total = 0;
            for (int i = 0; i < n; i++) {
                double p = fit.applyAsDouble(data.x()[i]);
                fitted[i] = p;
                residuals[i] = p - data.y()[i];
                if (!data.validation()[i]) {
                    shares[i] = loss.value(p, data.y()[i]);
                    total += shares[i];
                    pulls[i] = loss.d1(p, data.y()[i]);
                }
            }
            for (int i = 0; i < n; i++) {
                shares[i] = total > 0 ? shares[i] / total : 0;
            }
            return new PointEffects(fitted, residuals, shares, pulls);
        }
    }

    private static double[] column(List<double[]> rows, int c) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i)[c];
        }
        return out;
    }

    private void apply(CancelToken token, Result r) {
        if (!latest.isLatest(token)) {
            return;
        }
        long t0 = System.nanoTime();
        lastResult = r;
        List<DataCanvas.FitLine> lines = new ArrayList<>();
        for (String id : losses.keySet()) {
            if (!chosen.get(id) || !r.hasFit(id)) {
                continue;
            }
            lines.add(new DataCanvas.FitLine(x -> r.predict(id, x), Palette.fx(id), id.equals(r.selected())));
        }
        canvas.setFits(lines, r.shares(), r.pulls(), r.fitted());
        updateTable(r);
        if (r.mseImage() != null) {
            showSurface(mseSurface, r.mseImage(), optimum(r, "mse"));
            showSurface(maeSurface, r.maeImage(), optimum(r, "mae"));
        }
        onResult.accept(r);
        long applyNanos = System.nanoTime() - t0;
        FrameMonitor.get().record("data frame (compute + apply)", r.nanos() + applyNanos);
        status.setText(String.format(Locale.ROOT, "%d points (%d validation) · recomputed fits and both surfaces in "
                + "%.1f ms", r.data().size(), r.data().size() - trainingCount(r.data()), (r.nanos() + applyNanos) / 1e6));
    }

    private static int trainingCount(DataModel.Snapshot s) {
        int n = 0;
        for (boolean v : s.validation()) {
            n += v ? 0 : 1;
        }
        return n;
    }

    /** Where loss {@code id}'s fit sits on its surface: (w, b), or (c_i, c_j) on a polynomial slice. */
    private static double[] optimum(Result r, String id) {
        if (r.degree() == 1) {
            FitResult f = r.fits().get(id);
            return f == null ? null : new double[] {f.w(), f.b()};
        }
        PolynomialFitResult f = r.poly().get(id);
        return f == null ? null : new double[] {f.coefficient(r.sliceI()), f.coefficient(r.sliceJ())};
    }

    private void showSurface(SurfaceCanvas target, SurfaceView.Rendered image, double[] fit) {
        SurfaceGrid grid = image.grid();
        target.setHeatmap(grid.bounds(), grid.nx(), grid.ny(), image.argb());
        target.setContours(image.contours());
        target.setColourBar(image.bar(), image.barPositions(), image.barLabels());
        List<double[]> marks = new ArrayList<>();
        if (fit != null) {
            marks.add(fit);
        }
        target.setMinima(marks);
    }

    private void updateTable(Result r) {
        table.getChildren().clear();
        if (r.degree() > 1) {
            updatePolynomialTable(r);
            return;
        }
        String[] head = {"", "loss", "w (slope)", "b (intercept)", "training loss", "validation loss"};
        for (int c = 0; c < head.length; c++) {
            Label h = new Label(head[c]);
            h.getStyleClass().add("table-head");
            table.add(h, c, 0);
        }
        int row = 1;
        for (Map.Entry<String, FitResult> e : r.fits().entrySet()) {
            if (!chosen.getOrDefault(e.getKey(), false)) {
                continue;
            }
            FitResult f = e.getValue();
            Rectangle swatch = new Rectangle(12, 12, Palette.fx(e.getKey()));
            Label name = new Label(nameOf(e.getKey()));
            Label w = new Label(fmt(f.w()));
            w.setId("fit-w-" + e.getKey());
            Label b = new Label(fmt(f.b()));
            b.setId("fit-b-" + e.getKey());
            Label loss = new Label(fmt(f.loss()));
            Double v = r.validationLoss().get(e.getKey());
            Label val = new Label(v == null ? "—" : fmt(v));
            for (Label l : new Label[] {w, b, loss, val}) {
                l.getStyleClass().add("table-number");
            }
            if (f.hasNote()) {
                Tooltip.install(name, new Tooltip(f.note()));
            }
            table.addRow(row++, swatch, name, w, b, loss, val);
        }
    }

    private void updatePolynomialTable(Result r) {
        String[] head = {"", "loss", "coefficients c0 … c" + r.degree(), "", "training loss", "validation loss"};
        for (int c = 0; c < head.length; c++) {
            Label h = new Label(head[c]);
            h.getStyleClass().add("table-head");
            table.add(h, c, 0);
        }
        int row = 1;
        for (Map.Entry<String, PolynomialFitResult> e : r.poly().entrySet()) {
            if (!chosen.getOrDefault(e.getKey(), false)) {
                continue;
            }
            PolynomialFitResult f = e.getValue();
            StringBuilder cs = new StringBuilder();
            for (double c : f.coefficients()) {
                cs.append(cs.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4g", c));
            }
            Label coeffs = new Label(cs.toString());
            coeffs.setId("fit-coefficients-" + e.getKey());
            coeffs.getStyleClass().add("table-number");
            Label loss = new Label(fmt(f.loss()));
            Double v = r.validationLoss().get(e.getKey());
            Label val = new Label(v == null ? "—" : fmt(v));
            loss.getStyleClass().add("table-number");
            val.getStyleClass().add("table-number");
            Label name = new Label(nameOf(e.getKey()));
            if (!f.note().isEmpty()) {
                Tooltip.install(name, new Tooltip(f.note()));
            }
            table.add(new Rectangle(12, 12, Palette.fx(e.getKey())), 0, row);
            table.add(name, 1, row);
            table.add(coeffs, 2, row, 2, 1);
            table.add(loss, 4, row);
            table.add(val, 5, row);
            row++;
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    // ---------------------------------------------------------------- session state

    private void showGenerator() {
        genCount.setText(Integer.toString(model.generatorPoints()));
        genOutliers.setText(Integer.toString(model.generatorOutliers()));
        genNoise.setText(Double.toString(model.generatorNoise()));
        genSeed.setText(Long.toString(model.generatorSeed()));
    }

    /** What this view shows, as plain data for a session file (loss ids are the view's: custom losses by key). */
    public SessionState.Data captureState() {
        DataModel.Snapshot snap = model.snapshot();
        List<SessionState.Point> points = new ArrayList<>();
        for (int i = 0; i < snap.size(); i++) {
            points.add(new SessionState.Point(snap.x()[i], snap.y()[i], snap.validation()[i]));
        }
        List<String> fits = new ArrayList<>();
        for (Map.Entry<String, Boolean> e : chosen.entrySet()) {
            if (e.getValue()) {
                fits.add(e.getKey());
            }
        }
        Map<String, Map<String, Double>> params = new LinkedHashMap<>();
        for (String id : FIT_LOSSES) {
            Loss loss = losses.get(id);
            if (!loss.definition().params().isEmpty()) {
                params.put(id, loss.params());
            }
        }
        return new SessionState.Data(new SessionState.Generator(model.generatorPoints(), model.generatorOutliers(),
                model.generatorNoise(), model.generatorSeed()), points, fits, selectedLoss.getValue(), params, degree,
                sliceI, sliceJ, followAxes.isSelected(), validationMode.isSelected());
    }

    /**
     * Shows a saved state: points, generator, fits, parameters, degree and toggles. The state must have been
     * checked ({@link org.losslab.lesson.SessionFormat}); custom losses are referred to by their keys here.
     */
    public void restoreState(SessionState.Data d) {
        int n = d.points().size();
        double[] xs = new double[n];
        double[] ys = new double[n];
        boolean[] vs = new boolean[n];
        for (int i = 0; i < n; i++) {
            xs[i] = d.points().get(i).x();
            ys[i] = d.points().get(i).y();
            vs[i] = d.points().get(i).validation();
        }
        SessionState.Generator g = d.generator();
        model.load(new DataModel.Snapshot(xs, ys, vs), g.points(), g.outliers(), g.noise(), g.seed());
        showGenerator();
        for (Map.Entry<String, Map<String, Double>> e : d.lossParams().entrySet()) {
            Loss loss = Losses.get(e.getKey());
            for (Map.Entry<String, Double> p : e.getValue().entrySet()) {
                loss = loss.with(p.getKey(), p.getValue());
            }
            losses.put(e.getKey(), loss);
        }
        for (String id : losses.keySet()) {
            boolean on = d.fits().contains(id);
            chosen.put(id, on);
            CheckBox box = fitBoxes.get(id);
            if (box != null && box.isSelected() != on) {
                box.setSelected(on);
            }
        }
        rebuildParams();
        selectedLoss.setValue(losses.containsKey(d.selectedLoss()) ? d.selectedLoss() : "mse");
        setDegree(d.degree());
        sliceI = d.sliceI();
        sliceJ = d.sliceJ();
        if (degree > 1) {
            sliceIChoice.setValue(sliceI);
            sliceJChoice.setValue(sliceJ);
        }
        followAxes.setSelected(d.followAxes());
        validationMode.setSelected(d.validationMode());
    }

    // ---------------------------------------------------------------- import

    /** Replaces the points by imported ones as one undoable edit, and fits the axes and surfaces to them. */
    public void importPoints(double[] x, double[] y) {
        model.replace(new DataModel.Snapshot(x.clone(), y.clone(), new boolean[x.length]));
        fitAxes();
        centreSurfaces();
    }

    // ---------------------------------------------------------------- access

    public DataModel model() {
        return model;
    }

    public DataCanvas canvas() {
        return canvas;
    }

    /** The last applied result, or null before the first. */
    public Result lastResult() {
        return lastResult;
    }

    public SurfaceCanvas mseSurface() {
        return mseSurface;
    }

    public SurfaceCanvas maeSurface() {
        return maeSurface;
    }

    /** Called on the JavaFX thread with every applied result (links other views to this one). */
    public void setOnResult(Consumer<Result> handler) {
        onResult = handler;
    }

    /** Stops the worker (when the app closes). */
    public void shutdown() {
        latest.cancel();
        worker.shutdownNow();
    }
}
