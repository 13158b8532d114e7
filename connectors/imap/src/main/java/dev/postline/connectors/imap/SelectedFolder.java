package dev.postline.connectors.imap;

import jakarta.mail.FolderClosedException;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * Commands and selection data of a folder that must stay on the folder's own connection. Angus runs
 * {@link IMAPFolder#doCommand} (and reads such as {@link IMAPFolder#getUIDValidity()}) of a folder
 * that is no longer open — its connection dropped, or the session closed it from another thread — on
 * a store connection instead, opening and logging in a new one when there is none free. Here a closed
 * folder fails (classified as a lost connection) without any I/O, so only {@link ImapConnection}
 * decides when to connect again. The check and the command hold the folder's lock, as Angus' own
 * close does, so the folder cannot close in between.
 */
final class SelectedFolder {

    private SelectedFolder() {
    }

    static Object command(IMAPFolder folder, IMAPFolder.ProtocolCommand command) throws MessagingException {
        synchronized (folder) {
            requireOpen(folder);
            return folder.doCommand(command);
        }
    }

    /** The UIDVALIDITY from the folder's SELECT/EXAMINE; no round trip. */
    static long uidValidity(IMAPFolder folder) throws MessagingException {
        synchronized (folder) {
            requireOpen(folder);
            return folder.getUIDValidity();
        }
    }

    /** The UIDNEXT from the folder's SELECT/EXAMINE; no round trip. */
    static long uidNext(IMAPFolder folder) throws MessagingException {
        synchronized (folder) {
            requireOpen(folder);
            return folder.getUIDNext();
        }
    }

    /** Messages the client knows of: SELECT's EXISTS, followed since (a NOOP first when idle for over a second). */
    static int messageCount(IMAPFolder folder) throws MessagingException {
        synchronized (folder) {
            requireOpen(folder);
            return folder.getMessageCount();
        }
    }

    /** Angus' own open check, without the NOOP that {@link IMAPFolder#isOpen()} sends. */
    private static void requireOpen(IMAPFolder folder) throws MessagingException {
        try {
            folder.getUIDNotSticky();
        } catch (IllegalStateException e) {
            throw new FolderClosedException(folder, "the folder was closed");
        }
    }
}
