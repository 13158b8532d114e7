package dev.postline.core.branding;

import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.web.InputCheck;
import dev.postline.mail.HtmlText;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * A touchpoint's signature: rich HTML with variables, click-to-call links and inline images. It can
 * be saved inactive and activated later; only an active signature is added to outbound mail.
 */
@Singleton
public class SignatureService {

    /** A missing field keeps its current value, so {@code {"active": true}} activates what was saved. */
    @Serdeable
    public record SignatureUpdate(@Nullable String html, @Nullable Boolean active) {}

    /** The signature as saved; {@code text} is the plain-text form sent beside it (variables not yet filled). */
    @Serdeable
    public record Signature(String html, boolean active, String text, Instant updatedAt) {
        static Signature of(BrandingSettings s) {
            return new Signature(s.signatureHtml(), s.signatureActive(), HtmlText.of(s.signatureHtml()), s.updatedAt());
        }
    }

    private final BrandingSettingsStore store;
    private final TenantTransactions tx;
    private final Clock clock;

    public SignatureService(BrandingSettingsStore store, TenantTransactions tx, Clock clock) {
        this.store = store;
        this.tx = tx;
        this.clock = clock;
    }

    public Signature get(TenantId tenant, UUID touchpointId) {
        return tx.read(tenant, () -> Signature.of(store.current(tenant, touchpointId)));
    }

    public Signature update(TenantId tenant, UUID touchpointId, SignatureUpdate update) {
        return tx.write(tenant, () -> {
            BrandingSettings current = store.current(tenant, touchpointId);
            InputCheck in = InputCheck.start();
            String html = update.html() == null ? current.signatureHtml()
                    : BrandingHtml.clean(in, "html", update.html(), store.contentIds(tenant, touchpointId));
            boolean active = update.active() == null ? current.signatureActive() : update.active();
            in.check(!active || html == null || !html.isBlank(), "active", "an empty signature cannot be active");
            in.orThrow();
            return Signature.of(store.save(tenant, current.withSignature(html, active, clock.instant())));
        });
    }
}
