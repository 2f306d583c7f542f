package org.gantry.scheduler.sim;

import org.gantry.scheduler.policy.GpuSet;

/** A simulated cluster of identical nodes, written {@code NODESxGPUS} ({@code 80x8}). */
public record ClusterShape(int nodes, int gpusPerNode) {
    public ClusterShape {
        if (nodes < 1 || gpusPerNode < 1 || gpusPerNode > GpuSet.MAX_INDEX + 1) {
            throw new IllegalArgumentException("a cluster needs >= 1 node of 1.." + (GpuSet.MAX_INDEX + 1)
                    + " GPUs, got " + nodes + "x" + gpusPerNode);
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
