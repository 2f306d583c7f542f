package org.gantry.ops.bench;

/** A latency distribution, in milliseconds. */
public record LatencySummary(int count, double p50Ms, double p90Ms, double p99Ms, double maxMs) {}
