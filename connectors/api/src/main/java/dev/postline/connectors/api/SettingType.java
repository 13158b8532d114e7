package dev.postline.connectors.api;

/** How a {@link SettingField} is entered and checked; the admin UI picks its widget from this. */
public enum SettingType {
    STRING,
    INT,
    BOOLEAN,
    /** Rendered as a password input, never echoed back; implies {@link SettingField#secret()}. */
    PASSWORD,
    /** One of {@link SettingField#allowedValues()}. */
    ENUM,
    /** A DNS name or IP literal; checked by {@link HostPolicy} when connecting, not when saving. */
    HOST,
    /** A TCP port, 1..65535. */
    PORT
}
