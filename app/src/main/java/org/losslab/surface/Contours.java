package org.losslab.surface;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.losslab.problem.Bounds;

/**
 * Contour lines of a grid by marching squares, joined into polylines.
 *
 * <h2>Cells</h2>
 * Each cell (i, j)-(i+1, j+1) compares its four corners with the level (a corner is "high" when value &gt;= level)
 * and draws 0, 1 or 2 segments between the crossing points on its edges. The crossing on an edge from a to b
 * is linear: {@code t = (level - v_a) / (v_b - v_a)}, which for a high and a low end lies in (0, 1]. An edge's
 * crossing is computed from its two corner values only, so the two cells sharing an edge put it at the same
 * point and the segments join exactly.
 *
 * <h2>Saddles</h2>
 * When diagonal corners are high and the other two low (cases 0101 and 1010) the cell is ambiguous. It is
 * resolved the same way everywhere by the cell centre, taken as the mean of the four corners: if the centre is
 * high the two high corners are joined through the cell (the segments cut off the low corners), otherwise they
 * are separated (the segments cut off the high corners). Because the rule depends only on the cell, contours of
 * different levels never cross.
 *
 * <h2>Polylines</h2>
 * Every edge crossing belongs to at most two segments (one per neighbouring cell), so the segments form paths
 * and loops: each crossing records its at most two neighbours, paths are walked from their ends (crossings with
 * one neighbour, on the grid border or next to a NaN cell) and what is left are loops. Cells with a NaN corner
 * draw nothing.
 *
 * <p>Output is in parameter space (theta1, theta2) through the grid's {@link Bounds}. Working arrays are sized
 * once per call and reused across levels.
 */
public final class Contours {
    private Contours() {
    }

