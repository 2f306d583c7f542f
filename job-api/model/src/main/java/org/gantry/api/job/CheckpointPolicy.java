package org.gantry.api.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Objects;

/**
 * How often the agent asks a running job to checkpoint, so preemption, resize or a lost node
 * costs at most one interval of work. In JSON: {@code {"intervalSeconds": 600}}.
 */
public record CheckpointPolicy(@JsonIgnore Duration interval) {
    public CheckpointPolicy {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero() || interval.getNano() != 0) {
            throw new IllegalArgumentException("checkpoint interval must be a positive whole number of seconds, got "
                    + interval);
        }
    }

    @JsonCreator
    public static CheckpointPolicy ofSeconds(@JsonProperty("intervalSeconds") long seconds) {
        return new CheckpointPolicy(Duration.ofSeconds(seconds));
    }

    @JsonProperty("intervalSeconds")
    public long intervalSeconds() {
        return interval.toSeconds();
    }
}
