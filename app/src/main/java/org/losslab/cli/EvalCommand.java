package org.losslab.cli;

import java.io.InputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: being written. */
@Command(name = "eval", description = "Evaluate a loss, its elements and its gradient.")
public final class EvalCommand implements Callable<Integer> {
    private final InputStream in;

    public EvalCommand(InputStream in) {
        this.in = in;
    }

    @Override
    public Integer call() {
        return in == null ? 1 : 0;
    }
}
