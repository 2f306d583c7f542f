package org.gantry.agent.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gantry.agent.isolation.ResourceLimits;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.JobId;
import org.gantry.api.protocol.AgentCommand.LogStream;
import org.gantry.api.protocol.Rendezvous;
import org.gantry.api.tenant.TenantId;

/**
 * One attempt to start on this node: {@code gpus} are this node's share of {@code allocation},
 * which names every node of a gang, and {@code rendezvous} where the gang's ranks meet (null
 * when the control plane did not say). {@code killGrace} is how long the watchdog waits between
 * SIGTERM and SIGKILL when the agent itself is gone. {@code tenant} (null when the spec has none)
 * decides the uid a confined job runs as; {@code limits} are what its cgroup allows.
 */
public record Launch(JobId job, int attempt, NodeId node, List<Integer> gpus, Map<NodeId, List<Integer>> allocation,
                     Rendezvous rendezvous, WorkDirs dirs, Duration killGrace, TenantId tenant,
                     ResourceLimits limits) {

    public Launch {
        gpus = List.copyOf(gpus);
        allocation = Map.copyOf(allocation);
        limits = limits == null ? ResourceLimits.defaults() : limits;
    }

    public Launch(JobId job, int attempt, NodeId node, List<Integer> gpus, Map<NodeId, List<Integer>> allocation,
                  Rendezvous rendezvous, WorkDirs dirs, Duration killGrace) {
        this(job, attempt, node, gpus, allocation, rendezvous, dirs, killGrace, null, null);
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
