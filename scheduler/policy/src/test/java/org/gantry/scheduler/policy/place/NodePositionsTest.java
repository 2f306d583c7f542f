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

    /**
     * Positions are reused from pass to pass while the node list holds the very same ids; a list
     * that changed (a node renamed, added, dropped or moved, or an equal id that is another object)
     * must be answered from its own positions, never from the last pass's.
     */
    @Test
    void reusesPositionsOnlyForTheSameIdsInTheSameOrder() {
        var ids = new ArrayList<NodeId>();
        for (int i = 0; i < 50; i++) {
            ids.add(NodeId.of("node-" + i));
        }
        List<NodeView> first = ids.stream().map(NodePositionsTest::node).toList();
        NodePositions positions = NodePositions.forNodes(first);
        // The next pass sees new views (other free GPUs) of the same ids: the same positions serve it.
        assertThat(NodePositions.forNodes(ids.stream().map(NodePositionsTest::node).toList())).isSameAs(positions);

        var renamed = new ArrayList<>(ids);
        renamed.set(7, NodeId.of("node-new"));
        NodePositions afterRename = NodePositions.forNodes(renamed.stream().map(NodePositionsTest::node).toList());
        assertThat(afterRename.of(NodeId.of("node-new"))).isEqualTo(7);
        assertThat(afterRename.of(ids.get(7))).isEqualTo(-1);

        var moved = new ArrayList<>(ids);
        moved.add(moved.remove(0));
        NodePositions afterMove = NodePositions.forNodes(moved.stream().map(NodePositionsTest::node).toList());
        assertThat(afterMove.of(ids.get(0))).isEqualTo(49);
        assertThat(afterMove.of(ids.get(1))).isEqualTo(0);

        var fewer = new ArrayList<>(ids.subList(0, 49));
        assertThat(NodePositions.forNodes(fewer.stream().map(NodePositionsTest::node).toList()).of(ids.get(49)))
                .isEqualTo(-1);

        var equalCopies = ids.stream().map(id -> NodeId.of(new String(id.value()))).toList();
        NodePositions fromCopies = NodePositions.forNodes(equalCopies.stream().map(NodePositionsTest::node).toList());
        assertThat(fromCopies.of(ids.get(3))).isEqualTo(3);
    }

    private static NodeView node(NodeId id) {
        GpuSet gpus = GpuSet.firstN(8);
        return new NodeView(id, PoolId.DEFAULT, "A100", 81_920, Map.of(), true, gpus, gpus);
    }
}
