package dev.postline.connectors.imap;

import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.Status;
import org.eclipse.angus.mail.imap.protocol.UID;

/**
 * The few raw IMAP commands the connector needs, issued on an open folder's connection. Raw
 * commands let one round trip fetch a whole batch as bytes, without Angus building (and caching)
 * message objects. Every untagged response other than a FETCH is passed to the connection's handlers:
 * the folder stays open across operations, and its message count (and an {@link ArrivalWatch}) must
 * follow each EXISTS and EXPUNGE, whichever command it came with. FETCH responses are not: Angus
 * would create and keep a message object for each.
 */
final class UidCommands {

    private UidCommands() {
    }

    /**
     * STATUS of the open folder's mailbox by name, on the folder's own connection: what the server
     * holds now under that name, which a long-standing selection may no longer be (a mailbox deleted
     * and recreated meanwhile). {@code items} e.g. {@code UIDVALIDITY}, {@code UIDNEXT}.
     */
    static Status status(IMAPFolder folder, String... items) throws MessagingException {
        String name = folder.getFullName();
        Status status = (Status) SelectedFolder.command(folder, p -> p.status(name, items));
        if (status == null) {
            throw new MessagingException("the server sent no STATUS for the folder");
        }
        return status;
    }

    /** UIDs greater than {@code lastUid}, ascending. */
    static List<Long> uidsAfter(IMAPFolder folder, long lastUid) throws MessagingException {
        return search(folder, "UID " + (lastUid + 1) + ":*").stream().filter(uid -> uid > lastUid).toList();
    }

    /** UIDs matching a raw SEARCH key, ascending. */
    static List<Long> search(IMAPFolder folder, String criteria) throws MessagingException {
        return (List<Long>) SelectedFolder.command(folder, p -> {
            Response[] responses = p.command("UID SEARCH " + criteria, null);
            p.notifyResponseHandlers(responses);
            p.handleResult(responses[responses.length - 1]);
            List<Long> uids = new ArrayList<>();
            for (Response r : responses) {
                if (r instanceof IMAPResponse ir && ir.keyEquals("SEARCH")) {
                    for (long uid = ir.readLong(); uid != -1; uid = ir.readLong()) {
                        uids.add(uid);
                    }
                }
            }
            uids.sort(null);
            return uids;
        });
    }

    /** {@code BODY.PEEK[item]} of each UID, keyed by UID; missing UIDs (expunged meanwhile) are absent. */
    @SuppressWarnings("unchecked")
    static SortedMap<Long, byte[]> peek(IMAPFolder folder, List<Long> uids, String item) throws MessagingException {
        if (uids.isEmpty()) {
            return new TreeMap<>();
        }
        return (SortedMap<Long, byte[]>) SelectedFolder.command(folder, p -> {
            Response[] responses = p.command("UID FETCH " + uidSet(uids) + " (UID BODY.PEEK[" + item + "])", null);
            p.notifyResponseHandlers(withoutFetches(responses));
            p.handleResult(responses[responses.length - 1]);
            SortedMap<Long, byte[]> result = new TreeMap<>();
            for (Response r : responses) {
                if (r instanceof FetchResponse f) {
                    UID uid = f.getItem(UID.class);
                    BODY body = f.getItem(BODY.class);
                    if (uid != null && body != null && body.getByteArray() != null) {
                        result.put(uid.uid, bytes(body.getByteArray()));
                    }
                }
            }
            return result;
        });
    }

    /** {@code RFC822.SIZE} of each UID, keyed by UID; missing UIDs (expunged meanwhile) are absent. */
    @SuppressWarnings("unchecked")
    static Map<Long, Long> sizes(IMAPFolder folder, List<Long> uids) throws MessagingException {
        if (uids.isEmpty()) {
            return Map.of();
        }
        return (Map<Long, Long>) SelectedFolder.command(folder, p -> {
            Response[] responses = p.command("UID FETCH " + uidSet(uids) + " (UID RFC822.SIZE)", null);
            p.notifyResponseHandlers(withoutFetches(responses));
            p.handleResult(responses[responses.length - 1]);
            Map<Long, Long> result = new HashMap<>();
            for (Response r : responses) {
                if (r instanceof FetchResponse f) {
                    UID uid = f.getItem(UID.class);
                    RFC822SIZE size = f.getItem(RFC822SIZE.class);
                    if (uid != null && size != null) {
                        result.put(uid.uid, size.size);
                    }
                }
            }
            return result;
        });
    }

    /** Sets {@code \Seen} on the UIDs; needs a folder opened read-write. */
    static void markSeen(IMAPFolder folder, List<Long> uids) throws MessagingException {
        if (!uids.isEmpty()) {
            SelectedFolder.command(folder, p -> {
                p.simpleCommand("UID STORE " + uidSet(uids) + " +FLAGS.SILENT (\\Seen)", null);
                return null;
            });
        }
    }

    /** The responses with every FETCH left out (as null, which handlers skip). */
    private static Response[] withoutFetches(Response[] responses) {
        Response[] others = responses.clone();
        for (int i = 0; i < others.length; i++) {
            if (others[i] instanceof FetchResponse) {
                others[i] = null;
            }
        }
        return others;
    }

    /** A compact IMAP sequence set of ascending UIDs, e.g. {@code 3:7,9,12:13}. */
    static String uidSet(List<Long> ascending) {
        StringBuilder set = new StringBuilder();
        int i = 0;
        while (i < ascending.size()) {
            int j = i;
            while (j + 1 < ascending.size() && ascending.get(j + 1) == ascending.get(j) + 1) {
                j++;
            }
            if (!set.isEmpty()) {
                set.append(',');
            }
            set.append(ascending.get(i));
            if (j > i) {
                set.append(':').append(ascending.get(j));
            }
            i = j + 1;
        }
        return set.toString();
    }

    private static byte[] bytes(ByteArray array) {
        byte[] backing = array.getBytes();
        // Avoid a copy of (possibly megabytes of) message when the buffer is exactly the literal.
        return array.getStart() == 0 && array.getCount() == backing.length ? backing : array.getNewBytes();
    }
}
