package dev.postline.connectors.graphdouble;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * One change-notification subscription held by the double, as Graph keeps it: the mailbox whose token
 * created it, what it watches, where notifications go, the client state they carry, and its expiry.
 * Tests read it to assert renewals and to build notifications by hand.
 */
public final class GraphSubscription {

    private final String id;
    private final String mailbox;
    private final String resource;
    private final String watchedFolder;
    private final String changeType;
    private final URI notificationUrl;
    private final URI lifecycleUrl;
    private final String clientState;
    private final boolean immutableIds;
    private final Instant createdAt;
    private Instant expiresAt;
    private int renewals;
    private boolean reauthorizationRequired;

    GraphSubscription(String id, String mailbox, String resource, String watchedFolder, String changeType, URI notificationUrl,
                      URI lifecycleUrl, String clientState, boolean immutableIds, Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.mailbox = mailbox;
        this.resource = resource;
        this.watchedFolder = watchedFolder;
        this.changeType = changeType;
        this.notificationUrl = notificationUrl;
        this.lifecycleUrl = lifecycleUrl;
        this.clientState = clientState;
        this.immutableIds = immutableIds;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public String id() {
        return id;
    }

    /** The address of the mailbox whose token created it. */
    public String mailbox() {
        return mailbox;
    }

    public String resource() {
        return resource;
    }

    public String changeType() {
        return changeType;
    }

    public URI notificationUrl() {
        return notificationUrl;
    }

    /** Where lifecycle notifications go; empty when none was given at creation (then none are sent). */
    public Optional<URI> lifecycleUrl() {
        return Optional.ofNullable(lifecycleUrl);
    }

    /** Test-only view of the secret; a real client never reads it back from Graph. */
    public String clientState() {
        return clientState;
    }

    boolean immutableIds() {
        return immutableIds;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public synchronized Instant expiresAt() {
        return expiresAt;
    }

    /** How often a {@code PATCH} moved its expiry. */
    public synchronized int renewals() {
        return renewals;
    }

    /** True after a {@code reauthorizationRequired} event until the next renewal; notifications pause meanwhile. */
    public synchronized boolean reauthorizationRequired() {
        return reauthorizationRequired;
    }

    synchronized boolean isLive(Instant now) {
        return expiresAt.isAfter(now);
    }

    synchronized void renew(Instant expiry) {
        expiresAt = expiry;
        renewals++;
        reauthorizationRequired = false;
    }

    synchronized void requireReauthorization() {
        reauthorizationRequired = true;
    }

    /** Whether a message created in {@code folder} raises a notification ({@code null} watched folder = every folder). */
    boolean watchesCreatedMailIn(String folder) {
        return (watchedFolder == null || watchedFolder.equals(folder)) && changeType.contains("created");
    }

    @Override
    public String toString() {
        return "GraphSubscription[" + id + " of " + mailbox + " → " + notificationUrl + ", expires " + expiresAt() + "]";
    }
}
