package org.gantry.scheduler.sim;

import org.gantry.scheduler.policy.GpuSet;

/** A simulated cluster of identical nodes, written {@code NODESxGPUS} ({@code 80x8}). */
public record ClusterShape(int nodes, int gpusPerNode) {
    /** Far above any real cluster, and small enough that the GPU count fits an int. */
    public static final int MAX_NODES = 1_000_000;

    public ClusterShape {
        if (nodes < 1 || nodes > MAX_NODES || gpusPerNode < 1 || gpusPerNode > GpuSet.MAX_INDEX + 1) {
            throw new IllegalArgumentException("a cluster needs 1.." + MAX_NODES + " nodes of 1.."
                    + (GpuSet.MAX_INDEX + 1) + " GPUs, got " + nodes + "x" + gpusPerNode);
        }
    }

    public static ClusterShape parse(String text) {
        String[] parts = text.trim().toLowerCase().split("x");
        try {
            if (parts.length == 2) {
                return new ClusterShape(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("cluster must be written NODESxGPUS, for example 80x8; got '" + text + "'");
    }

    public int totalGpus() {
        return nodes * gpusPerNode;
    }

    @Override
    public String toString() {
        return nodes + "x" + gpusPerNode;
    }
}
