package dev.postline.connectors.imap;

import dev.postline.connectors.api.ConnectorException;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * Stores a copy of sent mail in the Sent folder (created if missing). A failure to store is only
 * logged: the mail is already out and recorded as sent.
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
            IMAPFolder folder = (IMAPFolder) connection.login().getFolder(name);
            // Another session of the same mailbox may create it at the same moment: a failed create
            // is fine when the folder exists afterwards.
            if (!known && !folder.exists() && !folder.create(Folder.HOLDS_MESSAGES) && !folder.exists()) {
                LOG.log(Level.WARNING, "{0}: could not create the sent folder", logLabel);
                return Optional.empty();
            }
            known = true;
            AppendUID uid = RawLiteral.fits(raw) ? appendRaw(folder, raw) : appendParsed(folder, raw);
            return Optional.of(uid != null ? name + ":" + uid.uidvalidity + ":" + uid.uid : name);
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
     * The bytes as they are, one APPEND with the literal written straight from the array: parsing
     * them into a MimeMessage only for Angus to write them out again cost about as much CPU as the
     * SMTP send. The server stamps the internal date.
     */
    private static AppendUID appendRaw(IMAPFolder folder, byte[] raw) throws MessagingException {
        Flags seen = new Flags(Flags.Flag.SEEN);
        return (AppendUID) folder.doCommand(protocol -> protocol.appenduid(folder.getFullName(), seen, null, new RawLiteral(raw)));
    }

    /** Mail with bare line feeds: Angus writes it with CRLF, as IMAP wants. */
    private static AppendUID appendParsed(IMAPFolder folder, byte[] raw) throws MessagingException {
        MimeMessage copy = new MimeMessage(PARSING, new ByteArrayInputStream(raw));
        copy.setFlags(new Flags(Flags.Flag.SEEN), true);
        AppendUID[] uids = folder.appendUIDMessages(new Message[] {copy});
        return uids != null && uids.length == 1 ? uids[0] : null;
    }
}
