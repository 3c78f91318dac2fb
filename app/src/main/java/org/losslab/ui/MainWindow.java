package org.losslab.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.losslab.kernel.Losses;
import org.losslab.ui.classify.ClassifyView;
import org.losslab.ui.classify.MseVsBceView;
import org.losslab.ui.curves.LossCurvesModel;
import org.losslab.ui.curves.LossCurvesView;
import org.losslab.ui.data.DataView;
import org.losslab.ui.landscape.SurfaceView;

/**
 * The app's shell: a menu bar, a workspace of tabs that views are added to, and a status bar.
 */
public final class MainWindow extends BorderPane {
    private final TabPane workspace = new TabPane();
    private final Label status = new Label();
    private final Label right = new Label();
    private final LossCurvesView curvesView;
    private final SurfaceView surfaceView;
    private final DataView dataView;
    private final ClassifyView classifyView;
    private MseVsBceView mseVsBce;
    private final CustomLosses customLosses = new CustomLosses();

    public MainWindow() {
        getStyleClass().add("main-window");
        workspace.setId("workspace");
        workspace.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        // One store of the user's custom losses: typed in the curves view, offered by the data and surface views.
        curvesView = new LossCurvesView(new LossCurvesModel(customLosses));
        surfaceView = new SurfaceView();
        surfaceView.setCustomLosses(customLosses);
        dataView = new DataView(customLosses);
        addView("Data: MSE vs MAE", dataView);
        // One drag, every view follows: the data view's results feed the loss curves (residual dots) and the
        // surface view's linear-regression problem.
        dataView.setOnResult(r -> {
            curvesView.model().setResiduals(r.residuals(), "fit of " + r.selected());
            double[][] t = dataView.model().training();
            double[][] v = dataView.model().validationPoints();
            surfaceView.setRegressionData(t[0], t[1], v[0], v[1], "the data view's " + t[0].length
                    + " training points" + (v[0].length > 0 ? " (" + v[0].length + " validation)" : ""));
        });
        classifyView = new ClassifyView();
        classifyView.setCustomLosses(customLosses);
        addView("Classification", classifyView);
        classifyView.setOnShowSlice((p, note) -> {
            surfaceView.showExternalProblem(p, note);
            showView(surfaceView);
        });
        classifyView.setOnOpenMseLesson(this::openMseVsBce);
        addView("Surface & descent", surfaceView);
        addView("Loss curves", curvesView);

        status.setId("status");
        right.setId("status-right");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox statusBar = new HBox(8, status, spacer, right);
        statusBar.getStyleClass().add("status-bar");
        statusBar.setPadding(new Insets(4, 10, 4, 10));
        statusBar.setAlignment(Pos.CENTER_LEFT);
        setStatus("Ready. " + Losses.all().size() + " losses in the library. Hover the chart to read values.");
        right.setText("F3: frame time");
        FrameMonitor.get().textProperty().addListener((o, a, b) -> right.setText(b.isEmpty() ? "F3: frame time" : b));
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.F3) {
                FrameMonitor.get().setRunning(!FrameMonitor.get().isRunning());
                e.consume();
                return;
            }
            javafx.scene.Node shown = workspace.getSelectionModel().getSelectedItem() == null ? null
                    : workspace.getSelectionModel().getSelectedItem().getContent();
            if (shown == surfaceView) {
                surfaceView.handleKey(e);
            } else if (shown == dataView) {
                dataView.handleKey(e);
            } else if (shown == classifyView) {
                classifyView.handleKey(e);
            }
        });

        setTop(buildMenu());
        addImportExportMenu();
        setCenter(workspace);
        setBottom(statusBar);
    }

    private MenuBar buildMenu() {
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setOnAction(e -> getScene().getWindow().hide());
        Menu file = new Menu("File", null, quit);

        Menu view = new Menu("View");
        for (Tab t : workspace.getTabs()) {
            MenuItem item = new MenuItem(t.getText());
            item.setOnAction(e -> workspace.getSelectionModel().select(t));
            view.getItems().add(item);
        }

        MenuItem imbalanced = new MenuItem("Imbalanced classes: BCE, weighted BCE, focal");
        imbalanced.setOnAction(e -> {
            showView(classifyView);
            classifyView.loadImbalancedLesson();
        });
        MenuItem mseBce = new MenuItem("MSE on a classifier: MSE against BCE surfaces");
        mseBce.setOnAction(e -> openMseVsBce());
        Menu lessons = new Menu("Lessons", null, imbalanced, mseBce);

        MenuItem about = new MenuItem("About LossLab");
        about.setOnAction(e -> {
            Alert a = new Alert(Alert.AlertType.INFORMATION);
            a.setTitle("About LossLab");
            a.setHeaderText("LossLab 0.1");
            a.setContentText("See how loss functions and gradient descent behave.\n"
                    + "Every number comes from one library of loss kernels.");
            a.initOwner(getScene().getWindow());
            a.show();
        });
        Menu help = new Menu("Help", null, about);
        MenuBar bar = new MenuBar(file, view, lessons, help);
        bar.setId("menu-bar");
        return bar;
    }

    /** The Import/Export menu (import CSV; export CSV, PNG, SVG, GIF), placed before Help; built in ui.io. */
    private void addImportExportMenu() {
        MenuBar bar = (MenuBar) getTop();
        bar.getMenus().add(bar.getMenus().size() - 1, org.losslab.ui.io.ImportExportMenu.build(this));
    }

    /** Opens (once) and shows the lesson "MSE on a classifier", two surfaces side by side. */
    public MseVsBceView openMseVsBce() {
        if (mseVsBce == null) {
            mseVsBce = new MseVsBceView();
            addView("Lesson: MSE vs BCE", mseVsBce);
        }
        showView(mseVsBce);
        return mseVsBce;
    }

    /** The lesson view, once opened (null before). */
    public MseVsBceView mseVsBceView() {
        return mseVsBce;
    }

    /** Stops the views' workers and timers (on close). */
    public void shutdown() {
        surfaceView.shutdown();
        dataView.shutdown();
        classifyView.shutdown();
        if (mseVsBce != null) {
            mseVsBce.shutdown();
        }
    }

    /** Adds a view to the workspace as a tab. */
    public Tab addView(String title, javafx.scene.Node content) {
        Tab tab = new Tab(title, content);
        tab.setId("tab-" + title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        workspace.getTabs().add(tab);
        return tab;
    }

    /** Brings the tab holding {@code view} to the front. */
    public void showView(javafx.scene.Node view) {
        for (Tab t : workspace.getTabs()) {
            if (t.getContent() == view) {
                workspace.getSelectionModel().select(t);
            }
        }
    }

    /** Shows a message in the status bar. */
    public void setStatus(String message) {
        status.setText(message);
    }

    public TabPane workspace() {
        return workspace;
    }

    public LossCurvesView curvesView() {
        return curvesView;
    }

    public SurfaceView surfaceView() {
        return surfaceView;
    }

    public DataView dataView() {
        return dataView;
    }

    public ClassifyView classifyView() {
        return classifyView;
    }

    /** The user's custom losses, shared by the views (a session file saves their expressions). */
    public CustomLosses customLosses() {
        return customLosses;
    }
}
