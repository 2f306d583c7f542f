package org.gantry.api.protocol;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.protocol.identity.CommandSignature;

/** What the control plane tells a node agent. Every command is safe to repeat. */
public sealed interface AgentCommand extends ClusterMessage {

    /**
     * Tell me who you are and what you run: answered at once with an {@link AgentEvent.AgentReport},
     * and from then on the agent reports to {@code control} on every heartbeat. A new scheduler
     * (after failover or restart) sends this to every agent it finds through the receptionist.
     */
    record Describe(ActorRef<AgentEvent> control) implements AgentCommand {}

    /**
     * Start attempt {@code attempt} of a job on the listed GPUs of this node. {@code allocation}
     * names every node of a gang (for {@code RANK}/{@code WORLD_SIZE}); the agent uses its own
     * entry. Repeating a start of an attempt the agent runs or ran is ignored. {@code rendezvous}
     * is where its ranks meet ({@code MASTER_ADDR}/{@code MASTER_PORT}); null from a sender that
     * does not know (the agent then falls back to loopback for a one-node job). {@code signature}
     * is the control plane's over all of it but {@code control}: with cluster TLS an agent starts
     * nothing unsigned; null without.
     */
    record StartJob(JobId job, int attempt, JobSpec spec, Map<NodeId, List<Integer>> allocation,
                    ActorRef<AgentEvent> control, Rendezvous rendezvous, CommandSignature signature)
            implements AgentCommand {

        public StartJob(JobId job, int attempt, JobSpec spec, Map<NodeId, List<Integer>> allocation,
                        ActorRef<AgentEvent> control, Rendezvous rendezvous) {
            this(job, attempt, spec, allocation, control, rendezvous, null);
        }

        public StartJob(JobId job, int attempt, JobSpec spec, Map<NodeId, List<Integer>> allocation,
                        ActorRef<AgentEvent> control) {
            this(job, attempt, spec, allocation, control, null);
        }

        /** This start with {@code signature} (see {@code CommandSigner}). */
        public StartJob signed(CommandSignature signature) {
            return new StartJob(job, attempt, spec, allocation, control, rendezvous, signature);
        }
    }

    /**
     * Stop an attempt: SIGTERM, then SIGKILL after {@code grace}. The agent answers with a
     * {@link AgentEvent.WorkloadExited} whose cause is {@link ExitCause#STOPPED}; stopping an
     * attempt that already ended repeats its exit. {@code control} is the sending control
     * plane: the agent takes the stop only from a {@code control} member, and with cluster TLS
     * only with the control plane's {@code signature} (null without).
     */
    record StopJob(JobId job, int attempt, String reason, Duration grace, ActorRef<AgentEvent> control,
                   CommandSignature signature) implements AgentCommand {

        public StopJob(JobId job, int attempt, String reason, Duration grace, ActorRef<AgentEvent> control) {
            this(job, attempt, reason, grace, control, null);
        }

        /** This stop with {@code signature} (see {@code CommandSigner}). */
        public StopJob signed(CommandSignature signature) {
            return new StopJob(job, attempt, reason, grace, control, signature);
        }

        /** A stop that does not say who sends it: taken only in a JVM without remoting (tests). */
        public StopJob(JobId job, int attempt, String reason, Duration grace) {
            this(job, attempt, reason, grace, null);
        }
    }

    /**
     * The control plane heard the report this agent sent at {@code reportedAt} (the report's own
     * {@code at}, echoed): the agent may keep its workloads running for {@code lease} from when it
     * sent that report, by its own clock, then gets {@code grace} to stop them. Measured from the
     * agent's send, not from this answer's arrival, the agent's lease always ends before the one
     * the control plane counts from its receipt: neither side needs the other's clock. The control
     * plane requeues a silent node's jobs only after lease, grace and a margin have passed since
     * its last renewal. Signed like a start (null without cluster TLS): a renewal forged by another
     * member would keep fenced workloads running.
     */
    record RenewLease(NodeId node, java.time.Instant reportedAt, Duration lease, Duration grace,
                      ActorRef<AgentEvent> control, CommandSignature signature) implements AgentCommand {

        public RenewLease(NodeId node, java.time.Instant reportedAt, Duration lease, Duration grace,
                          ActorRef<AgentEvent> control) {
            this(node, reportedAt, lease, grace, control, null);
        }

        /** This renewal with {@code signature} (see {@code CommandSigner}). */
        public RenewLease signed(CommandSignature signature) {
            return new RenewLease(node, reportedAt, lease, grace, control, signature);
        }
    }

    /** Read an attempt's log from {@code offset}: at most {@code maxBytes}. */
    record ReadLog(JobId job, int attempt, LogStream stream, long offset, int maxBytes,
                   ActorRef<LogChunk> replyTo) implements AgentCommand {}

    /**
     * This agent may not serve as {@code node}: another live agent holds that name. The agent
     * logs {@code reason} and stops, rather than take over the other one's jobs. {@code control}
     * names the sender, so that only a control-plane member can stop an agent this way, and with
     * cluster TLS only with the control plane's {@code signature} (null without).
     */
    record NameTaken(NodeId node, String reason, ActorRef<AgentEvent> control, CommandSignature signature)
            implements AgentCommand {

        public NameTaken(NodeId node, String reason, ActorRef<AgentEvent> control) {
            this(node, reason, control, null);
        }

        /** This refusal with {@code signature} (see {@code CommandSigner}). */
        public NameTaken signed(CommandSignature signature) {
            return new NameTaken(node, reason, control, signature);
        }
    }

    /** Which output of the process a log holds. */
    enum LogStream { STDOUT, STDERR }
}
