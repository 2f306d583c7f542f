package org.gantry.agent.run;

import org.gantry.api.job.DjlTrainWorkload;
import org.gantry.api.job.ProcessWorkload;
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.job.Workload;

/** Picks the runner for a workload's kind. A new kind adds a runner here. */
public record Runners(WorkloadRunner<ProcessWorkload> process, WorkloadRunner<SimulatedWorkload> simulated,
                      WorkloadRunner<DjlTrainWorkload> djlTrain) {

    public static Runners standard() {
        ProcessRunner processes = new ProcessRunner();
        return new Runners(processes, new SimulatedRunner(), new DjlTrainRunner(processes, JavaChild.ofThisJvm()));
    }

    public Execution launch(Launch launch, Workload workload) throws LaunchFailure {
        if (workload instanceof ProcessWorkload p) {
            return process.launch(launch, p);
        }
        if (workload instanceof SimulatedWorkload s) {
            return simulated.launch(launch, s);
        }
        if (workload instanceof DjlTrainWorkload t) {
            return djlTrain.launch(launch, t);
        }
        throw new LaunchFailure("this agent cannot run workloads of type " + workload.getClass().getSimpleName());
    }
}
