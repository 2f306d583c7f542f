package org.gantry.scheduler.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.service.Caller;
import org.gantry.api.service.PoolSummary;
import org.gantry.api.service.TenantService;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guarantees that add up to more GPUs than a pool has are said out loud: on tenant creation, on a
 * quota change, in a tenant's quota and in the pool's summary, on a real control plane with a
 * 4-GPU agent.
 */
class OvercommitmentTest {
    private static final Caller ADMIN = new Caller.Admin();

    @TempDir
    Path dataDir;

    @Test
    void overcommittedGuaranteesAreReportedWhereverQuotasShow() {
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir)) {
            control.system.systemActorOf(ScriptedAgent.create("node-1", 4), "agent-1",
                    org.apache.pekko.actor.typed.Props.empty());
            control.awaitReady();
            TenantService tenants = control.services().tenants();
            ControlPlaneHarness.await("the node's 4 GPUs", () -> control.services().cluster().pools(ADMIN),
                    pools -> pools.stream().anyMatch(pool -> pool.gpus() == 4), Duration.ofSeconds(30));

            var fits = tenants.create(ADMIN, spec("vision", 3)).toCompletableFuture().join();
            assertThat(fits.warnings()).isEmpty();

            var over = tenants.create(ADMIN, spec("nlp", 3)).toCompletableFuture().join();
            assertThat(over.warnings()).containsExactly("pool 'default' guarantees 6 GPUs to its tenants but has 4: "
                    + "when all claim their guarantee, 2 GPUs' worth will wait");

            ControlPlaneHarness.await("the scheduler to see both guarantees", () -> control.services().cluster()
                    .pools(ADMIN), pools -> defaultPool(pools).guaranteed() == 6, Duration.ofSeconds(10));
            PoolSummary pool = defaultPool(control.services().cluster().pools(ADMIN).toCompletableFuture().join());
            assertThat(pool.overcommitted()).isTrue();
            assertThat(tenants.quota(ADMIN, TenantId.of("vision")).toCompletableFuture().join().warnings())
                    .as("every tenant of the pool hears of it").hasSize(1);

            var lowered = tenants.setQuota(ADMIN, TenantId.of("nlp"),
                    Map.of(PoolId.DEFAULT, new PoolQuota(1, 4))).toCompletableFuture().join();
            assertThat(lowered.warnings()).isEmpty();
            ControlPlaneHarness.await("the pool to fit its guarantees", () -> control.services().cluster().pools(ADMIN),
                    pools -> !defaultPool(pools).overcommitted() && defaultPool(pools).guaranteed() == 4,
                    Duration.ofSeconds(10));
        }
    }

    private static TenantSpec spec(String name, int guaranteed) {
        return new TenantSpec(TenantId.of(name), Map.of(PoolId.DEFAULT, new PoolQuota(guaranteed, 8)));
    }

    private static PoolSummary defaultPool(List<PoolSummary> pools) {
        return pools.stream().filter(pool -> pool.id().equals(PoolId.DEFAULT)).findFirst().orElseThrow();
    }
}
