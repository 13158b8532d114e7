package dev.postline.connectors.gmail;

import dev.postline.connectors.tck.Delivered;
import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.CredentialSource;
import dev.postline.connectors.api.HostPolicy;
import dev.postline.connectors.api.SessionContext;
import dev.postline.connectors.gmaildouble.GmailDouble;
import dev.postline.connectors.tck.ConnectorUnderTest;
import dev.postline.connectors.tck.FaultyLink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Gmail connector wired to the Gmail double. API traffic goes through a {@link FaultyLink} so tests
 * can drop connections; mail is delivered through the double's store (instant).
 */
final class GmailDoubleConnectorUnderTest implements ConnectorUnderTest, AutoCloseable {

    static final String USER = "support@acme.test";
    static final String TOKEN = "ya29.a0-valid-access-token-4f1c";
    static final String WRONG_TOKEN = "ya29.a0-expired-access-token-9d2e";

    final GmailDouble gmail;
    private final Clock clock;
    private final FaultyLink link;
    private final int unusedPort = unusedPort();
    private final GmailConnectorFactory factory;

    GmailDoubleConnectorUnderTest() {
        this(Clock.systemUTC(), QuotaBudgets.GMAIL_UNITS_PER_USER_PER_MINUTE);
    }

    GmailDoubleConnectorUnderTest(Clock clock, int unitsPerMinute) {
        this.clock = clock;
        this.gmail = GmailDouble.start(clock);
        this.gmail.addUser(USER, TOKEN);
        this.link = new FaultyLink(gmail.address());
        this.factory = new GmailConnectorFactory(unitsPerMinute);
    }

    Map<String, String> settings(int port) {
        Map<String, String> settings = new HashMap<>(Map.of("emailAddress", USER,
                "apiRootUrl", "http://127.0.0.1:" + port + "/", "pollIntervalSeconds", "1", "requestTimeoutSeconds", "10"));
        return settings;
    }

    HostPolicy hostPolicy() {
        return HostPolicy.builder().allowPrivateNetworks(true).allowPort(link.port()).allowPort(gmail.port())
                .allowPort(unusedPort).build();
    }

    ConnectorSession open(Map<String, String> settings, CredentialSource credentials) {
        return factory.open(new SessionContext("tenant-1", "touchpoint-1", settings, credentials, hostPolicy(), clock));
    }

    ConnectorSession open(CredentialSource credentials) {
        return open(settings(link.port()), credentials);
    }

    /** Hands out the given tokens in turn (the last one repeatedly) and counts how often it was asked. */
    static final class Tokens implements CredentialSource {
        private final Deque<String> tokens;
        final AtomicInteger asked = new AtomicInteger();

        Tokens(String... tokens) {
            this.tokens = new ArrayDeque<>(List.of(tokens));
        }

        @Override
        public String password() throws ConnectorException {
            throw new ConnectorException(dev.postline.connectors.api.FailureKind.AUTH_REVOKED, "no password for Gmail");
        }

        @Override
        public synchronized String accessToken() {
            asked.incrementAndGet();
            return tokens.size() > 1 ? tokens.poll() : tokens.peek();
        }
    }

    @Override
    public ConnectorSession openSession() {
        return open(new Tokens(TOKEN));
    }

    @Override
    public ConnectorSession openSessionWithWrongCredentials() {
        return open(new Tokens(WRONG_TOKEN));
    }

    @Override
    public ConnectorSession openSessionToUnreachableServer() {
        return open(settings(unusedPort), new Tokens(TOKEN));
    }

    @Override
    public void deliver(byte[] raw) {
        gmail.deliver(USER, raw);
    }

    /** Gmail's backend fails this one message: {@code messages.get} answers 500 backendError for it, every time. */
    @Override
    public void deliverUnservable(byte[] raw) {
        gmail.faults().failMessage(gmail.deliver(USER, raw).id(), dev.postline.connectors.gmaildouble.Fault.serverError(500));
    }

    @Override
    public void invalidateCursors() {
        gmail.mailbox(USER).forgetHistory();
    }

    @Override
    public void dropConnectionDuringNextFetch() {
        link.cutAfterServerBytes(20_000);
    }

    /** Runs {@code action} when the connector next sends {@code marker}, before the double gets those bytes. */
    void beforeTheDoubleSees(String marker, Runnable action) {
        link.beforeClientSends(marker, action);
    }

    @Override
    public void dropAllConnections() {
        link.cutAll();
    }

    @Override
    public List<byte[]> receivedBy(String address, int expected, Duration timeout) {
        return Delivered.await(() -> gmail.inbox(address), expected, timeout);
    }

    @Override
    public String touchpointAddress() {
        return USER;
    }

    @Override
    public String recipientAddress(String localPart) {
        return localPart + "@customer.test";
    }

    @Override
    public List<String> secrets() {
        return List.of(TOKEN, WRONG_TOKEN);
    }

    /** The relay all API traffic of {@link #openSession()} goes through, e.g. to count connections. */
    FaultyLink link() {
        return link;
    }

    @Override
    public void close() {
        link.close();
        gmail.close();
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
