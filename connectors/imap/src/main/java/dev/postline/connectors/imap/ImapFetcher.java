package dev.postline.connectors.imap;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.FetchBatch;
import dev.postline.connectors.api.FetchedMessage;
import dev.postline.connectors.api.ImapCursor;
import dev.postline.connectors.api.InitialSync;
import dev.postline.connectors.api.SyncCursor;
import dev.postline.connectors.api.UnfetchableItem;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.Status;

/**
 * Cursor arithmetic and batch pulls on the configured folder, which stays selected on the session's
 * one connection. Each call first re-reads the mailbox's UIDVALIDITY by name (STATUS, one round trip on
 * that connection), so a folder recreated behind a long-lived session is noticed: the stale selection
 * is replaced by a fresh SELECT and a cursor of the old UIDVALIDITY is reported as invalid.
 */
final class ImapFetcher {

    private static final DateTimeFormatter IMAP_DATE = DateTimeFormatter.ofPattern("d-MMM-yyyy", Locale.ENGLISH);

    private final ImapConnection connection;
    private final ImapSettings settings;

    ImapFetcher(ImapConnection connection, ImapSettings settings) {
        this.connection = connection;
        this.settings = settings;
    }

    /** Where a sync starts, from the mailbox's STATUS now (the selection's SELECT data may be hours old). */
    SyncCursor initialCursor(InitialSync start) throws ConnectorException {
        IMAPFolder folder = connection.folder();
        boolean condstore = connection.hasCapability("CONDSTORE");
        String[] items = condstore
                ? new String[] {"UIDVALIDITY", "UIDNEXT", "HIGHESTMODSEQ"}
                : new String[] {"UIDVALIDITY", "UIDNEXT"};
        try {
            Status now = UidCommands.status(folder, items);
            if (now.uidvalidity != SelectedFolder.uidValidity(folder)) {
                folder = connection.reselect();
                now = UidCommands.status(folder, items);
                if (now.uidvalidity != SelectedFolder.uidValidity(folder)) {
                    throw new ConnectorException(FailureKind.NETWORK, "the folder was recreated while it was being read");
                }
            }
            long uidNext = now.uidnext > 0 ? now.uidnext : SelectedFolder.uidNext(folder);
            long lastUid = switch (start) {
                case InitialSync.FromNow ignored -> uidNext - 1;
                case InitialSync.Since since -> lastUidBefore(folder, uidNext, since.instant());
            };
            // Optional information: a server that offers CONDSTORE but reports no MODSEQ still syncs by UID.
            Long modSeq = condstore && now.highestmodseq > 0 ? now.highestmodseq : null;
            return new ImapCursor(now.uidvalidity, Math.max(0, lastUid), modSeq);
        } catch (MessagingException e) {
            throw connection.failure("reading the folder status", e);
        }
    }

    /** Up to {@code maxMessages} after the cursor, stopping before their raw sizes pass {@code maxBytes} (one at least). */
    FetchBatch fetch(SyncCursor since, int maxMessages, long maxBytes) throws ConnectorException {
        if (maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages must be at least 1");
        }
        ImapCursor cursor = imapCursor(since);
        IMAPFolder folder = selectionFor(cursor);
        try {
            List<Long> pending = UidCommands.uidsAfter(folder, cursor.lastUid());
            List<Long> window = withinBytes(folder, pending.subList(0, Math.min(maxMessages, pending.size())), maxBytes);
            if (window.isEmpty()) {
                return new FetchBatch(List.of(), cursor, false, OptionalLong.of(0));
            }
            List<Long> wanted = settings.headerFilter().matchesAll() ? window : matching(folder, window);
            Map<Long, byte[]> bodies = UidCommands.peek(folder, wanted, "");
            if (settings.markAsRead()) {
                UidCommands.markSeen(folder, List.copyOf(bodies.keySet()));
            }
            List<FetchedMessage> messages = new ArrayList<>(bodies.size());
            bodies.forEach((uid, raw) -> messages.add(
                    new FetchedMessage(cursor.uidValidity() + ":" + uid, raw, cursor.after(uid))));
            // The window's end, not the last message: filtered-out and expunged UIDs are done too.
            int remaining = pending.size() - window.size();
            return new FetchBatch(messages, cursor.after(window.getLast()), remaining > 0, OptionalLong.of(remaining));
        } catch (MessagingException e) {
            throw connection.failure("fetching messages", e);
        }
    }

    /**
     * The first message after the cursor, fetched on its own. When its body cannot be fetched but the
     * server still lets us log in and open the folder afterwards, the message is reported as unfetchable
     * (a corrupt message file on the server drops the connection on every fetch of it); when the server
     * does not let us back in, that is an outage and is thrown.
     */
    FetchBatch fetchAlone(SyncCursor since) throws ConnectorException {
        ImapCursor cursor = imapCursor(since);
        IMAPFolder folder = selectionFor(cursor);
        long uid;
        int remaining;
        try {
            List<Long> pending = UidCommands.uidsAfter(folder, cursor.lastUid());
            if (pending.isEmpty()) {
                return new FetchBatch(List.of(), cursor, false, OptionalLong.of(0));
            }
            uid = pending.getFirst();
            remaining = pending.size() - 1;
            if (!settings.headerFilter().matchesAll() && matching(folder, List.of(uid)).isEmpty()) {
                return new FetchBatch(List.of(), cursor.after(uid), remaining > 0, OptionalLong.of(remaining));
            }
        } catch (MessagingException e) {
            throw connection.failure("listing messages", e);
        }
        try {
            Map<Long, byte[]> body = UidCommands.peek(folder, List.of(uid), "");
            if (settings.markAsRead()) {
                UidCommands.markSeen(folder, List.copyOf(body.keySet()));
            }
            List<FetchedMessage> messages = body.entrySet().stream()
                    .map(e -> new FetchedMessage(cursor.uidValidity() + ":" + e.getKey(), e.getValue(), cursor.after(e.getKey())))
                    .toList();
            return new FetchBatch(messages, cursor.after(uid), remaining > 0, OptionalLong.of(remaining));
        } catch (MessagingException e) {
            ConnectorException failure = connection.failure("fetching message " + uid + " on its own", e);
            if (failure.kind() != FailureKind.NETWORK && failure.kind() != FailureKind.PERMANENT) {
                throw failure;
            }
            // The message or the server? A server that is down does not let us back in: that throws here.
            connection.folder();
            return FetchBatch.stoppedAt(cursor, new UnfetchableItem(cursor.uidValidity() + ":" + uid,
                    failure.reason(), cursor.after(uid)));
        }
    }

