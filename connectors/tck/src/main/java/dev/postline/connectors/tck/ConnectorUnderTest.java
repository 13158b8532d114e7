package dev.postline.connectors.tck;

import dev.postline.connectors.api.ConnectorSession;
import java.time.Duration;
import java.util.List;

/**
 * What a connector's test supplies to the contracts: the connector wired to its server double, plus
 * the levers the contracts pull on that double. One instance serves one test method; the double's
 * mailbox starts empty.
 *
 * <p>Levers are about the provider's behaviour, never about the connector's internals: a contract
 * must pass against a real server as well.
 */
public interface ConnectorUnderTest {

    /** A session on the synced mailbox with valid credentials. */
    ConnectorSession openSession();

    /** A session whose credentials the server refuses. */
    ConnectorSession openSessionWithWrongCredentials();

    /** A session pointed at an address where nothing answers (connection refused). */
    ConnectorSession openSessionToUnreachableServer();

    /** Puts a message into the synced mailbox as if it had just arrived; visible when this returns. */
    void deliver(byte[] raw);

    /**
     * Makes every cursor handed out so far invalid, the way the provider does it (IMAP: recreate the
     * folder so UIDVALIDITY changes; Gmail: forget old history; Graph: expire delta links).
     */
    void invalidateCursors();

    /** Makes the next fetch lose its connection part-way through transferring the messages. */
    void dropConnectionDuringNextFetch();

    /**
     * Puts a message into the synced mailbox that the provider lists but cannot deliver: every attempt to
     * download its content fails, the way the provider fails for one broken message (IMAP: the server drops
     * the connection whenever its body is fetched; Gmail/Graph: its download answers a server error), while
     * other messages are served as usual.
     */
    void deliverUnservable(byte[] raw);

    /** Drops every open connection to the double now; the double keeps its data and keeps listening. */
    void dropAllConnections();

    /**
     * Raw messages received by {@code address} through the double (what a recipient would read),
     * waiting up to {@code timeout} for {@code expected} of them to arrive.
     */
    List<byte[]> receivedBy(String address, int expected, Duration timeout);

    /** The touchpoint's own address, used as sender of outbound mail. */
    String touchpointAddress();

    /** An address the double delivers to and can read back with {@link #receivedBy}. */
    String recipientAddress(String localPart);

    /** Every secret the sessions above log in with (right and wrong); none may appear in a message. */
    List<String> secrets();
}
