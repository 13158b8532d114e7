package dev.postline.connectors.imap;

import dev.postline.connectors.api.ConnectorFactory;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.SessionContext;
import dev.postline.connectors.api.SettingField;
import dev.postline.connectors.api.ValidationResult;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;

/**
 * The generic IMAP/SMTP connector (kind {@code imap}) on Angus Mail. Found by ServiceLoader through
 * its no-argument constructor, which trusts the JVM's default CA certificates.
 */
public final class ImapConnectorFactory implements ConnectorFactory {

    public static final String KIND = "imap";

    private final SSLSocketFactory tls;

    public ImapConnectorFactory() {
        this((SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** With a custom trust setup, e.g. a private CA for self-hosted servers (or tests). */
    public ImapConnectorFactory(SSLSocketFactory tls) {
        this.tls = Objects.requireNonNull(tls, "tls");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<SettingField> settingFields() {
        return ImapSettingFields.all();
    }

    @Override
    public ValidationResult validate(Map<String, String> settings) {
        ValidationResult.Builder errors = new ValidationResult.Builder();
        ImapSettings.read(settings, errors);
        return errors.build();
    }

    /** The user name is usually the mailbox address: left out, it is the touchpoint's address. */
    @Override
    public Optional<String> addressDefaultSetting() {
        return Optional.of(ImapSettingFields.USERNAME);
    }

    @Override
    public ValidationResult validateSending(Map<String, String> settings) {
        ValidationResult.Builder errors = new ValidationResult.Builder();
        ImapSettings.read(settings, errors).filter(s -> !s.sends()).ifPresent(s -> errors.error(ImapSettingFields.SMTP_HOST,
                "an SMTP server is required for a touchpoint that sends replies (or set its direction to inbound only)"));
        return errors.build();
    }

    @Override
    public Optional<String> mailboxKey(Map<String, String> settings) {
        return ImapSettings.read(settings, new ValidationResult.Builder()).map(ImapSettings::mailboxKey);
    }

    @Override
    public ConnectorSession open(SessionContext ctx) {
        ValidationResult.Builder errors = new ValidationResult.Builder();
        ImapSettings settings = ImapSettings.read(ctx.settings(), errors).orElseThrow(
                () -> new IllegalArgumentException("invalid settings for " + ctx.logLabel() + ": " + errors.build().errors().keySet()));
        return new ImapConnectorSession(ctx, settings, tls);
    }
}
