package dev.postline.server.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.events.ConversationEvent;
import dev.postline.core.events.InProcessEventBus;
import dev.postline.core.tenant.TenantId;
import dev.postline.server.support.Eventually;
import dev.postline.server.support.Http;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An event stream whose client stops reading must not hold events in memory without bound: once
 * its pending events pass the limit the server ends that stream (the client reconnects and
 * re-reads its queue from the API), and its subscription is gone.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventStreamBackpressureTest implements PostlineTestProperties {

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject InProcessEventBus bus;

    @Test
    void aClientThatNeverReadsIsDroppedInsteadOfBufferedForever() throws Exception {
        Http http = new Http(server.getURI(), json);
        TenantFixture t = TenantFixture.create(http, "sse-slow");
        String token = http.login("sse-slow", "admin@sse-slow.example.com", TenantFixture.PASSWORD);
        int before = bus.subscribers();
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", server.getPort()), 5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + token
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Eventually.await("the stream to subscribe", Duration.ofSeconds(10), () -> bus.subscribers() == before + 1);

            // Never read. Bounded: at most 300,000 events (~60 MB of SSE text), stop as soon as the stream is dropped.
            TenantId tenant = TenantId.parse(t.tenantId());
            int published = 0;
            while (bus.subscribers() > before && published < 300_000) {
                bus.publish(new ConversationEvent(ConversationEvent.Type.MESSAGE_ADDED, tenant, UUID.randomUUID(), UUID.randomUUID(),
                        Set.of(UUID.fromString(t.ringGroupId())), null, Instant.now()));
                published++;
            }
            int sent = published;
            Eventually.await("the unread stream to be dropped (" + sent + " events published)", Duration.ofSeconds(20),
                    () -> bus.subscribers() == before);
            System.out.println("EventStreamBackpressureTest: stream dropped after " + sent + " unread events");
            assertThat(published).as("dropped long before the bound of the loop").isLessThan(300_000);
        }
    }
}
