package dev.postline.core.upload;

import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.Tenant;
import dev.postline.core.tenant.TenantRepository;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired uploads no draft holds. Their blobs stay (the blob store is content-addressed
 * and shared with messages that may have sent the same bytes).
 */
@Singleton
public class UploadSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(UploadSweeper.class);

    private final TenantRepository tenants;
    private final UploadService uploads;
    private final TenantTransactions tx;

    public UploadSweeper(TenantRepository tenants, UploadService uploads, TenantTransactions tx) {
        this.tenants = tenants;
        this.uploads = uploads;
        this.tx = tx;
    }

    @Scheduled(fixedDelay = "${postline.outbound.upload-sweep-interval:10m}", initialDelay = "1m")
    void sweep() {
        for (Tenant tenant : tx.platform(tenants::listOrderBySlug)) {
            int removed = uploads.sweep(tenant.tenantId());
            if (removed > 0) {
                LOG.info("Removed {} expired upload(s) of tenant {}", removed, tenant.tenantId());
            }
        }
    }
}
