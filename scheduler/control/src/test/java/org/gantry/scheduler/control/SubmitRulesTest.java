package org.gantry.scheduler.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.quota.QuotaBook;
import org.gantry.quota.TenantPool;
import org.junit.jupiter.api.Test;

class SubmitRulesTest {
    private static final TenantId VISION = TenantId.of("vision");
    private final SubmitRules rules = new SubmitRules(Set.of(VISION), Set.of(PoolId.of("b"), PoolId.of("a")));

    @Test
    void aKnownTenantInAKnownPoolMaySubmit() {
        assertThat(rules.problem(VISION, PoolId.of("a"))).isNull();
    }

    @Test
    void anUnknownTenantIsToldHowOneIsCreated() {
        assertThat(rules.problem(TenantId.of("nlp"), PoolId.of("a")))
                .isEqualTo("tenant 'nlp' does not exist: an admin creates it with 'gantry tenants create nlp "
                        + "--quota default=GUARANTEED:LIMIT' (POST /api/v1/tenants)");
    }

    @Test
    void anUnknownPoolIsToldTheKnownOnesInOrder() {
        assertThat(rules.problem(VISION, PoolId.of("z"))).isEqualTo("pool 'z' has no nodes and no quota; known pools: [a, b]");
    }

    @Test
    void aJobThatCanNeverStartIsAcceptedWithAWarningThatSaysHowToFixIt() {
        PoolId pool = PoolId.DEFAULT;
        var limited = new SubmitRules(Set.of(VISION), Set.of(pool), Map.of(pool, 16),
                QuotaBook.of(Map.of(new TenantPool(VISION, pool), new PoolQuota(8, 12))));

        assertThat(limited.warnings(spec(12))).isEmpty();
        assertThat(limited.warnings(spec(13))).containsExactly("job can never start: needs 13 GPUs, and tenant vision "
                + "may hold at most 12 in pool default (its limit); submit it with at most 12 GPUs, or ask an admin "
                + "to raise the limit (gantry quota set)");
        assertThat(limited.warnings(spec(64))).containsExactly("job can never start: needs 64 GPUs, and pool default "
                + "has 16 in all (cordoned nodes included); submit it with at most 16 GPUs, or to a larger pool");
        assertThat(rules.warnings(spec(64))).as("rules that know no capacity warn about nothing").isEmpty();
    }

    private static JobSpec spec(int gpus) {
        return JobSpec.builder("big", GpuRequest.fixed(gpus), new SimulatedWorkload(Duration.ofMinutes(1))).tenant(VISION).build();
    }
}
