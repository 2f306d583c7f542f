package org.gantry.scheduler.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.tenant.TenantId;
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
}
