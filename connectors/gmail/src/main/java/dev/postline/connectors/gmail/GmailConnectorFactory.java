package dev.postline.connectors.gmail;

import dev.postline.connectors.api.ConnectorFactory;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.SessionContext;
import dev.postline.connectors.api.SettingField;
import dev.postline.connectors.api.ValidationResult;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Gmail API connector (kind {@code gmail}), on Google's client library (google-api-services-gmail) with
 * the library's own retries, redirects and credential refresh turned off: see {@code package-info} for what
 * the library does and what the connector keeps to itself.
 *
 * <p>The only state is the per-mailbox quota budget, shared by every session of the same address in this
 * process so that concurrent sessions together stay under Gmail's per-user limit.
 */
public final class GmailConnectorFactory implements ConnectorFactory {

    public static final String KIND = "gmail";

    private final QuotaBudgets budgets;
    /**
     * One JDK client for every session: its pool keeps connections between polls and across sessions (HTTP/2
     * to Google). The JVM's proxy selector and default TLS context, as HttpURLConnection used; no redirects.
     */
    private final HttpClient http;

    public GmailConnectorFactory() {
        this(QuotaBudgets.GMAIL_UNITS_PER_USER_PER_MINUTE);
    }

    /** With another per-user budget, in quota units per minute (tests use small ones). */
    public GmailConnectorFactory(int unitsPerMinute) {
        this.budgets = new QuotaBudgets(unitsPerMinute);
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER);
        Optional.ofNullable(ProxySelector.getDefault()).ifPresent(builder::proxy);
        this.http = builder.build();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<SettingField> settingFields() {
        return GmailSettingFields.all();
    }

    @Override
    public ValidationResult validate(Map<String, String> settings) {
        ValidationResult.Builder errors = new ValidationResult.Builder();
        GmailSettings.read(settings, errors);
        return errors.build();
    }

    @Override
    public Optional<String> mailboxAddressSetting() {
        return Optional.of(GmailSettingFields.EMAIL_ADDRESS);
    }

    @Override
    public ConnectorSession open(SessionContext ctx) {
        ValidationResult.Builder errors = new ValidationResult.Builder();
        GmailSettings settings = GmailSettings.read(ctx.settings(), errors).orElseThrow(
                () -> new IllegalArgumentException("invalid settings for " + ctx.logLabel() + ": " + errors.build().errors().keySet()));
        return new GmailConnectorSession(ctx, settings, budgets.forMailbox(settings.emailAddress(), ctx.clock()), http);
    }
}
