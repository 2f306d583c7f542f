package org.gantry.scheduler.control.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobHistoryEntry;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobState;
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.job.TrainingProgress;
import org.gantry.api.service.Caller;
import org.gantry.api.service.JobExplanation;
import org.gantry.api.service.QueueEntry;
import org.gantry.api.tenant.TenantId;
import org.junit.jupiter.api.Test;

class JobMentionsTest {
    private static final TenantId VISION = TenantId.of("vision");
    private static final JobId MINE = JobIds.random();
    private static final JobId THEIRS = JobIds.forKey(TenantId.of("audio"), "key");

    @Test
    void aTenantSeesItsOwnJobIdsAndAnotherJobForTheRestTheAdminSeesAll() {
        String text = "preempted to make room for job " + THEIRS + " (reclaiming); reserved for job " + MINE
                + ", then " + THEIRS + " again";

        assertThat(JobMentions.hide(text, Set.of(MINE))).isEqualTo("preempted to make room for another job "
                + "(reclaiming); reserved for job " + MINE + ", then another job again");
        assertThat(JobMentions.hide("no ids here: j-1, trainer", Set.of())).isEqualTo("no ids here: j-1, trainer");

        Job job = new Job(MINE, JobState.PENDING, VISION, "mine", JobSpec.builder("mine", GpuRequest.fixed(1),
                SimulatedWorkload.ofSeconds(1)).tenant(VISION).build(), Instant.EPOCH, null, null, null, 1, 0, Map.of(),
                null, "preempted to make room for job " + THEIRS, false, 0, null, null, Map.of());
        assertThat(JobMentions.scoped(new Caller.Tenant(VISION), job).reason())
                .isEqualTo("preempted to make room for another job");
        assertThat(JobMentions.scoped(new Caller.Admin(), job)).isSameAs(job);

        JobExplanation why = new JobExplanation(MINE, JobState.PENDING, "RESERVED", "reserved for job " + THEIRS, 1,
                null);
        assertThat(JobMentions.scoped(new Caller.Tenant(VISION), why).detail()).isEqualTo("reserved for another job");
        List<QueueEntry> queue = List.of(new QueueEntry(2, MINE, VISION, "mine", PoolId.DEFAULT, 1, Instant.EPOCH,
                "behind job " + THEIRS + ", which cannot start yet", null));
        assertThat(JobMentions.scoped(new Caller.Tenant(VISION), queue).get(0).reason())
                .isEqualTo("behind another job, which cannot start yet");
    }

    @Test
    void aTenantsScopedHistoryKeepsItsTrainingFigures() {
        List<TrainingProgress> epochs = List.of(new TrainingProgress(1, 8, 43.6, 33.7, 4.7));
        List<JobHistoryEntry> history = List.of(
                new JobHistoryEntry(Instant.EPOCH, "Progressed", JobState.RUNNING, "epoch 1 of 8", epochs),
                new JobHistoryEntry(Instant.EPOCH, "Preempted", JobState.PENDING, "for job " + THEIRS));

        List<JobHistoryEntry> scoped = JobMentions.scopedHistory(new Caller.Tenant(VISION), MINE, history);

        assertThat(scoped.get(0).epochs()).as("the dashboard draws its curves from these").isEqualTo(epochs);
        assertThat(scoped.get(1).detail()).isEqualTo("for another job");
    }
}
