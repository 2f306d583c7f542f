package org.gantry.scheduler.control.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobCheckpoint;
import org.gantry.api.job.JobState;
import org.gantry.api.protocol.ExitCause;
import org.junit.jupiter.api.Test;

/** Stored checkpoints become events, whatever the job's stage, and the newest one stays on the job. */
class JobCheckpointTest extends JobEntityHarness {

    private static java.util.function.Function<ActorRef<JobReply>, JobCommand> stored(int attempt, long step,
                                                                                      long bytes, Instant at) {
        return r -> new JobCommand.RecordCheckpoint(attempt, step, bytes, at, r);
    }

    @Test
    void theNewestCheckpointFollowsTheJobThroughRequeueAndEnd() {
        running(spec(0));
        Job job = change(stored(1, 100, 4096, at(12)));
        assertThat(job.lastCheckpoint()).isEqualTo(new JobCheckpoint(at(12), 4096, 1, 100));

        // A repeat, or an older step arriving late, changes nothing.
        accepted(stored(1, 100, 4096, at(12)));
        accepted(stored(1, 90, 1024, at(11)));

        change(suspend(1, "preempted"));
        // The last checkpoint is shipped before the exit is reported.
        assertThat(change(stored(1, 200, 8192, at(15))).state()).isEqualTo(JobState.SUSPENDING);
        Job requeued = change(exit(1, 143, ExitCause.STOPPED, "stopped"));
        assertThat(requeued.state()).isEqualTo(JobState.PENDING);
        assertThat(requeued.lastCheckpoint().step()).isEqualTo(200);

        // A periodic shipment that lands after the requeue still counts.
        assertThat(change(stored(1, 201, 8192, at(16))).lastCheckpoint().step()).isEqualTo(201);

        change(schedule(2, OTHER_GPUS));
        change(start(2));
        Job done = change(exit(2, 0, ExitCause.COMPLETED, "exited with code 0"));
        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(change(stored(2, 300, 10, at(40))).lastCheckpoint()).isEqualTo(new JobCheckpoint(at(40), 10, 2, 300));
    }

    @Test
    void aCheckpointForAJobThatDoesNotExistIsNotFound() {
        assertThat(run(stored(1, 1, 1, at(1))).reply()).isInstanceOf(JobReply.Unknown.class);
    }
}
