package org.gantry.api.protocol;

import java.time.Instant;
import java.util.List;
import org.gantry.api.job.JobId;

/** An attempt an agent runs right now, on these GPU indices, since {@code startedAt}. */
public record RunningWorkload(JobId job, int attempt, List<Integer> gpus, Instant startedAt) {
    public RunningWorkload {
        gpus = List.copyOf(gpus);
    }
}
