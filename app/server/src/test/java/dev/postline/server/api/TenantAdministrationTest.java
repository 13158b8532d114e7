package dev.postline.server.api;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.server.support.Http;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What an admin does to set a tenant up: touchpoints, their queues, ring groups and members. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantAdministrationTest implements PostlineTestProperties {

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    Http http;
    TenantFixture t;

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "admin-flows");
    }

    @Test
    void aNewTouchpointIsPendingWithItsQueuesAndNoCredentialShown() {
        var created = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", "Sales@Admin-Flows.example.com",
                "displayName", "Sales", "connector", "imap", "direction", "INBOUND", "ringGroupIds", List.of(t.ringGroupId()),
                "settings", TenantFixture.imapSettings("admin-flows"))), 201).map();
        assertThat(created).containsEntry("address", "Sales@admin-flows.example.com").containsEntry("connectionState", "PENDING")
                .containsEntry("enabled", true).containsEntry("connector", "imap");
        assertThat(created.get("ringGroupIds")).isEqualTo(List.of(t.ringGroupId()));
        Map<String, String> settings = new java.util.HashMap<>(TenantFixture.imapSettings("admin-flows"));
        settings.put("username", "Sales@admin-flows.example.com"); // left out: the user name is the address
        assertThat(created.get("settings")).isEqualTo(settings);
        assertThat(created.get("credential").toString()).contains("passwordSet=false");
    }

    @Test
    void connectorSettingsAreValidatedFieldByFieldWhenSaved() {
        var response = http.post("/api/v1/touchpoints", t.admin(), Map.of("address", "bad@admin-flows.example.com",
                "displayName", "Bad settings", "connector", "imap", "direction", "BOTH",
                "settings", Map.of("preset", "custom", "imapPort", "99999", "headerFilter", "x-a=,",
                        "waitForAssignedAgentSeconds", "0")));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.map().get("errors").toString()).contains("settings.imapHost").contains("settings.imapPort")
                .contains("settings.headerFilter").contains("settings.waitForAssignedAgentSeconds");
        var unknownPreset = http.post("/api/v1/touchpoints", t.admin(), Map.of("address", "bad@admin-flows.example.com",
                "displayName", "Bad preset", "connector", "imap", "direction", "BOTH", "settings", Map.of("preset", "hotmail-1999")));
        assertThat(unknownPreset.map().get("errors").toString()).contains("settings.preset");
    }

    @Test
    void graphTouchpointsAreValidatedByTheGraphConnectorFoundOnTheClasspath() {
        var bad = http.post("/api/v1/touchpoints", t.admin(), Map.of("address", "m365@admin-flows.example.com",
                "displayName", "Microsoft 365", "connector", "graph", "direction", "BOTH",
                "settings", Map.of("pollIntervalSeconds", "0")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.map().get("errors").toString()).contains("settings.pollIntervalSeconds").doesNotContain("settings.mailbox");

        var created = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", "m365@admin-flows.example.com",
                "displayName", "Microsoft 365", "connector", "graph", "direction", "BOTH",
                "settings", Map.of("mailbox", "m365@admin-flows.example.com"))), 201).map();
        assertThat(created).containsEntry("connector", "graph").containsEntry("connectionState", "PENDING");
    }

    @Test
    void gmailAndGraphTouchpointsTakeTheirMailboxFromTheTouchpointAddress_andRefuseAnotherOne() {
        var gmail = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", "Help@Gmail-Box.example.com",
                "displayName", "Gmail box", "connector", "gmail", "direction", "BOTH")), 201);
        assertThat(gmail.map().get("settings").toString()).containsIgnoringCase("emailAddress=help@gmail-box.example.com");
        var graph = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", "desk@m365-box.example.com",
                "displayName", "Graph box", "connector", "graph", "direction", "BOTH")), 201);
        assertThat(graph.map().get("settings").toString()).contains("mailbox=desk@m365-box.example.com");

        var other = http.post("/api/v1/touchpoints", t.admin(), Map.of("address", "one@gmail-box.example.com",
                "displayName", "Gmail mismatch", "connector", "gmail", "direction", "BOTH",
                "settings", Map.of("emailAddress", "two@gmail-box.example.com")));
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.map().get("errors").toString()).contains("settings.emailAddress");

        // Settings replaced without the mailbox keep it; replaced with another mailbox are refused and change nothing.
        var updated = expect(http.patch("/api/v1/touchpoints/" + graph.string("id"), t.admin(),
                Map.of("settings", Map.of("pollIntervalSeconds", "30"))), 200);
        assertThat(updated.map().get("settings").toString()).contains("mailbox=desk@m365-box.example.com").contains("pollIntervalSeconds=30");
        var moved = http.patch("/api/v1/touchpoints/" + graph.string("id"), t.admin(),
                Map.of("settings", Map.of("mailbox", "someone-else@m365-box.example.com")));
        assertThat(moved.status()).isEqualTo(400);
        assertThat(moved.map().get("errors").toString()).contains("settings.mailbox");
        assertThat(http.get("/api/v1/touchpoints/" + graph.string("id"), t.admin()).map().get("settings").toString())
                .contains("mailbox=desk@m365-box.example.com");
    }

    @Test
    void disablingATouchpointMarksItDisabledAndEnablingMakesItPendingAgain() {
        String id = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", "tmp@admin-flows.example.com",
                "displayName", "Temporary", "connector", "imap", "direction", "BOTH",
                "settings", TenantFixture.imapSettings("admin-flows"))), 201).string("id");
        var disabled = expect(http.patch("/api/v1/touchpoints/" + id, t.admin(), Map.of("enabled", false)), 200).map();
        assertThat(disabled).containsEntry("connectionState", "DISABLED").containsEntry("enabled", false);
        var enabled = expect(http.patch("/api/v1/touchpoints/" + id, t.admin(), Map.of("enabled", true)), 200).map();
        assertThat(enabled).containsEntry("connectionState", "PENDING");
        expect(http.delete("/api/v1/touchpoints/" + id, t.admin()), 204);
        assertThat(http.get("/api/v1/touchpoints/" + id, t.admin()).status()).isEqualTo(404);
    }

    @Test
    void aRingGroupLinkedToATouchpointCannotBeDeletedUntilUnlinked() {
        String group = expect(http.post("/api/v1/ring-groups", t.admin(), Map.of("name", "Escalations")), 201).string("id");
        String touchpoint = expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", "esc@admin-flows.example.com",
                "displayName", "Escalations inbox", "connector", "imap", "direction", "BOTH", "ringGroupIds", List.of(group),
                "settings", TenantFixture.imapSettings("admin-flows"))), 201).string("id");
        var refused = http.delete("/api/v1/ring-groups/" + group, t.admin());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.string("detail")).contains("unlink");
        expect(http.patch("/api/v1/touchpoints/" + touchpoint, t.admin(), Map.of("ringGroupIds", List.of())), 200);
        expect(http.delete("/api/v1/ring-groups/" + group, t.admin()), 204);
    }

    @Test
    void membersCanBeAddedOnceAndRemoved() {
        String group = expect(http.post("/api/v1/ring-groups", t.admin(), Map.of("name", "Night shift")), 201).string("id");
        expect(http.put("/api/v1/ring-groups/" + group + "/members/" + t.agentId(), t.admin(), null), 204);
        expect(http.put("/api/v1/ring-groups/" + group + "/members/" + t.agentId(), t.admin(), null), 204);
        assertThat(http.get("/api/v1/ring-groups/" + group + "/members", t.admin()).map().get("userIds")).isEqualTo(List.of(t.agentId()));
        assertThat(http.get("/api/v1/users/" + t.agentId(), t.admin()).map().get("ringGroupIds").toString()).contains(group);
        expect(http.delete("/api/v1/ring-groups/" + group + "/members/" + t.agentId(), t.admin()), 204);
        assertThat(http.delete("/api/v1/ring-groups/" + group + "/members/" + t.agentId(), t.admin()).status()).isEqualTo(404);
    }

    @Test
    void renamingKeepsNamesUniqueRegardlessOfCase() {
        String group = expect(http.post("/api/v1/ring-groups", t.admin(), Map.of("name", "Returns")), 201).string("id");
        assertThat(http.patch("/api/v1/ring-groups/" + group, t.admin(), Map.of("name", "QUEUE " + t.marker())).status()).isEqualTo(409);
        assertThat(expect(http.patch("/api/v1/ring-groups/" + group, t.admin(), Map.of("name", "RETURNS")), 200).string("name")).isEqualTo("RETURNS");
    }
}
