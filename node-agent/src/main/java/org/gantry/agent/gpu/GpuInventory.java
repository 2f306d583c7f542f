package org.gantry.agent.gpu;

import java.util.List;
import java.util.Objects;
import org.gantry.api.cluster.GpuDevice;

/**
 * Where an agent learns its GPUs. The agent asks on every report, from inside its actor, so
 * {@link #read} must answer at once: an implementation that probes hardware ({@link NvidiaSmiGpus})
 * probes on a thread of its own and answers with its latest reading. {@link DeclaredGpus} is the
 * fixed set a simulated node declares with {@code --gpus N}.
 */
public interface GpuInventory {

    /** The latest reading; never blocks. */
    Reading read();

    /** The node's GPUs now, unhealthy ones included but marked so, each index once. */
    default List<GpuDevice> devices() {
        return read().devices();
    }

    /**
     * What was read: the GPUs, and {@code problem} when they could not be read at all (every
     * GPU listed is then unhealthy, for that reason); null when all is well.
     */
    record Reading(List<GpuDevice> devices, String problem) {
        public Reading {
            devices = List.copyOf(Objects.requireNonNull(devices, "devices"));
        }
    }
}
