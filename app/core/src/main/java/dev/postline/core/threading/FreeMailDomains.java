package dev.postline.core.threading;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Domains where anyone can get an address (gmail.com, outlook.com, …): sharing one says nothing about
 * belonging together, so the same-domain rule never applies to them. The list is
 * {@code free-mail-domains.txt} beside this class, one domain a line; exact matches only.
 */
public final class FreeMailDomains {

    private static final Set<String> DOMAINS = load();

    private FreeMailDomains() {}

    public static boolean contains(String domain) {
        return DOMAINS.contains(domain.toLowerCase(Locale.ROOT));
    }

    private static Set<String> load() {
        try (var in = FreeMailDomains.class.getResourceAsStream("free-mail-domains.txt")) {
            if (in == null) {
                throw new IllegalStateException("free-mail-domains.txt is missing from the class path");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
