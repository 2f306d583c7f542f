package org.gantry.scheduler.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.scheduler.policy.Clusters.NOW;
import static org.gantry.scheduler.policy.Clusters.cluster;
import static org.gantry.scheduler.policy.Clusters.id;
import static org.gantry.scheduler.policy.Clusters.job;
import static org.gantry.scheduler.policy.Clusters.node;
import static org.gantry.scheduler.policy.Clusters.on;
import static org.gantry.scheduler.policy.Clusters.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.gantry.scheduler.policy.reclaim.ShrinkThenPreempt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Stages 6 and 7, shrink and reclaim, through {@code Policies.gantry} (minimum run time 300 s; now is 10000). */
class ReclaimTest {
    private static final SchedulingPolicy GANTRY = Policies.gantry(1.0, 300);

    private static Preemption reclaimed(String victim, String beneficiary, String lender) {
        return new Preemption(id(victim), id(beneficiary), "reclaim_borrowed", "preempted to make room for job " + beneficiary
                + " (reclaiming GPUs tenant " + lender + " borrowed)");
    }

    private static Explanation awaiting(String node, int gpus, String how) {
        return Explanation.of(PendingReason.AWAITING_RECLAIM, "starts on node " + node + " once " + gpus
                + " GPUs are free there: " + how).startingAt(NOW);
    }

    private static Explanation reserved(int gpus, long start) {
        return Explanation.of(PendingReason.RESERVED, "next in line for " + gpus + " GPUs in pool p; they are "
                + "reserved for it once running jobs end").startingAt(start);
    }

    @Test
    void aGuaranteedJobReclaimsTheLendersNewestJobEvenWhenItsOlderWorkIsCheaper() {
        // b holds 8 with a guarantee of 4: its newest 4 GPUs are the borrowed ones.
        Plan plan = cluster()
                .nodes(node("n1", 8))
                .quota("a", 4, 8).quota("b", 4, 8)
                .running(run("b-old").tenant("b").on("n1", 0, 1, 2, 3).started(1_000).checkpointed(9_900),
                        run("b-new").tenant("b").on("n1", 4, 5, 6, 7).started(5_000).checkpointed(5_000))
                .pending(job("a1").tenant("a").gpus(4))
                .plan(GANTRY);

        assertThat(plan.preemptions()).containsExactly(reclaimed("b-new", "a1", "b"));
        assertThat(plan.explain(id("a1"))).isEqualTo(awaiting("n1", 4, "preempting b-new"));
        assertThat(plan.placements()).isEmpty();
        assertThat(plan.resizes()).isEmpty();
    }

    @Test
    void neverMoreOfALenderIsTakenThanItBorrows() {
        // b holds 8 with a guarantee of 4: b2 and b3 (the newest, 4 GPUs) are borrowed, b1 is not.
        Plan plan = cluster()
                .nodes(node("n1", 8))
                .quota("a", 4, 8).quota("b", 4, 8)
                .running(run("b1").tenant("b").on("n1", 0, 1, 2, 3).started(1_000).checkpointed(9_990),
                        run("b2").tenant("b").on("n1", 4, 5).started(2_000).checkpointed(8_000),
                        run("b3").tenant("b").on("n1", 6, 7).started(3_000).checkpointed(9_000))
                .pending(job("a1").tenant("a").gpus(4))
                .plan(GANTRY);

        assertThat(plan.preemptions()).containsExactly(reclaimed("b3", "a1", "b"), reclaimed("b2", "a1", "b"));
        assertThat(plan.explain(id("a1"))).isEqualTo(awaiting("n1", 4, "preempting b3, preempting b2"));
    }

