package dev.postline.connectors.gmail;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.postline.connectors.api.SyncCursor;
import dev.postline.connectors.api.VerifyResult;
import dev.postline.connectors.api.WaitOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One Gmail touchpoint: history-based sync with a listing phase for full syncs, polling for changes,
 * sending through the API.
 */
final class GmailConnectorSession implements ConnectorSession, MailboxIdentity {

    private final GmailSettings settings;
    private final GmailHttp http;
    private final GmailApi api;
    private final HistoryFetcher history;
    private final ListingFetcher listing;
    private final ChangePoller poller;
    private final GmailSender sender;

    GmailConnectorSession(SessionContext ctx, GmailSettings settings, UnitBudget budget) {
        this.settings = settings;
        this.http = new GmailHttp(settings, ctx.credentials(), ctx.hostPolicy(), budget, ctx.clock());
        this.api = new GmailApi(http);
        this.history = new HistoryFetcher(api);
        this.listing = new ListingFetcher(api);
        this.poller = new ChangePoller(history, settings.pollInterval(), ctx.clock());
        this.sender = new GmailSender(api);
    }

    @Override
    public VerifyResult verify() {
        List<VerifyResult.Check> checks = new ArrayList<>();
        try {
            JsonNode profile = api.profile();
            checks.add(VerifyResult.Check.passed("gmail-api", "signed in to the Gmail API"));
            try {
                checkIdentity(profile);
                checks.add(VerifyResult.Check.passed("mailbox", "the authorized account is " + settings.emailAddress()));
                history.page(profile.path("historyId").asText(), 1);
                checks.add(VerifyResult.Check.passed("history", "mailbox changes are readable"));
                checks.add(VerifyResult.Check.passed("polling",
                        "new mail is polled every " + settings.pollInterval().toSeconds() + " s"));
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
        String address = api.profile().path("emailAddress").asText("");
        if (address.isBlank()) {
            throw new ConnectorException(FailureKind.PERMANENT, "Gmail's profile of the authorized account has no emailAddress");
        }
        return Set.of(address.toLowerCase(Locale.ROOT));
    }

    /** The token must belong to this touchpoint's mailbox, or we would sync and send as someone else. */
    private void checkIdentity(JsonNode profile) throws ConnectorException {
        String actual = profile.path("emailAddress").asText("");
        if (!actual.equalsIgnoreCase(settings.emailAddress())) {
            throw new ConnectorException(FailureKind.AUTH_REVOKED, "the authorized Google account is " + actual
                    + ", not " + settings.emailAddress() + "; sign in with " + settings.emailAddress());
        }
    }

    @Override
    public SyncCursor initialCursor(InitialSync start) throws ConnectorException {
        JsonNode profile = api.profile();
        checkIdentity(profile);
        String historyId = profile.path("historyId").asText("");
        return switch (start) {
            case InitialSync.FromNow ignored -> new GmailCursor(historyId);
            case InitialSync.Since since -> new GmailCursor(historyId,
                    new GmailCursor.Listing(Math.max(0, since.instant().getEpochSecond()), ""));
        };
    }

    @Override
    public FetchBatch fetch(SyncCursor since, int maxMessages) throws ConnectorException {
        GmailCursor cursor = gmailCursor(since);
        return cursor.listing() != null ? listing.fetch(cursor, maxMessages) : history.fetch(cursor, maxMessages);
    }

    @Override
    public WaitOutcome awaitChanges(SyncCursor since, Instant deadline) throws ConnectorException {
        return poller.await(gmailCursor(since), deadline);
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

    @Override
    public void close() {
        poller.close();
        http.close();
    }
}
