package dev.postline.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.server.support.Http;
import dev.postline.server.support.PostlineTestProperties;
import dev.postline.server.support.TenantFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The key/value editor and the report service name field on the admin pages, without a browser
 * and so without JavaScript: the wizard's settings step (rows, "More rows", field errors, summary,
 * create), the edit page (change, remove by emptying, errors with nothing saved, CSRF), the detail
 * page (values as text) and "Duplicate" (carries them along). AdminBrowserTest fills them in Chromium.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminDataSourcePagesHttpTest implements PostlineTestProperties {

    static final String VALUE_ATTACK = "\"><img src=x onerror=alert('value')><script>alert('v')</script>";
    static final Pattern ROW_INPUT = Pattern.compile("name=\"ds\\.(\\d+)\\.key\"");

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;

    Http http;
    TenantFixture t;

    @BeforeAll
    void tenant() {
        http = new Http(server.getURI(), json);
        t = TenantFixture.create(http, "dspages");
    }

    @Test
    void theWizardCollectsPairsWithoutJavaScriptChecksThemAndCreatesTheTouchpointWithThem() {
        FormClient browser = signedIn();
        String token = FormClient.token(browser.get("/admin/touchpoints"));
        Map<String, String> form = wizardFields(token, "settings", "next");
        form.put("displayName", "Wizard DS");

        Map<String, String> connection = wizardFields(token, "connection", "next");
        connection.put("s.password", "wizard-password-1");
        var settings = browser.post("/admin/touchpoints/new", connection);
        assertThat(settings.statusCode()).as(settings.body()).isEqualTo(200);
        assertThat(rowIndexes(settings)).as("three empty rows to start with").containsExactly(0, 1, 2);
        assertThat(settings.body()).contains("More rows").contains("id=\"reportServiceName\"");

        form.put("ds.0.key", "brand");
        form.put("ds.0.value", "acme");
        form.put("ds.1.key", "");
        form.put("ds.1.value", "");
        form.put("ds.2.key", "crmQueue");
        form.put("ds.2.value", "emea-billing");
        var more = browser.post("/admin/touchpoints/new", withGo(form, "more-rows"));
        assertThat(more.statusCode()).isEqualTo(200);
        assertThat(more.body()).as("still the settings step").contains("Next: summary");
        assertThat(rowIndexes(more)).as("2 pairs, the empty row and 3 more").containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(inputValue(more, "ds.0.key")).isEqualTo("brand");
        assertThat(inputValue(more, "ds.1.key")).as("filled rows first, in order").isEqualTo("crmQueue");
        assertThat(inputValue(more, "ds.1.value")).isEqualTo("emea-billing");
        assertThat(inputValue(more, "ds.2.key")).isEmpty();

        form.put("ds.4.key", "CRMQUEUE");
        form.put("ds.4.value", "again");
        form.put("reportServiceName", "Bad\u0085name");
        var refused = browser.post("/admin/touchpoints/new", withGo(form, "next"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"ds-2-key-error\"")
                .contains("&quot;CRMQUEUE&quot; is given twice (keys are unique regardless of case)")
                .contains("id=\"reportServiceName-error\"").contains("must not contain control characters");

        form.remove("ds.4.key");
        form.remove("ds.4.value");
        form.put("reportServiceName", "EMEA Billing");
        var summary = browser.post("/admin/touchpoints/new", withGo(form, "next"));
        assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
        assertThat(summary.body()).contains("Data source: brand").contains("<td>acme</td>")
                .contains("Data source: crmQueue").contains("<td>emea-billing</td>").contains("<td>EMEA Billing</td>")
                .contains("name=\"ds.1.value\" value=\"emea-billing\"");

        Map<String, String> create = formFields(summary);
        create.put("go", "create");
        create.put("s.password", "wizard-password-1");
        var created = browser.post("/admin/touchpoints/new", create);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        var touchpoint = http.get("/api/v1/touchpoints", t.admin()).list().stream()
                .filter(tp -> "Wizard DS".equals(tp.get("displayName"))).findFirst().orElseThrow();
        assertThat(touchpoint.get("dataSource")).isEqualTo(List.of(Map.of("key", "brand", "value", "acme"),
                Map.of("key", "crmQueue", "value", "emea-billing")));
        assertThat(touchpoint).containsEntry("reportServiceName", "EMEA Billing");
    }

    @Test
    void theEditPageChangesRemovesAndRefusesPairsAndTheDetailPageShowsThemAsText() {
        String id = TenantFixture.expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", "edit@dspages.example.com",
                "displayName", "Edit DS", "connector", "imap", "direction", "BOTH", "enabled", false,
                "settings", TenantFixture.imapSettings("dspages"), "dataSource", List.of(Map.of("key", "brand", "value", "acme"),
                        Map.of("key", "language", "value", "de")))), 201).string("id");
        FormClient browser = signedIn();
        var edit = browser.get("/admin/touchpoints/" + id + "/edit");
        assertThat(rowIndexes(edit)).as("2 pairs and 3 empty rows").containsExactly(0, 1, 2, 3, 4);
        assertThat(inputValue(edit, "ds.1.value")).isEqualTo("de");
        assertThat(inputValue(edit, "reportServiceName")).isEmpty();
        assertThat(edit.body()).contains("Empty: the display name.");

        Map<String, String> form = formFields(edit);
        form.put("ds.0.value", VALUE_ATTACK);
        form.put("ds.1.key", "");
        form.put("ds.1.value", "");
        form.put("ds.3.key", "crm.queue");
        form.put("ds.3.value", "emea");
        form.put("reportServiceName", "DACH <b>Billing</b>");
        Map<String, String> withoutToken = new LinkedHashMap<>(form);
        withoutToken.remove("_csrf");
        assertThat(browser.post("/admin/touchpoints/" + id + "/edit", withoutToken).statusCode()).as("no CSRF token").isEqualTo(403);

        form.put("ds.2.key", "bad key");
        form.put("ds.2.value", "x");
        var refused = browser.post("/admin/touchpoints/" + id + "/edit", form);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"ds-1-key-error\"").contains("starts with a letter");
        assertThat(pairs(id)).as("nothing saved").containsExactly(Map.of("key", "brand", "value", "acme"),
                Map.of("key", "language", "value", "de"));

        form.remove("ds.2.key");
        form.remove("ds.2.value");
        assertThat(browser.post("/admin/touchpoints/" + id + "/edit", form).statusCode()).isEqualTo(303);
        assertThat(pairs(id)).as("the emptied row is gone, the new one added").containsExactly(
                Map.of("key", "brand", "value", VALUE_ATTACK), Map.of("key", "crm.queue", "value", "emea"));
        assertThat(http.get("/api/v1/touchpoints/" + id, t.admin()).string("reportServiceName")).isEqualTo("DACH <b>Billing</b>");

        var detail = browser.get("/admin/touchpoints/" + id).body();
        assertThat(detail).contains("<th scope=\"row\">crm.queue</th><td>emea</td>")
                .contains("&quot;&gt;&lt;img src=x onerror=alert(&#39;value&#39;)&gt;&lt;script&gt;")
                .contains("DACH &lt;b&gt;Billing&lt;/b&gt;")
                .doesNotContain("<img src=x").doesNotContain("<script>alert").doesNotContain("<b>Billing");
        var editAgain = browser.get("/admin/touchpoints/" + id + "/edit").body();
        assertThat(editAgain).doesNotContain("<img src=x").doesNotContain("<script>alert");

        // "More rows" without JavaScript shows the form again with more rows and saves nothing.
        Map<String, String> more = formFields(browser.get("/admin/touchpoints/" + id + "/edit"));
        more.put("ds.0.value", "changed but not saved");
        more.put("go", "more-rows");
        var moreRows = browser.post("/admin/touchpoints/" + id + "/edit", more);
        assertThat(moreRows.statusCode()).isEqualTo(200);
        assertThat(rowIndexes(moreRows)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(inputValue(moreRows, "ds.0.value")).isEqualTo("changed but not saved");
        assertThat(pairs(id).getFirst()).containsEntry("value", VALUE_ATTACK);

        // Emptying every row and the name removes them: the report name goes back to the display name.
        Map<String, String> clear = formFields(browser.get("/admin/touchpoints/" + id + "/edit"));
        clear.replaceAll((k, v) -> k.startsWith("ds.") || k.equals("reportServiceName") ? "" : v);
        assertThat(browser.post("/admin/touchpoints/" + id + "/edit", clear).statusCode()).isEqualTo(303);
        assertThat(pairs(id)).isEmpty();
        assertThat(http.get("/api/v1/touchpoints/" + id, t.admin()).map()).containsEntry("reportServiceName", null);
        assertThat(browser.get("/admin/touchpoints/" + id).body()).contains("Edit DS (the display name)");
    }

    @Test
    void duplicatingATouchpointCarriesItsPairsAndReportServiceNameIntoTheWizard() {
        String id = TenantFixture.expect(http.post("/api/v1/touchpoints", t.admin(), Map.of("address", "dup@dspages.example.com",
                "displayName", "Dup DS", "connector", "imap", "direction", "BOTH", "enabled", false,
                "settings", TenantFixture.imapSettings("dspages"), "dataSource", List.of(Map.of("key", "brand", "value", "dup-brand")),
                "reportServiceName", "Dup report")), 201).string("id");
        FormClient browser = signedIn();
        var duplicate = browser.get("/admin/touchpoints/" + id + "/duplicate");
        assertThat(duplicate.statusCode()).isEqualTo(200);
        assertThat(duplicate.body()).contains("type=\"hidden\" name=\"ds.0.key\" value=\"brand\"")
                .contains("type=\"hidden\" name=\"ds.0.value\" value=\"dup-brand\"")
                .contains("type=\"hidden\" name=\"reportServiceName\" value=\"Dup report\"");

        Map<String, String> next = formFields(duplicate);
        next.put("go", "next");
        next.put("address", "dup2@dspages.example.com");
        next.put("s.username", "dup2@dspages.example.com");
        next.put("s.password", "dup-password-1");
        var settings = browser.post("/admin/touchpoints/new", next);
        assertThat(settings.statusCode()).as(settings.body()).isEqualTo(200);
        assertThat(inputValue(settings, "ds.0.value")).isEqualTo("dup-brand");
        assertThat(inputValue(settings, "reportServiceName")).isEqualTo("Dup report");
    }

    @Test
    void anAgentCannotOpenTheEditPage() {
        FormClient agent = new FormClient(server.getURI());
        agent.signIn("dspages", "agent@dspages.example.com", TenantFixture.PASSWORD);
        assertThat(agent.get("/admin/touchpoints/" + t.touchpointId() + "/edit").statusCode()).isEqualTo(403);
    }

    private FormClient signedIn() {
        FormClient browser = new FormClient(server.getURI());
        browser.signIn("dspages", "admin@dspages.example.com", TenantFixture.PASSWORD);
        return browser;
    }

    private List<Map<String, Object>> pairs(String id) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list = (List<Map<String, Object>>) http.get("/api/v1/touchpoints/" + id, t.admin()).map().get("dataSource");
        return list;
    }

    /** The fields of the wizard's connection step for an IMAP mailbox that does not exist (nothing connects here). */
    private static Map<String, String> wizardFields(String token, String step, String go) {
        Map<String, String> form = new LinkedHashMap<>(Map.of("_csrf", token, "step", step, "go", go, "connector", "imap",
                "address", "wizard@dspages.example.com", "s.preset", "custom", "s.imapHost", "imap.dspages.example.com",
                "s.imapTls", "implicit", "s.smtpHost", "smtp.dspages.example.com"));
        form.put("s.smtpTls", "implicit");
        form.put("s.username", "wizard@dspages.example.com");
        form.put("direction", "BOTH");
        return form;
    }

    private static Map<String, String> withGo(Map<String, String> form, String go) {
        Map<String, String> copy = new LinkedHashMap<>(form);
        copy.put("go", go);
        return copy;
    }

    /**
     * The page's main form as a browser posts it unchanged: inputs (hidden ones too; checkboxes and
     * radios only when checked; never a password) and the selected option of each select. The
     * sign-out form's token comes first and is the same session token.
     */
    private static Map<String, String> formFields(HttpResponse<String> page) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<input[^>]*?name=\"([^\"]+)\"[^>]*?>").matcher(page.body());
        while (m.find()) {
            String tag = m.group();
            boolean choice = tag.contains("type=\"radio\"") || tag.contains("type=\"checkbox\"");
            if (tag.contains("type=\"password\"") || (choice && !tag.contains("checked"))) {
                continue;
            }
            Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(tag);
            fields.put(unescape(m.group(1)), value.find() ? unescape(value.group(1)) : "");
        }
        Matcher select = Pattern.compile("<select[^>]*?name=\"([^\"]+)\"[^>]*>(.*?)</select>", Pattern.DOTALL).matcher(page.body());
        while (select.find()) {
            Matcher option = Pattern.compile("<option value=\"([^\"]*)\"[^>]*selected").matcher(select.group(2));
            if (option.find()) {
                fields.put(unescape(select.group(1)), unescape(option.group(1)));
            }
        }
        return fields;
    }

    private static List<Integer> rowIndexes(HttpResponse<String> page) {
        Matcher m = ROW_INPUT.matcher(page.body());
        List<Integer> indexes = new java.util.ArrayList<>();
        while (m.find()) {
            indexes.add(Integer.parseInt(m.group(1)));
        }
        return indexes;
    }

    /** The value of the (first) text input with this name. */
    private static String inputValue(HttpResponse<String> page, String name) {
        Matcher m = Pattern.compile("<input[^>]*?name=\"" + Pattern.quote(name) + "\"[^>]*?>").matcher(page.body());
        assertThat(m.find()).as("an input named " + name).isTrue();
        Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(m.group());
        return value.find() ? unescape(value.group(1)) : "";
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
