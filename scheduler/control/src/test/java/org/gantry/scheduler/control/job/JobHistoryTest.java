package org.gantry.scheduler.control.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobHistoryEntry;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobState;
import org.gantry.api.job.ProcessWorkload;
import org.gantry.api.job.TrainingProgress;
import org.gantry.api.tenant.TenantId;
import org.junit.jupiter.api.Test;

class JobHistoryTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final JobSpec SPEC = JobSpec.builder("resnet50", GpuRequest.fixed(4), ProcessWorkload.of("train"))
            .tenant(TenantId.of("vision")).maxRetries(1).build();

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void eachEventIsToldInWordsWithTheStateAfterIt() {
        List<JobEvent> events = List.of(
                new JobEvent.Submitted(StoredSpec.of(SPEC), "k", T0),
                new JobEvent.Scheduled(1, Map.of(NodeId.of("node-b"), List.of(2, 3), NodeId.of("node-a"), List.of(0, 1)),
                        at(1)),
                new JobEvent.Started(1, at(2)),
                new JobEvent.SuspendRequested(1, "preempted for tenant nlp", at(3)),
                new JobEvent.Requeued(1, "preempted for tenant nlp", false, at(4)),
                new JobEvent.Scheduled(2, Map.of(NodeId.of("node-c"), List.of(7)), at(5)),
                new JobEvent.Requeued(2, "exit code 3: retry 1 of 1", true, at(6)),
                new JobEvent.Scheduled(3, Map.of(NodeId.of("node-c"), List.of(0, 1, 2, 3)), at(7)),
                new JobEvent.CancelRequested("alice", at(8)),
                new JobEvent.Finished(3, JobState.CANCELLED, 143, "cancelled by alice", at(9)));

        List<JobHistoryEntry> history = JobHistory.entries(events);

        assertThat(history).extracting(JobHistoryEntry::event, JobHistoryEntry::state, JobHistoryEntry::detail)
                .containsExactly(
                        tuple("Submitted", JobState.PENDING,
                                "submitted TRAINING job 'resnet50' for tenant vision: 4 GPUs in pool default"),
                        tuple("Scheduled", JobState.SCHEDULED,
                                "attempt 1 placed on 4 GPUs: node-a [0, 1], node-b [2, 3]"),
                        tuple("Started", JobState.RUNNING, "attempt 1 started"),
                        tuple("SuspendRequested", JobState.SUSPENDING,
                                "attempt 1 suspending: preempted for tenant nlp"),
                        tuple("Requeued", JobState.PENDING, "attempt 1 requeued: preempted for tenant nlp"),
                        tuple("Scheduled", JobState.SCHEDULED, "attempt 2 placed on 1 GPU: node-c [7]"),
                        tuple("Requeued", JobState.PENDING, "attempt 2 failed, retrying: exit code 3: retry 1 of 1"),
                        tuple("Scheduled", JobState.SCHEDULED, "attempt 3 placed on 4 GPUs: node-c [0, 1, 2, 3]"),
                        tuple("CancelRequested", JobState.SCHEDULED,
                                "cancel requested by alice; the job ends once its workload stops"),
                        tuple("Finished", JobState.CANCELLED, "CANCELLED with exit code 143: cancelled by alice"));
        assertThat(history).extracting(JobHistoryEntry::at).containsExactlyElementsOf(
                events.stream().map(JobEvent::at).toList());
    }

    @Test
    void aFinishWithoutAnExitCodeSaysSo() {
        List<JobHistoryEntry> history = JobHistory.entries(List.of(
                new JobEvent.Submitted(StoredSpec.of(SPEC), null, T0),
                new JobEvent.Finished(0, JobState.CANCELLED, null, "cancelled by bob", at(1))));

        assertThat(history.get(1).detail()).isEqualTo("CANCELLED: cancelled by bob");
    }

    @Test
    void progressCarriesItsEpochsAsFiguresAndNothingElseDoes() {
        List<JobHistoryEntry> history = JobHistory.entries(List.of(
                new JobEvent.Submitted(StoredSpec.of(SPEC), null, T0),
                new JobEvent.Scheduled(1, Map.of(NodeId.of("node-a"), List.of(0)), at(1)),
                new JobEvent.Progressed(1, List.of(new EpochFacts(1, 10, 0.9, 0.8, 0.7),
                        new EpochFacts(2, 10, 0.5, 0.4, 0.3)), at(2))));

        assertThat(history.get(0).epochs()).isNull();
        assertThat(history.get(1).epochs()).isNull();
        assertThat(history.get(2).epochs()).containsExactly(new TrainingProgress(1, 10, 0.9, 0.8, 0.7),
                new TrainingProgress(2, 10, 0.5, 0.4, 0.3));
    }

    @Test
    void noEventsIsNoHistory() {
        assertThat(JobHistory.entries(List.of())).isEmpty();
    }
}
