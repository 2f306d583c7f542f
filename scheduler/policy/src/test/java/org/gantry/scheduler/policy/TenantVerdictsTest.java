package org.gantry.scheduler.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.scheduler.policy.Clusters.job;
import static org.gantry.scheduler.policy.Clusters.tenant;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gantry.scheduler.policy.order.FirstInFirstOut;
import org.junit.jupiter.api.Test;

/** What the walks decided for the jobs they skipped, as {@code Plan.explain(job)} answers it. */
class TenantVerdictsTest {
    private static final Explanation QUOTA = Explanation.of(PendingReason.QUOTA, "quota");
    private static final Explanation FAIR = Explanation.of(PendingReason.FAIR_SHARE, "share");

    private final PendingJob first = job("a-1").tenant("a").gpus(2).submitted(1).build();
    private final PendingJob smallBehind = job("a-2").tenant("a").gpus(1).submitted(2).build();
    private final PendingJob largeBehind = job("a-3").tenant("a").gpus(4).submitted(3).build();
    private final PendingJob largeAhead = job("a-0").tenant("a").gpus(4).submitted(0).build();
    private final PendingJob constrained = job("a-4").tenant("a").gpus(4).label("disk", "fast").submitted(4).build();

    private TenantVerdicts verdicts() {
        return new TenantVerdicts(new FirstInFirstOut());
    }

    @Test
    void aDecisionCoversTheTenantsLargerUnconstrainedJobsBehindTheOneThatMadeIt() {
        TenantVerdicts verdicts = verdicts();
        verdicts.add(Map.of(tenant("a"), List.of(new TenantVerdicts.Decision(first, 2, QUOTA))));

        assertThat(verdicts.of(largeBehind)).isEqualTo(like(QUOTA));
        assertThat(verdicts.of(smallBehind)).as("smaller").isNull();
        assertThat(verdicts.of(largeAhead)).as("ahead of the deciding job").isNull();
        assertThat(verdicts.of(constrained)).as("with placement constraints").isNull();
        assertThat(verdicts.of(job("b-1").tenant("b").gpus(4).submitted(5).build())).as("another tenant").isNull();
    }

    @Test
    void jobsSetAsideAreLeftToTheNextWalkAndTheFirstWalkThatDecidedSpeaks() {
        TenantVerdicts verdicts = verdicts();
        verdicts.add(Map.of(tenant("a"), List.of(new TenantVerdicts.Decision(first, 2, null))));
        assertThat(verdicts.of(largeBehind)).isNull();

        verdicts.add(Map.of(tenant("a"), List.of(new TenantVerdicts.Decision(first, 2, FAIR))));
        verdicts.add(Map.of(tenant("a"), List.of(new TenantVerdicts.Decision(first, 2, QUOTA))));
        assertThat(verdicts.of(largeBehind)).isEqualTo(like(FAIR));
    }

    /** Without facts to re-tell, a skipped job is told the deciding job's words, named as such. */
    private static Explanation like(Explanation why) {
        return Explanation.of(why.reason(), "like job a-1 (2 GPUs) ahead of it: " + why.message());
    }

    @Test
    void withFactsASkippedJobIsToldItsOwnNumbers() {
        TenantVerdicts verdicts = verdicts();
        var facts = new WaitFacts.Quota(new org.gantry.api.tenant.PoolQuota(2, 6), 3, 8, -1);
        verdicts.add(Map.of(tenant("a"), List.of(new TenantVerdicts.Decision(first, 2,
                Explanation.of(PendingReason.QUOTA, "tenant holds 3 GPUs; 4 more would exceed its limit of 6"), facts))));

        assertThat(verdicts.of(largeBehind)).isEqualTo(Explanation.of(PendingReason.QUOTA, "tenant holds 3 GPUs; "
                + "4 more would exceed its limit of 6; job a-1 (2 GPUs) of the same tenant, ahead of it, could not "
                + "start either"));
        assertThat(verdicts.of(job("a-5").tenant("a").gpus(5).submitted(5).build()).message())
                .startsWith("tenant holds 3 GPUs; 5 more would exceed its limit of 6");
    }

    @Test
    void fairShareRefusalsOfEveryWalkAreUndoneOnceTheShareIsLifted() {
        TenantVerdicts verdicts = verdicts();
        verdicts.add(new HashMap<>(Map.of(tenant("a"), List.of(new TenantVerdicts.Decision(first, 2, FAIR)))));
        verdicts.add(new HashMap<>(Map.of(tenant("a"), List.of(new TenantVerdicts.Decision(first, 2, FAIR)))));

        verdicts.undecide(PendingReason.FAIR_SHARE);

        assertThat(verdicts.of(largeBehind)).isNull();
    }
}
