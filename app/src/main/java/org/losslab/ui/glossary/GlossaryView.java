package org.losslab.ui.glossary;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.function.Consumer;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import org.losslab.kernel.LossDefinition;
import org.losslab.kernel.Losses;
import org.losslab.kernel.ParamSpec;
import org.losslab.ui.Sidebar;
import org.scilab.forge.jlatexmath.TeXConstants;
import org.scilab.forge.jlatexmath.TeXFormula;
import org.scilab.forge.jlatexmath.TeXIcon;

/**
 * The glossary: every loss of the library with its formula rendered as mathematics, what it is for, when it
 * misleads, its parameters, and a button that opens the view where it can be seen.
 */
public final class GlossaryView extends BorderPane {
    private final ListView<LossDefinition> list = new ListView<>();
    private final Label title = new Label();
    private final ImageView formula = new ImageView();
    private final Label formulaError = new Label();
    private final Label plain = new Label();
    private final Label purpose = new Label();
    private final Label misleads = new Label();
    private final Label params = new Label();
    private final Button open = new Button();
    private Consumer<GlossaryEntries.Place> onOpen = p -> { };
    private double formulaSize = 26;

    public GlossaryView() {
        getStyleClass().add("glossary-view");
        list.setId("glossary-list");
        for (LossDefinition d : Losses.all()) {
            list.getItems().add(d);
        }
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(LossDefinition d, boolean empty) {
                super.updateItem(d, empty);
                setText(empty || d == null ? null : d.displayName() + "  (" + d.id() + ")");
            }
        });
        list.setPrefWidth(300);
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> show(b));

        title.getStyleClass().add("glossary-title");
        title.setStyle("-fx-font-size: 1.5em; -fx-font-weight: bold;");
        title.setId("glossary-title");
        formula.setId("glossary-formula");
        formulaError.getStyleClass().add("field-error");
        plain.getStyleClass().add("hint");
        plain.setWrapText(true);
        for (Label l : new Label[] {purpose, misleads, params}) {
            l.setWrapText(true);
        }
        purpose.setId("glossary-purpose");
        misleads.setId("glossary-misleads");
        open.setId("glossary-open");
        open.setOnAction(e -> {
            LossDefinition d = list.getSelectionModel().getSelectedItem();
            GlossaryEntries.Entry entry = d == null ? null : GlossaryEntries.of(d.id());
            if (entry != null) {
                onOpen.accept(entry.place());
            }
        });
        VBox detail = new VBox(12, title, formula, formulaError, plain, Sidebar.heading("What it is for"), purpose,
                Sidebar.heading("When it misleads"), misleads, Sidebar.heading("Parameters"), params, open);
        detail.setPadding(new Insets(16));
        detail.setMaxWidth(900);
        ScrollPane scroll = new ScrollPane(detail);
        scroll.setFitToWidth(true);
        setLeft(list);
        setCenter(scroll);
        list.getSelectionModel().selectFirst();
    }


    private void show(LossDefinition d) {
        if (d == null) {
            return;
        }
        GlossaryEntries.Entry entry = GlossaryEntries.of(d.id());
        title.setText(d.displayName());
        plain.setText(d.formula());
        purpose.setText(d.whenToUse());
        StringBuilder sb = new StringBuilder();
        for (ParamSpec p : d.params()) {
            sb.append(p.name()).append(" (default ").append(p.defaultValue()).append(", ").append(p.rangeText())
                    .append("): ").append(p.description()).append('\n');
        }
        params.setText(sb.length() == 0 ? "none" : sb.toString().trim());
        formulaError.setText("");
        if (entry == null) {
            formula.setImage(null);
            misleads.setText("—");
            open.setVisible(false);
            return;
        }
        misleads.setText(entry.misleads());
        open.setVisible(true);
        open.setText("See it in the " + entry.place().label());
        try {
            formula.setImage(render(entry.latex(), formulaSize));
        } catch (RuntimeException ex) {
            formula.setImage(null);
            formulaError.setText("could not render the formula: " + ex.getMessage());
        }
    }

    /**
     * Renders LaTeX to an image with JLaTeXMath (Java2D, works without a display).
     *
     * @param size the font size in pixels
     */
    public static Image render(String latex, double size) {
        TeXFormula f = new TeXFormula(latex);
        TeXIcon icon = f.createTeXIcon(TeXConstants.STYLE_DISPLAY, (float) size);
        icon.setInsets(new java.awt.Insets(4, 4, 4, 4));
        BufferedImage img = new BufferedImage(Math.max(1, icon.getIconWidth()), Math.max(1, icon.getIconHeight()),
                BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        icon.setForeground(java.awt.Color.BLACK);
        icon.paintIcon(null, g, 0, 0);
        g.dispose();
        return SwingFXUtils.toFXImage(img, null);
    }

    /** Where "See it in …" goes (the main window shows the view). */
    public void setOnOpen(Consumer<GlossaryEntries.Place> handler) {
        onOpen = handler;
    }

    /** Selects a loss by id. */
    public void select(String id) {
        for (LossDefinition d : list.getItems()) {
            if (d.id().equals(id)) {
                list.getSelectionModel().select(d);
            }
        }
    }

    public ImageView formulaView() {
        return formula;
    }

    public String misleadsText() {
        return misleads.getText();
    }
}
