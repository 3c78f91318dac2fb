package org.losslab.ui.curves;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.losslab.kernel.Loss;
import org.losslab.kernel.LossCurves;
import org.losslab.kernel.LossCurves.Axis;
import org.losslab.kernel.LossDefinition;
import org.losslab.kernel.Losses;

/**
 * State of the Loss curves view: the axis, which losses are shown with which parameters, the derivative toggle and
 * the x-range. It knows no controls; the view binds to it and redraws when {@link #revisionProperty()} changes.
 */
public final class LossCurvesModel {
    /** Samples per curve: enough for a smooth line at any window width. */
    public static final int SAMPLES = 801;

    private final ObjectProperty<Axis> axis = new SimpleObjectProperty<>(Axis.RESIDUAL);
    private final BooleanProperty positiveLabel = new SimpleBooleanProperty(true);
    private final BooleanProperty showDerivative = new SimpleBooleanProperty(false);
    private final DoubleProperty halfWidth = new SimpleDoubleProperty(3.0);
    private final ObjectProperty<String> selectedId = new SimpleObjectProperty<>("mse");
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper();

    private final Map<String, Loss> configured = new LinkedHashMap<>();
    private final Map<String, Boolean> shown = new LinkedHashMap<>();

    /** One sampled curve. */
    public record Curve(Loss loss, double[] x, double[] value, double[] derivative) {
    }

    public LossCurvesModel() {
        for (LossDefinition d : Losses.all()) {
            configured.put(d.id(), d.createDefault());
            shown.put(d.id(), false);
        }
        shown.put("mse", true);
        shown.put("mae", true);
        shown.put("huber", true);
        shown.put("bce_logits", true);
        shown.put("hinge", true);
        axis.addListener((o, a, b) -> {
            halfWidth.set(b == Axis.RESIDUAL ? 3.0 : 6.0);
            LossDefinition first = visibleDefinitions().get(0);
            if (!LossCurves.supports(configured.get(selectedId.get()), b)) {
                selectedId.set(firstShownOr(first.id()));
            }
            bump();
        });
        positiveLabel.addListener((o, a, b) -> bump());
        showDerivative.addListener((o, a, b) -> bump());
        halfWidth.addListener((o, a, b) -> bump());
        selectedId.addListener((o, a, b) -> bump());
    }

    private String firstShownOr(String fallback) {
        for (LossDefinition d : visibleDefinitions()) {
            if (shown.get(d.id())) {
                return d.id();
            }
        }
        return fallback;
    }

    private void bump() {
        revision.set(revision.get() + 1);
    }

    /** Increments on every change that alters the plot. */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public ObjectProperty<Axis> axisProperty() {
        return axis;
    }

    public BooleanProperty positiveLabelProperty() {
        return positiveLabel;
    }

    public BooleanProperty showDerivativeProperty() {
        return showDerivative;
    }

    public DoubleProperty halfWidthProperty() {
        return halfWidth;
    }

    public ObjectProperty<String> selectedIdProperty() {
        return selectedId;
    }

    /** The losses that have a curve on the current axis, in library order. */
    public List<LossDefinition> visibleDefinitions() {
        List<LossDefinition> out = new ArrayList<>();
        for (LossDefinition d : Losses.all()) {
            if (LossCurves.supports(configured.get(d.id()), axis.get())) {
                out.add(d);
            }
        }
        return out;
    }

    /** The loss with its current parameters. */
    public Loss loss(String id) {
        return configured.get(id);
    }

    /** Replaces a loss's parameters (the loss must have the same id). */
    public void setLoss(Loss loss) {
        configured.put(loss.id(), loss);
        bump();
    }

    public boolean isShown(String id) {
        return shown.getOrDefault(id, false);
    }

    public void setShown(String id, boolean value) {
        if (shown.put(id, value) != Boolean.valueOf(value)) {
            if (value) {
                selectedId.set(id);
            }
            bump();
        }
    }

    /** The shown losses on the current axis, in library order. */
    public List<Loss> shownLosses() {
        List<Loss> out = new ArrayList<>();
        for (LossDefinition d : visibleDefinitions()) {
            if (shown.get(d.id())) {
                out.add(configured.get(d.id()));
            }
        }
        return out;
    }

    private double[] residuals = new double[0];
    private String residualSource = "";

    /**
     * Residuals r_i = prediction - target of data points (from the data view's selected fit), drawn as dots on each
     * regression curve; empty for none.
     */
    public void setResiduals(double[] values, String source) {
        residuals = values.clone();
        residualSource = source;
        bump();
    }

    public double[] residuals() {
        return residuals.clone();
    }

    /** Where the residual dots come from, for the legend. */
    public String residualSource() {
        return residualSource;
    }

    /** Samples every shown loss on [-halfWidth, halfWidth], through the kernels. */
    public List<Curve> compute() {
        double w = plottedHalfWidth();
        double[] xs = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            xs[i] = -w + 2.0 * w * i / (SAMPLES - 1);
        }
        List<Curve> curves = new ArrayList<>();
        for (Loss loss : shownLosses()) {
            double[] v = new double[SAMPLES];
            double[] d = new double[SAMPLES];
            LossCurves.sample(loss, axis.get(), positiveLabel.get(), xs, v, d);
            curves.add(new Curve(loss, xs, v, d));
        }
        return curves;
    }

    /**
     * The half-width actually plotted: the chosen one, widened on the residual axis so that every data residual's
     * dot sits on a drawn curve.
     */
    public double plottedHalfWidth() {
        double w = halfWidth.get();
        if (axis.get() == Axis.RESIDUAL) {
            for (double r : residuals) {
                if (Double.isFinite(r)) {
                    w = Math.max(w, 1.05 * Math.abs(r));
                }
            }
        }
        return w;
    }

    /** The value and derivative of each shown loss at one x, for the hover read-out. */
    public Map<Loss, double[]> readOut(double x) {
        Map<Loss, double[]> out = new LinkedHashMap<>();
        for (Loss loss : shownLosses()) {
            out.put(loss, LossCurves.at(loss, axis.get(), positiveLabel.get(), x));
        }
        return out;
    }
}
