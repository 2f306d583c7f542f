package org.gantry.api.service;

import java.time.Duration;
import java.time.Instant;

/**
 * Which GPU-hours to report: steps of {@code step} from {@code from} (whole minutes) until
 * {@code to}; the last step may run past {@code to}.
 */
public record UsageQuery(Instant from, Instant to, Duration step) {
    /** The most steps one answer holds, per pool. */
    public static final int MAX_STEPS = 10_000;
}
