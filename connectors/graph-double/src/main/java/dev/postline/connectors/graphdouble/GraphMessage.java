package dev.postline.connectors.graphdouble;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One message resource of a double mailbox. The immutable id never changes; the folder, read flag,
 * draft state and recipients may (guarded by the mailbox's lock).
 */
public final class GraphMessage {

    private final String immutableId;
    private final byte[] raw;
    private final String internetMessageId;
    private final String subject;
    private final String from;
    private final Instant receivedDateTime;
    private String folder;
    private int moves;
    private boolean read;
    private boolean draft;
    private List<String> to;
    private List<String> cc;
    private List<String> bcc;
    private Instant lastModified;

    GraphMessage(String immutableId, byte[] raw, String internetMessageId, MimeSummary mime, Instant received,
                 String folder, boolean draft) {
        this.immutableId = immutableId;
        this.raw = raw;
        this.internetMessageId = internetMessageId;
        this.subject = mime.subject();
        this.from = mime.from();
        this.receivedDateTime = received;
        this.folder = folder;
        this.draft = draft;
        this.to = new ArrayList<>(mime.to());
        this.cc = new ArrayList<>(mime.cc());
        this.bcc = new ArrayList<>(mime.bcc());
        this.lastModified = received;
    }

    public String immutableId() {
        return immutableId;
    }

    /** The id Graph hands out without {@code Prefer: IdType="ImmutableId"}: it changes on every move. */
    public String restId() {
        return GraphIds.restId(immutableId, moves);
    }

    public byte[] raw() {
        return raw.clone();
    }

    byte[] rawUnsafe() {
        return raw;
    }

    public String internetMessageId() {
        return internetMessageId;
    }

    public String subject() {
        return subject;
    }

    public String from() {
        return from;
    }

    public Instant receivedDateTime() {
        return receivedDateTime;
    }

    public synchronized String folder() {
        return folder;
    }

    public synchronized boolean isRead() {
        return read;
    }

    public synchronized boolean isDraft() {
        return draft;
    }

    synchronized int moves() {
        return moves;
    }

    synchronized Instant lastModified() {
        return lastModified;
    }

    synchronized void moveTo(String newFolder, Instant at) {
        folder = newFolder;
        moves++;
        lastModified = at;
    }

    synchronized void markRead(Instant at) {
        read = true;
        lastModified = at;
    }

    synchronized void sent(Instant at) {
        draft = false;
        lastModified = at;
    }

    public synchronized List<String> to() {
        return List.copyOf(to);
    }

    public synchronized List<String> cc() {
        return List.copyOf(cc);
    }

    public synchronized List<String> bcc() {
        return List.copyOf(bcc);
    }

    synchronized void recipients(List<String> newTo, List<String> newCc, List<String> newBcc, Instant at) {
        if (newTo != null) {
            to = new ArrayList<>(newTo);
        }
        if (newCc != null) {
            cc = new ArrayList<>(newCc);
        }
        if (newBcc != null) {
            bcc = new ArrayList<>(newBcc);
        }
        lastModified = at;
    }
}
