package dev.postline.server.api;

import static dev.postline.server.support.TenantFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import dev.postline.server.support.Eventually;
import dev.postline.server.support.Http;
import dev.postline.server.support.MailboxServer;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Data-source key/values and the report service name: set on a touchpoint through the API, checked
 * field by field, copied onto each conversation when customer mail (on a real IMAP server) starts
 * it, kept there when the touchpoint changes later, filterable by report service, and invisible to
 * another tenant.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TouchpointDataSourceTest implements PostlineTestProperties {

    static final MailboxServer MAIL = new MailboxServer();
    static final String BILLING = "billing@datasource.example.com";
    static final String SALES = "sales@datasource.example.com";
    static final String TOUCHPOINTS = "/api/v1/touchpoints";

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    Http http;
    TenantFixture t;
    TenantFixture other;
    GreenMailUser billingBox;
    GreenMailUser salesBox;

    @Override
    public Map<String, String> extraProperties() {
        return MAIL.syncProperties();
    }

    @BeforeAll
    void tenants() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "datasource");
        other = TenantFixture.create(http, "datasource-other");
        billingBox = MAIL.mailbox(BILLING, "billing-password");
        salesBox = MAIL.mailbox(SALES, "sales-password");
    }

    @AfterAll
    void stopMailServer() {
        MAIL.close();
    }

    @Test
    void aTouchpointIsCreatedWithOrderedPairsAndAReportServiceNameAndReturnsThemAsGiven() {
        var created = expect(http.post(TOUCHPOINTS, t.admin(), touchpoint("ordered@datasource.example.com", "Ordered",
                pairs("zeta", "last letter", "Alpha", "  first letter  ", "language", "de – Zürich 😀"), "  EMEA Billing  ")), 201);
        assertThat(created.map().get("dataSource")).as("order kept, values stripped").isEqualTo(pairs(
                "zeta", "last letter", "Alpha", "first letter", "language", "de – Zürich 😀"));
        assertThat(created.string("reportServiceName")).isEqualTo("EMEA Billing");

        var read = expect(http.get(TOUCHPOINTS + "/" + created.string("id"), t.admin()), 200);
        assertThat(read.map().get("dataSource")).isEqualTo(created.map().get("dataSource"));
        assertThat(read.string("reportServiceName")).isEqualTo("EMEA Billing");

        var plain = expect(http.post(TOUCHPOINTS, t.admin(), touchpoint("plain@datasource.example.com", "Plain", null, null)), 201);
        assertThat(plain.map().get("dataSource")).isEqualTo(List.of());
        assertThat(plain.map()).containsEntry("reportServiceName", null);
    }

    @Test
    void badPairsAndNamesAreRefusedFieldByFieldAndNothingIsSaved() {
        String before = http.get(TOUCHPOINTS, t.admin()).body();
        List<Map<String, String>> tooMany = new ArrayList<>();
        IntStream.range(0, 21).forEach(i -> tooMany.add(Map.of("key", "k" + i, "value", "v" + i)));

        assertThat(errors(http.post(TOUCHPOINTS, t.admin(), touchpoint("bad1@datasource.example.com", "Bad 1", tooMany, null))))
                .containsExactly("dataSource: at most 20 key/value pairs");
        assertThat(errors(http.post(TOUCHPOINTS, t.admin(), touchpoint("bad2@datasource.example.com", "Bad 2",
                pairs("brand", "acme", "BRAND", "other"), null))))
                .containsExactly("dataSource[1].key: \"BRAND\" is given twice (keys are unique regardless of case)");
        assertThat(errors(http.post(TOUCHPOINTS, t.admin(), touchpoint("bad3@datasource.example.com", "Bad 3",
                pairs("ok", "line\u2028separator", "c1", "next\u0085line", "nul", "a\u0000b", "tab", "a\tb"), null))))
                .containsExactly("dataSource[0].value: must not contain control characters",
                        "dataSource[1].value: must not contain control characters",
                        "dataSource[2].value: must not contain control characters",
                        "dataSource[3].value: must not contain control characters");
        assertThat(errors(http.post(TOUCHPOINTS, t.admin(), touchpoint("bad4@datasource.example.com", "Bad 4",
                pairs("1st", "x", "with space", "x", "k".repeat(65), "x", "empty", "  ", "long", "v".repeat(257)), null))))
                .containsExactly(
                        "dataSource[0].key: starts with a letter and uses letters, digits, '_', '.' or '-' (64 at most)",
                        "dataSource[1].key: starts with a letter and uses letters, digits, '_', '.' or '-' (64 at most)",
                        "dataSource[2].key: must be at most 64 characters",
                        "dataSource[3].value: is required",
                        "dataSource[4].value: must be at most 256 characters");
        assertThat(errors(http.post(TOUCHPOINTS, t.admin(), touchpoint("bad5@datasource.example.com", "Bad 5", null, "Report\u2029Name"))))
                .containsExactly("reportServiceName: must not contain control characters");
        assertThat(errors(http.post(TOUCHPOINTS, t.admin(), touchpoint("bad6@datasource.example.com", "Bad 6", null, "r".repeat(101)))))
                .containsExactly("reportServiceName: must be at most 100 characters");
        assertThat(http.post(TOUCHPOINTS, t.admin(), "{\"address\":\"bad7@datasource.example.com\",\"displayName\":\"Bad 7\","
                + "\"connector\":\"imap\",\"direction\":\"BOTH\",\"dataSource\":{\"brand\":\"acme\"}}").status())
                .as("an object instead of the list").isEqualTo(400);
        assertThat(http.post(TOUCHPOINTS, t.admin(), "{\"address\":\"bad8@datasource.example.com\",\"displayName\":\"Bad 8\","
                + "\"connector\":\"imap\",\"direction\":\"BOTH\",\"dataSource\":[{\"key\":\"brand\",\"value\":\"acme\",\"extra\":1}]}").status())
                .as("an undeclared field in a pair").isEqualTo(400);
        assertThat(http.get(TOUCHPOINTS, t.admin()).body()).as("nothing created").isEqualTo(before);

        String id = expect(http.post(TOUCHPOINTS, t.admin(), touchpoint("kept@datasource.example.com", "Kept",
                pairs("brand", "acme"), "Kept report")), 201).string("id");
        String stored = http.get(TOUCHPOINTS + "/" + id, t.admin()).body();
        assertThat(errors(http.patch(TOUCHPOINTS + "/" + id, t.admin(), Map.of("displayName", "Renamed",
                "dataSource", pairs("brand", "acme", "Brand", "again"), "reportServiceName", "fine"))))
                .containsExactly("dataSource[1].key: \"Brand\" is given twice (keys are unique regardless of case)");
        assertThat(http.get(TOUCHPOINTS + "/" + id, t.admin()).body()).as("nothing changed by a refused update").isEqualTo(stored);
    }

    @Test
    void anUpdateReplacesThePairsKeepsWhatItDoesNotMentionAndAnEmptyNameMeansTheDisplayName() {
        String id = expect(http.post(TOUCHPOINTS, t.admin(), touchpoint("update@datasource.example.com", "Update",
                pairs("brand", "acme", "crmQueue", "emea-billing"), "Update report")), 201).string("id");

        var renamed = expect(http.patch(TOUCHPOINTS + "/" + id, t.admin(), Map.of("displayName", "Update renamed")), 200);
        assertThat(renamed.map().get("dataSource")).as("untouched").isEqualTo(pairs("brand", "acme", "crmQueue", "emea-billing"));
        assertThat(renamed.string("reportServiceName")).isEqualTo("Update report");

        var replaced = expect(http.patch(TOUCHPOINTS + "/" + id, t.admin(), Map.of("dataSource", pairs("language", "fr"),
                "reportServiceName", "")), 200);
        assertThat(replaced.map().get("dataSource")).isEqualTo(pairs("language", "fr"));
        assertThat(replaced.map()).as("back to the display name").containsEntry("reportServiceName", null);

        var cleared = expect(http.patch(TOUCHPOINTS + "/" + id, t.admin(), Map.of("dataSource", List.of())), 200);
        assertThat(cleared.map().get("dataSource")).isEqualTo(List.of());
        assertThat(http.get(TOUCHPOINTS, t.agent()).status()).as("agents do not read touchpoints").isEqualTo(403);
    }

    @Test
    void conversationsKeepTheValuesTheirTouchpointHadWhenTheyWereCreatedAndCanBeFilteredByReportService() {
        String billing = connectedTouchpoint(BILLING, "Billing inbox", "billing-password",
                pairs("brand", "acme", "crmQueue", "emea-billing"), "EMEA Billing");
        String sales = connectedTouchpoint(SALES, "Sales inbox", "sales-password", pairs("brand", "acme-sales"), null);

        MAIL.deliver(billingBox, MailboxServer.customerMail("ann@customer.example", BILLING, "first@customer.example",
                "Invoice 17 is wrong", "Please check.", List.of()));
        Map<String, Object> first = conversationWithSubject("Invoice 17 is wrong");
        assertThat(first.get("dataSource")).isEqualTo(pairs("brand", "acme", "crmQueue", "emea-billing"));
        assertThat(first).containsEntry("reportServiceName", "EMEA Billing");
        String firstId = first.get("id").toString();
        Map<String, Object> detail = expect(http.get("/api/v1/conversations/" + firstId, t.agent()), 200).map();
        assertThat(conversationOf(detail)).as("the agent's detail view")
                .containsEntry("dataSource", first.get("dataSource")).containsEntry("reportServiceName", "EMEA Billing");

        MAIL.deliver(salesBox, MailboxServer.customerMail("bob@customer.example", SALES, "sales-1@customer.example",
                "A quote please", "For 10 seats.", List.of()));
        assertThat(conversationWithSubject("A quote please")).as("no report service name set: the display name")
                .containsEntry("reportServiceName", "Sales inbox");

        expect(http.patch(TOUCHPOINTS + "/" + billing, t.admin(), Map.of("dataSource", pairs("brand", "acme", "language", "de"),
                "reportServiceName", "DACH Billing")), 200);
        // A follow-up threads into the old conversation, which keeps its values; a new thread gets the new ones.
        MAIL.deliver(billingBox, MailboxServer.customerMail("ann@customer.example", BILLING, "second@customer.example",
                "Re: Invoice 17 is wrong", "Any news?", List.of("In-Reply-To: <first@customer.example>")));
        MAIL.deliver(billingBox, MailboxServer.customerMail("cem@customer.example", BILLING, "third@customer.example",
                "Invoice 18 is missing", "Where is it?", List.of()));
        Map<String, Object> later = conversationWithSubject("Invoice 18 is missing");
        assertThat(later.get("dataSource")).isEqualTo(pairs("brand", "acme", "language", "de"));
        assertThat(later).containsEntry("reportServiceName", "DACH Billing");
        Map<String, Object> firstAgain = Eventually.await("the follow-up in the first conversation", Duration.ofSeconds(20), () -> {
            var d = http.get("/api/v1/conversations/" + firstId, t.admin()).map();
            return ((List<?>) d.get("messages")).size() == 2 ? d : null;
        });
        assertThat(conversationOf(firstAgain)).as("the old conversation is unchanged")
                .containsEntry("dataSource", pairs("brand", "acme", "crmQueue", "emea-billing"))
                .containsEntry("reportServiceName", "EMEA Billing");

        assertThat(subjects("?reportService=" + encode("EMEA Billing"), t.admin())).containsExactly("Invoice 17 is wrong");
        assertThat(subjects("?reportService=" + encode("dach billing"), t.admin())).as("case-insensitive")
                .containsExactly("Invoice 18 is missing");
        assertThat(subjects("?reportService=" + encode("Sales inbox") + "&touchpointId=" + sales, t.agent()))
                .as("combined with other filters, for an agent of the queue").containsExactly("A quote please");
        assertThat(subjects("?reportService=" + encode("EMEA"), t.admin())).as("no partial match").isEmpty();
        assertThat(errors(http.get("/api/v1/conversations?reportService=", t.admin())))
                .containsExactly("reportService: must not be empty (leave it out to list every report service)");
        assertThat(errors(http.get("/api/v1/conversations?reportService=" + encode("x\u2028y"), t.admin())))
                .containsExactly("reportService: must not contain control characters");

        // Keyset pagination still works under the filter: two conversations, one per page.
        MAIL.deliver(billingBox, MailboxServer.customerMail("dan@customer.example", BILLING, "fourth@customer.example",
                "Invoice 19 is double", "Twice charged.", List.of()));
        conversationWithSubject("Invoice 19 is double");
        var page1 = expect(http.get("/api/v1/conversations?limit=1&reportService=" + encode("DACH Billing"), t.admin()), 200);
        List<String> paged = new ArrayList<>(subjectsOf(page1));
        var page2 = expect(http.get("/api/v1/conversations?limit=1&reportService=" + encode("DACH Billing") + "&cursor="
                + page1.string("nextCursor"), t.admin()), 200);
        paged.addAll(subjectsOf(page2));
        var page3 = expect(http.get("/api/v1/conversations?limit=1&reportService=" + encode("DACH Billing") + "&cursor="
                + page2.string("nextCursor"), t.admin()), 200);
        assertThat(paged).containsExactly("Invoice 19 is double", "Invoice 18 is missing");
        assertThat(subjectsOf(page3)).isEmpty();

        // Another tenant sees none of it: not by the filter, not by id.
        assertThat(subjects("?reportService=" + encode("EMEA Billing"), other.admin())).isEmpty();
        assertThat(http.get("/api/v1/conversations?reportService=" + encode("EMEA Billing"), other.apiKey()).body())
                .doesNotContain("Invoice").doesNotContain("crmQueue");
        assertThat(http.get("/api/v1/conversations/" + firstId, other.admin()).status()).isEqualTo(404);
        assertThat(http.get(TOUCHPOINTS + "/" + billing, other.admin()).status()).isEqualTo(404);
        assertThat(http.patch(TOUCHPOINTS + "/" + billing, other.admin(), Map.of("dataSource", pairs("brand", "hijacked"))).status())
                .isEqualTo(404);
        assertThat(http.get(TOUCHPOINTS + "/" + billing, t.admin()).map().get("dataSource")).isEqualTo(pairs("brand", "acme", "language", "de"));
    }

    private String connectedTouchpoint(String address, String name, String password, List<Map<String, String>> dataSource,
                                       String reportServiceName) {
        Map<String, Object> body = touchpoint(address, name, dataSource, reportServiceName);
        body.put("settings", MAIL.touchpointSettings(address));
        body.put("ringGroupIds", List.of(t.ringGroupId()));
        body.put("enabled", true);
        String id = expect(http.post(TOUCHPOINTS, t.admin(), body), 201).string("id");
        expect(http.put(TOUCHPOINTS + "/" + id + "/credential", t.admin(), Map.of("password", password)), 204);
        Eventually.await(name + " to connect", Duration.ofSeconds(30),
                () -> "CONNECTED".equals(http.get(TOUCHPOINTS + "/" + id, t.admin()).string("connectionState")));
        return id;
    }

    private Map<String, Object> conversationWithSubject(String subject) {
        return Eventually.await("the conversation \"" + subject + "\"", Duration.ofSeconds(30), () -> items(
                http.get("/api/v1/conversations", t.admin())).stream().filter(c -> subject.equals(c.get("subject"))).findFirst().orElse(null));
    }

    private List<String> subjects(String query, Http.Auth who) {
        return subjectsOf(expect(http.get("/api/v1/conversations" + query, who), 200));
    }

    private static List<String> subjectsOf(Http.Response page) {
        return items(page).stream().map(c -> c.get("subject").toString()).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Http.Response page) {
        return (List<Map<String, Object>>) page.map().get("items");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> conversationOf(Map<String, Object> detail) {
        return (Map<String, Object>) detail.get("conversation");
    }

    private static Map<String, Object> touchpoint(String address, String name, List<Map<String, String>> dataSource,
                                                  String reportServiceName) {
        Map<String, Object> body = new HashMap<>(Map.of("address", address, "displayName", name, "connector", "imap",
                "direction", "BOTH", "enabled", false, "settings", TenantFixture.imapSettings("datasource")));
        if (dataSource != null) {
            body.put("dataSource", dataSource);
        }
        if (reportServiceName != null) {
            body.put("reportServiceName", reportServiceName);
        }
        return body;
    }

    /** key, value, key, value… as the API's ordered list of pairs. */
    private static List<Map<String, String>> pairs(String... keysAndValues) {
        List<Map<String, String>> list = new ArrayList<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            list.add(Map.of("key", keysAndValues[i], "value", keysAndValues[i + 1]));
        }
        return list;
    }

    /** The problem's field errors as "field: message", in order. */
    @SuppressWarnings("unchecked")
    private static List<String> errors(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        return ((List<Map<String, Object>>) response.map().get("errors")).stream()
                .map(e -> e.get("field") + ": " + e.get("message")).toList();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
