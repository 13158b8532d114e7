package dev.postline.server.support;

import dev.postline.core.vault.VaultKeysets;
import io.micronaut.test.support.TestPropertyProvider;
import java.util.HashMap;
import java.util.Map;

/**
 * Configuration for a test application context: its own database, keys generated for the run,
 * a cheap password hash (the iteration count is a deployment setting; tests need speed), and a
 * platform operator. Test classes implement this and add their own properties if needed.
 */
public interface PostlineTestProperties extends TestPropertyProvider {

    String OPERATOR_EMAIL = "operator@platform.test";
    String OPERATOR_PASSWORD = "operator-password-1";

    @Override
    default Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>();
        TestDatabase.newDatabase().forEach((k, v) -> props.put(k, String.valueOf(v)));
        props.put("micronaut.server.port", "-1");
        props.put("postline.security.jwt-secret", "test-jwt-secret-that-is-long-enough-for-hs256-signing");
        props.put("postline.security.password-iterations", "1000");
        props.put("postline.security.secure-cookie", "false");
        props.put("postline.vault.keyset", VaultKeysets.toJson(VaultKeysets.generate()));
        props.put("postline.operator.email", OPERATOR_EMAIL);
        props.put("postline.operator.password", OPERATOR_PASSWORD);
        props.put("postline.data-dir", TestDataDir.create().toString());
        // Sync loops only where a test has a mail server for them (see MailboxServer.syncProperties).
        props.put("postline.sync.enabled", "false");
        props.putAll(extraProperties());
        return props;
    }

    default Map<String, String> extraProperties() {
        return Map.of();
    }
}
