package org.gantry.scheduler.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.scheduler.policy.Clusters.cluster;
import static org.gantry.scheduler.policy.Clusters.gpus;
import static org.gantry.scheduler.policy.Clusters.id;
import static org.gantry.scheduler.policy.Clusters.job;
import static org.gantry.scheduler.policy.Clusters.node;
import static org.gantry.scheduler.policy.Clusters.on;
import static org.gantry.scheduler.policy.Clusters.run;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.gantry.api.cluster.NodeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Stages 3 and 4, filter and score, through the plain first-in-first-out policy with quotas off. */
class PlacementTest {

    /** n1 has 2 GPUs free, n2 has 5, n3 has all 8. */
    private static Clusters.Cluster threeNodes() {
        return cluster()
                .nodes(node("n1", 8), node("n2", 8), node("n3", 8))
                .running(run("r1").tenant("x").on("n1", 0, 1, 2, 3, 4, 5), run("r2").tenant("x").on("n2", 0, 1, 2));
    }

    @ParameterizedTest(name = "{0} GPUs -> {1} {2}")
    @CsvSource({
            "1, n1, 6",
            "2, n1, 6 7",
            "3, n2, 3 4 5",
            "5, n2, 3 4 5 6 7",
            "6, n3, 0 1 2 3 4 5",
            "8, n3, 0 1 2 3 4 5 6 7",
    })
    void bestFitPicksTheFullestNodeThatFits(int gpus, String node, String indices) {
        Plan plan = threeNodes().pending(job("j").gpus(gpus)).plan(Policies.fifo());

        assertThat(plan.placements()).containsExactly(new Placement(id("j"), on(node, parse(indices)), false));
        assertThat(plan.preemptions()).isEmpty();
        assertThat(plan.resizes()).isEmpty();
    }

    @Test
    void placementsInOnePassSeeEachOthersGpus() {
        Plan plan = threeNodes()
                .pending(job("j1").gpus(2).submitted(1), job("j2").gpus(3).submitted(2), job("j3").gpus(1).submitted(3),
                        job("j4").gpus(8).submitted(4), job("j5").gpus(1).submitted(5))
                .plan(Policies.fifo());

        assertThat(plan.placements()).containsExactly(
                new Placement(id("j1"), on("n1", 6, 7), false),
                new Placement(id("j2"), on("n2", 3, 4, 5), false),
                new Placement(id("j3"), on("n2", 6), false),
                new Placement(id("j4"), on("n3", 0, 1, 2, 3, 4, 5, 6, 7), false),
                new Placement(id("j5"), on("n2", 7), false));
    }

    @Test
    void equallyFullNodesAreChosenInSnapshotOrder() {
        Plan plan = cluster()
                .nodes(node("nb", 4), node("na", 4))
                .running(run("r1").on("na", 0, 1), run("r2").on("nb", 2, 3))
                .pending(job("j").gpus(2))
                .plan(Policies.fifo());

        assertThat(plan.placements()).containsExactly(new Placement(id("j"), on("nb", 0, 1), false));
    }

    static Stream<Arguments> gangs() {
        var all4 = gpus(0, 1, 2, 3);
        var all8 = gpus(0, 1, 2, 3, 4, 5, 6, 7);
        return Stream.of(
                Arguments.of(8, Map.of("n2", all8)),
                Arguments.of(10, Map.of("n2", all8, "n3", gpus(0, 1))),
                Arguments.of(12, Map.of("n2", all8, "n3", all4)),
                Arguments.of(16, Map.of("n2", all8, "n3", all8)),
                Arguments.of(18, Map.of("n2", all8, "n3", all8, "n1", gpus(0, 1))),
                Arguments.of(20, Map.of("n2", all8, "n3", all8, "n1", all4)),
                Arguments.of(24, Map.of("n2", all8, "n3", all8, "n1", all4, "n4", all4)));
    }

    /** Nodes of 4, 8, 8 and 4 GPUs, all free: a gang takes the largest whole nodes first, the last one partly. */
    @ParameterizedTest(name = "{0} GPUs -> {1}")
    @MethodSource("gangs")
    void aGangLargerThanANodeTakesTheFewestWholeNodes(int gpus, Map<String, GpuSet> expected) {
        Plan plan = cluster()
                .nodes(node("n1", 4), node("n2", 8), node("n3", 8), node("n4", 4))
                .pending(job("gang").gpus(gpus))
                .plan(Policies.fifo());

        var allocation = new HashMap<NodeId, GpuSet>();
        expected.forEach((node, set) -> allocation.put(NodeId.of(node), set));
        assertThat(plan.placements()).containsExactly(new Placement(id("gang"), allocation, false));
    }

