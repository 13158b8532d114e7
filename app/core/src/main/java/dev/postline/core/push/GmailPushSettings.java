package dev.postline.core.push;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * Gmail push for Gmail touchpoints ({@code postline.push.gmail.*}). Off unless {@code topic} is set: then every
 * syncing Gmail touchpoint gets a {@code users.watch} to that Cloud Pub/Sub topic, whose push subscription posts
 * to {@code <public URL>/hooks/gmail/pubsub} with an OIDC token for {@code audience} signed as
 * {@code serviceAccount}; the history poll stays as reconciliation. {@code audience} and
 * {@code serviceAccount} are required with a topic: without them a push could not be authenticated.
 */
@ConfigurationProperties("postline.push.gmail")
public class GmailPushSettings {

    /** Google's OIDC issuer as it appears in Pub/Sub push tokens (both forms occur). */
    public static final String GOOGLE_ISSUER = "https://accounts.google.com";
    public static final String GOOGLE_ISSUER_SHORT = "accounts.google.com";
    public static final String GOOGLE_JWKS = "https://www.googleapis.com/oauth2/v3/certs";

    @Nullable private String topic;
    @Nullable private String audience;
    @Nullable private String serviceAccount;
    @Nullable private String issuer;
    private String jwksUri = GOOGLE_JWKS;
    private Duration rewatchInterval = Duration.ofDays(1);
    private Duration checkInterval = Duration.ofMinutes(1);
    private Duration retryAfterFailure = Duration.ofMinutes(15);
    private Duration jwksCacheTtl = Duration.ofHours(1);
    private int maxConcurrentPushes = 32;

    /** The Pub/Sub topic Gmail publishes to, {@code projects/<project>/topics/<topic>}. */
    @Nullable public String getTopic() { return topic; }
    public void setTopic(@Nullable String topic) { this.topic = topic; }
    /** The {@code aud} the push subscription's OIDC token carries (its "audience" setting, e.g. the endpoint URL). */
    @Nullable public String getAudience() { return audience; }
    public void setAudience(@Nullable String audience) { this.audience = audience; }
    /** The service account the push subscription signs its tokens as ({@code email} claim). */
    @Nullable public String getServiceAccount() { return serviceAccount; }
    public void setServiceAccount(@Nullable String serviceAccount) { this.serviceAccount = serviceAccount; }
    /** The token issuer; unset means Google ({@code https://accounts.google.com} or {@code accounts.google.com}). Tests only. */
    @Nullable public String getIssuer() { return issuer; }
    public void setIssuer(@Nullable String issuer) { this.issuer = issuer; }
    /** Where the issuer's signing keys are published; Google's by default. */
    public String getJwksUri() { return jwksUri; }
    public void setJwksUri(String jwksUri) { this.jwksUri = jwksUri; }
    /** How often a watch is renewed by watching again (Google recommends daily; a watch lapses after about 7 days). */
    public Duration getRewatchInterval() { return rewatchInterval; }
    public void setRewatchInterval(Duration rewatchInterval) { this.rewatchInterval = rewatchInterval; }
    /** How often every Gmail touchpoint's watch is checked (created, renewed, stopped). */
    public Duration getCheckInterval() { return checkInterval; }
    public void setCheckInterval(Duration checkInterval) { this.checkInterval = checkInterval; }
    /** After a failed watch or stop, that touchpoint is left alone this long (THROTTLED: as long as asked). */
    public Duration getRetryAfterFailure() { return retryAfterFailure; }
    public void setRetryAfterFailure(Duration retryAfterFailure) { this.retryAfterFailure = retryAfterFailure; }
    /** How long fetched signing keys are used before they are fetched again (an unknown key id refetches sooner). */
    public Duration getJwksCacheTtl() { return jwksCacheTtl; }
    public void setJwksCacheTtl(Duration jwksCacheTtl) { this.jwksCacheTtl = jwksCacheTtl; }
    /** Pushes worked on at once; more are acknowledged but their hints dropped (the poll catches up). */
    public int getMaxConcurrentPushes() { return maxConcurrentPushes; }
    public void setMaxConcurrentPushes(int maxConcurrentPushes) { this.maxConcurrentPushes = maxConcurrentPushes; }
}
