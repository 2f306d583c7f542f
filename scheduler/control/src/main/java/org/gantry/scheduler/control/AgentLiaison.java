package org.gantry.scheduler.control;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.NodeStatus;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobState;
import org.gantry.api.job.TrainingProgress;
import org.gantry.api.protocol.AgentCommand;
import org.gantry.api.protocol.AgentEvent;
import org.gantry.api.protocol.ExitCause;
import org.gantry.api.protocol.MemberRoles;
import org.gantry.api.protocol.identity.CommandSigner;
import org.gantry.api.protocol.Rendezvous;
import org.gantry.api.protocol.RunningWorkload;
import org.gantry.scheduler.control.job.JobCommand;
import org.gantry.scheduler.control.job.JobReply;
import org.gantry.scheduler.control.secret.SecretSeal;
import org.gantry.scheduler.control.secret.SecretUnreadableException;
import org.gantry.scheduler.policy.GpuSet;
import org.slf4j.Logger;

/**
 * The scheduler's dealings with node agents: who they are (receptionist listings, reports),
 * what they run against what the view expects, starts, exits, stops, and lost nodes. Part of the
 * scheduler actor, called only from its message handlers, so it shares the view without locks.
 */
final class AgentLiaison {
    /** How long a sent stop is remembered (to pace resends); far longer than any kill grace. */
    private static final Duration STOP_MEMORY = Duration.ofMinutes(10);

    /** What the liaison asks of the scheduler that owns it. */
    interface Scheduling {
        void askEntity(JobId job, String command, int attempt, Function<ActorRef<JobReply>, JobCommand> message);

        void requestPass();

        /** A node registered or came back: what depends on the set of nodes may have changed. */
        void nodeRegistered();

        /** Call {@link #checkNodes} again after {@code delay}: when a lost node's lease surely lapsed. */
        void checkNodesIn(NodeId node, Duration delay);
    }

    private final ControlView view;
    private final SchedulerSettings settings;
    private final Logger log;
    private final ActorRef<AgentEvent> inbox;
    private final Scheduling scheduler;
    private final ServingReplicas serving;
    private final ControlMetrics metrics;
    /** Opens the secret values of a spec as it goes to its agents: the view holds them sealed. */
    private final SecretSeal seal;
    /** This control plane's host: where an agent in its own actor system (gantry up) is reached. */
    private final String ownHost;
    private final Set<ActorRef<AgentCommand>> knownAgents = new HashSet<>();
    /** Who may report (agents on GPU-node members), and whether a node's agent still holds its name. */
    private final MemberRoles members;
    /** Signs starts, stops and name refusals, so that agents can tell them from a member who names us as sender. */
    private final CommandSigner signer;
    /** When a stop was last sent per attempt, so a lost stop is sent again but not on every heartbeat. */
    private final Map<AttemptRef, Instant> stopsSent = new HashMap<>();
    /** When each node's lease was last renewed here: its jobs are requeued only once it surely lapsed. */
    private final GrantedLeases leases;

    AgentLiaison(ControlView view, SchedulerSettings settings, Logger log, ActorRef<AgentEvent> inbox,
                 Scheduling scheduler, String ownHost, ServingDirectory servingDirectory, ControlMetrics metrics,
                 SecretSeal seal, MemberRoles members, CommandSigner signer) {
        this.members = members;
        this.signer = signer;
        this.ownHost = ownHost;
        this.seal = seal;
        this.metrics = metrics;
        this.view = view;
        this.settings = settings;
        this.log = log;
        this.inbox = inbox;
        this.scheduler = scheduler;
        this.serving = new ServingReplicas(view, servingDirectory);
        this.leases = new GrantedLeases(settings.fencing(), System.nanoTime());
    }

