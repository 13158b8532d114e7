package dev.postline.core.ingest;

import dev.postline.core.common.EmailAddress;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.touchpoint.TouchpointRepository;
import dev.postline.core.web.ApiException;
import dev.postline.core.web.InputCheck;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** A touchpoint's blocklist: exact addresses and {@code @domain} entries. */
@Singleton
public class BlocklistService {

    private static final Pattern DOMAIN = Pattern.compile("@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    @Serdeable
    public record NewEntry(String pattern, @Nullable String note) {}

    private final BlocklistRepository entries;
    private final TouchpointRepository touchpoints;
    private final TenantTransactions tx;
    private final Clock clock;

    public BlocklistService(BlocklistRepository entries, TouchpointRepository touchpoints, TenantTransactions tx, Clock clock) {
        this.entries = entries;
        this.touchpoints = touchpoints;
        this.tx = tx;
        this.clock = clock;
    }

    public List<BlocklistEntry> list(TenantId tenant, UUID touchpointId) {
        return tx.read(tenant, () -> {
            requireTouchpoint(tenant, touchpointId);
            return entries.findByTenantIdAndTouchpointIdOrderByPattern(tenant.value(), touchpointId);
        });
    }

    public BlocklistEntry add(TenantId tenant, UUID touchpointId, NewEntry request) {
        InputCheck in = InputCheck.start();
        String pattern = normalize(in, request.pattern());
        String note = in.optionalText("note", request.note(), 500);
        in.orThrow();
        return tx.write(tenant, () -> {
            requireTouchpoint(tenant, touchpointId);
            if (entries.existsByTenantIdAndTouchpointIdAndPatternInList(tenant.value(), touchpointId, List.of(pattern))) {
                throw ApiException.conflict("this entry is already on the blocklist");
            }
            return entries.save(new BlocklistEntry(UUID.randomUUID(), tenant.value(), touchpointId, pattern,
                    note == null ? "" : note, clock.instant()));
        });
    }

    public void remove(TenantId tenant, UUID touchpointId, UUID entryId) {
        tx.write(tenant, () -> {
            if (entries.deleteByTenantIdAndTouchpointIdAndId(tenant.value(), touchpointId, entryId) == 0) {
                throw ApiException.notFound("blocklist entry");
            }
        });
    }

    /**
     * The stored form of an entry ({@code jane@example.com} or {@code @example.com}, lower case), or
     * null with the problem recorded under {@code pattern}: lets a bulk import judge rows before saving.
     */
    @Nullable
    public static String normalize(InputCheck in, @Nullable String text) {
        String value = in.text("pattern", text, 254);
        if (value == null) {
            return null;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("@")) {
            in.check(DOMAIN.matcher(lower).matches(), "pattern", "a domain entry looks like @example.com");
            return lower;
        }
        EmailAddress address = in.email("pattern", value);
        return address == null ? null : address.normalized();
    }

    private void requireTouchpoint(TenantId tenant, UUID touchpointId) {
        touchpoints.findByTenantIdAndId(tenant.value(), touchpointId).orElseThrow(() -> ApiException.notFound("touchpoint"));
    }
}
