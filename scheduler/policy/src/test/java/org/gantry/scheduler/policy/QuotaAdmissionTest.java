package org.gantry.scheduler.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.scheduler.policy.Clusters.cluster;
import static org.gantry.scheduler.policy.Clusters.id;
import static org.gantry.scheduler.policy.Clusters.job;
import static org.gantry.scheduler.policy.Clusters.node;
import static org.gantry.scheduler.policy.Clusters.on;
import static org.gantry.scheduler.policy.Clusters.run;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Stage 2, admit, through the production policy: every refusal becomes a QUOTA explanation with the numbers (NEVER_FITS when waiting cannot help). */
class QuotaAdmissionTest {

    private static Explanation quota(String message) {
        return Explanation.of(PendingReason.QUOTA, message);
    }

    /** Refusals that waiting cannot lift: the job is wider than its tenant may ever hold. */
    private static Explanation never(String message) {
        return Explanation.of(PendingReason.NEVER_FITS, message);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("tenant without quota in the pool",
                        cluster().nodes(node("n1", 8)).quota("b", 4, 8).pending(job("a1").tenant("a").gpus(1)),
                        never("can never start: needs 1 GPUs, and tenant a has no quota in pool p; ask an admin for "
                                + "one (gantry quota set), or submit to a pool where it has quota"), List.of()),
                Arguments.of("job larger than the tenant's limit",
                        cluster().nodes(node("n1", 8)).quota("a", 2, 4).pending(job("a1").gpus(6)),
                        never("can never start: needs 6 GPUs, and tenant a may hold at most 4 in pool p (its limit); "
                                + "submit it with at most 4 GPUs, or ask an admin to raise the limit (gantry quota set)"),
                        List.of()),
                Arguments.of("tenant at its limit",
                        cluster().nodes(node("n1", 8)).quota("a", 2, 4)
                                .running(run("ra").on("n1", 0, 1, 2, 3))
                                .pending(job("a1").gpus(1)),
                        quota("tenant holds 4 GPUs; 1 more would exceed its limit of 4"), List.of()),
                Arguments.of("non-preemptible job above the guarantee",
                        cluster().nodes(node("n1", 8)).quota("a", 2, 8).pending(job("a1").gpus(4).nonPreemptible()),
                        quota("would borrow 2 GPUs above the guarantee of 2, and a non-preemptible job runs only "
                                + "within the guarantee"), List.of()),
                Arguments.of("guaranteed work first: b's job takes 6 GPUs, a would borrow 4 of the 2 left",
                        cluster().nodes(node("n1", 8)).quota("a", 0, 8).quota("b", 6, 8)
                                .pending(job("a1").tenant("a").gpus(4).estimate(100),
                                        job("b1").tenant("b").gpus(6).estimate(1_000)),
                        quota("would borrow 4 GPUs above the guarantee of 0, but only 2 GPUs of the pool are idle"),
                        List.of(new Placement(id("b1"), on("n1", 0, 1, 2, 3, 4, 5), false))));
    }

    @Test
    void withFairSharingABorrowerIsHeldAtItsShareWhileOthersBorrow() {
        // Idle GPUs beyond the guarantees: 8 - (1 + 1) = 6, shared 3 and 3. Tenant a already borrows 2 (ra),
        // so 2 more would take it past 3; b may always start its first borrowing job, and takes the rest.
        Plan plan = cluster().nodes(node("n1", 8)).quota("a", 1, 8).quota("b", 1, 8)
                .running(run("ra").tenant("a").on("n1", 0, 1, 2))
                .pending(job("a1").tenant("a").gpus(2).estimate(100), job("b1").tenant("b").gpus(5).estimate(200))
                .plan(Policies.gantryFair());

        assertThat(plan.placements()).containsExactly(new Placement(id("b1"), on("n1", 3, 4, 5, 6, 7), true));
        assertThat(plan.explain(id("a1"))).isEqualTo(Explanation.of(PendingReason.FAIR_SHARE,
                "tenant borrows 2 GPUs; 2 more would exceed its fair share of the idle GPUs (3.0)"));
    }

    @Test
    void fairSharingNeverLeavesGpusIdleThatABorrowerCouldUse() {
        // As above, but b's job is small (within b's guarantee): a, held at its share while others might
        // borrow, takes what is still idle once every borrower had its turn.
        Plan plan = cluster().nodes(node("n1", 8)).quota("a", 1, 8).quota("b", 1, 8)
                .running(run("ra").tenant("a").on("n1", 0, 1, 2))
                .pending(job("a1").tenant("a").gpus(2).estimate(100), job("b1").tenant("b").gpus(1).estimate(200))
                .plan(Policies.gantryFair());

        assertThat(plan.placements()).containsExactly(new Placement(id("b1"), on("n1", 3), false),
                new Placement(id("a1"), on("n1", 4, 5), true));
    }

    @Test
    void everyJobHeldAtItsFairShareIsTriedAgainOnceTheShareIsLifted() {
        // As above with a second job of a behind the first: neither may be skipped as "like a1".
        Plan plan = cluster().nodes(node("n1", 8)).quota("a", 1, 8).quota("b", 1, 8)
                .running(run("ra").tenant("a").on("n1", 0, 1, 2))
                .pending(job("a1").tenant("a").gpus(2).estimate(100), job("a2").tenant("a").gpus(2).estimate(150),
                        job("b1").tenant("b").gpus(1).estimate(200))
                .plan(Policies.gantryFair());

        assertThat(plan.placements()).containsExactly(new Placement(id("b1"), on("n1", 3), false),
                new Placement(id("a1"), on("n1", 4, 5), true), new Placement(id("a2"), on("n1", 6, 7), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusedJobsWaitWithTheQuotaMessage(String why, Clusters.Cluster cluster, Explanation expected,
                                            List<Placement> placements) {
        Plan plan = cluster.plan(Policies.gantry());

        assertThat(plan.explain(id("a1"))).isEqualTo(expected);
        assertThat(plan.placements()).containsExactlyElementsOf(placements);
        assertThat(plan.preemptions()).isEmpty();
        assertThat(plan.resizes()).isEmpty();
    }

    /** Tenant a has a guarantee of 4 and a limit of 8 on an 8-GPU node; {@code held} GPUs already run. */
    @ParameterizedTest(name = "holds {0}, starts {1}: borrowing {2}")
    @CsvSource({
            "0, 4, false, 0 1 2 3",
            "2, 2, false, 2 3",
            "0, 5, true,  0 1 2 3 4",
            "4, 1, true,  4",
            "3, 2, true,  3 4",
            "6, 2, true,  6 7",
    })
    void placementAboveTheGuaranteeIsFlaggedBorrowing(int held, int gpus, boolean borrowing, String indices) {
        var cluster = cluster().nodes(node("n1", 8)).quota("a", 4, 8).pending(job("a1").gpus(gpus));
        if (held > 0) {
            cluster.running(run("ra").on("n1", java.util.stream.IntStream.range(0, held).toArray()));
        }

        Plan plan = cluster.plan(Policies.gantry());

        int[] expected = java.util.Arrays.stream(indices.trim().split(" ")).mapToInt(Integer::parseInt).toArray();
        assertThat(plan.placements()).containsExactly(new Placement(id("a1"), on("n1", expected), borrowing));
    }

    @Test
    void aNonPreemptibleJobWithinItsGuaranteeStarts() {
        Plan plan = cluster().nodes(node("n1", 8)).quota("a", 4, 8)
                .pending(job("a1").gpus(4).nonPreemptible())
                .plan(Policies.gantry());

        assertThat(plan.placements()).containsExactly(new Placement(id("a1"), on("n1", 0, 1, 2, 3), false));
    }

    @Test
    void thePassChargesWhatItHandsOutSoLaterJobsSeeIt() {
        Plan plan = cluster().nodes(node("n1", 8)).quota("a", 2, 4)
                .pending(job("x1").gpus(2).estimate(100), job("x2").gpus(2).estimate(200),
                        job("x3").gpus(1).estimate(300))
                .plan(Policies.gantry());

        // Smallest GPU-time first: x1 (200), x3 (300), x2 (400). x1 fills the guarantee; x3 borrows one GPU;
        // x2 would take the tenant past its limit.
        assertThat(plan.placements()).containsExactly(
                new Placement(id("x1"), on("n1", 0, 1), false),
                new Placement(id("x3"), on("n1", 2), true));
        assertThat(plan.explain(id("x2"))).isEqualTo(Explanation.of(PendingReason.QUOTA,
                "tenant holds 3 GPUs; 2 more would exceed its limit of 4"));
    }

    @Test
    void quotasOffAdmitEverythingAsGuaranteedWork() {
        // Quotas off (no grants): the unlimited fallback admits everything as guaranteed work.
        Plan plan = cluster().nodes(node("n1", 8)).pending(job("a1").gpus(8)).plan(Policies.gantry());

        assertThat(plan.placements()).containsExactly(
                new Placement(id("a1"), on("n1", 0, 1, 2, 3, 4, 5, 6, 7), false));
    }
}