    /**
     * The longest prefix of {@code uids} whose sizes ({@code RFC822.SIZE}, one round trip) fit in
     * {@code maxBytes}, and never less than the first UID. A UID without a size (expunged meanwhile) costs
     * nothing: its body will be absent too.
     */
    private static List<Long> withinBytes(IMAPFolder folder, List<Long> uids, long maxBytes) throws MessagingException {
        if (maxBytes == Long.MAX_VALUE || uids.size() < 2) {
            return uids;
        }
        Map<Long, Long> sizes = UidCommands.sizes(folder, uids);
        long total = 0;
        for (int i = 0; i < uids.size(); i++) {
            total += sizes.getOrDefault(uids.get(i), 0L);
            if (total > maxBytes) {
                return uids.subList(0, Math.max(1, i));
            }
        }
        return uids;
    }

    /** True when messages after the cursor exist now in the selection {@link #selectionFor} returned. */
    boolean hasMessagesAfter(IMAPFolder folder, ImapCursor cursor) throws ConnectorException {
        try {
            return !UidCommands.uidsAfter(folder, cursor.lastUid()).isEmpty();
        } catch (MessagingException e) {
            throw connection.failure("checking for new messages", e);
        }
    }

    /**
     * The selected folder, checked to be the mailbox the cursor belongs to. A selection the mailbox of
     * that name no longer matches (deleted and recreated) is replaced first; a cursor of another
     * UIDVALIDITY than the mailbox's is invalid: all its UIDs are void. A connection the server dropped
     * since its last use (idle too long, or because the selected mailbox was deleted: Dovecot and
     * GreenMail say BYE then) is made again once.
     */
    IMAPFolder selectionFor(ImapCursor cursor) throws ConnectorException {
        IMAPFolder folder = connection.folder();
        long selected;
        try {
            selected = currentUidValidity(folder);
        } catch (MessagingException e) {
            ConnectorException failure = connection.failure("reading the folder status", e);
            if (failure.kind() != FailureKind.NETWORK) {
                throw failure;
            }
            folder = connection.folder();
            try {
                selected = currentUidValidity(folder);
            } catch (MessagingException again) {
                throw connection.failure("reading the folder status", again);
            }
        }
        if (selected != cursor.uidValidity()) {
            throw new ConnectorException(FailureKind.CURSOR_INVALID,
                    "the folder's UIDVALIDITY changed: all stored UIDs are void, a resync is needed");
        }
        return connection.folder();
    }

    /** The UIDVALIDITY of the mailbox by that name now, re-selecting it when the selection is older. */
    private long currentUidValidity(IMAPFolder folder) throws MessagingException, ConnectorException {
        if (UidCommands.status(folder, "UIDVALIDITY").uidvalidity == SelectedFolder.uidValidity(folder)) {
            return SelectedFolder.uidValidity(folder);
        }
        return SelectedFolder.uidValidity(connection.reselect());
    }

    static ImapCursor imapCursor(SyncCursor since) throws ConnectorException {
        if (since instanceof ImapCursor imap) {
            return imap;
        }
        throw new ConnectorException(FailureKind.CURSOR_INVALID, "the stored cursor belongs to a " + since.kind() + " connector");
    }

    private List<Long> matching(IMAPFolder folder, List<Long> window) throws MessagingException {
        Map<Long, byte[]> headers = UidCommands.peek(folder, window, "HEADER");
        List<Long> matched = new ArrayList<>();
        for (Map.Entry<Long, byte[]> entry : headers.entrySet()) {
            InternetHeaders parsed = new InternetHeaders(new ByteArrayInputStream(entry.getValue()));
            if (settings.headerFilter().matches(name -> values(parsed, name))) {
                matched.add(entry.getKey());
            }
        }
        return matched;
    }

    private static List<String> values(InternetHeaders headers, String name) {
        String[] raw = headers.getHeader(name);
        return raw == null ? List.of() : Arrays.stream(raw).map(v -> MimeUtility.unfold(v).trim()).toList();
    }

    /** IMAP SINCE works on whole days in the server's zone; a day earlier is safe (dedupe), later is not. */
    private static long lastUidBefore(IMAPFolder folder, long uidNext, Instant instant) throws MessagingException {
        if (instant.equals(Instant.EPOCH)) {
            return 0;
        }
        LocalDate day = instant.atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
        List<Long> uids = UidCommands.search(folder, "SINCE " + IMAP_DATE.format(day));
        return uids.isEmpty() ? uidNext - 1 : uids.getFirst() - 1;
    }
}
