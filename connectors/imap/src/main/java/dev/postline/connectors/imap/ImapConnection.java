package dev.postline.connectors.imap;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.ResolvedHost;
import dev.postline.connectors.api.SessionContext;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * The session's one IMAP connection: logged in on first use, with the configured folder selected
 * and kept selected, so fetches and IDLE run on it one after the other. It is made again only when
 * the server dropped it; every connect re-checks the host policy and asks the credential source
 * afresh.
 *
 * <p>Why the folder stays open: Angus' {@link IMAPStore} hands its login connection to the first
 * folder opened and makes (and logs in) a new "store connection" whenever a store-level call, such
 * as {@code isConnected()} or {@code hasCapability()}, finds no free connection. Closing the folder
 * then logs its connection out when the pool already holds that store connection. Re-opening the
 * folder per operation and asking the store for capabilities therefore cost a second connection and a
 * LOGIN per IDLE wake-up. Here nothing store-level runs while the folder is open, and capabilities are
 * read once from the folder's own connection.
 */
final class ImapConnection implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ImapConnection.class.getName());

    private final SessionContext ctx;
    private final ImapSettings settings;
    private final SSLSocketFactory tls;
    private final Secrets secrets;
    private final ImapFailures failures;
    private IMAPStore store;
    private IMAPFolder folder;
    private Set<String> capabilities = Set.of();

    ImapConnection(SessionContext ctx, ImapSettings settings, SSLSocketFactory tls, Secrets secrets) {
        this.ctx = ctx;
        this.settings = settings;
        this.tls = tls;
        this.secrets = secrets;
        this.failures = new ImapFailures(secrets);
    }

    /**
     * Classifies a failure of a command on the connection. A network failure leaves the connection in
     * doubt (cut mid-response, or answering something else): it is dropped at once, without waiting for
     * the server, and the next use logs in afresh.
     */
    ConnectorException failure(String doing, MessagingException e) {
        ConnectorException failure = failures.classify(doing, e);
        if (failure.kind() == FailureKind.NETWORK) {
            discard();
        }
        return failure;
    }

    /** Drops the connection without talking to the server (it may not answer); the next use reconnects. */
    synchronized void discard() {
        if (folder != null) {
            try {
                folder.forceClose();
            } catch (MessagingException | RuntimeException e) {
                // already closed
            }
        }
        closeQuietly();
    }

    /**
     * The configured folder, selected on the session's connection: opened (and logged in) when there
     * is none yet or the server dropped it. Read-write only when fetched mail is to be marked read.
     * Probing a folder that was idle for more than a second costs a NOOP on the same connection.
     */
    synchronized IMAPFolder folder() throws ConnectorException {
        if (folder != null && folder.isOpen()) {
            return folder;
        }
        IMAPStore connected = login();
        try {
            IMAPFolder opened = (IMAPFolder) connected.getFolder(settings.folder());
            opened.open(settings.markAsRead() ? Folder.READ_WRITE : Folder.READ_ONLY);
            folder = opened;
            capabilities = capabilitiesOf(opened);
            return folder;
        } catch (MessagingException e) {
            throw failure("opening the folder", e);
        }
    }

    /**
     * Selects the folder afresh on the same connection (CLOSE or UNSELECT, then SELECT/EXAMINE): for
     * a selection that no longer matches the mailbox of that name, e.g. after it was recreated.
     */
    synchronized IMAPFolder reselect() throws ConnectorException {
        try {
            if (folder != null && folder.isOpen()) {
                folder.close(false); // the connection goes back to the store, still logged in
            }
            folder = null;
        } catch (MessagingException | RuntimeException e) {
            discard(); // the connection is in doubt: a fresh one
        }
        return folder();
    }

    /**
     * A logged-in store, connecting when there is none or its connection is gone. While the folder is
     * open the store is not probed: that would open a second connection (see the class comment).
     */
    synchronized IMAPStore login() throws ConnectorException {
        // Without an open folder, isConnected() NOOPs on the store's pooled login connection (no new one).
        if (store != null && (folder != null ? folder.isOpen() : store.isConnected())) {
            return store;
        }
        closeQuietly();
        ResolvedHost host;
        try {
            host = ctx.hostPolicy().check(settings.imap().host(), settings.imap().port());
        } catch (ConnectorException e) {
            throw ConnectFailures.fromPolicy("IMAP server", e);
        }
        String secret = secrets.remember(settings.xoauth2() ? ctx.credentials().accessToken() : ctx.credentials().password());
        Session session = Session.getInstance(MailProperties.imap(settings, host, tls));
        try {
            IMAPStore fresh = (IMAPStore) session.getStore("imap");
            fresh.connect(host.addressLiteral(), host.port(), settings.username(), secret);
            store = fresh;
            LOG.log(Level.DEBUG, "{0}: connected to IMAP {1}", ctx.logLabel(), host.hostname());
            return store;
        } catch (MessagingException e) {
            throw failures.classify("logging in", e);
        }
    }

    /** Whether the server announced {@code capability} on the open folder's connection (no round trip). */
    synchronized boolean hasCapability(String capability) throws ConnectorException {
        folder();
        return capabilities.contains(capability.toUpperCase(Locale.ROOT));
    }

    @SuppressWarnings("unchecked")
    private static Set<String> capabilitiesOf(IMAPFolder folder) throws MessagingException {
        Map<String, String> announced = (Map<String, String>) SelectedFolder.command(folder, p -> p.getCapabilities());
        return announced == null ? Set.of() : Set.copyOf(announced.keySet());
    }

    private void closeQuietly() {
        folder = null;
        capabilities = Set.of();
        if (store != null) {
            try {
                store.close();
            } catch (MessagingException | RuntimeException e) {
                // closing a dead connection
            }
            store = null;
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
