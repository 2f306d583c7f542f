package org.gantry.scheduler.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.scheduler.policy.Clusters.job;
import static org.gantry.scheduler.policy.Clusters.tenant;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.gantry.quota.TenantPool;
import org.junit.jupiter.api.Test;

/** A queue filled in one linear pass from jobs already in order holds what one filled job by job holds. */
class IncrementalPendingQueueTest {
    private final QueueOrder order = Policies.shortestJobFirst(0.1).order();

    @Test
    void jobsInOrderMakeTheSameQueueAsJobsAddedOneByOne() {
        List<PendingJob> jobs = mixedJobs(500);
        var oneByOne = IncrementalPendingQueue.of(order, jobs);
        var inOrder = new IncrementalPendingQueue(order);
        inOrder.addAllInOrder(oneByOne.asList());

        assertSame(inOrder, oneByOne, jobs);
        // still a live queue: what comes and goes later keeps it in order
        PendingJob late = job("late").tenant("b").gpus(2).submitted(7).estimate(10).build();
        inOrder.add(late);
        oneByOne.add(late);
        inOrder.remove(jobs.get(3));
        oneByOne.remove(jobs.get(3));
        assertSame(inOrder, oneByOne, jobs);
    }

    @Test
    void jobsOutOfOrderOrIntoAQueueNotEmptyAreAddedOneByOne() {
        List<PendingJob> jobs = mixedJobs(200);
        var expected = IncrementalPendingQueue.of(order, jobs);

        var shuffled = new IncrementalPendingQueue(order);
        shuffled.addAllInOrder(jobs); // as made: not in the queue's order
        assertSame(shuffled, expected, jobs);

        List<PendingJob> sorted = expected.asList();
        var notEmpty = new IncrementalPendingQueue(order);
        notEmpty.add(sorted.get(0));
        notEmpty.addAllInOrder(sorted.subList(1, sorted.size()));
        assertSame(notEmpty, expected, jobs);
    }

    private static List<PendingJob> mixedJobs(int count) {
        var random = new Random(11);
        var jobs = new ArrayList<PendingJob>();
        for (int i = 0; i < count; i++) {
            Clusters.Job job = job("j" + i).tenant("t" + random.nextInt(3)).gpus(1 << random.nextInt(4))
                    .submitted(random.nextInt(1_000)).estimate(60 + random.nextInt(10_000));
            if (random.nextInt(5) == 0) {
                job.label("zone", "z" + random.nextInt(2));
            }
            jobs.add(job.build());
        }
        Collections.shuffle(jobs, random);
        return jobs;
    }

    private static void assertSame(IncrementalPendingQueue actual, IncrementalPendingQueue expected, List<PendingJob> jobs) {
        assertThat(actual.asList()).containsExactlyElementsOf(expected.asList());
        assertThat(actual.size()).isEqualTo(expected.size());
        assertThat(actual.waitingGpus()).isEqualTo(expected.waitingGpus());
        for (int t = 0; t < 3; t++) {
            TenantPool owner = tenant("t" + t);
            assertThat(actual.smallestWaitingGpus(owner)).isEqualTo(expected.smallestWaitingGpus(owner));
            for (PendingJob from : jobs.subList(0, 20)) {
                assertThat(list(actual.after(owner, from))).isEqualTo(list(expected.after(owner, from)));
                assertThat(list(actual.constrainedAfter(owner, from))).isEqualTo(list(expected.constrainedAfter(owner, from)));
            }
        }
    }

    private static List<PendingJob> list(Iterator<PendingJob> jobs) {
        var list = new ArrayList<PendingJob>();
        jobs.forEachRemaining(list::add);
        return list;
    }
}
