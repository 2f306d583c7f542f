package org.gantry.quota.usage;

/** The GPU time one bucket holds. */
public record Accrued(UsageBucket bucket, GpuTime time) {}
