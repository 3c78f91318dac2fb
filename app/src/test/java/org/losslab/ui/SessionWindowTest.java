package org.losslab.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.lesson.RecentFiles;
import org.losslab.lesson.SessionException;
import org.losslab.lesson.SessionFormat;
import org.losslab.lesson.SessionState;
import org.losslab.optim.OptimizerKind;
import org.losslab.optim.OptimizerSpec;
import org.losslab.ui.data.DataView;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Sessions in a real (headless) window: each view's state survives capture → restore → capture; a fresh window is
 * the default state; refused files change nothing on screen; the dirty flag, the title and the save prompt behave;
 * custom losses travel with the session.
 */
@ExtendWith(ApplicationExtension.class)
class SessionWindowTest {
    @TempDir
    Path dir;
    private MainWindow window;
    private final FakePrompts prompts = new FakePrompts();

    /** Answers the window's questions as a test tells it to, and records them. */
    static final class FakePrompts implements SessionPrompts {
        Choice answer = Choice.CANCEL;
        Path saveTo;
        Path openFrom;
        final List<String> asked = new ArrayList<>();
        final List<String> errors = new ArrayList<>();

        @Override
        public Choice askSaveChanges(String name) {
            asked.add("Save changes to " + name + "?");
            return answer;
        }

        @Override
        public Path chooseFileToOpen(Path folder) {
            return openFrom;
        }

        @Override
        public Path chooseFileToSave(Path folder, String suggestedName) {
            return saveTo;
        }

        @Override
        public void showError(String title, String message) {
            errors.add(title + ": " + message);
        }
    }

    @Start
    void start(Stage stage) {
        window = new MainWindow(RecentFiles.inMemory());
        window.setPrompts(prompts);
        stage.setScene(LossLabApp.createScene(window));
        stage.show();
    }

