package org.losslab.ui;

import java.util.function.DoubleConsumer;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.losslab.kernel.Loss;
import org.losslab.kernel.LossInputException;
import org.losslab.kernel.Losses;
import org.losslab.kernel.ParamSpec;

/**
 * A slider with an exact typed entry for one loss parameter. The slider covers a typical range; the text field
 * takes any valid value (including {@code -inf} where allowed). A value outside the parameter's range is refused
 * with a message in place, and the last valid value stays in use.
 */
public final class ParamEditor extends VBox {
    private final ParamSpec spec;
    private final Slider slider;
    private final TextField field = new TextField();
    private final Label error = new Label();
    private final DoubleConsumer onChange;
    private double value;
    private boolean updating;

    public ParamEditor(String lossId, ParamSpec spec, double initial, DoubleConsumer onChange) {
        this.spec = spec;
        this.onChange = onChange;
        this.value = initial;
        double hi = Double.isFinite(spec.max()) ? spec.max() : Math.max(5.0, 5.0 * spec.defaultValue());
        double lo = Double.isFinite(spec.min()) ? spec.min() : -10.0;
        if (!spec.minInclusive() && lo == 0.0) {
            lo = hi / 500.0;
        }
        slider = new Slider(lo, hi, clamp(initial, lo, hi));
        slider.setBlockIncrement((hi - lo) / 50.0);
        slider.setId("param-" + lossId + "-" + spec.name());
        field.setId("field-" + lossId + "-" + spec.name());
        field.setPrefColumnCount(6);
        field.setText(Loss.formatParam(initial));
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        error.setManaged(false);
        error.setVisible(false);

        Label name = new Label(spec.name());
        name.getStyleClass().add("param-name");
        Tooltip tip = new Tooltip(spec.description() + "\nvalid: " + spec.rangeText() + ", default "
                + Loss.formatParam(spec.defaultValue()));
        Tooltip.install(name, tip);
        slider.setTooltip(tip);

        GridPane row = new GridPane();
        row.setHgap(6);
        row.add(name, 0, 0);
        row.add(slider, 1, 0);
        row.add(field, 2, 0);
        GridPane.setHgrow(slider, Priority.ALWAYS);
        getChildren().addAll(row, error);
        setPadding(new Insets(2, 0, 2, 0));

        slider.valueProperty().addListener((o, a, b) -> {
            if (!updating) {
                commit(round(b.doubleValue()), true);
            }
        });
        field.setOnAction(e -> commitText());
        field.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                commitText();
            }
        });
    }

    /** Rounds slider values to three significant decimals so the field shows a clean number. */
    private static double round(double v) {
        double scale = Math.abs(v) >= 10 ? 100 : 1000;
        return Math.rint(v * scale) / scale;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private void commitText() {
        String text = field.getText();
        double parsed;
        try {
            parsed = Losses.parseNumber(text, spec.name());
        } catch (LossInputException ex) {
            showError(ex.getMessage());
            return;
        }
        if (!spec.accepts(parsed)) {
            showError(spec.name() + " must be in " + spec.rangeText() + " (got " + text.strip() + "); kept "
                    + Loss.formatParam(value));
            return;
        }
        commit(parsed, false);
    }

    private void commit(double v, boolean fromSlider) {
        if (!spec.accepts(v)) {
            return;
        }
        hideError();
        value = v;
        updating = true;
        try {
            if (!fromSlider) {
                slider.setValue(clamp(v, slider.getMin(), slider.getMax()));
            }
            field.setText(Loss.formatParam(v));
        } finally {
            updating = false;
        }
        onChange.accept(v);
    }

    private void showError(String message) {
        error.setText(message);
        error.setManaged(true);
        error.setVisible(true);
        if (!field.getStyleClass().contains("invalid")) {
            field.getStyleClass().add("invalid");
        }
    }

    private void hideError() {
        error.setManaged(false);
        error.setVisible(false);
        field.getStyleClass().remove("invalid");
    }

    /** The value in use. */
    public double value() {
        return value;
    }

    /** The message shown for the last refused entry, or empty. */
    public String errorText() {
        return error.isVisible() ? error.getText() : "";
    }

    public Slider slider() {
        return slider;
    }

    public TextField field() {
        return field;
    }
}
