package org.losslab.ui.descent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;

/**
 * The learning rate: a slider on a log scale from 1e-4 to 10, an exact typed entry (any positive finite number,
 * also outside the slider's range), and marks on the slider for the rates that matter on the current problem
 * (the stability limit 2/L, the best constant rate, the momentum limit). A refused entry shows its reason in place
 * and the last valid rate stays in use.
 */
public final class LearningRateControl extends VBox {
    /** Slider ends, as powers of ten. */
    public static final double MIN_EXP = -4;
    public static final double MAX_EXP = 1;

    /** A mark on the slider. */
    public record Mark(double rate, String label, Color colour) {
    }

    private final DoubleProperty rate = new SimpleDoubleProperty(0.01);
    private final Slider slider = new Slider(MIN_EXP, MAX_EXP, -2);
    private final TextField field = new TextField("0.01");
    private final Label error = new Label();
    private final Pane marks = new Pane();
    private List<Mark> markList = new ArrayList<>();
    private boolean updating;

    public LearningRateControl() {
        getStyleClass().add("lr-control");
        slider.setId("lr-slider");
        field.setId("lr-field");
        field.setPrefColumnCount(8);
        slider.setBlockIncrement(0.05);
        slider.setTooltip(new Tooltip("Learning rate on a log scale, 1e-4 to 10; type an exact value in the box"));
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        error.setVisible(false);
        error.setManaged(false);
        Label name = new Label("learning rate");
        HBox row = new HBox(6, name, field);
        row.setAlignment(Pos.CENTER_LEFT);
        marks.setPrefHeight(30);
        marks.setMinHeight(30);
        HBox.setHgrow(slider, Priority.ALWAYS);
        getChildren().addAll(row, slider, marks, error);
        setSpacing(2);

        slider.valueProperty().addListener((o, a, b) -> {
            if (!updating) {
                double r = Math.pow(10, b.doubleValue());
                setRate(roundSignificant(r, 3));
            }
        });
        field.setOnAction(e -> commitText());
        field.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                commitText();
            }
        });
        rate.addListener((o, a, b) -> syncControls());
        slider.widthProperty().addListener(o -> layoutMarks());
    }

    private static double roundSignificant(double v, int digits) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        double scale = Math.pow(10, digits - 1 - Math.floor(Math.log10(Math.abs(v))));
        return Math.rint(v * scale) / scale;
    }

    private void commitText() {
        String text = field.getText().strip();
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException ex) {
            showError("'" + text + "' is not a number; kept " + format(rate.get()));
            return;
        }
        if (!(v > 0) || !Double.isFinite(v)) {
            showError("the learning rate must be a positive number (got " + text + "); kept " + format(rate.get()));
            return;
        }
        setRate(v);
    }

    private void showError(String message) {
        error.setText(message);
        error.setVisible(true);
        error.setManaged(true);
        if (!field.getStyleClass().contains("invalid")) {
            field.getStyleClass().add("invalid");
        }
    }

    /** Sets the rate (must be positive and finite). */
    public void setRate(double v) {
        error.setVisible(false);
        error.setManaged(false);
        field.getStyleClass().remove("invalid");
        rate.set(v);
        syncControls();
    }

    private void syncControls() {
        updating = true;
        try {
            double v = rate.get();
            slider.setValue(Math.max(MIN_EXP, Math.min(MAX_EXP, Math.log10(v))));
            field.setText(format(v));
        } finally {
            updating = false;
        }
    }

    /** Formats a rate compactly and exactly enough to retype: 0.01, 0.000123, 2.5. */
    public static String format(double v) {
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) {
            return s.replaceAll("\\.?0+e", "e");
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /** The rate in use. */
    public DoubleProperty rateProperty() {
        return rate;
    }

    /** Replaces the marks drawn under the slider. */
    public void setMarks(List<Mark> list) {
        markList = new ArrayList<>(list);
        layoutMarks();
    }

    public List<Mark> marks() {
        return List.copyOf(markList);
    }

    private void layoutMarks() {
        marks.getChildren().clear();
        double w = slider.getWidth();
        double inset = 8;
        int row = 0;
        for (Mark m : markList) {
            double e = Math.log10(m.rate());
            if (!(e >= MIN_EXP && e <= MAX_EXP)) {
                continue;
            }
            double x = inset + (e - MIN_EXP) / (MAX_EXP - MIN_EXP) * (w - 2 * inset);
            Line tick = new Line(x, 0, x, 6);
            tick.setStroke(m.colour());
            tick.setStrokeWidth(2);
            Label l = new Label(m.label());
            l.setTextFill(m.colour());
            l.setStyle("-fx-font-size: 11px;");
            // Marks close together (2/L and the best rate often are) take turns between two rows of labels.
            l.setLayoutX(x - 10);
            l.setLayoutY(4 + 13 * (row++ % 2));
            Tooltip.install(l, new Tooltip(m.label() + " = " + format(m.rate())));
            marks.getChildren().addAll(tick, l);
        }
    }

    public Slider slider() {
        return slider;
    }

    public TextField field() {
        return field;
    }

    public String errorText() {
        return error.isVisible() ? error.getText() : "";
    }
}
