package org.losslab.ui.io;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import org.losslab.ui.MainWindow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code losslab render}: draws one of the app's views headless, at a chosen size, into a PNG. JavaFX is started on
 * the headless Monocle platform with software rendering (no display needed); the main window is built as the app
 * builds it, the view is laid out alone at the asked size, its surfaces are waited for, and the snapshot is written.
 * Bad arguments are refused before the toolkit starts, with one line on standard error and exit status 2.
 *
 * <p>It lives in the ui layer because it draws JavaFX views; the launcher adds it to the command line.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Draw a view headless into a PNG (no display needed), e.g. for slides.")
public final class RenderCommand implements Callable<Integer> {
    /** How long to wait for a view's surfaces before giving up. */
    static final long TIMEOUT_SECONDS = 120;

    @Option(names = "--view", required = true, paramLabel = "VIEW",
            description = "data, classification, surface, curves or mse-vs-bce")
    String view;

    @Option(names = "--width", defaultValue = "1600", paramLabel = "PX", description = "width in pixels (1600)")
    int width;

    @Option(names = "--height", defaultValue = "900", paramLabel = "PX", description = "height in pixels (900)")
    int height;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "the PNG to write")
    String out;

    @Option(names = "--lesson", paramLabel = "ID", description = "open this lesson first")
    String lesson;

    @Option(names = "--session", paramLabel = "FILE", description = "open this session file first")
    String session;

    /** The session file's state, read and checked by {@link #validate()}. */
    private org.losslab.lesson.SessionState sessionState;

    @Override
    public Integer call() throws Exception {
        Path target = validate();
        boolean started = startToolkit();
        try {
            WritableImage image = onFx(() -> {
                MainWindow window = new MainWindow();
                if (sessionState != null) {
                    window.restoreState(sessionState);
                } else if (lesson != null) {
                    window.openLesson(lesson);
                }
                Node node = ViewExport.view(window, view);
                return ViewExport.render(window, node, width, height)
                        .whenComplete((i, e) -> window.shutdown());
            });
            Exports.writePng(image, target);
            return 0;
        } finally {
            if (started) {
                Platform.exit();
            }
        }
    }

    /** Checks every argument before anything starts; returns the output path. */
    Path validate() {
        if (!ViewExport.VIEWS.contains(view)) {
            throw new IllegalArgumentException("--view " + view + " is not a view: use one of "
                    + String.join(", ", ViewExport.VIEWS));
        }
        checkSize("--width", width);
        checkSize("--height", height);
        if (session != null) {
            Path s = path(session, "--session");
            if (!Files.isRegularFile(s)) {
                throw new IllegalArgumentException("--session " + session + ": no such file");
            }
            if (lesson != null) {
                throw new IllegalArgumentException("give --lesson or --session, not both");
            }
            try {
                sessionState = org.losslab.lesson.SessionFormat.load(s);
            } catch (org.losslab.lesson.SessionException e) {
                throw new IllegalArgumentException("--session " + session + ": " + e.getMessage());
            }
        }
        if (lesson != null && !org.losslab.lesson.Lessons.ids().contains(lesson)) {
            throw new IllegalArgumentException("--lesson " + lesson + " is not a lesson: use one of "
                    + String.join(", ", org.losslab.lesson.Lessons.ids()));
        }
        Path target = path(out, "--out");
        Path parent = target.toAbsolutePath().getParent();
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException("--out " + out + " is a folder: name a file, e.g. view.png");
        }
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IllegalArgumentException("--out " + out + ": the folder " + parent + " does not exist");
        }
        if (!Files.isWritable(parent) || (Files.exists(target) && !Files.isWritable(target))) {
            throw new IllegalArgumentException("--out " + out + ": permission denied");
        }
        return target;
    }

    private static void checkSize(String option, int v) {
        if (v < 1 || v > ViewExport.MAX_SIZE) {
            throw new IllegalArgumentException(option + " " + v + " is not a size: use 1 to " + ViewExport.MAX_SIZE
                    + " pixels");
        }
    }

    private static Path path(String text, String option) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(option + " " + text + " is not a valid path");
        }
    }

    /**
     * Starts JavaFX on headless Monocle with software rendering unless it already runs (as under the tests, where
     * TestFX started it). Returns whether it was started here.
     */
    static boolean startToolkit() throws InterruptedException {
        setDefault("glass.platform", "Monocle");
        setDefault("monocle.platform", "Headless");
        setDefault("prism.order", "sw");
        setDefault("prism.text", "t2k");
        setDefault("java.awt.headless", "true");
        CompletableFuture<Void> up = new CompletableFuture<>();
        try {
            Platform.startup(() -> up.complete(null));
        } catch (IllegalStateException alreadyRunning) {
            return false;
        }
        Platform.setImplicitExit(false);
        try {
            up.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("JavaFX did not start: " + e);
        }
        return true;
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** Runs work that yields a future on the JavaFX thread and waits for the future's value. */
    private static <T> T onFx(Callable<CompletableFuture<T>> work) throws Exception {
        AtomicReference<CompletableFuture<T>> ref = new AtomicReference<>();
        CompletableFuture<CompletableFuture<T>> scheduled = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                scheduled.complete(work.call());
            } catch (Exception | Error e) {
                scheduled.completeExceptionally(e);
            }
        });
        try {
            ref.set(scheduled.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            return ref.get().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof Exception ? (Exception) cause : e;
        } catch (TimeoutException e) {
            throw new IllegalStateException("the view was not drawn within " + TIMEOUT_SECONDS + " s");
        }
    }
}
