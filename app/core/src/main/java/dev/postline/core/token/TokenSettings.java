package dev.postline.core.token;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * How the token service behaves ({@code postline.oauth.*}; the provider apps are
 * {@code postline.oauth.google|microsoft.*}).
 */
@ConfigurationProperties("postline.oauth")
public class TokenSettings {

    private Duration refreshMargin = Duration.ofMinutes(5);
    private Duration keepAliveAfter = Duration.ofDays(1);
    private Duration lockTtl = Duration.ofSeconds(60);
    private Duration lockWait = Duration.ofSeconds(30);
    private Duration httpTimeout = Duration.ofSeconds(20);
    private Duration retryAfterFailure = Duration.ofSeconds(30);

    /** Refresh once an access token has less than this to live: never wait for a 401. */
    public Duration getRefreshMargin() { return refreshMargin; }
    public void setRefreshMargin(Duration refreshMargin) { this.refreshMargin = refreshMargin; }
    /** A grant whose refresh token was not used for this long is refreshed by the keep-alive job. */
    public Duration getKeepAliveAfter() { return keepAliveAfter; }
    public void setKeepAliveAfter(Duration keepAliveAfter) { this.keepAliveAfter = keepAliveAfter; }
    /** How long one node may hold a touchpoint's refresh lock (longer than one token call). */
    public Duration getLockTtl() { return lockTtl; }
    public void setLockTtl(Duration lockTtl) { this.lockTtl = lockTtl; }
    /** How long a caller waits for another node's refresh before giving up (AUTH_TRANSIENT). */
    public Duration getLockWait() { return lockWait; }
    public void setLockWait(Duration lockWait) { this.lockWait = lockWait; }
    public Duration getHttpTimeout() { return httpTimeout; }
    public void setHttpTimeout(Duration httpTimeout) { this.httpTimeout = httpTimeout; }
    /** After a transient failure, a still-valid token is used without a new attempt for this long. */
    public Duration getRetryAfterFailure() { return retryAfterFailure; }
    public void setRetryAfterFailure(Duration retryAfterFailure) { this.retryAfterFailure = retryAfterFailure; }
}
