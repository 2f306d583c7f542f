package org.gantry.scheduler.control.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.gantry.api.job.Job;
import org.gantry.api.job.JobState;
import org.gantry.api.protocol.ExitCause;
import org.junit.jupiter.api.Test;

/** The GPU-seconds of service a job's events add up to, which LAS ranks it by once it waits again. */
class JobServiceTest extends JobEntityHarness {

    @Test
    void serviceOfEachAttemptIsItsRunTimesItsGpusAndSurvivesARequeueAndARestart() {
        running(spec(0)); // attempt 1 on 2 GPUs, started at minute 11
        Job requeued = change(requeue(1, "node-a lost")); // minute 18
        assertThat(requeued.state()).isEqualTo(JobState.PENDING);
        assertThat(requeued.attainedGpuSeconds()).isEqualTo(7 * 60 * 2);

        assertThat(change(schedule(2, OTHER_GPUS)).attainedGpuSeconds()).isEqualTo(7 * 60 * 2);
        change(start(2)); // minute 21
        Job done = change(exit(2, 0, ExitCause.COMPLETED, null)); // minute 29

        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.attainedGpuSeconds()).isEqualTo(7 * 60 * 2 + 8 * 60 * 2);
        assertThat(kit.restart().state().view(id).attainedGpuSeconds()).isEqualTo(done.attainedGpuSeconds());
    }

    @Test
    void anAttemptThatNeverStartedServedNothing() {
        submit();
        change(schedule(1, TWO_GPUS));

        assertThat(change(requeue(1, "agent never started it")).attainedGpuSeconds()).isZero();
    }

    @Test
    void aSuspendedAttemptServedUntilItsWorkloadExited() {
        running(spec(0)); // started at minute 11
        change(suspend(1, "preempted for tenant nlp")); // minute 15: still running, checkpointing

        Job requeued = change(exit(1, 143, ExitCause.STOPPED, null)); // minute 19

        assertThat(requeued.state()).isEqualTo(JobState.PENDING);
        assertThat(requeued.attainedGpuSeconds()).isEqualTo(8 * 60 * 2);
    }
}
