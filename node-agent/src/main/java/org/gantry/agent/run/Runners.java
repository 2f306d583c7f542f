package org.gantry.agent.run;

import org.gantry.agent.isolation.Isolation;
import org.gantry.api.job.DjlServeWorkload;
import org.gantry.api.job.DjlTrainWorkload;
import org.gantry.api.job.ProcessWorkload;
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.job.Workload;

/** Picks the runner for a workload's kind. A new kind adds a runner here. */
public record Runners(WorkloadRunner<ProcessWorkload> process, WorkloadRunner<SimulatedWorkload> simulated,
                      WorkloadRunner<DjlTrainWorkload> djlTrain, DjlServeRunner djlServe) {

    /** Runners for an agent on loopback (tests, the simulated fleet of {@code gantry up} on 127.0.0.1). */
    public static Runners standard() {
        return standard("127.0.0.1");
    }

    /** {@code host}: the agent's own address, where its serving replicas listen and are reached. */
    public static Runners standard(String host) {
        return standard(host, Isolation.NOT_ASKED);
    }

    /** As above, confining jobs as {@code isolation} says. */
    public static Runners standard(String host, Isolation isolation) {
        ProcessRunner processes = new ProcessRunner(System.getenv(), isolation);
        JavaChild java = JavaChild.ofThisJvm();
        return new Runners(processes, new SimulatedRunner(), new DjlTrainRunner(processes, java),
                new DjlServeRunner(processes, java, host));
    }

    /** How the process runner keeps jobs apart; jobs of other runners run through it too. */
    public Isolation isolation() {
        return process instanceof ProcessRunner runner ? runner.isolation() : Isolation.NOT_ASKED;
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
        if (workload instanceof DjlServeWorkload s) {
            return djlServe.launch(launch, s);
        }
        throw new LaunchFailure("this agent cannot run workloads of type " + workload.getClass().getSimpleName());
    }
}
