package org.gantry.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.junit.jupiter.api.Test;

class RendezvousTest {
    private static final NodeId A = NodeId.of("gpu-a");
    private static final NodeId B = NodeId.of("gpu-b");

    @Test
    void theMasterIsTheFirstNodeByNameAndRanksFollowThatOrder() {
        Map<NodeId, List<Integer>> allocation = Map.of(B, List.of(0), A, List.of(3));

        assertThat(Rendezvous.master(allocation)).isEqualTo(A);
        assertThat(Rendezvous.ranks(allocation)).containsExactly(A, B);
    }

    @Test
    void thePortIsTheBasePlusTheLowestGpuOnTheMaster() {
        assertThat(Rendezvous.port(29_500, Map.of(A, List.of(5, 3), B, List.of(0, 1)))).isEqualTo(29_503);
    }

    @Test
    void jobsMasteredOnOneNodeHoldOtherGpusAndSoGetOtherPorts() {
        // Whatever else they hold, two jobs on one node never share a GPU there.
        int first = Rendezvous.port(29_500, Map.of(A, List.of(0, 1), B, List.of(0, 1)));
        int second = Rendezvous.port(29_500, Map.of(A, List.of(2, 3), NodeId.of("gpu-c"), List.of(0)));

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aBaseMustLeaveRoomForEveryGpuIndex() {
        assertThat(Rendezvous.requireBase(65_536 - Rendezvous.PORTS)).isEqualTo(65_472);
        assertThatThrownBy(() -> Rendezvous.requireBase(65_500)).hasMessageContaining("65472");
        assertThatThrownBy(() -> Rendezvous.requireBase(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rendezvous(" ", 1)).hasMessageContaining("host");
    }
}
