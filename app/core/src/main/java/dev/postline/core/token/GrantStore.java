package dev.postline.core.token;

import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.vault.SecretStore;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where grants live: the tokens sealed in the vault (one field, so both tokens change in one
 * write; associated data = tenant + touchpoint + field), the non-secret facts in {@code oauth_grant}.
 * {@link #save} writes both in ONE transaction: a rotated refresh token is durable before anyone
 * sees the access token that came with it.
 */
@Singleton
public class GrantStore {

    /** The vault field holding a touchpoint's OAuth grant. */
    public static final String FIELD = "oauth-grant";

    private final SecretStore secrets;
    private final OAuthGrantRepository records;
    private final GrantCodec codec;
    private final TenantTransactions tx;

    GrantStore(SecretStore secrets, OAuthGrantRepository records, GrantCodec codec, TenantTransactions tx) {
        this.secrets = secrets;
        this.records = records;
        this.codec = codec;
        this.tx = tx;
    }

    public void save(TenantId tenant, UUID touchpointId, OAuthGrant grant) {
        String sealed = codec.encode(grant);
        tx.write(tenant, () -> {
            secrets.put(tenant, touchpointId, FIELD, sealed);
            OAuthGrantRecord record = OAuthGrantRecord.of(tenant.value(), touchpointId, grant);
            if (records.findByTenantIdAndTouchpointId(tenant.value(), touchpointId).isPresent()) {
                records.update(record);
            } else {
                records.save(record);
            }
        });
    }

    public Optional<OAuthGrant> load(TenantId tenant, UUID touchpointId) {
        return secrets.get(tenant, touchpointId, FIELD).map(secret -> codec.decode(secret.reveal()));
    }

    /** The non-secret facts; joins the caller's tenant transaction if there is one. */
    public Optional<OAuthGrantRecord> facts(TenantId tenant, UUID touchpointId) {
        return tx.read(tenant, () -> records.findByTenantIdAndTouchpointId(tenant.value(), touchpointId));
    }

    /** Notes a failed refresh; the sealed grant stays exactly as it was. */
    public void recordFailure(TenantId tenant, UUID touchpointId, Instant at, String reason, boolean revoked) {
        tx.write(tenant, () -> records.findByTenantIdAndTouchpointId(tenant.value(), touchpointId)
                .ifPresent(record -> records.update(record.failed(at, reason, revoked))));
    }

    /** Touchpoints whose refresh token has not been used since {@code before}, revoked grants left out. */
    public List<UUID> idleSince(TenantId tenant, Instant before) {
        return tx.read(tenant, () -> records.findByTenantIdAndLastRefreshAtLessThanAndRevokedAtIsNull(tenant.value(), before)
                .stream().map(OAuthGrantRecord::touchpointId).toList());
    }
}