    /**
     * Levels for contour lines on this scale: the nice values of {@link Ticks#of} with up to
     * {@code count + 2} ticks, without those at the ends of the range (a level equal to the minimum would draw
     * single points).
     */
    public static double[] levels(ColorScale scale, int count) {
        double[] ticks = Ticks.of(scale, Math.max(2, count + 2));
        double[] out = new double[ticks.length];
        int n = 0;
        for (double t : ticks) {
            if (t > scale.min() && t < scale.max()) {
                out[n++] = t;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The contour lines of a grid at each level, level by level. */
    public static List<ContourLine> trace(SurfaceGrid grid, double... levels) {
        return trace(grid.values(), grid.nx(), grid.ny(), grid.bounds(), levels);
    }

    /**
     * The contour lines of a row-major grid ({@code values[j * nx + i]} at
     * {@code (bounds.theta1(i, nx), bounds.theta2(j, ny))}) at each level. Empty when nx or ny is below 2.
     */
    public static List<ContourLine> trace(double[] values, int nx, int ny, Bounds bounds, double... levels) {
        List<ContourLine> lines = new ArrayList<>();
        if (nx < 2 || ny < 2) {
            return lines;
        }
        Tracer tracer = new Tracer(values, nx, ny, bounds);
        for (double level : levels) {
            if (Double.isFinite(level)) {
                tracer.trace(level, lines);
            }
        }
        return lines;
    }

    /** The working state of one {@link #trace} call. */
    private static final class Tracer {
        final double[] v;
        final int nx;
        final int ny;
        final Bounds bounds;
        /** Number of horizontal edges; vertical edge ids start here. */
        final int horizontal;
        /** Two neighbour slots per edge crossing, -1 when empty. */
        final int[] link;
        final boolean[] visited;
        final int[] touched;
        int touchedCount;
        double[] path = new double[64];
        double level;

        Tracer(double[] v, int nx, int ny, Bounds bounds) {
            if (v.length < nx * ny) {
                throw new IllegalArgumentException("values hold " + v.length + " cells, need " + nx * ny);
            }
            this.v = v;
            this.nx = nx;
            this.ny = ny;
            this.bounds = bounds;
            this.horizontal = (nx - 1) * ny;
            int edges = horizontal + nx * (ny - 1);
            this.link = new int[2 * edges];
            Arrays.fill(link, -1);
            this.visited = new boolean[edges];
            this.touched = new int[edges];
        }

        void trace(double lvl, List<ContourLine> out) {
            this.level = lvl;
            touchedCount = 0;
            for (int j = 0; j < ny - 1; j++) {
                for (int i = 0; i < nx - 1; i++) {
                    cell(i, j);
                }
            }
            // open paths first, from their ends
            for (int t = 0; t < touchedCount; t++) {
                int e = touched[t];
                if (!visited[e] && link[2 * e + 1] < 0) {
                    walk(e, out);
                }
            }
            // what is left are loops
            for (int t = 0; t < touchedCount; t++) {
                int e = touched[t];
                if (!visited[e]) {
                    walk(e, out);
                }
            }
            for (int t = 0; t < touchedCount; t++) {
                int e = touched[t];
                link[2 * e] = -1;
                link[2 * e + 1] = -1;
                visited[e] = false;
            }
        }

        /** The segments of cell (i, j). Edge ids: bottom, top horizontal; left, right vertical. */
        private void cell(int i, int j) {
            int c00 = j * nx + i;
            double v00 = v[c00];
            double v10 = v[c00 + 1];
            double v01 = v[c00 + nx];
            double v11 = v[c00 + nx + 1];
            if (v00 != v00 || v10 != v10 || v01 != v01 || v11 != v11) {
                return;
            }
            int code = (v00 >= level ? 1 : 0) | (v10 >= level ? 2 : 0) | (v11 >= level ? 4 : 0)
                    | (v01 >= level ? 8 : 0);
            if (code == 0 || code == 15) {
                return;
            }
            int bottom = j * (nx - 1) + i;
            int top = bottom + (nx - 1);
            int left = horizontal + j * nx + i;
            int right = left + 1;
            switch (code) {
                case 1:
                case 14:
                    connect(bottom, left);
                    break;
                case 2:
                case 13:
                    connect(bottom, right);
                    break;
                case 3:
                case 12:
                    connect(left, right);
                    break;
                case 4:
                case 11:
                    connect(right, top);
                    break;
                case 6:
                case 9:
                    connect(bottom, top);
                    break;
                case 7:
                case 8:
                    connect(left, top);
                    break;
                case 5: {
                    // v00 and v11 high
                    boolean centreHigh = 0.25 * (v00 + v10 + v11 + v01) >= level;
                    if (centreHigh) {
                        connect(bottom, right);
                        connect(left, top);
                    } else {
                        connect(bottom, left);
                        connect(right, top);
                    }
                    break;
                }
                case 10: {
                    // v10 and v01 high
                    boolean centreHigh = 0.25 * (v00 + v10 + v11 + v01) >= level;
                    if (centreHigh) {
                        connect(bottom, left);
                        connect(right, top);
                    } else {
                        connect(bottom, right);
                        connect(left, top);
                    }
                    break;
                }
                default:
                    throw new AssertionError(code);
            }
        }

        private void connect(int a, int b) {
            attach(a, b);
            attach(b, a);
        }

        private void attach(int e, int other) {
            if (link[2 * e] < 0) {
                link[2 * e] = other;
                touched[touchedCount++] = e;
            } else {
                link[2 * e + 1] = other;
            }
        }

        /** Walks from edge {@code start} along its links, emitting one polyline. */
        private void walk(int start, List<ContourLine> out) {
            int count = 0;
            int prev = -1;
            int cur = start;
            boolean closed = false;
            while (true) {
                visited[cur] = true;
                count = addPoint(cur, count);
                int a = link[2 * cur];
                int b = link[2 * cur + 1];
                int next = a != prev ? a : b;
                if (next < 0) {
                    break;
                }
                if (next == start) {
                    closed = true;
                    break;
                }
                if (visited[next]) {
                    break;
                }
                prev = cur;
                cur = next;
            }
            out.add(build(count, closed));
        }

        /** Appends the crossing point of edge e, in grid units, to the path buffer. */
        private int addPoint(int e, int count) {
            double fx;
            double fy;
            if (e < horizontal) {
                int j = e / (nx - 1);
                int i = e - j * (nx - 1);
                double va = v[j * nx + i];
                double vb = v[j * nx + i + 1];
                fx = i + (level - va) / (vb - va);
                fy = j;
            } else {
                int k = e - horizontal;
                int j = k / nx;
                int i = k - j * nx;
                double va = v[j * nx + i];
                double vb = v[(j + 1) * nx + i];
                fx = i;
                fy = j + (level - va) / (vb - va);
            }
            if (2 * count + 2 > path.length) {
                path = Arrays.copyOf(path, path.length * 2);
            }
            path[2 * count] = fx;
            path[2 * count + 1] = fy;
            return count + 1;
        }

        /** The polyline of the first {@code count} buffered points: parameter-space points and label. */
        private ContourLine build(int count, boolean closed) {
            double[] segLength = new double[closed ? count : Math.max(count - 1, 0)];
            double total = 0.0;
            for (int k = 0; k < segLength.length; k++) {
                int a = 2 * k;
                int b = 2 * ((k + 1) % count);
                segLength[k] = Math.hypot(path[b] - path[a], path[b + 1] - path[a + 1]);
                total += segLength[k];
            }
            double labelX = path[0];
            double labelY = path[1];
            double dx = 1.0;
            double dy = 0.0;
            double half = 0.5 * total;
            double run = 0.0;
            for (int k = 0; k < segLength.length; k++) {
                if (run + segLength[k] >= half && segLength[k] > 0.0) {
                    int a = 2 * k;
                    int b = 2 * ((k + 1) % count);
                    double f = (half - run) / segLength[k];
                    labelX = path[a] + f * (path[b] - path[a]);
                    labelY = path[a + 1] + f * (path[b + 1] - path[a + 1]);
                    dx = (path[b] - path[a]) / segLength[k];
                    dy = (path[b + 1] - path[a + 1]) / segLength[k];
                    break;
                }
                run += segLength[k];
            }
            if (dx < 0.0 || (dx == 0.0 && dy < 0.0)) {
                dx = -dx;
                dy = -dy;
            }
            double[] xy = new double[2 * count];
            for (int k = 0; k < count; k++) {
                xy[2 * k] = theta1(path[2 * k]);
                xy[2 * k + 1] = theta2(path[2 * k + 1]);
            }
            return new ContourLine(level, xy, closed, total, theta1(labelX), theta2(labelY), dx, dy);
        }

        private double theta1(double fx) {
            return bounds.min1() + (bounds.max1() - bounds.min1()) * fx / (nx - 1);
        }

        private double theta2(double fy) {
            return bounds.min2() + (bounds.max2() - bounds.min2()) * fy / (ny - 1);
        }
    }
}
