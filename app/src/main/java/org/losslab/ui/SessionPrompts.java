package org.losslab.ui;

import java.nio.file.Path;

/**
 * The questions the main window asks about session files: whether to save changes, which file to open or save to,
 * and what went wrong. The app answers them with dialogs ({@link DialogPrompts}); tests answer them directly.
 */
public interface SessionPrompts {
    /** The answers to "Save changes to X?". */
    enum Choice { SAVE, DISCARD, CANCEL }

    /** Asks whether to save the changes to the named session before they are replaced. */
    Choice askSaveChanges(String name);

    /** The session file to open, or null when the user cancels. */
    Path chooseFileToOpen(Path folder);

    /** Where to save the session (a suggested name given), or null when the user cancels. */
    Path chooseFileToSave(Path folder, String suggestedName);

    /** Tells the user that something failed, with a message naming the problem. */
    void showError(String title, String message);
}
