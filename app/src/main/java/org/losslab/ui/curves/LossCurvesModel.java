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
import javafx.collections.ListChangeListener;
import org.losslab.kernel.Loss;
import org.losslab.kernel.LossCurves;
import org.losslab.kernel.LossCurves.Axis;
import org.losslab.kernel.LossDefinition;
import org.losslab.kernel.Losses;
import org.losslab.ui.CustomLosses;

/**
 * State of the Loss curves view: the axis, which losses are shown with which parameters, the derivative toggle and
 * the x-range. It knows no controls; the view binds to it and redraws when {@link #revisionProperty()} changes.
 *
 * <p>Losses are identified by a key: the library's identifier ({@code mse}, {@code huber}, ...) or a custom loss's
 * key from the shared {@link CustomLosses} store ({@code custom-1}, ...). The custom losses follow the store: a new
 * one is shown and selected at once, a changed one is replotted, a removed one disappears.
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
    private final CustomLosses customs;

    /**
     * One sampled curve of the loss with this key and display name. Where the loss is not finite (log(r) for
     * r &lt;= 0) the value or derivative is NaN, which the chart draws as a gap.
     */
    public record Curve(String key, String name, Loss loss, double[] x, double[] value, double[] derivative) {
    }

    /** A model with a store of its own (no custom losses until some are added to {@link #customLosses()}). */
    public LossCurvesModel() {
        this(new CustomLosses());
    }

    /** A model that shows the custom losses of a shared store beside the library's. */
    public LossCurvesModel(CustomLosses customs) {
        this.customs = customs;
        for (LossDefinition d : Losses.all()) {
            configured.put(d.id(), d.createDefault());
            shown.put(d.id(), false);
        }
        shown.put("mse", true);
        shown.put("mae", true);
        shown.put("huber", true);
        shown.put("bce_logits", true);
        shown.put("hinge", true);
        shown.put("dpo", true);
        axis.addListener((o, a, b) -> {
            halfWidth.set(b == Axis.RESIDUAL ? 3.0 : b == Axis.PREFERENCE ? 10.0 : 6.0);
            String first = visibleKeys().get(0);
            if (!LossCurves.supports(configured.get(selectedId.get()), b)) {
                selectedId.set(firstShownOr(first));
            }
            bump();
        });
        for (CustomLosses.Entry e : customs.entries()) {
            configured.put(e.key(), e.loss());
            shown.put(e.key(), true);
        }
        customs.entries().addListener((ListChangeListener<CustomLosses.Entry>) c -> syncCustoms());
        positiveLabel.addListener((o, a, b) -> bump());
        showDerivative.addListener((o, a, b) -> bump());
        halfWidth.addListener((o, a, b) -> bump());
        selectedId.addListener((o, a, b) -> bump());
    }

    private String firstShownOr(String fallback) {
        for (String key : visibleKeys()) {
            if (shown.get(key)) {
                return key;
            }
        }
        return fallback;
    }

    /** Brings the custom entries in line with the store: new ones shown and selected, removed ones dropped. */
    private void syncCustoms() {
        List<String> live = new ArrayList<>();
        String added = null;
        for (CustomLosses.Entry e : customs.entries()) {
            live.add(e.key());
            if (!configured.containsKey(e.key())) {
                added = e.key();
            }
            Loss before = configured.put(e.key(), e.loss());
            if (before == null || !before.equals(e.loss())) {
                shown.put(e.key(), true);
            }
        }
        configured.keySet().removeIf(k -> CustomLosses.isKey(k) && !live.contains(k));
        shown.keySet().removeIf(k -> CustomLosses.isKey(k) && !live.contains(k));
        if (added != null) {
            axis.set(Axis.RESIDUAL);
            selectedId.set(added);
        } else if (!configured.containsKey(selectedId.get())) {
            selectedId.set(firstShownOr("mse"));
        }
        bump();
    }

    /** The shared store of custom losses this model shows. */
    public CustomLosses customLosses() {
        return customs;
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

    /** The keys of the losses that have a curve on the current axis: the library's in order, then the custom ones. */
    public List<String> visibleKeys() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Loss> e : configured.entrySet()) {
            if (LossCurves.supports(e.getValue(), axis.get())) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** The definitions of the library's losses that have a curve on the current axis, in library order. */
    public List<LossDefinition> visibleDefinitions() {
        List<LossDefinition> out = new ArrayList<>();
        for (LossDefinition d : Losses.all()) {
            if (LossCurves.supports(configured.get(d.id()), axis.get())) {
                out.add(d);
            }
        }
        return out;
    }

    /** The name shown for a key: the library's display name, or "custom N: expression". */
    public String displayName(String key) {
        if (CustomLosses.isKey(key)) {
            return customs.find(key).map(CustomLosses.Entry::title).orElse(key);
        }
        Loss loss = configured.get(key);
        return loss == null ? key : loss.definition().displayName();
    }

    /** Whether the key is one of the custom losses. */
    public boolean isCustom(String key) {
        return CustomLosses.isKey(key) && configured.containsKey(key);
    }

    /** The loss with its current parameters, by key. */
    public Loss loss(String key) {
        return configured.get(key);
    }

    /** Replaces a library loss's parameters (the loss must have the same id). */
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

    /** The shown losses on the current axis, in library order, then the custom ones. */
    public List<Loss> shownLosses() {
        List<Loss> out = new ArrayList<>();
        for (String key : shownKeys()) {
            out.add(configured.get(key));
        }
        return out;
    }

    /** The keys of the shown losses on the current axis, in the order of {@link #shownLosses()}. */
    public List<String> shownKeys() {
        List<String> out = new ArrayList<>();
        for (String key : visibleKeys()) {
            if (shown.get(key)) {
                out.add(key);
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
        for (String key : shownKeys()) {
            Loss loss = configured.get(key);
            double[] v = new double[SAMPLES];
            double[] d = new double[SAMPLES];
            LossCurves.sample(loss, axis.get(), positiveLabel.get(), xs, v, d);
            gaps(v, d);
            curves.add(new Curve(key, displayName(key), loss, xs, v, d));
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

    /**
     * Non-finite values (where a custom expression is undefined or overflows) become NaN: a gap in the line. Where
     * the value is undefined the derivative is too (the kernel's forward-mode slope of log(r) at r = -1 is a finite
     * 1/r, but there is no loss there to have a slope).
     *
     * @param derivatives may be null
     */
    static void gaps(double[] values, double[] derivatives) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                values[i] = Double.NaN;
                if (derivatives != null) {
                    derivatives[i] = Double.NaN;
                }
            }
            if (derivatives != null && !Double.isFinite(derivatives[i])) {
                derivatives[i] = Double.NaN;
            }
        }
    }

    /**
     * The value and derivative of each shown loss at one x, for the hover read-out, by key; either may be NaN or
     * infinite where a custom loss is undefined (the derivative is NaN wherever the value is not finite).
     */
    public Map<String, double[]> readOut(double x) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String key : shownKeys()) {
            double[] vd = LossCurves.at(configured.get(key), axis.get(), positiveLabel.get(), x);
            gaps(new double[] {vd[0]}, null);
            if (!Double.isFinite(vd[0])) {
                vd[1] = Double.NaN;
            }
            out.put(key, vd);
        }
        return out;
    }
}
