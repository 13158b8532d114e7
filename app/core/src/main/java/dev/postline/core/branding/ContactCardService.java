package dev.postline.core.branding;

import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.web.InputCheck;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** The contact card a touchpoint attaches to the first message of a conversation (vCard 4.0). */
@Singleton
public class ContactCardService {

    /** Replaces the card; a missing text field is empty, a missing {@code enabled} is false. */
    @Serdeable
    public record CardUpdate(@Nullable Boolean enabled, @Nullable String fullName, @Nullable String organization,
                             @Nullable String email, @Nullable String phone, @Nullable String url) {}

    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ().-]{1,38}");
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"\\\\]+");

    private final BrandingSettingsStore store;
    private final TenantTransactions tx;
    private final Clock clock;

    public ContactCardService(BrandingSettingsStore store, TenantTransactions tx, Clock clock) {
        this.store = store;
        this.tx = tx;
        this.clock = clock;
    }

    public ContactCard get(TenantId tenant, UUID touchpointId) {
        return tx.read(tenant, () -> store.current(tenant, touchpointId).card());
    }

    public ContactCard update(TenantId tenant, UUID touchpointId, CardUpdate update) {
        InputCheck in = InputCheck.start();
        String fullName = orEmpty(in.optionalText("fullName", update.fullName(), 200));
        String organization = orEmpty(in.optionalText("organization", update.organization(), 200));
        String email = orEmpty(in.optionalText("email", update.email(), 254));
        if (!email.isEmpty()) {
            var address = in.email("email", email);
            email = address == null ? email : address.value();
        }
        String phone = orEmpty(in.optionalText("phone", update.phone(), 40));
        in.check(phone.isEmpty() || PHONE.matcher(phone).matches(), "phone", "digits, spaces and + ( ) . - only, like +1 555 0100");
        String url = orEmpty(in.optionalText("url", update.url(), 500));
        in.check(url.isEmpty() || URL.matcher(url.toLowerCase(Locale.ROOT)).matches(), "url", "must be an http(s) URL without spaces");
        in.orThrow();
        ContactCard card = new ContactCard(Boolean.TRUE.equals(update.enabled()), fullName, organization, email, phone, url);
        return tx.write(tenant, () -> store.save(tenant, store.current(tenant, touchpointId).withCard(card, clock.instant())).card());
    }

    private static String orEmpty(@Nullable String s) {
        return s == null ? "" : s;
    }
}
