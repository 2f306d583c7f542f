package org.gantry.scheduler.control;

import org.gantry.api.job.JobId;

/** One attempt of one job: what a workload on a node belongs to. */
record AttemptRef(JobId job, int attempt) {}
