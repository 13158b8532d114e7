package dev.postline.server.lifecycle;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.lifecycle.AuthorizationWatch;
import dev.postline.server.support.Eventually;
import dev.postline.server.support.Http;
import dev.postline.server.support.MutableClock;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The authorization watch with a clock the test moves (days pass in an instant): a password
 * without an expiry date never causes a notice; one with {@code passwordExpiresOn} is EXPIRING
 * with one notice from 14 days before and EXPIRED from that day. The watch runs every 100 ms here,
 * so "one notice" is checked across many runs. The OAuth rules (Microsoft's 14-day check, 90 days
 * sliding, Google's testing mode) are tested with real grants in {@code token.AuthorizationNoticeClockTest}.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationWatchClockTest implements PostlineTestProperties {

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject MutableClock clock;
    @Inject AuthorizationWatch watch;
    @Inject java.time.Clock applicationClock;

    Http http;
    TenantFixture t;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("test.mutable-clock", "true",
                "postline.lifecycle.watch-interval", "100ms", "postline.lifecycle.watch-initial-delay", "100ms");
    }

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "clock");
        assertThat(applicationClock).as("the application runs on the test's clock").isSameAs(clock);
    }

    @Test
    void aPasswordTouchpointWithoutAnExpiryDateNeverGetsANotice() {
        String id = touchpoint("plain@clock.example.com", "imap", Map.of());
        for (int fortnight = 0; fortnight < 30; fortnight++) {
            clock.advance(Duration.ofDays(14));
            awaitWatchRuns(1);
        }
        assertThat(notices(id)).isEmpty();
        assertThat(state(id)).isEqualTo("PENDING");
        assertThat(lifecycle(id).get("predictedAuthorizationEnd")).isNull();
    }

    @Test
    void aPasswordExpiryDateMakesTheTouchpointExpiringWithOneNoticeAndExpiredOnTheDay() {
        LocalDate expiresOn = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(30);
        String id = touchpoint("dated@clock.example.com", "imap", Map.of("passwordExpiresOn", expiresOn.toString()));
        assertThat(lifecycle(id).get("predictedAuthorizationEnd").toString()).startsWith(expiresOn.toString());

        clock.advance(Duration.ofDays(14)); // 16 days before the date: nothing yet
        awaitWatchRuns(2);
        assertThat(state(id)).isEqualTo("PENDING");
        assertThat(notices(id)).isEmpty();

        clock.advance(Duration.ofDays(3)); // 13 days before
        Eventually.await("EXPIRING", Duration.ofSeconds(20), () -> "EXPIRING".equals(state(id)));
        awaitWatchRuns(3);
        assertThat(notices(id)).extracting(n -> n.get("kind")).containsExactly("REAUTH_NEEDED");
        assertThat(notices(id).getFirst().get("detail").toString()).contains(expiresOn.toString());

        clock.advance(Duration.ofDays(13).plusHours(1)); // the day has come
        Eventually.await("EXPIRED", Duration.ofSeconds(20), () -> "EXPIRED".equals(state(id)));
        awaitWatchRuns(3);
        assertThat(notices(id)).extracting(n -> n.get("kind")).containsExactly("CONNECTION_LOST", "REAUTH_NEEDED");
        List<Map<String, Object>> history = expect(http.get("/api/v1/touchpoints/" + id + "/history", t.admin()), 200).list();
        assertThat(history).extracting(h -> h.get("from") + ">" + h.get("to") + " " + h.get("cause"))
                .containsExactly("EXPIRING>EXPIRED SYSTEM", "PENDING>EXPIRING SYSTEM");
    }

    @Test
    void anInvalidPasswordExpiryDateIsRefusedWhenSaved() {
        Map<String, String> settings = new HashMap<>(TenantFixture.imapSettings("clock"));
        settings.put("passwordExpiresOn", "next tuesday");
        var refused = http.post("/api/v1/touchpoints", t.admin(), Map.of("address", "bad@clock.example.com", "displayName",
                "Bad date", "connector", "imap", "direction", "INBOUND", "settings", settings));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("settings.passwordExpiresOn");
    }

    private String touchpoint(String address, String connector, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(TenantFixture.imapSettings("clock"));
        settings.putAll(extra);
        String id = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", address, "displayName", "Box " + address,
                "connector", connector, "direction", "INBOUND", "settings", settings)), 201).string("id");
        if (connector.equals("imap")) {
            expect(http.put("/api/v1/touchpoints/" + id + "/credential", t.admin(), Map.of("password", "pw-" + address)), 204);
        }
        return id;
    }

    private void awaitWatchRuns(int more) {
        long target = watch.runs() + more;
        Eventually.await(more + " more watch runs", Duration.ofSeconds(20), () -> watch.runs() >= target);
    }

    private List<Map<String, Object>> notices(String touchpointId) {
        return expect(http.get("/api/v1/notifications", t.admin()), 200).list().stream()
                .filter(n -> touchpointId.equals(n.get("touchpointId"))).toList();
    }

    private String state(String id) {
        return http.get("/api/v1/touchpoints/" + id, t.admin()).string("connectionState");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> lifecycle(String id) {
        return (Map<String, Object>) http.get("/api/v1/touchpoints/" + id, t.admin()).map().get("lifecycle");
    }
}
