package org.losslab.ui.landscape;

import java.util.ArrayList;
import java.util.List;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.AmbientLight;
import javafx.scene.Group;
import javafx.scene.PerspectiveCamera;
import javafx.scene.PointLight;
import javafx.scene.SceneAntialiasing;
import javafx.scene.SubScene;
import javafx.scene.control.Label;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.Cylinder;
import javafx.scene.shape.MeshView;
import javafx.scene.shape.Sphere;
import javafx.scene.shape.TriangleMesh;
import javafx.scene.transform.Rotate;
import javafx.scene.transform.Translate;
import org.losslab.problem.Bounds;

/**
 * The surface in 3D: a triangle mesh whose heights are the loss values (coloured like the heat map), with the
 * descent trajectories drawn on it. Drag to rotate, scroll to zoom.
 *
 * <p>JavaFX 3D needs a hardware pipeline. Where {@link ConditionalFeature#SCENE3D} is missing (software rendering,
 * for example under a virtual display) the view says so and how to get it, instead of showing a blank pane; the
 * mesh data is still built, so it can be checked and exported.
 */
public final class Surface3DView extends StackPane {
    /** Side of the square the parameter plane is drawn on, in scene units. */
    static final double SIDE = 400;
    /** Height of the tallest point, in scene units. */
    static final double HEIGHT = 220;

    private final boolean supported = Platform.isSupported(ConditionalFeature.SCENE3D);
    private final Group world = new Group();
    private final Group content = new Group();
    private final Rotate rotX = new Rotate(-35, Rotate.X_AXIS);
    private final Rotate rotY = new Rotate(-30, Rotate.Y_AXIS);
    private final Translate zoom = new Translate(0, 0, -850);
    private final Label fallback = new Label();
    private TriangleMesh mesh;
    private Bounds bounds;
    private int nx;
    private int ny;
    private double zMin;
    private double zMax;
    private boolean logHeights;
    private double dragX;
    private double dragY;

