package org.gantry.scheduler.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.Props;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobState;
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.service.Caller;
import org.gantry.api.service.NodeSummary;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /nodes} shows a tenant every node and its free GPUs, but of the jobs there only its own. */
class NodeScopingTest {
    private static final Caller ADMIN = new Caller.Admin();
    private static final TenantId VISION = TenantId.of("vision");
    private static final TenantId AUDIO = TenantId.of("audio");

    @TempDir
    Path dataDir;

    @Test
    void aTenantSeesOnlyItsOwnJobsOnASharedNode() {
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir)) {
            control.system.systemActorOf(ScriptedAgent.create("node-1", 4), "agent-1", Props.empty());
            control.awaitReady();
            Job vision = null;
            Job audio = null;
            for (TenantId tenant : List.of(VISION, AUDIO)) {
                control.services().tenants().create(ADMIN, new TenantSpec(tenant,
                        Map.of(PoolId.DEFAULT, new PoolQuota(2, PoolQuota.UNLIMITED)))).toCompletableFuture().join();
                Job job = control.services().jobs().submit(ADMIN, JobSpec.builder("long", GpuRequest.fixed(2),
                        SimulatedWorkload.ofSeconds(600)).tenant(tenant).build(), Optional.empty())
                        .toCompletableFuture().join().job();
                ControlPlaneHarness.await("job to run", () -> control.services().jobs().get(ADMIN, job.id()),
                        j -> j.state() == JobState.RUNNING, Duration.ofSeconds(30));
                if (tenant.equals(VISION)) {
                    vision = job;
                } else {
                    audio = job;
                }
            }

            NodeSummary asAdmin = nodes(control, ADMIN);
            NodeSummary asVision = nodes(control, new Caller.Tenant(VISION));

            assertThat(asAdmin.jobs()).containsExactlyInAnyOrder(vision.id(), audio.id());
            assertThat(asVision.jobs()).containsExactly(vision.id());
            assertThat(asVision.freeGpus()).isEqualTo(asAdmin.freeGpus()).isZero();
            assertThat(nodes(control, new Caller.Tenant(TenantId.of("nobody"))).jobs()).isEmpty();
        }
    }

    private static NodeSummary nodes(ControlPlaneHarness control, Caller caller) {
        List<NodeSummary> nodes = control.services().cluster().nodes(caller).toCompletableFuture().join();
        assertThat(nodes).hasSize(1);
        return nodes.get(0);
    }
}
