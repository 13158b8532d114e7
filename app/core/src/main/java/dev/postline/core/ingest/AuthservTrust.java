package dev.postline.core.ingest;

import dev.postline.core.touchpoint.ConnectorKind;
import dev.postline.core.touchpoint.Touchpoint;
import dev.postline.core.web.InputCheck;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Whose Authentication-Results a touchpoint believes: the platform's ids, plus the touchpoint's
 * {@code trustedAuthservIds} setting (comma-separated) or, without it, its provider's own id where
 * it is known (Gmail writes {@code mx.google.com}). Microsoft 365 writes its verdict without an
 * authserv-id, so for Graph and the Microsoft presets nothing is trusted by default. Any header
 * from another id may be the sender's forgery and is ignored.
 */
@Singleton
public class AuthservTrust {

    public static final String SETTING = "trustedAuthservIds";
    static final String GOOGLE = "mx.google.com";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]{0,251}[A-Za-z0-9])?");
    private static final int MAX_IDS = 20;

    private final Set<String> platform;

    public AuthservTrust(InboundTrustSettings settings) {
        this.platform = settings.getTrustedAuthservIds().stream().map(AuthservTrust::normal).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Reports a malformed {@value #SETTING} at save time. */
    public static void check(InputCheck in, Map<String, String> settings) {
        String value = settings.get(SETTING);
        if (value == null) {
            return;
        }
        Set<String> ids = split(value);
        in.check(ids.size() <= MAX_IDS && ids.stream().allMatch(id -> ID.matcher(id).matches()), "settings." + SETTING,
                "must be up to " + MAX_IDS + " server names (authserv-ids) separated by commas, e.g. mx.example.com");
    }

    /** The authserv-ids this touchpoint trusts, lower-cased; empty when none is configured. */
    public Set<String> ours(ConnectorKind connector, Map<String, String> settings) {
        Set<String> ids = new LinkedHashSet<>(platform);
        String own = settings.get(SETTING);
        if (own != null) {
            ids.addAll(split(own));
        } else if (connector == ConnectorKind.GMAIL || "gmail".equals(settings.get("preset"))) {
            ids.add(GOOGLE);
        }
        return ids;
    }

    /** The trusted headers of {@code mail}, one per line, in header order; null when none. */
    @Nullable
    String trustedOf(IncomingMail mail, Touchpoint touchpoint, Map<String, String> settings) {
        Set<String> ids = ours(touchpoint.connectorKind(), settings);
        String trusted = mail.authenticationResults().stream()
                .filter(r -> !r.authservId().isEmpty() && ids.contains(r.authservId()))
                .map(IncomingMail.AuthResult::value)
                .collect(Collectors.joining("\n"));
        return trusted.isEmpty() ? null : trusted.length() > 20_000 ? trusted.substring(0, 20_000) : trusted;
    }

    private static Set<String> split(String value) {
        return Arrays.stream(value.split(",")).map(AuthservTrust::normal).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String normal(String id) {
        return id.strip().toLowerCase(Locale.ROOT);
    }
}
