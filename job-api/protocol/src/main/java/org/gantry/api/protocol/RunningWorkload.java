package org.gantry.api.protocol;

import java.time.Instant;
import java.util.List;
import org.gantry.api.job.JobId;
import org.gantry.api.job.TrainingProgress;

/**
 * An attempt an agent runs right now, on these GPU indices, since {@code startedAt}; for a
 * serving job, its replicas on this node that are ready for predictions; for a training job, its
 * latest epochs (oldest first, a bounded window: the control plane keeps the ones it has not seen).
 */
public record RunningWorkload(JobId job, int attempt, List<Integer> gpus, Instant startedAt,
                              List<ServingEndpoint> endpoints, List<TrainingProgress> progress) {
    public RunningWorkload {
        gpus = List.copyOf(gpus);
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        progress = progress == null ? List.of() : List.copyOf(progress);
    }

    public RunningWorkload(JobId job, int attempt, List<Integer> gpus, Instant startedAt) {
        this(job, attempt, gpus, startedAt, List.of(), List.of());
    }
}
