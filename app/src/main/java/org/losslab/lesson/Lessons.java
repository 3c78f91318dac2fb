package org.losslab.lesson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bundled lessons: one session file each in {@code assets/lessons/ID.json}, with a {@code lesson} block (title,
 * a one-line summary, what to look at, what to try). Opening a lesson is opening its session.
 */
public final class Lessons {
    private static final List<String> IDS = List.of("outliers", "learning-rate", "momentum", "local-minima", "saddle",
            "imbalance", "mse-vs-bce", "overfitting", "asymmetric-cost");

    private Lessons() {
    }

    /** The lessons' ids, in the order they are offered. */
    public static List<String> ids() {
        return IDS;
    }

    /**
     * The state of a lesson, checked like any session file.
     *
     * @throws IllegalArgumentException for an id that is not a bundled lesson (listing the ids)
     * @throws SessionException         when the bundled file cannot be read (a packaging mistake)
     */
    public static SessionState load(String id) throws SessionException {
        if (!IDS.contains(id)) {
            throw new IllegalArgumentException("no lesson '" + id + "'; lessons: " + String.join(", ", IDS));
        }
        String text;
        try (InputStream in = Lessons.class.getResourceAsStream("/assets/lessons/" + id + ".json")) {
            if (in == null) {
                throw new SessionException("the lesson " + id + " is missing from this build");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SessionException("could not read the lesson " + id + ": " + e.getMessage(), e);
        }
        SessionState s = SessionFormat.read(text);
        if (s.lesson() == null || !id.equals(s.lesson().id())) {
            throw new SessionException("the lesson file " + id + ".json has no lesson block with id " + id);
        }
        return s;
    }

    /** Every lesson's text block, in order (for a picker). */
    public static List<SessionState.Lesson> all() throws SessionException {
        List<SessionState.Lesson> out = new ArrayList<>();
        for (String id : IDS) {
            out.add(load(id).lesson());
        }
        return out;
    }
}