    /** The receptionist's agents: new ones are asked to describe themselves; vanished ones are lost. */
    void onListing(Set<ActorRef<AgentCommand>> agents) {
        for (ActorRef<AgentCommand> agent : agents) {
            if (knownAgents.add(agent)) {
                agent.tell(new AgentCommand.Describe(inbox));
            }
        }
        knownAgents.retainAll(agents);
        for (NodeEntry node : List.copyOf(view.nodes())) {
            if (node.agent() != null && node.status() != NodeStatus.LOST && !agents.contains(node.agent())) {
                nodeLost(node.id(), "its agent left the cluster");
            }
        }
    }

    void onEvent(AgentEvent event) {
        if (event instanceof AgentEvent.AgentReport report) {
            if (fromAgentOf(report)) {
                onReport(report);
            }
        } else if (event instanceof AgentEvent.WorkloadStarted started) {
            if (fromAgentHolding(started, started.agent())) {
                onStarted(started);
            }
        } else if (event instanceof AgentEvent.WorkloadExited exited) {
            if (fromAgentHolding(exited, exited.agent())) {
                onExited(exited);
            }
        }
    }

    /**
     * A start or an exit counts only from the agent that holds its node: the one whose report
     * registered it, which {@link #fromAgentOf} let through only from a GPU-node member (whose
     * certificate, with cluster TLS, names that node). Anyone else could otherwise end or start
     * other tenants' attempts. One that is lost this way is learned from the node's next report.
     */
    private boolean fromAgentHolding(AgentEvent event, ActorRef<AgentCommand> agent) {
        NodeEntry node = view.node(event.node());
        if (agent != null && node != null && agent.equals(node.agent())
                && members.sentBy(agent, MemberRoles.GPU_NODE)) {
            return true;
        }
        log.warn("Refused a {} for node {} from {}: not the agent that holds that node",
                event.getClass().getSimpleName(), event.node(), MemberRoles.describe(agent));
        return false;
    }

    /**
     * A report counts only from an agent on a GPU-node member and, with cluster TLS, only for the
     * node its certificate names: whatever else reached the cluster port must not register nodes
     * or learn what runs there (a second agent under a live one's name is refused in
     * {@link #nameTaken}). Refusals are logged, not answered.
     */
    private boolean fromAgentOf(AgentEvent.AgentReport report) {
        if (!members.sentBy(report.agent(), MemberRoles.GPU_NODE)) {
            log.warn("Refused a report for node {} from {}: not a member with the '{}' role", report.node(),
                    MemberRoles.describe(report.agent()), MemberRoles.GPU_NODE);
            return false;
        }
        if (!members.mayClaim(report.agent(), report.node().value())) {
            log.warn("Refused a report for node {} from {}: its certificate does not name that node", report.node(),
                    MemberRoles.describe(report.agent()));
            return false;
        }
        return true;
    }

    private void onReport(AgentEvent.AgentReport report) {
        Instant now = Instant.now();
        NodeEntry before = view.node(report.node());
        if (before != null && before.status() == NodeStatus.LOST && before.agent() != null
                && before.agent().equals(report.agent()) && !knownAgents.contains(report.agent())) {
            return; // a late heartbeat of an agent the cluster already removed
        }
        if (nameTaken(before, report)) {
            return;
        }
        knownAgents.add(report.agent());
        renewLease(report);
        metrics.heartbeat();
        if (view.nodeReported(report.info(), report.agent(), now)) {
            log.info("Node {} registered: {} GPUs in pool {}", report.node(), report.info().healthyGpuCount(),
                    report.info().pool());
            scheduler.nodeRegistered();
            scheduler.requestPass();
        } else if (before != null && !before.healthyGpus().equals(view.node(report.node()).healthyGpus())) {
            // A GPU was withheld or came back: jobs on it keep running, but what may be placed changed.
            log.info("Node {} now offers GPUs {} (was {}){}", report.node(), view.node(report.node()).healthyGpus(),
                    before.healthyGpus(), report.info().gpuProblem() == null ? "" : ": " + report.info().gpuProblem());
            scheduler.requestPass();
        }
        AgentReconciliation.Actions actions = AgentReconciliation.reconcile(view, report, now,
                settings.startGrace());
        for (RunningWorkload orphan : actions.orphans()) {
            // Nobody placed it here (it ran on through a partition, say): its GPUs are taken until it is gone.
            AttemptRef ref = new AttemptRef(orphan.job(), orphan.attempt());
            GpuSet gpus = GpuSet.of(orphan.gpus());
            if (view.free(report.node(), gpus)) {
                view.linger(report.node(), ref, gpus);
            }
            stopIfDue(report.agent(), report.node(), ref, "not scheduled on this node", now);
        }
        actions.toStop().forEach(ref -> stopIfDue(report.agent(), report.node(), ref, "stopping", now));
        if (!actions.gone().isEmpty()) {
            actions.gone().forEach(ref -> {
                view.gone(report.node(), ref);
                stopsSent.remove(ref);
            });
            scheduler.requestPass();
        }
        actions.started().forEach(this::onStarted);
        actions.exited().forEach(this::onExited);
        actions.missing().forEach(job -> requeue(job, ControlMetrics.REQUEUE_WORKLOAD_MISSING, "node " + report.node() + " does not run it any more"));
        serving.reported(report);
        report.running().forEach(workload -> progressed(workload.job(), workload.attempt(), workload.progress()));
    }

