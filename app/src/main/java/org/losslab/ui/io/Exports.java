package org.losslab.ui.io;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.animation.AnimationTimer;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.losslab.lesson.DataCsv;
import org.losslab.lesson.TrajectoryCsv;
import org.losslab.optim.Run;
import org.losslab.ui.Palette;
import org.losslab.ui.classify.ClassifyModel;
import org.losslab.ui.data.DataModel;
import org.losslab.ui.descent.DescentModel;
import org.losslab.ui.landscape.SurfaceCanvas;
import org.losslab.ui.landscape.SurfaceView;

/**
 * Every export of the app, without dialogs (the menu asks for the file, these write it): data and trajectories as
 * CSV, a view as PNG, a JFreeChart chart as SVG (JFreeSVG) and a descent as an animated GIF. Errors are
 * {@link UncheckedIOException}s whose message names the file.
 */
public final class Exports {
    /** Frames of a descent GIF. */
    public static final int GIF_FRAMES = 60;
    /** Delay between GIF frames, in hundredths of a second. */
    public static final int GIF_DELAY_CS = 8;

    private Exports() {
    }

    // ---------------------------------------------------------------- CSV

    /** The data view's points: x, y and validation (0/1). */
    public static void writeData(DataModel.Snapshot data, Path file) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            DataCsv.writePoints(data.x(), data.y(), data.validation(), w);
        } catch (IOException | UncheckedIOException e) {
            throw failure(file, e);
        }
    }

    /** The classification view's points: x1, x2 and label. */
    public static void writeLabeled(ClassifyModel.Snapshot data, Path file) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            DataCsv.writeLabeled(data.x1(), data.x2(), data.labels(), w);
        } catch (IOException | UncheckedIOException e) {
            throw failure(file, e);
        }
    }

    /**
     * Each run of the surface view as its own CSV in {@code dir} (columns step,theta1,theta2,loss,grad_norm, as
     * the descend command): run-1-sgd.csv, run-2-adam.csv, ... Returns the files written (none without runs).
     */
    public static List<Path> writeTrajectories(DescentModel descent, Path dir) {
        List<Path> out = new ArrayList<>();
        for (DescentModel.Slot s : descent.slots()) {
            Run run = s.run();
            if (run == null) {
                continue;
            }
            String kind = s.optimizer().kind().name().toLowerCase(Locale.ROOT);
            Path file = dir.resolve("run-" + (s.index() + 1) + "-" + kind + ".csv");
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                TrajectoryCsv.write(run.trajectory(), w);
            } catch (IOException | UncheckedIOException e) {
                throw failure(file, e);
            }
            out.add(file);
        }
        return out;
    }

    // ---------------------------------------------------------------- images

    /** Writes a JavaFX image as PNG. */
    public static void writePng(Image image, Path file) {
        try {
            if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile())) {
                throw new IOException("no PNG writer");
            }
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    /** Draws a chart at {@code width} × {@code height} into an SVG file (vector graphics, for slides and papers). */
    public static void writeSvg(JFreeChart chart, int width, int height, Path file) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        chart.draw(g, new Rectangle(0, 0, width, height));
        try {
            Files.writeString(file, g.getSVGDocument(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    /**
     * Writes frames as an animated GIF that loops forever, {@code delayCs} hundredths of a second per frame (the
     * last frame held four times as long).
     */
    public static void writeGif(List<BufferedImage> frames, int delayCs, Path file) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("no frames to write");
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            if (out == null) {
                throw new IOException("cannot open the file for writing");
            }
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int i = 0; i < frames.size(); i++) {
                BufferedImage frame = toIndexable(frames.get(i));
                ImageWriteParam param = writer.getDefaultWriteParam();
                IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame),
                        param);
                gifFrameMetadata(meta, i == frames.size() - 1 ? delayCs * 4 : delayCs, i == 0);
                writer.writeToSequence(new IIOImage(frame, null, meta), param);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw failure(file, e);
        } finally {
            writer.dispose();
        }
    }

    /** GIF frames are 8-bit: drop the alpha channel (the views are opaque) so the writer can palettize. */
    private static BufferedImage toIndexable(BufferedImage src) {
        BufferedImage rgb = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = rgb.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, src.getWidth(), src.getHeight());
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return rgb;
    }

    private static void gifFrameMetadata(IIOMetadata meta, int delayCs, boolean first) throws IOException {
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(delayCs));
        gce.setAttribute("transparentColorIndex", "0");
        if (first) {
            // NETSCAPE2.0 application extension: loop count 0 = forever
            IIOMetadataNode apps = child(root, "ApplicationExtensions");
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, 0, 0});
            apps.appendChild(app);
        }
        meta.setFromTree(format, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }

    /**
     * Frames of a descent for a GIF: the surface view's heat map redrawn off screen at {@code width} ×
     * {@code height}, with its runs (same optimizers, rates, schedules and start, run again here, not the live
     * ones) stepped from the start to {@code steps} steps, {@code frames} snapshots evenly spaced in steps. Call on
     * the JavaFX thread once the view shows a complete surface; the frames arrive as a future.
     */
    public static CompletableFuture<List<BufferedImage>> descentFrames(SurfaceView view, int frames, int steps,
                                                                     int width, int height) {
        SurfaceView.Rendered shown = view.shownRendered();
        if (shown == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the surface is not computed yet"));
        }
        DescentModel live = view.descent();
        DescentModel copy = new DescentModel(live.problem());
        double[] start = live.start();
        copy.setStart(start[0], start[1]);
        for (DescentModel.Slot s : live.slots()) {
            copy.setEnabled(s.index(), s.enabled());
            copy.setOptimizer(s.index(), s.optimizer());
            copy.setLearningRate(s.index(), s.learningRate());
            copy.setSchedule(s.index(), s.schedule());
            copy.setBatchSize(s.index(), s.batchSize(), s.seed());
        }
        SurfaceCanvas canvas = new SurfaceCanvas();
        String[] names = live.problem().parameterNames();
        canvas.setAxisNames(names[0], names[1]);
        canvas.setView(view.canvas().view());
        canvas.setHeatmap(shown.grid().bounds(), shown.grid().nx(), shown.grid().ny(), shown.argb());
        canvas.setContours(shown.contours());
        canvas.setColourBar(shown.bar(), shown.barPositions(), shown.barLabels());
        canvas.setMinima(view.canvas().minima());
        canvas.setStart(start);
        StackPane root = new StackPane(canvas);
        Scene scene = new Scene(root, width, height, Color.WHITE);
        root.applyCss();
        root.layout();
        CompletableFuture<List<BufferedImage>> result = new CompletableFuture<>();
        List<BufferedImage> out = new ArrayList<>();
        new AnimationTimer() {
            private boolean pathsSet;
            private int wait;

            @Override
            public void handle(long now) {
                try {
                    root.layout();
                    if (!pathsSet) {
                        // frame k shows the runs after round(k * steps / (frames - 1)) steps
                        int k = out.size();
                        int target = frames == 1 ? steps : (int) Math.round((double) k * steps / (frames - 1));
                        while (copy.anyRunning() && stepsTaken(copy) < target) {
                            copy.stepAll();
                        }
                        List<SurfaceCanvas.Path> paths = new ArrayList<>();
                        for (DescentModel.Slot s : copy.slots()) {
                            if (s.run() != null) {
                                var t = s.run().trajectory();
                                paths.add(new SurfaceCanvas.Path(t.theta1s(), t.theta2s(), t.size(),
                                        Color.web(Palette.runHex(s.index()))));
                            }
                        }
                        canvas.setPaths(paths);
                        pathsSet = true;
                        wait = k == 0 ? ViewSnapshot.SETTLE_PULSES : 2;
                        return;
                    }
                    if (--wait > 0) {
                        return;
                    }
                    out.add(SwingFXUtils.fromFXImage(scene.snapshot(new WritableImage(width, height)), null));
                    pathsSet = false;
                    if (out.size() >= frames) {
                        stop();
                        result.complete(out);
                    }
                } catch (RuntimeException ex) {
                    stop();
                    result.completeExceptionally(ex);
                }
            }
        }.start();
        return result;
    }

    private static int stepsTaken(DescentModel model) {
        int most = 0;
        for (DescentModel.Slot s : model.slots()) {
            if (s.run() != null) {
                most = Math.max(most, s.run().steps());
            }
        }
        return most;
    }

    /** How many steps the view's runs have taken (the most of any run). */
    public static int stepsShown(SurfaceView view) {
        return stepsTaken(view.descent());
    }

    static UncheckedIOException failure(Path file, Exception e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String why = t instanceof java.nio.file.NoSuchFileException ? "no such folder"
                : t instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        IOException io = t instanceof IOException ? (IOException) t : new IOException(why, t);
        return new UncheckedIOException("could not write " + file + ": " + why, io);
    }
}
