package org.gantry.scheduler.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.scheduler.policy.Clusters.cluster;
import static org.gantry.scheduler.policy.Clusters.job;
import static org.gantry.scheduler.policy.Clusters.node;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A pass skips the jobs of tenants that can start nothing more once they come in a run, so a
 * long queue of one held-back tenant does not hide another tenant's few jobs behind it, and the
 * skipped jobs still say why they wait.
 */
class QueueNarrowingTest {
    static Stream<Arguments> policies() {
        return Stream.of(Arguments.of("gantry", Policies.gantry()), Arguments.of("las", Policies.named("las")),
                Arguments.of("sjf", Policies.named("sjf")), Arguments.of("fifo-backfill", Policies.named("fifo-backfill")));
    }

    /** A held-back tenant's jobs with placement constraints are still looked at: its other jobs say nothing of them. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void constrainedJobsOfAHeldBackTenantAreNotSkipped(String name, SchedulingPolicy policy) {
        var queue = new ArrayList<Clusters.Job>();
        for (int i = 0; i < 200; i++) {
            queue.add(job(String.format("a-%03d", i)).tenant("a").gpus(1).submitted(i).estimate(600));
        }
        queue.add(job("a-fast").tenant("a").gpus(1).label("disk", "fast").submitted(900).estimate(600));
        queue.add(job("b-1").tenant("b").gpus(1).submitted(1_000).estimate(600));

        Clusters.Cluster c = cluster().nodes(node("n1", 4), node("n2", 4).label("disk", "fast"))
                .quota("a", 0, 0).quota("b", 4, 8)
                .pending(queue.toArray(Clusters.Job[]::new));
        Snapshot snapshot = c.snapshot(policy.order());
        Plan plan = policy.plan(snapshot);

        assertThat(plan.placements()).extracting(Placement::job).containsExactly(Clusters.id("b-1"));
        assertThat(plan.explanations()).as("a-fast was looked at").containsKey(Clusters.id("a-fast"));
        assertThat(plan.explain(Clusters.id("a-fast")).reason()).isEqualTo(PendingReason.NEVER_FITS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void aFewJobsBehindAHeldBackTenantStartAndTheSkippedOnesSayWhy(String name, SchedulingPolicy policy) {
        var held = new ArrayList<Clusters.Job>();
        for (int i = 0; i < 500; i++) {
            held.add(job(String.format("a-%03d", i)).tenant("a").gpus(1).submitted(i).estimate(600));
        }
        List<Clusters.Job> queue = new ArrayList<>(held);
        queue.add(job("b-1").tenant("b").gpus(1).submitted(1_000).estimate(600));
        queue.add(job("b-2").tenant("b").gpus(2).submitted(1_001).estimate(600));

        Clusters.Cluster c = cluster().nodes(node("n1", 8))
                .quota("a", 0, 0) // a may run nothing in this pool: every job of a is refused
                .quota("b", 4, 8)
                .pending(queue.toArray(Clusters.Job[]::new));
        Snapshot snapshot = c.snapshot(policy.order());
        Plan plan = policy.plan(snapshot);

        assertThat(plan.placements()).extracting(Placement::job)
                .containsExactlyInAnyOrder(Clusters.id("b-1"), Clusters.id("b-2"));
        assertThat(plan.explanations().size()).as("jobs of a looked at one by one").isLessThan(100);
        for (PendingJob job : snapshot.queue()) {
            if (job.owner().tenant().value().equals("a")) {
                assertThat(plan.explain(job).reason()).as("why %s waits", job.id())
                        .isEqualTo(PendingReason.NEVER_FITS);
            }
        }
    }
}
