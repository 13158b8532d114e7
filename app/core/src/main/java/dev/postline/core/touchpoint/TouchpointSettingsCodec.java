package dev.postline.core.touchpoint;

import dev.postline.core.web.InputCheck;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Touchpoint settings: a flat map of connector settings stored as JSON text. Secrets are refused
 * here by name, because settings are returned by the API; they go to the credential endpoint,
 * which stores them in the vault.
 */
@Singleton
public class TouchpointSettingsCodec {

    static final int MAX_ENTRIES = 50;
    static final int MAX_VALUE_LENGTH = 2000;
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|token|credential).*");
    /** Settings whose names sound secret but are not (a date is no credential). */
    private static final java.util.Set<String> NOT_SECRET = java.util.Set.of("passwordExpiresOn");

    private final JsonMapper json;

    public TouchpointSettingsCodec(JsonMapper json) {
        this.json = json;
    }

    public Map<String, String> check(InputCheck in, Map<String, String> settings) {
        if (settings.size() > MAX_ENTRIES) {
            in.fail("settings", "at most " + MAX_ENTRIES + " entries");
            return settings;
        }
        settings.forEach((key, value) -> {
            String field = "settings." + key;
            if (!KEY.matcher(key).matches()) {
                in.fail("settings", "setting names start with a letter and use letters, digits, '.', '_' or '-' (64 at most)");
            } else if (SECRET_NAME.matcher(key).matches() && !NOT_SECRET.contains(key)) {
                in.fail(field, "secrets do not belong in settings; set them with PUT /touchpoints/{id}/credential");
            } else if (value == null) {
                in.fail(field, "must not be null");
            } else {
                in.optionalText(field, value, MAX_VALUE_LENGTH);
            }
        });
        return new TreeMap<>(settings);
    }

    public String write(Map<String, String> settings) {
        try {
            return json.writeValueAsString(new TreeMap<>(settings));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, String> read(String stored) {
        try {
            return json.readValue(stored, Argument.mapOf(String.class, String.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
