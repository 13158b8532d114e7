package dev.postline.core.branding;

import dev.postline.core.tenant.TenantId;
import dev.postline.core.touchpoint.Touchpoint;
import dev.postline.core.touchpoint.TouchpointRepository;
import dev.postline.core.web.ApiException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A touchpoint's branding row, read or written for the services of this package. Every method
 * runs inside the caller's tenant transaction and answers 404 for a touchpoint of another tenant.
 */
@Singleton
class BrandingSettingsStore {

    private final BrandingSettingsRepository settings;
    private final BrandingImageRepository images;
    private final TouchpointRepository touchpoints;
    private final Clock clock;

    BrandingSettingsStore(BrandingSettingsRepository settings, BrandingImageRepository images, TouchpointRepository touchpoints,
                          Clock clock) {
        this.settings = settings;
        this.images = images;
        this.touchpoints = touchpoints;
        this.clock = clock;
    }

    Touchpoint touchpoint(TenantId tenant, UUID touchpointId) {
        return touchpoints.findByTenantIdAndId(tenant.value(), touchpointId).orElseThrow(() -> ApiException.notFound("touchpoint"));
    }

    /** The stored settings, or empty ones (not stored) when nothing was configured yet. */
    BrandingSettings current(TenantId tenant, UUID touchpointId) {
        touchpoint(tenant, touchpointId);
        return settings.findByTenantIdAndTouchpointId(tenant.value(), touchpointId)
                .orElseGet(() -> BrandingSettings.none(tenant.value(), touchpointId, clock.instant()));
    }

    BrandingSettings save(TenantId tenant, BrandingSettings changed) {
        boolean stored = settings.findByTenantIdAndTouchpointId(tenant.value(), changed.touchpointId()).isPresent();
        return stored ? settings.update(changed) : settings.save(changed);
    }

    /** The Content-IDs of the touchpoint's uploaded images. */
    Set<String> contentIds(TenantId tenant, UUID touchpointId) {
        return images.findByTenantIdAndTouchpointIdOrderByCreatedAt(tenant.value(), touchpointId).stream()
                .map(BrandingImage::contentId).collect(Collectors.toSet());
    }
}
