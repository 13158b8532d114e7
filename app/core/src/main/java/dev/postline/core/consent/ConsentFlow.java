package dev.postline.core.consent;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.core.connector.ConnectorSessions;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.token.OAuthClient;
import dev.postline.core.token.OAuthGrant;
import dev.postline.core.token.OAuthProvider;
import dev.postline.core.token.OAuthProviders;
import dev.postline.core.token.RefreshedTokens;
import dev.postline.core.token.TokenService;
import dev.postline.core.touchpoint.ConnectionState;
import dev.postline.core.touchpoint.ConnectionStates;
import dev.postline.core.touchpoint.Touchpoint;
import dev.postline.core.touchpoint.TouchpointRepository;
import dev.postline.core.vault.SecretStore;
import dev.postline.core.web.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OAuth consent by which an admin connects a Gmail or Microsoft 365 touchpoint: authorization
 * code with PKCE (S256) and a one-time state bound to the tenant, the touchpoint, the admin and the
 * admin's session. The callback stores a grant only after every check has passed — the right
 * provider, granted scopes, a refresh token, and the mailbox identity equal to the touchpoint's
 * address (so a re-authentication can never switch mailboxes); any refusal changes nothing but the
 * use of the state.
 */
@Singleton
public class ConsentFlow {

    private static final Logger LOG = LoggerFactory.getLogger(ConsentFlow.class);

    /** The caller of the flow as the web edge knows it: the admin and a hash of the session token presented. */
    public record Admin(TenantId tenant, UUID userId, String sessionToken) {
        String sessionHash() {
            return Pkce.hash(sessionToken);
        }

        @Override
        public String toString() {
            return "Admin[" + tenant + ", " + userId + ", session <redacted>]";
        }
    }

    /** What the provider sent back to the callback (all optional: an attacker chooses them). */
    public record Callback(@Nullable String code, @Nullable String state, @Nullable String error) {}

    public record Connected(UUID touchpointId, String mailbox, ConnectionState state) {}

    private final OAuthProviders providers;
    private final PendingConsentRepository pending;
    private final TouchpointRepository touchpoints;
    private final SecretStore secrets;
    private final CodeExchange codes;
    private final ConnectorSessions sessions;
    private final TokenService tokens;
    private final ConnectionStates states;
    private final ConsentSettings settings;
    private final TenantTransactions tx;
    private final Clock clock;

    ConsentFlow(OAuthProviders providers, PendingConsentRepository pending, TouchpointRepository touchpoints, SecretStore secrets,
                CodeExchange codes, ConnectorSessions sessions, TokenService tokens, ConnectionStates states,
                ConsentSettings settings, TenantTransactions tx, Clock clock) {
        this.providers = providers;
        this.pending = pending;
        this.touchpoints = touchpoints;
        this.secrets = secrets;
        this.codes = codes;
        this.sessions = sessions;
        this.tokens = tokens;
        this.states = states;
        this.settings = settings;
        this.tx = tx;
        this.clock = clock;
    }

    /** Starts a consent for the touchpoint: the URL to send the admin's browser to. */
    public URI start(Admin admin, UUID touchpointId) {
        TenantId tenant = admin.tenant();
        Touchpoint t = tx.read(tenant, () -> find(tenant, touchpointId));
        OAuthProvider provider = OAuthProvider.forKind(t.connectorKind()).orElseThrow(() -> ApiException.conflict(
                "touchpoint " + t.displayName() + " logs in with a password (" + t.connectorKind().wireName()
                        + "); set it with PUT /api/v1/touchpoints/{id}/credential"));
        OAuthClient client = providers.client(provider).orElseThrow(() -> ApiException.conflict(
                providers.status(provider).explanation()));
        String state = Pkce.randomToken();
        String verifier = Pkce.randomToken();
        Instant now = clock.instant();
        tx.write(tenant, () -> {
            forgetExpired(tenant, now);
            PendingConsent consent = pending.save(new PendingConsent(UUID.randomUUID(), tenant.value(), t.id(), admin.userId(),
                    admin.sessionHash(), Pkce.hash(state), provider, now, now.plus(settings.getStateTtl())));
            secrets.put(tenant, t.id(), consent.verifierField(), verifier);
        });
        return AuthorizationRequest.uri(client, state, Pkce.challenge(verifier), ConsentScopes.requested(provider));
    }

