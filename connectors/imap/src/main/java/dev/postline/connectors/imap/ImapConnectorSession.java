package dev.postline.connectors.imap;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.FetchBatch;
import dev.postline.connectors.api.InitialSync;
import dev.postline.connectors.api.OutboundMessage;
import dev.postline.connectors.api.SendResult;
import dev.postline.connectors.api.SessionContext;
import dev.postline.connectors.api.SyncCursor;
import dev.postline.connectors.api.VerifyResult;
import dev.postline.connectors.api.WaitOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;

/** One IMAP/SMTP touchpoint: pulls from the configured folder, waits with IDLE, sends over SMTP. */
final class ImapConnectorSession implements ConnectorSession {

    private final ImapSettings settings;
    private final ImapConnection connection;
    private final ImapFetcher fetcher;
    private final ChangeWaiter waiter;
    private final SmtpSender sender;
    private final SentFolder sentFolder;

    ImapConnectorSession(SessionContext ctx, ImapSettings settings, SSLSocketFactory tls) {
        Secrets secrets = new Secrets();
        this.settings = settings;
        this.connection = new ImapConnection(ctx, settings, tls, secrets);
        this.fetcher = new ImapFetcher(connection, settings);
        this.waiter = new ChangeWaiter(connection, fetcher, settings, ctx.clock());
        this.sender = new SmtpSender(ctx, settings, tls, secrets);
        this.sentFolder = new SentFolder(connection, settings.sentFolder(), ctx.logLabel());
    }

    @Override
    public VerifyResult verify() {
        List<VerifyResult.Check> checks = new ArrayList<>();
        boolean loggedIn = check(checks, "imap-login", () -> {
            connection.login();
            return "logged in as " + settings.username();
        });
        if (loggedIn) {
            check(checks, "folder", () -> {
                connection.folder();
                return "folder " + settings.folder() + " is readable";
            });
            check(checks, "push", () -> settings.useIdle() && connection.hasCapability("IDLE")
                    ? "new mail is pushed (IMAP IDLE)"
                    : "new mail is polled every " + settings.pollInterval().toSeconds() + " s");
        }
        if (settings.sends()) {
            check(checks, "smtp-login", () -> {
                sender.checkLogin();
                return "SMTP server accepted the login";
            });
        }
        return VerifyResult.of(checks);
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
        return fetcher.fetch(since, maxMessages, Long.MAX_VALUE);
    }

    @Override
    public FetchBatch fetch(SyncCursor since, int maxMessages, long maxBytes) throws ConnectorException {
        return fetcher.fetch(since, maxMessages, maxBytes);
    }

    @Override
    public FetchBatch fetchAlone(SyncCursor since) throws ConnectorException {
        return fetcher.fetchAlone(since);
    }

    @Override
    public WaitOutcome awaitChanges(SyncCursor since, Instant deadline) throws ConnectorException {
        return waiter.await(ImapFetcher.imapCursor(since), deadline);
    }

    /**
     * SMTP only. The copy to the Sent folder is its own step ({@link #keepSentCopy}), taken after the
     * core has recorded the message as sent, so the time between the server's 250 and that record is
     * one database commit. A copy stored before that record could not prove delivery anyway (a copy
     * stored before SMTP would show mail that never went out, one stored after leaves the same gap),
     * so this connector offers no {@link #findSent} check: the core holds or resends interrupted mail.
     */
    @Override
    public SendResult send(OutboundMessage message) throws ConnectorException {
        SmtpSender.Accepted accepted = sender.send(message);
        return new SendResult(accepted.providerId(), accepted.serverReply(), Optional.empty());
    }

    @Override
    public Optional<String> keepSentCopy(OutboundMessage message) {
        return settings.appendToSent() ? sentFolder.append(message.raw()) : Optional.empty();
    }

    @Override
    public void close() {
        sender.close();
        waiter.close();
        connection.close();
    }
}
