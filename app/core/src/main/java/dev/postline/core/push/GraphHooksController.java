package dev.postline.core.push;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where Microsoft Graph posts: {@code POST /hooks/graph/notifications} (change notifications) and
 * {@code POST /hooks/graph/lifecycle} (lifecycle events). Public by design — Microsoft sends no
 * credential — so the endpoint trusts nothing it is sent: it answers the validation handshake by echoing
 * {@code validationToken} as text, and otherwise answers {@code 202} at once and leaves each item to the
 * {@link ChangeNotificationReceiver}, which acts only on a known subscription id with its client state.
 * The answer is the same whether or not anything matched, so it tells a prober nothing.
 *
 * <p>No session, cookie or CSRF token is read or needed: a notification changes no data, it can at most
 * make a touchpoint fetch sooner. Bodies are capped below the server's general limit.
 */
@Hidden
@Controller("/hooks/graph")
@Secured(SecurityRule.IS_ANONYMOUS)
@Requires(property = "postline.push.graph.notification-base-url")
public class GraphHooksController {

    /** Graph's notifications without resource data are small; a batch rarely reaches a few kilobytes. */
    static final int MAX_BODY_BYTES = 256 * 1024;
    static final int MAX_ITEMS = 1000;
    static final int MAX_VALIDATION_TOKEN = 1024;

    private final ChangeNotificationReceiver receiver;
    private final JsonMapper json;

    public GraphHooksController(ChangeNotificationReceiver receiver, JsonMapper json) {
        this.receiver = receiver;
        this.json = json;
    }

    @Post("/notifications")
    @Consumes(MediaType.ALL)
    @Produces(MediaType.TEXT_PLAIN)
    public MutableHttpResponse<String> notifications(@Nullable @QueryValue String validationToken, @Nullable @Body byte[] body) {
        return receive(validationToken, body);
    }

    @Post("/lifecycle")
    @Consumes(MediaType.ALL)
    @Produces(MediaType.TEXT_PLAIN)
    public MutableHttpResponse<String> lifecycle(@Nullable @QueryValue String validationToken, @Nullable @Body byte[] body) {
        return receive(validationToken, body);
    }

    private MutableHttpResponse<String> receive(@Nullable String validationToken, @Nullable byte[] body) {
        if (validationToken != null) {
            return validation(validationToken);
        }
        if (body == null || body.length == 0) {
            return text(HttpStatus.BAD_REQUEST, "expected a change notification collection {\"value\": [...]} or a validationToken");
        }
        if (body.length > MAX_BODY_BYTES) {
            return text(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "a change notification collection is at most " + MAX_BODY_BYTES + " bytes");
        }
        List<ChangeNotificationReceiver.Item> items;
        try {
            items = items(json.readValue(body, JsonNode.class));
        } catch (IOException | RuntimeException e) {
            return text(HttpStatus.BAD_REQUEST, "expected a change notification collection {\"value\": [...]}");
        }
        if (items == null) {
            return text(HttpStatus.BAD_REQUEST, "expected a change notification collection {\"value\": [...]} with at most "
                    + MAX_ITEMS + " items");
        }
        receiver.accept(items);
        return noStore(HttpResponse.accepted());
    }

    /** Graph's handshake: the token back, as plain text, with 200 — within 10 seconds. */
    private static MutableHttpResponse<String> validation(String token) {
        if (token.isEmpty() || token.length() > MAX_VALIDATION_TOKEN || token.chars().anyMatch(Character::isISOControl)) {
            return text(HttpStatus.BAD_REQUEST, "validationToken must be 1 to " + MAX_VALIDATION_TOKEN + " printable characters");
        }
        return text(HttpStatus.OK, token);
    }

    /** The items of {@code {"value": [...]}}, or null when the body is not such a collection. */
    @Nullable
    private static List<ChangeNotificationReceiver.Item> items(JsonNode root) {
        JsonNode value = root == null || !root.isObject() ? null : root.get("value");
        if (value == null || !value.isArray() || value.size() > MAX_ITEMS) {
            return null;
        }
        List<ChangeNotificationReceiver.Item> items = new ArrayList<>();
        for (JsonNode item : value.values()) {
            if (item.isObject()) {
                items.add(new ChangeNotificationReceiver.Item(string(item, "subscriptionId"), string(item, "clientState"),
                        string(item, "changeType"), string(item, "lifecycleEvent")));
            }
        }
        return items;
    }

    @Nullable
    private static String string(JsonNode item, String field) {
        JsonNode node = item.get(field);
        return node != null && node.isString() ? node.getStringValue() : null;
    }

    private static MutableHttpResponse<String> text(HttpStatus status, String body) {
        return noStore(HttpResponse.<String>status(status).body(body).contentType(MediaType.TEXT_PLAIN_TYPE.toString() + ";charset=utf-8"));
    }

    private static <T> MutableHttpResponse<T> noStore(MutableHttpResponse<T> response) {
        return response.header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff");
    }
}
