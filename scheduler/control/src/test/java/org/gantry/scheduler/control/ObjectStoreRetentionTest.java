package org.gantry.scheduler.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobHistoryEntry;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobState;
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.protocol.objects.DownloadReply;
import org.gantry.api.protocol.objects.ObjectCommand;
import org.gantry.api.protocol.objects.ObjectName;
import org.gantry.api.protocol.objects.UploadReply;
import org.gantry.api.service.Caller;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The object store of a real control plane (RocksDB journal, job entities, job table): a stored
 * checkpoint becomes the job's {@code lastCheckpoint} and an event of its history, a download
 * gets the newest, and once the job has ended for the retention time its checkpoints go while
 * its artifacts stay. (Keep-last-K is the store's own, tested in {@code CheckpointStoreTest}.)
 */
class ObjectStoreRetentionTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Caller ADMIN = new Caller.Admin();

    @TempDir
    Path dataDir;

    @Test
    void checkpointsFollowTheJobAndGoOnceItHasEndedForTheRetention() throws Exception {
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir, String.join("\n",
                "gantry.checkpoints.retention = 2s", "gantry.checkpoints.sweep-interval = 200ms",
                "gantry.storage.objects.keep-last-checkpoints = 2"))) {
            control.awaitReady();
            control.services().tenants().create(ADMIN, new TenantSpec(TenantId.of("team"),
                    Map.of(PoolId.DEFAULT, new PoolQuota(4, PoolQuota.UNLIMITED)))).toCompletableFuture().join();
            // No agent: the job waits, which is all a checkpoint needs.
            JobSpec spec = JobSpec.builder("waits", GpuRequest.fixed(1), SimulatedWorkload.ofSeconds(30))
                    .tenant(TenantId.of("team")).build();
            JobId id = control.services().jobs().submit(ADMIN, spec, Optional.empty()).toCompletableFuture().join()
                    .job().id();
            ActorRef<ObjectCommand> store = StoreClient.store(control.system);

            UploadReply.Stored first = StoreClient.stored(control.system, store, new ObjectName.Checkpoint(id), 1, "count=1");
            StoreClient.stored(control.system, store, new ObjectName.Checkpoint(id), 1, "count=2");
            UploadReply.Stored third = StoreClient.stored(control.system, store, new ObjectName.Checkpoint(id), 1, "count=3");
            StoreClient.stored(control.system, store, new ObjectName.Artifact(id, "model"), 1, "weights");
            assertThat(third.step()).isGreaterThan(first.step());

            Job job = ControlPlaneHarness.await("the job to show its newest checkpoint",
                    () -> control.services().jobs().get(ADMIN, id),
                    j -> j.lastCheckpoint() != null && j.lastCheckpoint().step() == third.step(), WAIT);
            assertThat(job.lastCheckpoint().sizeBytes()).isEqualTo("count=3".length());
            assertThat(control.services().jobs().history(ADMIN, id).toCompletableFuture().join())
                    .extracting(JobHistoryEntry::event).contains("CheckpointSaved");
            assertThat(StoreClient.download(control.system, store, new ObjectName.Checkpoint(id))).isEqualTo("count=3");

            control.services().jobs().cancel(ADMIN, id).toCompletableFuture().join();
            ControlPlaneHarness.await("the job to end", () -> control.services().jobs().get(ADMIN, id),
                    j -> j.state() == JobState.CANCELLED, WAIT);
            // Still there right after the end, gone once the retention has passed.
            assertThat(StoreClient.download(control.system, store, new ObjectName.Checkpoint(id))).isEqualTo("count=3");
            ControlPlaneHarness.await("the ended job's checkpoints to go", () -> AskPattern.<ObjectCommand,
                            DownloadReply>ask(store, r -> new ObjectCommand.Download(new ObjectName.Checkpoint(id), r),
                            WAIT, control.system.scheduler()),
                    reply -> reply instanceof DownloadReply.NotFound, WAIT);
            assertThat(StoreClient.download(control.system, store, new ObjectName.Artifact(id, "model"))).isEqualTo("weights");
        }
    }
}
