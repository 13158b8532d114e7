package dev.postline.core.connector;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.ConnectorFactory;
import dev.postline.connectors.api.CredentialSource;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.VerifyResult;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.HostPolicy;
import dev.postline.connectors.api.MailboxIdentity;
import dev.postline.connectors.api.SessionContext;
import dev.postline.core.sync.SyncSettings;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.token.TokenService;
import dev.postline.core.touchpoint.Touchpoint;
import dev.postline.core.touchpoint.TouchpointService;
import dev.postline.core.touchpoint.TouchpointSettingsCodec;
import dev.postline.core.vault.SecretStore;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Opens connector sessions for touchpoints: the one place that hands a connector its settings,
 * its credential source (the vault) and the installation's host policy. Used by the sync loops
 * and the outbox sender alike.
 */
@Singleton
public class ConnectorSessions {

    private final ConnectorRegistry connectors;
    private final TouchpointSettingsCodec settingsCodec;
    private final SecretStore secrets;
    private final TokenService tokens;
    private final HostPolicy hostPolicy;
    private final MailboxAddressSetting mailboxSetting;
    private final Clock clock;

    public ConnectorSessions(ConnectorRegistry connectors, TouchpointSettingsCodec settingsCodec, SecretStore secrets,
                             TokenService tokens, SyncSettings settings, MailboxAddressSetting mailboxSetting, Clock clock) {
        this.connectors = connectors;
        this.mailboxSetting = mailboxSetting;
        this.settingsCodec = settingsCodec;
        this.secrets = secrets;
        this.tokens = tokens;
        this.clock = clock;
        HostPolicy.Builder policy = HostPolicy.builder().allowPrivateNetworks(settings.isAllowPrivateNetworks());
        settings.getExtraPorts().forEach(policy::allowPort);
        this.hostPolicy = policy.build();
    }

    public boolean supports(Touchpoint touchpoint) {
        return connectors.find(touchpoint.connectorKind().wireName()).isPresent();
    }

    /**
     * Whether the touchpoint has a credential to log in with. Without one it is not yet set up
     * (PENDING), not failing: syncing it would only turn a half-finished onboarding into EXPIRED.
     */
    public boolean hasCredential(Touchpoint touchpoint) {
        TenantId tenant = TenantId.of(touchpoint.tenantId());
        return secrets.updatedAt(tenant, touchpoint.id(), TouchpointService.PASSWORD_FIELD).isPresent()
                || tokens.hasGrant(tenant, touchpoint.id());
    }

    /** A factory of sessions for the touchpoint as it is now (sessions connect lazily). */
    public Optional<Supplier<ConnectorSession>> forTouchpoint(Touchpoint t) {
        TenantId tenant = TenantId.of(t.tenantId());
        Map<String, String> settings = settingsOf(t);
        return connectors.find(t.connectorKind().wireName()).map(factory -> {
            SessionContext context = new SessionContext(tenant.toString(), t.id().toString(), settings,
                    new VaultCredentialSource(secrets, tokens, tenant, t.id()), hostPolicy, clock);
            return () -> open(factory, context);
        });
    }

    /**
     * Logs in with a password that is not stored yet (re-authentication checks it before keeping
     * it). The result's messages are safe to show; the password never appears in them.
     */
    public Optional<VerifyResult> verifyPassword(Touchpoint t, String password) {
        return verify(TenantId.of(t.tenantId()), t.connectorKind().wireName(), t.id().toString(),
                settingsOf(t), password);
    }

