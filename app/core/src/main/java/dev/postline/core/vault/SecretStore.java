package dev.postline.core.vault;

import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.tenant.TenantRepository;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Encrypted secrets per tenant, owner (e.g. a touchpoint) and field (e.g. "password"). */
@Singleton
public class SecretStore {

    private static final Logger LOG = LoggerFactory.getLogger(SecretStore.class);

    private final SecretRepository repository;
    private final TenantRepository tenants;
    private final SecretVault vault;
    private final TenantTransactions tx;
    private final Clock clock;

    public SecretStore(SecretRepository repository, TenantRepository tenants, SecretVault vault,
                       TenantTransactions tx, Clock clock) {
        this.repository = repository;
        this.tenants = tenants;
        this.vault = vault;
        this.tx = tx;
        this.clock = clock;
    }

    public void put(TenantId tenant, UUID ownerId, String field, String plaintext) {
        SecretVault.Sealed sealed = vault.seal(tenant, ownerId, field, plaintext);
        Instant now = clock.instant();
        tx.write(tenant, () -> repository.findByTenantIdAndOwnerIdAndField(tenant.value(), ownerId, field)
                .map(existing -> repository.update(existing.resealed(sealed, now)))
                .orElseGet(() -> repository.save(new SecretRecord(
                        UUID.randomUUID(), tenant.value(), ownerId, field, sealed.keyId(), sealed.ciphertext(), now))));
    }

    public Optional<Secret> get(TenantId tenant, UUID ownerId, String field) {
        return tx.read(tenant, () -> repository.findByTenantIdAndOwnerIdAndField(tenant.value(), ownerId, field))
                .map(record -> vault.open(tenant, ownerId, field, record.ciphertext()));
    }

    /** When the secret was last set, without decrypting it (what APIs may show). */
    public Optional<Instant> updatedAt(TenantId tenant, UUID ownerId, String field) {
        return tx.read(tenant, () -> repository.findByTenantIdAndOwnerIdAndField(tenant.value(), ownerId, field))
                .map(SecretRecord::updatedAt);
    }

    /** Removes one field of an owner; joins the caller's tenant transaction if there is one. */
    public void delete(TenantId tenant, UUID ownerId, String field) {
        tx.write(tenant, () -> repository.deleteByTenantIdAndOwnerIdAndField(tenant.value(), ownerId, field));
    }

    public void deleteAll(TenantId tenant, UUID ownerId) {
        tx.write(tenant, () -> repository.deleteByTenantIdAndOwnerId(tenant.value(), ownerId));
    }

    /**
     * Moves every secret not sealed under the current primary key onto it, tenant by tenant. Run
     * after a key rotation; once it reports zero remaining, old keys can leave the keyset.
     */
    public int reencryptAll() {
        long primary = vault.primaryKeyId();
        int moved = 0;
        for (var tenant : tx.platform(tenants::listOrderBySlug)) {
            TenantId id = tenant.tenantId();
            moved += tx.write(id, () -> {
                int count = 0;
                for (SecretRecord record : repository.findByTenantIdAndKeyIdNotEqual(id.value(), primary)) {
                    Secret plain = vault.open(id, record.ownerId(), record.field(), record.ciphertext());
                    repository.update(record.resealed(vault.seal(id, record.ownerId(), record.field(), plain.reveal()), clock.instant()));
                    count++;
                }
                return count;
            });
        }
        LOG.info("Vault re-encryption moved {} secrets to key {}", moved, primary);
        return moved;
    }
}
