package org.gantry.agent.run;

import org.gantry.api.job.ProcessWorkload;
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.job.Workload;

/** Picks the runner for a workload's kind. A new kind adds a runner here. */
public record Runners(WorkloadRunner<ProcessWorkload> process, WorkloadRunner<SimulatedWorkload> simulated) {

    public static Runners standard() {
        return new Runners(new ProcessRunner(), new SimulatedRunner());
    }

    public Execution launch(Launch launch, Workload workload) throws LaunchFailure {
        if (workload instanceof ProcessWorkload p) {
            return process.launch(launch, p);
        }
        if (workload instanceof SimulatedWorkload s) {
            return simulated.launch(launch, s);
        }
        throw new LaunchFailure("this agent cannot run workloads of type " + workload.getClass().getSimpleName());
    }
}
