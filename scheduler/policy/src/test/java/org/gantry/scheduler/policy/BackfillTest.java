package org.gantry.scheduler.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.scheduler.policy.Clusters.NOW;
import static org.gantry.scheduler.policy.Clusters.cluster;
import static org.gantry.scheduler.policy.Clusters.id;
import static org.gantry.scheduler.policy.Clusters.job;
import static org.gantry.scheduler.policy.Clusters.node;
import static org.gantry.scheduler.policy.Clusters.on;
import static org.gantry.scheduler.policy.Clusters.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Stage 5, reserve and backfill: what a job that finds no room does to the jobs behind it. Quotas are off. */
class BackfillTest {

    private static Explanation reserved(int gpus, long start) {
        return Explanation.of(PendingReason.RESERVED, "next in line for " + gpus + " GPUs in pool p; they are "
                + "reserved for it once running jobs end").startingAt(start);
    }

    private static Explanation blockedBy(String head, long start, long estimate) {
        return Explanation.of(PendingReason.BLOCKED_BY_RESERVATION, "it would fit on free GPUs that are reserved for "
                + "job " + head + ", which starts in " + (start - Clusters.NOW) + " s, and it would not end before then "
                + "(estimated " + estimate + " s)");
    }

    /**
     * Pool p: n1 with 8 GPUs, 6 of them busy until 12000 (now is 10000). Pool q: q1 with 4 free GPUs.
     * The head j1 needs 4 GPUs in p; j2 needs 1 and would fit now; k1 in pool q follows.
     */
    private static Clusters.Cluster blockedHead(long j2Estimate) {
        return cluster()
                .nodes(node("n1", 8), node("q1", 4).pool("q"))
                .running(run("r1").on("n1", 0, 1, 2, 3, 4, 5).ends(12_000))
                .pending(job("j1").gpus(4).submitted(1),
                        job("j2").gpus(1).submitted(2).estimate(j2Estimate),
                        job("k1").pool("q").gpus(1).submitted(3));
    }

    @Test
    void fifoHoldsEverythingBehindABlockedHead() {
        Plan plan = blockedHead(100).plan(Policies.fifo());

        assertThat(plan.placements()).containsExactly(new Placement(id("k1"), on("q1", 0), false));
        assertThat(plan.explain(id("j1"))).isEqualTo(Explanation.of(PendingReason.INSUFFICIENT_GPUS,
                "needs 4 GPUs on one node of pool p; the most free on one such node is 2 (2 GPUs free in the pool)"));
        assertThat(plan.explain(id("j2"))).isEqualTo(Explanation.of(PendingReason.HEAD_OF_LINE,
                "waits behind job j1, which cannot start yet (pool p runs jobs strictly in order)"));
    }

    @Test
    void fifoStopsThePassOnceEveryPoolIsBlocked() {
        Plan plan = cluster()
                .nodes(node("n1", 8))
                .running(run("r1").on("n1", 0, 1, 2, 3, 4, 5).ends(12_000))
                .pending(job("j1").gpus(4).submitted(1), job("j2").gpus(1).submitted(2))
                .plan(Policies.fifo());

        assertThat(plan.placements()).isEmpty();
        assertThat(plan.explain(id("j1")).reason()).isEqualTo(PendingReason.INSUFFICIENT_GPUS);
        assertThat(plan.explain(id("j2"))).isEqualTo(Explanation.of(PendingReason.HEAD_OF_LINE, "waits behind job "
                + "j1, which cannot start yet (pool p runs jobs strictly in order)"));
    }

    /** The head reserves n1 from 12000; j2 may use n1's free GPUs only if it ends by then. */
    @ParameterizedTest(name = "j2 running {0} s")
    @CsvSource({"100", "1999", "2000"})
    void backfillLetsAJobThatEndsBeforeTheReservationUseTheReservedNode(long estimate) {
        Plan plan = blockedHead(estimate).plan(Policies.fifoBackfill());

        assertThat(plan.explain(id("j1"))).isEqualTo(reserved(4, 12_000));
        assertThat(plan.placements()).containsExactly(
                new Placement(id("j2"), on("n1", 6), false),
                new Placement(id("k1"), on("q1", 0), false));
    }

    @ParameterizedTest(name = "j2 running {0} s")
    @CsvSource({"2001", "3600", "1000000"})
    void backfillRefusesAJobThatWouldDelayTheReservation(long estimate) {
        Plan plan = blockedHead(estimate).plan(Policies.fifoBackfill());

        assertThat(plan.explain(id("j1"))).isEqualTo(reserved(4, 12_000));
        assertThat(plan.explain(id("j2"))).isEqualTo(blockedBy("j1", 12_000, estimate));
        assertThat(plan.placements()).containsExactly(new Placement(id("k1"), on("q1", 0), false));
    }