    /**
     * b (no guarantee) borrows all 8 GPUs of n1 with b1 (GPUs 0..) and b2 (the rest), both started
     * at 1000; a (guarantee 8) needs {@code need}. Work lost is GPUs × seconds since the checkpoint.
     */
    @ParameterizedTest(name = "b1 {0} GPUs ckpt {1}, b2 ckpt {2}; a needs {3} -> preempt {4}")
    @CsvSource({
            "4, 9000, 7000, 4, b1",      // 4000 vs 12000 GPU-s
            "4, 7000, 9000, 4, b2",
            "2, 9000, 9900, 2, b2",      // 2000 vs 600: the wider job loses less work
            "4, 9000, 7000, 8, b1 b2",
            "4, 9000, 7000, 5, b1 b2",
            "6, 9950, 5000, 2, b1",      // 300 vs 10000
    })
    void victimsAreTheBorrowersThatLoseTheLeastWork(int b1Gpus, long b1Checkpoint, long b2Checkpoint, int need,
                                                    String victims) {
        Plan plan = cluster()
                .nodes(node("n1", 8))
                .quota("a", 8, 8).quota("b", 0, 8)
                .running(run("b1").tenant("b").on("n1", IntStream.range(0, b1Gpus).toArray())
                                .started(1_000).checkpointed(b1Checkpoint),
                        run("b2").tenant("b").on("n1", IntStream.range(b1Gpus, 8).toArray())
                                .started(1_000).checkpointed(b2Checkpoint))
                .pending(job("a1").tenant("a").gpus(need))
                .plan(GANTRY);

        List<String> names = Arrays.asList(victims.split(" "));
        assertThat(plan.preemptions()).containsExactlyElementsOf(
                names.stream().map(victim -> reclaimed(victim, "a1", "b")).toList());
        assertThat(plan.explain(id("a1"))).isEqualTo(awaiting("n1", need,
                String.join(", ", names.stream().map(victim -> "preempting " + victim).toList())));
    }

    /**
     * Within what the rules allow, victims come from the most-served least-attained-service tier
     * first, as in Tiresias, and only then by lost work: b1 (2 GPUs for 9,000 s: 18,000 GPU-s, the
     * middle tier) would lose 2,000 GPU-s, b2 (6 GPUs: 54,000 GPU-s, the last tier) 3,000.
     */
    @Test
    void victimsComeFromTheMostServedTierFirst() {
        Plan plan = cluster()
                .nodes(node("n1", 8))
                .quota("a", 8, 8).quota("b", 0, 8)
                .running(run("b1").tenant("b").on("n1", 0, 1).started(1_000).checkpointed(9_000),
                        run("b2").tenant("b").on("n1", 2, 3, 4, 5, 6, 7).started(1_000).checkpointed(9_500))
                .pending(job("a1").tenant("a").gpus(2))
                .plan(GANTRY);

        assertThat(plan.preemptions()).containsExactly(reclaimed("b2", "a1", "b"));
    }

    /**
     * A search for room weighs at most so many offers, cheapest first: c's jobs, the most served
     * (the cheapest victims), are guaranteed work a may not touch; a's own job, less served and so
     * dearer, is one a1 may take, but only while the search reaches it.
     */
    @ParameterizedTest(name = "{0} cheaper jobs a may not touch: a1 preempts its own a-old: {1}")
    @CsvSource({"1000, true", "1100, false"})
    void aSearchForRoomWeighsABoundedNumberOfOffers(int untouchable, boolean preempted) {
        var nodes = new ArrayList<Clusters.NodeSpec>();
        var running = new ArrayList<Clusters.Run>();
        for (int n = 0; n < untouchable; n++) {
            nodes.add(node("c" + n, 1));
            running.add(run("c-" + n).tenant("c").on("c" + n, 0).started(NOW - 400).attained(40_000));
        }
        nodes.add(node("na", 1));
        running.add(run("a-old").tenant("a").on("na", 0).started(NOW - 400).attained(4_000));
        Plan plan = cluster()
                .nodes(nodes.toArray(Clusters.NodeSpec[]::new))
                .quota("a", 2, 2).quota("c", untouchable, untouchable)
                .running(running.toArray(Clusters.Run[]::new))
                .pending(job("a1").tenant("a").gpus(1))
                .plan(GANTRY);

        assertThat(untouchable < ShrinkThenPreempt.MAX_OFFERS_WEIGHED).isEqualTo(preempted);
        assertThat(plan.preemptions()).extracting(Preemption::victim)
                .isEqualTo(preempted ? List.of(id("a-old")) : List.of());
    }

    /** A wave of reclaims is spread over passes: one pass orders at most so many preemptions. */
    @Test
    void onePassPreemptsAtMostItsBudget() {
        var nodes = new ArrayList<Clusters.NodeSpec>();
        var borrowed = new ArrayList<Clusters.Run>();
        var waiting = new ArrayList<Clusters.Job>();
        for (int n = 0; n < 150; n++) { // one GPU a node: a reclaim holds its node for the pass
            nodes.add(node("n" + n, 1));
            borrowed.add(run("b-" + n).tenant("b").on("n" + n, 0).started(NOW - 400));
        }
        for (int i = 0; i < 150; i++) {
            waiting.add(job(String.format("a-%03d", i)).tenant("a").gpus(1));
        }
        Plan plan = cluster()
                .nodes(nodes.toArray(Clusters.NodeSpec[]::new))
                .quota("a", 150, 150).quota("b", 0, 150)
                .running(borrowed.toArray(Clusters.Run[]::new))
                .pending(waiting.toArray(Clusters.Job[]::new))
                .plan(GANTRY);

        assertThat(plan.preemptions()).hasSize(ShrinkThenPreempt.MAX_PREEMPTIONS_PER_PASS);
        assertThat(plan.explain(id("a-149")).reason()).isNotEqualTo(PendingReason.AWAITING_RECLAIM);
    }

