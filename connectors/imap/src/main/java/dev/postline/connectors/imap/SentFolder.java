package dev.postline.connectors.imap;

import dev.postline.connectors.api.ConnectorException;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.HeaderTerm;
import java.io.ByteArrayInputStream;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * Stores a copy of sent mail in the Sent folder (created if missing), and finds it again by
 * Message-ID after a crash. A failure to store never fails the send: the mail is already out, and
 * reporting failure would make the core send it again.
 */
final class SentFolder {

    private static final System.Logger LOG = System.getLogger(SentFolder.class.getName());
    /** For parsing the copy only; a Session per message would re-read the provider lists from the jars each time. */
    private static final Session PARSING = Session.getInstance(new Properties());

    private final ImapConnection connection;
    private final String name;
    private final String logLabel;
    /** Set once the folder was seen or made, to spare a LIST before every APPEND. */
    private boolean known;

    SentFolder(ImapConnection connection, String name, String logLabel) {
        this.connection = connection;
        this.name = name;
        this.logLabel = logLabel;
    }

    /** @return {@code folder:uidvalidity:uid} of the copy, or the folder name when the server has no UIDPLUS */
    Optional<String> append(byte[] raw) {
        try {
            IMAPFolder folder = (IMAPFolder) connection.store().getFolder(name);
            // Another session of the same mailbox may create it at the same moment: a failed create
            // is fine when the folder exists afterwards.
            if (!known && !folder.exists() && !folder.create(Folder.HOLDS_MESSAGES) && !folder.exists()) {
                LOG.log(Level.WARNING, "{0}: could not create the sent folder", logLabel);
                return Optional.empty();
            }
            known = true;
            MimeMessage copy = new MimeMessage(PARSING, new ByteArrayInputStream(raw));
            copy.setFlags(new Flags(Flags.Flag.SEEN), true);
            AppendUID[] uids = folder.appendUIDMessages(new Message[] {copy});
            return Optional.of(uids != null && uids.length == 1 && uids[0] != null
                    ? name + ":" + uids[0].uidvalidity + ":" + uids[0].uid
                    : name);
        } catch (ConnectorException e) {
            known = false;
            LOG.log(Level.WARNING, "{0}: sent, but the copy to the sent folder failed: {1}", logLabel, e.getMessage());
            return Optional.empty();
        } catch (MessagingException e) {
            known = false;
            LOG.log(Level.WARNING, "{0}: sent, but the copy to the sent folder failed ({1})", logLabel, e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /**
     * The stored copy whose Message-ID is exactly {@code messageId}. IMAP {@code SEARCH HEADER} matches
     * substrings, so each hit's header is compared in full.
     *
     * @return {@code folder:uidvalidity:uid} of the copy; empty when the folder or the copy is missing
     */
    Optional<String> find(String messageId) throws ConnectorException {
        IMAPFolder folder = null;
        try {
            folder = (IMAPFolder) connection.store().getFolder(name);
            if (!folder.exists()) {
                return Optional.empty();
            }
            folder.open(Folder.READ_ONLY);
            for (Message hit : folder.search(new HeaderTerm("Message-ID", messageId))) {
                String[] ids = hit.getHeader("Message-ID");
                if (ids != null && java.util.Arrays.stream(ids).map(String::trim).anyMatch(messageId::equals)) {
                    return Optional.of(name + ":" + folder.getUIDValidity() + ":" + folder.getUID(hit));
                }
            }
            return Optional.empty();
        } catch (MessagingException e) {
            throw connection.failures().classify("searching the sent folder", e);
        } finally {
            ImapConnection.closeQuietly(folder);
        }
    }
}
