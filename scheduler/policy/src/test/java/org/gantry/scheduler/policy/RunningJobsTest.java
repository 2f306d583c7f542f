package org.gantry.scheduler.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.gantry.scheduler.policy.Clusters.run;
import static org.gantry.scheduler.policy.Clusters.tenant;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gantry.api.job.JobId;
import org.junit.jupiter.api.Test;

class RunningJobsTest {
    @Test
    void iteratesInEndOrderThenIdWhateverTheOrderJobsCameIn() {
        RunningJob c = run("c").on("n1", 0).ends(300).build();
        RunningJob b = run("b").on("n1", 1).ends(100).build();
        RunningJob a = run("a").on("n1", 2).ends(300).build();

        RunningJobs running = RunningJobs.of(List.of(c, b, a));

        assertThat(running).containsExactly(b, a, c);
        assertThat(running.first()).isEqualTo(b);
    }

    @Test
    void aJobPutAgainReplacesWhatWasKnownOfIt() {
        var running = new RunningJobs();
        running.put(run("x").on("n1", 0).ends(100).priority(1).build());
        RunningJob renewed = run("x").on("n1", 0).ends(500).priority(3).suspending().build();

        running.put(renewed);

        assertThat(running).containsExactly(renewed);
        assertThat(running.suspending()).containsExactly(renewed);
        assertThat(running.lowestPreemptiblePriority()).isEqualTo(3);
        assertThat(running.remove(JobId.of("x"))).isEqualTo(renewed);
        assertThat(running).isEmpty();
        assertThat(running.suspending()).isEmpty();
        assertThat(running.lowestPreemptiblePriority()).isEqualTo(Integer.MAX_VALUE);
        assertThat(running.mostAttainedAt(1_000)).isZero();
    }

    @Test
    void keepsEachTenantsNewestAllocationsFirst() {
        RunningJob old = run("old").tenant("a").on("n1", 0).started(100).build();
        RunningJob newer = run("newer").tenant("a").on("n1", 1).started(900).build();
        RunningJob twinA = run("twin-a").tenant("a").on("n1", 2).started(500).build();
        RunningJob twinB = run("twin-b").tenant("a").on("n1", 3).started(500).build();
        RunningJob other = run("other").tenant("b").on("n1", 4).started(950).build();

        RunningJobs running = RunningJobs.of(List.of(old, twinA, other, newer, twinB));

        assertThat(running.newestFirst(tenant("a"))).containsExactly(newer, twinB, twinA, old);
        assertThat(running.newestFirst(tenant("b"))).containsExactly(other);
        assertThat(running.newestFirst(tenant("c"))).isEmpty();
        // Room-making tells a tenant's borrowed jobs by this order (ReclaimBorrowed), so it must be the index's.
        var sorted = new ArrayList<>(List.of(old, twinA, newer, twinB));
        sorted.sort(RunningJobs.newestFirstOrder());
        assertThat(sorted).containsExactly(newer, twinB, twinA, old);
    }

    @Test
    void knowsItsElasticJobsAndTheLowestPriorityOfPreemptibleWork() {
        RunningJob elastic = run("e").elastic(1, 4).on("n1", 0, 1).priority(5).build();
        RunningJob fixed = run("f").on("n1", 2).priority(2).build();
        RunningJob pinned = run("p").on("n1", 3).priority(-9).nonPreemptible().build();

        RunningJobs running = RunningJobs.of(List.of(elastic, fixed, pinned));

        assertThat(running.elastic()).containsExactly(elastic);
        assertThat(running.lowestPreemptiblePriority()).isEqualTo(2);
        running.remove(fixed.id());
        assertThat(running.lowestPreemptiblePriority()).isEqualTo(5);
    }

