package dev.postline.server;

import java.net.BindException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns why a start failed into one line for the person who started it: the cause and the setting
 * that changes it. Known causes are recognised anywhere in the exception's cause chain; anything
 * else is named by its innermost message.
 */
final class StartupFailure {

    /** Netty says "Port 127.0.0.1:8080 already in use"; Micronaut "… on port: 8080". */
    private static final Pattern PORT_IN_MESSAGE = Pattern.compile("(?i)port:?\\s+(?:\\S*:)?(\\d{1,5})\\b");

    private StartupFailure() {}

    /** @return one line, no stack trace; {@code known} says whether the cause was recognised. */
    static Description describe(Throwable failure, String host, String port) {
        // Our own problems first: wrappers repeat their message, which would match the generic checks below.
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StartupProblem problem) {
                return new Description(problem.getMessage(), true);
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BindException || message(t).contains("already in use") && !message(t).contains("database")) {
                Matcher named = PORT_IN_MESSAGE.matcher(String.valueOf(t.getMessage()));
                return new Description("port " + (named.find() ? named.group(1) : port) + " on " + (host == null || host.isBlank() ? "all interfaces" : host)
                        + " is already in use (is Postline already running?). Set POSTLINE_PORT to another port.", true);
            }
            if (message(t).contains("database may be already in use")) {
                return new Description("the data folder is in use by another Postline process (the embedded H2 database"
                        + " allows one). Stop that process, or set POSTLINE_DATA_DIR to another folder.", true);
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().lines().findFirst().orElse("");
        return new Description(detail, false);
    }

    record Description(String line, boolean known) {}

    private static String message(Throwable t) {
        return t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
    }
}
