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

/**
 * Cursor arithmetic and batch pulls on the configured folder. The folder is opened for each call
 * (one EXAMINE round trip), which also re-reads UIDVALIDITY, so a folder recreated behind a
 * long-lived session is noticed.
 */
final class ImapFetcher {

    private static final DateTimeFormatter IMAP_DATE = DateTimeFormatter.ofPattern("d-MMM-yyyy", Locale.ENGLISH);

    private final ImapConnection connection;
    private final ImapSettings settings;

    ImapFetcher(ImapConnection connection, ImapSettings settings) {
        this.connection = connection;
        this.settings = settings;
    }

    SyncCursor initialCursor(InitialSync start) throws ConnectorException {
        IMAPFolder folder = connection.openFolder(false);
        try {
            long uidValidity = folder.getUIDValidity();
            long lastUid = switch (start) {
                case InitialSync.FromNow ignored -> folder.getUIDNext() - 1;
                case InitialSync.Since since -> lastUidBefore(folder, since.instant());
            };
            return new ImapCursor(uidValidity, Math.max(0, lastUid), highestModSeq(folder));
        } catch (MessagingException e) {
            throw connection.failures().classify("reading the folder status", e);
        } finally {
            ImapConnection.closeQuietly(folder);
        }
    }

    FetchBatch fetch(SyncCursor since, int maxMessages) throws ConnectorException {
        if (maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages must be at least 1");
        }
        ImapCursor cursor = imapCursor(since);
        IMAPFolder folder = connection.openFolder(settings.markAsRead());
        try {
            requireSameUidValidity(folder, cursor);
            List<Long> pending = UidCommands.uidsAfter(folder, cursor.lastUid());
            List<Long> window = pending.subList(0, Math.min(maxMessages, pending.size()));
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
            throw connection.failures().classify("fetching messages", e);
        } finally {
            ImapConnection.closeQuietly(folder);
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
        IMAPFolder folder = connection.openFolder(settings.markAsRead());
        try {
            long uid;
            int remaining;
            try {
                requireSameUidValidity(folder, cursor);
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
                throw connection.failures().classify("listing messages", e);
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
                ConnectorException failure = connection.failures().classify("fetching message " + uid + " on its own", e);
                if (failure.kind() != FailureKind.NETWORK && failure.kind() != FailureKind.PERMANENT) {
                    throw failure;
                }
                ImapConnection.closeQuietly(folder);
                folder = null;
                // The message or the server? A server that is down does not let us back in: that throws here.
                ImapConnection.closeQuietly(connection.openFolder(false));
                return FetchBatch.stoppedAt(cursor, new UnfetchableItem(cursor.uidValidity() + ":" + uid,
                        failure.reason(), cursor.after(uid)));
            }
        } finally {
            ImapConnection.closeQuietly(folder);
        }
    }

    /** True when messages after the cursor exist now. */
    boolean hasMessagesAfter(IMAPFolder folder, ImapCursor cursor) throws ConnectorException {
        try {
            requireSameUidValidity(folder, cursor);
            return !UidCommands.uidsAfter(folder, cursor.lastUid()).isEmpty();
        } catch (MessagingException e) {
            throw connection.failures().classify("checking for new messages", e);
        }
    }

    static ImapCursor imapCursor(SyncCursor since) throws ConnectorException {
        if (since instanceof ImapCursor imap) {
            return imap;
        }
        throw new ConnectorException(FailureKind.CURSOR_INVALID, "the stored cursor belongs to a " + since.kind() + " connector");
    }

    private static void requireSameUidValidity(IMAPFolder folder, ImapCursor cursor) throws MessagingException, ConnectorException {
        if (folder.getUIDValidity() != cursor.uidValidity()) {
            throw new ConnectorException(FailureKind.CURSOR_INVALID,
                    "the folder's UIDVALIDITY changed: all stored UIDs are void, a resync is needed");
        }
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
    private static long lastUidBefore(IMAPFolder folder, Instant instant) throws MessagingException {
        if (instant.equals(Instant.EPOCH)) {
            return 0;
        }
        LocalDate day = instant.atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
        List<Long> uids = UidCommands.search(folder, "SINCE " + IMAP_DATE.format(day));
        return uids.isEmpty() ? folder.getUIDNext() - 1 : uids.getFirst() - 1;
    }

    private Long highestModSeq(IMAPFolder folder) throws ConnectorException {
        if (!connection.hasCapability("CONDSTORE")) {
            return null;
        }
        try {
            long modSeq = folder.getHighestModSeq();
            return modSeq > 0 ? modSeq : null;
        } catch (MessagingException e) {
            return null; // optional information: a server that offers CONDSTORE but fails here still syncs by UID
        }
    }
}
