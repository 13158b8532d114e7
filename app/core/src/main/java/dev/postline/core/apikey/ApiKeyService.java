package dev.postline.core.apikey;

import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.user.Role;
import dev.postline.core.web.ApiException;
import dev.postline.core.web.InputCheck;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * API keys for portal integrations. A key reads {@code plk.<tenant>.<key id>.<secret>}: the tenant
 * and id locate the row inside the tenant boundary, the 256-bit secret is compared against its
 * SHA-256 (a slow hash adds nothing for a random secret of that length). Keys act as a
 * SUPERVISOR or an AGENT, never as an ADMIN: administration needs a person.
 */
@Singleton
public class ApiKeyService {

    private static final String PREFIX = "plk";

    @Serdeable
    public record NewApiKey(String name, @Nullable Role role) {}

    public record IssuedApiKey(ApiKey key, String token) {
        @Override
        public String toString() {
            return "IssuedApiKey[" + key.id() + ", token=<redacted>]";
        }
    }

    private final ApiKeyRepository keys;
    private final TenantTransactions tx;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiKeyService(ApiKeyRepository keys, TenantTransactions tx, Clock clock) {
        this.keys = keys;
        this.tx = tx;
        this.clock = clock;
    }

    public IssuedApiKey create(TenantId tenant, UUID createdBy, NewApiKey request) {
        InputCheck in = InputCheck.start();
        String name = in.text("name", request.name(), 100);
        Role role = request.role() == null ? Role.SUPERVISOR : request.role();
        in.check(role != Role.ADMIN, "role", "API keys may be SUPERVISOR or AGENT");
        in.orThrow();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiKey key = tx.write(tenant, () -> keys.save(new ApiKey(UUID.randomUUID(), tenant.value(), name, role,
                sha256(secretText), createdBy, clock.instant(), null)));
        return new IssuedApiKey(key, String.join(".", PREFIX, hex(tenant.value()), hex(key.id()), secretText));
    }

    public List<ApiKey> list(TenantId tenant) {
        return tx.read(tenant, () -> keys.findByTenantIdOrderByCreatedAt(tenant.value()));
    }

    public ApiKey revoke(TenantId tenant, UUID id) {
        return tx.write(tenant, () -> {
            ApiKey key = keys.findByTenantIdAndId(tenant.value(), id).orElseThrow(() -> ApiException.notFound("API key"));
            return key.active() ? keys.update(key.revoked(clock.instant())) : key;
        });
    }

    /** The active key a presented token belongs to, if any. Malformed tokens simply do not match. */
    public Optional<ApiKey> authenticate(String token) {
        String[] parts = token.strip().split("\\.");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            return Optional.empty();
        }
        Optional<UUID> tenant = fromHex(parts[1]);
        Optional<UUID> id = fromHex(parts[2]);
        if (tenant.isEmpty() || id.isEmpty()) {
            return Optional.empty();
        }
        TenantId tenantId = TenantId.of(tenant.get());
        String presented = sha256(parts[3]);
        return tx.read(tenantId, () -> keys.findByTenantIdAndId(tenantId.value(), id.get()))
                .filter(ApiKey::active)
                .filter(key -> MessageDigest.isEqual(key.secretHash().getBytes(StandardCharsets.US_ASCII),
                        presented.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String hex(UUID id) {
        return id.toString().replace("-", "");
    }

    private static Optional<UUID> fromHex(String hex) {
        if (!hex.matches("[0-9a-f]{32}")) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(hex.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5")));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
