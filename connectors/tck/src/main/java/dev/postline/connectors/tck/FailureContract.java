package dev.postline.connectors.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.InitialSync;
import dev.postline.connectors.api.OutboundMessage;
import dev.postline.connectors.api.VerifyResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failures are classified so the core can react: re-auth, retry, or give up. */
public interface FailureContract {

    ConnectorUnderTest connector();

    @Test
    default void wrongCredentialsShouldBeAuthRevokedNotNetwork() {
        try (ConnectorSession session = connector().openSessionWithWrongCredentials()) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class,
                    () -> session.initialCursor(InitialSync.fromNow()));

            assertThat(e).isNotNull();
            assertThat(e.kind()).isEqualTo(FailureKind.AUTH_REVOKED);
        }
    }

    @Test
    default void unreachableServerShouldBeNetwork() {
        try (ConnectorSession session = connector().openSessionToUnreachableServer()) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class,
                    () -> session.initialCursor(InitialSync.fromNow()));

            assertThat(e).isNotNull();
            assertThat(e.kind()).isEqualTo(FailureKind.NETWORK);
        }
    }

    @Test
    default void verifyShouldPassForAHealthyTouchpoint() {
        try (ConnectorSession session = connector().openSession()) {
            VerifyResult result = session.verify();

            assertThat(result.ok()).as(result.message()).isTrue();
            assertThat(result.checks()).isNotEmpty().allMatch(VerifyResult.Check::ok);
        }
    }

    @Test
    default void verifyShouldReportRefusedCredentialsInsteadOfThrowing() {
        try (ConnectorSession session = connector().openSessionWithWrongCredentials()) {
            VerifyResult result = session.verify();

            assertThat(result.ok()).isFalse();
            assertThat(result.checks()).anySatisfy(check ->
                    assertThat(check.failure()).contains(FailureKind.AUTH_REVOKED));
        }
    }

    @Test
    default void sendingWithWrongCredentialsShouldBeAuthRevoked() {
        OutboundMessage message = new OutboundMessage(MimeCorpus.numbered(1, 0), connector().touchpointAddress(),
                List.of(connector().recipientAddress("customer")));
        try (ConnectorSession session = connector().openSessionWithWrongCredentials()) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> session.send(message));

            assertThat(e).isNotNull();
            assertThat(e.kind()).isEqualTo(FailureKind.AUTH_REVOKED);
        }
    }

    @Test
    default void noFailureMessageShouldContainASecret() {
        List<String> messages = new ArrayList<>();
        try (ConnectorSession wrong = connector().openSessionWithWrongCredentials();
             ConnectorSession unreachable = connector().openSessionToUnreachableServer()) {
            for (ConnectorSession session : List.of(wrong, unreachable)) {
                collect(messages, catchThrowableOfType(ConnectorException.class,
                        () -> session.initialCursor(InitialSync.fromNow())));
                VerifyResult verify = session.verify();
                messages.add(verify.message());
                verify.checks().forEach(c -> messages.add(c.detail()));
            }
        }

        assertThat(messages).isNotEmpty();
        for (String secret : connector().secrets()) {
            assertThat(messages).noneMatch(m -> m != null && m.contains(secret));
        }
    }

    private static void collect(List<String> messages, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.add(t.getMessage());
            messages.add(t.toString());
        }
    }
}