    @Test
    void aGangUsesOnlyEntirelyFreeNodes() {
        Plan plan = cluster()
                .nodes(node("n1", 8), node("n2", 8))
                .running(run("r1").on("n1", 0))
                .pending(job("gang").gpus(12))
                .plan(Policies.fifo());

        assertThat(plan.placements()).isEmpty();
        assertThat(plan.explain(id("gang"))).isEqualTo(Explanation.of(PendingReason.INSUFFICIENT_GPUS,
                "needs 12 GPUs on whole nodes of pool p; not enough of them are entirely free (15 GPUs free in the pool)"));
    }

    @Test
    void aGangLargerThanThePoolNeverFits() {
        Plan plan = cluster()
                .nodes(node("n1", 4), node("n2", 8), node("n3", 8), node("n4", 4))
                .pending(job("gang").gpus(25))
                .plan(Policies.fifo());

        assertThat(plan.placements()).isEmpty();
        assertThat(plan.explain(id("gang"))).isEqualTo(Explanation.of(PendingReason.NEVER_FITS, "can never start: "
                + "needs 25 GPUs, and pool p has 24 in all (cordoned nodes included); submit it with at most 24 GPUs, "
                + "or to a larger pool"));
    }

    static Stream<Arguments> constrained() {
        return Stream.of(
                Arguments.of("no constraints: fullest node", job("j").gpus(2), on("n1", 2, 3), null, null),
                Arguments.of("model h100", job("j").gpus(2).model("h100"), on("n2", 1, 2), null, null),
                Arguments.of("model matches ignoring case", job("j").gpus(2).model("A100"), on("n1", 2, 3), null, null),
                Arguments.of("80 GiB GPUs: fullest of n2, n3", job("j").gpus(2).memory(81_920), on("n2", 1, 2),
                        null, null),
                Arguments.of("40 GiB is enough anywhere", job("j").gpus(2).memory(40_960), on("n1", 2, 3), null, null),
                Arguments.of("80 GiB a100", job("j").gpus(2).memory(81_920).model("a100"), on("n3", 0, 1), null, null),
                Arguments.of("zone b", job("j").gpus(2).label("zone", "b"), on("n2", 1, 2), null, null),
                Arguments.of("zone b, a100", job("j").gpus(2).label("zone", "b").model("a100"), on("n3", 0, 1),
                        null, null),
                Arguments.of("every selector label must match", job("j").gpus(2).label("zone", "b").label("ib", "yes"),
                        on("n3", 0, 1), null, null),
                Arguments.of("no such model", job("j").gpus(2).model("v100"), null, PendingReason.NO_MATCHING_NODE,
                        "needs 2 GPUs; the schedulable nodes of pool p with GPU model v100 have 0 in all"),
                Arguments.of("zone a has no 80 GiB GPUs", job("j").gpus(2).label("zone", "a").memory(81_920), null,
                        PendingReason.NO_MATCHING_NODE, "needs 2 GPUs; the schedulable nodes of pool p with >= 81920 "
                                + "MiB per GPU labelled {zone=a} have 0 in all"),
                Arguments.of("zone c does not exist", job("j").gpus(1).label("zone", "c"), null,
                        PendingReason.NO_MATCHING_NODE,
                        "needs 1 GPUs; the schedulable nodes of pool p labelled {zone=c} have 0 in all"),
                Arguments.of("too big for any a100 node", job("j").gpus(9).model("a100"), null,
                        PendingReason.NO_MATCHING_NODE,
                        "needs 9 GPUs; the schedulable nodes of pool p with GPU model a100 have 8 in all"),
                Arguments.of("matching node exists but is too full", job("j").gpus(3).label("zone", "a"), null,
                        PendingReason.INSUFFICIENT_GPUS, "needs 3 GPUs on one node of pool p labelled {zone=a}; the "
                                + "most free on one such node is 2 (9 GPUs free in the pool)"));
    }

