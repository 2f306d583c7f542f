package org.gantry.scheduler.control;

import org.apache.pekko.actor.typed.RecipientRef;
import org.gantry.api.job.JobId;
import org.gantry.scheduler.control.job.JobCommand;

/** How the control plane reaches a job's entity: through sharding in a cluster, directly in tests. */
@FunctionalInterface
public interface JobGateway {
    RecipientRef<JobCommand> entity(JobId job);
}
