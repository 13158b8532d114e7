package dev.postline.connectors.gmaildouble;

import java.util.Map;

/**
 * One request as the double saw it, for assertions.
 *
 * @param user   the mailbox the bearer token belongs to, or "" when unauthenticated
 * @param status the HTTP status answered
 */
public record LoggedRequest(String method, String path, Map<String, String> query, Endpoint endpoint, String user,
                            int status, long bodyBytes) {

    public LoggedRequest {
        query = Map.copyOf(query);
    }
}
