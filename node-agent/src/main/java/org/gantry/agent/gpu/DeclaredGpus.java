package org.gantry.agent.gpu;

import java.util.stream.IntStream;
import org.gantry.api.cluster.GpuDevice;

/** A fixed set of healthy GPUs, indices {@code 0..count-1}: what {@code --gpus N} declares. */
public record DeclaredGpus(int count, String model, long memoryMiB) implements GpuInventory {
    public static final String DEFAULT_MODEL = "Simulated-GPU";
    public static final long DEFAULT_MEMORY_MIB = 81_920;

    public DeclaredGpus {
        if (count < 0) {
            throw new IllegalArgumentException("GPU count must be >= 0, got " + count);
        }
        model = model == null || model.isBlank() ? DEFAULT_MODEL : model;
        if (memoryMiB < 0) {
            throw new IllegalArgumentException("GPU memory must be >= 0 MiB, got " + memoryMiB);
        }
    }

    public static DeclaredGpus of(int count) {
        return new DeclaredGpus(count, DEFAULT_MODEL, DEFAULT_MEMORY_MIB);
    }

    /** The {@code N} of {@code --gpus N}; {@code auto} belongs to hardware discovery, not here. */
    public static DeclaredGpus parse(String count) {
        try {
            return of(Integer.parseInt(count.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--gpus takes a number of GPUs to declare, got '" + count + "'");
        }
    }

    @Override
    public Reading read() {
        return new Reading(IntStream.range(0, count).mapToObj(i -> new GpuDevice(i, model, memoryMiB, true)).toList(),
                null);
    }
}
