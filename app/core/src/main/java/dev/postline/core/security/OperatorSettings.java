package dev.postline.core.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The platform operator, bootstrapped from configuration ({@code POSTLINE_OPERATOR_EMAIL} and
 * {@code POSTLINE_OPERATOR_PASSWORD_HASH}, or {@code POSTLINE_OPERATOR_PASSWORD} which is hashed
 * at start and never logged). No operator is configured unless these are set.
 */
@ConfigurationProperties("postline.operator")
public class OperatorSettings {

    @Nullable private String email;
    @Nullable private String password;
    @Nullable private String passwordHash;

    @Nullable public String getEmail() { return email; }
    public void setEmail(@Nullable String email) { this.email = email; }
    @Nullable public String getPassword() { return password; }
    public void setPassword(@Nullable String password) { this.password = password; }
    @Nullable public String getPasswordHash() { return passwordHash; }
    public void setPasswordHash(@Nullable String passwordHash) { this.passwordHash = passwordHash; }

    @Override
    public String toString() {
        return "OperatorSettings[email=" + email + ", password=<redacted>]";
    }
}
