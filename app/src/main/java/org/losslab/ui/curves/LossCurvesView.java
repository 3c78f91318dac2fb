package org.losslab.ui.curves;

import java.awt.Font;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYDataset;
import org.jfree.data.xy.XYDataset;
import org.losslab.kernel.Loss;
import org.losslab.kernel.LossCurves.Axis;
import org.losslab.kernel.LossDefinition;
import org.losslab.kernel.LossInputException;
import org.losslab.kernel.Losses;
import org.losslab.kernel.ParamSpec;
import org.losslab.kernel.custom.ExpressionSyntaxException;
import org.losslab.lesson.SessionState;
import org.losslab.ui.CustomLosses;
import org.losslab.ui.FrameScheduler;
import org.losslab.ui.LossTooltips;
import org.losslab.ui.Palette;
import org.losslab.ui.ParamEditor;
import org.losslab.ui.Sidebar;
import org.losslab.ui.Theme;

/**
 * The Loss curves view: any set of losses plotted against the residual or the score, each in its own colour, with
 * the derivative on a toggle, parameter sliders that recompute the curves live, the selected loss's formula and a
 * hover read-out of (x, loss, derivative). Every number comes from the kernels through {@link LossCurvesModel}.
 *
 * <p>An editor under the loss list reads the user's own loss as an expression of r, y and p; it is added to the
 * shared {@link CustomLosses} (and so offered by the other views too) and plotted at once. A mistake is shown under
 * the field with its column, the caret is put there, the typed text stays and the last valid loss stays plotted.
 */
public final class LossCurvesView extends BorderPane {
    private static final Font AXIS_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    private static final String HOVER_HINT = "Hover the chart to read the loss and its derivative at any point.";

    /** Example expressions offered by the editor's menu: {label, expression}. */
    public static final List<String[]> PRESETS = List.of(
            new String[] {"Asymmetric: under-prediction costs 10×", "r > 0 ? abs(r) : 10*abs(r)"},
            new String[] {"Cauchy (Lorentzian)", "log(1 + r^2)"},
            new String[] {"Pseudo-Huber", "sqrt(1 + r^2) - 1"},
            new String[] {"Truncated quadratic", "min(r^2, 1)"},
            new String[] {"Quartic", "r^4"},
            new String[] {"Soft absolute value", "softplus(r) + softplus(-r) - 2*log(2)"},
            new String[] {"log(r): undefined for r ≤ 0", "log(r)"});

    private final LossCurvesModel model;
    private final VBox lossList = new VBox(4);
    private final VBox paramBox = new VBox(6);
    private final Label readout = new Label(HOVER_HINT);
    private final Label rangeLabel = new Label();
    private final Label formulaName = new Label();
    private final Label formula = new Label();
    private final Label whenToUse = new Label();
    private final TextField customField = new TextField();
    private final Label customError = new Label();
    private final Label customHint = new Label();
    private final Button customApply = new Button("Apply");
    private final Button customRemove = new Button("Remove");
    private final NumberAxis xAxis = new NumberAxis();
    private final NumberAxis yAxis = new NumberAxis("loss");
    private final XYPlot plot;
    private final JFreeChart chart;
    private final ChartViewer viewer;
    private final FrameScheduler scheduler = new FrameScheduler(this::redraw);
    private DefaultXYDataset dataset = new DefaultXYDataset();
    private long drawnRevision = -1;