    /**
     * n1: a100, 40 GiB, zone a, GPUs 2-3 free; n2: h100, 80 GiB, zone b, GPUs 1-3 free;
     * n3: a100, 80 GiB, zone b and ib, all 4 free.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("constrained")
    void constraintsFilterNodes(String why, Clusters.Job pending, Map<NodeId, GpuSet> expected, PendingReason reason,
                                String message) {
        Plan plan = cluster()
                .nodes(node("n1", 4).model("a100").memory(40_960).label("zone", "a"),
                        node("n2", 4).model("h100").memory(81_920).label("zone", "b"),
                        node("n3", 4).model("a100").memory(81_920).label("zone", "b").label("ib", "yes"))
                .running(run("r1").on("n1", 0, 1), run("r2").on("n2", 0))
                .pending(pending)
                .plan(Policies.fifo());

        if (expected != null) {
            assertThat(plan.placements()).containsExactly(new Placement(id("j"), expected, false));
        } else {
            assertThat(plan.placements()).isEmpty();
            assertThat(plan.explain(id("j"))).isEqualTo(Explanation.of(reason, message));
        }
    }

    static Stream<Arguments> cordoned() {
        return Stream.of(
                Arguments.of("fits on the schedulable node", job("j").gpus(2), on("n2", 6, 7), null, null),
                Arguments.of("would fit only on the cordoned node", job("j").gpus(4), null,
                        PendingReason.INSUFFICIENT_GPUS, "needs 4 GPUs on one node of pool p; the most free on one "
                                + "such node is 2 (2 GPUs free in the pool)"),
                Arguments.of("cordoned GPUs do not count as capacity", job("j").gpus(9), null,
                        PendingReason.NO_MATCHING_NODE, "needs 9 GPUs; the schedulable nodes of pool p have 8 in all"),
                Arguments.of("a pool whose only node is cordoned", job("j").pool("q").gpus(1), null,
                        PendingReason.NO_MATCHING_NODE, "needs 1 GPUs; the schedulable nodes of pool q have 0 in all"),
                Arguments.of("a pool that does not exist", job("j").pool("r").gpus(1), null,
                        PendingReason.NO_MATCHING_NODE, "needs 1 GPUs; the schedulable nodes of pool r have 0 in all"));
    }

    /** n1 (8 GPUs, all free) is cordoned; n2 has GPUs 6-7 free; nq, the only node of pool q, is cordoned. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cordoned")
    void cordonedNodesGetNothing(String why, Clusters.Job pending, Map<NodeId, GpuSet> expected, PendingReason reason,
                                 String message) {
        Plan plan = cluster()
                .nodes(node("n1", 8).cordoned(), node("n2", 8), node("nq", 8).pool("q").cordoned())
                .running(run("r1").on("n2", 0, 1, 2, 3, 4, 5))
                .pending(pending)
                .plan(Policies.fifo());

        if (expected != null) {
            assertThat(plan.placements()).containsExactly(new Placement(id("j"), expected, false));
        } else {
            assertThat(plan.placements()).isEmpty();
            assertThat(plan.explain(id("j"))).isEqualTo(Explanation.of(reason, message));
        }
    }

    @Test
    void whenEveryFreeGpuIsCordonedThePassStopsBeforeTheQueue() {
        Plan plan = cluster()
                .nodes(node("n1", 8).cordoned(), node("n2", 8))
                .running(run("r1").on("n2", 0, 1, 2, 3, 4, 5, 6, 7))
                .pending(job("j1").gpus(1).submitted(1), job("j2").gpus(1).submitted(2))
                .plan(Policies.fifo());

        assertThat(plan.isEmpty()).isTrue();
        Explanation notReached = Explanation.of(PendingReason.NOT_REACHED, "the pass stopped before reaching it: no "
                + "GPU is free that a waiting job could use (0 free), and no room could be made by preempting or "
                + "shrinking running jobs; it waits for running jobs to end");
        assertThat(plan.explain(id("j1"))).isEqualTo(notReached);
        assertThat(plan.explain(id("j2"))).isEqualTo(notReached);
    }

    @Test
    void jobsStayInTheirOwnPool() {
        Plan plan = cluster()
                .nodes(node("p1", 8), node("q1", 8).pool("q"))
                .running(run("r1").on("p1", 0, 1, 2, 3, 4, 5))
                .pending(job("jq").pool("q").gpus(2).submitted(1), job("jp").gpus(4).submitted(2))
                .plan(Policies.fifo());

        assertThat(plan.placements()).containsExactly(new Placement(id("jq"), on("q1", 0, 1), false));
        assertThat(plan.explain(id("jp")).reason()).isEqualTo(PendingReason.INSUFFICIENT_GPUS);
        assertThat(plan.snapshotVersion()).isEqualTo(1);
    }

    private static int[] parse(String indices) {
        return java.util.Arrays.stream(indices.trim().split(" ")).mapToInt(Integer::parseInt).toArray();
    }
}
