package org.gantry.api.protocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.api.Clipped;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.NodeInfo;
import org.gantry.api.job.JobId;
import org.gantry.api.job.TrainingProgress;

/**
 * What a node agent tells the control plane. Each message stays below Artery's frame size
 * (256 KiB by default), whatever its workloads print: a frame over it is dropped, and a dropped
 * heartbeat would get a healthy node declared lost. An exit's message is clipped to
 * {@link #MAX_MESSAGE_CHARS}; a report carries at most {@link #MAX_REPORTED_EXITS} exits, whose
 * messages share {@link #REPORT_MESSAGE_CHARS} (each was sent whole on its own when it happened).
 */
public sealed interface AgentEvent extends ClusterMessage {
    /** The longest exit message sent; the rest is cut (the job's log has all of it). */
    int MAX_MESSAGE_CHARS = 1024;
    /** The most exits one report repeats (the newest). */
    int MAX_REPORTED_EXITS = 1_000;
    /** What the messages of one report's exits may add up to, in characters. */
    int REPORT_MESSAGE_CHARS = 16 * 1024;
    /** The least of its message each exit in a report keeps, however many there are. */
    int MIN_REPORTED_MESSAGE_CHARS = 16;
    /**
     * The most of a trainer's last epochs its exit carries (the newest): those printed after the
     * last report, which an agent between control planes could not send. An exit a report repeats
     * keeps only its final epoch, and only among the newest {@link #MAX_REPORTED_EXITS_WITH_EPOCHS}.
     */
    int MAX_EXIT_EPOCHS = 16;
    int MAX_REPORTED_EXITS_WITH_EPOCHS = 64;

    NodeId node();

    /** The last {@code count} of {@code list} (all of it when shorter). */
    private static <T> List<T> newest(List<T> list, int count) {
        return list.subList(Math.max(0, list.size() - count), list.size());
    }

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
            recentExits = recentExits == null ? List.of() : shortened(recentExits);
        }

        @Override
        public NodeId node() {
            return info.id();
        }

        /** The newest {@link #MAX_REPORTED_EXITS}, their messages clipped to a share of the report's budget. */
        private static List<WorkloadExited> shortened(List<WorkloadExited> exits) {
            List<WorkloadExited> newest = newest(exits, MAX_REPORTED_EXITS);
            int share = Math.max(MIN_REPORTED_MESSAGE_CHARS, REPORT_MESSAGE_CHARS / Math.max(1, newest.size()));
            List<WorkloadExited> kept = new ArrayList<>(newest.size());
            for (int i = 0; i < newest.size(); i++) {
                WorkloadExited exit = newest.get(i);
                List<TrainingProgress> epochs = newest(exit.lastEpochs(),
                        newest.size() - i <= MAX_REPORTED_EXITS_WITH_EPOCHS ? 1 : 0);
                boolean shortEnough = exit.message() == null || exit.message().length() <= share;
                kept.add(shortEnough && epochs.size() == exit.lastEpochs().size() ? exit
                        : new WorkloadExited(exit.node(), exit.job(), exit.attempt(), exit.exitCode(), exit.cause(),
                                Clipped.text(exit.message(), share), exit.at(), exit.agent(), epochs));
            }
            return kept;
        }
    }

    /**
     * The workload of an attempt is up (the process was spawned, the simulated run began).
     * {@code agent} is the node's agent that says so: the control plane takes it only from the
     * agent that holds {@code node}.
     */
    record WorkloadStarted(NodeId node, JobId job, int attempt, Instant at, ActorRef<AgentCommand> agent)
            implements AgentEvent {}

    /**
     * The workload of an attempt ended. {@code exitCode} is the process's (0 for a simulated run
     * that completed, -1 when there was no process to exit); {@code message} says why in words.
     * {@code agent} is the agent that says so, which must hold {@code node}; null where no agent
     * sends it on its own (the control plane's own verdicts, and exits a report repeats: the
     * report names its agent). {@code lastEpochs} are a trainer's newest epochs (at most
     * {@link #MAX_EXIT_EPOCHS}): an agent that had no control plane to report to when its trainer
     * finished still delivers its progress with the exit.
     */
    record WorkloadExited(NodeId node, JobId job, int attempt, int exitCode, ExitCause cause, String message,
                          Instant at, ActorRef<AgentCommand> agent, List<TrainingProgress> lastEpochs)
            implements AgentEvent {
        public WorkloadExited {
            message = Clipped.text(message, MAX_MESSAGE_CHARS);
            lastEpochs = lastEpochs == null ? List.of() : List.copyOf(newest(lastEpochs, MAX_EXIT_EPOCHS));
        }

        /** An exit that carries no epochs: not a trainer's, or one whose epochs were all reported. */
        public WorkloadExited(NodeId node, JobId job, int attempt, int exitCode, ExitCause cause, String message,
                              Instant at, ActorRef<AgentCommand> agent) {
            this(node, job, attempt, exitCode, cause, message, at, agent, List.of());
        }

        /**
         * The same exit, told by {@code agent}: an agent's exit history outlives its incarnation
         * (its ActorSystem), and a ref of a system that is gone cannot be serialised by the next.
         */
        public WorkloadExited toldBy(ActorRef<AgentCommand> agent) {
            return agent.equals(this.agent) ? this
                    : new WorkloadExited(node, job, attempt, exitCode, cause, message, at, agent, lastEpochs);
        }
    }
}
