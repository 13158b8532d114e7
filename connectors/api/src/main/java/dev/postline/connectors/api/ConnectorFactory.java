package dev.postline.connectors.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Entry point of one connector kind, discovered through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.postline.connectors.api.ConnectorFactory}).
 *
 * <p>Obligations of an implementation:
 * <ul>
 *   <li>have a public no-argument constructor and be stateless and thread-safe: the core keeps one
 *       instance per kind and calls it from many threads;</li>
 *   <li>describe every setting it reads in {@link #settingFields()}, so the admin pages can render a
 *       form without connector-specific code;</li>
 *   <li>report every problem of a settings object in {@link #validate(Map)} without touching the
 *       network, so a bad value is refused when it is saved, not at sync time;</li>
 *   <li>never put the value of a {@linkplain SettingField#secret() secret} field in a message.</li>
 * </ul>
 */
public interface ConnectorFactory {

    /** Stable identifier stored with each touchpoint, e.g. {@code imap}, {@code gmail}, {@code graph}. */
    String kind();

    /** The settings this connector understands, in the order a form should show them. */
    List<SettingField> settingFields();

    /**
     * Checks a settings object offline: required fields, types, ranges, allowed values and
     * connector-specific syntax. Secret fields are not required here; they reach the session through
     * {@link CredentialSource}.
     */
    ValidationResult validate(Map<String, String> settings);

    /**
     * Opens a session for one touchpoint. Must not do network I/O: connections are made lazily by the
     * session's methods, so opening never fails for network reasons.
     *
     * @throws IllegalArgumentException if {@code ctx.settings()} does not pass {@link #validate(Map)}
     */
    ConnectorSession open(SessionContext ctx);

    /**
     * The setting that names the mailbox this connector logs in to, when that is always the
     * touchpoint's own address (e.g. Gmail's {@code emailAddress}). The core fills it from the
     * touchpoint's address when it is left out and refuses a different value, so an admin types the
     * address once. Empty (the default) when the connector has no such setting.
     */
    default Optional<String> mailboxAddressSetting() {
        return Optional.empty();
    }

    /**
     * A setting that defaults to the touchpoint's address when left out but may differ from it (IMAP's
     * user name, usually the mailbox address). Empty (the default) when there is none.
     */
    default Optional<String> addressDefaultSetting() {
        return Optional.empty();
    }

    /**
     * Checks, offline, what sending needs on top of {@link #validate(Map)}. The core asks only for
     * touchpoints that send, so an inbound-only touchpoint need not name an outgoing server.
     */
    default ValidationResult validateSending(Map<String, String> settings) {
        return ValidationResult.valid();
    }

    /**
     * Identifies the mailbox (and folder) that valid {@code settings} read from: two touchpoints with
     * the same key would ingest the same mail twice, so the core refuses the second. Compare keys only
     * between touchpoints of this kind. The default is the {@linkplain #mailboxAddressSetting() mailbox
     * address}, ignoring case; empty when the connector cannot tell.
     */
    default Optional<String> mailboxKey(Map<String, String> settings) {
        return mailboxAddressSetting().map(settings::get).filter(v -> !v.isBlank())
                .map(v -> v.strip().toLowerCase(java.util.Locale.ROOT));
    }
}
