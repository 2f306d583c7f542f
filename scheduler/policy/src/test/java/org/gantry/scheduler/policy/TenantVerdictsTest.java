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
    private static final Explanation QUOTA = Explanation.of(PendingReason.QUOTA, "like job a-1 ahead of it: quota");
    private static final Explanation FAIR = Explanation.of(PendingReason.FAIR_SHARE, "like job a-1 ahead of it: share");

    private final PendingJob first = job("a-1").tenant("a").gpus(2).submitted(1).build();
    private final PendingJob smallBehind = job("a-2").tenant("a").gpus(1).submitted(2).build();
    private final PendingJob largeBehind = job("a-3").tenant("a").gpus(4).submitted(3).build();
    private final PendingJob largeAhead = job("a-0").tenant("a").gpus(4).submitted(0).build();
    private final PendingJob constrained = job("a-4").tenant("a").gpus(4).label("disk", "fast").submitted(4).build();

    private TenantVerdicts verdicts() {
        return new TenantVerdicts(new FirstInFirstOut().comparator());
    }

    @Test
    void aDecisionCoversTheTenantsLargerUnconstrainedJobsBehindTheOneThatMadeIt() {
        TenantVerdicts verdicts = verdicts();
        verdicts.add(Map.of(tenant("a"), List.of(new TenantVerdicts.Decision(first, 2, QUOTA))));

        assertThat(verdicts.of(largeBehind)).isEqualTo(QUOTA);
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
        assertThat(verdicts.of(largeBehind)).isEqualTo(FAIR);
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
