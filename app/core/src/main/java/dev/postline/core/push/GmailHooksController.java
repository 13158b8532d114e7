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
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Optional;

/**
 * Where the Cloud Pub/Sub push subscription of Gmail's topic posts: {@code POST /hooks/gmail/pubsub}. Anonymous
 * to the application's own security (Pub/Sub has no Postline login) but not unauthenticated: first the OIDC
 * token Pub/Sub attaches is verified ({@link PubSubTokenVerifier}; 401/403 and nothing else happens), then the
 * push envelope is decoded ({@link PubSubEnvelope}; 400 when it is not one, 413 when too big), and the
 * mailbox address goes to the {@link GmailPushReceiver}. The answer is {@code 204} at once, whether or not any
 * touchpoint watches the address: Pub/Sub redelivers on anything but a 2xx, and a push is only a hint.
 */
@Hidden
@Controller("/hooks/gmail")
@Secured(SecurityRule.IS_ANONYMOUS)
@Requires(property = "postline.push.gmail.topic")
public class GmailHooksController {

    public static final String PUBSUB_PATH = "/hooks/gmail/pubsub";

    private final PubSubTokenVerifier verifier;
    private final GmailPushReceiver receiver;
    private final JsonMapper json;

    public GmailHooksController(PubSubTokenVerifier verifier, GmailPushReceiver receiver, JsonMapper json) {
        this.verifier = verifier;
        this.receiver = receiver;
        this.json = json;
    }

    @Post("/pubsub")
    @Consumes(MediaType.ALL)
    @Produces(MediaType.TEXT_PLAIN)
    public MutableHttpResponse<String> pubsub(@Nullable @Header("Authorization") String authorization, @Nullable @Body byte[] body) {
        switch (verifier.verify(authorization)) {
            case UNAUTHENTICATED -> {
                return text(HttpStatus.UNAUTHORIZED, "a Pub/Sub push must carry a valid OIDC token of the configured issuer and audience")
                        .header("WWW-Authenticate", "Bearer");
            }
            case FORBIDDEN -> {
                return text(HttpStatus.FORBIDDEN, "the token does not name the configured push service account");
            }
            case ACCEPTED -> {
                // go on
            }
        }
        if (body == null || body.length == 0) {
            return text(HttpStatus.BAD_REQUEST, PubSubEnvelope.EXPECTED);
        }
        if (body.length > PubSubEnvelope.MAX_BODY_BYTES) {
            return text(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "a Gmail push is at most " + PubSubEnvelope.MAX_BODY_BYTES + " bytes");
        }
        Optional<String> address = PubSubEnvelope.emailAddress(json, body);
        if (address.isEmpty()) {
            return text(HttpStatus.BAD_REQUEST, PubSubEnvelope.EXPECTED);
        }
        receiver.accept(address.get());
        return noStore(HttpResponse.noContent());
    }

    private static MutableHttpResponse<String> text(HttpStatus status, String body) {
        return noStore(HttpResponse.<String>status(status).body(body).contentType(MediaType.TEXT_PLAIN_TYPE.toString() + ";charset=utf-8"));
    }

    private static <T> MutableHttpResponse<T> noStore(MutableHttpResponse<T> response) {
        return response.header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff");
    }
}
