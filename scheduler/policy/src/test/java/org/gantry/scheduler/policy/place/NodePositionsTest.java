package org.gantry.scheduler.policy.place;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.PoolId;
import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.policy.NodeView;
import org.junit.jupiter.api.Test;

class NodePositionsTest {
    /** The same answers as a map from id to position: last position for an id listed twice, -1 for a stranger. */
    @Test
    void findsWhatAMapOfIdsToPositionsFinds() {
        var random = new Random(3);
        for (int trial = 0; trial < 300; trial++) {
            var nodes = new ArrayList<NodeView>();
            var expected = new HashMap<NodeId, Integer>();
            int count = random.nextInt(trial < 10 ? 3 : 300);
            for (int i = 0; i < count; i++) {
                NodeId id = NodeId.of("n" + random.nextInt(Math.max(1, count + count / 4)));
                nodes.add(node(id));
                expected.put(id, i);
            }
            var positions = new NodePositions(List.copyOf(nodes));

            for (Map.Entry<NodeId, Integer> known : expected.entrySet()) {
                assertThat(positions.of(known.getKey())).as("trial %d, %s", trial, known.getKey())
                        .isEqualTo(known.getValue());
            }
            for (int i = 0; i < 20; i++) {
                NodeId stranger = NodeId.of("x" + random.nextInt(1_000));
                assertThat(positions.of(stranger)).isEqualTo(-1);
            }
        }
    }

    private static NodeView node(NodeId id) {
        GpuSet gpus = GpuSet.firstN(8);
        return new NodeView(id, PoolId.DEFAULT, "A100", 81_920, Map.of(), true, gpus, gpus);
    }
}
