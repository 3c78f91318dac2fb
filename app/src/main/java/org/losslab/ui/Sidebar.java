package org.losslab.ui;

import javafx.scene.control.Label;

/** Pieces every view's sidebar uses. */
public final class Sidebar {
    private Sidebar() {
    }

    /** A section heading (style class {@code sidebar-heading}). */
    public static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("sidebar-heading");
        return l;
    }
}
