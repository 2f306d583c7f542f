package org.gantry.api.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.NodeInfo;
import org.gantry.api.job.JobId;

/** What a node agent tells the control plane. */
public sealed interface AgentEvent extends ClusterMessage {

    NodeId node();

    /**
     * Registration and heartbeat in one: the node, the agent to command, what it runs now and
     * the attempts that ended recently (kept a while, so an exit whose message was lost is still
     * learned from the next heartbeat).
     */
    record AgentReport(NodeInfo info, ActorRef<AgentCommand> agent, List<RunningWorkload> running,
                       List<WorkloadExited> recentExits, Instant at) implements AgentEvent {
        public AgentReport {
            Objects.requireNonNull(info, "info");
            Objects.requireNonNull(agent, "agent");
            running = running == null ? List.of() : List.copyOf(running);
            recentExits = recentExits == null ? List.of() : List.copyOf(recentExits);
        }

        @Override
        public NodeId node() {
            return info.id();
        }
    }

    /** The workload of an attempt is up (the process was spawned, the simulated run began). */
    record WorkloadStarted(NodeId node, JobId job, int attempt, Instant at) implements AgentEvent {}

    /**
     * The workload of an attempt ended. {@code exitCode} is the process's (0 for a simulated run
     * that completed, -1 when there was no process to exit); {@code message} says why in words.
     */
    record WorkloadExited(NodeId node, JobId job, int attempt, int exitCode, ExitCause cause, String message,
                          Instant at) implements AgentEvent {}
}
