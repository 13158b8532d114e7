package dev.postline.connectors.gmaildouble;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which Gmail method a request is for, with its path variables. */
record Route(Endpoint endpoint, String userId, String messageId) {

    private static final String USERS = "/gmail/v1/users/([^/]+)";
    private static final Pattern PROFILE = Pattern.compile(USERS + "/profile");
    private static final Pattern HISTORY = Pattern.compile(USERS + "/history");
    private static final Pattern MESSAGES = Pattern.compile(USERS + "/messages");
    private static final Pattern SEND = Pattern.compile(USERS + "/messages/send");
    private static final Pattern MESSAGE = Pattern.compile(USERS + "/messages/([^/]+)");
    private static final Pattern WATCH = Pattern.compile(USERS + "/watch");
    private static final Pattern STOP = Pattern.compile(USERS + "/stop");
    private static final Pattern UPLOAD_SEND = Pattern.compile("/upload" + USERS + "/messages/send");

    static Optional<Route> of(String method, String path) {
        if (method.equals("POST")) {
            return match(SEND, path, Endpoint.MESSAGES_SEND).or(() -> match(UPLOAD_SEND, path, Endpoint.UPLOAD_SEND))
                    .or(() -> match(WATCH, path, Endpoint.WATCH)).or(() -> match(STOP, path, Endpoint.STOP));
        }
        if (method.equals("PUT")) {
            return match(UPLOAD_SEND, path, Endpoint.UPLOAD_SEND); // the bytes of a resumable upload
        }
        if (!method.equals("GET")) {
            return Optional.empty();
        }
        return match(PROFILE, path, Endpoint.PROFILE)
                .or(() -> match(HISTORY, path, Endpoint.HISTORY_LIST))
                .or(() -> match(MESSAGES, path, Endpoint.MESSAGES_LIST))
                .or(() -> match(MESSAGE, path, Endpoint.MESSAGES_GET));
    }

    private static Optional<Route> match(Pattern pattern, String path, Endpoint endpoint) {
        Matcher m = pattern.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Route(endpoint, m.group(1), m.groupCount() > 1 ? m.group(2) : null));
    }
}
