package org.gantry.scheduler.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.scheduler.policy.Clusters.NOW;
import static org.gantry.scheduler.policy.Clusters.cluster;
import static org.gantry.scheduler.policy.Clusters.id;
import static org.gantry.scheduler.policy.Clusters.job;
import static org.gantry.scheduler.policy.Clusters.node;
import static org.gantry.scheduler.policy.Clusters.on;
import static org.gantry.scheduler.policy.Clusters.run;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gantry.api.cluster.NodeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Elastic jobs ({@code gpus: {min, max}}): how wide they start, and when they grow. Through {@code Policies.gantry}. */
class ElasticTest {
    private static final SchedulingPolicy GANTRY = Policies.gantry(1.0, 300);

    /** n1 has GPUs 3-7 free (5), n2 has 6-7 free (2); quotas are off. */
    private static Clusters.Cluster twoNodes() {
        return cluster()
                .nodes(node("n1", 8), node("n2", 8))
                .running(run("r1").tenant("x").on("n1", 0, 1, 2), run("r2").tenant("x").on("n2", 0, 1, 2, 3, 4, 5));
    }

    @ParameterizedTest(name = "elastic {0}..{1} starts on {2} {3}")
    @CsvSource({
            "2, 4, n1, 3 4 5 6",
            "2, 6, n1, 3 4 5 6 7",
            "3, 8, n1, 3 4 5 6 7",
            "1, 5, n1, 3 4 5 6 7",
            "1, 2, n2, 6 7",
            "2, 3, n1, 3 4 5",
    })
    void aPendingElasticJobStartsAsWideAsANodeAllows(int min, int max, String node, String indices) {
        Plan plan = twoNodes().pending(job("e").elastic(min, max)).plan(GANTRY);

        assertThat(plan.placements()).containsExactly(new Placement(id("e"), on(node, parse(indices)), false));
    }

    @Test
    void anElasticJobWhoseMaximumExceedsANodeStillStartsAsWideAsOneNodeAllows() {
        Plan plan = twoNodes().pending(job("e").elastic(1, 12)).plan(GANTRY);

        // Widest free on one node is 5 (n1), within [1, 12].
        assertThat(plan.placements()).containsExactly(new Placement(id("e"), on("n1", 3, 4, 5, 6, 7), false));
    }

    @Test
    void anElasticJobThatDoesNotFitEvenAtItsMinimumWaits() {
        Plan plan = twoNodes().pending(job("e").elastic(6, 8)).plan(GANTRY);

        assertThat(plan.placements()).isEmpty();
        assertThat(plan.explain(id("e")).reason()).isEqualTo(PendingReason.RESERVED);
    }

    @ParameterizedTest(name = "quota ({0},{1}), elastic 2..8 on a free 8-GPU node: {2} GPUs, borrowing {3}")
    @CsvSource({
            // Admitted within the guarantee at its minimum, then widened into idle GPUs up to the limit:
            // the placement says how it was admitted (not borrowing); the GPUs above 2 are borrowed.
            "2, 3, 3, false",
            "2, 8, 8, false",
            "8, 8, 8, false",
    })
    void quotaDecidesBetweenTheWideSizeAndTheMinimum(int guaranteed, int limit, int gpus, boolean borrowing) {
        Plan plan = cluster().nodes(node("n1", 8)).quota("a", guaranteed, limit)
                .pending(job("e").elastic(2, 8))
                .plan(GANTRY);

        int[] expected = java.util.stream.IntStream.range(0, gpus).toArray();
        assertThat(plan.placements()).containsExactly(new Placement(id("e"), on("n1", expected), borrowing));
    }

