package org.gantry.scheduler.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.gantry.scheduler.policy.Clusters.cluster;
import static org.gantry.scheduler.policy.Clusters.id;
import static org.gantry.scheduler.policy.Clusters.job;
import static org.gantry.scheduler.policy.Clusters.node;
import static org.gantry.scheduler.policy.Clusters.run;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How quotas bound {@code gittins}' preemptions (minimum run 300 s; now is 10000). The jobs carry
 * no outlook, so a job's rank is the GPU-seconds it has had (as under least-attained-service), and
 * a waiting job preempts a running one only when the running one's rank is over twice its own
 * (the waiting job's rounded up to a quarter doubling).
 */
class GittinsQuotaTest {
    private static final SchedulingPolicy GITTINS = Policies.gittins(300);

    @Test
    void borrowedGpusAreTakenBackByRankNotBlindly() {
        // b borrows all of n1 (36,000 GPU-s had each); a's job within its guarantee has had 20,000
        // itself: not half as much, so the borrowers, nearer the end as far as anyone knows, keep
        // running (a rank-blind reclaim would take one)
        Plan plan = cluster()
                .nodes(node("n1", 8))
                .quota("a", 8, 8).quota("b", 0, 8)
                .running(run("b1").tenant("b").on("n1", 0, 1, 2, 3).started(1_000),
                        run("b2").tenant("b").on("n1", 4, 5, 6, 7).started(1_000))
                .pending(job("a1").tenant("a").gpus(4).attained(20_000))
                .plan(GITTINS);

        assertThat(plan.preemptions()).isEmpty();
    }

    @Test
    void aFreshJobWithinItsGuaranteeTakesBorrowedGpusFromTheMostServed() {
        Plan plan = cluster()
                .nodes(node("n1", 8))
                .quota("a", 8, 8).quota("b", 0, 8)
                .running(run("b1").tenant("b").on("n1", 0, 1, 2, 3).started(1_000).attained(50_000),
                        run("b2").tenant("b").on("n1", 4, 5, 6, 7).started(1_000))
                .pending(job("a1").tenant("a").gpus(4))
                .plan(GITTINS);

        assertThat(plan.preemptions()).extracting(Preemption::victim, Preemption::code)
                .containsExactly(tuple(id("b1"), "smaller_gittins_rank"));
    }

    @Test
    void withinATenantTheLongServedJobMakesWay() {
        Plan plan = cluster()
                .nodes(node("n1", 4))
                .quota("a", 8, 8)
                .running(run("a-old").tenant("a").on("n1", 0, 1, 2, 3).started(1_000))
                .pending(job("a1").tenant("a").gpus(4).attained(10_000))
                .plan(GITTINS);

        // 36,000 GPU-s had against 10,000 (rounded up to 11,585): over twice as much
        assertThat(plan.preemptions()).extracting(Preemption::victim).containsExactly(id("a-old"));
    }

    /**
     * c runs within its own guarantee, long served. A fresh job of another tenant waits rather than
     * take c's guaranteed GPUs, whether it is within its own guarantee (a: both guarantees together
     * exceed the node) or would borrow (b, no guarantee).
     */
    @ParameterizedTest(name = "tenant {0} with a guarantee of {1} preempts nobody")
    @CsvSource({"a, 4", "b, 0"})
    void anotherTenantsGuaranteedWorkIsNeverPreempted(String tenant, int guarantee) {
        Plan plan = cluster()
                .nodes(node("n1", 4))
                .quota(tenant, guarantee, 4).quota("c", 4, 4)
                .running(run("c1").tenant("c").on("n1", 0, 1, 2, 3).started(1_000))
                .pending(job("x1").tenant(tenant).gpus(4))
                .plan(GITTINS);

        assertThat(plan.preemptions()).isEmpty();
    }

    /**
     * Without quotas every guarantee is unlimited and promises no GPUs in particular: the rank
     * alone decides, across tenants. c1 has had 36,000 GPU-s; a fresh a1 preempts it (the case
     * above, with quotas off), one that has had 20,000 (rounded up to 23,170) does not: not over
     * twice as much.
     */
    @ParameterizedTest(name = "a job that has had {0} GPU-s preempts {1}")
    @CsvSource(value = {"0, c1", "20000, nobody"})
    void withoutQuotasTheRankAloneDecidesAcrossTenants(double attained, String victim) {
        Plan plan = cluster()
                .nodes(node("n1", 4))
                .running(run("c1").tenant("c").on("n1", 0, 1, 2, 3).started(1_000))
                .pending(job("a1").tenant("a").gpus(4).attained(attained))
                .plan(GITTINS);

        assertThat(plan.preemptions()).extracting(Preemption::victim)
                .containsExactlyElementsOf(victim.equals("nobody") ? List.of() : List.of(id(victim)));
    }
}
