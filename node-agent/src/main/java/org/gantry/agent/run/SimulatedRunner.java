package org.gantry.agent.run;

import java.io.IOException;
import java.nio.file.Files;
import org.gantry.api.job.SimulatedWorkload;

/** Runs a simulated workload: no process, the GPUs held for its duration, a line or two of log. */
public final class SimulatedRunner implements WorkloadRunner<SimulatedWorkload> {

    @Override
    public Execution launch(Launch launch, SimulatedWorkload workload) throws LaunchFailure {
        try {
            Files.createDirectories(launch.stdout().getParent());
            Files.deleteIfExists(launch.stdout());
            Files.deleteIfExists(launch.stderr());
            Files.createFile(launch.stderr());
        } catch (IOException e) {
            throw new LaunchFailure("cannot create the attempt's log files: " + e.getMessage(), e);
        }
        SimulatedExecution.append(launch.stdout(), "simulated workload: " + workload.seconds() + "s on GPUs "
                + launch.gpus() + " of node " + launch.node());
        return new SimulatedExecution(launch.stdout(), workload.duration());
    }
}