    /**
     * Every report heard earns its agent a lease, sent before anything else this report causes
     * (a start, say), and on the same connection, so it arrives first.
     */
    private void renewLease(AgentEvent.AgentReport report) {
        if (report.at() == null) {
            return; // nothing the agent could match the renewal to: it holds no lease from this report
        }
        leases.renewed(report.node(), System.nanoTime());
        Fencing fencing = settings.fencing();
        var renewal = new AgentCommand.RenewLease(report.node(), report.at(), fencing.lease(), fencing.grace(), inbox);
        report.agent().tell(renewal.signed(signer.signFor(report.agent(), renewal, report.node().value())));
    }

    /**
     * A second agent under the name of a live one is refused and told why, instead of taking over
     * its entry (and its jobs). An agent at the same address is the same node restarted, and one
     * whose member is gone or unreachable is replaced as before.
     */
    private boolean nameTaken(NodeEntry before, AgentEvent.AgentReport report) {
        if (before == null || before.agent() == null || before.agent().equals(report.agent())
                || before.status() == NodeStatus.LOST
                || before.agent().path().address().equals(report.agent().path().address())
                || !members.upAndReachable(before.agent())) {
            return false;
        }
        String reason = "node name '" + report.node() + "' is held by a live agent at "
                + before.agent().path().address() + "; give this agent another --node-name, or stop that one first";
        log.warn("Refused an agent at {}: {}", report.agent().path().address(), reason);
        var taken = new AgentCommand.NameTaken(report.node(), reason, inbox);
        report.agent().tell(taken.signed(signer.signFor(report.agent(), taken, report.node().value())));
        return true;
    }

    /**
     * Epochs a trainer finished since its job last told us reach its entity, which keeps the ones
     * its events lack; a report that repeats the latest known epoch sends nothing.
     */
    private void progressed(JobId id, int attempt, List<TrainingProgress> epochs) {
        if (epochs.isEmpty()) {
            return;
        }
        TrackedJob job = view.job(id);
        TrainingProgress latest = epochs.get(epochs.size() - 1);
        if (job == null || job.record.attempt() != attempt || latest.equals(job.record.progress())) {
            return;
        }
        scheduler.askEntity(id, "progress", attempt, replyTo -> new JobCommand.RecordProgress(attempt, epochs,
                Instant.now(), replyTo));
    }

    private void onStarted(AgentEvent.WorkloadStarted started) {
        TrackedJob job = view.job(started.job());
        if (job != null && job.record.attempt() == started.attempt() && job.record.state() == JobState.SCHEDULED) {
            scheduler.askEntity(started.job(), "start", started.attempt(),
                    replyTo -> new JobCommand.MarkStarted(started.attempt(), started.at(), replyTo));
        }
    }

