package org.losslab.ui.io;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.image.WritableImage;
import org.losslab.ui.MainWindow;
import org.losslab.ui.classify.MseVsBceView;
import org.losslab.ui.data.DataView;
import org.losslab.ui.landscape.SurfaceView;

/**
 * The main window's views by name, when each has finished its asynchronous work, and a view drawn at a chosen size
 * (taken out of its tab while it is drawn off screen, then put back). Shared by the PNG export and {@code render}.
 */
public final class ViewExport {
    /** The names of the views that can be drawn, as {@code render --view} takes them. */
    public static final List<String> VIEWS = List.of("data", "classification", "surface", "curves", "mse-vs-bce",
            "embeddings", "boxes", "next-token", "glossary");
    /** The largest width or height accepted, in pixels. */
    public static final int MAX_SIZE = 8192;

    private ViewExport() {
    }

    /** The view of that name (opening the MSE-vs-BCE lesson for "mse-vs-bce"); null for an unknown name. */
    public static Node view(MainWindow window, String name) {
        switch (name) {
            case "data":
                return window.dataView();
            case "classification":
                return window.classifyView();
            case "surface":
                return window.surfaceView();
            case "curves":
                return window.curvesView();
            case "mse-vs-bce":
                return window.openMseVsBce();
            case "embeddings":
                return window.embeddingView();
            case "boxes":
                return window.boxesView();
            case "next-token":
                return window.nextTokenView();
            case "glossary":
                return window.glossaryView();
            default:
                return null;
        }
    }

    /** The name of the view shown in the window's selected tab (for file names), or "view". */
    public static String nameOf(MainWindow window, Node view) {
        for (String n : VIEWS) {
            if (!n.equals("mse-vs-bce") && view(window, n) == view) {
                return n;
            }
        }
        return view == window.mseVsBceView() && view != null ? "mse-vs-bce" : "view";
    }

    /** True once the view's asynchronous surfaces and fits are complete (always true for views without any). */
    public static BooleanSupplier ready(Node view) {
        if (view instanceof SurfaceView) {
            SurfaceView s = (SurfaceView) view;
            return () -> s.shownGrid() != null && s.shownGrid().isComplete();
        }
        if (view instanceof DataView) {
            DataView d = (DataView) view;
            return () -> d.lastResult() != null && d.lastResult().data().size() == d.model().size();
        }
        if (view instanceof MseVsBceView) {
            return ((MseVsBceView) view)::isComputed;
        }
        return () -> true;
    }

    /**
     * Draws {@code view} at {@code width} × {@code height}: it leaves its tab (which shows "Exporting…" meanwhile),
     * is laid out off screen, waits until {@link #ready} and is snapshotted, then goes back to its tab. Call on the
     * JavaFX thread.
     */
    public static CompletableFuture<WritableImage> render(MainWindow window, Node view, int width, int height) {
        Tab home = null;
        for (Tab t : window.workspace().getTabs()) {
            if (t.getContent() == view) {
                home = t;
            }
        }
        final Tab tab = home;
        if (tab != null) {
            tab.setContent(new Label("Exporting…"));
        }
        return ViewSnapshot.capture(view, width, height, ready(view)).whenComplete((image, error) -> {
            if (view.getParent() instanceof javafx.scene.layout.Pane) {
                ((javafx.scene.layout.Pane) view.getParent()).getChildren().remove(view);
            }
            if (tab != null) {
                tab.setContent(view);
            }
        });
    }
}
