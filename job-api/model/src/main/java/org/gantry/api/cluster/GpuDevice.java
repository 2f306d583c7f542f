package org.gantry.api.cluster;

/**
 * One GPU on a node, as its agent discovered or declared it. {@code index} is the device
 * index the workload sees through {@code CUDA_VISIBLE_DEVICES}.
 */
public record GpuDevice(int index, String model, long memoryMiB, boolean healthy) {
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
}