    private static <T> T fx(FxRobot robot, Callable<T> c) {
        Object[] out = new Object[1];
        robot.interact(() -> {
            try {
                out[0] = c.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        @SuppressWarnings("unchecked")
        T t = (T) out[0];
        return t;
    }

    @Test
    void aFreshWindowIsTheDefaultState(FxRobot robot) {
        SessionState s = fx(robot, window::captureState);
        assertTrue(s.equals(SessionState.defaults()), () -> firstDifference(SessionState.defaults(), s));
        assertEquals("Untitled — LossLab", window.titleProperty().get());
    }

    static String firstDifference(SessionState a, SessionState b) {
        String[] x = SessionFormat.write(a).split("\n");
        String[] y = SessionFormat.write(b).split("\n");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (!x[i].equals(y[i])) {
                return "line " + (i + 1) + ": " + x[i].strip() + " became " + y[i].strip();
            }
        }
        return "lengths " + x.length + " and " + y.length;
    }

    /** Edits the data view with the mouse and its controls, then checks its state survives a round trip. */
    @Test
    void theDataViewsStateRoundTrips(FxRobot robot) {
        robot.clickOn("#add-outlier");
        robot.interact(() -> {
            DataView v = window.dataView();
            v.model().toggleValidation(3);
            v.model().move(0, 0.123456789012345, -7.5e-3);
            robot.lookup("#fit-quantile").queryAs(CheckBox.class).setSelected(true);
            robot.lookup("#fit-mae").queryAs(CheckBox.class).setSelected(false);
            v.setDegree(3);
        });
        SessionState.Data edited = fx(robot, () -> window.dataView().captureState());
        assertEquals(21, edited.points().size(), "20 points (two of them outliers) and the one added");
        assertTrue(edited.points().get(3).validation());
        assertEquals(List.of("mse", "huber", "quantile"), edited.fits());
        assertEquals(3, edited.degree());

        robot.interact(() -> window.dataView().restoreState(SessionState.defaults().data()));
        assertEquals(SessionState.defaults().data(), fx(robot, () -> window.dataView().captureState()));
        assertFalse(robot.lookup("#fit-quantile").queryAs(CheckBox.class).isSelected(), "the check box follows");

        robot.interact(() -> window.dataView().restoreState(edited));
        assertEquals(edited, fx(robot, () -> window.dataView().captureState()));
        assertTrue(robot.lookup("#fit-quantile").queryAs(CheckBox.class).isSelected());
        assertFalse(robot.lookup("#fit-mae").queryAs(CheckBox.class).isSelected());
    }

    @Test
    void theClassificationViewsStateRoundTrips(FxRobot robot) {
        robot.interact(() -> {
            window.classifyView().loadImbalancedLesson();
            window.classifyView().lossChoice().setValue("focal");
            window.classifyView().learningRateControl().setRate(0.37);
        });
        robot.interact(() -> robot.lookup("#classify-step").queryAs(Button.class).fire());
        robot.interact(() -> robot.lookup("#classify-step").queryAs(Button.class).fire());
        SessionState.Classify edited = fx(robot, () -> window.classifyView().captureState());
        assertEquals(400, edited.points().size());
        assertEquals("focal", edited.loss());
        assertEquals("imbalanced", edited.dataset());
        assertNotEquals(List.of(0.5, -1.0, 0.0), edited.theta(), "two steps moved theta");

        robot.interact(() -> window.classifyView().restoreState(SessionState.defaults().classify()));
        assertEquals(SessionState.defaults().classify(), fx(robot, () -> window.classifyView().captureState()));
        assertEquals(40, window.classifyView().model().size());

        robot.interact(() -> window.classifyView().restoreState(edited));
        assertEquals(edited, fx(robot, () -> window.classifyView().captureState()));
        assertEquals(edited.theta().get(2), window.classifyView().theta()[2]);
        assertTrue(window.classifyView().compareButton().isSelected());
    }

    @Test
    void theSurfaceViewsStateRoundTrips(FxRobot robot) {
        robot.interact(() -> {
            window.surfaceView().selectProblem("ravine");
            window.surfaceView().descent().setOptimizer(2, OptimizerSpec.defaults(OptimizerKind.MOMENTUM)
                    .with("momentum", 0.8));
            window.surfaceView().descent().setEnabled(2, true);
            window.surfaceView().descent().setLearningRate(0, 0.085);
            window.surfaceView().descent().setStart(-3.25, 1.5);
            window.surfaceView().descent().setSchedule(1, org.losslab.optim.Schedule.step(50, 0.5));
        });
        SessionState.Surface edited = fx(robot, () -> window.surfaceView().captureState());
        assertEquals("ravine", edited.problem());
        assertEquals(0.8, edited.runs().get(2).hyper().get("momentum"));
        assertEquals("step:step_size=50,gamma=0.5", edited.runs().get(1).schedule());

        robot.interact(() -> window.surfaceView().restoreState(SessionState.defaults().surface()));
        assertEquals(SessionState.defaults().surface(), fx(robot, () -> window.surfaceView().captureState()));
        assertEquals("himmelblau", window.surfaceView().problem().id());

        robot.interact(() -> window.surfaceView().restoreState(edited));
        assertEquals(edited, fx(robot, () -> window.surfaceView().captureState()));
        assertEquals(0.085, window.surfaceView().descent().slots().get(0).run().learningRate());
    }

    @Test
    void aClassifiersSliceInTheSurfaceViewTravelsWithTheSession(FxRobot robot) throws Exception {
        // A slice over (w1, b) with w2 held, sent from the classification view after one step; a run started there.
        robot.interact(() -> robot.lookup("#classify-step").queryAs(Button.class).fire());
        double[] theta = fx(robot, () -> window.classifyView().theta().clone());
        robot.interact(() -> robot.lookup("#show-slice").queryAs(Button.class).fire());
        robot.interact(() -> window.surfaceView().descent().setStart(0.25, -0.75));
        SessionState saved = fx(robot, window::captureState);
        assertEquals(SessionState.SLICE_PROBLEM, saved.surface().problem());
        assertEquals(new SessionState.Slice(0, 2, List.of(theta[0], theta[1], theta[2])), saved.surface().slice());
        Path file = dir.resolve("slice.losslab.json");
        SessionFormat.save(file, saved);

        // A new session shows Himmelblau; opening the file brings the slice back, with the same values.
        robot.interact(() -> {
            try {
                window.restoreState(SessionState.defaults());
            } catch (SessionException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals("himmelblau", window.surfaceView().problem().id());
        SessionState read = SessionFormat.load(file);
        robot.interact(() -> {
            try {
                window.restoreState(read);
            } catch (SessionException e) {
                throw new IllegalStateException(e);
            }
        });
        org.losslab.problem.Problem p = window.surfaceView().problem();
        assertEquals("slice", p.id());
        assertArrayEquals(new String[] {"w1", "b"}, p.parameterNames());
        assertArrayEquals(new double[] {0.25, -0.75}, window.surfaceView().descent().start(), 0.0);
        // Its loss is the classifier's with w2 held at the saved value: the mean BCE with logits written out.
        SessionState.Classify c = read.classify();
        double w1 = 0.7;
        double b = -0.4;
        double sum = 0;
        for (SessionState.LabeledPoint q : c.points()) {
            double z = w1 * q.x1() + theta[1] * q.x2() + b;
            sum += Math.max(z, 0) - z * q.label() + Math.log1p(Math.exp(-Math.abs(z)));
        }
        assertEquals(sum / c.points().size(), p.value(w1, b), 1e-12);
        assertEquals(saved.surface(), fx(robot, () -> window.surfaceView().captureState()));
    }

    @Test
    void theCurvesViewsStateRoundTrips(FxRobot robot) {
        robot.interact(() -> {
            window.curvesView().model().axisProperty().set(org.losslab.kernel.LossCurves.Axis.SCORE);
            window.curvesView().model().setShown("focal", true);
            window.curvesView().model().showDerivativeProperty().set(true);
        });
        SessionState.Curves edited = fx(robot, () -> window.curvesView().captureState());
        robot.interact(() -> window.curvesView().restoreState(SessionState.defaults().curves()));
        assertEquals(SessionState.defaults().curves(), fx(robot, () -> window.curvesView().captureState()));
        robot.interact(() -> window.curvesView().restoreState(edited));
        assertEquals(edited, fx(robot, () -> window.curvesView().captureState()));
        assertTrue(robot.lookup("#axis-score").queryAs(javafx.scene.control.ToggleButton.class).isSelected(),
                "the axis toggle follows the restored state");
    }

    @Test
    void theBoxesAndEmbeddingsTravelWithTheSession(FxRobot robot) throws Exception {
        double[][] pts = {{0.5, -0.5}, {1.5, 1.0}, {-2.0, 1.0}, {0.25, 0.75}, {-3.0, -3.0}, {3.5, 2.0}};
        robot.interact(() -> {
            window.boxesView().setGiou(false);
            window.boxesView().setLearningRate(0.75);
            window.boxesView().setBoxes(new double[] {2, 3, 6, 9}, new double[] {0.5, 1, 4.25, 2});
            window.embeddingView().setState(pts, false, 2.5, 0.05, true);
        });
        Path file = dir.resolve("beyond.losslab.json");
        robot.interact(() -> {
            try {
                window.saveSession(file);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        robot.interact(window::newSession);
        assertEquals(SessionState.Beyond.defaults(), fx(robot, window::captureState).beyond(), "New resets them");
        robot.interact(() -> {
            try {
                window.openSession(file);
            } catch (SessionException e) {
                throw new IllegalStateException(e);
            }
        });
        assertArrayEquals(new double[] {2, 3, 6, 9}, window.boxesView().target(), 0.0);
        assertArrayEquals(new double[] {0.5, 1, 4.25, 2}, window.boxesView().predicted(), 0.0);
        assertFalse(window.boxesView().isGiou());
        assertEquals(0.75, window.boxesView().learningRate());
        for (int i = 0; i < pts.length; i++) {
            assertArrayEquals(pts[i], window.embeddingView().points()[i], 0.0);
        }
        assertFalse(window.embeddingView().isTriplet());
        assertEquals(2.5, window.embeddingView().margin());
        assertTrue(window.embeddingView().movesAnchor());
        String shown = window.embeddingView().lossText();
        assertTrue(shown.startsWith("contrastive"), shown);
    }

    @Test
    void customLossesTravelWithTheSession(FxRobot robot) throws Exception {
        robot.interact(() -> {
            CustomLosses.Entry e = window.customLosses().add("r > 0 ? abs(r) : 10*abs(r)");
            robot.lookup("#fit-" + e.key()).queryAs(CheckBox.class).setSelected(true);
        });
        Path file = dir.resolve("custom.losslab.json");
        robot.interact(() -> {
            try {
                window.saveSession(file);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        String json = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(json.contains("\"custom#1\""), "the file refers to the loss by its place in customLosses");
        robot.interact(window::newSession);
        assertEquals(List.of(), window.customLosses().expressions());
        robot.interact(() -> {
            try {
                window.openSession(file);
            } catch (SessionException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(List.of("r > 0 ? abs(r) : 10*abs(r)"), window.customLosses().expressions());
        String key = window.customLosses().entries().get(0).key();
        assertTrue(window.dataView().captureState().fits().contains(key), "the custom fit is ticked again");
        assertEquals("custom.losslab.json — LossLab", window.titleProperty().get());
    }

    @Test
    void refusedFilesChangeNothingOnScreen(FxRobot robot) throws Exception {
        robot.interact(() -> {
            window.dataView().model().addOutlier();
            window.surfaceView().selectProblem("rosenbrock");
            window.showView(window.classifyView());
        });
        SessionState before = fx(robot, window::captureState);
        prompts.answer = SessionPrompts.Choice.DISCARD;
        String full = SessionFormat.write(SessionState.defaults());
        String[][] cases = {
            {"cut.json", full.substring(0, full.length() / 3), "The file is damaged or cut short at line"},
            {"types.json", "{\"schema\": \"losslab-session\", \"version\": 1, \"data\": {\"points\": "
                    + "[{\"x\": 1, \"y\": \"two\"}]}}", "data.points[0].y: expected a number, found text \"two\""},
            {"empty.json", "", "The file is empty"},
            {"foreign.json", "{\"type\": \"FeatureCollection\", \"features\": []}", "This file is not a LossLab session"},
            {"newer.json", "{\"schema\": \"losslab-session\", \"version\": 7}",
                "This session was saved by a newer LossLab (version 7); this one reads version 1"},
        };
        for (String[] c : cases) {
            Path file = dir.resolve(c[0]);
            Files.writeString(file, c[1], StandardCharsets.UTF_8);
            prompts.openFrom = file;
            robot.interact(window::openAsked);
            WaitForAsyncUtils.waitForFxEvents();
            String error = prompts.errors.get(prompts.errors.size() - 1);
            assertTrue(error.startsWith("Could not open " + c[0] + ": " + c[2]), error);
            SessionState after = fx(robot, window::captureState);
            assertTrue(before.equals(after), () -> c[0] + ": " + firstDifference(before, after));
            assertEquals("rosenbrock", window.surfaceView().problem().id());
        }
        assertThrows(SessionException.class, () -> window.openSession(dir.resolve("missing.json")));
    }

    @Test
    void editsMarkTheSessionDirtyAndClosingAsksToSave(FxRobot robot) throws Exception {
        Path file = dir.resolve("lesson1.losslab.json");
        prompts.saveTo = file;
        robot.interact(() -> window.saveAsAsked());
        assertEquals("lesson1.losslab.json — LossLab", window.titleProperty().get());
        assertTrue(window.confirmDiscard(), "nothing changed: no question");
        assertTrue(prompts.asked.isEmpty());

        robot.clickOn("#add-outlier");
        WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS,
                () -> window.dirtyProperty().get());
        assertEquals("*lesson1.losslab.json — LossLab", window.titleProperty().get());

        prompts.answer = SessionPrompts.Choice.CANCEL;
        robot.interact(window::newSessionAsked);
        assertEquals(List.of("Save changes to lesson1.losslab.json?"), prompts.asked);
        assertEquals(21, window.dataView().model().size(), "cancel keeps the edit on screen");

        prompts.answer = SessionPrompts.Choice.SAVE;
        robot.interact(window::newSessionAsked);
        assertEquals(21, SessionFormat.load(file).data().points().size(), "Save wrote the edit first");
        assertEquals(20, window.dataView().model().size(), "then New gave a fresh state");
        assertEquals("Untitled — LossLab", window.titleProperty().get());

        robot.interact(() -> window.surfaceView().selectProblem("saddle"));
        prompts.answer = SessionPrompts.Choice.DISCARD;
        prompts.openFrom = file;
        robot.interact(window::openAsked);
        assertEquals(21, window.dataView().model().size());
        assertEquals("himmelblau", window.surfaceView().problem().id(), "the saddle was discarded");
        assertEquals(List.of(file.toAbsolutePath()), window.recentFiles().list().subList(0, 1));
    }
}
