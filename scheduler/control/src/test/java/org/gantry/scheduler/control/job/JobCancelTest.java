package org.gantry.scheduler.control.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.gantry.api.job.Job;
import org.gantry.api.job.JobState;
import org.gantry.api.protocol.ExitCause;
import org.junit.jupiter.api.Test;

class JobCancelTest extends JobEntityHarness {

    @Test
    void cancellingAPendingJobEndsItAtOnce() {
        submit();

        Job job = change(cancel("alice"));

        assertThat(job.state()).isEqualTo(JobState.CANCELLED);
        assertThat(job.reason()).isEqualTo("cancelled by alice");
        assertThat(job.finishedAt()).isEqualTo(at(100));
        assertThat(job.exitCode()).isNull();
    }

    @Test
    void cancellingARunningJobWaitsForItsExit() {
        running(spec(3));

        Job requested = change(cancel("alice"));
        assertThat(requested.state()).isEqualTo(JobState.RUNNING);
        assertThat(requested.cancelRequested()).isTrue();
        assertThat(requested.reason()).isEqualTo("cancel requested by alice");
        assertThat(requested.allocation()).isEqualTo(TWO_GPUS);

        assertThat(accepted(cancel("bob"))).isEqualTo(requested);

        // Whatever the exit, even one that would be retried, a requested cancel wins.
        Job cancelled = change(exit(1, 143, ExitCause.STOPPED, "terminated"));
        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        assertThat(cancelled.exitCode()).isEqualTo(143);
        assertThat(cancelled.reason()).isEqualTo("cancelled by alice");
        assertThat(cancelled.allocation()).isEmpty();
        assertThat(cancelled.retries()).isZero();
    }

    @Test
    void cancellingAScheduledOrSuspendingJobIsARequestToo() {
        submit();
        change(schedule(1, TWO_GPUS));
        assertThat(change(cancel("alice")).state()).isEqualTo(JobState.SCHEDULED);
        assertThat(change(suspend(1, "preempted")).state()).isEqualTo(JobState.SUSPENDING);

        Job cancelled = change(exit(1, 0, ExitCause.STOPPED, null));

        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        assertThat(cancelled.reason()).isEqualTo("cancelled by alice");
    }

    @Test
    void aCancelWithoutANameStillSaysWhoCancelled() {
        submit();

        assertThat(change(cancel(" ")).reason()).isEqualTo("cancelled by an unnamed caller");
    }

    @Test
    void cancellingAFinishedJobIsRefusedUnlessItWasCancelled() {
        running(spec(0));
        change(exit(1, 0, ExitCause.COMPLETED, null));

        assertThat(refused(cancel("alice"))).isEqualTo("job already SUCCEEDED");
    }

    @Test
    void cancellingACancelledJobAgainChangesNothing() {
        submit();
        Job cancelled = change(cancel("alice"));

        assertThat(accepted(cancel("alice"))).isEqualTo(cancelled);
    }
}
