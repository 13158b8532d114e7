package dev.postline.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.server.support.Http;
import dev.postline.server.support.Http.Auth;
import dev.postline.server.support.PostlineTestProperties;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** With {@code postline.metrics.token} set, only a scraper presenting it reads {@code /metrics}; health stays open. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsTokenTest implements PostlineTestProperties {

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("postline.metrics.token", "scrape-token-4Qx7");
    }

    @Test
    void metricsNeedTheScrapeTokenWhenOneIsConfigured() {
        Http http = new Http(server.getURI(), json);
        assertThat(http.get("/metrics", Auth.NONE).status()).isEqualTo(401);
        assertThat(http.get("/metrics", Auth.bearer("wrong-token")).status()).isEqualTo(401);
        var metrics = http.get("/metrics", Auth.bearer("scrape-token-4Qx7"));
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("# TYPE jvm_memory_used_bytes gauge");
        assertThat(http.get("/health", Auth.NONE).status()).isEqualTo(200);
    }
}
