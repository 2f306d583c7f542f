package org.gantry.agent.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.JobId;
import org.gantry.api.job.ProcessWorkload;
import org.junit.jupiter.api.Test;

class LaunchEnvironmentTest {
    private static final Map<String, String> AGENT_ENV = Map.of("PATH", "/usr/bin:/bin", "LC_ALL", "C.UTF-8",
            "GANTRY_ADMIN_TOKEN", "admin-secret");
    private static final Path CHECKPOINTS = Path.of("/work/checkpoints/j");

    private static Launch launch(NodeId node, Map<NodeId, List<Integer>> allocation) {
        return new Launch(JobId.of("j"), 2, node, allocation.get(node), allocation, new WorkDirs(Path.of("/work")),
                Duration.ofSeconds(5));
    }

    @Test
    void aGangMemberLearnsItsRankTheWorldSizeAndTheMaster() {
        Map<NodeId, List<Integer>> allocation = Map.of(NodeId.of("b"), List.of(0, 1), NodeId.of("a"), List.of(2),
                NodeId.of("c"), List.of(3));

        Map<String, String> env = LaunchEnvironment.of(launch(NodeId.of("b"), allocation),
                ProcessWorkload.of("train"), CHECKPOINTS, AGENT_ENV);

        assertThat(env).containsEntry("WORLD_SIZE", "3").containsEntry("RANK", "1")
                .containsEntry("MASTER_ADDR", "a").containsEntry("MASTER_PORT", "29500")
                .containsEntry("CUDA_VISIBLE_DEVICES", "0,1").containsEntry("GANTRY_NODE", "b")
                .containsEntry("GANTRY_ATTEMPT", "2").containsEntry("GANTRY_JOB_ID", "j")
                .containsEntry("GANTRY_CHECKPOINT_DIR", CHECKPOINTS.toString());
    }

    @Test
    void aSingleNodeJobHasNoGangVariablesAndOnlyTheAllowedAgentVariables() {
        Map<String, String> env = LaunchEnvironment.of(launch(NodeId.of("a"), Map.of(NodeId.of("a"), List.of(4))),
                ProcessWorkload.of("train"), CHECKPOINTS, AGENT_ENV);

        assertThat(env).doesNotContainKeys("WORLD_SIZE", "RANK", "MASTER_ADDR", "MASTER_PORT", "GANTRY_ADMIN_TOKEN")
                .containsEntry("PATH", "/usr/bin:/bin").containsEntry("LC_ALL", "C.UTF-8");
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
