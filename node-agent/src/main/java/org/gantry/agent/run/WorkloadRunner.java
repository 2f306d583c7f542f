package org.gantry.agent.run;

import org.gantry.api.job.Workload;

/** Starts one kind of workload. */
public interface WorkloadRunner<W extends Workload> {

    /** Starts {@code workload} for {@code launch}, or says why it cannot. Must not wait for it to end. */
    Execution launch(Launch launch, W workload) throws LaunchFailure;
}
