package dev.postline.connectors.graphdouble;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every subscription of the double and what happens to them: kept until deleted, removed or expired
 * (an expired subscription is gone, as at Graph), notified of mail created in the folder they watch,
 * and the faults a test can inject — notifications dropped, lifecycle events sent.
 */
final class Subscriptions {

    /** Graph's longest lifetime for Outlook message subscriptions. */
    static final Duration MAX_MAIL_LIFETIME = Duration.ofMinutes(4230);

    private final Map<String, GraphSubscription> byId = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Executor executor;
    private final Subscribers subscribers = new Subscribers();
    /** The Entra tenant the double's mailboxes live in, as notifications name it. */
    private final String tenantId = UUID.randomUUID().toString();
    private final AtomicInteger toDrop = new AtomicInteger();

    Subscriptions(Clock clock, Executor executor) {
        this.clock = clock;
        this.executor = executor;
    }

    Subscribers subscribers() {
        return subscribers;
    }

    Instant now() {
        return clock.instant();
    }

    void add(GraphSubscription subscription) {
        byId.put(subscription.id(), subscription);
    }

    /** The subscription if it is live and belongs to {@code mailbox}; an expired one is forgotten here. */
    Optional<GraphSubscription> live(String mailbox, String id) {
        GraphSubscription s = byId.get(id);
        if (s == null || !s.mailbox().equals(mailbox)) {
            return Optional.empty();
        }
        if (!s.isLive(now())) {
            byId.remove(id);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    boolean remove(String mailbox, String id) {
        return live(mailbox, id).map(s -> byId.remove(id) != null).orElse(false);
    }

    List<GraphSubscription> all() {
        Instant now = now();
        return byId.values().stream().filter(s -> s.isLive(now)).toList();
    }

    void dropNext(int count) {
        toDrop.addAndGet(count);
    }

    /** Called by a mailbox when a message was created in one of its folders: notifies every watcher, asynchronously. */
    void created(GraphMailbox mailbox, GraphMessage message, String folder) {
        for (GraphSubscription s : all()) {
            if (s.mailbox().equals(mailbox.address()) && s.watchesCreatedMailIn(folder) && !s.reauthorizationRequired()) {
                executor.execute(() -> notifyCreated(s, mailbox, message));
            }
        }
    }

    private void notifyCreated(GraphSubscription s, GraphMailbox mailbox, GraphMessage message) {
        if (toDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            subscribers.dropped("created", s.id(), s.notificationUrl());
            return;
        }
        String messageId = s.immutableIds() ? message.immutableId() : message.restId();
        String resource = "Users/" + mailbox.userId() + "/Messages/" + messageId;
        ObjectNode item = item(s);
        item.put("changeType", "created");
        item.put("resource", resource);
        ObjectNode data = item.putObject("resourceData");
        data.put("@odata.type", "#Microsoft.Graph.Message");
        data.put("@odata.id", resource);
        data.put("@odata.etag", "W/\"CQAAABYAAA" + message.lastModified().toEpochMilli() + "\"");
        data.put("id", messageId);
        subscribers.post("created", s.id(), s.notificationUrl(), collection(item));
    }

    /**
     * Sends a lifecycle event to the subscription's lifecycle URL and returns the subscriber's status.
     * {@code subscriptionRemoved} removes the subscription first; {@code reauthorizationRequired} pauses
     * its change notifications until the next renewal.
     */
    int lifecycle(String id, LifecycleEvent event) {
        GraphSubscription s = byId.get(id);
        if (s == null) {
            throw new IllegalArgumentException("no subscription " + id);
        }
        URI url = s.lifecycleUrl().orElseThrow(() -> new IllegalStateException(
                "subscription " + id + " was created without a lifecycleNotificationUrl: Graph sends it no lifecycle events"));
        switch (event) {
            case SUBSCRIPTION_REMOVED -> byId.remove(id);
            case REAUTHORIZATION_REQUIRED -> s.requireReauthorization();
            case MISSED -> { }
        }
        ObjectNode item = item(s);
        item.put("lifecycleEvent", event.wireName());
        item.put("resource", s.resource());
        ObjectNode data = item.putObject("resourceData");
        data.put("@odata.type", "#microsoft.graph.subscription");
        data.put("@odata.id", "subscriptions/" + s.id());
        data.put("id", s.id());
        return subscribers.post(event.wireName(), s.id(), url, collection(item));
    }

    private ObjectNode item(GraphSubscription s) {
        ObjectNode item = GraphJson.MAPPER.createObjectNode();
        item.put("id", UUID.randomUUID().toString());
        item.put("subscriptionId", s.id());
        item.put("subscriptionExpirationDateTime", GraphJson.time(s.expiresAt()));
        item.put("clientState", s.clientState());
        item.put("tenantId", tenantId);
        return item;
    }

    private static ObjectNode collection(ObjectNode item) {
        ObjectNode body = GraphJson.MAPPER.createObjectNode();
        body.putArray("value").add(item);
        return body;
    }

    void close() {
        subscribers.close();
    }
}
