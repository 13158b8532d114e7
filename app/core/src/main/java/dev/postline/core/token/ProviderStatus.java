package dev.postline.core.token;

import java.util.List;

/**
 * Whether a provider can be offered for consent and, if not, why: the consent UI hides an
 * unconfigured provider and shows {@link #explanation()} instead of failing at run time.
 *
 * @param problems the configuration keys that are missing or invalid, each with what is wrong (no values)
 */
public record ProviderStatus(OAuthProvider provider, List<String> problems) {

    public ProviderStatus {
        problems = List.copyOf(problems);
    }

    public boolean configured() {
        return problems.isEmpty();
    }

    public String explanation() {
        String name = provider == OAuthProvider.GOOGLE ? "Google" : "Microsoft";
        return configured()
                ? name + " mailboxes can be connected"
                : name + " mailboxes cannot be connected: the platform operator has not configured the " + name
                        + " OAuth app (" + String.join("; ", problems) + ")";
    }
}
