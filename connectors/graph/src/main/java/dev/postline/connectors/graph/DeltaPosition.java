package dev.postline.connectors.graph;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.GraphCursor;
import dev.postline.connectors.api.SyncCursor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a Graph sync stands, as stored in a {@link GraphCursor}: a link to request (the initial delta
 * URL, an {@code @odata.nextLink} or an {@code @odata.deltaLink}) and, when a batch ended inside that
 * link's page, which of the page's messages are already done.
 *
 * <p>The done messages travel in the URL's fragment ({@code #done=h1.h2…}, never sent to Graph), each
 * as a 72-bit hash of its immutable id. A set rather than "after id X" because Graph does not promise
 * the same order when a page is requested again; hashes keep the cursor short (a page holds at most
 * {@link DeltaFetcher#MAX_PAGE_SIZE} messages, so the fragment stays under 700 characters).
 */
record DeltaPosition(URI link, Set<String> done) {

    private static final String DONE = "done=";

    DeltaPosition {
        done = Set.copyOf(done);
    }

    static DeltaPosition at(String link) {
        return new DeltaPosition(URI.create(link), Set.of());
    }

    /** Reads a stored cursor; anything that is not a Graph cursor of this endpoint is {@code CURSOR_INVALID}. */
    static DeltaPosition of(SyncCursor cursor, GraphEndpoint endpoint) throws ConnectorException {
        if (!(cursor instanceof GraphCursor graph)) {
            throw new ConnectorException(FailureKind.CURSOR_INVALID, "the stored cursor belongs to another connector kind");
        }
        try {
            String value = graph.deltaLink();
            int hash = value.indexOf('#');
            URI link = URI.create(hash < 0 ? value : value.substring(0, hash));
            Set<String> done = new LinkedHashSet<>();
            if (hash >= 0) {
                String fragment = value.substring(hash + 1);
                if (!fragment.startsWith(DONE)) {
                    throw new IllegalArgumentException("unknown fragment");
                }
                done.addAll(Arrays.asList(fragment.substring(DONE.length()).split("\\.")));
                done.remove("");
            }
            if (!endpoint.owns(link)) {
                throw new IllegalArgumentException("not under the service root");
            }
            return new DeltaPosition(link, done);
        } catch (IllegalArgumentException e) {
            throw new ConnectorException(FailureKind.CURSOR_INVALID,
                    "the stored cursor is not a delta link of this touchpoint's Graph endpoint");
        }
    }

    boolean isDone(String messageId) {
        return done.contains(hash(messageId));
    }

    /** The same link with {@code messageId} done too. */
    DeltaPosition with(String messageId) {
        Set<String> more = new LinkedHashSet<>(done);
        more.add(hash(messageId));
        return new DeltaPosition(link, more);
    }

    GraphCursor cursor() {
        return new GraphCursor(done.isEmpty() ? link.toString() : link + "#" + DONE + String.join(".", new TreeSet<>(done)));
    }

    static String hash(String messageId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(messageId.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 9));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
