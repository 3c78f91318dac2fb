package org.losslab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.cli.LossLabCommand;
import org.losslab.optim.Trajectory;
import org.losslab.ui.data.DataModel;
import org.losslab.ui.descent.DescentModel;
import org.losslab.ui.io.Exports;
import org.losslab.ui.io.RenderCommand;
import org.losslab.ui.io.ViewExport;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.w3c.dom.Document;

/**
 * What a user gets from the exports, read back as another program would: CSVs with the numbers of the data and of
 * each run, PNGs of the asked size that show something, an SVG that parses and names the runs, a GIF with its
 * frames, and the headless render command's PNGs and refusals.
 */
@ExtendWith(ApplicationExtension.class)
class ExportTest {
    @TempDir
    Path dir;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow();
        stage.setScene(LossLabApp.createScene(window));
        stage.show();
    }

    private static <T> T onFx(java.util.concurrent.Callable<CompletableFuture<T>> work) throws Exception {
        CompletableFuture<CompletableFuture<T>> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(30, TimeUnit.SECONDS).get(60, TimeUnit.SECONDS);
    }

    /** The standard deviation of the grey level over the image: 0 for a blank (single-colour) picture. */
    private static double greySpread(BufferedImage img) {
        double sum = 0;
        double sq = 0;
        long n = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y);
                double g = ((rgb >> 16 & 255) + (rgb >> 8 & 255) + (rgb & 255)) / 3.0;
                sum += g;
                sq += g * g;
                n++;
            }
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, sq / n - mean * mean));
    }

    private void stepRuns(int steps) {
        WaitForAsyncUtils.asyncFx(() -> {
            for (int i = 0; i < steps; i++) {
                window.surfaceView().descent().stepAll();
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void dataCsvHoldsEveryPointAndTrajectoryCsvEveryStep() throws Exception {
        DataModel.Snapshot data = window.dataView().model().snapshot();
        Path f = dir.resolve("data.csv");
        Exports.writeData(data, f);
        List<String> lines = Files.readAllLines(f);
        assertEquals("x,y,validation", lines.get(0));
        assertEquals(data.size() + 1, lines.size());
        for (int i = 0; i < data.size(); i++) {
            String[] cells = lines.get(i + 1).split(",");
            assertEquals(data.x()[i], Double.parseDouble(cells[0]));
            assertEquals(data.y()[i], Double.parseDouble(cells[1]));
        }

        stepRuns(25);
        List<Path> files = Exports.writeTrajectories(window.surfaceView().descent(), dir);
        assertEquals(List.of(dir.resolve("run-1-sgd.csv"), dir.resolve("run-2-adam.csv")), files,
                "one file per enabled run");
        DescentModel.Slot sgd = window.surfaceView().descent().slots().get(0);
        Trajectory t = sgd.run().trajectory();
        List<String> rows = Files.readAllLines(files.get(0));
        assertEquals("step,theta1,theta2,loss,grad_norm", rows.get(0));
        assertEquals(26, rows.size() - 1, "the start and 25 steps");
        for (int i = 0; i < t.size(); i++) {
            String[] c = rows.get(i + 1).split(",");
            assertEquals(i, Integer.parseInt(c[0]));
            assertEquals(t.theta1(i), Double.parseDouble(c[1]));
            assertEquals(t.theta2(i), Double.parseDouble(c[2]));
            assertEquals(t.loss(i), Double.parseDouble(c[3]));
            assertEquals(t.gradNorm(i), Double.parseDouble(c[4]));
        }
    }

    @Test
    void viewPngHasTheAskedSizeShowsSomethingAndTheViewGoesBackToItsTab() throws Exception {
        var view = window.surfaceView();
        WritableImage image = onFx(() -> ViewExport.render(window, view, 1600, 900));
        Path f = dir.resolve("surface.png");
        Exports.writePng(image, f);
        BufferedImage back = ImageIO.read(f.toFile());
        assertEquals(1600, back.getWidth());
        assertEquals(900, back.getHeight());
        assertTrue(greySpread(back) > 20, "not blank: grey spread " + greySpread(back));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.workspace().getTabs().stream().anyMatch(t -> t.getContent() == view),
                "the view is back in its tab");
        assertTrue(view.getScene() == window.getScene(), "and in the window's scene");
    }

    @Test
    void runsPlayingBeforeAnExportGoOnPlayingAfterIt() throws Exception {
        var view = window.surfaceView();
        org.testfx.api.FxToolkit.setupFixture(() -> {
            window.showView(view);
            view.descent().playingProperty().set(true);
        });
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> view.descent().slots().get(0).run() != null && view.descent().slots().get(0).run().steps() > 0);
        onFx(() -> ViewExport.render(window, view, 800, 450));
        WaitForAsyncUtils.waitForFxEvents();
        int after = view.descent().slots().get(0).run().steps();
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> view.descent().slots().get(0).run().steps() > after + 5);
        org.testfx.api.FxToolkit.setupFixture(() -> view.descent().playingProperty().set(false));
    }

    /** Parses as XML, without fetching the SVG DTD named in the DOCTYPE (no network in tests). */
    private static Document parseXml(Path f) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(f.toFile());
    }

    @Test
    void chartSvgParsesAsXmlAndNamesEveryRun() throws Exception {
        stepRuns(10);
        WaitForAsyncUtils.asyncFx(() -> window.surfaceView().lossChart().update(window.surfaceView().descent()));
        WaitForAsyncUtils.waitForFxEvents();
        Path f = dir.resolve("loss.svg");
        Exports.writeSvg(window.surfaceView().lossChart().chart(), 1200, 700, f);
        Document doc = parseXml(f);
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertEquals(1200.0, Double.parseDouble(doc.getDocumentElement().getAttribute("width")));
        String text = Files.readString(f);
        assertTrue(text.contains("run 1: SGD, lr 0.01"), "legend names run 1");
        assertTrue(text.contains("run 2: Adam, lr 0.01"), "legend names run 2");
        assertTrue(doc.getElementsByTagName("path").getLength() > 0, "the series are drawn as paths");

        Path curves = dir.resolve("curves.svg");
        Exports.writeSvg(window.curvesView().chart(), 800, 500, curves);
        assertTrue(parseXml(curves).getElementsByTagName("path").getLength() > 0);
    }

    @Test
    void descentGifHasTheFramesAskedForAndTheRunMovesAcrossThem() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.surfaceView().shownGrid() != null
                && window.surfaceView().shownGrid().isComplete());
        WaitForAsyncUtils.asyncFx(() -> {
            window.surfaceView().descent().setStart(-1, 1);
            window.surfaceView().descent().setLearningRate(0, 0.01);
        });
        WaitForAsyncUtils.waitForFxEvents();
        int frames = 12;
        List<BufferedImage> images = onFx(() -> Exports.descentFrames(window.surfaceView(), frames, 60, 480, 320));
        Path f = dir.resolve("descent.gif");
        Exports.writeGif(images, Exports.GIF_DELAY_CS, f);
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(f.toFile())) {
            reader.setInput(in);
            assertEquals(frames, reader.getNumImages(true));
            BufferedImage first = reader.read(0);
            BufferedImage last = reader.read(frames - 1);
            assertEquals(480, first.getWidth());
            assertEquals(320, first.getHeight());
            assertTrue(greySpread(first) > 20, "a heat map, not a blank frame");
            int differing = 0;
            for (int y = 0; y < 320; y++) {
                for (int x = 0; x < 480; x++) {
                    if (first.getRGB(x, y) != last.getRGB(x, y)) {
                        differing++;
                    }
                }
            }
            assertTrue(differing > 50, "the paths grow between the first and the last frame: " + differing);
            String loop = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            assertTrue(loop.contains("NETSCAPE2.0"), "loops");
        } finally {
            reader.dispose();
        }
        assertEquals(0, window.surfaceView().descent().slots().get(0).run().steps(),
                "the live runs were not stepped");
    }

    private int render(ByteArrayOutputStream err, String... args) {
        return LossLabCommand.run(args, System.in, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), java.util.Map.of("render", new RenderCommand()));
    }

    @Test
    void renderWritesAPngOfTheAskedSizeForEveryView() throws Exception {
        for (String view : ViewExport.VIEWS) {
            Path out = dir.resolve(view + ".png");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = render(err, "render", "--view", view, "--width", "800", "--height", "450", "--out",
                    out.toString());
            assertEquals(0, code, view + ": " + err);
            BufferedImage img = ImageIO.read(out.toFile());
            assertEquals(800, img.getWidth(), view);
            assertEquals(450, img.getHeight(), view);
            assertTrue(greySpread(img) > 15, view + " is not blank: " + greySpread(img));
        }
    }

    @Test
    void renderSetsTheSceneFromALessonOrASessionFirst() throws Exception {
        Path plain = dir.resolve("plain.png");
        Path lesson = dir.resolve("lesson.png");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, render(err, "render", "--view", "classification", "--width", "900", "--height", "560",
                "--out", plain.toString()), err.toString());
        assertEquals(0, render(err, "render", "--lesson", "imbalance", "--view", "classification", "--width", "900",
                "--height", "560", "--out", lesson.toString()), err.toString());
        BufferedImage a = ImageIO.read(plain.toFile());
        BufferedImage b = ImageIO.read(lesson.toFile());
        assertEquals(900, b.getWidth());
        assertEquals(560, b.getHeight());
        assertTrue(greySpread(b) > 15, "not blank");
        int differing = 0;
        for (int y = 0; y < a.getHeight(); y += 3) {
            for (int x = 0; x < a.getWidth(); x += 3) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    differing++;
                }
            }
        }
        assertTrue(differing > 2000, "the lesson's 400 points and three boundaries change the picture: " + differing);
        // A session saved from a window renders the same as that window's state would.
        Path session = dir.resolve("s.losslab.json");
        org.losslab.lesson.SessionFormat.save(session, org.losslab.lesson.Lessons.load("imbalance"));
        Path fromSession = dir.resolve("session.png");
        assertEquals(0, render(err, "render", "--session", session.toString(), "--view", "classification",
                "--width", "900", "--height", "560", "--out", fromSession.toString()), err.toString());
        assertTrue(greySpread(ImageIO.read(fromSession.toFile())) > 15);
    }

    @Test
    void renderRefusesBadArgumentsWithOneLineAndStatus2() throws Exception {
        Files.writeString(dir.resolve("s.json"), "{}");
        String[][] cases = {
            {"--view", "globe", "--out", dir.resolve("a.png").toString()},
            {"--view", "surface", "--width", "0", "--out", dir.resolve("a.png").toString()},
            {"--view", "surface", "--height", "100000", "--out", dir.resolve("a.png").toString()},
            {"--view", "surface", "--out", dir.resolve("no/such/folder/a.png").toString()},
            {"--view", "surface", "--out", dir.toString()},
            {"--view", "surface", "--session", dir.resolve("missing.json").toString(), "--out",
                dir.resolve("a.png").toString()},
            {"--view", "surface", "--lesson", "nope", "--out", dir.resolve("a.png").toString()},
            {"--view", "surface", "--session", dir.resolve("s.json").toString(), "--out",
                dir.resolve("a.png").toString()},
            {"--view", "surface", "--width", "wide", "--out", dir.resolve("a.png").toString()},
        };
        String[] expected = {
            "losslab: --view globe is not a view: use one of data, classification, surface, curves, mse-vs-bce, "
                + "embeddings, boxes, next-token, glossary",
            "losslab: --width 0 is not a size: use 1 to 8192 pixels",
            "losslab: --height 100000 is not a size: use 1 to 8192 pixels",
            "does not exist",
            "is a folder",
            "missing.json: no such file",
            "--lesson nope is not a lesson: use one of",
            "not a LossLab session",
            "losslab: Invalid value for option '--width'",
        };
        for (int i = 0; i < cases.length; i++) {
            String[] args = new String[cases[i].length + 1];
            args[0] = "render";
            System.arraycopy(cases[i], 0, args, 1, cases[i].length);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = render(err, args);
            String msg = err.toString(StandardCharsets.UTF_8);
            assertEquals(2, code, String.join(" ", args) + " -> " + msg);
            assertEquals(1, msg.lines().count(), "one line: " + msg);
            assertTrue(msg.contains(expected[i]), msg);
        }
        assertTrue(!Files.exists(dir.resolve("a.png")), "nothing written");
    }
}