    public Surface3DView() {
        getStyleClass().add("surface-3d");
        fallback.setId("fallback-3d");
        fallback.setWrapText(true);
        fallback.setPadding(new Insets(24));
        fallback.getStyleClass().add("fallback-3d");
        if (supported) {
            PerspectiveCamera camera = new PerspectiveCamera(true);
            camera.setNearClip(1);
            camera.setFarClip(10000);
            camera.getTransforms().add(zoom);
            world.getTransforms().addAll(rotX, rotY);
            world.getChildren().add(content);
            AmbientLight ambient = new AmbientLight(Color.gray(0.65));
            PointLight light = new PointLight(Color.gray(0.5));
            light.setTranslateX(-400);
            light.setTranslateY(-800);
            light.setTranslateZ(-600);
            Group root = new Group(world, ambient, light);
            SubScene sub = new SubScene(root, 600, 500, true, SceneAntialiasing.BALANCED);
            sub.setCamera(camera);
            sub.setFill(Color.web("#f4f5f7"));
            sub.widthProperty().bind(widthProperty());
            sub.heightProperty().bind(heightProperty());
            getChildren().add(sub);
            sub.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
                dragX = e.getSceneX();
                dragY = e.getSceneY();
            });
            sub.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
                rotY.setAngle(rotY.getAngle() + (e.getSceneX() - dragX) * 0.4);
                rotX.setAngle(Math.max(-89, Math.min(0, rotX.getAngle() - (e.getSceneY() - dragY) * 0.4)));
                dragX = e.getSceneX();
                dragY = e.getSceneY();
            });
            sub.addEventHandler(ScrollEvent.SCROLL, e ->
                    zoom.setZ(Math.max(-4000, Math.min(-300, zoom.getZ() * (e.getDeltaY() > 0 ? 0.9 : 1.1)))));
        } else {
            fallback.setText("The 3D view needs graphics hardware, and this display offers only software "
                    + "rendering, so JavaFX cannot draw 3D here.\n\nTo see it: run LossLab on a machine with a GPU "
                    + "driver, or where Mesa's OpenGL is installed start it with\n"
                    + "    java -Dprism.forceGPU=true -jar target/losslab.jar\n\n"
                    + "The heat map and contours show the same surface.");
            getChildren().add(fallback);
        }
    }

    /** Whether 3D can be drawn here. */
    public boolean isSupported() {
        return supported;
    }

    /** The explanation shown where 3D is missing (empty when supported). */
    public String fallbackText() {
        return supported ? "" : fallback.getText();
    }

    /**
     * Builds the mesh from a grid: {@code values} nx by ny (row j = theta2 index), coloured by {@code argb} in
     * image order (pixel row 0 = the largest theta2).
     * With {@code log} the heights follow log(1 + v - min) so that a deep valley stays visible.
     */
    public void setSurface(Bounds gridBounds, int columns, int rows, double[] values, int[] argb, boolean log) {
        this.bounds = gridBounds;
        this.nx = columns;
        this.ny = rows;
        this.logHeights = log;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        zMin = lo;
        zMax = hi > lo ? hi : lo + 1;
        TriangleMesh m = new TriangleMesh();
        float[] points = new float[columns * rows * 3];
        float[] tex = new float[columns * rows * 2];
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < columns; i++) {
                int k = j * columns + i;
                double v = values[k];
                points[3 * k] = (float) (SIDE * i / (columns - 1) - SIDE / 2);
                points[3 * k + 1] = (float) (-height(Double.isFinite(v) ? v : zMax));
                points[3 * k + 2] = (float) (SIDE / 2 - SIDE * j / (rows - 1));
                tex[2 * k] = (float) ((i + 0.5) / columns);
                tex[2 * k + 1] = (float) (1.0 - (j + 0.5) / rows);
            }
        }
        int[] faces = new int[(columns - 1) * (rows - 1) * 12];
        int f = 0;
        for (int j = 0; j < rows - 1; j++) {
            for (int i = 0; i < columns - 1; i++) {
                int a = j * columns + i;
                int b = a + 1;
                int c = a + columns;
                int d = c + 1;
                int[] tri = {a, a, c, c, b, b, b, b, c, c, d, d};
                System.arraycopy(tri, 0, faces, f, 12);
                f += 12;
            }
        }
        m.getPoints().setAll(points);
        m.getTexCoords().setAll(tex);
        m.getFaces().setAll(faces);
        mesh = m;
        if (supported) {
            WritableImage texture = new WritableImage(columns, rows);
            PixelFormat<java.nio.IntBuffer> format = PixelFormat.getIntArgbInstance();
            texture.getPixelWriter().setPixels(0, 0, columns, rows, format, argb, 0, columns);
            PhongMaterial material = new PhongMaterial(Color.WHITE);
            material.setDiffuseMap(texture);
            MeshView view = new MeshView(m);
            view.setMaterial(material);
            view.setCullFace(javafx.scene.shape.CullFace.NONE);
            content.getChildren().setAll(view);
        }
    }

    private double height(double v) {
        if (logHeights) {
            return HEIGHT * Math.log1p(v - zMin) / Math.log1p(zMax - zMin);
        }
        return HEIGHT * (v - zMin) / (zMax - zMin);
    }

    private double unheight(double h) {
        if (logHeights) {
            return zMin + Math.expm1(h / HEIGHT * Math.log1p(zMax - zMin));
        }
        return zMin + h / HEIGHT * (zMax - zMin);
    }

    /** The mesh (built even where 3D cannot be drawn). */
    public TriangleMesh mesh() {
        return mesh;
    }

    /** The loss value that vertex (i, j) stands for, recovered from its height. */
    public double vertexValue(int i, int j) {
        int k = j * nx + i;
        return unheight(-mesh.getPoints().get(3 * k + 1));
    }

    /** The parameter point of vertex (i, j). */
    public double[] vertexTheta(int i, int j) {
        return new double[] {bounds.theta1(i, nx), bounds.theta2(j, ny)};
    }

    /** Draws trajectories on the surface: each as points (theta1, theta2, loss) with a colour. */
    public void setTrajectories(List<double[][]> paths, List<Color> colours) {
        if (!supported || mesh == null) {
            return;
        }
        List<javafx.scene.Node> nodes = new ArrayList<>();
        nodes.add(content.getChildren().get(0));
        for (int p = 0; p < paths.size(); p++) {
            double[][] path = paths.get(p);
            PhongMaterial mat = new PhongMaterial(colours.get(p));
            int stride = Math.max(1, path[0].length / 300);
            double[] prev = null;
            for (int k = 0; k < path[0].length; k += stride) {
                double[] pt = scenePoint(path[0][k], path[1][k], path[2][k]);
                Sphere s = new Sphere(3);
                s.setMaterial(mat);
                s.setTranslateX(pt[0]);
                s.setTranslateY(pt[1]);
                s.setTranslateZ(pt[2]);
                nodes.add(s);
                if (prev != null) {
                    nodes.add(segment(prev, pt, mat));
                }
                prev = pt;
            }
        }
        content.getChildren().setAll(nodes);
    }

    private double[] scenePoint(double t1, double t2, double loss) {
        double x = SIDE * (t1 - bounds.min1()) / (bounds.max1() - bounds.min1()) - SIDE / 2;
        double z = SIDE / 2 - SIDE * (t2 - bounds.min2()) / (bounds.max2() - bounds.min2());
        double v = Double.isFinite(loss) ? Math.min(loss, zMax) : zMax;
        return new double[] {x, -height(v) - 2, z};
    }

    private static Cylinder segment(double[] a, double[] b, PhongMaterial mat) {
        double dx = b[0] - a[0];
        double dy = b[1] - a[1];
        double dz = b[2] - a[2];
        double len = Math.sqrt(dx * dx + dy * dy + dz * dz);
        Cylinder c = new Cylinder(1.2, Math.max(len, 0.01));
        c.setMaterial(mat);
        c.setTranslateX((a[0] + b[0]) / 2);
        c.setTranslateY((a[1] + b[1]) / 2);
        c.setTranslateZ((a[2] + b[2]) / 2);
        // Rotate the cylinder (along y) onto the segment direction.
        double[] axis = {dz, 0, -dx};
        double angle = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dy / Math.max(len, 1e-12)))));
        if (Math.abs(axis[0]) + Math.abs(axis[2]) > 1e-12) {
            c.getTransforms().add(new Rotate(-angle, new javafx.geometry.Point3D(axis[0], axis[1], axis[2])));
        }
        return c;
    }
}
