package org.losslab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.testkit.Trials;

/**
 * Session files: what is saved opens again exactly; every kind of bad file is refused with a message naming the
 * problem; a failed save keeps the old file.
 */
class SessionFormatTest {
    @TempDir
    Path dir;

    @Test
    void aSavedStateOpensAgainExactly() {
        Trials.forAll(20240601L, 200, r -> {
            SessionState s = RandomSessions.state(r);
            try {
                Path file = dir.resolve("s.losslab.json");
                SessionFormat.save(file, s);
                SessionState back = SessionFormat.load(file);
                assertTrue(s.equals(back), () -> firstDifference(SessionFormat.write(s), SessionFormat.write(back)));
                // Bit for bit, including -0.0 and 17-digit values.
                for (int i = 0; i < s.data().points().size(); i++) {
                    assertEquals(Double.doubleToRawLongBits(s.data().points().get(i).x()),
                            Double.doubleToRawLongBits(back.data().points().get(i).x()));
                }
                assertEquals(SessionFormat.write(s), SessionFormat.write(back));
            } catch (IOException | SessionException e) {
                throw new AssertionError(e.getMessage(), e);
            }
        });
    }

    /** The first line where two JSON texts differ (records print too long to read in a failure). */
    static String firstDifference(String a, String b) {
        String[] x = a.split("\n");
        String[] y = b.split("\n");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (!x[i].equals(y[i])) {
                return "line " + (i + 1) + ": " + x[i].strip() + " became " + y[i].strip();
            }
        }
        return x.length == y.length ? "same JSON, different records" : "lengths " + x.length + " and " + y.length;
    }

    @Test
    void theFileNamesItsSchemaAndVersion() {
        String json = SessionFormat.write(SessionState.defaults());
        assertTrue(json.contains("\"schema\" : \"losslab-session\""), json.substring(0, 80));
        assertTrue(json.contains("\"version\" : 1"), json.substring(0, 80));
    }

    @Test
    void missingFieldsTakeTheDefaults() throws SessionException {
        SessionState s = SessionFormat.read("{\"schema\": \"losslab-session\", \"version\": 1,"
                + " \"surface\": {\"problem\": \"ravine\", \"runs\": [{\"learningRate\": 0.05}]}}");
        SessionState d = SessionState.defaults();
        assertEquals("ravine", s.surface().problem());
        assertEquals(d.data(), s.data());
        assertEquals(d.classify(), s.classify());
        assertEquals(0.05, s.surface().runs().get(0).learningRate());
        // The run's other fields are the first default run's; the other three runs are the default ones.
        assertEquals("sgd", s.surface().runs().get(0).optimizer());
        assertEquals(d.surface().runs().subList(1, 4), s.surface().runs().subList(1, 4));
        assertNull(s.lesson());
    }

    @Test
    void aRunThatNamesAnotherOptimizerTakesThatOptimizersDefaults() throws SessionException {
        SessionState s = SessionFormat.read("{\"schema\": \"losslab-session\", \"version\": 1, \"surface\": "
                + "{\"runs\": [{}, {\"optimizer\": \"momentum\", \"hyper\": {\"momentum\": 0.5}}]}}");
        assertEquals(0.5, s.surface().runs().get(1).hyper().get("momentum"));
        assertEquals(0.0, s.surface().runs().get(1).hyper().get("dampening"));
        assertTrue(!s.surface().runs().get(1).hyper().containsKey("beta1"), "Adam's settings are not carried over");
    }

    @Test
    void aGeneratorWithoutPointsGivesItsPoints() throws SessionException {
        SessionState s = SessionFormat.read("{\"schema\": \"losslab-session\", \"version\": 1,"
                + " \"data\": {\"generator\": {\"points\": 7, \"outliers\": 1, \"noise\": 0.5, \"seed\": 3}}}");
        assertEquals(7, s.data().points().size(), "7 points, one of them an outlier");
        Datasets.XY xy = Datasets.noisyLine(7, 0.8, 1.0, 0.5, 1, 3);
        assertEquals(xy.y()[4], s.data().points().get(4).y());
    }

    private static String refused(String json) {
        return assertThrows(SessionException.class, () -> SessionFormat.read(json)).getMessage();
    }

    @Test
    void aCutShortFileNamesTheLineAndColumn() {
        String full = SessionFormat.write(SessionState.defaults());
        String cut = full.substring(0, full.length() / 2);
        String m = refused(cut);
        long lines = cut.lines().count();
        assertTrue(m.startsWith("The file is damaged or cut short at line "), m);
        assertTrue(m.contains("line " + lines + ",") || m.contains("line " + (lines + 1) + ","), m + " / " + lines);

        String m2 = refused("{\"schema\": \"losslab-session\",\n  \"version\": 1,\n  \"data\": {,}}");
        assertTrue(m2.contains("line 3, column"), m2);
    }

    @Test
    void wrongTypesNameTheField() {
        String m = refused("{\"schema\": \"losslab-session\", \"version\": 1, \"surface\": {\"runs\": [{}, "
                + "{\"learningRate\": \"fast\"}]}}");
        assertEquals("surface.runs[1].learningRate: expected a number, found text \"fast\".", m);
        String m2 = refused("{\"schema\": \"losslab-session\", \"version\": 1, \"data\": {\"degree\": 2.5}}");
        assertTrue(m2.startsWith("data.degree: expected a whole number, found the number 2.5"), m2);
        String m3 = refused("{\"schema\": \"losslab-session\", \"version\": 1, \"classify\": {\"points\": "
                + "[{\"x1\": 1, \"x2\": \"2\", \"label\": 0}]}}");
        assertTrue(m3.startsWith("classify.points[0].x2: expected a number"), m3);
        String m4 = refused("{\"schema\": \"losslab-session\", \"version\": 1, \"curves\": {\"derivative\": 1}}");
        assertTrue(m4.startsWith("curves.derivative: expected true or false"), m4);
        String m5 = refused("{\"schema\": \"losslab-session\", \"version\": 1, \"selectedTab\": 3}");
        assertTrue(m5.startsWith("selectedTab: expected text"), m5);
    }

    @Test
    void valuesLossLabCannotUseNameTheField() {
        String m = refused("{\"schema\": \"losslab-session\", \"version\": 1, \"surface\": {\"runs\": [{}, {}, "
                + "{\"learningRate\": 0}, {}]}}");
        assertTrue(m.startsWith("surface.runs[2].learningRate must be a positive number (got 0.0)"), m);
        String m2 = refused("{\"schema\": \"losslab-session\", \"version\": 1, \"data\": {\"fits\": [\"mse\", "
                + "\"custom#2\"]}, \"customLosses\": [\"abs(r)\"]}");
        assertTrue(m2.startsWith("data.fits[1] refers to custom loss 2, but the session has 1 custom loss"), m2);
        String m3 = refused("{\"schema\": \"losslab-session\", \"version\": 1, \"customLosses\": [\"abs(r\"]}");
        assertTrue(m3.startsWith("customLosses[0] cannot be read"), m3);
        String m4 = refused("{\"schema\": \"losslab-session\", \"version\": 1, \"data\": {\"lossParams\": "
                + "{\"huber\": {\"delta\": -1}}}}");
        assertTrue(m4.startsWith("data.lossParams.huber.delta is refused"), m4);
        String m5 = refused("{\"schema\": \"losslab-session\", \"version\": 1, \"surface\": {\"problem\": \"moon\"}}");
        assertTrue(m5.startsWith("surface.problem must be one of"), m5);
        // A classifier's slice needs the slice, with two different parameters of the 3 a two-class classifier has.
        String m6 = refused("{\"schema\": \"losslab-session\", \"version\": 1, \"surface\": {\"problem\": "
                + "\"classifier-slice\"}}");
        assertTrue(m6.startsWith("surface.slice is missing"), m6);
        String m7 = refused("{\"schema\": \"losslab-session\", \"version\": 1, \"surface\": {\"problem\": "
                + "\"classifier-slice\", \"slice\": {\"first\": 1, \"second\": 1, \"theta\": [0, 1, 2]}}}");
        assertTrue(m7.startsWith("surface.slice.second must be 0 to 2 and differ from first"), m7);
        String m8 = refused("{\"schema\": \"losslab-session\", \"version\": 1, \"surface\": {\"problem\": "
                + "\"classifier-slice\", \"slice\": {\"first\": 0, \"second\": 1, \"theta\": [0, 1]}}}");
        assertTrue(m8.startsWith("surface.slice.theta must give the classifier's 3 parameters"), m8);
    }

    @Test
    void emptyForeignAndNewerFilesAreRefused() {
        assertEquals("The file is empty: it is not a LossLab session.", refused(""));
        assertEquals("The file is empty: it is not a LossLab session.", refused("  \n"));
        for (String foreign : new String[] {"{\"name\": \"x\", \"version\": 1}", "[1, 2, 3]", "42"}) {
            assertTrue(refused(foreign).startsWith("This file is not a LossLab session"), foreign);
        }
        assertTrue(refused("{\"schema\": \"vega-lite\"}").startsWith("This file is not a LossLab session"));
        assertEquals("This session was saved by a newer LossLab (version 2); this one reads version 1.",
                refused("{\"schema\": \"losslab-session\", \"version\": 2, \"data\": {\"newField\": true}}"));
        assertTrue(refused("{\"schema\": \"losslab-session\", \"version\": \"1\"}").startsWith("version: expected"));
    }

    @Test
    void unknownFieldsAreIgnored() throws SessionException {
        SessionState s = SessionFormat.read("{\"schema\": \"losslab-session\", \"version\": 1, \"comment\": \"hi\","
                + " \"data\": {\"colour\": \"red\"}}");
        assertEquals(SessionState.defaults(), s);
    }

    @Test
    void aSaveThatFailsHalfWayKeepsTheOldFile() throws IOException {
        Path file = dir.resolve("keep.losslab.json");
        SessionFormat.save(file, SessionState.defaults());
        byte[] before = Files.readAllBytes(file);
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write("{\"schema\": \"losslab-session\", \"vers".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write('{');
            throw new IllegalStateException("serialiser bug");
        }));
        assertEquals(new String(before, StandardCharsets.UTF_8),
                new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(file), left.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void aSaveReplacesTheFile() throws Exception {
        Path file = dir.resolve("new.losslab.json");
        SessionFormat.save(file, SessionState.defaults());
        SessionState other = SessionState.defaults().withLesson(new SessionState.Lesson("x", "X", "", "", ""));
        SessionFormat.save(file, other);
        assertEquals(other, SessionFormat.load(file));
        assertNotEquals(SessionState.defaults(), SessionFormat.load(file));
    }

    @Test
    void recentFilesAreKeptInTheGivenPlaceNewestFirst() {
        Path store = dir.resolve("config/recent.json");
        RecentFiles r = new RecentFiles(store);
        for (int i = 0; i < RecentFiles.MAX + 2; i++) {
            r.add(dir.resolve("f" + i + ".losslab.json"));
        }
        r.add(dir.resolve("f3.losslab.json"));
        List<Path> again = new RecentFiles(store).list();
        assertEquals(RecentFiles.MAX, again.size());
        assertEquals(dir.resolve("f3.losslab.json").toAbsolutePath(), again.get(0));
        assertEquals(dir.resolve("f9.losslab.json").toAbsolutePath(), again.get(1));
        assertTrue(!again.contains(dir.resolve("f0.losslab.json").toAbsolutePath()));
    }
}
