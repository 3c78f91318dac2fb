package org.losslab.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
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
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.losslab.kernel.Losses;
import org.losslab.ui.beyond.BoxesView;
import org.losslab.ui.beyond.EmbeddingView;
import org.losslab.ui.beyond.NextTokenView;
import org.losslab.ui.glossary.GlossaryEntries;
import org.losslab.ui.glossary.GlossaryView;
import org.losslab.lesson.Lessons;
import org.losslab.lesson.RecentFiles;
import org.losslab.lesson.SessionException;
import org.losslab.lesson.SessionFormat;
import org.losslab.lesson.SessionState;
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
    private final EmbeddingView embeddingView;
    private final BoxesView boxesView;
    private final NextTokenView nextTokenView;
    private final GlossaryView glossaryView;
    private final CustomLosses customLosses = new CustomLosses();

    /** A window whose recent-files list is kept in memory only (tests, the render command). */
    public MainWindow() {
        this(RecentFiles.inMemory());
    }

    /** A window that keeps its recent session files in the given list. */
    public MainWindow(RecentFiles recent) {
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
        embeddingView = new EmbeddingView();
        addView("Embeddings", embeddingView);
        boxesView = new BoxesView();
        addView("Boxes", boxesView);
        nextTokenView = new NextTokenView();
        addView("Next token", nextTokenView);
        glossaryView = new GlossaryView();
        addView("Glossary", glossaryView);
        glossaryView.setOnOpen(this::openPlace);

        workspace.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && b.getContent() == curvesView) {
                curvesView.refreshIfStale();
            }
        });
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

        setTop(withLessonPanel(buildMenu()));
        addImportExportMenu();
        setCenter(workspace);
        setBottom(statusBar);
        initSessions(recent);
        installPresentation();
    }

    private MenuBar buildMenu() {
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setOnAction(e -> {
            if (confirmDiscard()) {
                getScene().getWindow().hide();
            }
        });
        Menu file = buildFileMenu();
        file.getItems().addAll(new SeparatorMenuItem(), quit);

        Menu view = new Menu("View");
        for (Tab t : workspace.getTabs()) {
            MenuItem item = new MenuItem(t.getText());
            item.setOnAction(e -> workspace.getSelectionModel().select(t));
            view.getItems().add(item);
        }
        view.getItems().addAll(buildPresentationItems());

        Menu lessons = buildLessonsMenu();

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

    /** Shows the view a glossary entry points to. */
    public void openPlace(GlossaryEntries.Place place) {
        switch (place) {
            case DATA:
                showView(dataView);
                break;
            case CLASSIFICATION:
                showView(classifyView);
                break;
            case CURVES:
                showView(curvesView);
                break;
            case EMBEDDINGS:
                showView(embeddingView);
                break;
            case BOXES:
                showView(boxesView);
                break;
            case MSE_VS_BCE:
                openMseVsBce();
                break;
            case IMBALANCE:
                showView(classifyView);
                classifyView.loadImbalancedLesson();
                break;
            case NEXT_TOKEN:
                showView(nextTokenView);
                break;
            default:
                break;
        }
    }

    public GlossaryView glossaryView() {
        return glossaryView;
    }

    public NextTokenView nextTokenView() {
        return nextTokenView;
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

    /** The Import/Export menu (import CSV; export CSV, PNG, SVG, GIF), placed before Help; built in ui.io. */
    private void addImportExportMenu() {
        MenuBar bar = (MenuBar) lookup("#menu-bar");
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
        dirtyWatch.stop();
        surfaceView.shutdown();
        dataView.shutdown();
        classifyView.shutdown();
        embeddingView.shutdown();
        boxesView.shutdown();
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

    public EmbeddingView embeddingView() {
        return embeddingView;
    }

    public BoxesView boxesView() {
        return boxesView;
    }

    public ClassifyView classifyView() {
        return classifyView;
    }

    /** The user's custom losses, shared by the views (a session file saves their expressions). */
    public CustomLosses customLosses() {
        return customLosses;
    }

    // ================================================================ sessions and lessons
    // Saving and opening the whole state (File menu), the dirty flag and title, the lesson panel and Lessons menu.

    private RecentFiles recentFiles;
    private SessionPrompts prompts = new DialogPrompts(this);
    private Path sessionFile;
    private SessionState baseline;
    private SessionState.Lesson shownLesson;
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("LossLab");
    private final Menu recentMenu = new Menu("Open Recent");
    private final VBox lessonPanel = new VBox(4);
    private final Label lessonTitle = new Label();
    private final Label lessonLook = new Label();
    private final Label lessonTry = new Label();
    private final Timeline dirtyWatch = new Timeline(new KeyFrame(Duration.millis(400), e -> refreshDirty()));

    private void initSessions(RecentFiles recent) {
        recentFiles = recent;
        baseline = captureState();
        updateTitle();
        dirtyWatch.setCycleCount(Animation.INDEFINITE);
        dirtyWatch.play();
    }

    private Menu buildFileMenu() {
        MenuItem newItem = new MenuItem("New");
        newItem.setId("menu-new");
        newItem.setAccelerator(KeyCombination.keyCombination("Shortcut+N"));
        newItem.setOnAction(e -> newSessionAsked());
        MenuItem open = new MenuItem("Open…");
        open.setId("menu-open");
        open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        open.setOnAction(e -> openAsked());
        MenuItem save = new MenuItem("Save");
        save.setId("menu-save");
        save.setAccelerator(KeyCombination.keyCombination("Shortcut+S"));
        save.setOnAction(e -> saveAsked());
        MenuItem saveAs = new MenuItem("Save As…");
        saveAs.setId("menu-save-as");
        saveAs.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+S"));
        saveAs.setOnAction(e -> saveAsAsked());
        recentMenu.setId("menu-recent");
        recentMenu.setOnShowing(e -> rebuildRecentMenu());
        rebuildRecentMenu();
        return new Menu("File", null, newItem, open, recentMenu, new SeparatorMenuItem(), save, saveAs);
    }

    private void rebuildRecentMenu() {
        recentMenu.getItems().clear();
        for (Path p : recentFiles == null ? List.<Path>of() : recentFiles.list()) {
            MenuItem item = new MenuItem(p.getFileName() + "  —  " + p.getParent());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> {
                if (confirmDiscard()) {
                    openReporting(p);
                }
            });
            recentMenu.getItems().add(item);
        }
        if (recentMenu.getItems().isEmpty()) {
            MenuItem none = new MenuItem("(no recent sessions)");
            none.setDisable(true);
            recentMenu.getItems().add(none);
        }
    }

    private Menu buildLessonsMenu() {
        Menu menu = new Menu("Lessons");
        MenuItem choose = new MenuItem("Choose a lesson…");
        choose.setId("menu-choose-lesson");
        choose.setOnAction(e -> LessonPicker.ask(this).ifPresent(id -> {
            if (!id.isEmpty() && confirmDiscard()) {
                openLesson(id);
            }
        }));
        menu.getItems().addAll(choose, new SeparatorMenuItem());
        for (String id : Lessons.ids()) {
            MenuItem item = new MenuItem(lessonTitleOf(id));
            item.setId("menu-lesson-" + id);
            item.setOnAction(e -> {
                if (confirmDiscard()) {
                    openLesson(id);
                }
            });
            menu.getItems().add(item);
        }
        return menu;
    }

    private static String lessonTitleOf(String id) {
        try {
            return Lessons.load(id).lesson().title();
        } catch (SessionException | RuntimeException e) {
            return id;
        }
    }

    private javafx.scene.Node withLessonPanel(MenuBar bar) {
        lessonPanel.getStyleClass().add("lesson-panel");
        lessonPanel.setId("lesson-panel");
        lessonTitle.setId("lesson-title");
        lessonTitle.setStyle("-fx-font-weight: bold;");
        lessonLook.setId("lesson-look");
        lessonTry.setId("lesson-try");
        lessonLook.setWrapText(true);
        lessonTry.setWrapText(true);
        Button close = new Button("✕");
        close.setId("lesson-close");
        close.setTooltip(new javafx.scene.control.Tooltip("Hide the lesson's notes"));
        close.setOnAction(e -> showLesson(null));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(8, lessonTitle, gap, close);
        head.setAlignment(Pos.CENTER_LEFT);
        lessonPanel.getChildren().addAll(head, lessonLook, lessonTry);
        VBox.setMargin(lessonPanel, new Insets(6, 8, 2, 8));
        showLesson(null);
        return new VBox(bar, lessonPanel);
    }

    /** Shows a lesson's notes at the top of the window, or hides them (null). */
    private void showLesson(SessionState.Lesson lesson) {
        shownLesson = lesson;
        boolean on = lesson != null;
        lessonPanel.setVisible(on);
        lessonPanel.setManaged(on);
        if (on) {
            lessonTitle.setText("Lesson: " + lesson.title());
            lessonLook.setText("What to look at: " + lesson.look());
            lessonTry.setText("What to try: " + lesson.tryThis());
        }
    }

    /** The lesson whose notes are shown, or null. */
    public SessionState.Lesson shownLesson() {
        return shownLesson;
    }

    /** The lesson panel (hidden when no lesson is shown). */
    public VBox lessonPanel() {
        return lessonPanel;
    }

    // ---------------------------------------------------------------- state

    private String selectedTabId() {
        Tab t = workspace.getSelectionModel().getSelectedItem();
        javafx.scene.Node shown = t == null ? null : t.getContent();
        if (shown == classifyView) {
            return "classify";
        } else if (shown == surfaceView) {
            return "surface";
        } else if (shown == curvesView) {
            return "curves";
        } else if (shown != null && shown == mseVsBce) {
            return "mse-vs-bce";
        } else if (shown == embeddingView) {
            return "embeddings";
        } else if (shown == boxesView) {
            return "boxes";
        } else if (shown == nextTokenView) {
            return "next-token";
        } else if (shown == glossaryView) {
            return "glossary";
        }
        return "data";
    }

    /** The boxes and embeddings views' state. */
    private SessionState.Beyond captureBeyond() {
        List<List<Double>> pts = new ArrayList<>();
        for (double[] p : embeddingView.points()) {
            pts.add(List.of(p[0], p[1]));
        }
        return new SessionState.Beyond(boxList(boxesView.target()), boxList(boxesView.predicted()),
                boxesView.isGiou() ? "giou" : "iou", boxesView.learningRate(), pts,
                embeddingView.isTriplet() ? "triplet" : "contrastive", embeddingView.margin(),
                embeddingView.learningRate(), embeddingView.movesAnchor());
    }

    private static List<Double> boxList(double[] b) {
        return List.of(b[0], b[1], b[2], b[3]);
    }

    private static double[] boxArray(List<Double> b) {
        return new double[] {b.get(0), b.get(1), b.get(2), b.get(3)};
    }

    private void applyBeyond(SessionState.Beyond b) {
        boxesView.setGiou("giou".equals(b.boxLoss()));
        boxesView.setLearningRate(b.boxRate());
        boxesView.setBoxes(boxArray(b.targetBox()), boxArray(b.predictedBox()));
        double[][] pts = new double[b.embeddingPoints().size()][];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = new double[] {b.embeddingPoints().get(i).get(0), b.embeddingPoints().get(i).get(1)};
        }
        embeddingView.setState(pts, "triplet".equals(b.embeddingLoss()), b.margin(), b.embeddingRate(),
                b.moveAnchor());
    }

    /** The whole state on screen, as a session file holds it (custom losses referred to as custom#N). */
    public SessionState captureState() {
        List<CustomLosses.Entry> entries = customLosses.entries();
        Map<String, String> refs = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            refs.put(entries.get(i).key(), SessionState.CUSTOM_REF + (i + 1));
        }
        SessionState raw = new SessionState(SessionState.SCHEMA, SessionState.VERSION, selectedTabId(),
                customLosses.expressions(), dataView.captureState(), classifyView.captureState(),
                surfaceView.captureState(), curvesView.captureState(), captureBeyond(), shownLesson);
        return raw.mapLossIds(id -> CustomLosses.isKey(id) ? refs.getOrDefault(id, "mse") : id);
    }

    /**
     * Shows a checked state (from {@link SessionFormat#read} or {@link Lessons#load}): custom losses first, then every
     * view, the tab and the lesson's notes. If a view fails anyway, the state before is put back and the failure is
     * reported.
     *
     * @throws SessionException when the state could not be shown; the screen is then as it was
     */
    public void restoreState(SessionState state) throws SessionException {
        SessionState before = captureState();
        try {
            apply(state);
        } catch (RuntimeException e) {
            apply(before);
            throw new SessionException("The session could not be shown (" + e.getMessage() + "); nothing was changed.",
                    e);
        }
    }

    private void apply(SessionState state) {
        customLosses.setAll(state.customLosses());
        List<CustomLosses.Entry> entries = customLosses.entries();
        SessionState s = state.mapLossIds(id -> id.startsWith(SessionState.CUSTOM_REF)
                ? entries.get(Integer.parseInt(id.substring(SessionState.CUSTOM_REF.length())) - 1).key() : id);
        curvesView.restoreState(s.curves());
        dataView.restoreState(s.data());
        classifyView.restoreState(s.classify());
        SessionState.Slice slice = s.surface().slice();
        if (SessionState.SLICE_PROBLEM.equals(s.surface().problem()) && slice != null) {
            double[] held = new double[slice.theta().size()];
            for (int i = 0; i < held.length; i++) {
                held[i] = slice.theta().get(i);
            }
            classifyView.showSlice(slice.first(), slice.second(), held);
        }
        surfaceView.restoreState(s.surface());
        applyBeyond(s.beyond());
        switch (s.selectedTab()) {
            case "classify":
                showView(classifyView);
                break;
            case "surface":
                showView(surfaceView);
                break;
            case "curves":
                showView(curvesView);
                break;
            case "mse-vs-bce":
                openMseVsBce();
                break;
            case "embeddings":
                showView(embeddingView);
                break;
            case "boxes":
                showView(boxesView);
                break;
            case "next-token":
                showView(nextTokenView);
                break;
            case "glossary":
                showView(glossaryView);
                break;
            default:
                showView(dataView);
        }
        showLesson(s.lesson());
    }

    /**
     * Opens a session file without asking anything (the render command and tests call this; the menu asks about
     * unsaved changes first).
     *
     * @throws SessionException naming the problem; a refused file changes nothing on screen
     */
    public void openSession(Path file) throws SessionException {
        SessionState state = SessionFormat.load(file);
        restoreState(state);
        sessionFile = file.toAbsolutePath();
        markSaved();
        recentFiles.add(file);
        setStatus("Opened " + file.getFileName() + ".");
    }

    /**
     * Opens a bundled lesson ({@link Lessons#ids()}): its state, its tab and its notes; the window then has no file.
     *
     * @throws IllegalArgumentException for an unknown id
     */
    public void openLesson(String id) {
        try {
            restoreState(Lessons.load(id));
        } catch (SessionException e) {
            throw new IllegalStateException("the bundled lesson " + id + " could not be opened: " + e.getMessage(), e);
        }
        sessionFile = null;
        markSaved();
        setStatus("Lesson: " + shownLesson.title() + ". Its notes are at the top; close them with ✕.");
    }

    /**
     * Saves the session to a file (atomically) and makes it the window's file.
     *
     * @throws IOException when it cannot be written; an existing file is then unchanged
     */
    public void saveSession(Path file) throws IOException {
        SessionState state = captureState();
        SessionFormat.save(file, state);
        sessionFile = file.toAbsolutePath();
        markSaved();
        recentFiles.add(file);
        setStatus("Saved " + file.getFileName() + ".");
    }

    /** Back to a fresh window's state, without a file. */
    public void newSession() {
        try {
            restoreState(SessionState.defaults());
        } catch (SessionException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        sessionFile = null;
        markSaved();
    }

    private void markSaved() {
        baseline = captureState();
        dirty.set(false);
        updateTitle();
    }

    /** Compares what is on screen with what was last saved or opened, and updates the flag and the title. */
    public void refreshDirty() {
        if (baseline == null) {
            return;
        }
        boolean changed = !captureState().withLesson(null).equals(baseline.withLesson(null));
        if (changed != dirty.get()) {
            dirty.set(changed);
            updateTitle();
        }
    }

    private void updateTitle() {
        title.set((dirty.get() ? "*" : "") + sessionName() + " — LossLab");
    }

    /** The name of the session: its file's name, or "Untitled". */
    public String sessionName() {
        return sessionFile == null ? "Untitled" : sessionFile.getFileName().toString();
    }

    /** The session's file, or null when it has none. */
    public Path sessionFile() {
        return sessionFile;
    }

    /** Whether there are changes since the last save or open. */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    /** The window title: the session's name, with a * when it has unsaved changes. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** Who answers the questions about files (dialogs by default; tests answer them directly). */
    public void setPrompts(SessionPrompts p) {
        prompts = p;
    }

    public RecentFiles recentFiles() {
        return recentFiles;
    }

    // ---------------------------------------------------------------- menu actions

    /**
     * Asks "Save changes to X?" when there are unsaved changes. Returns whether the caller may go on (saved or
     * discarded); false when the user cancelled or the save failed or was cancelled.
     */
    public boolean confirmDiscard() {
        refreshDirty();
        if (!dirty.get()) {
            return true;
        }
        switch (prompts.askSaveChanges(sessionName())) {
            case SAVE:
                return saveAsked();
            case DISCARD:
                return true;
            default:
                return false;
        }
    }

    /** File ▸ New. */
    public void newSessionAsked() {
        if (confirmDiscard()) {
            newSession();
        }
    }

    /** File ▸ Open…. */
    public void openAsked() {
        if (!confirmDiscard()) {
            return;
        }
        Path file = prompts.chooseFileToOpen(folder());
        if (file != null) {
            openReporting(file);
        }
    }

    private Path folder() {
        if (sessionFile != null) {
            return sessionFile.getParent();
        }
        List<Path> recent = recentFiles.list();
        return recent.isEmpty() ? null : recent.get(0).getParent();
    }

    private boolean openReporting(Path file) {
        try {
            openSession(file);
            return true;
        } catch (SessionException e) {
            setStatus("Could not open " + file.getFileName() + ": " + e.getMessage());
            prompts.showError("Could not open " + file.getFileName(), e.getMessage());
            if (!java.nio.file.Files.exists(file)) {
                recentFiles.remove(file);
            }
            return false;
        }
    }

    /** File ▸ Save: to the session's file, or Save As when it has none. Returns whether it was saved. */
    public boolean saveAsked() {
        if (sessionFile == null) {
            return saveAsAsked();
        }
        return saveReporting(sessionFile);
    }

    /** File ▸ Save As…. Returns whether it was saved. */
    public boolean saveAsAsked() {
        Path file = prompts.chooseFileToSave(folder(), sessionFile == null ? "session" + DialogPrompts.EXTENSION
                : sessionFile.getFileName().toString());
        return file != null && saveReporting(file);
    }

    private boolean saveReporting(Path file) {
        try {
            saveSession(file);
            return true;
        } catch (IOException | RuntimeException e) {
            setStatus("Could not save " + file.getFileName() + ": " + e.getMessage());
            prompts.showError("Could not save " + file.getFileName(), e.getMessage()
                    + "\nThe file on disk is unchanged.");
            return false;
        }
    }

}
