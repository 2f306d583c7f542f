package org.gantry.scheduler.control.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobHistoryEntry;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobState;
import org.gantry.api.job.ProcessWorkload;
import org.gantry.api.protocol.ExitCause;
import org.gantry.api.tenant.TenantId;
import org.junit.jupiter.api.Test;

/**
 * An elastic job's resize: RUNNING → SUSPENDING (stopping, with the GPUs it moves to) → the next
 * attempt SCHEDULED on them when the stop is reported, never PENDING in between; and what a
 * cancel, a suspension or a lost node does to a resize under way.
 */
class JobResizeTest extends JobEntityHarness {
    static final Map<NodeId, List<Integer>> FOUR_GPUS = Map.of(NodeId.of("node-a"), List.of(0, 1, 2, 3));
    static final Map<NodeId, List<Integer>> ONE_GPU = Map.of(NodeId.of("node-a"), List.of(1));

    static JobSpec elastic() {
        return JobSpec.builder("resnet50", GpuRequest.elastic(1, 4), ProcessWorkload.of("python", "train.py"))
                .tenant(TenantId.of("vision")).maxRetries(1).build();
    }

    static Function<ActorRef<JobReply>, JobCommand> resize(int attempt, Map<NodeId, List<Integer>> to, String why) {
        return r -> new JobCommand.Resize(attempt, to, why, at(attempt * 10 + 6), r);
    }

    @Test
    void aGrowthStopsTheAttemptAndPlacesTheNextOnTheNewGpusWithoutQueueing() {
        running(elastic());

        Job stopping = change(resize(1, FOUR_GPUS, "grown into 2 idle GPUs"));
        assertThat(stopping.state()).isEqualTo(JobState.SUSPENDING);
        assertThat(stopping.allocation()).isEqualTo(TWO_GPUS);
        assertThat(stopping.resizeTo()).isEqualTo(FOUR_GPUS);
        assertThat(stopping.gpuCount()).isEqualTo(2);
        assertThat(stopping.reason()).isEqualTo("resized 2 → 4 GPUs: grown into 2 idle GPUs");
        assertThat(accepted(resize(1, FOUR_GPUS, "grown into 2 idle GPUs"))).isEqualTo(stopping);
        assertThat(refused(resize(1, ONE_GPU, "shrunk"))).contains("already being resized");

        // SIGTERM's exit code: the stop the resize asked for.
        Job restarted = change(exit(1, 143, ExitCause.STOPPED, "terminated"));
        assertThat(restarted.state()).isEqualTo(JobState.SCHEDULED);
        assertThat(restarted.attempt()).isEqualTo(2);
        assertThat(restarted.allocation()).isEqualTo(FOUR_GPUS);
        assertThat(restarted.gpuCount()).isEqualTo(4);
        assertThat(restarted.resizeTo()).isEmpty();
        assertThat(restarted.retries()).isZero();
        assertThat(restarted.scheduledAt()).isEqualTo(at(19));
        assertThat(restarted.startedAt()).isNull();
        assertThat(restarted.reason()).isEqualTo("resized 2 → 4 GPUs: grown into 2 idle GPUs");
        // The stopped attempt's service counts: 2 GPUs from minute 11 to 19.
        assertThat(restarted.attainedGpuSeconds()).isEqualTo(2 * 8 * 60);

        // Replaying the events gives the same job; a late exit report of the stopped attempt changes
        // nothing; the new one starts as usual.
        assertThat(kit.restart().state().view(id)).isEqualTo(restarted);
        accepted(exit(1, 143, ExitCause.STOPPED, "terminated"));
        assertThat(change(start(2)).state()).isEqualTo(JobState.RUNNING);
    }

