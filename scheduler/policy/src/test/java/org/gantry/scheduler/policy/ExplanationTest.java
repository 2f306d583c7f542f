package org.gantry.scheduler.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.scheduler.policy.Clusters.cluster;
import static org.gantry.scheduler.policy.Clusters.id;
import static org.gantry.scheduler.policy.Clusters.job;
import static org.gantry.scheduler.policy.Clusters.node;
import static org.gantry.scheduler.policy.Clusters.run;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Stage 8, explain: the reasons a new user met that were not true of their job, each pinned. */
class ExplanationTest {
    static Stream<SchedulingPolicy> policies() {
        return Stream.of(Policies.fifo(), Policies.fifoBackfill(), Policies.gantry(), Policies.gantryFair(),
                Policies.leastAttainedService(300), Policies.gittins(300));
    }

    private static Explanation explain(Clusters.Cluster cluster, SchedulingPolicy policy, String job) {
        Snapshot snapshot = cluster.snapshot(policy.order());
        Plan plan = policy.plan(snapshot);
        for (PendingJob pending : snapshot.queue()) {
            if (pending.id().equals(id(job))) {
                return plan.explain(pending);
            }
        }
        throw new AssertionError("no pending job " + job);
    }

    /** Tenant a (guarantee 8, limit 16) holds 8 of 24 GPUs and queues x, then y, of the given sizes. */
    private static Clusters.Cluster limitedTo16(int x, int y) {
        return cluster().nodes(node("n1", 8), node("n2", 8), node("n3", 8)).quota("a", 8, 16)
                .running(run("r1").on("n1", 0, 1, 2, 3, 4, 5, 6, 7).ends(12_000))
                .pending(job("x").gpus(x).submitted(1), job("y").gpus(y).submitted(2));
    }

    /** A 64-GPU job on a 16-GPU cluster was RESERVED with an estimated start, then NOT_REACHED. */
    @ParameterizedTest
    @MethodSource("policies")
    void aJobWiderThanItsPoolNeverFits(SchedulingPolicy policy) {
        var full = cluster().nodes(node("n1", 8), node("n2", 8).cordoned())
                .running(run("r1").on("n1", 0, 1, 2, 3, 4, 5, 6, 7).ends(12_000))
                .pending(job("small").gpus(8).submitted(1), job("big").gpus(64).submitted(2));

        Explanation why = explain(full, policy, "big");

        assertThat(why).isEqualTo(Explanation.of(PendingReason.NEVER_FITS, "can never start: needs 64 GPUs, and "
                + "pool p has 16 in all (cordoned nodes included); submit it with at most 16 GPUs, or to a larger pool"));
    }

    /** A 20-GPU job of a tenant limited to 16 was told "8 more would exceed its limit", another job's numbers. */
    @ParameterizedTest
    @MethodSource("policies")
    void aJobWiderThanItsTenantsLimitNeverFits(SchedulingPolicy policy) {
        var limited = limitedTo16(16, 20);

        assertThat(explain(limited, policy, "x")).isEqualTo(Explanation.of(PendingReason.QUOTA,
                "tenant holds 8 GPUs; 16 more would exceed its limit of 16"));
        assertThat(explain(limited, policy, "y")).isEqualTo(Explanation.of(PendingReason.NEVER_FITS, "can never "
                + "start: needs 20 GPUs, and tenant a may hold at most 16 in pool p (its limit); submit it with at "
                + "most 16 GPUs, or ask an admin to raise the limit (gantry quota set)"));
    }

    /** Jobs a walk skips behind a tenant's refused job are told their own sizes. */
    @ParameterizedTest
    @MethodSource("policies")
    void skippedJobsAreExplainedWithTheirOwnNumbers(SchedulingPolicy policy) {
        var limited = limitedTo16(12, 14);

        Explanation why = explain(limited, policy, "y");

        assertThat(why.reason()).isEqualTo(PendingReason.QUOTA);
        assertThat(why.message()).startsWith("tenant holds 8 GPUs; 14 more would exceed its limit of 16");
        assertThat(why.message()).doesNotContain("12 more");
    }

    /** A tenant's later, wider job was told the reservation (and start) of a narrower one ahead of it. */
    @ParameterizedTest
    @MethodSource("policies")
    void aReservationIsNotPassedOnToWiderJobs(SchedulingPolicy policy) {
        var busy = cluster().nodes(node("n1", 8), node("n2", 8))
                .running(run("r1").on("n1", 0, 1, 2, 3, 4, 5).ends(12_000), run("r2").on("n2", 0, 1, 2, 3, 4, 5, 6)
                        .ends(13_000))
                .pending(job("narrow").gpus(4).submitted(1), job("wide").gpus(8).submitted(2));

        Explanation why = explain(busy, policy, "wide");

        assertThat(why.reason()).isNotEqualTo(PendingReason.RESERVED);
        if (why.reason() == PendingReason.INSUFFICIENT_GPUS) {
            assertThat(why.message()).startsWith("needs 8 GPUs on one node of pool p");
            assertThat(why.estimatedStart()).isEmpty();
        }
    }

    /** The first job in the queue was NOT_REACHED because "jobs ahead of it go first". */
    @ParameterizedTest
    @MethodSource("policies")
    void theFirstJobIsNeverToldThatJobsAheadOfItGoFirst(SchedulingPolicy policy) {
        var full = cluster().nodes(node("n1", 8).cordoned(), node("n2", 8))
                .running(run("r1").on("n2", 0, 1, 2, 3, 4, 5, 6, 7).nonPreemptible())
                .pending(job("j1").gpus(2).submitted(1), job("j2").gpus(1).submitted(2));

        Snapshot snapshot = full.snapshot(policy.order());
        Plan plan = policy.plan(snapshot);
        PendingJob first = snapshot.queue().iterator().next();
        assertThat(plan.explain(first).message()).doesNotContain("ahead of it")
                .contains(first.gpus().min() + " GPUs");
        for (PendingJob pending : snapshot.queue()) {
            assertThat(plan.explain(pending).message()).contains(pending.gpus().min() + " GPUs");
        }
    }
}
