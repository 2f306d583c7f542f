package org.gantry.scheduler.control.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.gantry.api.job.Job;
import org.gantry.api.job.JobState;
import org.gantry.api.tenant.TenantId;
import org.junit.jupiter.api.Test;

class JobSubmitTest extends JobEntityHarness {

    @Test
    void submitPersistsAPendingJobAndTellsTheScheduler() {
        Job job = submit(spec(2));

        assertThat(job.id()).isEqualTo(id);
        assertThat(job.state()).isEqualTo(JobState.PENDING);
        assertThat(job.tenant()).isEqualTo(TenantId.of("vision"));
        assertThat(job.name()).isEqualTo("resnet50");
        assertThat(job.spec()).isEqualTo(spec(2));
        assertThat(job.submittedAt()).isEqualTo(T0);
        assertThat(job.attempt()).isZero();
        assertThat(job.retries()).isZero();
        assertThat(job.allocation()).isEmpty();
        assertThat(job.cancelRequested()).isFalse();
        assertThat(kit.getState()).isInstanceOf(JobLifecycle.Pending.class);
    }

    @Test
    void resubmitWithTheSameKeyAndSpecReturnsTheSameJob() {
        Job job = submit();

        Job again = accepted(r -> new JobCommand.Submit(spec(0), "key-1", at(5), r));

        assertThat(again).isEqualTo(job);
    }

    @Test
    void resubmitWithTheSameKeyButAnotherSpecIsRefused() {
        submit();

        String reason = refused(r -> new JobCommand.Submit(spec(3), "key-1", at(5), r));

        assertThat(reason).isEqualTo("idempotency key 'key-1' was used for a different job");
    }

    @Test
    void submitUnderATakenIdWithAnotherKeyIsRefused() {
        submit();

        assertThat(refused(r -> new JobCommand.Submit(spec(0), "key-2", at(5), r)))
                .isEqualTo("a different job was already submitted under this id at " + T0);
    }

    @Test
    void everyOtherCommandOnAnUnknownJobAnswersUnknown() {
        assertThat(unchanged(r -> new JobCommand.Get(r))).isInstanceOf(JobReply.Unknown.class);
        assertThat(unchanged(cancel("alice"))).isInstanceOf(JobReply.Unknown.class);
        assertThat(unchanged(schedule(1, TWO_GPUS))).isInstanceOf(JobReply.Unknown.class);
        assertThat(unchanged(start(1))).isInstanceOf(JobReply.Unknown.class);
        assertThat(unchanged(suspend(1, "preempted"))).isInstanceOf(JobReply.Unknown.class);
        assertThat(unchanged(exit(1, 0, org.gantry.api.protocol.ExitCause.COMPLETED, null)))
                .isInstanceOf(JobReply.Unknown.class);
        assertThat(unchanged(requeue(1, "node lost"))).isInstanceOf(JobReply.Unknown.class);
        assertThat(kit.getState()).isEqualTo(new JobLifecycle.Empty());
    }

    @Test
    void getAnswersTheJobAsItIs() {
        Job job = running(spec(0));

        assertThat(accepted(r -> new JobCommand.Get(r))).isEqualTo(job);
    }
}
