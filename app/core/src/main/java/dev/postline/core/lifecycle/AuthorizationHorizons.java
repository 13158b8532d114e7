package dev.postline.core.lifecycle;

import dev.postline.core.tenant.TenantId;
import dev.postline.core.touchpoint.Touchpoint;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every {@link AuthorizationHorizon} bean, asked together: the earliest predicted end and the
 * shortest periodic notice of those that apply to a touchpoint's kind win (the most cautious answer).
 */
@Singleton
public class AuthorizationHorizons {

    private final List<AuthorizationHorizon> horizons;

    public AuthorizationHorizons(List<AuthorizationHorizon> horizons) {
        this.horizons = List.copyOf(horizons);
    }

    /** Must be called inside a tenant transaction of {@code tenant}. */
    public Horizon predict(TenantId tenant, Touchpoint touchpoint) {
        List<Horizon> answers = new ArrayList<>();
        for (AuthorizationHorizon horizon : horizons) {
            if (horizon.appliesTo(touchpoint.connectorKind())) {
                answers.add(horizon.predict(tenant, touchpoint));
            }
        }
        Optional<Horizon> byEnd = answers.stream().filter(h -> h.predictedEnd().isPresent())
                .min(Comparator.comparing(h -> h.predictedEnd().get()));
        Optional<Duration> periodic = answers.stream().flatMap(h -> h.periodicNotice().stream()).min(Comparator.naturalOrder());
        Optional<Instant> end = byEnd.flatMap(Horizon::predictedEnd);
        String basis = byEnd.map(Horizon::basis).orElseGet(() -> answers.stream()
                .filter(h -> h.periodicNotice().isPresent()).map(Horizon::basis).findFirst().orElse(Horizon.OPEN_ENDED.basis()));
        return new Horizon(end, periodic, basis);
    }
}
