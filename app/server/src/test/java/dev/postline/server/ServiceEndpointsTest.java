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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Health with database status, Prometheus metrics, and one OpenAPI document for every module. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceEndpointsTest implements PostlineTestProperties {

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    Http http;

    @BeforeAll
    void client() {
        http = new Http(server.getURI(), json);
    }

    @Test
    void healthReportsUpWithTheDatabase() {
        var health = http.get("/health", Auth.NONE);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.string("status")).isEqualTo("UP");
        assertThat(((Map<?, ?>) health.map().get("details")).get("jdbc").toString()).contains("status=UP");
    }

    @Test
    void metricsAreServedInPrometheusFormat() {
        http.get("/health", Auth.NONE);
        var metrics = http.get("/metrics", Auth.NONE);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain");
        assertThat(metrics.body()).contains("# TYPE jvm_memory_used_bytes gauge").contains("http_server_requests_seconds");
    }

    @Test
    void theOpenApiDocumentCoversCoreAndAdminApis() {
        var doc = http.get("/openapi.yml", Auth.NONE);
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.body()).startsWith("openapi: 3")
                .contains("/api/v1/auth/login:").contains("/api/v1/operator/tenants:")
                .contains("/api/v1/users:").contains("/api/v1/touchpoints/{touchpointId}/credential:")
                .contains("bearerFormat: JWT").contains("X-Api-Key")
                .doesNotContain("name: caller");
    }

    @Test
    void theBareAddressLeadsToTheSignIn() {
        var root = http.get("/", Auth.NONE);
        assertThat(root.status()).isEqualTo(303);
        assertThat(root.headers().entrySet()).filteredOn(e -> e.getKey().equalsIgnoreCase("location"))
                .singleElement().satisfies(e -> assertThat(e.getValue()).containsExactly("/admin"));
        var admin = http.get("/admin/touchpoints", Auth.NONE);
        assertThat(admin.status()).as("the pages send a stranger to sign in").isIn(302, 303);
    }

    @Test
    void unknownRoutesAreProblems() {
        var missing = http.get("/api/v1/nothing-here", Auth.NONE);
        assertThat(missing.status()).isIn(401, 404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
    }
}
