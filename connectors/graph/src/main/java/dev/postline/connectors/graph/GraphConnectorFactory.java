package dev.postline.connectors.graph;

import dev.postline.connectors.api.ConnectorFactory;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.SessionContext;
import dev.postline.connectors.api.SettingField;
import dev.postline.connectors.api.ValidationResult;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Microsoft 365 connector (kind {@code graph}) on Microsoft Graph: inbox changes through message
 * delta (cursor = the delta link), MIME through {@code $value}, sending by creating the message from
 * MIME and sending it. Plain JDK HttpClient and JSON; tokens come from the core's credential source.
 *
 * <p>Waiting polls the delta link. Sessions also implement the optional capabilities
 * {@link dev.postline.connectors.api.ChangeSubscriptions} (subscriptions on
 * {@code me/mailFolders('inbox')/messages}, renewed before their expiry of at most 4,230 minutes) and
 * {@link dev.postline.connectors.api.ChangeHints} (a change notification the server received ends the
 * poll's pause at once). The core manages the subscriptions when the installation has a public HTTPS
 * URL; the delta poll stays as reconciliation, so a lost notification costs latency, never mail.
 */
public final class GraphConnectorFactory implements ConnectorFactory {

    public static final String KIND = "graph";

    private final HttpClient http;

    public GraphConnectorFactory() {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    /** With a custom client, e.g. one that trusts a private CA (tests). */
    public GraphConnectorFactory(HttpClient http) {
        this.http = http;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<SettingField> settingFields() {
        return GraphSettingFields.all();
    }

    @Override
    public ValidationResult validate(Map<String, String> settings) {
        ValidationResult.Builder errors = new ValidationResult.Builder();
        GraphSettings.read(settings, errors);
        return errors.build();
    }

    @Override
    public Optional<String> mailboxAddressSetting() {
        return Optional.of(GraphSettingFields.MAILBOX);
    }

    @Override
    public ConnectorSession open(SessionContext ctx) {
        ValidationResult.Builder errors = new ValidationResult.Builder();
        GraphSettings settings = GraphSettings.read(ctx.settings(), errors).orElseThrow(
                () -> new IllegalArgumentException("invalid settings for " + ctx.logLabel() + ": " + errors.build().errors().keySet()));
        return new GraphConnectorSession(ctx, settings, http);
    }
}