    static Stream<Arguments> growth() {
        // e1 (tenant a, elastic 2..6) runs on n1's GPUs 0-1; n1 has 8 GPUs.
        return Stream.of(
                Arguments.of("grows into idle GPUs after the minimum run time",
                        cluster().nodes(node("n1", 8)).running(e1(300)),
                        on("n1", 0, 1, 2, 3, 4, 5), 4, List.of()),
                Arguments.of("long-running: grows",
                        cluster().nodes(node("n1", 8)).running(e1(9_000)),
                        on("n1", 0, 1, 2, 3, 4, 5), 4, List.of()),
                Arguments.of("too young to restart: stays",
                        cluster().nodes(node("n1", 8)).running(e1(299)),
                        null, 0, List.of()),
                Arguments.of("someone in the pool waits for GPUs: stays",
                        cluster().nodes(node("n1", 8)).running(e1(300)).pending(job("w").tenant("b").gpus(7)),
                        null, 0, List.of()),
                Arguments.of("a job that started in the pass does not block growth; growth takes what is left",
                        cluster().nodes(node("n1", 8)).running(e1(300)).pending(job("w").tenant("b").gpus(1)),
                        on("n1", 0, 1, 3, 4, 5, 6), 4, List.of(new Placement(id("w"), on("n1", 2), false))),
                Arguments.of("someone waits in another pool: grows",
                        cluster().nodes(node("n1", 8), node("q1", 2).pool("q"))
                                .running(e1(300), run("rq").tenant("b").owner(Clusters.tenant("b", "q")).on("q1", 0, 1)
                                        .started(NOW - 300))
                                .pending(job("w").tenant("b").pool("q").gpus(2)),
                        on("n1", 0, 1, 2, 3, 4, 5), 4, List.of()),
                Arguments.of("only the GPUs its node has free",
                        cluster().nodes(node("n1", 8)).running(e1(300), run("r").tenant("b").on("n1", 2, 3, 4, 5, 6)),
                        on("n1", 0, 1, 7), 1, List.of()),
                Arguments.of("not beyond its maximum",
                        cluster().nodes(node("n1", 8)).running(run("e1").elastic(2, 3).on("n1", 0, 1).started(NOW - 300)),
                        on("n1", 0, 1, 2), 1, List.of()),
                Arguments.of("not beyond its tenant's limit (3)",
                        cluster().nodes(node("n1", 8)).quota("a", 2, 3).running(e1(300)),
                        on("n1", 0, 1, 2), 1, List.of()),
                Arguments.of("not while it suspends",
                        cluster().nodes(node("n1", 8)).running(e1(300).suspending()),
                        null, 0, List.of()),
                Arguments.of("not on a cordoned node",
                        cluster().nodes(node("n1", 8).cordoned(), node("n2", 1)).running(e1(300)),
                        null, 0, List.of()));
    }

    private static Clusters.Run e1(long age) {
        return run("e1").tenant("a").elastic(2, 6).on("n1", 0, 1).started(NOW - age);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("growth")
    void aRunningElasticJobGrowsOnItsNodeOnlyWhenNobodyWaitsInItsPool(String why, Clusters.Cluster cluster,
                                                                     Map<NodeId, GpuSet> grownTo, int grownBy,
                                                                     List<Placement> placements) {
        Plan plan = cluster.plan(GANTRY);

        if (grownTo == null) {
            assertThat(plan.resizes()).isEmpty();
        } else {
            assertThat(plan.resizes()).containsExactly(
                    new Resize(id("e1"), on("n1", 0, 1), grownTo, "grown into " + grownBy + " idle GPUs"));
        }
        assertThat(plan.placements()).containsExactlyElementsOf(placements);
        assertThat(plan.preemptions()).isEmpty();
    }

    @Test
    void theLeastGrownJobGrowsFirst() {
        // e1 holds 2 of its max 8 (25%), e2 holds 3 of its max 4 (75%); one GPU is idle on their shared node.
        Plan plan = cluster()
                .nodes(node("n1", 8))
                .running(run("e2").tenant("a").elastic(1, 4).on("n1", 0, 1, 2).started(0),
                        run("e1").tenant("a").elastic(2, 8).on("n1", 3, 4).started(0),
                        run("r").tenant("b").on("n1", 5, 6))
                .plan(GANTRY);

        assertThat(plan.resizes()).containsExactly(
                new Resize(id("e1"), on("n1", 3, 4), on("n1", 3, 4, 7), "grown into 1 idle GPUs"));
    }

    private static int[] parse(String indices) {
        return java.util.Arrays.stream(indices.trim().split(" ")).mapToInt(Integer::parseInt).toArray();
    }
}
