package dev.postline.connectors.gmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.HostPolicy;
import dev.postline.connectors.api.InitialSync;
import dev.postline.connectors.api.SessionContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server that sends an answer's headers and the start of its body, then nothing: the call must fail as a
 * network failure after the read timeout, not hold the sync loop until the session is closed.
 */
class GmailStalledAnswerTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang is the failure this test is about
    void anAnswerThatStallsMidBodyShouldFailAfterTheReadTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> stallEveryAnswer(server, release));
            Map<String, String> settings = Map.of("emailAddress", "support@acme.test",
                    "apiRootUrl", "http://127.0.0.1:" + server.getLocalPort() + "/", "requestTimeoutSeconds", "1");
            HostPolicy hosts = HostPolicy.builder().allowPrivateNetworks(true).allowPort(server.getLocalPort()).build();
            try (ConnectorSession session = new GmailConnectorFactory().open(new SessionContext("tenant-1", "touchpoint-1",
                    settings, new GmailDoubleConnectorUnderTest.Tokens("ya29.token"), hosts, Clock.systemUTC()))) {

                ConnectorException failure = catchThrowableOfType(ConnectorException.class,
                        () -> session.initialCursor(InitialSync.fromNow()));

                assertThat(failure).isNotNull();
                assertThat(failure.kind()).isEqualTo(FailureKind.NETWORK);
            } finally {
                release.countDown();
            }
        }
    }

    private static void stallEveryAnswer(ServerSocket server, CountDownLatch release) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> {
                    try (client) {
                        InputStream in = client.getInputStream();
                        in.read(new byte[8192]); // the request (small: a GET)
                        client.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=UTF-8\r\n"
                                + "Content-Length: 100\r\n\r\n{\"emailAddress\": \"supp").getBytes(StandardCharsets.US_ASCII));
                        client.getOutputStream().flush();
                        release.await();
                    } catch (IOException | InterruptedException e) {
                        // the client went away
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }
}
