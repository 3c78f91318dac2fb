package org.losslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The root command: no sub-command and unknown ones give one line and exit 2. */
class RootCommandTest {
    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LossLabCommand.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void noSubCommandNamesTheCommands() {
        String[] r = run();
        assertEquals("2", r[0]);
        assertEquals("losslab: name a command: eval, descend, fit", r[2].strip());
    }

    @Test
    void anUnknownSubCommandIsOneLineAndExitTwo() {
        String[] r = run("evaluate");
        assertEquals("2", r[0]);
        assertTrue(r[2].startsWith("losslab: "), r[2]);
        assertEquals(1, r[2].strip().lines().count(), r[2]);
    }
}
