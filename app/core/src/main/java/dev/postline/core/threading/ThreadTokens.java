package dev.postline.core.threading;

import dev.postline.core.tenant.TenantId;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Our own Message-IDs: {@code pl.<conversation>.<nonce>.<mac>@domain}, where the MAC (HMAC-SHA256,
 * truncated to 128 bits) covers tenant, touchpoint, conversation and nonce. A reply quoting one is
 * attached to that conversation without a lookup; a forged or foreign one is ignored, so a
 * customer cannot attach mail to another thread by writing a header.
 */
@Singleton
public class ThreadTokens {

    private static final Pattern TOKEN = Pattern.compile("pl\\.([0-9a-f]{32})\\.([0-9a-f]{16})\\.([0-9a-f]{32})@.+");

    private final byte[] key;
    private final SecureRandom random = new SecureRandom();
    /** A keyed Mac per thread: looking up the provider and keying it for every Message-ID showed in the reply profile. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::keyedMac);

    public ThreadTokens(@Value("${postline.security.jwt-secret}") String serverSecret) {
        // Derived, so deployments need no extra secret; distinct from the JWT key by construction.
        this.key = hmac(serverSecret.getBytes(StandardCharsets.UTF_8), "postline-thread-token-v1");
    }

    /** A new Message-ID (without angle brackets) for a message of the conversation. */
    public String messageId(TenantId tenant, UUID touchpointId, UUID conversationId, String domain) {
        byte[] nonce = new byte[8];
        random.nextBytes(nonce);
        String conversation = hex(conversationId);
        String nonceHex = HexFormat.of().formatHex(nonce);
        return "pl." + conversation + "." + nonceHex + "." + mac(tenant, touchpointId, conversation, nonceHex) + "@" + domain;
    }

    /** The conversation a Message-ID of ours names, if it is genuine for this tenant and touchpoint. */
    public Optional<UUID> conversationOf(TenantId tenant, UUID touchpointId, String messageId) {
        Matcher m = TOKEN.matcher(messageId);
        if (!m.matches()) {
            return Optional.empty();
        }
        byte[] expected = mac(tenant, touchpointId, m.group(1), m.group(2)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, m.group(3).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        String h = m.group(1);
        return Optional.of(UUID.fromString(h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-"
                + h.substring(16, 20) + "-" + h.substring(20)));
    }

    private String mac(TenantId tenant, UUID touchpointId, String conversation, String nonce) {
        byte[] full = macs.get().doFinal((tenant + "|" + touchpointId + "|" + conversation + "|" + nonce).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(full, 0, 16);
    }

    private Mac keyedMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(UUID id) {
        return id.toString().replace("-", "");
    }
}
