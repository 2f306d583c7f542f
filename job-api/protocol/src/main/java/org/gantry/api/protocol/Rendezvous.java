package org.gantry.api.protocol;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.NodeId;

/**
 * Where the ranks of a job meet ({@code MASTER_ADDR:MASTER_PORT}): the host of its master node
 * (rank 0) as the other nodes reach it, and a port there that no other job mastered on that
 * node is given at the same time.
 *
 * <p>The port is {@code base + the lowest GPU index the job holds on its master node}. A GPU is
 * never allocated twice, and it stays taken until the workload that held it is reported gone,
 * so two jobs mastered on one node never get one port, with nothing to remember or recover
 * after a restart: the allocation alone decides. The range is {@code base .. base + 63}.
 */
public record Rendezvous(String host, int port) {
    /** GPU indices run 0..63 (GpuSet's mask), so this many ports above the base. */
    public static final int PORTS = 64;

    public Rendezvous {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("rendezvous host must be named");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("rendezvous port must be 1..65535, got " + port);
        }
    }

    /** Rank 0: the first node of the allocation by name. Ranks follow the same order. */
    public static NodeId master(Map<NodeId, List<Integer>> allocation) {
        return allocation.keySet().stream().min(Comparator.naturalOrder())
                .orElseThrow(() -> new IllegalArgumentException("an empty allocation has no master"));
    }

    /** The nodes of an allocation in rank order. */
    public static List<NodeId> ranks(Map<NodeId, List<Integer>> allocation) {
        return allocation.keySet().stream().sorted().toList();
    }

    /** The port of a job with {@code allocation} (see the class comment). */
    public static int port(int base, Map<NodeId, List<Integer>> allocation) {
        requireBase(base);
        List<Integer> onMaster = allocation.get(master(allocation));
        int lowest = onMaster == null || onMaster.isEmpty() ? 0
                : onMaster.stream().mapToInt(Integer::intValue).min().getAsInt();
        if (lowest >= PORTS) {
            throw new IllegalArgumentException("GPU index " + lowest + " is past the " + PORTS + " rendezvous ports");
        }
        return base + lowest;
    }

    /** A base leaves room for {@link #PORTS} ports below 65536. */
    public static int requireBase(int base) {
        if (base < 1 || base + PORTS - 1 > 65_535) {
            throw new IllegalArgumentException("the rendezvous port base must be 1.." + (65_536 - PORTS) + ", got " + base);
        }
        return base;
    }
}
