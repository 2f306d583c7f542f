package org.gantry.agent.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.GpuDevice;
import org.gantry.api.cluster.NodeId;
import org.junit.jupiter.api.Test;

class AllocationsTest {
    private static final NodeId NODE = NodeId.of("a");
    private static final List<GpuDevice> GPUS = List.of(new GpuDevice(0, "H100", 1, true),
            new GpuDevice(1, "H100", 1, false), new GpuDevice(2, "H100", 1, true));

    @Test
    void takesThisNodesEntry() throws LaunchFailure {
        assertThat(Allocations.ownGpus(NODE, Map.of(NODE, List.of(2, 0), NodeId.of("b"), List.of(5)), GPUS))
                .containsExactly(2, 0);
    }

    @Test
    void refusesWhatTheNodeCannotGive() {
        assertThatThrownBy(() -> Allocations.ownGpus(NODE, Map.of(NodeId.of("b"), List.of(0)), GPUS))
                .isInstanceOf(LaunchFailure.class).hasMessageContaining("names no GPUs on node a");
        assertThatThrownBy(() -> Allocations.ownGpus(NODE, Map.of(NODE, List.of(3)), GPUS))
                .hasMessageContaining("GPU 3 is not on node a");
        assertThatThrownBy(() -> Allocations.ownGpus(NODE, Map.of(NODE, List.of(1)), GPUS))
                .hasMessageContaining("unhealthy");
        assertThatThrownBy(() -> Allocations.ownGpus(NODE, Map.of(NODE, List.of(0, 0)), GPUS))
                .hasMessageContaining("twice");
    }
}
