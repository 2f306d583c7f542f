package org.gantry.agent.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.JobId;
import org.gantry.api.protocol.AgentCommand.LogStream;
import org.gantry.api.protocol.Rendezvous;

/**
 * One attempt to start on this node: {@code gpus} are this node's share of {@code allocation},
 * which names every node of a gang, and {@code rendezvous} where the gang's ranks meet (null
 * when the control plane did not say). {@code killGrace} is how long the watchdog waits between
 * SIGTERM and SIGKILL when the agent itself is gone.
 */
public record Launch(JobId job, int attempt, NodeId node, List<Integer> gpus, Map<NodeId, List<Integer>> allocation,
                     Rendezvous rendezvous, WorkDirs dirs, Duration killGrace) {

    public Launch {
        gpus = List.copyOf(gpus);
        allocation = Map.copyOf(allocation);
    }

    public Launch(JobId job, int attempt, NodeId node, List<Integer> gpus, Map<NodeId, List<Integer>> allocation,
                  WorkDirs dirs, Duration killGrace) {
        this(job, attempt, node, gpus, allocation, null, dirs, killGrace);
    }

    public Path stdout() {
        return dirs.log(job, attempt, LogStream.STDOUT);
    }

    public Path stderr() {
        return dirs.log(job, attempt, LogStream.STDERR);
    }
}
