package org.gantry.api.protocol;

import java.time.Instant;
import java.util.List;
import org.gantry.api.job.JobId;

/**
 * An attempt an agent runs right now, on these GPU indices, since {@code startedAt}; for a
 * serving job, its replicas on this node that are ready for predictions.
 */
public record RunningWorkload(JobId job, int attempt, List<Integer> gpus, Instant startedAt,
                              List<ServingEndpoint> endpoints) {
    public RunningWorkload {
        gpus = List.copyOf(gpus);
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }

    public RunningWorkload(JobId job, int attempt, List<Integer> gpus, Instant startedAt) {
        this(job, attempt, gpus, startedAt, List.of());
    }
}
