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
}
