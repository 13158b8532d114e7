package dev.postline.connectors.imap;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.ResolvedHost;
import dev.postline.connectors.api.SessionContext;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.lang.System.Logger.Level;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * The session's IMAP store: connected on first use, checked before each use and re-made after a
 * drop. Every connect re-checks the host policy and asks the credential source afresh.
 */
final class ImapConnection implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ImapConnection.class.getName());

    private final SessionContext ctx;
    private final ImapSettings settings;
    private final SSLSocketFactory tls;
    private final Secrets secrets;
    private final ImapFailures failures;
    private IMAPStore store;

    ImapConnection(SessionContext ctx, ImapSettings settings, SSLSocketFactory tls, Secrets secrets) {
        this.ctx = ctx;
        this.settings = settings;
        this.tls = tls;
        this.secrets = secrets;
        this.failures = new ImapFailures(secrets);
    }

    ImapFailures failures() {
        return failures;
    }

    /** A connected store; reconnects when the previous connection no longer answers a NOOP. */
    synchronized IMAPStore store() throws ConnectorException {
        if (store != null && store.isConnected()) {
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

    /** Opens the configured folder; read-only unless fetched mail is to be marked read. */
    IMAPFolder openFolder(boolean readWrite) throws ConnectorException {
        return open(settings.folder(), readWrite);
    }

    IMAPFolder open(String name, boolean readWrite) throws ConnectorException {
        IMAPStore connected = store();
        try {
            IMAPFolder folder = (IMAPFolder) connected.getFolder(name);
            folder.open(readWrite ? Folder.READ_WRITE : Folder.READ_ONLY);
            return folder;
        } catch (MessagingException e) {
            throw failures.classify("opening the folder", e);
        }
    }

    boolean hasCapability(String capability) throws ConnectorException {
        try {
            return store().hasCapability(capability);
        } catch (MessagingException e) {
            throw failures.classify("reading server capabilities", e);
        }
    }

    static void closeQuietly(Folder folder) {
        try {
            if (folder != null && folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            // The connection is gone; the store reconnects on next use.
        }
    }

    private void closeQuietly() {
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
