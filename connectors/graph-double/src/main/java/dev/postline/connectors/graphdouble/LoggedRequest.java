package dev.postline.connectors.graphdouble;

import java.util.List;

/**
 * One request the double answered.
 *
 * @param target  path and decoded query, e.g. {@code /v1.0/me/messages/AAk…/$value}
 * @param mailbox the authenticated mailbox's address, or {@code null} when authentication failed
 * @param prefer  the values of every {@code Prefer} header
 */
public record LoggedRequest(String method, String target, RequestKind kind, String mailbox, List<String> prefer,
                            String contentType, int status) {
}
