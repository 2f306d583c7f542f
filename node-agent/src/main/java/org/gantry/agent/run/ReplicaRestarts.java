package org.gantry.agent.run;

import java.time.Duration;
import java.util.Objects;

/**
 * How a node restarts a {@code djl-serve} replica process that died on its own: after
 * {@code firstBackoff}, doubling with each restart still inside {@code window} up to
 * {@code maxBackoff}, and at most {@code maxRestarts} times in any {@code window}. Past that the
 * attempt ends as any failed workload does. The other replicas of the job, on other nodes, keep
 * serving meanwhile: a serving job is a gang only for placement.
 */
public record ReplicaRestarts(int maxRestarts, Duration window, Duration firstBackoff, Duration maxBackoff) {
    /** A replica back in about 0.5 s plus its start; a crash loop gives up after 5 tries in 10 minutes. */
    public static final ReplicaRestarts DEFAULT = new ReplicaRestarts(5, Duration.ofMinutes(10),
            Duration.ofMillis(500), Duration.ofSeconds(30));

    public ReplicaRestarts {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts must be >= 0, got " + maxRestarts);
        }
        if (window.isNegative() || window.isZero() || firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("need window > 0 and 0 <= firstBackoff <= maxBackoff, got " + this);
        }
    }
}
