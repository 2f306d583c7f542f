package org.gantry.ops.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.gantry.agent.gpu.DeclaredGpus;
import org.gantry.agent.gpu.GpuInventory;
import org.gantry.agent.gpu.NvidiaSmiGpus;

/**
 * What {@code gantry agent --gpus} means: {@code auto} reads the node's GPUs with
 * {@code nvidia-smi}, a number declares that many simulated GPUs, and no value means
 * {@code auto} where {@code nvidia-smi} is on the PATH, else the declared default.
 */
public final class AgentGpus {
    public static final String AUTO = "auto";
    public static final int DEFAULT_DECLARED = 8;

    private AgentGpus() {}

    /**
     * The inventory for {@code gpus} (null when not given), finding {@code nvidia-smi} on
     * {@code path}. Refuses {@code auto} where there is no {@code nvidia-smi}, saying what to do.
     */
    public static GpuInventory choose(String gpus, String model, String path, Duration refresh) {
        Optional<Path> smi = NvidiaSmiGpus.locate(path);
        if (gpus == null) {
            return smi.isPresent() ? discover(smi.get(), refresh)
                    : new DeclaredGpus(DEFAULT_DECLARED, model, DeclaredGpus.DEFAULT_MEMORY_MIB);
        }
        if (AUTO.equals(gpus.strip())) {
            if (smi.isEmpty()) {
                throw new IllegalArgumentException("--gpus auto reads the GPUs with nvidia-smi, which is not on this "
                        + "node's PATH (" + path + "): install the NVIDIA driver's tools, or pass --gpus N to "
                        + "declare N GPUs (e.g. --gpus 8)");
            }
            return discover(smi.get(), refresh);
        }
        try {
            return new DeclaredGpus(DeclaredGpus.parse(gpus).count(), model, DeclaredGpus.DEFAULT_MEMORY_MIB);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--gpus takes 'auto' or a number of GPUs to declare, got '" + gpus + "'");
        }
    }

    private static GpuInventory discover(Path smi, Duration refresh) {
        return NvidiaSmiGpus.start(smi, refresh, NvidiaSmiGpus.DEFAULT_TIMEOUT);
    }

    /** How the agent's start line names its GPUs. */
    public static String describe(GpuInventory inventory) {
        GpuInventory.Reading reading = inventory.read();
        if (inventory instanceof DeclaredGpus declared) {
            return declared.count() + " declared GPUs";
        }
        long healthy = reading.devices().stream().filter(gpu -> gpu.healthy()).count();
        return reading.devices().size() + " GPUs from nvidia-smi (" + healthy + " healthy)"
                + (reading.problem() == null ? "" : ": " + reading.problem());
    }
}
