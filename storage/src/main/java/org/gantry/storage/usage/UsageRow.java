package org.gantry.storage.usage;

/**
 * One stored bucket of GPU time: a tenant's GPU-milliseconds in one pool over
 * [{@code startSecond}, {@code startSecond + widthSeconds}), within its guarantee and borrowed.
 */
public record UsageRow(String tenant, String pool, long widthSeconds, long startSecond,
                       long guaranteedMillis, long borrowedMillis) {}
