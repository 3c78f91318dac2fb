package org.losslab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.losslab.lesson.Lessons;
import org.losslab.lesson.SessionState;
import org.losslab.optim.Curvature;
import org.losslab.optim.OptimizerKind;
import org.losslab.optim.RunStatus;
import org.losslab.ui.classify.ClassifyView;
import org.losslab.ui.data.DataView;
import org.losslab.ui.descent.DescentModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Every bundled lesson opens and shows what its notes talk about. */
@ExtendWith(ApplicationExtension.class)
class LessonsTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow();
        stage.setScene(LossLabApp.createScene(window));
        stage.show();
    }

    private void open(FxRobot robot, String id) {
        robot.interact(() -> window.openLesson(id));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.lessonPanel().isVisible(), id + ": the notes are shown");
        assertEquals(id, window.shownLesson().id());
        String title = robot.lookup("#lesson-title").queryAs(Label.class).getText();
        assertEquals("Lesson: " + window.shownLesson().title(), title);
        assertTrue(robot.lookup("#lesson-look").queryAs(Label.class).getText().startsWith("What to look at: "));
        assertFalse(window.dirtyProperty().get(), "a lesson just opened has no unsaved changes");
        assertEquals("Untitled — LossLab", window.titleProperty().get());
    }

    private DataView.Result waitForFits(List<String> ids) throws Exception {
        DataView v = window.dataView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            DataView.Result r = v.lastResult();
            return r != null && r.data().size() == v.model().size()
                    && java.util.Arrays.equals(r.data().x(), v.model().snapshot().x())
                    && ids.stream().allMatch(r::hasFit);
        });
        return v.lastResult();
    }

    private void steps(FxRobot robot, int n) {
        robot.interact(() -> {
            for (int i = 0; i < n; i++) {
                window.surfaceView().descent().stepAll();
            }
        });
    }

    @Test
    void everyBundledFileIsALessonAndEveryLessonHasAFile() throws IOException {
        try (Stream<Path> files = Files.list(Paths.get("assets/lessons"))) {
            TreeSet<String> names = files.map(p -> p.getFileName().toString().replace(".json", ""))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(new TreeSet<>(Lessons.ids()), names);
        }
        assertTrue(Lessons.ids().size() >= 9);
        assertThrows(IllegalArgumentException.class, () -> Lessons.load("no-such-lesson"));
    }

    @Test
    void theSessionsLossListsAreTheViews() {
        assertEquals(DataView.FIT_LOSSES, SessionState.DATA_LOSSES);
        assertEquals(ClassifyView.BINARY_LOSSES, SessionState.CLASSIFY_LOSSES);
    }

    @Test
    void outliers(FxRobot robot) throws Exception {
        open(robot, "outliers");
        assertSame(window.dataView(), window.workspace().getSelectionModel().getSelectedItem().getContent());
        DataView.Result r = waitForFits(List.of("mse", "mae", "huber"));
        assertEquals(20, r.data().size());
        double mse = r.fits().get("mse").b();
        double mae = r.fits().get("mae").b();
        double xmax = java.util.Arrays.stream(r.data().x()).max().getAsDouble();
        assertTrue(r.predict("mse", xmax) > r.predict("mae", xmax) + 0.5, "the outliers (on the right, high) lift the "
                + "MSE line above the MAE line there: " + r.predict("mse", xmax) + " vs " + r.predict("mae", xmax));
        assertTrue(r.fits().get("mse").w() > r.fits().get("mae").w(), "and tilt it: b " + mse + " vs " + mae);
        assertTrue(window.curvesView().model().showDerivativeProperty().get());
    }

    @Test
    void learningRate(FxRobot robot) {
        open(robot, "learning-rate");
        assertEquals("ravine", window.surfaceView().problem().id());
        double limit = Curvature.stabilityLimit(Curvature.quadraticEigenvalues(window.surfaceView().problem())[1]);
        assertEquals(0.08, limit, 1e-12);
        List<DescentModel.Slot> slots = window.surfaceView().descent().slots();
        assertTrue(slots.subList(0, 3).stream().allMatch(s -> s.enabled() && s.optimizer().kind() == OptimizerKind.SGD));
        assertFalse(slots.get(3).enabled());
        assertTrue(slots.get(0).learningRate() < limit / 2, "too small");
        assertTrue(slots.get(1).learningRate() < limit && slots.get(1).learningRate() > 0.9 * limit, "near 2/L");
        assertTrue(slots.get(2).learningRate() > limit, "too large");
        assertTrue(window.surfaceView().learningRateControl().marks().stream().anyMatch(m -> m.label().equals("2/L")));
        steps(robot, 400);
        assertEquals(RunStatus.DIVERGED, slots.get(2).run().status());
        assertTrue(slots.get(1).run().loss() < 1e-3 * slots.get(1).run().trajectory().losses()[0]);
        assertTrue(slots.get(0).run().loss() > slots.get(1).run().loss(), "the small rate is still on its way");
    }

    @Test
    void momentum(FxRobot robot) {
        open(robot, "momentum");
        List<DescentModel.Slot> slots = window.surfaceView().descent().slots();
        assertEquals(List.of(OptimizerKind.SGD, OptimizerKind.MOMENTUM, OptimizerKind.NESTEROV),
                slots.subList(0, 3).stream().map(s -> s.optimizer().kind()).collect(Collectors.toList()));
        assertEquals(0.9, slots.get(1).optimizer().get("momentum"));
        assertTrue(slots.subList(0, 3).stream().allMatch(s -> s.learningRate() == 0.01));
        assertTrue(window.surfaceView().learningRateControl().marks().stream()
                .anyMatch(m -> m.label().equals("2(1+μ)/L")), "the momentum run is selected: its limit is marked");
        steps(robot, 150);
        assertTrue(slots.get(1).run().loss() < slots.get(0).run().loss(), "momentum gets further in 150 steps");
    }

    @Test
    void localMinima(FxRobot robot) {
        open(robot, "local-minima");
        assertEquals("rastrigin", window.surfaceView().problem().id());
        steps(robot, 2000);
        DescentModel.Slot sgd = window.surfaceView().descent().slots().get(0);
        assertTrue(sgd.run().loss() > 1, "SGD stops in a local minimum, not at the global 0: " + sgd.run().loss());
    }

    @Test
    void saddle(FxRobot robot) {
        open(robot, "saddle");
        assertEquals("saddle", window.surfaceView().problem().id());
        double[] start = window.surfaceView().descent().start();
        assertEquals(1e-4, start[1]);
        steps(robot, 40);
        DescentModel.Slot sgd = window.surfaceView().descent().slots().get(0);
        assertTrue(Math.abs(sgd.run().theta1()) < 0.05 && Math.abs(sgd.run().theta2()) < 0.01,
                "after 40 steps SGD lingers near the saddle point");
        double lingering = Math.hypot(sgd.run().trajectory().theta1s()[40] - sgd.run().trajectory().theta1s()[39],
                sgd.run().trajectory().theta2s()[40] - sgd.run().trajectory().theta2s()[39]);
        assertTrue(lingering < 0.01, "its steps there are tiny: " + lingering);
        steps(robot, 110);
        assertTrue(Math.abs(sgd.run().theta2()) > 1, "then it escapes along y");
    }

    @Test
    void imbalance(FxRobot robot) {
        open(robot, "imbalance");
        ClassifyView v = window.classifyView();
        assertSame(v, window.workspace().getSelectionModel().getSelectedItem().getContent());
        assertEquals(380, v.model().snapshot().count(0));
        assertEquals(20, v.model().snapshot().count(1));
        assertTrue(v.compareButton().isSelected(), "BCE, weighted BCE and focal are compared");
        assertEquals("bce_logits", v.lossChoice().getValue());
    }

    @Test
    void mseVsBce(FxRobot robot) {
        open(robot, "mse-vs-bce");
        assertNotNull(window.mseVsBceView());
        assertSame(window.mseVsBceView(), window.workspace().getSelectionModel().getSelectedItem().getContent());
        assertEquals("mse", window.classifyView().lossChoice().getValue());
        assertEquals("mse-vs-bce", window.captureState().selectedTab());
    }

    @Test
    void overfitting(FxRobot robot) throws Exception {
        open(robot, "overfitting");
        DataView.Result r = waitForFits(List.of("mse"));
        assertEquals(9, r.degree());
        assertEquals(6, window.dataView().model().validationPoints()[0].length);
        double train = r.poly().get("mse").loss();
        double val = r.validationLoss().get("mse");
        assertTrue(val > 5 * train, "validation loss " + val + " far above training loss " + train);
        robot.interact(() -> window.dataView().setDegree(1));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.dataView().lastResult().degree() == 1);
        DataView.Result line = window.dataView().lastResult();
        assertTrue(line.fits().get("mse").loss() > train, "a line fits the training points less closely");
        assertTrue(line.validationLoss().get("mse") < val / 2, "but predicts the validation points better: "
                + line.validationLoss().get("mse") + " against " + val);
    }

    @Test
    void asymmetricCost(FxRobot robot) throws Exception {
        open(robot, "asymmetric-cost");
        assertEquals(List.of("r > 0 ? abs(r) : 10*abs(r)"), window.customLosses().expressions());
        String key = window.customLosses().entries().get(0).key();
        DataView.Result r = waitForFits(List.of("mse", "quantile", key));
        double[][] t = window.dataView().model().training();
        int below = 0;
        for (int i = 0; i < t[0].length; i++) {
            below += t[1][i] <= r.predict(key, t[0][i]) + 1e-9 ? 1 : 0;
        }
        assertTrue(below >= 0.8 * t[0].length, below + " of " + t[0].length + " points lie on or below the line");
        assertTrue(r.fits().get(key).b() > r.fits().get("mse").b(), "the custom line sits above the MSE line");
    }

    @Test
    void theNotesCanBeClosedAndNewHidesThem(FxRobot robot) {
        open(robot, "saddle");
        robot.clickOn("#lesson-close");
        assertFalse(window.lessonPanel().isVisible());
        robot.interact(() -> window.openLesson("outliers"));
        robot.interact(window::newSession);
        assertFalse(window.lessonPanel().isVisible());
        assertEquals("himmelblau", window.surfaceView().problem().id());
    }
}
