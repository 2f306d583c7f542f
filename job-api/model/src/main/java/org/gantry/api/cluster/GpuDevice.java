package org.gantry.api.cluster;

/**
 * One GPU on a node, as its agent discovered or declared it. {@code index} is the device
 * index the workload sees through {@code CUDA_VISIBLE_DEVICES}.
 *
 * <p>What discovery ({@code nvidia-smi}) reads is carried too; each is null where the GPU did
 * not say (a declared GPU, or {@code [N/A]}): its {@code uuid}, the memory in use, utilization
 * in percent and temperature in °C. An unhealthy GPU is withheld from scheduling and
 * {@code reason} says why (an error it reported, or that it disappeared).
 */
public record GpuDevice(int index, String model, long memoryMiB, boolean healthy, String uuid, Long memoryUsedMiB,
                        Integer utilizationPercent, Integer temperatureC, String reason) {
    public GpuDevice {
        if (index < 0) {
            throw new IllegalArgumentException("GPU index must be >= 0, got " + index);
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("GPU model must be named");
        }
        if (memoryMiB < 0) {
            throw new IllegalArgumentException("GPU memory must be >= 0 MiB, got " + memoryMiB);
        }
    }

    /** A GPU known only by what was declared of it. */
    public GpuDevice(int index, String model, long memoryMiB, boolean healthy) {
        this(index, model, memoryMiB, healthy, null, null, null, null, null);
    }
}
