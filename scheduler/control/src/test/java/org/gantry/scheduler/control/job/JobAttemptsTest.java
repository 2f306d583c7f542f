package org.gantry.scheduler.control.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.JobAttempt;
import org.gantry.api.job.JobState;
import org.junit.jupiter.api.Test;

class JobAttemptsTest {
    private static final Instant T = Instant.parse("2026-12-06T10:00:00Z");
    private static final NodeId A = NodeId.of("node-a");
    private static final NodeId B = NodeId.of("node-b");

    @Test
    void eachPlacementIsAnAttemptWithHowItEnded() {
        List<JobAttempt> attempts = JobAttempts.of(List.of(
                new JobEvent.Scheduled(1, Map.of(A, List.of(0, 1)), T),
                new JobEvent.Started(1, T.plusSeconds(1)),
                new JobEvent.Requeued(1, "preempted for j-2", false, T.plusSeconds(60)),
                new JobEvent.Scheduled(2, Map.of(B, List.of(3)), T.plusSeconds(70)),
                new JobEvent.Started(2, T.plusSeconds(71)),
                new JobEvent.Requeued(2, "exit code 3", true, T.plusSeconds(80)),
                new JobEvent.Scheduled(3, Map.of(B, List.of(3)), T.plusSeconds(90)),
                new JobEvent.Started(3, T.plusSeconds(91)),
                new JobEvent.Finished(3, JobState.SUCCEEDED, 0, "exit code 0", T.plusSeconds(100))));

        assertThat(attempts).containsExactly(
                new JobAttempt(1, Map.of(A, List.of(0, 1)), T, T.plusSeconds(1), T.plusSeconds(60), "REQUEUED", null,
                        "preempted for j-2"),
                new JobAttempt(2, Map.of(B, List.of(3)), T.plusSeconds(70), T.plusSeconds(71), T.plusSeconds(80),
                        "RETRIED", null, "exit code 3"),
                new JobAttempt(3, Map.of(B, List.of(3)), T.plusSeconds(90), T.plusSeconds(91), T.plusSeconds(100),
                        "SUCCEEDED", 0, "exit code 0"));
    }

    @Test
    void aResizeEndsOneAttemptAndPlacesTheNext() {
        List<JobAttempt> attempts = JobAttempts.of(List.of(
                new JobEvent.Scheduled(1, Map.of(A, List.of(0, 1)), T),
                new JobEvent.Started(1, T.plusSeconds(1)),
                new JobEvent.ResizeRequested(1, Map.of(A, List.of(0, 1, 2, 3)), "resized 2 → 4 GPUs", T.plusSeconds(9)),
                new JobEvent.Resized(2, Map.of(A, List.of(0, 1, 2, 3)), "resized 2 → 4 GPUs", T.plusSeconds(10)),
                new JobEvent.Started(2, T.plusSeconds(11))));

        assertThat(attempts).containsExactly(
                new JobAttempt(1, Map.of(A, List.of(0, 1)), T, T.plusSeconds(1), T.plusSeconds(10), "RESIZED", null,
                        "resized 2 → 4 GPUs"),
                new JobAttempt(2, Map.of(A, List.of(0, 1, 2, 3)), T.plusSeconds(10), T.plusSeconds(11), null, null,
                        null, null));
    }

    @Test
    void aRunningAttemptHasNoEndAndAJobCancelledWhilePendingHasNone() {
        assertThat(JobAttempts.of(List.of(new JobEvent.Scheduled(1, Map.of(A, List.of(0)), T),
                new JobEvent.Started(1, T.plusSeconds(1)))))
                .containsExactly(new JobAttempt(1, Map.of(A, List.of(0)), T, T.plusSeconds(1), null, null, null, null));
        assertThat(JobAttempts.of(List.of(new JobEvent.Finished(0, JobState.CANCELLED, null, "cancelled by admin", T))))
                .isEmpty();
    }
}
