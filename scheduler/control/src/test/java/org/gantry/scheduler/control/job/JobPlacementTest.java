package org.gantry.scheduler.control.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobState;
import org.junit.jupiter.api.Test;

/** Schedule, MarkStarted and Suspend: how a job takes GPUs, runs, and is asked to give them back. */
class JobPlacementTest extends JobEntityHarness {

    @Test
    void scheduleTakesTheNextAttemptOnItsGpus() {
        submit();

        Job job = change(schedule(1, TWO_GPUS));

        assertThat(job.state()).isEqualTo(JobState.SCHEDULED);
        assertThat(job.attempt()).isEqualTo(1);
        assertThat(job.allocation()).isEqualTo(TWO_GPUS);
        assertThat(job.gpuCount()).isEqualTo(2);
        assertThat(job.scheduledAt()).isEqualTo(at(10));
        assertThat(job.startedAt()).isNull();
    }

    @Test
    void aRepeatedScheduleChangesNothing() {
        submit();
        Job job = change(schedule(1, TWO_GPUS));

        assertThat(accepted(schedule(1, TWO_GPUS))).isEqualTo(job);
    }

    @Test
    void theSameAttemptOnOtherGpusIsRefused() {
        submit();
        change(schedule(1, TWO_GPUS));

        assertThat(refused(schedule(1, OTHER_GPUS))).startsWith("attempt 1 is already scheduled on other GPUs");
    }

    @Test
    void aStaleOrSkippedAttemptIsRefused() {
        submit();

        assertThat(refused(schedule(2, TWO_GPUS))).isEqualTo(
                "attempt 2 is stale: the job is PENDING after attempt 0, so the next placement is attempt 1");
        change(schedule(1, TWO_GPUS));
        assertThat(refused(schedule(2, OTHER_GPUS))).isEqualTo(
                "job is SCHEDULED with attempt 1; attempt 2 cannot be placed until it is requeued");
    }

    @Test
    void aScheduleWithoutGpusIsRefused() {
        submit();

        assertThat(refused(schedule(1, Map.of()))).isEqualTo("attempt 1 names no GPUs");
    }

    @Test
    void aCancelledJobCannotBeScheduled() {
        submit();
        change(cancel("alice"));

        assertThat(refused(schedule(1, TWO_GPUS))).isEqualTo("job already CANCELLED");
    }

    @Test
    void markStartedRunsTheScheduledAttempt() {
        submit();
        change(schedule(1, TWO_GPUS));

        Job job = change(start(1));

        assertThat(job.state()).isEqualTo(JobState.RUNNING);
        assertThat(job.startedAt()).isEqualTo(at(11));
        assertThat(job.scheduledAt()).isEqualTo(at(10));
        assertThat(accepted(start(1))).isEqualTo(job);
    }

    @Test
    void aStartReportForAnotherAttemptChangesNothing() {
        submit();
        change(schedule(1, TWO_GPUS));

        assertThat(accepted(start(2)).state()).isEqualTo(JobState.SCHEDULED);
        assertThat(accepted(start(0)).state()).isEqualTo(JobState.SCHEDULED);
    }

    @Test
    void aStartReportWhileSuspendingChangesNothing() {
        submit();
        change(schedule(1, TWO_GPUS));
        change(suspend(1, "node draining"));

        assertThat(accepted(start(1)).state()).isEqualTo(JobState.SUSPENDING);
    }

    @Test
    void suspendAsksARunningJobToStop() {
        running(spec(0));

        Job job = change(suspend(1, "preempted for tenant nlp"));

        assertThat(job.state()).isEqualTo(JobState.SUSPENDING);
        assertThat(job.reason()).isEqualTo("preempted for tenant nlp");
        assertThat(job.allocation()).isEqualTo(TWO_GPUS);
        assertThat(accepted(suspend(1, "preempted again"))).isEqualTo(job);
    }

    @Test
    void suspendIsRefusedWithoutGpusOrForAnotherAttempt() {
        submit();
        assertThat(refused(suspend(1, "preempted"))).isEqualTo("job is PENDING: it holds no GPUs to suspend");

        change(schedule(1, TWO_GPUS));
        assertThat(refused(suspend(2, "preempted"))).isEqualTo("attempt 2 is not the job's current attempt 1");

        change(exit(1, 0, org.gantry.api.protocol.ExitCause.COMPLETED, null));
        assertThat(refused(suspend(1, "preempted"))).isEqualTo("job already SUCCEEDED");
    }
}
