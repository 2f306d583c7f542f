package org.gantry.scheduler.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobState;
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;
import org.gantry.scheduler.control.job.JobEvent;
import org.gantry.scheduler.control.job.JobLifecycle;
import org.gantry.scheduler.control.job.StoredSpec;
import org.gantry.scheduler.policy.Policies;
import org.gantry.scheduler.predict.HistoryPredictor;
import org.junit.jupiter.api.Test;

/** What the view reports to {@link ControlMetrics} as records arrive, and the figures it counts up. */
class ControlViewMetricsTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final TenantId VISION = TenantId.of("vision");
    private static final Map<NodeId, List<Integer>> NODE_A = Map.of(NodeId.of("node-a"), List.of(0, 1, 2));

    private final List<String> calls = new ArrayList<>();
    private final ControlView view = new ControlView(Policies.gantry().order(), HistoryPredictor.defaults(),
            new ControlMetrics() {
                @Override
                public void jobStarted(PoolId pool, long waitedSeconds) {
                    calls.add("started " + pool.value() + " after " + waitedSeconds);
                }

                @Override
                public void jobEnded(JobState state, TenantId tenant, PoolId pool, long ranSeconds) {
                    calls.add("ended " + state + " " + tenant.value() + " " + pool.value() + " ran " + ranSeconds);
                }
            });
    private final Map<JobId, List<JobEvent>> logs = new HashMap<>();

    @Test
    void aStartAndAnEndAreReportedOnceEachWhateverRecordsRepeat() {
        JobId id = JobId.of("job-1");
        record(id, new JobEvent.Submitted(StoredSpec.of(spec(2)), null, at(0)));
        record(id, new JobEvent.Scheduled(1, NODE_A, at(1)));
        record(id, new JobEvent.Started(1, at(2)));
        repeatLast(id); // the same record by the other path (notification and reply)
        record(id, new JobEvent.Finished(1, JobState.SUCCEEDED, 0, null, at(12)));
        repeatLast(id);

        assertThat(calls).containsExactly("started default after 120", "ended SUCCEEDED vision default ran 600");
    }

    @Test
    void recoveringARunningJobCountsNoStart() {
        JobId id = JobId.of("job-1");
        List<JobEvent> log = List.of(new JobEvent.Submitted(StoredSpec.of(spec(1)), null, at(0)),
                new JobEvent.Scheduled(1, NODE_A, at(1)), new JobEvent.Started(1, at(2)));
        view.update(JobLifecycle.replay(id, log), at(30)); // as a restarted scheduler reads it back

        assertThat(calls).isEmpty();
    }

    @Test
    void figuresCountJobsQueueAndQuotaFromTheView() {
        view.setTenants(Map.of(VISION, new TenantSpec(VISION, Map.of(PoolId.DEFAULT, new PoolQuota(2, 8)))));
        JobId running = JobId.of("job-1");
        record(running, new JobEvent.Submitted(StoredSpec.of(spec(3)), null, at(0)));
        record(running, new JobEvent.Scheduled(1, NODE_A, at(1)));
        record(running, new JobEvent.Started(1, at(2)));
        record(JobId.of("job-2"), new JobEvent.Submitted(StoredSpec.of(spec(4)), null, at(5)));
        record(JobId.of("job-3"), new JobEvent.Submitted(StoredSpec.of(spec(1)), null, at(7)));

        ClusterFigures figures = ViewFigures.of(view, at(10).toEpochMilli());

        assertThat(figures.jobs()).containsExactlyInAnyOrder(
                new ClusterFigures.Jobs(JobState.RUNNING, VISION, PoolId.DEFAULT, 1),
                new ClusterFigures.Jobs(JobState.PENDING, VISION, PoolId.DEFAULT, 2));
        ClusterFigures.Pool pool = figures.pools().stream().filter(p -> p.pool().equals(PoolId.DEFAULT)).findFirst()
                .orElseThrow();
        assertThat(pool.queuedJobs()).isEqualTo(2);
        assertThat(pool.queuedGpus()).isEqualTo(5);
        assertThat(pool.oldestSubmittedAtSecond()).isEqualTo(at(5).getEpochSecond());
        assertThat(pool.gpusBorrowed()).isEqualTo(1);
        assertThat(figures.quotas()).containsExactly(
                new ClusterFigures.Quota(VISION, PoolId.DEFAULT, 2, 8, 3, 1));
    }

    private static JobSpec spec(int gpus) {
        return JobSpec.builder("train", GpuRequest.fixed(gpus), SimulatedWorkload.ofSeconds(3600)).tenant(VISION)
                .build();
    }

    private void record(JobId id, JobEvent event) {
        List<JobEvent> log = logs.computeIfAbsent(id, key -> new ArrayList<>());
        log.add(event);
        view.update(JobLifecycle.replay(id, log), event.at());
    }

    private void repeatLast(JobId id) {
        List<JobEvent> log = logs.get(id);
        Job record = JobLifecycle.replay(id, log);
        view.update(record, log.get(log.size() - 1).at());
    }

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }
}
