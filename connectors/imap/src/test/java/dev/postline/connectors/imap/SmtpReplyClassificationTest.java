package dev.postline.connectors.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.HostPolicy;
import dev.postline.connectors.api.OutboundMessage;
import dev.postline.connectors.api.SendResult;
import dev.postline.connectors.api.SessionContext;
import dev.postline.connectors.tck.MimeCorpus;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** SMTP replies at each stage map to the failure kind the core needs, over the real protocol. */
class SmtpReplyClassificationTest {

    private static final String SECRET = "smtp-secret-pass-31337";

    private static ConnectorSession session(int port) {
        Map<String, String> settings = Map.of("imapHost", "127.0.0.1", "imapTls", "plain", "smtpHost", "127.0.0.1",
                "smtpPort", Integer.toString(port), "smtpTls", "plain", "username", "agent@acme.test");
        HostPolicy policy = HostPolicy.builder().allowPrivateNetworks(true).allowPort(port).build();
        return new ImapConnectorFactory().open(new SessionContext("t", "tp", settings,
                GreenMailConnectorUnderTest.credentials(SECRET), policy, Clock.systemUTC()));
    }

    private static OutboundMessage message() {
        return new OutboundMessage(MimeCorpus.numbered(1, 0), "agent@acme.test", List.of("maria@customer.test"));
    }

    @ParameterizedTest(name = "{0} answered with \"{1}\" is {2}")
    @CsvSource(delimiter = '|', value = {
            "GREETING | 421 4.3.2 Service not available, closing channel | NETWORK",
            "GREETING | CLOSE                                            | NETWORK",
            "AUTH     | 535 5.7.8 Authentication credentials invalid        | AUTH_REVOKED",
            "AUTH     | 454 4.7.0 Temporary authentication failure         | AUTH_TRANSIENT",
            "MAIL     | 451 4.3.0 Mail server temporarily rejected message | NETWORK",
            "MAIL     | 421 4.4.2 Timeout, closing                         | NETWORK",
            "MAIL     | 553 5.7.1 Sender address rejected                  | PERMANENT",
            "RCPT     | 550 5.1.1 User unknown                             | PERMANENT",
            "RCPT     | 450 4.2.0 Mailbox busy                             | NETWORK",
            "DATA     | 554 5.5.1 No valid recipients                      | PERMANENT",
            "DOT      | 552 5.3.4 Message too big                          | PERMANENT",
            "DOT      | 452 4.3.1 Insufficient system storage              | NETWORK",
            "DOT      | CLOSE                                              | NETWORK"})
    void replyShouldBeClassified(String stage, String reply, FailureKind expected) throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(Map.of(stage, reply));
             ConnectorSession session = session(server.port())) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> session.send(message()));

            assertThat(e).as("send should fail").isNotNull();
            assertThat(e.kind()).isEqualTo(expected);
            assertThat(e.getMessage()).doesNotContain(SECRET);
        }
    }

    @Test
    void acceptedMessageShouldRecordTheServerReplyAndTheMessageId() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(Map.of());
             ConnectorSession session = session(server.port())) {
            SendResult result = session.send(message());

            assertThat(result.serverReply()).isEqualTo("250 2.0.0 Ok: queued as ABC123");
            assertThat(result.providerId()).isEqualTo("<tck-1@postline.test>");
            assertThat(result.storedCopy()).isEmpty();
        }
    }
}
