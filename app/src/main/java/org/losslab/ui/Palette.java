package org.losslab.ui;

import java.awt.Color;
import java.util.List;
import org.losslab.kernel.LossDefinition;
import org.losslab.kernel.Losses;

/**
 * Colours for losses and runs: the Okabe-Ito palette (safe for the common forms of colour blindness), extended with
 * darker shades so that every loss in the library keeps one stable colour in every view.
 */
public final class Palette {
    private static final String[] HEX = {
        "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
        "#8C564B", "#7F7F7F", "#117733", "#882255", "#332288", "#999933", "#AA4499",
    };

    private Palette() {
    }

    /** The colour of a loss, as #RRGGBB, stable across views. */
    public static String hex(String lossId) {
        List<LossDefinition> all = Losses.all();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).id().equals(lossId)) {
                return HEX[i % HEX.length];
            }
        }
        return HEX[Math.floorMod(lossId.hashCode(), HEX.length)];
    }

    /** The same colour for Java2D (JFreeChart). */
    public static Color awt(String lossId) {
        return Color.decode(hex(lossId));
    }

    /** The same colour for JavaFX. */
    public static javafx.scene.paint.Color fx(String lossId) {
        return javafx.scene.paint.Color.web(hex(lossId));
    }
}
