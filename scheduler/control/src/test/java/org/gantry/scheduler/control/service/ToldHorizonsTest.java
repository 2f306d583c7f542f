package org.gantry.scheduler.control.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.gantry.api.service.Caller;
import org.gantry.api.tenant.TenantId;
import org.junit.jupiter.api.Test;

/** Whom a listing waits for: what its tenant was told, or for an admin what anyone was told; never more. */
class ToldHorizonsTest {
    private static final TenantId TEAM = TenantId.of("team");
    private static final TenantId LAB = TenantId.of("lab");

    @Test
    void aListingWaitsOnlyForWhatItsCallerCouldHaveBeenTold() {
        AtomicLong head = new AtomicLong(7);
        ToldHorizons told = new ToldHorizons(head::get);
        assertThat(told.horizon(new Caller.Admin())).as("nothing told yet: no wait").isZero();

        told.told(TEAM);
        head.set(40); // the scheduler writes on; nobody is told
        assertThat(told.horizon(new Caller.Tenant(TEAM))).isEqualTo(7);
        assertThat(told.horizon(new Caller.Tenant(TEAM, true))).as("its reader too").isEqualTo(7);
        assertThat(told.horizon(new Caller.Tenant(LAB))).as("another tenant's jobs are not its to see").isZero();
        assertThat(told.horizon(new Caller.Admin())).as("an admin sees every tenant's jobs").isEqualTo(7);

        told.told(LAB);
        assertThat(told.horizon(new Caller.Tenant(LAB))).isEqualTo(40);
        assertThat(told.horizon(new Caller.Tenant(TEAM))).isEqualTo(7);
        assertThat(told.horizon(new Caller.Admin())).isEqualTo(40);
    }
}
