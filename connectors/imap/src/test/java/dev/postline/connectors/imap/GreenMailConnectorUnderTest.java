package dev.postline.connectors.imap;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.base.GreenMailOperations;
import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.CredentialSource;
import dev.postline.connectors.api.HostPolicy;
import dev.postline.connectors.api.SessionContext;
import dev.postline.connectors.tck.ConnectorUnderTest;
import dev.postline.connectors.tck.FaultyLink;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The IMAP connector wired to GreenMail. IMAP traffic goes through a {@link FaultyLink} so tests can
 * drop connections; mail is delivered through GreenMail's store API (instant, no SMTP round trip).
 */
final class GreenMailConnectorUnderTest implements ConnectorUnderTest, AutoCloseable {

    static final String USER = "agent@acme.test";
    static final String PASSWORD = "correct-horse-battery-staple";
    static final String WRONG_PASSWORD = "Tr0ub4dor&3-wrong";
    static final String FOLDER = "Support";

    private final GreenMailOperations greenMail;
    private final FaultyLink link;
    private final int unusedPort;
    private final Map<String, String> extraSettings;
    private final ImapConnectorFactory factory = new ImapConnectorFactory();

    GreenMailConnectorUnderTest(GreenMailOperations greenMail, Map<String, String> extraSettings) {
        this.greenMail = greenMail;
        this.extraSettings = extraSettings;
        this.link = new FaultyLink(new InetSocketAddress("127.0.0.1", greenMail.getImap().getPort()));
        this.unusedPort = unusedPort();
        try {
            hosts().createMailbox(user(), FOLDER);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, String> settings(int imapPort, int smtpPort) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "preset", "custom", "imapHost", "127.0.0.1", "imapPort", Integer.toString(imapPort), "imapTls", "plain",
                "smtpHost", "127.0.0.1", "smtpPort", Integer.toString(smtpPort), "smtpTls", "plain",
                "username", USER, "folder", FOLDER));
        settings.put("connectTimeoutSeconds", "2");
        settings.putAll(extraSettings);
        return settings;
    }

    HostPolicy hostPolicy() {
        return HostPolicy.builder().allowPrivateNetworks(true)
                .allowPort(link.port()).allowPort(greenMail.getImap().getPort())
                .allowPort(greenMail.getSmtp().getPort()).allowPort(unusedPort).build();
    }

    ConnectorSession open(Map<String, String> settings, String secret) {
        return factory.open(new SessionContext("tenant-1", "touchpoint-1", settings, credentials(secret),
                hostPolicy(), Clock.systemUTC()));
    }

    static CredentialSource credentials(String secret) {
        return new CredentialSource() {
            @Override
            public String password() {
                return secret;
            }

            @Override
            public String accessToken() throws ConnectorException {
                return secret;
            }
        };
    }

    @Override
    public ConnectorSession openSession() {
        return open(settings(link.port(), greenMail.getSmtp().getPort()), PASSWORD);
    }

    @Override
    public ConnectorSession openSessionWithWrongCredentials() {
        return open(settings(link.port(), greenMail.getSmtp().getPort()), WRONG_PASSWORD);
    }

    @Override
    public ConnectorSession openSessionToUnreachableServer() {
        return open(settings(unusedPort, unusedPort), PASSWORD);
    }

    @Override
    public void deliver(byte[] raw) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            hosts().getFolder(user(), FOLDER).appendMessage(message, new Flags(), new Date());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** GreenMail derives UIDVALIDITY from the clock in seconds: recreate until it differs. */
    @Override
    public void invalidateCursors() {
        try {
            long old = hosts().getFolder(user(), FOLDER).getUidValidity();
            hosts().deleteMailbox(user(), FOLDER);
            long waitMillis = (old + 1) * 1000 - System.currentTimeMillis();
            if (waitMillis > 0) {
                Thread.sleep(waitMillis); // bounded by one second: the next UIDVALIDITY value
            }
            MailFolder recreated = hosts().createMailbox(user(), FOLDER);
            if (recreated.getUidValidity() == old) {
                throw new IllegalStateException("UIDVALIDITY did not change");
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Delivers {@code raw} the next time the connector sends bytes containing {@code marker} (e.g.
     * {@code " IDLE\r\n"}), before GreenMail reads them: the arrival lands exactly between the
     * connector's previous command and that one.
     */
    void deliverJustBeforeClientSends(String marker, byte[] raw) {
        link.beforeClientSends(marker, () -> deliver(raw));
    }

    /** UIDs whose body the "server" cannot send: fetching one cuts the connection, every time. */
    private final java.util.Set<Long> unservable = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final java.util.regex.Pattern BODY_FETCH = java.util.regex.Pattern.compile(
            "(?m)^\\S+ UID FETCH ([0-9:,*]+) \\(([^\r\n]*BODY(?:\\.PEEK)?\\[\\][^\r\n]*)\\)", java.util.regex.Pattern.CASE_INSENSITIVE);

    @Override
    public void deliverUnservable(byte[] raw) {
        deliver(raw);
        unservable.add(hosts().getFolder(user(), FOLDER).getMessages().getLast().getUid());
        link.cutWhenClientSends(this::fetchesUnservableBody);
    }

    private boolean fetchesUnservableBody(String sent) {
        java.util.regex.Matcher m = BODY_FETCH.matcher(sent);
        while (m.find()) {
            for (String range : m.group(1).split(",")) {
                String[] ends = range.split(":");
                long a = ends[0].equals("*") ? Long.MAX_VALUE : Long.parseLong(ends[0]);
                long b = ends.length == 1 ? a : ends[1].equals("*") ? Long.MAX_VALUE : Long.parseLong(ends[1]);
                if (unservable.stream().anyMatch(uid -> uid >= Math.min(a, b) && uid <= Math.max(a, b))) {
                    return true;
                }
            }
        }
        return false;
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
        Instant end = Instant.now().plus(timeout);
        List<byte[]> received = List.of();
        while (Instant.now().isBefore(end)) {
            received = inbox(address);
            if (received.size() >= expected) {
                return received;
            }
            Thread.onSpinWait();
            greenMail.waitForIncomingEmail(100, expected);
        }
        return received;
    }

    private List<byte[]> inbox(String address) {
        GreenMailUser user = greenMail.getUserManager().getUserByEmail(address);
        if (user == null) {
            return List.of();
        }
        try {
            return hosts().getInbox(user).getMessages().stream().map(GreenMailConnectorUnderTest::raw).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] raw(StoredMessage stored) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            stored.getMimeMessage().writeTo(out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Messages in the touchpoint's folder, as GreenMail stores them (flags included). */
    List<StoredMessage> stored() {
        try {
            return hosts().getFolder(user(), FOLDER).getMessages();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
        return List.of(PASSWORD, WRONG_PASSWORD);
    }

    GreenMailUser user() {
        return greenMail.getUserManager().getUser(USER);
    }

    ImapHostManager hosts() {
        return greenMail.getManagers().getImapHostManager();
    }

    /** The relay all IMAP traffic of {@link #openSession()} goes through, e.g. to count connections. */
    FaultyLink link() {
        return link;
    }

    @Override
    public void close() {
        link.close();
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
