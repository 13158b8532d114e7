package dev.postline.connectors.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One setting a connector understands, described well enough for a form to be rendered from it.
 *
 * @param name          key in the settings map, stable across releases
 * @param label         short label for the form
 * @param helpText      one or two sentences for the admin; may be empty
 * @param type          widget and basic check
 * @param required      whether {@link ConnectorFactory#validate} refuses a missing value
 * @param secret        whether the value must be encrypted at rest, never returned by the API and never
 *                      placed in any message; secret values reach sessions only via {@link CredentialSource}
 * @param defaultValue  value used when the setting is absent, or {@code null}
 * @param allowedValues the choices of an {@link SettingType#ENUM}; empty otherwise
 */
public record SettingField(String name, String label, String helpText, SettingType type, boolean required,
                           boolean secret, String defaultValue, List<String> allowedValues) {

    public SettingField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(type, "type");
        helpText = helpText == null ? "" : helpText;
        allowedValues = List.copyOf(allowedValues == null ? List.of() : allowedValues);
        secret = secret || type == SettingType.PASSWORD;
        if (type == SettingType.ENUM && allowedValues.isEmpty()) {
            throw new IllegalArgumentException("ENUM field " + name + " needs allowed values");
        }
    }

    public Optional<String> defaultValueIfAny() {
        return Optional.ofNullable(defaultValue);
    }

    /** A plain field with no default. */
    public static SettingField of(String name, String label, String helpText, SettingType type, boolean required) {
        return new SettingField(name, label, helpText, type, required, false, null, List.of());
    }

    public SettingField withDefault(String value) {
        return new SettingField(name, label, helpText, type, required, secret, value, allowedValues);
    }

    public SettingField withAllowedValues(List<String> values) {
        return new SettingField(name, label, helpText, type, required, secret, defaultValue, values);
    }
}
