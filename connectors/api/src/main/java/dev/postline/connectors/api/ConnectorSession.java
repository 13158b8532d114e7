package dev.postline.connectors.api;

import java.time.Instant;
import java.util.Optional;

/**
 * A connection to one touchpoint's mailbox, opened by {@link ConnectorFactory#open}.
 *
 * <p>Obligations of an implementation:
 * <ul>
 *   <li><b>Never lose, never skip.</b> {@link #fetch} returns messages in the provider's order and every
 *       cursor it hands out points just after a message it has returned (or skipped on purpose, e.g. by a
 *       configured filter). A cursor never moves past a message the caller has not been given.</li>
 *   <li><b>Never mark.</b> Fetching does not change the mailbox (no read flag, no move) unless a setting
 *       explicitly asks for it.</li>
 *   <li><b>Classify failures.</b> Every failure is a {@link ConnectorException} with a
 *       {@link FailureKind}; no vendor exception escapes, and no reason contains a secret.</li>
 *   <li><b>Connect lazily, recover quietly.</b> Connections are made on first use and re-made after a
 *       drop, so a session that threw {@code NETWORK} may be used again. The core may also just close
 *       it and open a new one.</li>
 *   <li><b>One caller at a time.</b> Sessions are not thread-safe, except that {@link #close()} may be
 *       called from any thread and ends a pending {@link #awaitChanges}, which then returns
 *       {@link WaitOutcome#TIMEOUT}.</li>
 *   <li>Tenant-supplied hosts are checked with {@link SessionContext#hostPolicy()} before connecting.</li>
 * </ul>
 */
public interface ConnectorSession extends AutoCloseable {

    /**
     * Logs in and checks what the touchpoint needs (folder, scopes, sending). Never throws for a
     * failed check: failures are reported in the result, each with a message safe to show an admin.
     */
    VerifyResult verify();

    /** Where a new touchpoint starts syncing. */
    SyncCursor initialCursor(InitialSync start) throws ConnectorException;

    /**
     * Returns up to {@code maxMessages} messages after {@code since}.
     *
     * <p>{@link FetchBatch#next()} is where the following call starts; it may be ahead of the last
     * returned message when messages were skipped by a filter, so a batch can be empty while
     * {@link FetchBatch#more()} is true. Each message also carries the cursor just after it, so the
     * caller can commit message by message.
     *
     * @throws ConnectorException {@code CURSOR_INVALID} when {@code since} no longer applies (IMAP
     *                            UIDVALIDITY change, Gmail history 404, Graph 410) or belongs to another
     *                            connector kind: the caller must resync with a fresh initial cursor
     */
    FetchBatch fetch(SyncCursor since, int maxMessages) throws ConnectorException;

    /**
     * As {@link #fetch(SyncCursor, int)}, but also stops before the raw sizes of the batch's messages
     * add up to more than {@code maxBytes}: a batch always holds at least one message (however large),
     * and then as many of the following ones as fit. This bounds the memory a batch takes whatever the
     * mailbox holds (100 messages of 25 MB would be 2.5 GB), while small mail still comes in full batches.
     *
     * <p>The default ignores the byte budget: a connector that cannot know sizes before fetching
     * returns what {@code fetch(since, maxMessages)} returns.
     */
    default FetchBatch fetch(SyncCursor since, int maxMessages, long maxBytes) throws ConnectorException {
        return fetch(since, maxMessages);
    }

    /**
     * Fetches only the first message after {@code since}, on its own: how the core isolates the message
     * that makes a batch {@link #fetch} fail. Returns at most one message (or, as {@link #fetch}, an empty
     * batch moving past messages skipped on purpose).
     *
     * <p>When the provider answers but cannot deliver that one message (the connection drops, or a
     * server error, on fetching just this message while logging in and listing work), the batch holds no
     * message and {@link FetchBatch#unfetchable()} names it, with {@code next} still before it. A failure of
     * the provider as a whole (unreachable, login refused, throttled, cursor invalid) is thrown as from
     * {@link #fetch}: it is not the message's fault, and must never be reported as an unfetchable item.
     *
     * <p>The default cannot tell the two apart and throws whatever {@code fetch(since, 1)} throws.
     */
    default FetchBatch fetchAlone(SyncCursor since) throws ConnectorException {
        return fetch(since, 1);
    }

    /**
     * Blocks until something may have changed after {@code since}, or until {@code deadline}.
     * {@code CHANGED} is a hint: the caller fetches, and an empty fetch is fine. Returns at once when
     * messages after {@code since} are already there.
     *
     * @throws ConnectorException {@code CURSOR_INVALID} as for {@link #fetch}
     */
    WaitOutcome awaitChanges(SyncCursor since, Instant deadline) throws ConnectorException;

    /**
     * Sends a complete message as given (no header is added or rewritten).
     *
     * @throws ConnectorException {@code PERMANENT} when the provider refused the message for good
     *                            (do not retry), {@code NETWORK}/{@code AUTH_TRANSIENT}/{@code THROTTLED}
     *                            when a retry may succeed
     */
    SendResult send(OutboundMessage message) throws ConnectorException;

    /**
     * Stores a copy of a message that was sent and recorded, where the touchpoint keeps one itself
     * (IMAP: the Sent folder). Called after the send was recorded as sent, so the copy proves nothing
     * about delivery and is never a reason to send again. Never throws: a failure is logged (the mail
     * is out); a crash before it leaves the message sent without a copy.
     *
     * @return where the copy was stored; empty when none is kept or storing failed
     */
    default Optional<String> keepSentCopy(OutboundMessage message) {
        return Optional.empty();
    }

    /**
     * Whether {@link #send} itself looks for the message's Message-ID among the mailbox's sent mail and
     * does not send a message found there (Gmail, Microsoft Graph), so that sending again after a crash
     * cannot duplicate it.
     */
    default boolean sendSkipsAlreadySent() {
        return false;
    }

    /**
     * Whether {@link #findSent} can tell a sent message from one never sent (e.g. IMAP only when sent
     * mail is copied to a Sent folder). When false the core cannot check after a crash, and chooses
     * between a possible duplicate and a possible loss itself.
     */
    default boolean canFindSent() {
        return false;
    }

    /**
     * Looks for a message this session's mailbox already sent, by its Message-ID header (with angle
     * brackets, exactly as written). Used after a crash between sending and recording, so a message
     * is not sent twice. Must only report a message the provider really accepted for delivery.
     *
     * @return the message as sent, or empty when it was not sent or {@link #canFindSent()} is false
     * @throws ConnectorException when the check itself failed: the answer is unknown, not "not sent"
     */
    default Optional<SendResult> findSent(String messageId) throws ConnectorException {
        return Optional.empty();
    }

    /** Releases connections. Idempotent, never throws. */
    @Override
    void close();
}
