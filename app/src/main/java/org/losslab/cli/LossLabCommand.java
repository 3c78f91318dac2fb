package org.losslab.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root of the headless commands. Exit status: 0 success, 2 bad input or arguments (a one-line message on
 * standard error), 3 a run that diverged.
 */
@Command(name = "losslab", mixinStandardHelpOptions = true, version = "LossLab 0.1",
        description = "See how loss functions and gradient descent behave. With no arguments, opens the app.",
        subcommands = {EvalCommand.class, DescendCommand.class, FitCommand.class})
public final class LossLabCommand implements Runnable {
    /** Exit status for bad arguments or input. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: eval, descend, fit");
    }

    /**
     * Runs the command line with the given streams and returns the exit status; never calls System.exit.
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, in, out, err, java.util.Map.of());
    }

    /**
     * As {@link #run(String[], InputStream, PrintStream, PrintStream)}, with more sub-commands by name (picocli
     * command objects from the layers above, such as the ui's {@code render}, which this layer may not know).
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err,
                          java.util.Map<String, Object> more) {
        CommandLine cl = new CommandLine(new LossLabCommand(), new StreamFactory(in));
        more.forEach(cl::addSubcommand);
        PrintWriter outWriter = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        cl.setOut(outWriter);
        cl.setErr(errWriter);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("losslab: " + ex.getMessage().lines().findFirst().orElse("bad arguments"));
            ex.getCommandLine().getErr().flush();
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof IllegalArgumentException) {
                commandLine.getErr().println("losslab: " + ex.getMessage());
                commandLine.getErr().flush();
                return EXIT_USAGE;
            }
            throw ex;
        });
        int code = cl.execute(args);
        outWriter.flush();
        errWriter.flush();
        return code;
    }

    /** Gives commands the standard input they should read, so tests can pass their own. */
    static final class StreamFactory implements CommandLine.IFactory {
        private final InputStream in;
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        StreamFactory(InputStream in) {
            this.in = in;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == EvalCommand.class) {
                return cls.cast(new EvalCommand(in));
            }
            return fallback.create(cls);
        }
    }
}
