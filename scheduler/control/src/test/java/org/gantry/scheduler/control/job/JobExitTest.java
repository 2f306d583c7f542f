package org.gantry.scheduler.control.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.gantry.api.job.Job;
import org.gantry.api.job.JobState;
import org.gantry.api.protocol.ExitCause;
import org.junit.jupiter.api.Test;

/** MarkExited and Requeue: how an attempt ends and what the job does next. */
class JobExitTest extends JobEntityHarness {

    @Test
    void aCleanCompletionSucceeds() {
        running(spec(3));

        Job job = change(exit(1, 0, ExitCause.COMPLETED, null));

        assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.exitCode()).isZero();
        assertThat(job.finishedAt()).isEqualTo(at(19));
        assertThat(job.startedAt()).isEqualTo(at(11));
        assertThat(job.allocation()).isEmpty();
        assertThat(job.reason()).isEqualTo("completed with exit code 0");
    }

    @Test
    void anExitWhileSuspendingRequeuesWithoutSpendingARetry() {
        running(spec(3));
        change(suspend(1, "preempted for tenant nlp"));

        Job job = change(exit(1, 143, ExitCause.STOPPED, null));

        assertThat(job.state()).isEqualTo(JobState.PENDING);
        assertThat(job.reason()).isEqualTo("preempted for tenant nlp");
        assertThat(job.retries()).isZero();
        assertThat(job.attempt()).isEqualTo(1);
        assertThat(job.allocation()).isEmpty();
        assertThat(job.scheduledAt()).isNull();
        assertThat(job.startedAt()).isNull();

        assertThat(change(schedule(2, OTHER_GPUS)).allocation()).isEqualTo(OTHER_GPUS);
    }

    @Test
    void aWorkloadThatCompletedBeforeItsSuspensionSucceeds() {
        running(spec(0));
        change(suspend(1, "preempted"));

        assertThat(change(exit(1, 0, ExitCause.COMPLETED, null)).state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void aWorkloadItsNodeFencedIsRequeuedWithoutSpendingARetry() {
        running(spec(0));

        Job job = change(exit(1, 143, ExitCause.LEASE_LAPSED, "node node-a lost contact with the control plane"));

        assertThat(job.state()).as("even with no retries left: a node cut off is not the job's fault")
                .isEqualTo(JobState.PENDING);
        assertThat(job.reason()).isEqualTo("its node lost contact with the control plane and stopped it "
                + "(node node-a lost contact with the control plane)");
        assertThat(job.retries()).isZero();
        assertThat(job.allocation()).isEmpty();
    }

    @Test
    void runningPastTheTimeLimitFailsWithoutRetry() {
        running(spec(3));

        Job job = change(exit(1, 137, ExitCause.TIME_LIMIT, null));

        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.exitCode()).isEqualTo(137);
        assertThat(job.reason()).isEqualTo("ran past its time limit of PT4H");
        assertThat(job.retries()).isZero();
    }

    @Test
    void aFailedRunIsRetriedUntilRetriesRunOut() {
        running(spec(1));

        Job retried = change(exit(1, 3, ExitCause.COMPLETED, null));
        assertThat(retried.state()).isEqualTo(JobState.PENDING);
        assertThat(retried.retries()).isEqualTo(1);
        assertThat(retried.reason()).isEqualTo("exit code 3: retry 1 of 1");
        assertThat(retried.exitCode()).isNull();

        change(schedule(2, TWO_GPUS));
        change(start(2));
        Job failed = change(exit(2, 3, ExitCause.COMPLETED, "CUDA out of memory"));
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.reason()).isEqualTo("exit code 3 (CUDA out of memory)");
        assertThat(failed.retries()).isEqualTo(1);
    }

    @Test
    void aLaunchFailureOrAnUnexpectedStopCountsAsAFailedRun() {
        submit(spec(1));
        change(schedule(1, TWO_GPUS));

        Job retried = change(exit(1, 127, ExitCause.LAUNCH_FAILED, "no such command: python"));
        assertThat(retried.reason())
                .isEqualTo("could not launch (exit code 127) (no such command: python): retry 1 of 1");

        change(schedule(2, TWO_GPUS));
        change(start(2));
        Job failed = change(exit(2, 143, ExitCause.STOPPED, null));
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.reason()).isEqualTo("stopped unexpectedly with exit code 143");
    }

    @Test
    void anExitOfAnotherAttemptOrWithoutGpusChangesNothing() {
        running(spec(0));
        accepted(exit(2, 1, ExitCause.COMPLETED, null));
        accepted(exit(0, 1, ExitCause.COMPLETED, null));

        change(requeue(1, "node node-a lost"));
        assertThat(accepted(exit(1, 1, ExitCause.COMPLETED, null)).state()).isEqualTo(JobState.PENDING);
    }

    @Test
    void requeueSendsTheAttemptBackToTheQueueWithoutARetry() {
        running(spec(3));

        Job job = change(requeue(1, "node node-a lost"));

        assertThat(job.state()).isEqualTo(JobState.PENDING);
        assertThat(job.reason()).isEqualTo("node node-a lost");
        assertThat(job.retries()).isZero();
        assertThat(job.allocation()).isEmpty();
        assertThat(accepted(requeue(1, "node node-a lost"))).isEqualTo(job);
    }

    @Test
    void aJobThatMayNotRunTwiceFailsWhenItsNodeIsLost() {
        running(spec(3).toBuilder().requeueable(false).build());

        Job job = change(requeue(1, "node node-a was lost, and its lease has lapsed"));

        assertThat(job.state()).as("retries are for the job's own failures").isEqualTo(JobState.FAILED);
        assertThat(job.reason()).isEqualTo("NODE_LOST: node node-a was lost, and its lease has lapsed; not requeued, "
                + "as the job is not requeueable");
        assertThat(job.allocation()).isEmpty();
    }

    @Test
    void aJobThatMayNotRunTwiceFailsWhenItsNodeFencesIt() {
        running(spec(3).toBuilder().requeueable(false).build());

        Job job = change(exit(1, 143, ExitCause.LEASE_LAPSED, null));

        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.reason()).startsWith("NODE_LOST: its node lost contact with the control plane");
    }

    @Test
    void requeueOfAnotherAttemptChangesNothing() {
        running(spec(0));

        assertThat(accepted(requeue(2, "node lost")).state()).isEqualTo(JobState.RUNNING);
    }

    @Test
    void requeueOfAJobBeingCancelledEndsIt() {
        running(spec(0));
        change(cancel("alice"));

        Job job = change(requeue(1, "node node-a lost"));

        assertThat(job.state()).isEqualTo(JobState.CANCELLED);
        assertThat(job.reason()).isEqualTo("cancelled by alice");
        assertThat(job.exitCode()).isNull();
    }

    @Test
    void reportsAfterTheEndChangeNothing() {
        running(spec(0));
        Job done = change(exit(1, 0, ExitCause.COMPLETED, null));

        assertThat(accepted(start(1))).isEqualTo(done);
        assertThat(accepted(exit(1, 1, ExitCause.COMPLETED, null))).isEqualTo(done);
        assertThat(accepted(requeue(1, "node lost"))).isEqualTo(done);
    }
}
