package dev.postline.connectors.gmail;

import com.google.api.services.gmail.model.Profile;
import dev.postline.connectors.api.ChangeHints;
import dev.postline.connectors.api.ChangeSubscription;
import dev.postline.connectors.api.ChangeSubscriptions;
import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.FetchBatch;
import dev.postline.connectors.api.GmailCursor;
import dev.postline.connectors.api.InitialSync;
import dev.postline.connectors.api.MailboxIdentity;
import dev.postline.connectors.api.OutboundMessage;
import dev.postline.connectors.api.SendResult;
import dev.postline.connectors.api.SessionContext;
import dev.postline.connectors.api.SubscriptionRequest;
import dev.postline.connectors.api.SyncCursor;
import dev.postline.connectors.api.VerifyResult;
import dev.postline.connectors.api.WaitOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One Gmail touchpoint: history-based sync with a listing phase for full syncs, polling for changes (woken
 * early by change hints), push through {@code users.watch} to a Cloud Pub/Sub topic, sending through the API.
 */
final class GmailConnectorSession implements ConnectorSession, MailboxIdentity, ChangeSubscriptions, ChangeHints {

    private final GmailSettings settings;
    private final GmailCalls calls;
    private final GmailApi api;
    private final HistoryFetcher history;
    private final ListingFetcher listing;
    private final ChangePoller poller;
    private final GmailSender sender;
    private final GmailWatch watch;
    /** Where the last fetch ended with nothing more after it, or null: lets a wait skip asking again at once. */
    private volatile GmailCursor fetchedToEnd;

    GmailConnectorSession(SessionContext ctx, GmailSettings settings, UnitBudget budget, java.net.http.HttpClient http) {
        this.settings = settings;
        this.calls = new GmailCalls(settings, ctx.credentials(), ctx.hostPolicy(), budget, ctx.clock(), http);
        this.api = new GmailApi(calls);
        this.history = new HistoryFetcher(api);
        this.listing = new ListingFetcher(api);
        this.poller = new ChangePoller(history, settings.pollInterval(), ctx.clock());
        this.sender = new GmailSender(api);
        this.watch = new GmailWatch(api);
    }

    @Override
    public VerifyResult verify() {
        List<VerifyResult.Check> checks = new ArrayList<>();
        try {
            Profile profile = api.profile();
            checks.add(VerifyResult.Check.passed("gmail-api", "signed in to the Gmail API"));
            try {
                checkIdentity(profile);
                checks.add(VerifyResult.Check.passed("mailbox", "the authorized account is " + settings.emailAddress()));
                history.page(historyId(profile), 1);
                checks.add(VerifyResult.Check.passed("history", "mailbox changes are readable"));
                checks.add(VerifyResult.Check.passed("polling",
                        "new mail is polled every " + settings.pollInterval().toSeconds()
                                + " s; Pub/Sub push fetches it sooner where this installation receives Gmail push"));
            } catch (ConnectorException e) {
                checks.add(VerifyResult.Check.failed("mailbox", e));
            }
        } catch (ConnectorException e) {
            checks.add(VerifyResult.Check.failed("gmail-api", e));
        }
        return VerifyResult.of(checks);
    }

    /** users.getProfile's {@code emailAddress}: the account the access token was granted by. */
    @Override
    public Set<String> authorizedAddresses() throws ConnectorException {
        String address = Objects.requireNonNullElse(api.profile().getEmailAddress(), "");
        if (address.isBlank()) {
            throw new ConnectorException(FailureKind.PERMANENT, "Gmail's profile of the authorized account has no emailAddress");
        }
        return Set.of(address.toLowerCase(Locale.ROOT));
    }

    /** The token must belong to this touchpoint's mailbox, or we would sync and send as someone else. */
    private void checkIdentity(Profile profile) throws ConnectorException {
        String actual = Objects.requireNonNullElse(profile.getEmailAddress(), "");
        if (!actual.equalsIgnoreCase(settings.emailAddress())) {
            throw new ConnectorException(FailureKind.AUTH_REVOKED, "the authorized Google account is " + actual
                    + ", not " + settings.emailAddress() + "; sign in with " + settings.emailAddress());
        }
    }

    private static String historyId(Profile profile) throws ConnectorException {
        if (profile.getHistoryId() == null) {
            throw new ConnectorException(FailureKind.NETWORK, "Gmail's profile of the authorized account has no historyId");
        }
        return profile.getHistoryId().toString();
    }

    @Override
    public SyncCursor initialCursor(InitialSync start) throws ConnectorException {
        Profile profile = api.profile();
        checkIdentity(profile);
        String historyId = historyId(profile);
        return switch (start) {
            case InitialSync.FromNow ignored -> new GmailCursor(historyId);
            case InitialSync.Since since -> new GmailCursor(historyId,
                    new GmailCursor.Listing(Math.max(0, since.instant().getEpochSecond()), ""));
        };
    }

    @Override
    public FetchBatch fetch(SyncCursor since, int maxMessages) throws ConnectorException {
        GmailCursor cursor = gmailCursor(since);
        fetchedToEnd = null;
        return remember(cursor.listing() != null ? listing.fetch(cursor, maxMessages, false) : history.fetch(cursor, maxMessages, false));
    }

    private FetchBatch remember(FetchBatch batch) {
        fetchedToEnd = batch.more() || !(batch.next() instanceof GmailCursor next) ? null : next;
        return batch;
    }

    /** One message; a {@code messages.get} that fails for this message only is reported as unfetchable. */
    @Override
    public FetchBatch fetchAlone(SyncCursor since) throws ConnectorException {
        GmailCursor cursor = gmailCursor(since);
        fetchedToEnd = null;
        return remember(cursor.listing() != null ? listing.fetch(cursor, 1, true) : history.fetch(cursor, 1, true));
    }

    @Override
    public WaitOutcome awaitChanges(SyncCursor since, Instant deadline) throws ConnectorException {
        GmailCursor cursor = gmailCursor(since);
        return poller.await(cursor, deadline, cursor.equals(fetchedToEnd));
    }

    private static GmailCursor gmailCursor(SyncCursor since) throws ConnectorException {
        if (since instanceof GmailCursor gmail) {
            return gmail;
        }
        throw new ConnectorException(FailureKind.CURSOR_INVALID, "the stored cursor belongs to connector kind "
                + since.kind() + ", not gmail");
    }

    @Override
    public SendResult send(OutboundMessage message) throws ConnectorException {
        return sender.send(message);
    }

    /** The sender looks in the SENT label for the Message-ID first: sending again after a crash is safe. */
    @Override
    public boolean sendSkipsAlreadySent() {
        return true;
    }

    /** users.watch on the INBOX to the request's topic; the subscription id is the topic. */
    @Override
    public ChangeSubscription create(SubscriptionRequest request) throws ConnectorException {
        return watch.watch(request);
    }

    /** Watches again (Gmail's renewal); never empty, because watching again also replaces a lapsed watch. */
    @Override
    public Optional<ChangeSubscription> renew(String subscriptionId, Instant expiry) throws ConnectorException {
        return Optional.of(watch.watch(subscriptionId));
    }

    /** users.stop; the mailbox has at most one watch, so the id is not needed. */
    @Override
    public void delete(String subscriptionId) throws ConnectorException {
        watch.stop();
    }

    @Override
    public void changeHinted() {
        poller.hint();
    }

    @Override
    public void close() {
        poller.close();
        calls.close();
    }
}
