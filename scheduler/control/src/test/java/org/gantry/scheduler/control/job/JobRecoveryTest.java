package org.gantry.scheduler.control.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobState;
import org.gantry.api.protocol.ExitCause;
import org.junit.jupiter.api.Test;

/** Recovery and the pure fold: restart, snapshots, and {@link JobLifecycle#replay} agreeing with the entity. */
class JobRecoveryTest extends JobEntityHarness {

    @Test
    void restartRecoversTheSameJob() {
        running(spec(0));
        Job before = change(cancel("alice"));

        JobLifecycle recovered = kit.restart().state();

        assertThat(recovered.view(id)).isEqualTo(before);
        assertThat(accepted(r -> new JobCommand.Get(r))).isEqualTo(before);
    }

    @Test
    void restartAfterASnapshotRecoversTheSameJobAndKeepsEveryEvent() {
        submit(spec(1));
        // Five preempted attempts: 4 events each, so the 20th event takes a snapshot.
        for (int attempt = 1; attempt <= 5; attempt++) {
            change(schedule(attempt, attempt % 2 == 0 ? TWO_GPUS : OTHER_GPUS));
            change(start(attempt));
            change(suspend(attempt, "preempted, round " + attempt));
            change(exit(attempt, 143, ExitCause.STOPPED, null));
        }
        Job before = change(schedule(6, TWO_GPUS));

        assertThat(kit.snapshotTestKit()).isPresent();
        assertThat(kit.snapshotTestKit().get().persistedInStorage(pid())).hasSize(1);
        assertThat(kit.restart().state().view(id)).isEqualTo(before);
        assertThat(events()).hasSize(22);
        assertThat(change(start(6)).state()).isEqualTo(JobState.RUNNING);
    }

    @Test
    void replayOfTheEventLogIsTheEntitysJob() {
        running(spec(2));
        change(exit(1, 1, ExitCause.COMPLETED, "loss is NaN"));
        change(schedule(2, OTHER_GPUS));
        change(start(2));
        change(cancel("alice"));
        Job last = change(exit(2, 143, ExitCause.STOPPED, null));

        List<JobEvent> events = events();

        assertThat(JobLifecycle.replay(id, events)).isEqualTo(last).isEqualTo(kit.getState().view(id));
        assertThat(JobLifecycle.fold(events)).isEqualTo(kit.getState());
    }

    @Test
    void replayOfNoEventsIsNoJob() {
        assertThat(JobLifecycle.replay(id, List.of())).isNull();
    }

    @Test
    void persistenceIdNamesTheEntityTypeAndJob() {
        assertThat(pid()).isEqualTo("Job|" + id.value());
        assertThat(JobEntity.TYPE_KEY.name()).isEqualTo("Job");
    }

    private String pid() {
        return JobEntity.persistenceId(id).id();
    }

    private List<JobEvent> events() {
        return kit.persistenceTestKit().persistedInStorage(pid()).stream().map(JobEvent.class::cast).toList();
    }
}
