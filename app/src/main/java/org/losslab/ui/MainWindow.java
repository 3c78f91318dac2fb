package org.losslab.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Alert;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
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
        setCenter(workspace);
        setBottom(statusBar);
        installPresentation();
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
        view.getItems().addAll(buildPresentationItems());

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
        Menu help = new Menu("Help", null, shortcutsItem(), about);
        MenuBar bar = new MenuBar(file, view, lessons, help);
        bar.setId("menu-bar");
        return bar;
    }

    // ---------------------------------------------------------------- presentation: size, theme, shortcut sheet

    private final ToggleGroup sizeGroup = new ToggleGroup();
    private ShortcutSheet shortcutSheet;

    /** View menu items: the presentation sizes, larger and smaller, and the dark theme. */
    private List<MenuItem> buildPresentationItems() {
        Theme theme = Theme.get();
        List<MenuItem> items = new ArrayList<>();
        items.add(new SeparatorMenuItem());
        String[] names = {"Normal size", "Presentation ×1.5", "Presentation ×2"};
        for (int i = 0; i < Theme.SIZES.length; i++) {
            double size = Theme.SIZES[i];
            RadioMenuItem item = new RadioMenuItem(names[i]);
            item.setId("size-" + i);
            item.setUserData(size);
            item.setToggleGroup(sizeGroup);
            item.setSelected(theme.scale() == size);
            item.setOnAction(e -> theme.setScale(size));
            if (i == 0) {
                item.setAccelerator(new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN));
            }
            items.add(item);
        }
        MenuItem larger = new MenuItem("Larger");
        larger.setId("size-larger");
        larger.setAccelerator(new KeyCodeCombination(KeyCode.PLUS, KeyCombination.SHORTCUT_DOWN));
        larger.setOnAction(e -> theme.larger());
        MenuItem smaller = new MenuItem("Smaller");
        smaller.setId("size-smaller");
        smaller.setAccelerator(new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN));
        smaller.setOnAction(e -> theme.smaller());
        MenuItem present = new MenuItem("Presentation on/off");
        present.setId("size-toggle");
        present.setAccelerator(new KeyCodeCombination(KeyCode.F5));
        present.setOnAction(e -> togglePresentation());
        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.setId("theme-dark");
        dark.setAccelerator(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN));
        dark.setSelected(theme.isDark());
        dark.setOnAction(e -> theme.modeProperty().set(dark.isSelected() ? Theme.Mode.DARK : Theme.Mode.LIGHT));
        theme.onChange(this, () -> {
            dark.setSelected(theme.isDark());
            for (Toggle t : sizeGroup.getToggles()) {
                t.setSelected((Double) t.getUserData() == theme.scale());
            }
        });
        items.addAll(List.of(larger, smaller, present, new SeparatorMenuItem(), dark));
        return items;
    }

    private MenuItem shortcutsItem() {
        MenuItem item = new MenuItem("Keyboard shortcuts");
        item.setId("show-shortcuts");
        item.setAccelerator(new KeyCodeCombination(KeyCode.F1));
        item.setOnAction(e -> showShortcuts());
        return item;
    }

    /** F5: from normal size to ×1.5, from any presentation size back to normal. */
    public void togglePresentation() {
        Theme.get().setScale(Theme.get().scale() > 1 ? 1.0 : 1.5);
    }

    /**
     * Keeps the scene in step with the theme, and takes the presentation keys that a menu accelerator cannot
     * express on every keyboard: Ctrl with = or the keypad's + is "larger" too, the keypad's − "smaller".
     */
    private void installPresentation() {
        sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                Theme.get().applyTo(scene);
            }
        });
        Theme.get().onChange(this, () -> {
            if (getScene() != null) {
                Theme.get().applyTo(getScene());
            }
        });
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (!e.isShortcutDown()) {
                return;
            }
            if (e.getCode() == KeyCode.EQUALS || e.getCode() == KeyCode.ADD) {
                Theme.get().larger();
                e.consume();
            } else if (e.getCode() == KeyCode.SUBTRACT) {
                Theme.get().smaller();
                e.consume();
            } else if (e.getCode() == KeyCode.NUMPAD0) {
                Theme.get().setScale(1);
                e.consume();
            }
        });
    }

    /** The shortcut sheet, once opened (null before). */
    public ShortcutSheet shortcutSheet() {
        return shortcutSheet;
    }

    /** Shows the keyboard shortcut sheet (F1); Esc closes it. */
    public ShortcutSheet showShortcuts() {
        if (shortcutSheet == null) {
            shortcutSheet = new ShortcutSheet();
        }
        shortcutSheet.show(getScene() == null ? null : getScene().getWindow());
        return shortcutSheet;
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
