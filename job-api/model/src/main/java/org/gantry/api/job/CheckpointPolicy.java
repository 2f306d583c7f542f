package org.gantry.api.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Objects;

/**
 * How often the agent ships a running job's checkpoint directory, so preemption, resize or a
 * lost node costs at most one interval of work, and how long a job that is stopped gets
 * between SIGTERM and SIGKILL to write a last one (shipped once it has exited). In JSON:
 * {@code {"intervalSeconds": 600, "gracePeriodSeconds": 30}}; the grace period is optional.
 */
public record CheckpointPolicy(@JsonIgnore Duration interval, @JsonIgnore Duration gracePeriod) {
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(30);

    public CheckpointPolicy {
        Objects.requireNonNull(interval, "interval");
        gracePeriod = gracePeriod == null ? DEFAULT_GRACE_PERIOD : gracePeriod;
        if (interval.isNegative() || interval.isZero() || interval.getNano() != 0) {
            throw new IllegalArgumentException("checkpoint interval must be a positive whole number of seconds, got "
                    + interval);
        }
        if (gracePeriod.isNegative() || gracePeriod.getNano() != 0) {
            throw new IllegalArgumentException("checkpoint grace period must be a whole number of seconds >= 0, got "
                    + gracePeriod);
        }
    }

    /** Every {@code interval}, with the default grace period. */
    public CheckpointPolicy(Duration interval) {
        this(interval, null);
    }

    /** Every {@code seconds}, with the default grace period. */
    public static CheckpointPolicy ofSeconds(long seconds) {
        return new CheckpointPolicy(Duration.ofSeconds(seconds), null);
    }

    @JsonCreator
    public static CheckpointPolicy of(@JsonProperty("intervalSeconds") long seconds,
                                      @JsonProperty("gracePeriodSeconds") Long graceSeconds) {
        return new CheckpointPolicy(Duration.ofSeconds(seconds), graceSeconds == null ? null
                : Duration.ofSeconds(graceSeconds));
    }

    @JsonProperty("intervalSeconds")
    public long intervalSeconds() {
        return interval.toSeconds();
    }

    @JsonProperty("gracePeriodSeconds")
    public long gracePeriodSeconds() {
        return gracePeriod.toSeconds();
    }
}
