package dev.postline.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.server.support.Http;
import dev.postline.server.support.Http.Auth;
import dev.postline.server.support.MutableClock;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Password guessing is slowed down per sign-in name: after the configured number of wrong
 * passwords the name is locked — the right password included — with a 429 and Retry-After, on the
 * API and on the admin sign-in page alike; names that do not exist are counted the same way; other
 * names are not affected; the lock runs out.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginThrottleTest implements PostlineTestProperties {

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject MutableClock clock;

    Http http;
    TenantFixture t;

    @Override
    public Map<String, String> extraProperties() {
        Map<String, String> props = new HashMap<>();
        props.put("test.mutable-clock", "true");
        props.put("postline.security.login.max-failures", "5");
        props.put("postline.security.login.window", "10m");
        props.put("postline.security.login.lockout", "15m");
        return props;
    }

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "throttle");
    }

    @Test
    void fiveWrongPasswordsLockTheNameEvenForTheRightPasswordUntilTheLockoutEnds() {
        String admin = "admin@throttle.example.com";
        for (int i = 0; i < 5; i++) {
            assertThat(login(admin, "wrong-" + i).status()).isEqualTo(401);
        }
        var locked = login(admin, TenantFixture.PASSWORD);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.contentType()).startsWith("application/problem+json");
        assertThat(locked.string("detail")).contains("too many failed sign-ins").contains("15 minute");
        assertThat(Long.parseLong(locked.headers().get("retry-after").getFirst())).isBetween(800L, 900L);

        // Another account of the tenant, and the same email in upper case (one name), are treated as they should be.
        assertThat(login("agent@throttle.example.com", TenantFixture.PASSWORD).status()).isEqualTo(200);
        assertThat(login("ADMIN@Throttle.example.com", TenantFixture.PASSWORD).status()).isEqualTo(429);
        // A token issued before the lock still works: the lock is about signing in, not about sessions.
        assertThat(http.get("/api/v1/users", t.admin()).status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(16));
        assertThat(login(admin, TenantFixture.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aNameThatDoesNotExistIsLockedTheSameWaySoTheAnswerRevealsNothing() {
        for (int i = 0; i < 5; i++) {
            assertThat(login("ghost@throttle.example.com", "guess-" + i).status()).isEqualTo(401);
        }
        assertThat(login("ghost@throttle.example.com", "guess-5").status()).isEqualTo(429);
    }

    @Test
    void aSuccessfulSignInClearsTheCountAndFailuresSpreadBeyondTheWindowDoNotAddUp() {
        String agent = "agent@throttle.example.com";
        for (int i = 0; i < 4; i++) {
            assertThat(login(agent, "wrong").status()).isEqualTo(401);
        }
        assertThat(login(agent, TenantFixture.PASSWORD).status()).isEqualTo(200);
        for (int i = 0; i < 4; i++) {
            assertThat(login(agent, "wrong").status()).isEqualTo(401);
        }
        clock.advance(Duration.ofMinutes(11));
        assertThat(login(agent, "wrong").status()).isEqualTo(401);
        assertThat(login(agent, TenantFixture.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void theAdminSignInPageSaysWhenToTryAgain() {
        String supervisor = "sup@throttle.example.com";
        TenantFixture.expect(http.post("/api/v1/users", t.admin(), Map.of("email", supervisor, "displayName", "Sup",
                "role", "SUPERVISOR", "password", "a-good-password")), 201);
        FormClient browser = new FormClient(server.getURI());
        HttpResponse<String> page = null;
        for (int i = 0; i < 6; i++) {
            String token = FormClient.token(browser.get("/admin/sign-in"));
            page = browser.post("/admin/sign-in", Map.of("_csrf", token, "tenant", "throttle", "email", supervisor,
                    "password", i < 5 ? "wrong" : "a-good-password"));
            assertThat(page.statusCode()).isEqualTo(i < 5 ? 401 : 429);
        }
        assertThat(page.body()).contains("Too many failed sign-ins for this account: try again in 15 minute(s).");
        assertThat(page.headers().firstValue("Retry-After")).isPresent();
        assertThat(page.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("postline_session=") && !c.startsWith("postline_session=;"));
    }

    private Http.Response login(String email, String password) {
        return http.post("/api/v1/auth/login", Auth.NONE, Map.of("tenant", "throttle", "email", email, "password", password));
    }

}
