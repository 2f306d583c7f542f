package org.gantry.scheduler.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.api.cluster.GpuDevice;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.NodeInfo;
import org.gantry.api.cluster.NodeStatus;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.DjlServeWorkload;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobType;
import org.gantry.api.protocol.AgentCommand;
import org.gantry.api.protocol.AgentEvent.AgentReport;
import org.gantry.api.protocol.RunningWorkload;
import org.gantry.api.protocol.ServingEndpoint;
import org.gantry.api.tenant.TenantId;
import org.gantry.scheduler.control.ServingDirectory.Replica;
import org.gantry.scheduler.control.job.JobEvent;
import org.gantry.scheduler.control.job.JobLifecycle;
import org.gantry.scheduler.control.job.StoredSpec;
import org.gantry.scheduler.policy.Policies;
import org.gantry.scheduler.predict.HistoryPredictor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The directory follows each node's reported replicas: a replica withdrawn (its process died) is
 * gone from it at once, its new address is there once reported, and a report that says nothing
 * new keeps the very same {@link Replica} instances (the router's set-asides rely on it).
 */
class ServingReplicasTest {
    private static final ActorTestKit kit = ActorTestKit.create();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final JobId ID = JobId.of("serve-1");
    private static final TenantId VISION = TenantId.of("vision");
    private static final NodeId A = NodeId.of("node-a");
    private static final NodeId B = NodeId.of("node-b");

    private final ControlView view = new ControlView(Policies.gantry().order(), HistoryPredictor.defaults());
    private final ServingDirectory directory = new ServingDirectory();
    private final ServingReplicas replicas = new ServingReplicas(view, directory);
    private final ActorRef<AgentCommand> agent = kit.<AgentCommand>createTestProbe().ref();

    @AfterAll
    static void shutDown() {
        kit.shutdownTestKit();
    }

    @Test
    void aWithdrawnReplicaLeavesTheDirectoryAtOnceAndComesBackAtItsNewAddress() {
        serving();
        replicas.reported(report(A, endpoint(0, 41001)));
        replicas.reported(report(B, endpoint(1, 42001)));
        List<Replica> both = directory.replicas(VISION, "houses");
        assertThat(both).hasSize(2);

        replicas.reported(report(A, endpoint(0, 41001)));
        assertThat(directory.replicas(VISION, "houses")).as("nothing new: the same instances")
                .satisfiesExactlyInAnyOrder(r -> assertThat(r).isSameAs(both.get(0)), r -> assertThat(r).isSameAs(both.get(1)));

        replicas.reported(report(A));
        assertThat(directory.replicas(VISION, "houses")).extracting(r -> r.endpoint().url())
                .containsExactly("http://127.0.0.1:42001/predict");
        assertThat(directory.urls()).containsExactly("http://127.0.0.1:42001/predict");

        replicas.reported(report(A, endpoint(0, 41777)));
        assertThat(directory.urls()).containsExactlyInAnyOrder("http://127.0.0.1:41777/predict",
                "http://127.0.0.1:42001/predict");
    }

    private void serving() {
        JobSpec spec = JobSpec.builder("houses-serve", GpuRequest.fixed(1), new DjlServeWorkload("houses", null, 2))
                .tenant(VISION).type(JobType.INFERENCE).build();
        List<JobEvent> events = new ArrayList<>(List.of(new JobEvent.Submitted(StoredSpec.of(spec), null, T0),
                new JobEvent.Scheduled(1, Map.of(A, List.of(0), B, List.of(0)), T0.plusSeconds(1)),
                new JobEvent.Started(1, T0.plusSeconds(2))));
        view.update(JobLifecycle.replay(ID, events), T0.plusSeconds(2));
    }

    private static ServingEndpoint endpoint(int replica, int port) {
        return new ServingEndpoint(replica, "http://127.0.0.1:" + port + "/predict", "token", 1);
    }

    private AgentReport report(NodeId node, ServingEndpoint... endpoints) {
        NodeInfo info = new NodeInfo(node, PoolId.DEFAULT, List.of(new GpuDevice(0, "Test-GPU", 1024, true)), Map.of(),
                NodeStatus.READY);
        RunningWorkload run = new RunningWorkload(ID, 1, List.of(0), T0.plusSeconds(2), List.of(endpoints), List.of());
        return new AgentReport(info, agent, List.of(run), List.of(), T0.plusSeconds(3));
    }
}
