package org.gantry.api.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Objects;

/**
 * A stand-in that holds its GPUs for {@code duration} and succeeds: what simulated agents,
 * demos and tests run. In JSON: {@code {"kind": "simulated", "seconds": 600}}.
 */
public record SimulatedWorkload(@JsonIgnore Duration duration) implements Workload {
    public static final String KIND = "simulated";

    public SimulatedWorkload {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero() || duration.getNano() != 0) {
            throw new IllegalArgumentException("a simulated workload lasts a positive whole number of seconds, got "
                    + duration);
        }
    }

    @JsonCreator
    public static SimulatedWorkload ofSeconds(@JsonProperty("seconds") long seconds) {
        return new SimulatedWorkload(Duration.ofSeconds(seconds));
    }

    @JsonProperty("seconds")
    public long seconds() {
        return duration.toSeconds();
    }

    @Override
    public SimulatedWorkload redacted() {
        return this;
    }
}
