package dev.postline.connectors.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.googleapis.media.MediaHttpUploader;
import com.google.api.client.http.ByteArrayContent;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.Message;
import dev.postline.connectors.gmaildouble.Endpoint;
import dev.postline.connectors.gmaildouble.GmailDouble;
import dev.postline.connectors.gmaildouble.StoredMessage;
import dev.postline.connectors.tck.MimeCorpus;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Gmail double takes Google's Java client as it comes, not only as the connector configures it: the
 * client's default resumable upload (several chunks) and its multipart upload, both gzip-compressed where the
 * client compresses. The connector itself uploads multipart ({@link GmailApi#upload}).
 */
class GmailDoubleWithTheGoogleClientTest {

    private static final String USER = "support@acme.test";
    private static final String TOKEN = "ya29.client-library-token";

    private final GmailDouble server = GmailDouble.start();
    private final Gmail client = new Gmail.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(),
            request -> request.getHeaders().setAuthorization("Bearer " + TOKEN))
            .setRootUrl(server.rootUrl()).setApplicationName("Postline tests").build();

    GmailDoubleWithTheGoogleClientTest() {
        server.addUser(USER, TOKEN);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void resumableUploadInChunksShouldSendTheMessageIntoItsThread() throws Exception {
        StoredMessage question = server.deliver(USER, ("From: maria@customer.test\r\nTo: " + USER
                + "\r\nSubject: Order\r\nMessage-ID: <order@customer.test>\r\n\r\nWhere is it?\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] raw = MimeCorpus.withAttachment("<resumable@reply.postline.test>", USER, "maria@customer.test",
                MimeCorpus.attachmentBytes(700 * 1024, 9)); // about 3.6 chunks of the smallest size

        Gmail.Users.Messages.Send send = client.users().messages().send("me", new Message().setThreadId(question.threadId()),
                new ByteArrayContent("message/rfc822", raw));
        send.getMediaHttpUploader().setChunkSize(MediaHttpUploader.MINIMUM_CHUNK_SIZE);
        Message sent = send.execute();

        assertThat(sent.getThreadId()).isEqualTo(question.threadId());
        assertThat(server.inbox("maria@customer.test")).singleElement().satisfies(r -> assertThat(r).isEqualTo(raw));
        assertThat(server.count(Endpoint.UPLOAD_SEND)).as("initiation and four chunks").isEqualTo(5);
        assertThat(server.quota().totalUnits(USER)).as("one messages.send").isEqualTo(100);
    }

    @Test
    void multipartUploadShouldSendTheMessageUnchanged() throws Exception {
        byte[] raw = MimeCorpus.numbered(7, 64 * 1024);

        Gmail.Users.Messages.Send send = client.users().messages().send("me", new Message(),
                new ByteArrayContent("message/rfc822", raw));
        send.getMediaHttpUploader().setDirectUploadEnabled(true);
        Message sent = send.execute();

        assertThat(sent.getLabelIds()).containsExactly("SENT");
        assertThat(server.sent(USER)).singleElement().satisfies(m -> assertThat(m.raw()).isEqualTo(raw));
        assertThat(server.requests()).singleElement().satisfies(r -> assertThat(r.query()).containsEntry("uploadType", "multipart"));
    }
}
