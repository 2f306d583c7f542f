package org.gantry.agent;

import org.gantry.api.job.JobId;

/** An attempt of a job: the unit the agent starts, stops and remembers, at most once each. */
record AttemptKey(JobId job, int attempt) {
    @Override
    public String toString() {
        return job + "#" + attempt;
    }
}
