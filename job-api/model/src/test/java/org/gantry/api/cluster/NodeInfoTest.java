package org.gantry.api.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.gantry.api.json.GantryJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NodeInfoTest {
    private static final List<GpuDevice> GPUS = List.of(
            new GpuDevice(0, "H100", 81559, true),
            new GpuDevice(1, "H100", 81559, false),
            new GpuDevice(2, "H100", 81559, true));

    private static NodeInfo node(NodeStatus status) {
        return new NodeInfo(new NodeId("gpu-1"), new PoolId("h100"), GPUS, Map.of("zone", "eu-1"), status);
    }

    @ParameterizedTest
    @EnumSource(NodeStatus.class)
    void onlyReadyNodesAreSchedulable(NodeStatus status) {
        assertThat(node(status).schedulable()).isEqualTo(status == NodeStatus.READY);
    }

    @Test
    void countsOnlyHealthyGpus() {
        assertThat(node(NodeStatus.READY).healthyGpuCount()).isEqualTo(2);
    }

    @Test
    void refusesAGpuIndexListedTwice() {
        List<GpuDevice> twice = List.of(new GpuDevice(0, "A100", 40960, true), new GpuDevice(0, "A100", 40960, true));

        assertThatThrownBy(() -> new NodeInfo(new NodeId("gpu-1"), PoolId.DEFAULT, twice, Map.of(), NodeStatus.READY))
                .hasMessageContaining("GPU index 0 twice");
    }

    @Test
    void writesIdsAsPlainStringsAndReadsBack() throws Exception {
        NodeInfo node = node(NodeStatus.DRAINING);

        JsonNode written = GantryJson.mapper().valueToTree(node);

        assertThat(written.get("id").asText()).isEqualTo("gpu-1");
        assertThat(written.get("pool").asText()).isEqualTo("h100");
        assertThat(written.get("status").asText()).isEqualTo("DRAINING");
        assertThat(written.get("gpus").get(1).get("healthy").asBoolean()).isFalse();
        assertThat(written.has("schedulable")).isFalse();
        assertThat(GantryJson.mapper().treeToValue(written, NodeInfo.class)).isEqualTo(node);
    }
}
