package dev.postline.connectors.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.OutboundMessage;
import dev.postline.connectors.api.SendResult;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Sending: the recipient gets our message as we wrote it, and we learn the provider's id. */
public interface SendContract {

    Duration DELIVERY_BOUND = Duration.ofSeconds(10);

    ConnectorUnderTest connector();

    @Test
    default void sentMessageShouldReachTheRecipientWithOurMessageIdAndIdenticalBody() throws Exception {
        String recipient = connector().recipientAddress("maria");
        String messageId = "<" + UUID.randomUUID() + "@reply.postline.test>";
        byte[] raw = MimeCorpus.withAttachment(messageId, connector().touchpointAddress(), recipient,
                MimeCorpus.attachmentBytes(20_000, 7));

        SendResult result;
        try (ConnectorSession session = connector().openSession()) {
            result = session.send(new OutboundMessage(raw, connector().touchpointAddress(), List.of(recipient)));
        }

        assertThat(result.providerId()).isNotBlank();
        assertThat(result.serverReply()).isNotBlank();
        List<byte[]> received = connector().receivedBy(recipient, 1, DELIVERY_BOUND);
        assertThat(received).hasSize(1);
        assertThat(RawMessage.messageId(received.getFirst())).contains(messageId);
        assertThat(deliveredBody(received.getFirst())).isEqualTo(deliveredBody(raw));
    }

    @Test
    default void largeAttachmentShouldSurviveSendingByteExact() throws Exception {
        String recipient = connector().recipientAddress("big");
        byte[] attachment = MimeCorpus.attachmentBytes(2 * 1024 * 1024, 11);
        byte[] raw = MimeCorpus.withAttachment("<large-send@reply.postline.test>", connector().touchpointAddress(),
                recipient, attachment);

        try (ConnectorSession session = connector().openSession()) {
            session.send(new OutboundMessage(raw, connector().touchpointAddress(), List.of(recipient)));
        }

        byte[] received = connector().receivedBy(recipient, 1, DELIVERY_BOUND).getFirst();
        List<byte[]> parts = RawMessage.parts(received, MimeCorpus.LARGE_BOUNDARY);
        assertThat(RawMessage.decodeBase64Part(parts.get(1))).isEqualTo(attachment);
    }

    @Test
    default void envelopeRecipientsShouldReceiveEvenWhenAbsentFromTheHeaders() throws Exception {
        String to = connector().recipientAddress("visible");
        String bcc = connector().recipientAddress("hidden");
        byte[] raw = MimeCorpus.numbered(99, 0); // its To: header names neither address

        try (ConnectorSession session = connector().openSession()) {
            session.send(new OutboundMessage(raw, connector().touchpointAddress(), List.of(to, bcc)));
        }

        assertThat(connector().receivedBy(bcc, 1, DELIVERY_BOUND)).hasSize(1);
        assertThat(connector().receivedBy(to, 1, DELIVERY_BOUND)).hasSize(1);
    }

    @Test
    default void everyCorpusMessageShouldBeSentUnchanged() throws Exception {
        String recipient = connector().recipientAddress("corpus");
        List<byte[]> corpus = MimeCorpus.all();

        try (ConnectorSession session = connector().openSession()) {
            for (byte[] raw : corpus) {
                session.send(new OutboundMessage(raw, connector().touchpointAddress(), List.of(recipient)));
            }
        }

        List<String> receivedBodies = connector().receivedBy(recipient, corpus.size(), DELIVERY_BOUND).stream()
                .map(SendContract::deliveredBody).toList();
        assertThat(receivedBodies)
                .containsExactlyInAnyOrderElementsOf(corpus.stream().map(SendContract::deliveredBody).toList());
    }

    /**
     * The body as a recipient can compare it: byte for byte, except for one final line break, which
     * RFC 5321 makes part of the terminating {@code CRLF.CRLF} and which servers keep or drop.
     */
    private static String deliveredBody(byte[] raw) {
        String body = Bytes.text(RawMessage.body(raw));
        return body.endsWith("\r\n") ? body.substring(0, body.length() - 2) : body;
    }
}
