package org.gantry.agent.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.JobId;
import org.gantry.api.job.ProcessWorkload;
import org.gantry.api.protocol.Rendezvous;
import org.junit.jupiter.api.Test;

class LaunchEnvironmentTest {
    private static final Map<String, String> AGENT_ENV = Map.of("PATH", "/usr/bin:/bin", "LC_ALL", "C.UTF-8",
            "GANTRY_ADMIN_TOKEN", "admin-secret");
    private static final Path CHECKPOINTS = Path.of("/work/checkpoints/j");

    private static Launch launch(NodeId node, Map<NodeId, List<Integer>> allocation) {
        return launch(node, allocation, null);
    }

    private static Launch launch(NodeId node, Map<NodeId, List<Integer>> allocation, Rendezvous rendezvous) {
        return new Launch(JobId.of("j"), 2, node, allocation.get(node), allocation, rendezvous,
                new WorkDirs(Path.of("/work")), Duration.ofSeconds(5));
    }

    @Test
    void aGangMemberLearnsTorchrunsVariablesAndMeetsWhereTheControlPlaneSaid() {
        Map<NodeId, List<Integer>> allocation = Map.of(NodeId.of("b"), List.of(0, 1), NodeId.of("a"), List.of(2),
                NodeId.of("c"), List.of(3));

        Map<String, String> env = LaunchEnvironment.of(launch(NodeId.of("b"), allocation,
                        new Rendezvous("10.0.0.7", 29_502)), ProcessWorkload.of("train"), CHECKPOINTS, AGENT_ENV);

        assertThat(env).containsEntry("WORLD_SIZE", "3").containsEntry("RANK", "1").containsEntry("NODE_RANK", "1")
                .containsEntry("LOCAL_RANK", "0").containsEntry("LOCAL_WORLD_SIZE", "1")
                .containsEntry("MASTER_ADDR", "10.0.0.7").containsEntry("MASTER_PORT", "29502")
                .containsEntry("CUDA_VISIBLE_DEVICES", "0,1").containsEntry("CUDA_DEVICE_ORDER", "PCI_BUS_ID")
                .containsEntry("GANTRY_NODE", "b")
                .containsEntry("GANTRY_ATTEMPT", "2").containsEntry("GANTRY_JOB_ID", "j")
                .containsEntry("GANTRY_CHECKPOINT_DIR", CHECKPOINTS.toString());
    }

    @Test
    void withoutARendezvousAGangMeetsAtItsMastersNameOnThePortItsGpusGive() {
        Map<NodeId, List<Integer>> allocation = Map.of(NodeId.of("b"), List.of(0, 1), NodeId.of("a"), List.of(5, 2));

        Map<String, String> env = LaunchEnvironment.of(launch(NodeId.of("a"), allocation, null),
                ProcessWorkload.of("train"), CHECKPOINTS, AGENT_ENV);

        assertThat(env).containsEntry("RANK", "0").containsEntry("WORLD_SIZE", "2")
                .containsEntry("MASTER_ADDR", "a").containsEntry("MASTER_PORT", "29502");
    }

    @Test
    void aSingleNodeJobIsAGangOfOneAndSeesOnlyTheAllowedAgentVariables() {
        Map<String, String> env = LaunchEnvironment.of(launch(NodeId.of("a"), Map.of(NodeId.of("a"), List.of(4)),
                null), ProcessWorkload.of("train"), CHECKPOINTS, AGENT_ENV);

        assertThat(env).doesNotContainKeys("GANTRY_ADMIN_TOKEN")
                .containsEntry("RANK", "0").containsEntry("WORLD_SIZE", "1").containsEntry("LOCAL_RANK", "0")
                .containsEntry("MASTER_ADDR", "127.0.0.1").containsEntry("MASTER_PORT", "29504")
                .containsEntry("PATH", "/usr/bin:/bin").containsEntry("LC_ALL", "C.UTF-8");
    }

    @Test
    void aSpecMayChooseItsOwnRendezvousButNotItsRank() {
        ProcessWorkload workload = new ProcessWorkload(List.of("train"),
                Map.of("MASTER_PORT", "12345", "RANK", "7", "WORLD_SIZE", "9"), null, null);

        Map<String, String> env = LaunchEnvironment.of(launch(NodeId.of("a"), Map.of(NodeId.of("a"), List.of(4)),
                new Rendezvous("10.0.0.7", 29_504)), workload, CHECKPOINTS, AGENT_ENV);

        assertThat(env).containsEntry("MASTER_PORT", "12345").containsEntry("MASTER_ADDR", "10.0.0.7")
                .containsEntry("RANK", "0").containsEntry("WORLD_SIZE", "1");
    }

    @Test
    void theSpecSetsItsOwnVariablesButCannotWidenItsGpus() {
        ProcessWorkload workload = new ProcessWorkload(List.of("train"),
                Map.of("LR", "0.1", "CUDA_VISIBLE_DEVICES", "0,1,2,3", "PATH", "/opt/bin"),
                Map.of("WANDB_KEY", "k"), null);

        Map<String, String> env = LaunchEnvironment.of(launch(NodeId.of("a"), Map.of(NodeId.of("a"), List.of(4))),
                workload, CHECKPOINTS, AGENT_ENV);

        assertThat(env).containsEntry("LR", "0.1").containsEntry("WANDB_KEY", "k").containsEntry("PATH", "/opt/bin")
                .containsEntry("CUDA_VISIBLE_DEVICES", "4");
    }
}
