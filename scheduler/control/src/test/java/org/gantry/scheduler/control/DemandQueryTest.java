package org.gantry.scheduler.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobState;
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.service.Caller;
import org.gantry.api.service.DemandReport;
import org.gantry.api.service.ServiceException;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /pools/{pool}/demand} below HTTP, on a real control plane whose one 4-GPU node is busy. */
class DemandQueryTest {
    private static final Caller ADMIN = new Caller.Admin();
    private static final TenantId TEAM = TenantId.of("team");

    @TempDir
    Path dataDir;

    @Test
    void thePendingShapesAndWhatMoreNodesWouldStart() {
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir)) {
            control.system.systemActorOf(ScriptedAgent.create("node-1", 4), "agent-1",
                    org.apache.pekko.actor.typed.Props.empty());
            control.awaitReady();
            control.services().tenants().create(ADMIN, new TenantSpec(TEAM,
                    Map.of(PoolId.DEFAULT, new PoolQuota(4, PoolQuota.UNLIMITED)))).toCompletableFuture().join();
            var jobs = control.services().jobs();
            var busy = jobs.submit(ADMIN, spec("busy", GpuRequest.fixed(4)), Optional.empty()).toCompletableFuture()
                    .join().job();
            ControlPlaneHarness.await("the node to be busy", () -> jobs.get(ADMIN, busy.id()),
                    job -> job.state() == JobState.RUNNING, Duration.ofSeconds(30));
            for (int i = 0; i < 2; i++) {
                jobs.submit(ADMIN, spec("wide-" + i, GpuRequest.fixed(4)), Optional.empty()).toCompletableFuture().join();
            }
            jobs.submit(ADMIN, spec("elastic", GpuRequest.elastic(2, 4)), Optional.empty()).toCompletableFuture().join();

            DemandReport shapes = control.services().cluster()
                    .demand(ADMIN, PoolId.DEFAULT, new DemandReport.Query(0, 0)).toCompletableFuture().join();
            assertThat(shapes.pendingJobs()).isEqualTo(3);
            assertThat(shapes.pendingGpus()).isEqualTo(10);
            assertThat(shapes.shapes()).containsExactly(new DemandReport.Shape(2, 1, null),
                    new DemandReport.Shape(4, 2, null));
            assertThat(shapes.ifAdded()).isNull();

            DemandReport oneNode = control.services().cluster()
                    .demand(ADMIN, PoolId.DEFAULT, new DemandReport.Query(1, 8)).toCompletableFuture().join();
            assertThat(oneNode.ifAdded().startableJobs()).as("8 GPUs hold two of 4+4+2").isEqualTo(2);
            DemandReport twoNodes = control.services().cluster()
                    .demand(ADMIN, PoolId.DEFAULT, new DemandReport.Query(2, 8)).toCompletableFuture().join();
            assertThat(twoNodes.ifAdded()).isEqualTo(new DemandReport.IfAdded(2, 8, 3, 10));

            assertThatThrownBy(() -> control.services().cluster().demand(ADMIN, new PoolId("nowhere"),
                    new DemandReport.Query(0, 0)).toCompletableFuture().join())
                    .hasCauseInstanceOf(ServiceException.NotFound.class);
        }
    }

    private static JobSpec spec(String name, GpuRequest gpus) {
        return JobSpec.builder(name, gpus, SimulatedWorkload.ofSeconds(600)).tenant(TEAM).build();
    }
}
