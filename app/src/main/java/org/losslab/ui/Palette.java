package org.losslab.ui;

import java.awt.Color;
import java.util.List;
import org.losslab.kernel.LossDefinition;
import org.losslab.kernel.Losses;

/**
 * Colours for losses and runs: the Okabe-Ito palette (safe for the common forms of colour blindness), extended with
 * darker shades so that every loss in the library keeps one stable colour in every view.
 *
 * <p>Sources: the first seven are Okabe and Ito's "Color Universal Design" palette (M. Okabe, K. Ito, 2002/2008,
 * https://jfly.uni-koeln.de/color/): blue #0072B2, vermillion #D55E00, bluish green #009E73, reddish purple
 * #CC79A7, orange #E69F00, sky blue #56B4E9, black. #117733, #882255, #332288, #999933 and #AA4499 are from Paul
 * Tol's colour-blind-safe "muted" scheme (https://personal.sron.nl/~pault/); #8C564B and #7F7F7F are brown and grey.
 * The run colours (the first four, for at most four racing runs) stay apart under simulated protanopia and
 * deuteranopia (Machado, Oliveira and Fernandes 2009): PaletteTest checks a CIELAB distance of at least 15 between
 * every pair. Runs also differ by their labels ("run 1" ... in the legend and the read-outs).
 */
public final class Palette {
    private static final String[] HEX = {
        "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
        "#8C564B", "#7F7F7F", "#117733", "#882255", "#332288", "#999933", "#AA4499",
    };

    private Palette() {
    }

    /**
     * The colour of a loss, as #RRGGBB, stable across views. Regression and classification losses are never drawn
     * on one chart, so each group takes the palette from its start: the first losses of each get the most distinct
     * colours. A custom loss's key {@code custom-N} takes the colours after the regression losses', in turn.
     */
    public static String hex(String lossId) {
        String hex = baseHex(lossId);
        // Black would vanish on the dark theme's background: it becomes a light grey there.
        return hex.equals("#000000") && Theme.get().isDark() ? "#D0D0D0" : hex;
    }

    private static String baseHex(String lossId) {
        if (CustomLosses.isKey(lossId)) {
            try {
                int n = Integer.parseInt(lossId.substring(CustomLosses.KEY_PREFIX.length()));
                return HEX[Math.floorMod(Losses.regression().size() + n - 1, HEX.length)];
            } catch (NumberFormatException ex) {
                // not a numbered key: fall through to the hash colour
            }
        }
        for (List<LossDefinition> group : List.of(Losses.regression(), Losses.classification())) {
            for (int i = 0; i < group.size(); i++) {
                if (group.get(i).id().equals(lossId)) {
                    return HEX[i % HEX.length];
                }
            }
        }
        return HEX[Math.floorMod(lossId.hashCode(), HEX.length)];
    }

    /** The i-th run colour (runs racing on a surface), from the same colour-blind-safe palette. */
    public static String runHex(int i) {
        return HEX[Math.floorMod(i, 7)];
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
