package dev.postline.core.workflow;

import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.Tenant;
import dev.postline.core.tenant.TenantRepository;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/** Returns transfers not accepted in time, for every tenant ({@code postline.transfer.sweep-interval}, 5 s). */
@Singleton
public class TransferTimeouts {

    private final TenantRepository tenants;
    private final TransferService transfers;
    private final TenantTransactions tx;

    public TransferTimeouts(TenantRepository tenants, TransferService transfers, TenantTransactions tx) {
        this.tenants = tenants;
        this.transfers = transfers;
        this.tx = tx;
    }

    @Scheduled(fixedDelay = "${postline.transfer.sweep-interval:5s}", initialDelay = "5s")
    void sweep() {
        for (Tenant tenant : tx.platform(tenants::listOrderBySlug)) {
            transfers.expireDue(tenant.tenantId());
        }
    }
}
