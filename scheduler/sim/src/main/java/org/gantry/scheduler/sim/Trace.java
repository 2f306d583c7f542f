package org.gantry.scheduler.sim;

import java.util.List;

/** Jobs of a trace in submit order, times in seconds from the first submit. */
public record Trace(TraceFormat format, List<TraceJob> jobs) {
    public Trace {
        jobs = List.copyOf(jobs);
    }

    public long totalGpuSeconds() {
        return jobs.stream().mapToLong(TraceJob::gpuSeconds).sum();
    }
}
