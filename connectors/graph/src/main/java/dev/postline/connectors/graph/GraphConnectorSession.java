package dev.postline.connectors.graph;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postline.connectors.api.ChangeHints;
import dev.postline.connectors.api.ChangeSubscription;
import dev.postline.connectors.api.ChangeSubscriptions;
import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.FetchBatch;
import dev.postline.connectors.api.InitialSync;
import dev.postline.connectors.api.MailboxIdentity;
import dev.postline.connectors.api.OutboundMessage;
import dev.postline.connectors.api.SendResult;
import dev.postline.connectors.api.SessionContext;
import dev.postline.connectors.api.SubscriptionRequest;
import dev.postline.connectors.api.SyncCursor;
import dev.postline.connectors.api.VerifyResult;
import dev.postline.connectors.api.WaitOutcome;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One Microsoft 365 touchpoint: delta sync of the inbox, polling for changes (woken early by change
 * hints), change-notification subscriptions on the inbox, sending through drafts.
 */
final class GraphConnectorSession implements ConnectorSession, MailboxIdentity, ChangeSubscriptions, ChangeHints {

    private final GraphSettings settings;
    private final GraphEndpoint endpoint;
    private final GraphHttp http;
    private final DeltaFetcher fetcher;
    private final DeltaPoller poller;
    private final GraphSender sender;
    private final GraphSubscriptions subscriptions;
    /** Where the last fetch ended with nothing more after it, or null: lets a wait skip asking again at once. */
    private volatile SyncCursor fetchedToEnd;

    GraphConnectorSession(SessionContext ctx, GraphSettings settings, HttpClient client) {
        this.settings = settings;
        this.endpoint = new GraphEndpoint(settings.baseUrl(), ctx.hostPolicy());
        this.http = new GraphHttp(client, endpoint, ctx.credentials(), new GraphFailures(ctx.clock()),
                MailboxPermits.forMailbox(endpoint.mailboxKey(settings.mailbox())), settings.requestTimeout());
        this.fetcher = new DeltaFetcher(http, endpoint);
        this.poller = new DeltaPoller(fetcher, settings.pollInterval(), ctx.clock());
        this.sender = new GraphSender(http, endpoint);
        this.subscriptions = new GraphSubscriptions(http, endpoint, ctx.clock());
    }

    @Override
    public VerifyResult verify() {
        List<VerifyResult.Check> checks = new ArrayList<>();
        boolean signedIn = check(checks, "graph-login", () -> {
            JsonNode me = http.json(http.request(endpoint.resolve("/me?$select=mail,userPrincipalName,id"), null).GET(),
                    "reading the signed-in mailbox");
            return identity(me);
        });
        if (signedIn) {
            check(checks, "inbox", () -> {
                fetcher.page(endpoint.resolve("/me/mailFolders/inbox/messages/delta?changeType=created&$select=id"), 1);
                return "the inbox is readable";
            });
            checks.add(VerifyResult.Check.passed("push",
                    "new mail is polled every " + settings.pollInterval().toSeconds()
                            + " s; change notifications fetch it sooner where this installation has a public URL"));
        }
        return VerifyResult.of(checks);
    }

    /** {@code GET /me}: the signed-in account's {@code mail} and {@code userPrincipalName}. */
    @Override
    public Set<String> authorizedAddresses() throws ConnectorException {
        JsonNode me = http.json(http.request(endpoint.resolve("/me?$select=mail,userPrincipalName,id"), null).GET(),
                "reading the signed-in mailbox");
        Set<String> addresses = new LinkedHashSet<>();
        for (String field : List.of("mail", "userPrincipalName")) {
            String value = me.path(field).asText("");
            if (!value.isBlank()) {
                addresses.add(value.toLowerCase(Locale.ROOT));
            }
        }
        if (addresses.isEmpty()) {
            throw new ConnectorException(FailureKind.PERMANENT, "Graph's /me names neither a mail address nor a user principal name");
        }
        return Set.copyOf(addresses);
    }

    /** The mailbox the token belongs to must be the touchpoint's: by its mail address or its UPN. */
    private String identity(JsonNode me) throws ConnectorException {
        String mail = me.path("mail").asText("");
        String upn = me.path("userPrincipalName").asText("");
        String expected = settings.mailbox();
        if (mail.toLowerCase(Locale.ROOT).equals(expected) || upn.toLowerCase(Locale.ROOT).equals(expected)) {
            return "signed in as " + expected;
        }
        throw new ConnectorException(FailureKind.PERMANENT, "the account signed in is " + (mail.isEmpty() ? upn : mail)
                + ", not the touchpoint's mailbox " + expected + "; connect again and sign in as " + expected);
    }

    private interface Step {
        String run() throws ConnectorException;
    }

    private static boolean check(List<VerifyResult.Check> checks, String name, Step step) {
        try {
            checks.add(VerifyResult.Check.passed(name, step.run()));
            return true;
        } catch (ConnectorException e) {
            checks.add(VerifyResult.Check.failed(name, e));
            return false;
        }
    }

    @Override
    public SyncCursor initialCursor(InitialSync start) throws ConnectorException {
        return fetcher.initialCursor(start);
    }

    @Override
    public FetchBatch fetch(SyncCursor since, int maxMessages) throws ConnectorException {
        if (maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages must be at least 1");
        }
        endpoint.root();
        fetchedToEnd = null;
        return remember(fetcher.fetch(poller.current(DeltaPosition.of(since, endpoint)), maxMessages, false));
    }

    private FetchBatch remember(FetchBatch batch) {
        fetchedToEnd = batch.more() ? null : batch.next();
        return batch;
    }

    /** One message; a {@code $value} download that fails for this message only is reported as unfetchable. */
    @Override
    public FetchBatch fetchAlone(SyncCursor since) throws ConnectorException {
        endpoint.root();
        fetchedToEnd = null;
        return remember(fetcher.fetch(poller.current(DeltaPosition.of(since, endpoint)), 1, true));
    }

    @Override
    public WaitOutcome awaitChanges(SyncCursor since, Instant deadline) throws ConnectorException {
        endpoint.root();
        return poller.await(DeltaPosition.of(since, endpoint), deadline, since.equals(fetchedToEnd));
    }

    @Override
    public SendResult send(OutboundMessage message) throws ConnectorException {
        return sender.send(message);
    }

    /** The sender looks in Sent Items for the Message-ID first: sending again after a crash is safe. */
    @Override
    public boolean sendSkipsAlreadySent() {
        return true;
    }

    @Override
    public ChangeSubscription create(SubscriptionRequest request) throws ConnectorException {
        return subscriptions.create(request);
    }

    @Override
    public Optional<ChangeSubscription> renew(String subscriptionId, Instant expiry) throws ConnectorException {
        return subscriptions.renew(subscriptionId, expiry);
    }

    @Override
    public void delete(String subscriptionId) throws ConnectorException {
        subscriptions.delete(subscriptionId);
    }

    @Override
    public void changeHinted() {
        poller.hint();
    }

    @Override
    public void close() {
        poller.close();
    }
}
