package org.losslab;

import org.losslab.cli.LossLabCommand;
import org.losslab.ui.LossLabApp;
import org.losslab.ui.io.RenderCommand;

/**
 * Launcher for {@code java -jar losslab.jar}: no arguments opens the app; a sub-command runs headless.
 *
 * <p>This class does not extend Application, so a plain class-path launch finds the JavaFX runtime.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            LossLabApp.launchApp(args);
            return;
        }
        System.exit(LossLabCommand.run(args, System.in, System.out, System.err,
                java.util.Map.of("render", new RenderCommand())));
    }
}
