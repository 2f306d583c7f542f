package org.gantry.scheduler.control.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobState;
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.service.ServiceException;
import org.gantry.api.tenant.TenantId;
import org.gantry.scheduler.control.SchedulerCommand;
import org.gantry.storage.StorageWriteException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@link FreshJobs} answers, with the journal replaced by a recorder (the real journal is in
 * {@code FreshJobsTest}): the entity's own first event under the job's persistence id and tag, the
 * scheduler told once it is stored; a write that fails is a 503 that names why, and tells nobody.
 */
class FreshJobsAnswerTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final JobId ID = JobId.of("j-fresh-1");
    private static ActorTestKit testKit;

    @BeforeAll
    static void startSystem() {
        testKit = ActorTestKit.create();
    }

    @AfterAll
    static void stopSystem() {
        testKit.shutdownTestKit();
    }

    @Test
    void aStoredFirstEventIsAnsweredAndToldToTheScheduler() {
        TestProbe<SchedulerCommand.JobChanged> scheduler = testKit.createTestProbe(SchedulerCommand.JobChanged.class);
        List<Object[]> appended = new ArrayList<>();
        FreshJobs fresh = new FreshJobs((pid, event, tags) -> {
            appended.add(new Object[] {pid, event, tags});
            return CompletableFuture.completedFuture(null);
        }, scheduler.getRef(), Runnable::run);

        JobReply reply = fresh.submit(ID, spec(), AT).toCompletableFuture().join();

        assertThat(reply).isInstanceOf(JobReply.Accepted.class);
        var job = ((JobReply.Accepted) reply).job();
        assertThat(job.state()).isEqualTo(JobState.PENDING);
        assertThat(job.submittedAt()).isEqualTo(AT);
        assertThat(appended).hasSize(1);
        assertThat(appended.get(0)[0]).isEqualTo(JobEntity.persistenceId(ID).id());
        assertThat(appended.get(0)[1]).isInstanceOf(JobEvent.Submitted.class);
        assertThat(appended.get(0)[2]).isEqualTo(JobEntity.TAGS);
        assertThat(scheduler.receiveMessage().job()).isEqualTo(job);
    }

    @Test
    void aFailedWriteIsUnavailableAndTellsNobody() {
        TestProbe<SchedulerCommand.JobChanged> scheduler = testKit.createTestProbe(SchedulerCommand.JobChanged.class);
        FreshJobs fresh = new FreshJobs((pid, event, tags) -> CompletableFuture.failedFuture(
                new StorageWriteException(java.nio.file.Path.of("/data"), "No space left on device", null)),
                scheduler.getRef(), Runnable::run);

        assertThatThrownBy(() -> fresh.submit(ID, spec(), AT).toCompletableFuture().join())
                .hasCauseInstanceOf(ServiceException.Unavailable.class)
                .hasMessageContaining("not accepted").hasMessageContaining("No space left on device");
        scheduler.expectNoMessage(Duration.ofMillis(200));
    }

    private static JobSpec spec() {
        return JobSpec.builder("fresh", GpuRequest.fixed(1), SimulatedWorkload.ofSeconds(60))
                .tenant(TenantId.of("team")).build();
    }
}