    /** The most-served job, found from per-GPU-count intercepts, equals a scan over every job at any time. */
    @Test
    void mostAttainedServiceMatchesAScanOverEveryJob() {
        var random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            var jobs = new ArrayList<RunningJob>();
            var running = new RunningJobs();
            int count = 1 + random.nextInt(30);
            for (int i = 0; i < count; i++) {
                int width = 1 + random.nextInt(8);
                int[] gpus = new int[width];
                for (int g = 0; g < width; g++) {
                    gpus[g] = g;
                }
                RunningJob job = run("j" + i).on("n" + i, gpus).started(random.nextInt(5_000))
                        .attained(random.nextInt(3) == 0 ? random.nextInt(40_000) : 0).build();
                jobs.add(job);
                running.put(job);
            }
            if (random.nextBoolean()) {
                RunningJob gone = jobs.remove(random.nextInt(jobs.size()));
                running.remove(gone.id());
            }
            long now = 5_000 + random.nextInt(20_000);
            double scanned = jobs.stream().mapToDouble(job -> job.attainedAt(now)).max().orElse(0);

            assertThat(running.mostAttainedAt(now)).as("trial %d", trial).isCloseTo(scanned, within(1e-6));
        }
        assertThat(new RunningJobs().mostAttainedAt(10)).isZero();
    }

    /** Jobs found through the service and priority indexes are those a scan over every job finds. */
    @Test
    void servedAndLowerPriorityJobsMatchAScanOverEveryJob() {
        var random = new Random(11);
        for (int trial = 0; trial < 300; trial++) {
            var jobs = new ArrayList<RunningJob>();
            var running = new RunningJobs();
            int count = random.nextInt(40);
            for (int i = 0; i < count; i++) {
                int width = 1 + random.nextInt(8);
                int[] gpus = new int[width];
                for (int g = 0; g < width; g++) {
                    gpus[g] = g;
                }
                var job = run("j" + i).on("n" + i, gpus).started(random.nextInt(5_000)).priority(random.nextInt(4))
                        .attained(random.nextInt(3) == 0 ? random.nextInt(40_000) : 0);
                if (random.nextInt(4) == 0) {
                    job.nonPreemptible();
                }
                jobs.add(job.build());
                running.put(jobs.get(jobs.size() - 1));
            }
            for (int gone = random.nextInt(3); gone > 0 && !jobs.isEmpty(); gone--) {
                running.remove(jobs.remove(random.nextInt(jobs.size())).id());
            }
            long now = 5_000 + random.nextInt(20_000);
            double service = random.nextInt(60_000);
            int priority = random.nextInt(5);

            assertThat(running.servedAtLeast(service, now)).as("trial %d", trial)
                    .containsAll(jobs.stream().filter(job -> job.attainedAt(now) >= service).toList())
                    .allMatch(job -> job.attainedAt(now) >= service - 1);
            assertThat(running.preemptibleBelow(priority)).as("trial %d", trial)
                    .containsExactlyInAnyOrderElementsOf(jobs.stream()
                            .filter(job -> job.preemptible() && job.priority() < priority).toList());
        }
    }

    @Test
    void serviceAndCheckpointsFollowTheClock() {
        RunningJob job = run("x").on("n1", 0, 1).started(1_000).attained(500).build();
        RunningJob checkpointing = new RunningJob(JobId.of("c"), tenant("a"), job.gpus(), job.allocation(), 0, true,
                1_000, 1_000, 600, 9_000, false, 0);

        assertThat(job.attainedAt(1_000)).isEqualTo(500);
        assertThat(job.attainedAt(1_300)).isEqualTo(500 + 300 * 2);
        assertThat(checkpointing.lastCheckpointAt(1_599)).isEqualTo(1_000);
        assertThat(checkpointing.lastCheckpointAt(2_250)).isEqualTo(2_200);
        assertThat(checkpointing.lostWorkIfStoppedAt(2_250)).isEqualTo(50 * 2);
        assertThat(job.lostWorkIfStoppedAt(1_100)).isEqualTo(100 * 2);
    }

}
