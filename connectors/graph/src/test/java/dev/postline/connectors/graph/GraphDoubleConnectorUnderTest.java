package dev.postline.connectors.graph;

import dev.postline.connectors.tck.Delivered;
import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.CredentialSource;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.HostPolicy;
import dev.postline.connectors.api.SessionContext;
import dev.postline.connectors.graphdouble.GraphDouble;
import dev.postline.connectors.graphdouble.GraphMailbox;
import dev.postline.connectors.tck.ConnectorUnderTest;
import dev.postline.connectors.tck.FaultyLink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Graph connector wired to a fresh {@link GraphDouble}. Requests go through a {@link FaultyLink} so
 * tests can drop connections; the double builds its links from the Host the connector used, so
 * nextLinks and deltaLinks lead back through the link.
 */
final class GraphDoubleConnectorUnderTest implements ConnectorUnderTest, AutoCloseable {

    static final String ADDRESS = "support@contoso.test";
    static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.graph-double-access-token";
    static final String WRONG_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.revoked-access-token";
    static final GraphConnectorFactory FACTORY = new GraphConnectorFactory();

    final GraphDouble graph = GraphDouble.start();
    final GraphMailbox mailbox = graph.addMailbox(ADDRESS, TOKEN);
    private final FaultyLink link = new FaultyLink(new InetSocketAddress("127.0.0.1", graph.port()));
    private final int unusedPort = unusedPort();
    private final Map<String, String> extraSettings;

    GraphDoubleConnectorUnderTest() {
        this(Map.of());
    }

    GraphDoubleConnectorUnderTest(Map<String, String> extraSettings) {
        this.extraSettings = extraSettings;
    }

    Map<String, String> settings(int port) {
        Map<String, String> settings = new HashMap<>(Map.of("mailbox", ADDRESS,
                "baseUrl", "http://127.0.0.1:" + port + "/v1.0", "pollIntervalSeconds", "1", "requestTimeoutSeconds", "20"));
        settings.putAll(extraSettings);
        return settings;
    }

    HostPolicy hostPolicy() {
        return HostPolicy.builder().allowPrivateNetworks(true).allowPort(link.port()).allowPort(graph.port())
                .allowPort(unusedPort).build();
    }

    ConnectorSession open(Map<String, String> settings, CredentialSource credentials) {
        return FACTORY.open(new SessionContext("tenant-1", "touchpoint-1", settings, credentials, hostPolicy(),
                Clock.systemUTC()));
    }

    ConnectorSession open(CredentialSource credentials) {
        return open(settings(link.port()), credentials);
    }

    /** A session straight to the double, bypassing the faulty link. */
    ConnectorSession openDirect() {
        return open(settings(graph.port()), token(TOKEN));
    }

    static CredentialSource token(String token) {
        return new CountingCredentials(token);
    }

    /** Hands out the given tokens in turn (the last one forever) and counts how often it was asked. */
    static final class CountingCredentials implements CredentialSource {
        private final List<String> tokens;
        final AtomicInteger asked = new AtomicInteger();

        CountingCredentials(String... tokens) {
            this.tokens = List.of(tokens);
        }

        @Override
        public String password() throws ConnectorException {
            throw new ConnectorException(FailureKind.AUTH_REVOKED, "Graph touchpoints have no password");
        }

        @Override
        public String accessToken() {
            int n = asked.getAndIncrement();
            return tokens.get(Math.min(n, tokens.size() - 1));
        }
    }

    @Override
    public ConnectorSession openSession() {
        return open(token(TOKEN));
    }

    @Override
    public ConnectorSession openSessionWithWrongCredentials() {
        return open(token(WRONG_TOKEN));
    }

    @Override
    public ConnectorSession openSessionToUnreachableServer() {
        return open(settings(unusedPort), token(TOKEN));
    }

    @Override
    public void deliver(byte[] raw) {
        mailbox.deliver(raw);
    }

    /** The service cannot read this one message: its {@code $value} answers 500 generalException, every time. */
    @Override
    public void deliverUnservable(byte[] raw) {
        graph.failMessage(mailbox.deliver(raw), dev.postline.connectors.graphdouble.Fault.serverError(500));
    }

    @Override
    public void invalidateCursors() {
        mailbox.invalidateDeltaTokens();
    }

    @Override
    public void dropConnectionDuringNextFetch() {
        link.cutAfterServerBytes(20_000);
    }

    @Override
    public void dropAllConnections() {
        link.cutAll();
    }

    @Override
    public List<byte[]> receivedBy(String address, int expected, Duration timeout) {
        return Delivered.await(() -> graph.receivedBy(address), expected, timeout);
    }

    @Override
    public String touchpointAddress() {
        return ADDRESS;
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
        graph.close();
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