    /**
     * The provider's redirect came back to the callback of {@code arrivedAt}. Either the touchpoint
     * is connected with the new grant, or an {@link ApiException} says why not and nothing changed.
     */
    public Connected complete(Admin admin, OAuthProvider arrivedAt, Callback callback) {
        PendingConsent consent = take(admin, arrivedAt, callback.state());
        TenantId tenant = admin.tenant();
        String verifier = secrets.get(tenant, consent.touchpointId(), consent.verifierField()).orElseThrow(ConsentMessages::unknownState)
                .reveal();
        secrets.delete(tenant, consent.touchpointId(), consent.verifierField());
        if (consent.expiresAt().isBefore(clock.instant())) {
            throw ConsentMessages.expired();
        }
        if (callback.error() != null && !callback.error().isBlank()) {
            throw ConsentMessages.declined(arrivedAt, callback.error().replaceAll("[^A-Za-z0-9_.-]", ""));
        }
        if (callback.code() == null || callback.code().isBlank() || callback.code().length() > 4096) {
            throw ApiException.invalid("code", "is missing from the provider's answer; nothing was changed, connect again");
        }
        OAuthClient client = providers.client(arrivedAt).orElseThrow(() -> ApiException.conflict(providers.status(arrivedAt).explanation()));
        Touchpoint t = tx.read(tenant, () -> find(tenant, consent.touchpointId()));
        RefreshedTokens granted = codes.exchange(client, callback.code(), verifier, ConsentScopes.requested(arrivedAt));
        Set<String> scopes = checkScopes(arrivedAt, granted);
        String refreshToken = granted.refreshToken().orElseThrow(() -> new ApiException(HttpStatus.BAD_REQUEST,
                ConsentMessages.name(arrivedAt) + " issued no refresh token, so the mailbox could not stay connected; "
                        + "nothing was changed. Connect again"));
        String mailbox = checkIdentity(t, granted.accessToken());
        Instant now = clock.instant();
        tokens.storeGrant(tenant, t.id(), new OAuthGrant(arrivedAt, refreshToken, granted.accessToken(), now.plus(granted.expiresIn()),
                scopes, mailbox, now, now, granted.tokenCache()));
        Touchpoint after = tx.write(tenant, () -> {
            Touchpoint current = find(tenant, t.id());
            String reason = "authorized at " + ConsentMessages.name(arrivedAt) + " for " + mailbox + " by an admin";
            if (!current.enabled()) {
                states.adminAction(tenant, current, admin.userId(), reason + " (the touchpoint stays deactivated)");
                return current;
            }
            return states.adminMove(tenant, current, ConnectionState.CONNECTED, admin.userId(), reason);
        });
        LOG.info("OAuth consent stored for touchpoint {} of tenant {} ({}, {})", t.id(), tenant, arrivedAt, mailbox);
        return new Connected(t.id(), mailbox, after.connectionState());
    }

    /** Finds the caller's pending consent for this state and uses it up; refusals leave other people's states alone. */
    private PendingConsent take(Admin admin, OAuthProvider arrivedAt, @Nullable String state) {
        if (state == null || state.isBlank() || state.length() > 200) {
            throw ApiException.invalid("state", "is missing; this is not the answer to an authorization Postline started. "
                    + "Nothing was changed");
        }
        TenantId tenant = admin.tenant();
        return tx.write(tenant, () -> {
            PendingConsent consent = pending.findByTenantIdAndStateHash(tenant.value(), Pkce.hash(state))
                    .orElseThrow(ConsentMessages::unknownState);
            if (!consent.userId().equals(admin.userId()) || !consent.sessionHash().equals(admin.sessionHash())) {
                throw ConsentMessages.foreignState();
            }
            if (consent.provider() != arrivedAt) {
                throw ConsentMessages.wrongCallback(consent.provider(), arrivedAt); // a code of one provider is never sent to the other
            }
            if (pending.deleteByTenantIdAndId(tenant.value(), consent.id()) != 1) {
                throw ConsentMessages.unknownState(); // a concurrent callback used it first
            }
            return consent;
        });
    }

    private static Set<String> checkScopes(OAuthProvider provider, RefreshedTokens granted) {
        // RFC 6749 §5.1: a token response without "scope" was issued for the scopes asked.
        Set<String> scopes = granted.scopes().orElseGet(() -> Set.copyOf(ConsentScopes.requested(provider)));
        Set<String> normalized = scopes.stream().map(s -> ConsentScopes.normalize(provider, s)).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>(ConsentScopes.required(provider));
        missing.removeAll(normalized);
        if (!missing.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "not every permission Postline needs was granted at "
                    + ConsentMessages.name(provider) + " (missing: " + String.join(", ", missing) + "); the touchpoint was not "
                    + "connected and nothing was stored. Connect again and allow every requested permission");
        }
        return scopes;
    }

    private String checkIdentity(Touchpoint t, String accessToken) {
        Set<String> addresses;
        try {
            addresses = sessions.authorizedAddresses(t, accessToken);
        } catch (ConnectorException e) {
            throw new ApiException(HttpStatus.BAD_GATEWAY, "the mailbox the authorization opens could not be read ("
                    + e.getMessage() + "); nothing was changed. Connect again");
        }
        String expected = t.address().toLowerCase(Locale.ROOT);
        if (!addresses.contains(expected)) {
            throw ApiException.conflict("the account that signed in is " + String.join(" / ", addresses) + ", but touchpoint "
                    + t.displayName() + " is the mailbox " + t.address() + "; nothing was changed. Connect again and sign in as "
                    + t.address());
        }
        return expected;
    }

    private void forgetExpired(TenantId tenant, Instant now) {
        for (PendingConsent old : pending.findByTenantIdAndExpiresAtLessThan(tenant.value(), now)) {
            secrets.delete(tenant, old.touchpointId(), old.verifierField());
            pending.deleteByTenantIdAndId(tenant.value(), old.id());
        }
    }

    private Touchpoint find(TenantId tenant, UUID id) {
        return touchpoints.findByTenantIdAndId(tenant.value(), id).orElseThrow(() -> ApiException.notFound("touchpoint"));
    }
}
