package dev.postline.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.tenant.TenantService;
import dev.postline.core.user.Role;
import dev.postline.core.user.UserService;
import dev.postline.core.vault.SecretRepository;
import dev.postline.core.vault.SecretStore;
import dev.postline.core.vault.SecretUnreadableException;
import dev.postline.core.vault.SecretVault;
import dev.postline.core.vault.VaultKeysets;
import dev.postline.server.support.TestDatabase;
import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Key rotation across restarts on one database: a rotated keyset still reads old secrets, the
 * re-encrypt job moves every row to the new primary key, after which the old key can go.
 */
class VaultRotationTest {

    @Test
    void rotationKeepsSecretsReadableAndReencryptionRetiresTheOldKey() throws Exception {
        Map<String, Object> database = TestDatabase.newDatabase();
        KeysetHandle original = VaultKeysets.generate();
        KeysetHandle rotated = VaultKeysets.rotate(original);
        KeysetHandle newKeyOnly = KeysetHandle.newBuilder(rotated).deleteAt(0).build();
        UUID owner = UUID.randomUUID();
        TenantId tenant;

        try (ApplicationContext first = start(database, original)) {
            var created = first.getBean(TenantService.class).create(new TenantService.NewTenant("rot", "Rotation Inc",
                    new UserService.NewUser("admin@rot.example.com", "Admin", Role.ADMIN, "admin-password-1")));
            tenant = created.tenant().tenantId();
            SecretStore store = first.getBean(SecretStore.class);
            for (String field : List.of("password", "refreshToken", "webhookSecret")) {
                store.put(tenant, owner, field, "value-of-" + field);
            }
        }

        try (ApplicationContext second = start(database, rotated)) {
            SecretStore store = second.getBean(SecretStore.class);
            assertThat(store.get(tenant, owner, "password").orElseThrow().reveal()).isEqualTo("value-of-password");
            assertThat(store.reencryptAll()).isEqualTo(3);
            assertThat(store.reencryptAll()).as("nothing left to move").isZero();
            long primary = second.getBean(SecretVault.class).primaryKeyId();
            var rows = second.getBean(TenantTransactions.class).read(tenant,
                    () -> second.getBean(SecretRepository.class).findByTenantIdAndOwnerId(tenant.value(), owner));
            assertThat(rows).extracting(r -> r.keyId()).containsOnly(primary);
        }

        try (ApplicationContext third = start(database, newKeyOnly)) {
            assertThat(third.getBean(SecretStore.class).get(tenant, owner, "webhookSecret").orElseThrow().reveal())
                    .isEqualTo("value-of-webhookSecret");
        }

        try (ApplicationContext oldKeyOnly = start(database, original)) {
            assertThatThrownBy(() -> oldKeyOnly.getBean(SecretStore.class).get(tenant, owner, "password"))
                    .as("rows really moved off the old key").isInstanceOf(SecretUnreadableException.class);
        }
    }

    private static ApplicationContext start(Map<String, Object> database, KeysetHandle keyset) {
        Map<String, Object> props = new HashMap<>(database);
        props.put("postline.vault.keyset", VaultKeysets.toJson(keyset));
        props.put("postline.security.jwt-secret", "test-jwt-secret-that-is-long-enough-for-hs256-signing");
        props.put("postline.security.password-iterations", "1000");
        return ApplicationContext.run(props);
    }
}
