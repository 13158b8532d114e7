package dev.postline.core.disposition;

import dev.postline.core.conversation.ClosingRepository;
import dev.postline.core.conversation.ConversationRepository;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.touchpoint.TouchpointRepository;
import dev.postline.core.web.ApiException;
import dev.postline.core.web.InputCheck;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The tenant's dispositions and each touchpoint's own list. The effective list of a touchpoint is its
 * own list when it has one, else the tenant list; inactive dispositions are never offered.
 */
@Singleton
public class DispositionService {

    @Serdeable
    public record NewDisposition(String name, @Nullable Boolean active) {}

    @Serdeable
    public record DispositionChanges(@Nullable String name, @Nullable Boolean active) {}

    static final int MAX_PER_TOUCHPOINT = 200;

    private final DispositionRepository dispositions;
    private final TouchpointDispositionRepository links;
    private final TouchpointRepository touchpoints;
    private final ConversationRepository conversations;
    private final ClosingRepository closings;
    private final TenantTransactions tx;
    private final Clock clock;

    public DispositionService(DispositionRepository dispositions, TouchpointDispositionRepository links, TouchpointRepository touchpoints,
                              ConversationRepository conversations, ClosingRepository closings, TenantTransactions tx, Clock clock) {
        this.dispositions = dispositions;
        this.links = links;
        this.touchpoints = touchpoints;
        this.conversations = conversations;
        this.closings = closings;
        this.tx = tx;
        this.clock = clock;
    }

    public List<Disposition> list(TenantId tenant) {
        return tx.read(tenant, () -> dispositions.findByTenantIdOrderByNameKey(tenant.value()));
    }

    public Disposition get(TenantId tenant, UUID id) {
        return tx.read(tenant, () -> find(tenant, id));
    }

    public Disposition create(TenantId tenant, NewDisposition request) {
        InputCheck in = InputCheck.start();
        String name = in.text("name", request.name(), 100);
        in.orThrow();
        return tx.write(tenant, () -> {
            requireUniqueName(tenant, name, null);
            return dispositions.save(new Disposition(UUID.randomUUID(), tenant.value(), name, key(name),
                    request.active() == null || request.active(), clock.instant()));
        });
    }

    public Disposition update(TenantId tenant, UUID id, DispositionChanges changes) {
        InputCheck in = InputCheck.start();
        String name = in.optionalText("name", changes.name(), 100);
        in.check(changes.name() == null || !changes.name().isBlank(), "name", "must not be blank");
        in.orThrow();
        return tx.write(tenant, () -> {
            Disposition current = find(tenant, id);
            String newName = name != null ? name : current.name();
            requireUniqueName(tenant, newName, id);
            return dispositions.update(current.changed(newName, key(newName), changes.active() != null ? changes.active() : current.active()));
        });
    }

    /** Refused once a conversation was closed with it, even if since reopened (the history must keep its meaning): deactivate it instead. */
    public void delete(TenantId tenant, UUID id) {
        tx.write(tenant, () -> {
            find(tenant, id);
            if (conversations.existsByTenantIdAndDispositionId(tenant.value(), id) || closings.existsByTenantIdAndDispositionId(tenant.value(), id)) {
                throw ApiException.conflict("conversations were closed with this disposition; deactivate it instead");
            }
            dispositions.deleteByTenantIdAndId(tenant.value(), id);
        });
    }

    /** The touchpoint's own list (empty = it uses the tenant list). */
    public List<UUID> touchpointList(TenantId tenant, UUID touchpointId) {
        return tx.read(tenant, () -> {
            requireTouchpoint(tenant, touchpointId);
            return links.findByTenantIdAndTouchpointId(tenant.value(), touchpointId).stream()
                    .map(TouchpointDisposition::dispositionId).toList();
        });
    }

    /** Replaces the touchpoint's own list; an empty list makes it use the tenant list again. */
    public List<UUID> replaceTouchpointList(TenantId tenant, UUID touchpointId, @Nullable List<UUID> ids) {
        InputCheck in = InputCheck.start();
        in.require("dispositionIds", ids);
        in.check(ids == null || ids.size() <= MAX_PER_TOUCHPOINT, "dispositionIds", "at most " + MAX_PER_TOUCHPOINT + " dispositions");
        in.check(ids == null || ids.stream().allMatch(java.util.Objects::nonNull), "dispositionIds", "must not contain null");
        in.orThrow();
        Set<UUID> wanted = new LinkedHashSet<>(ids);
        return tx.write(tenant, () -> {
            requireTouchpoint(tenant, touchpointId);
            InputCheck known = InputCheck.start();
            wanted.forEach(d -> known.check(dispositions.findByTenantIdAndId(tenant.value(), d).isPresent(), "dispositionIds",
                    "unknown disposition " + d));
            known.orThrow();
            links.deleteByTenantIdAndTouchpointId(tenant.value(), touchpointId);
            wanted.forEach(d -> links.save(new TouchpointDisposition(UUID.randomUUID(), tenant.value(), touchpointId, d)));
            return List.copyOf(wanted);
        });
    }

    /** What agents may close a conversation of the touchpoint with; call inside the tenant's transaction. */
    public List<Disposition> effective(TenantId tenant, UUID touchpointId) {
        List<UUID> own = links.findByTenantIdAndTouchpointId(tenant.value(), touchpointId).stream()
                .map(TouchpointDisposition::dispositionId).toList();
        return dispositions.findByTenantIdOrderByNameKey(tenant.value()).stream()
                .filter(Disposition::active)
                .filter(d -> own.isEmpty() || own.contains(d.id()))
                .toList();
    }

    private Disposition find(TenantId tenant, UUID id) {
        return dispositions.findByTenantIdAndId(tenant.value(), id).orElseThrow(() -> ApiException.notFound("disposition"));
    }

    private void requireTouchpoint(TenantId tenant, UUID touchpointId) {
        touchpoints.findByTenantIdAndId(tenant.value(), touchpointId).orElseThrow(() -> ApiException.notFound("touchpoint"));
    }

    private void requireUniqueName(TenantId tenant, String name, @Nullable UUID self) {
        dispositions.findByTenantIdAndNameKey(tenant.value(), key(name))
                .filter(other -> !other.id().equals(self))
                .ifPresent(other -> {
                    throw ApiException.conflict("a disposition with this name already exists");
                });
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
