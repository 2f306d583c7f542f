package org.gantry.agent.gpu;

import java.util.List;
import org.gantry.api.cluster.GpuDevice;

/**
 * Where an agent learns its GPUs. The agent asks on every report, so an implementation that
 * probes hardware (the {@code nvidia-smi} discovery still to come) may refresh health there;
 * {@link DeclaredGpus} is the fixed set a simulated node declares with {@code --gpus N}.
 */
public interface GpuInventory {

    /** The node's GPUs now, unhealthy ones included but marked so, each index once. */
    List<GpuDevice> devices();
}
