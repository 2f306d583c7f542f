package org.gantry.ops.bench.history;

import java.util.List;
import org.gantry.api.job.JobId;
import org.gantry.scheduler.control.job.JobEvent;

/** One synthetic job: its id and the events its entity would have persisted, oldest first. */
public record JobLog(JobId id, List<JobEvent> events) {}
