package dev.postline.server;

/**
 * A start that cannot go on for a reason the person starting Postline can fix: the message names
 * the cause and the setting that changes it, in one line (no stack trace).
 */
public final class StartupProblem extends RuntimeException {

    public StartupProblem(String message) {
        super(message, null, false, false);
    }
}
