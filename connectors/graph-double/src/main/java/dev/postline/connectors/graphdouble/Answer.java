package dev.postline.connectors.graphdouble;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response before it is written: status, headers, body. */
record Answer(int status, Map<String, String> headers, byte[] body) {

    static Answer json(int status, JsonNode node) {
        try {
            return new Answer(status, new LinkedHashMap<>(Map.of("Content-Type", "application/json")),
                    GraphJson.MAPPER.writeValueAsBytes(node));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Answer fault(Fault fault) {
        Answer answer = json(fault.status(), GraphJson.error(fault));
        fault.retryAfter().ifPresent(v -> answer.headers().put("Retry-After", v));
        if (fault.status() == 401) {
            answer.headers().put("WWW-Authenticate", "Bearer realm=\"\", authorization_uri="
                    + "\"https://login.microsoftonline.com/common/oauth2/authorize\", "
                    + "client_id=\"00000003-0000-0000-c000-000000000000\"");
        }
        return answer;
    }

    static Answer badRequest(String code, String message) {
        return fault(new Fault(400, code, message, java.util.Optional.empty()));
    }

    static Answer notFound(String what) {
        return fault(new Fault(404, "ErrorItemNotFound", "The specified object was not found in the store. (" + what + ")",
                java.util.Optional.empty()));
    }

    static Answer accepted() {
        return new Answer(202, new LinkedHashMap<>(), new byte[0]);
    }

    Answer header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