    /**
     * n1 (8 GPUs): r1 holds 0-1 until 11500, r2 2-3 until 12500, r3 4-5 until 14000, 6-7 free.
     * n2 (4 GPUs): r4 holds all until 11000. The head j1 reserves where running jobs free enough
     * GPUs first; then j2, a long single-GPU job, may use n1's free GPUs only if n1 is not reserved.
     */
    @ParameterizedTest(name = "head needs {0} GPUs: starts at {1}, long 1-GPU job placed: {2}")
    @CsvSource({
            "3,  11000, true",   // n2 frees 4 at 11000
            "4,  11000, true",
            "5,  12500, false",  // n1: 2 free + r1 + r2
            "6,  12500, false",
            "7,  14000, false",  // n1 needs r3 too
            "8,  14000, false",
            "9,  14000, false",  // a gang: both nodes whole, once r3 ends
            "12, 14000, false",
    })
    void theHeadIsReservedForWhenRunningJobsFreeEnoughGpus(int gpus, long start, boolean backfilled) {
        Plan plan = cluster()
                .nodes(node("n1", 8), node("n2", 4))
                .running(run("r1").on("n1", 0, 1).ends(11_500), run("r2").on("n1", 2, 3).ends(12_500),
                        run("r3").on("n1", 4, 5).ends(14_000), run("r4").on("n2", 0, 1, 2, 3).ends(11_000))
                .pending(job("j1").gpus(gpus).submitted(1), job("j2").gpus(1).submitted(2).estimate(100_000))
                .plan(Policies.fifoBackfill());

        assertThat(plan.explain(id("j1"))).isEqualTo(reserved(gpus, start));
        assertThat(plan.explain(id("j1")).estimatedStart()).hasValue(start);
        if (backfilled) {
            assertThat(plan.placements()).containsExactly(new Placement(id("j2"), on("n1", 6), false));
        } else {
            assertThat(plan.placements()).isEmpty();
            assertThat(plan.explain(id("j2"))).isEqualTo(blockedBy("j1", start, 100_000));
        }
    }

    @Test
    void backfillUsesNodesOutsideTheReservation() {
        Plan plan = cluster()
                .nodes(node("n1", 8), node("n2", 8))
                .running(run("r1").on("n1", 0, 1, 2, 3, 4, 5).ends(12_000), run("r2").on("n2", 0, 1, 2, 3).ends(13_000))
                .pending(job("j1").gpus(6).submitted(1),
                        job("short").gpus(2).submitted(2).estimate(500),
                        job("long").gpus(2).submitted(3).estimate(5_000),
                        job("wide").gpus(4).submitted(4).estimate(5_000))
                .plan(Policies.fifoBackfill());

        assertThat(plan.explain(id("j1"))).isEqualTo(reserved(6, 12_000));
        assertThat(plan.placements()).containsExactly(
                new Placement(id("short"), on("n1", 6, 7), false),
                new Placement(id("long"), on("n2", 4, 5), false));
        assertThat(plan.explain(id("wide"))).isEqualTo(Explanation.of(PendingReason.INSUFFICIENT_GPUS,
                "needs 4 GPUs on one node of pool p; the most free on one such node is 2 (2 GPUs free in the pool)"));
    }

    @Test
    void aGangReservesWholeNodesAndOthersBackfillAroundIt() {
        Plan plan = cluster()
                .nodes(node("n1", 8), node("n2", 8), node("n3", 8))
                .running(run("r1").on("n1", 0, 1, 2, 3, 4, 5, 6, 7).ends(12_000),
                        run("r2").on("n2", 0, 1, 2, 3).ends(13_000))
                .pending(job("gang").gpus(16).submitted(1),
                        job("long").gpus(4).submitted(2).estimate(5_000),
                        job("short").gpus(8).submitted(3).estimate(1_000))
                .plan(Policies.fifoBackfill());

        assertThat(plan.explain(id("gang"))).isEqualTo(reserved(16, 12_000));
        assertThat(plan.placements()).containsExactly(
                new Placement(id("long"), on("n2", 4, 5, 6, 7), false),
                new Placement(id("short"), on("n3", 0, 1, 2, 3, 4, 5, 6, 7), false));
    }

    @Test
    void aReservationNeverStartsInThePast() {
        Plan plan = cluster()
                .nodes(node("n1", 4), node("n2", 1))
                .running(run("overdue").on("n1", 0, 1, 2, 3).ends(NOW - 500))
                .pending(job("j1").gpus(4))
                .plan(Policies.fifoBackfill());

        assertThat(plan.explain(id("j1"))).isEqualTo(reserved(4, NOW));
    }

    @Test
    void onlyTheFirstBlockedJobOfAPoolReserves() {
        Plan plan = cluster()
                .nodes(node("n1", 8), node("n2", 8))
                .running(run("r1").on("n1", 0, 1, 2, 3, 4, 5).ends(12_000), run("r2").on("n2", 0, 1, 2, 3, 4, 5, 6).ends(11_000))
                .pending(job("j1").gpus(8).submitted(1), job("j2").gpus(4).submitted(2))
                .plan(Policies.fifoBackfill());

        // r2 ends first and makes n2 whole: j1 reserves n2 from 11000; j2 does not reserve n1 for itself.
        assertThat(plan.explain(id("j1"))).isEqualTo(reserved(8, 11_000));
        assertThat(plan.explain(id("j2"))).isEqualTo(Explanation.of(PendingReason.INSUFFICIENT_GPUS,
                "needs 4 GPUs on one node of pool p; the most free on one such node is 2 (3 GPUs free in the pool)"));
        assertThat(plan.placements()).isEmpty();
    }
}