    @ParameterizedTest(name = "minimum run {0} s, victim running {1} s: preempted {2}")
    @CsvSource({
            "300, 299,  false",
            "300, 300,  true",
            "300, 5000, true",
            "600, 500,  false",
            "600, 600,  true",
            "0,   0,    true",
    })
    void aJobYoungerThanTheMinimumRunTimeIsNotPreempted(long minRun, long age, boolean preempted) {
        Plan plan = cluster()
                .nodes(node("n1", 8))
                .quota("a", 8, 8).quota("b", 0, 8)
                .running(run("b1").tenant("b").on("n1", 0, 1, 2, 3, 4, 5, 6, 7).started(NOW - age).ends(20_000))
                .pending(job("a1").tenant("a").gpus(4))
                .plan(Policies.gantry(1.0, minRun));

        if (preempted) {
            assertThat(plan.preemptions()).containsExactly(reclaimed("b1", "a1", "b"));
            assertThat(plan.explain(id("a1"))).isEqualTo(awaiting("n1", 4, "preempting b1"));
        } else {
            assertThat(plan.preemptions()).isEmpty();
            assertThat(plan.explain(id("a1"))).isEqualTo(reserved(4, 20_000));
        }
    }

    /**
     * n1's 8 GPUs are held by b; n2 has one free GPU (so the pass goes on). None of b's work may be
     * taken, and a waits for its reservation.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "'b within its guarantee (pool overcommitted)',     8, 0,  true",
            "'b within its guarantee; a has higher priority',   8, 10, true",
            "'b borrows, but its job is not preemptible',       0, 0,  false",
    })
    void guaranteedWorkIsNeverPreempted(String why, int bGuarantee, int aPriority, boolean preemptible) {
        Clusters.Run b1 = run("b1").tenant("b").on("n1", 0, 1, 2, 3, 4, 5, 6, 7).started(1_000).ends(15_000);
        if (!preemptible) {
            b1.nonPreemptible();
        }
        Plan plan = cluster()
                .nodes(node("n1", 8), node("n2", 1))
                .quota("a", 4, 8).quota("b", bGuarantee, 8)
                .running(b1)
                .pending(job("a1").tenant("a").gpus(4).priority(aPriority))
                .plan(GANTRY);

        assertThat(plan.preemptions()).isEmpty();
        assertThat(plan.resizes()).isEmpty();
        assertThat(plan.explain(id("a1"))).isEqualTo(reserved(4, 15_000));
    }

    @Test
    void borrowingWorkDoesNotReclaim() {
        // a has no guarantee: its job is admitted as borrowing (4 GPUs free in the pool, but 2 per node).
        Plan plan = cluster()
                .nodes(node("n1", 8), node("n2", 4), node("n3", 4))
                .quota("a", 0, 8).quota("b", 0, 8).quota("c", 4, 4)
                // b1 is past the minimum run time but has had too little service for the tiers to take it
                .running(run("b1").tenant("b").on("n1", 0, 1, 2, 3, 4, 5, 6, 7).started(NOW - 400).ends(15_000),
                        run("c1").tenant("c").on("n2", 0, 1).ends(11_000),
                        run("c2").tenant("c").on("n3", 0, 1).ends(12_000))
                .pending(job("a1").tenant("a").gpus(4))
                .plan(GANTRY);

        assertThat(plan.preemptions()).isEmpty();
        assertThat(plan.explain(id("a1"))).isEqualTo(reserved(4, 11_000));
    }

    @Test
    void anElasticJobIsShrunkInsteadOfPreemptingAnyone() {
        // Preempting b2 would lose 40 GPU-s, shrinking e1 36000: shrinking still wins.
        Plan plan = cluster()
                .nodes(node("n1", 8))
                .quota("a", 4, 8).quota("b", 0, 8)
                .running(run("e1").tenant("b").elastic(2, 4).on("n1", 0, 1, 2, 3).started(1_000),
                        run("b2").tenant("b").on("n1", 4, 5, 6, 7).started(1_000).checkpointed(9_990))
                .pending(job("a1").tenant("a").gpus(2))
                .plan(GANTRY);

        assertThat(plan.preemptions()).isEmpty();
        assertThat(plan.resizes()).containsExactly(
                new Resize(id("e1"), on("n1", 0, 1, 2, 3), on("n1", 0, 1), "shrunk to make room for job a1"));
        assertThat(plan.explain(id("a1"))).isEqualTo(awaiting("n1", 2, "shrinking e1 by 2"));
        assertThat(plan.placements()).isEmpty();
    }

    @Test
    void anElasticJobAtItsMinimumIsPreemptedLikeAnyOther() {
        Plan plan = cluster()
                .nodes(node("n1", 8))
                .quota("a", 4, 8).quota("b", 0, 8)
                .running(run("e1").tenant("b").elastic(4, 8).on("n1", 0, 1, 2, 3).started(1_000).checkpointed(9_000),
                        run("b2").tenant("b").on("n1", 4, 5, 6, 7).started(1_000).checkpointed(5_000))
                .pending(job("a1").tenant("a").gpus(4))
                .plan(GANTRY);

        assertThat(plan.resizes()).isEmpty();
        assertThat(plan.preemptions()).containsExactly(reclaimed("e1", "a1", "b"));
    }

    @Test
    void gpusAlreadyBeingReleasedAreUsedWithoutDisturbingAnyone() {
        Plan plan = cluster()
                .nodes(node("n1", 8))
                .quota("a", 8, 8).quota("b", 0, 8)
                .running(run("s1").tenant("b").on("n1", 0, 1, 2, 3).started(1_000).suspending(),
                        run("b2").tenant("b").on("n1", 4, 5, 6, 7).started(1_000))
                .pending(job("a1").tenant("a").gpus(4))
                .plan(GANTRY);

        assertThat(plan.preemptions()).isEmpty();
        assertThat(plan.resizes()).isEmpty();
        assertThat(plan.explain(id("a1"))).isEqualTo(awaiting("n1", 4, "GPUs already being released"));
    }

    /** a's own job holds n1; n2 has one free GPU (so the pass goes on). */
    @ParameterizedTest(name = "running priority {0}, waiting priority {1}: preempted {2}")
    @CsvSource({
            "0,  10, true",
            "4,  5,  true",
            "-3, 0,  true",
            "5,  5,  false",
            "5,  4,  false",
    })
    void aLowerPriorityJobOfTheSameTenantIsPreemptedForAHigherOne(int runningPriority, int waitingPriority,
                                                                  boolean preempted) {
        Plan plan = cluster()
                .nodes(node("n1", 8), node("n2", 1))
                .quota("a", 16, 16)
                // past the minimum run time, with too little service for the tiers to take it: priority decides
                .running(run("a-low").tenant("a").on("n1", 0, 1, 2, 3, 4, 5, 6, 7).priority(runningPriority)
                        .started(NOW - 400).ends(15_000))
                .pending(job("a-high").tenant("a").gpus(4).priority(waitingPriority))
                .plan(GANTRY);

        if (preempted) {
            assertThat(plan.preemptions()).containsExactly(new Preemption(id("a-low"), id("a-high"), "higher_priority",
                    "preempted to make room for job a-high (higher priority, same tenant)"));
            assertThat(plan.explain(id("a-high"))).isEqualTo(awaiting("n1", 4, "preempting a-low"));
        } else {
            assertThat(plan.preemptions()).isEmpty();
            assertThat(plan.explain(id("a-high"))).isEqualTo(reserved(4, 15_000));
        }
    }

    @Test
    void eachWaitingJobReclaimsOnItsOwnNode() {
        // a1 (shorter, so first) takes the cheaper victim b1 and reserves n1; a2 then reclaims b2 on n2.
        Plan plan = cluster()
                .nodes(node("n1", 4), node("n2", 4))
                .quota("a", 8, 8).quota("b", 0, 8)
                .running(run("b1").tenant("b").on("n1", 0, 1, 2, 3).started(1_000).checkpointed(9_000),
                        run("b2").tenant("b").on("n2", 0, 1, 2, 3).started(1_000).checkpointed(5_000))
                .pending(job("a1").tenant("a").gpus(4).estimate(100), job("a2").tenant("a").gpus(4).estimate(200))
                .plan(GANTRY);

        assertThat(plan.preemptions()).containsExactly(reclaimed("b1", "a1", "b"), reclaimed("b2", "a2", "b"));
        assertThat(plan.explain(id("a1"))).isEqualTo(awaiting("n1", 4, "preempting b1"));
        assertThat(plan.explain(id("a2"))).isEqualTo(awaiting("n2", 4, "preempting b2"));
    }
}