    /**
     * Logs in with a touchpoint's changed settings and a new password, or the stored one when
     * {@code newPassword} is empty (an edit is checked before it is saved, as re-authentication is).
     * Empty when no connector of its kind is installed.
     */
    public Optional<VerifyResult> verifyChange(Touchpoint t, Map<String, String> newSettings, Optional<String> newPassword) {
        TenantId tenant = TenantId.of(t.tenantId());
        Map<String, String> settings = mailboxSetting.forSession(t.connectorKind(), t.address(), newSettings);
        CredentialSource credentials = newPassword.<CredentialSource>map(PasswordOnly::new)
                .orElseGet(() -> new VaultCredentialSource(secrets, tokens, tenant, t.id()));
        return connectors.find(t.connectorKind().wireName()).map(factory -> {
            try (ConnectorSession session = open(factory, new SessionContext(tenant.toString(), t.id().toString(), settings,
                    credentials, hostPolicy, clock))) {
                return session.verify();
            }
        });
    }

    /** The touchpoint as stored, logged in with its stored credential ("test connection" of a saved touchpoint). */
    public Optional<VerifyResult> verifyStored(Touchpoint t) {
        return verifyChange(t, settingsCodec.read(t.settings()), Optional.empty());
    }

    /** The stored settings, with the mailbox setting filled from the address for rows saved before it was. */
    private Map<String, String> settingsOf(Touchpoint t) {
        return mailboxSetting.forSession(t.connectorKind(), t.address(), settingsCodec.read(t.settings()));
    }

    /**
     * Logs in with settings and a password that are not saved yet (the onboarding wizard's "test
     * connection"), under the same host policy as the sync. Never throws for a failed check.
     */
    public Optional<VerifyResult> verifyCandidate(TenantId tenant, String kind, Map<String, String> settings, String password) {
        return verify(tenant, kind, "candidate", settings, password);
    }

    private Optional<VerifyResult> verify(TenantId tenant, String kind, String touchpointId, Map<String, String> settings,
                                          String password) {
        CredentialSource candidate = new PasswordOnly(password);
        return connectors.find(kind).map(factory -> {
            try (ConnectorSession session = open(factory, new SessionContext(tenant.toString(), touchpointId, settings,
                    candidate, hostPolicy, clock))) {
                return session.verify();
            }
        });
    }

    /**
     * Who the provider says {@code accessToken} (a grant not stored yet) belongs to, asked through the
     * touchpoint's own connector and settings (so through a double's base URL in tests), under the
     * sync's host policy.
     *
     * @throws ConnectorException as the connector classified the failure; {@code PERMANENT} if the
     *     connector cannot tell (it does not implement {@link MailboxIdentity})
     */
    public Set<String> authorizedAddresses(Touchpoint t, String accessToken) throws ConnectorException {
        ConnectorFactory factory = connectors.find(t.connectorKind().wireName()).orElseThrow(() ->
                new ConnectorException(FailureKind.PERMANENT, "no connector for " + t.connectorKind().wireName() + " is installed"));
        try (ConnectorSession session = open(factory, new SessionContext(t.tenantId().toString(), t.id().toString(),
                settingsOf(t), new TokenOnly(accessToken), hostPolicy, clock))) {
            if (!(session instanceof MailboxIdentity identity)) {
                throw new ConnectorException(FailureKind.PERMANENT, "the " + factory.kind() + " connector cannot tell whose mailbox a token opens");
            }
            return identity.authorizedAddresses();
        }
    }

    /** An access token being checked before its grant is stored. */
    private record TokenOnly(String token) implements CredentialSource {
        @Override
        public String password() throws ConnectorException {
            throw new ConnectorException(FailureKind.AUTH_REVOKED, "this check uses an OAuth access token");
        }

        @Override
        public String accessToken() {
            return token;
        }

        @Override
        public String toString() {
            return "TokenOnly[***]";
        }
    }

    /** A password being checked before it is stored; never an OAuth grant. */
    private record PasswordOnly(String password) implements CredentialSource {
        @Override
        public String accessToken() throws ConnectorException {
            throw new ConnectorException(FailureKind.AUTH_REVOKED, "this check uses a password");
        }

        @Override
        public String toString() {
            return "PasswordOnly[***]";
        }
    }

    private static ConnectorSession open(ConnectorFactory factory, SessionContext context) {
        return factory.open(context);
    }
}