    private void onExited(AgentEvent.WorkloadExited exited) {
        AttemptRef ref = new AttemptRef(exited.job(), exited.attempt());
        if (view.lingeringOn(exited.node()).containsKey(ref)) {
            view.gone(exited.node(), ref);
            stopsSent.remove(ref);
            scheduler.requestPass();
        }
        // A trainer's last epochs, which no report may have carried, reach its record before its end.
        progressed(exited.job(), exited.attempt(), exited.lastEpochs());
        TrackedJob job = view.job(exited.job());
        if (job == null || job.record.attempt() != exited.attempt() || !job.record.state().holdsGpus()) {
            return; // an exit of an attempt that is already settled
        }
        boolean allParts = job.partExited(exited.attempt(), exited.node());
        if (allParts) {
            view.workloadsGone(job); // nothing runs there any more: the next pass may use the GPUs
            scheduler.requestPass();
        }
        boolean succeeded = exited.cause() == ExitCause.COMPLETED && exited.exitCode() == 0;
        if (!allParts && succeeded) {
            return; // a gang succeeds once every part has; the others are still at work
        }
        scheduler.askEntity(exited.job(), "exit", exited.attempt(), replyTo -> new JobCommand.MarkExited(
                exited.attempt(), exited.exitCode(), exited.cause(), exited.message(), exited.at(), replyTo));
        // A gang fails as a whole: the other parts are stopped, and keep their GPUs until they are gone.
        if (!allParts) {
            Set<NodeId> others = new HashSet<>(job.held.keySet());
            others.removeAll(job.exitedParts);
            stopOnce(exited.job(), exited.attempt(), others, "another part of the gang ended");
        }
    }

    /** Tells the agents of a placed job to start it, and where its ranks meet. */
    void startOnAgents(Job job) {
        Rendezvous rendezvous = rendezvous(job);
        JobSpec opened;
        try {
            opened = seal.open(job.spec());
        } catch (SecretUnreadableException unreadable) {
            // Not this control plane's key: the attempt fails to launch, as if its agents said so.
            log.error("Job {} cannot start: {}", job.id(), unreadable.getMessage());
            for (NodeId nodeId : job.allocation().keySet()) {
                onExited(new AgentEvent.WorkloadExited(nodeId, job.id(), job.attempt(), -1, ExitCause.LAUNCH_FAILED,
                        unreadable.getMessage(), Instant.now(), null));
            }
            return;
        }
        for (NodeId nodeId : job.allocation().keySet()) {
            NodeEntry node = view.node(nodeId);
            if (node != null && node.agent() != null) {
                var start = new AgentCommand.StartJob(job.id(), job.attempt(), opened, job.allocation(), inbox,
                        rendezvous);
                node.agent().tell(start.signed(signer.signFor(node.agent(), start, nodeId.value())));
            }
        }
    }

    /**
     * The master node's host as the cluster reaches its agent (the agent's advertised address),
     * and the port the allocation gives ({@link Rendezvous#port}); null when the master node's
     * agent is not known (it then cannot start the job either).
     */
    private Rendezvous rendezvous(Job job) {
        if (job.allocation().isEmpty()) {
            return null;
        }
        NodeEntry master = view.node(Rendezvous.master(job.allocation()));
        if (master == null || master.agent() == null) {
            return null;
        }
        String host = master.agent().path().address().getHost().orElse(ownHost);
        return new Rendezvous(host, Rendezvous.port(settings.rendezvousPortBase(), job.allocation()));
    }

    /**
     * Stops an attempt on its nodes unless a stop for it was sent already: a record that says
     * "stop" arrives more than once, and lost stops are resent from the agents' reports instead.
     */
    void stopOnce(JobId job, int attempt, Iterable<NodeId> nodes, String reason) {
        if (stopsSent.putIfAbsent(new AttemptRef(job, attempt), Instant.now()) != null) {
            return;
        }
        for (NodeId nodeId : nodes) {
            NodeEntry node = view.node(nodeId);
            if (node != null && node.agent() != null) {
                tellStop(node.agent(), nodeId, job, attempt, reason);
            }
        }
    }

