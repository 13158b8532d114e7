package dev.postline.server.inbound;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.server.support.Eventually;
import dev.postline.server.support.Http;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Starting many touchpoints at once logs in only a bounded number at a time. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyncConcurrencyTest implements PostlineTestProperties {

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("postline.sync.enabled", "true", "postline.sync.max-concurrent-connects", "2",
                "postline.sync.rescan-interval", "100ms");
    }

    @Test
    void atMostTheConfiguredNumberOfTouchpointsLogInAtOnce() throws Exception {
        Http http = new Http(server.getURI(), json);
        TenantFixture t = TenantFixture.create(http, "many");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", "box" + i + "@many.example.com",
                    "displayName", "Box " + i, "connector", "forwarding", "direction", "INBOUND")), 201).string("id"));
            expect(http.put("/api/v1/touchpoints/" + ids.getLast() + "/credential", t.admin(), Map.of("password", "box-password")), 204);
        }
        Eventually.await("two logins waiting at the gate", Duration.ofSeconds(10), () -> GatedConnectorFactory.IN_FLIGHT.get() == 2);
        Thread.sleep(500); // time for any loop that ignores the bound to pile in
        assertThat(GatedConnectorFactory.MAX_IN_FLIGHT.get()).isEqualTo(2);

        GatedConnectorFactory.gate.countDown();
        for (String id : ids) {
            Eventually.await("box " + id + " to connect", Duration.ofSeconds(10),
                    () -> "CONNECTED".equals(http.get("/api/v1/touchpoints/" + id, t.admin()).string("connectionState")));
        }
        assertThat(GatedConnectorFactory.MAX_IN_FLIGHT.get()).isEqualTo(2);
    }
}
