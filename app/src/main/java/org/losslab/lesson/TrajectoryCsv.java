package org.losslab.lesson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.losslab.optim.Trajectory;

/**
 * A run's trajectory as CSV, the same for the {@code descend} command and the app's export: the header
 * {@value #HEADER}, then one line per row, row 0 the start, the step as an integer and every other number in full
 * precision ({@link Double#toString}), so that reading it back gives the same doubles.
 */
public final class TrajectoryCsv {
    /** The header line. */
    public static final String HEADER = "step,theta1,theta2,loss,grad_norm";

    private TrajectoryCsv() {
    }

    /** Writes the header and every row, and flushes. */
    public static void write(Trajectory t, Writer w) {
        try {
            w.write(HEADER);
            w.write('\n');
            StringBuilder sb = new StringBuilder(96);
            for (int i = 0; i < t.size(); i++) {
                sb.setLength(0);
                sb.append(t.step(i)).append(',').append(t.theta1(i)).append(',').append(t.theta2(i)).append(',')
                        .append(t.loss(i)).append(',').append(t.gradNorm(i)).append('\n');
                w.append(sb);
            }
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