    /** Sends a stop, again if one was sent longer ago than the kill grace and the workload still runs. */
    private void stopIfDue(ActorRef<AgentCommand> agent, NodeId node, AttemptRef ref, String reason, Instant now) {
        Instant last = stopsSent.get(ref);
        if (last == null || last.plus(settings.killGrace()).plus(settings.startGrace()).isBefore(now)) {
            stopsSent.put(ref, now);
            tellStop(agent, node, ref.job(), ref.attempt(), reason);
        }
    }

    private void tellStop(ActorRef<AgentCommand> agent, NodeId node, JobId job, int attempt, String reason) {
        var stop = new AgentCommand.StopJob(job, attempt, reason, settings.killGrace(), inbox);
        agent.tell(stop.signed(signer.signFor(agent, stop, node.value())));
    }

    /**
     * Periodic, and when a lost node's lease surely lapsed: silent agents are lost; the jobs held
     * on a lost node are requeued once its workloads are surely gone (its lease lapsed and its
     * grace passed: see {@link Fencing}), and a node that held jobs before a restart gets the
     * agent timeout to register again as well. Again on every check while they are still there
     * (a requeue that was lost).
     */
    void checkNodes(Instant now, Instant recoveredAt) {
        stopsSent.values().removeIf(sent -> sent.isBefore(now.minus(STOP_MEMORY)));
        long nowNanos = System.nanoTime();
        for (NodeEntry node : List.copyOf(view.nodes())) {
            boolean silent = node.lastSeen() != null && node.lastSeen().plus(settings.agentTimeout()).isBefore(now);
            if (node.agent() != null && node.status() != NodeStatus.LOST && silent) {
                nodeLost(node.id(), "no heartbeat for " + settings.agentTimeout().toSeconds() + " s");
            } else if (node.status() == NodeStatus.LOST && leases.fenced(node.id(), nowNanos)) {
                boolean neverBack = node.agent() == null;
                if (neverBack && !recoveredAt.plus(settings.agentTimeout()).isBefore(now)) {
                    continue;
                }
                String reason = neverBack ? "node " + node.id() + " did not come back"
                        : "node " + node.id() + " was lost, and its lease has lapsed";
                view.jobsOn(node.id()).stream().filter(job -> job.record.state().holdsGpus())
                        .forEach(job -> requeue(job, neverBack ? ControlMetrics.REQUEUE_NODE_NOT_BACK
                                : ControlMetrics.REQUEUE_NODE_LOST, reason));
            }
        }
    }

    /**
     * Nothing more is placed on a lost node, but its jobs stay where they are until its lease
     * surely lapsed: a node that was only cut off still runs them until then, and rerunning them
     * elsewhere sooner would run them twice at once. One that reports again before keeps them.
     */
    private void nodeLost(NodeId node, String why) {
        NodeEntry entry = view.node(node);
        if (entry == null || entry.status() == NodeStatus.LOST) {
            return;
        }
        Duration untilFenced = leases.untilFenced(node, System.nanoTime());
        log.warn("Node {} lost: {}; its jobs go back to the queue in {} ms, once its lease has surely lapsed", node,
                why, untilFenced.toMillis());
        metrics.nodeLost();
        view.setStatus(node, NodeStatus.LOST);
        serving.lost(node);
        scheduler.checkNodesIn(node, untilFenced);
    }

    private void requeue(TrackedJob job, String code, String reason) {
        metrics.requeued(code);
        int attempt = job.reservingAttempt > 0 ? job.reservingAttempt : job.record.attempt();
        scheduler.askEntity(job.id(), "requeue", attempt, replyTo -> new JobCommand.Requeue(attempt, reason,
                Instant.now(), replyTo));
    }
}
