package dev.postline.connectors.graphdouble;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Id shapes. Immutable ids look like Exchange's ({@code AAkALg…AAA=}); the default ("REST") id of a
 * message encodes the immutable id and how often it moved, so it stops resolving after a move — the
 * reason a connector must ask for {@code IdType="ImmutableId"}.
 */
final class GraphIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String REST_PREFIX = "AAMkAG";

    private GraphIds() {
    }

    static String newImmutableId() {
        return "AAkALg" + token(24) + "AAA=";
    }

    /** An opaque random token, URL-safe. */
    static String token(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String restId(String immutableId, int moves) {
        return REST_PREFIX + Base64.getUrlEncoder().withoutPadding()
                .encodeToString((immutableId + "|" + moves).getBytes(StandardCharsets.UTF_8));
    }

    /** The immutable id and move count a REST id was issued for, if it is one. */
    static Optional<RestId> parseRest(String id) {
        if (!id.startsWith(REST_PREFIX)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(id.substring(REST_PREFIX.length())),
                    StandardCharsets.UTF_8);
            int bar = decoded.lastIndexOf('|');
            return Optional.of(new RestId(decoded.substring(0, bar), Integer.parseInt(decoded.substring(bar + 1))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    record RestId(String immutableId, int moves) {
    }

    /** The opaque folder id Graph returns as {@code parentFolderId} for a well-known folder name. */
    static String folderId(String wellKnownName) {
        return "AQMkADAw" + Base64.getUrlEncoder().withoutPadding().encodeToString(wellKnownName.getBytes(StandardCharsets.UTF_8));
    }
}