    @Test
    void theEventsSayFromWhatWidthToWhatAndWhy() {
        running(elastic());
        change(resize(1, ONE_GPU, "shrunk for tenant nlp's job x (within its guarantee)"));
        change(exit(1, 143, ExitCause.STOPPED, null));

        List<JobHistoryEntry> history = JobHistory.entries(kit.persistenceTestKit()
                .persistedInStorage(JobEntity.persistenceId(id).id()).stream().map(JobEvent.class::cast).toList());

        JobHistoryEntry requested = history.get(history.size() - 2);
        assertThat(requested.event()).isEqualTo("ResizeRequested");
        assertThat(requested.state()).isEqualTo(JobState.SUSPENDING);
        assertThat(requested.detail()).isEqualTo("attempt 1 stopping to be resized 2 → 1 GPUs: shrunk for "
                + "tenant nlp's job x (within its guarantee); it restarts on 1 GPU: node-a [1]");
        JobHistoryEntry resized = history.get(history.size() - 1);
        assertThat(resized.event()).isEqualTo("Resized");
        assertThat(resized.state()).isEqualTo(JobState.SCHEDULED);
        assertThat(resized.detail()).isEqualTo("resized 2 → 1 GPUs: shrunk for tenant nlp's job x (within its "
                + "guarantee); attempt 2 placed on 1 GPU: node-a [1]");
    }

    @Test
    void aCancelDuringAResizeEndsTheJobCancelled() {
        running(elastic());
        change(resize(1, FOUR_GPUS, "grown into 2 idle GPUs"));
        Job cancelling = change(cancel("alice"));
        assertThat(cancelling.cancelRequested()).isTrue();
        assertThat(cancelling.resizeTo()).isEqualTo(FOUR_GPUS);

        Job cancelled = change(exit(1, 143, ExitCause.STOPPED, null));

        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        assertThat(cancelled.allocation()).isEmpty();
        assertThat(cancelled.resizeTo()).isEmpty();
    }

    @Test
    void aJobThatFinishesBeforeItsStopSucceedsInsteadOfRestarting() {
        running(elastic());
        change(resize(1, FOUR_GPUS, "grown into 2 idle GPUs"));

        assertThat(change(exit(1, 0, ExitCause.COMPLETED, null)).state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void aLostNodeDuringAResizeRequeuesTheJobAsUsual() {
        running(elastic());
        change(resize(1, FOUR_GPUS, "grown into 2 idle GPUs"));

        Job requeued = change(requeue(1, "node node-a was lost"));

        assertThat(requeued.state()).isEqualTo(JobState.PENDING);
        assertThat(requeued.attempt()).isEqualTo(1);
        assertThat(requeued.allocation()).isEmpty();
        assertThat(requeued.resizeTo()).isEmpty();
        assertThat(change(schedule(2, OTHER_GPUS)).allocation()).isEqualTo(OTHER_GPUS);
    }

    @Test
    void aSuspensionDuringAResizeTurnsItIntoAPlainRequeue() {
        running(elastic());
        change(resize(1, FOUR_GPUS, "grown into 2 idle GPUs"));

        Job suspending = change(suspend(1, "node node-a is cordoned"));
        assertThat(suspending.state()).isEqualTo(JobState.SUSPENDING);
        assertThat(suspending.resizeTo()).isEmpty();

        Job requeued = change(exit(1, 143, ExitCause.STOPPED, null));
        assertThat(requeued.state()).isEqualTo(JobState.PENDING);
        assertThat(requeued.reason()).isEqualTo("node node-a is cordoned");
    }

    @Test
    void aResizeThatCannotApplyIsRefused() {
        submit(elastic());
        assertThat(refused(resize(1, FOUR_GPUS, "grown"))).contains("PENDING");
        change(schedule(1, TWO_GPUS));
        assertThat(refused(resize(2, FOUR_GPUS, "grown"))).contains("not the job's current attempt 1");
        assertThat(refused(resize(1, TWO_GPUS, "grown"))).contains("already runs on");
        assertThat(refused(resize(1, Map.of(), "grown"))).contains("names no GPUs");
        change(suspend(1, "preempted"));
        assertThat(refused(resize(1, FOUR_GPUS, "grown"))).contains("being stopped");
        change(exit(1, 143, ExitCause.STOPPED, null));
        change(cancel("alice"));
        assertThat(refused(resize(1, FOUR_GPUS, "grown"))).isEqualTo("job already CANCELLED");
    }
}