    public LossCurvesView(LossCurvesModel model) {
        this.model = model;
        getStyleClass().add("loss-curves-view");

        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        plot = new XYPlot(dataset, xAxis, yAxis, renderer);
        plot.setDomainZeroBaselineVisible(true);
        plot.setRangeZeroBaselineVisible(true);
        plot.setBackgroundPaint(java.awt.Color.WHITE);
        plot.setDomainGridlinePaint(new java.awt.Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new java.awt.Color(0xDDDDDD));
        plot.setDomainCrosshairVisible(true);
        plot.setDomainCrosshairLockedOnData(false);
        plot.setDomainCrosshairPaint(new java.awt.Color(0x888888));
        for (NumberAxis a : new NumberAxis[] {xAxis, yAxis}) {
            a.setLabelFont(AXIS_FONT);
            a.setTickLabelFont(TICK_FONT);
        }
        yAxis.setAutoRangeIncludesZero(true);
        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.getLegend().setItemFont(TICK_FONT);
        chart.setBackgroundPaint(java.awt.Color.WHITE);
        // Fonts, colours and strokes follow the presentation size and the theme (strokes are set on redraw).
        Theme.get().style(this, chart, scheduler::request);
        viewer = new ChartViewer(chart);
        viewer.setId("curves-chart");
        viewer.getCanvas().addEventHandler(MouseEvent.MOUSE_MOVED, this::hover);
        viewer.getCanvas().addEventHandler(MouseEvent.MOUSE_EXITED, e -> readout.setText(HOVER_HINT));

        readout.setId("readout");
        readout.getStyleClass().add("readout");
        readout.setMaxWidth(Double.MAX_VALUE);
        formulaName.getStyleClass().add("formula-name");
        formula.setId("formula");
        formula.getStyleClass().add("formula");
        whenToUse.setId("when-to-use");
        whenToUse.getStyleClass().add("when-to-use");
        whenToUse.setWrapText(true);
        VBox card = new VBox(2, formulaName, formula, whenToUse);
        card.getStyleClass().add("formula-card");

        VBox center = new VBox(6, readout, viewer, card);
        VBox.setVgrow(viewer, Priority.ALWAYS);
        center.setPadding(new Insets(8));
        setCenter(center);
        setLeft(buildSidebar());

        model.revisionProperty().addListener((o, a, b) -> scheduler.request());
        model.selectedIdProperty().addListener((o, a, b) -> {
            if (model.isCustom(b)) {
                String source = ((org.losslab.kernel.custom.ExpressionLoss) model.loss(b)).source();
                if (!customField.getText().strip().equals(source)) {
                    // Only when another loss is picked: the text just typed keeps its caret.
                    customField.setText(source);
                }
                clearCustomError();
            }
        });
        redraw();
    }

