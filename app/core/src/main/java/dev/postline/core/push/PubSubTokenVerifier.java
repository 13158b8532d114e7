package dev.postline.core.push;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates a Cloud Pub/Sub push: the {@code Authorization: Bearer} OIDC token Pub/Sub attaches must be an
 * RS256 JWT signed by a key of the configured issuer's JWKS (Google's certs by default, fetched with Nimbus'
 * {@link JWKSourceBuilder}: cached, refetched at most every so often for an unknown key id, so a flood of
 * forged key ids cannot make us hammer Google), issued by that issuer ({@code https://accounts.google.com} or
 * {@code accounts.google.com}), not expired, for the configured {@code aud}; and it must name the configured
 * push service account in {@code email} with {@code email_verified} true.
 *
 * <p>A missing, malformed, unsigned, foreign, expired or mis-addressed token is {@link Verdict#UNAUTHENTICATED}
 * (401); a valid token for us of another principal is {@link Verdict#FORBIDDEN} (403). Tokens never reach a log.
 * Created at start ({@code @Context}), so a Gmail push configuration without audience or service account stops
 * the server rather than leaving an endpoint that cannot authenticate anything.
 */
@Context
@Requires(property = "postline.push.gmail.topic")
public class PubSubTokenVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(PubSubTokenVerifier.class);
    private static final Pattern TOPIC = Pattern.compile("projects/[a-z][a-z0-9.:-]{4,62}[a-z0-9]/topics/[A-Za-z][A-Za-z0-9._~+%-]{2,254}");
    static final int MAX_TOKEN_LENGTH = 8 * 1024;

    /** What a push's token amounts to. */
    public enum Verdict { ACCEPTED, UNAUTHENTICATED, FORBIDDEN }

    private final Set<String> issuers;
    private final String audience;
    private final String serviceAccount;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public PubSubTokenVerifier(GmailPushSettings settings) {
        String topic = settings.getTopic() == null ? "" : settings.getTopic().trim();
        if (!TOPIC.matcher(topic).matches()) {
            throw new ConfigurationException("postline.push.gmail.topic must be a Cloud Pub/Sub topic name, "
                    + "projects/<project>/topics/<topic>; unset it to poll only");
        }
        this.audience = required(settings.getAudience(), "postline.push.gmail.audience",
                "the audience of the push subscription's OIDC token (e.g. https://postline.example.com/hooks/gmail/pubsub)");
        this.serviceAccount = required(settings.getServiceAccount(), "postline.push.gmail.service-account",
                "the service account the push subscription authenticates as").toLowerCase(Locale.ROOT);
        this.issuers = settings.getIssuer() == null || settings.getIssuer().isBlank()
                ? Set.of(GmailPushSettings.GOOGLE_ISSUER, GmailPushSettings.GOOGLE_ISSUER_SHORT) : Set.of(settings.getIssuer().trim());
        JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(jwks(settings.getJwksUri()))
                .cache(settings.getJwksCacheTtl().toMillis(), 15_000).retrying(true).build();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        // Mutable sets: the verifier asks them contains(null), which Set.of answers with an exception.
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(new HashSet<>(Set.of(audience)), null,
                new HashSet<>(Set.of("iss", "aud", "exp", "iat", "email")), new HashSet<>()));
        LOG.info("Gmail push on: watches publish to {}; pushes to /hooks/gmail/pubsub must carry a token of {} for {} as {}; "
                + "the history poll stays as reconciliation", topic, issuers, audience, serviceAccount);
    }

    /** The verdict on a push's {@code Authorization} header. */
    public Verdict verify(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.length() > MAX_TOKEN_LENGTH) {
            return Verdict.UNAUTHENTICATED;
        }
        String token = authorization.substring(7).trim();
        JWTClaimsSet claims;
        try {
            // The issuer first: a token of anyone else is refused without a look at the keys.
            String issuer = SignedJWT.parse(token).getJWTClaimsSet().getIssuer();
            if (issuer == null || !issuers.contains(issuer)) {
                return Verdict.UNAUTHENTICATED;
            }
            claims = processor.process(token, null);
        } catch (ParseException | BadJOSEException | JOSEException | RuntimeException e) {
            LOG.debug("Pub/Sub push token refused: {}", e.getClass().getSimpleName());
            return Verdict.UNAUTHENTICATED;
        }
        Object email = claims.getClaim("email");
        Object verified = claims.getClaim("email_verified");
        boolean emailVerified = Boolean.TRUE.equals(verified) || "true".equals(verified);
        if (!(email instanceof String e) || !e.equalsIgnoreCase(serviceAccount) || !emailVerified) {
            return Verdict.FORBIDDEN;
        }
        return Verdict.ACCEPTED;
    }

    List<String> issuers() {
        return List.copyOf(issuers);
    }

    private static String required(@Nullable String value, String key, String what) {
        if (value == null || value.isBlank()) {
            throw new ConfigurationException(key + " is required with postline.push.gmail.topic: " + what);
        }
        return value.trim();
    }

    private static URL jwks(String uri) {
        try {
            return URI.create(uri.trim()).toURL();
        } catch (IllegalArgumentException | MalformedURLException e) {
            throw new ConfigurationException("postline.push.gmail.jwks-uri must be a URL");
        }
    }
}
