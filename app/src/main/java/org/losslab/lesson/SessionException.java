package org.losslab.lesson;

/** A session file that cannot be opened, with a message for people that names the problem. */
public final class SessionException extends Exception {
    private static final long serialVersionUID = 1L;

    public SessionException(String message) {
        super(message);
    }

    public SessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