    private ScrollPane buildSidebar() {
        ToggleGroup axisGroup = new ToggleGroup();
        ToggleButton regression = new ToggleButton("Regression");
        regression.setId("axis-residual");
        regression.setTooltip(new Tooltip("Plot against the residual r = prediction − target"));
        ToggleButton classification = new ToggleButton("Classification");
        classification.setId("axis-score");
        classification.setTooltip(new Tooltip("Plot against the score or logit z"));
        ToggleButton preference = new ToggleButton("Preference");
        preference.setId("axis-preference");
        preference.setTooltip(new Tooltip("Plot DPO against the preference margin Δ: the chosen answer's log-ratio "
                + "to the reference minus the rejected one's"));
        regression.setToggleGroup(axisGroup);
        classification.setToggleGroup(axisGroup);
        preference.setToggleGroup(axisGroup);
        regression.setSelected(model.axisProperty().get() == Axis.RESIDUAL);
        classification.setSelected(model.axisProperty().get() == Axis.SCORE);
        preference.setSelected(model.axisProperty().get() == Axis.PREFERENCE);
        // A restored session sets the model: the toggles follow it.
        model.axisProperty().addListener((o, a, b) -> (b == Axis.RESIDUAL ? regression : b == Axis.SCORE
                ? classification : preference).setSelected(true));
        axisGroup.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
                return;
            }
            model.axisProperty().set(b == regression ? Axis.RESIDUAL : b == classification ? Axis.SCORE
                    : Axis.PREFERENCE);
        });
        HBox axisRow = new HBox(regression, classification, preference);
        axisRow.getStyleClass().add("segmented");

        ToggleGroup labelGroup = new ToggleGroup();
        ToggleButton positive = new ToggleButton("label y = 1");
        positive.setId("label-positive");
        ToggleButton negative = new ToggleButton("label y = 0 / −1");
        negative.setId("label-negative");
        positive.setToggleGroup(labelGroup);
        negative.setToggleGroup(labelGroup);
        positive.setSelected(true);
        model.positiveLabelProperty().addListener((o, a, b) -> (b ? positive : negative).setSelected(true));
        labelGroup.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
                return;
            }
            model.positiveLabelProperty().set(b == positive);
        });
        HBox labelRow = new HBox(positive, negative);
        labelRow.getStyleClass().add("segmented");
        labelRow.visibleProperty().bind(model.axisProperty().isEqualTo(Axis.SCORE));
        labelRow.managedProperty().bind(labelRow.visibleProperty());

        compareBetas.setId("compare-betas");
        compareBetas.setSelected(true);
        compareBetas.selectedProperty().addListener(o -> scheduler.request());
        compareBetas.visibleProperty().bind(model.axisProperty().isEqualTo(Axis.PREFERENCE));
        compareBetas.managedProperty().bind(compareBetas.visibleProperty());
        compareBetas.setWrapText(true);

        CheckBox derivative = new CheckBox("Show derivative ℓ′ (dashed)");
        derivative.setId("show-derivative");
        derivative.selectedProperty().bindBidirectional(model.showDerivativeProperty());

        Slider range = new Slider(0.5, 20, model.halfWidthProperty().get());
        range.setId("x-range");
        range.valueProperty().bindBidirectional(model.halfWidthProperty());
        rangeLabel.setId("x-range-label");

        VBox side = new VBox(8,
                Sidebar.heading("Axis"), axisRow, labelRow, compareBetas,
                Sidebar.heading("Losses"), lossList,
                Sidebar.heading("Your own loss"), buildCustomEditor(),
                Sidebar.heading("Parameters"), paramBox,
                Sidebar.heading("Display"), derivative, rangeLabel, range);
        side.setPadding(new Insets(10));
        side.getStyleClass().add("sidebar");
        ScrollPane scroll = new ScrollPane(side);
        scroll.setFitToWidth(true);
        Theme.get().prefWidth(scroll, 330);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        return scroll;
    }

    private VBox buildCustomEditor() {
        Label help = new Label("An expression of r = p − y, the target y and the prediction p, "
                + "e.g. log(1 + r^2)");
        help.setWrapText(true);
        help.getStyleClass().add("hint");
        customField.setId("custom-expression");
        customField.setPromptText("r > 0 ? abs(r) : 10*abs(r)");
        customField.setTooltip(new Tooltip("+ − * / ^, comparisons, c ? a : b, abs, exp, log, log1p, sqrt, pow, "
                + "min, max, tanh, sigmoid, softplus, pi, e"));
        customField.setOnAction(e -> {
            if (model.isCustom(model.selectedIdProperty().get())) {
                applyCustom();
            } else {
                addCustom();
            }
        });
        customField.textProperty().addListener((o, a, b) -> clearCustomError());
        customError.setId("custom-error");
        customError.getStyleClass().add("field-error");
        customError.setWrapText(true);
        customError.setManaged(false);
        customError.setVisible(false);
        customHint.setId("custom-hint");
        customHint.getStyleClass().add("hint");
        customHint.setWrapText(true);

        Button add = new Button("Add");
        add.setId("custom-add");
        add.setTooltip(new Tooltip("Add the expression as a new loss"));
        add.setOnAction(e -> addCustom());
        customApply.setId("custom-apply");
        customApply.setTooltip(new Tooltip("Replace the selected custom loss's expression"));
        customApply.setOnAction(e -> applyCustom());
        customRemove.setId("custom-remove");
        customRemove.setTooltip(new Tooltip("Remove the selected custom loss"));
        customRemove.setOnAction(e -> {
            String key = model.selectedIdProperty().get();
            if (model.isCustom(key)) {
                model.customLosses().remove(key);
            }
        });
        MenuButton presets = new MenuButton("Examples");
        presets.setTooltip(new Tooltip("Add one of these example losses"));
        presets.setId("custom-presets");
        for (String[] preset : PRESETS) {
            MenuItem item = new MenuItem(preset[0] + ":  " + preset[1]);
            item.setOnAction(e -> {
                customField.setText(preset[1]);
                addCustom();
            });
            presets.getItems().add(item);
        }
        for (Button b : new Button[] {add, customApply, customRemove}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        presets.setMinWidth(Region.USE_PREF_SIZE);
        HBox buttons = new HBox(5, add, customApply, customRemove, presets);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(4, help, customField, customError, buttons, customHint);
        box.setId("custom-editor");
        return box;
    }

    /** Adds the field's expression as a new custom loss; a mistake is shown in place and nothing changes. */
    public void addCustom() {
        try {
            model.customLosses().add(customField.getText());
            clearCustomError();
        } catch (LossInputException ex) {
            showCustomError(ex);
        }
    }

    /** Replaces the selected custom loss's expression by the field's; adds one when no custom loss is selected. */
    public void applyCustom() {
        String key = model.selectedIdProperty().get();
        if (!model.isCustom(key)) {
            addCustom();
            return;
        }
        try {
            model.customLosses().replace(key, customField.getText());
            clearCustomError();
        } catch (LossInputException ex) {
            showCustomError(ex);
        }
    }

    private void showCustomError(LossInputException ex) {
        customError.setText(ex.getMessage());
        customError.setManaged(true);
        customError.setVisible(true);
        if (!customField.getStyleClass().contains("invalid")) {
            customField.getStyleClass().add("invalid");
        }
        customField.requestFocus();
        if (ex instanceof ExpressionSyntaxException syntax) {
            int caret = Math.max(0, Math.min(customField.getLength(), syntax.getColumn() - 1));
            customField.positionCaret(caret);
        }
    }

    private void clearCustomError() {
        customError.setText("");
        customError.setManaged(false);
        customError.setVisible(false);
        customField.getStyleClass().remove("invalid");
    }

    /** The editor's message: empty when the last expression was read. */
    public String customErrorText() {
        return customError.isVisible() ? customError.getText() : "";
    }

    private void updateCustomButtons() {
        String key = model.selectedIdProperty().get();
        boolean custom = model.isCustom(key);
        customApply.setDisable(!custom);
        customRemove.setDisable(!custom);
        String name = custom ? model.customLosses().find(key).map(CustomLosses.Entry::name).orElse(key) : "";
        customApply.getTooltip().setText(custom ? "Replace the expression of " + name
                : "Select a custom loss in the list to edit it");
        customHint.setText(custom ? "Enter updates " + name + "; Add makes a new one." : "Enter adds a new loss.");
    }


    /** Rebuilds the loss list and parameter editors (when the set of shown losses or the axis changed). */
    private void rebuildControls() {
        lossList.getChildren().clear();
        for (String key : model.visibleKeys()) {
            LossDefinition d = model.loss(key).definition();
            Rectangle swatch = new Rectangle(14, 14, Palette.fx(key));
            CheckBox box = new CheckBox(model.displayName(key));
            box.setId("show-" + key);
            box.setSelected(model.isShown(key));
            box.selectedProperty().addListener((o, a, b) -> model.setShown(key, b));
            box.setTooltip(LossTooltips.tooltip(model.isCustom(key) ? "Your loss: " + d.formula()
                    + "\nClick the row to edit it below." : LossTooltips.text(d)));
            HBox row = new HBox(6, swatch, box);
            row.setAlignment(Pos.CENTER_LEFT);
            row.setOnMouseClicked(e -> model.selectedIdProperty().set(key));
            if (key.equals(model.selectedIdProperty().get())) {
                row.getStyleClass().add("selected-row");
            }
            lossList.getChildren().add(row);
        }
        paramBox.getChildren().clear();
        boolean any = false;
        for (Loss loss : model.shownLosses()) {
            List<ParamSpec> specs = loss.definition().params();
            if (specs.isEmpty()) {
                continue;
            }
            any = true;
            Label title = new Label(loss.definition().displayName());
            title.setTextFill(Palette.fx(loss.id()));
            title.getStyleClass().add("param-group");
            paramBox.getChildren().add(title);
            for (ParamSpec spec : specs) {
                String id = loss.id();
                paramBox.getChildren().add(new ParamEditor(id, spec, loss.param(spec.name()),
                        v -> model.setLoss(model.loss(id).with(spec.name(), v))));
            }
        }
        if (!any) {
            Label none = new Label("The shown losses have no parameters.");
            none.getStyleClass().add("hint");
            paramBox.getChildren().add(none);
        }
    }

    /** What this view shows, as plain data for a session file (custom losses by key). */
    public SessionState.Curves captureState() {
        List<String> shown = new ArrayList<>();
        Map<String, Map<String, Double>> params = new LinkedHashMap<>();
        for (LossDefinition d : Losses.all()) {
            if (model.isShown(d.id())) {
                shown.add(d.id());
            }
            if (!d.params().isEmpty()) {
                params.put(d.id(), model.loss(d.id()).params());
            }
        }
        for (CustomLosses.Entry e : model.customLosses().entries()) {
            if (model.isShown(e.key())) {
                shown.add(e.key());
            }
        }
        return new SessionState.Curves(model.axisProperty().get() == Axis.RESIDUAL ? "residual"
                : model.axisProperty().get() == Axis.SCORE ? "score" : "preference",
                model.positiveLabelProperty().get(), model.showDerivativeProperty().get(),
                model.halfWidthProperty().get(), model.selectedIdProperty().get(), shown, params);
    }

    /** Shows a saved (and checked) state: axis, label, shown losses and their parameters, derivative, range. */
    public void restoreState(SessionState.Curves c) {
        model.axisProperty().set(c.axis().equals("score") ? Axis.SCORE : c.axis().equals("preference")
                ? Axis.PREFERENCE : Axis.RESIDUAL);
        model.positiveLabelProperty().set(c.positiveLabel());
        for (Map.Entry<String, Map<String, Double>> e : c.params().entrySet()) {
            Loss loss = Losses.get(e.getKey());
            for (Map.Entry<String, Double> p : e.getValue().entrySet()) {
                loss = loss.with(p.getKey(), p.getValue());
            }
            model.setLoss(loss);
        }
        List<String> keys = new ArrayList<>();
        for (LossDefinition d : Losses.all()) {
            keys.add(d.id());
        }
        for (CustomLosses.Entry e : model.customLosses().entries()) {
            keys.add(e.key());
        }
        for (String key : keys) {
            model.setShown(key, c.shown().contains(key));
        }
        model.selectedIdProperty().set(c.selected());
        model.showDerivativeProperty().set(c.derivative());
        model.halfWidthProperty().set(c.halfWidth());
        lastStructure = "";
        scheduler.request();
    }

    private String structureKey() {
        StringBuilder sb = new StringBuilder(model.axisProperty().get().name()).append('|')
                .append(model.selectedIdProperty().get());
        for (String key : model.visibleKeys()) {
            sb.append('|').append(key).append(model.isShown(key) ? "+" : "-");
            if (model.isCustom(key)) {
                sb.append(model.displayName(key));
            }
        }
        return sb.toString();
    }

    private String lastStructure = "";

    /**
     * Whether the view can be seen: in a scene, and neither it nor a parent hidden (the workspace hides the contents
     * of tabs that are not selected). A hidden view does not redraw; it redraws when shown again.
     */
    private boolean isShown() {
        if (getScene() == null) {
            return false;
        }
        for (javafx.scene.Node n = this; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** Redraws now if something changed while the view was hidden (the main window calls it when its tab shows). */
    public void refreshIfStale() {
        if (stale) {
            scheduler.request();
        }
    }

    private boolean stale;
    /** The β values drawn beside dpo's own on the preference axis. */
    public static final double[] COMPARED_BETAS = {0.1, 0.5, 1.0, 2.0};
    private final CheckBox compareBetas = new CheckBox("Also dpo at β = 0.1, 0.5, 1, 2 (thin)");

    private void redraw() {
        if (!isShown()) {
            stale = true;
            return;
        }
        stale = false;
        long t0 = System.nanoTime();
        String structure = structureKey();
        if (!structure.equals(lastStructure)) {
            lastStructure = structure;
            rebuildControls();
        }
        List<LossCurvesModel.Curve> curves = model.compute();
        DefaultXYDataset next = new DefaultXYDataset();
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
        chart.setNotify(false);
        int series = 0;
        boolean derivative = model.showDerivativeProperty().get();
        for (LossCurvesModel.Curve c : curves) {
            String name = c.name();
            next.addSeries(name, new double[][] {c.x(), c.value()});
            resetSeries(renderer, series);
            renderer.setSeriesPaint(series, Palette.awt(c.key()));
            renderer.setSeriesStroke(series, Theme.get().stroke(2.5f));
            series++;
            if (derivative) {
                next.addSeries(name + " ℓ′", new double[][] {c.x(), c.derivative()});
                resetSeries(renderer, series);
                renderer.setSeriesPaint(series, Palette.awt(c.key()));
                renderer.setSeriesStroke(series, Theme.get().dashed(2.0f, 7f, 5f));
                series++;
            }
        }
        if (model.axisProperty().get() == Axis.PREFERENCE && compareBetas.isSelected() && !curves.isEmpty()) {
            double[] xs = curves.get(0).x();
            java.awt.Color[] shades = {new java.awt.Color(0x56B4E9), new java.awt.Color(0x009E73),
                new java.awt.Color(0xE69F00), new java.awt.Color(0x7F7F7F)};
            for (int b = 0; b < COMPARED_BETAS.length; b++) {
                double beta = COMPARED_BETAS[b];
                double[] v = new double[xs.length];
                double[] d = new double[xs.length];
                for (int i = 0; i < xs.length; i++) {
                    v[i] = org.losslab.kernel.Dpo.loss(xs[i], beta);
                    d[i] = org.losslab.kernel.Dpo.dLoss(xs[i], beta);
                }
                String label = String.format(Locale.ROOT, "dpo β = %s", org.losslab.ui.AxisTicks.format(beta));
                next.addSeries(label, new double[][] {xs, v});
                resetSeries(renderer, series);
                renderer.setSeriesPaint(series, shades[b]);
                renderer.setSeriesStroke(series, Theme.get().stroke(1.3f));
                series++;
                if (derivative) {
                    next.addSeries(label + " ℓ′", new double[][] {xs, d});
                    resetSeries(renderer, series);
                    renderer.setSeriesPaint(series, shades[b]);
                    renderer.setSeriesStroke(series, Theme.get().dashed(1.1f, 5f, 4f));
                    series++;
                }
            }
        }
        double[] res = model.residuals();
        if (res.length > 0 && model.axisProperty().get() == Axis.RESIDUAL) {
            for (LossCurvesModel.Curve c : curves) {
                double[] v = new double[res.length];
                org.losslab.kernel.LossCurves.sample(c.loss(), Axis.RESIDUAL, true, res, v, null);
                LossCurvesModel.gaps(v, null);
                next.addSeries(c.key() + " at the data's residuals (" + model.residualSource() + ")",
                        new double[][] {res, v});
                renderer.setSeriesPaint(series, Palette.awt(c.key()));
                renderer.setSeriesLinesVisible(series, false);
                renderer.setSeriesShapesVisible(series, true);
                double dot = Theme.get().px(4);
                renderer.setSeriesShape(series, new java.awt.geom.Ellipse2D.Double(-dot, -dot, 2 * dot, 2 * dot));
                renderer.setSeriesVisibleInLegend(series, false);
                series++;
            }
        }
        for (int k = series; k < series + 40; k++) {
            renderer.setSeriesLinesVisible(k, null);
            renderer.setSeriesShapesVisible(k, null);
            renderer.setSeriesVisibleInLegend(k, null);
        }
        dataset = next;
        plot.setDataset(dataset);
        xAxis.setLabel(model.axisProperty().get().label());
        yAxis.setLabel(derivative ? "loss ℓ and derivative ℓ′" : "loss ℓ");
        chart.setNotify(true);
        updateFormula();
        updateCustomButtons();
        double chosen = model.halfWidthProperty().get();
        double plotted = model.plottedHalfWidth();
        rangeLabel.setText(String.format(Locale.ROOT, "x from −%.1f to %.1f", plotted, plotted)
                + (plotted > chosen ? " (widened to the data's residuals)" : ""));
        drawnRevision = model.revisionProperty().get();
        org.losslab.ui.FrameMonitor.get().record("loss curves", System.nanoTime() - t0);
    }

    private static void resetSeries(XYLineAndShapeRenderer renderer, int series) {
        renderer.setSeriesLinesVisible(series, true);
        renderer.setSeriesShapesVisible(series, false);
        renderer.setSeriesVisibleInLegend(series, true);
    }

    private void updateFormula() {
        String id = model.selectedIdProperty().get();
        Loss loss = model.loss(id);
        LossDefinition d = loss.definition();
        formulaName.setText(model.displayName(id) + (d.params().isEmpty() ? "" : "   (" + loss.spec() + ")"));
        formulaName.setTextFill(Palette.fx(id));
        formula.setText(d.formula());
        whenToUse.setText(d.whenToUse());
    }

    private void hover(MouseEvent e) {
        var info = viewer.getCanvas().getRenderingInfo();
        if (info == null || info.getPlotInfo() == null) {
            return;
        }
        var area = info.getPlotInfo().getDataArea();
        Point2D p = new Point2D(e.getX(), e.getY());
        if (!area.contains(p.getX(), p.getY())) {
            readout.setText(HOVER_HINT);
            return;
        }
        double x = xAxis.java2DToValue(p.getX(), area, RectangleEdge.BOTTOM);
        showReadout(x);
        plot.setDomainCrosshairValue(x);
    }

    /** Shows the read-out at x: every shown loss's value and derivative, from the kernels. */
    public void showReadout(double x) {
        StringBuilder sb = new StringBuilder(model.axisProperty().get() == Axis.RESIDUAL ? "r = "
                : model.axisProperty().get() == Axis.SCORE ? "z = " : "Δ = ")
                .append(fmt(x));
        for (Map.Entry<String, double[]> en : model.readOut(x).entrySet()) {
            String key = en.getKey();
            String name = model.isCustom(key)
                    ? model.customLosses().find(key).map(CustomLosses.Entry::name).orElse(key) : key;
            sb.append("   │   ").append(name).append(": ℓ = ").append(fmt(en.getValue()[0]))
                    .append(", ℓ′ = ").append(fmt(en.getValue()[1]));
        }
        readout.setText(sb.toString());
    }

    /** A number for the read-out; "undefined" where the loss is not finite (never "NaN"). */
    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "undefined";
    }

    /** The read-out's text now. */
    public String readoutText() {
        return readout.getText();
    }

    /** The custom-loss expression field. */
    public TextField customField() {
        return customField;
    }

    /** The plotted data, for tests and export. */
    public XYDataset dataset() {
        return dataset;
    }

    /** The model revision last drawn; equals the model's revision once a change has been applied. */
    public long drawnRevision() {
        return drawnRevision;
    }

    public LossCurvesModel model() {
        return model;
    }

    public JFreeChart chart() {
        return chart;
    }
}
