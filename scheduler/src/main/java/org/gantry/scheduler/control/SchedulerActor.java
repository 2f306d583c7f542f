package org.gantry.scheduler.control;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.NodeStatus;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobState;
import org.gantry.api.protocol.AgentCommand;
import org.gantry.api.protocol.AgentEvent;
import org.gantry.api.protocol.AgentKeys;
import org.gantry.api.protocol.ExitCause;
import org.gantry.api.protocol.RunningWorkload;
import org.gantry.api.service.ClusterService.NodeAction;
import org.gantry.scheduler.control.SchedulerCommand.*;
import org.gantry.scheduler.control.job.JobCommand;
import org.gantry.scheduler.control.job.JobReply;
import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.policy.Placement;
import org.gantry.scheduler.policy.Plan;
import org.gantry.scheduler.policy.Policies;
import org.gantry.scheduler.policy.Preemption;
import org.gantry.scheduler.policy.Resize;
import org.gantry.scheduler.policy.SchedulingPolicy;
import org.gantry.scheduler.predict.HistoryPredictor;

/**
 * The scheduler: a cluster singleton and a thin shell around {@link ControlView} and the pure
 * policy. It rebuilds the view from the job records at start (stashing everything else until
 * then), follows every record the entities persist, learns nodes from the receptionist and
 * the agents' reports, and after each batch of changes runs one pass — snapshot, plan, apply.
 *
 * <p>Applying a plan never hands a GPU out twice: a placement reserves its GPUs in the view at
 * once (refused if the plan is stale), the entity persists it, and only then is the agent told
 * to start. GPUs come back when the record says the attempt is over and every node that ran a
 * part of it has reported that part gone (or was lost): until then they stay taken, as
 * lingering, in the view.
 */
public final class SchedulerActor {
    /** A pass slower than this is logged: the scheduler answers nothing else while it runs. */
    private static final long SLOW_PASS_MILLIS = 50;
    /** How long a sent stop is remembered (to pace resends); far longer than any kill grace. */
    private static final java.time.Duration STOP_MEMORY = java.time.Duration.ofMinutes(10);
    private final ActorContext<SchedulerCommand> context;
    private final SchedulerSettings settings;
    private final JobGateway entities;
    private final SchedulingPolicy policy;
    private final ControlView view;
    private final ActorRef<AgentEvent> agentInbox;
    private final Set<ActorRef<AgentCommand>> knownAgents = new HashSet<>();
    /** When a stop was last sent per attempt, so a lost stop is sent again but not on every heartbeat. */
    private final Map<AttemptRef, Instant> stopsSent = new HashMap<>();
    private final Instant recoveredAt;
    private TimerScheduler<SchedulerCommand> timers;
    private Plan lastPlan;
    private boolean passRequested;
    private long lastPassEndedNanos;

    private SchedulerActor(ActorContext<SchedulerCommand> context, SchedulerSettings settings, JobGateway entities,
                           Recovered recovered) {
        this.context = context;
        this.settings = settings;
        this.entities = entities;
        this.policy = Policies.named(settings.policy(), settings.minRun().toSeconds());
        this.view = new ControlView(policy.order(), HistoryPredictor.defaults());
        this.agentInbox = context.messageAdapter(AgentEvent.class, FromAgent::new);
        this.recoveredAt = Instant.now();
        view.setTenants(recovered.tenants());
        recovered.jobs().forEach(job -> view.update(job, recoveredAt));
        context.getLog().info("Scheduler recovered {} jobs ({} pending), {} tenants; policy {}",
                recovered.jobs().size(), view.queue().size(), recovered.tenants().size(), policy.name());
    }

    /**
     * @param recovery reads the job records and tenants back; the scheduler answers nothing but
     *                 {@code GetReady} (false) until it completes
     */
    public static Behavior<SchedulerCommand> create(SchedulerSettings settings, JobGateway entities,
                                                    Supplier<CompletionStage<Recovered>> recovery) {
        return Behaviors.withStash(100_000, stash -> Behaviors.setup(context -> {
            context.pipeToSelf(recovery.get(), (recovered, failure) -> failure == null ? recovered
                    : new RecoveryFailed(failure));
            return recovering(context, stash, settings, entities);
        }));
    }

    private static Behavior<SchedulerCommand> recovering(ActorContext<SchedulerCommand> context,
                                                         StashBuffer<SchedulerCommand> stash,
                                                         SchedulerSettings settings, JobGateway entities) {
        return Behaviors.receive(SchedulerCommand.class)
                .onMessage(Recovered.class, recovered -> Behaviors.withTimers(timers -> {
                    SchedulerActor scheduler = new SchedulerActor(context, settings, entities, recovered);
                    return stash.unstashAll(scheduler.start(timers));
                }))
                .onMessage(RecoveryFailed.class, failed -> {
                    // Let supervision restart the singleton and read again.
                    throw new IllegalStateException("scheduler could not read the job records back", failed.cause());
                })
                .onMessage(GetReady.class, ask -> {
                    ask.replyTo().tell(false);
                    return Behaviors.same();
                })
                .onAnyMessage(message -> {
                    stash.stash(message);
                    return Behaviors.same();
                })
                .build();
    }

    private Behavior<SchedulerCommand> start(TimerScheduler<SchedulerCommand> timers) {
        this.timers = timers;
        ActorRef<Receptionist.Listing> listings = context.messageAdapter(Receptionist.Listing.class,
                listing -> new AgentsListed(listing.getServiceInstances(AgentKeys.AGENTS)));
        context.getSystem().receptionist().tell(Receptionist.subscribe(AgentKeys.AGENTS, listings));
        timers.startTimerWithFixedDelay(Tick.INSTANCE, settings.tick());
        requestPass();
        return active();
    }

    private Behavior<SchedulerCommand> active() {
        return Behaviors.receive(SchedulerCommand.class)
                .onMessage(JobChanged.class, changed -> onJobChanged(changed.job()))
                .onMessage(FromAgent.class, message -> onAgentEvent(message.event()))
                .onMessage(AgentsListed.class, listed -> onAgentsListed(listed.agents()))
                .onMessage(TenantsChanged.class, changed -> {
                    view.setTenants(changed.tenants());
                    requestPass();
                    return Behaviors.same();
                })
                .onMessageEquals(RunPass.INSTANCE, this::onRunPass)
                .onMessageEquals(Tick.INSTANCE, this::onTick)
                .onMessage(EntityAnswered.class, this::onEntityAnswered)
                .onMessage(ChangeNode.class, this::onChangeNode)
                .onMessage(GetReady.class, ask -> reply(ask.replyTo(), true))
                .onMessage(ListJobs.class, ask -> reply(ask.replyTo(), ViewQueries.page(view, ask.query())))
                .onMessage(GetQueue.class, ask -> reply(ask.replyTo(),
                        new QueueAnswer(ViewQueries.queue(view, lastPlan, ask.tenant()))))
                .onMessage(Explain.class, ask -> reply(ask.replyTo(),
                        new ExplainAnswer(ViewQueries.explain(view, lastPlan, ask.job()))))
                .onMessage(GetNodes.class, ask -> reply(ask.replyTo(), new NodesAnswer(ViewQueries.nodes(view))))
                .onMessage(GetPools.class, ask -> reply(ask.replyTo(),
                        new PoolsAnswer(ViewQueries.pools(view), ViewQueries.knownPools(view))))
                .onMessage(GetStanding.class, ask -> reply(ask.replyTo(), ViewQueries.standing(view, ask.tenant())))
                .onMessage(CheckSubmit.class, ask -> reply(ask.replyTo(),
                        new SubmitCheck(ViewQueries.submitProblem(view, ask.tenant(), ask.pool()))))
                .onMessage(LocateAgent.class, ask -> {
                    NodeEntry node = view.node(ask.node());
                    boolean reachable = node != null && node.status() != NodeStatus.LOST;
                    return reply(ask.replyTo(), new AgentLocation(reachable ? node.agent() : null));
                })
                .build();
    }

    private static <T> Behavior<SchedulerCommand> reply(ActorRef<T> to, T answer) {
        to.tell(answer);
        return Behaviors.same();
    }

    // ---- following the records -------------------------------------------------------

    private Behavior<SchedulerCommand> onJobChanged(Job job) {
        view.update(job, Instant.now());
        TrackedJob tracked = view.job(job.id());
        boolean mustStop = job.state().holdsGpus() && (job.cancelRequested() || job.state() == JobState.SUSPENDING);
        if (mustStop && tracked != null && tracked.stopSentFor != job.attempt()) {
            tracked.stopSentFor = job.attempt();
            String why = job.cancelRequested() ? "cancelled" : String.valueOf(job.reason());
            stopOnNodes(job.id(), job.attempt(), job.allocation().keySet(), why);
        }
        requestPass();
        return Behaviors.same();
    }

    private void stopOnNodes(JobId job, int attempt, Iterable<NodeId> nodes, String reason) {
        stopsSent.put(new AttemptRef(job, attempt), Instant.now());
        for (NodeId nodeId : nodes) {
            NodeEntry node = view.node(nodeId);
            if (node != null && node.agent() != null) {
                node.agent().tell(new AgentCommand.StopJob(job, attempt, reason, settings.killGrace()));
            }
        }
    }

    // ---- agents ------------------------------------------------------------------------

    private Behavior<SchedulerCommand> onAgentsListed(Set<ActorRef<AgentCommand>> agents) {
        for (ActorRef<AgentCommand> agent : agents) {
            if (knownAgents.add(agent)) {
                agent.tell(new AgentCommand.Describe(agentInbox));
            }
        }
        knownAgents.retainAll(agents);
        for (NodeEntry node : List.copyOf(view.nodes())) {
            if (node.agent() != null && node.status() != NodeStatus.LOST && !agents.contains(node.agent())) {
                nodeLost(node.id(), "its agent left the cluster");
            }
        }
        return Behaviors.same();
    }

    private Behavior<SchedulerCommand> onAgentEvent(AgentEvent event) {
        if (event instanceof AgentEvent.AgentReport report) {
            onReport(report);
        } else if (event instanceof AgentEvent.WorkloadStarted started) {
            onStarted(started);
        } else if (event instanceof AgentEvent.WorkloadExited exited) {
            onExited(exited);
        }
        return Behaviors.same();
    }

    private void onReport(AgentEvent.AgentReport report) {
        Instant now = Instant.now();
        NodeEntry before = view.node(report.node());
        if (before != null && before.status() == NodeStatus.LOST && before.agent() != null
                && before.agent().equals(report.agent()) && !knownAgents.contains(report.agent())) {
            return; // a late heartbeat of an agent the cluster already removed
        }
        knownAgents.add(report.agent());
        if (view.nodeReported(report.info(), report.agent(), now)) {
            context.getLog().info("Node {} registered: {} GPUs in pool {}", report.node(),
                    report.info().healthyGpuCount(), report.info().pool());
            requestPass();
        }
        AgentReconciliation.Actions actions = AgentReconciliation.reconcile(view, report, now,
                settings.startGrace());
        for (RunningWorkload orphan : actions.orphans()) {
            // Nobody placed it here (it ran on through a partition, say): its GPUs are taken until it is gone.
            GpuSet gpus = GpuSet.of(orphan.gpus());
            if (view.free(report.node(), gpus)) {
                view.linger(report.node(), new AttemptRef(orphan.job(), orphan.attempt()), gpus);
            }
            stopIfDue(report.agent(), new AttemptRef(orphan.job(), orphan.attempt()), "not scheduled on this node", now);
        }
        actions.toStop().forEach(ref -> stopIfDue(report.agent(), ref, "stopping", now));
        if (!actions.gone().isEmpty()) {
            actions.gone().forEach(ref -> {
                view.gone(report.node(), ref);
                stopsSent.remove(ref);
            });
            requestPass();
        }
        actions.started().forEach(started -> onStarted(started));
        actions.exited().forEach(this::onExited);
        actions.missing().forEach(job -> requeue(job, "node " + report.node() + " does not run it any more"));
    }

    private void onStarted(AgentEvent.WorkloadStarted started) {
        TrackedJob job = view.job(started.job());
        if (job != null && job.record.attempt() == started.attempt() && job.record.state() == JobState.SCHEDULED) {
            askEntity(started.job(), "start", started.attempt(),
                    replyTo -> new JobCommand.MarkStarted(started.attempt(), started.at(), replyTo));
        }
    }

    private void onExited(AgentEvent.WorkloadExited exited) {
        AttemptRef ref = new AttemptRef(exited.job(), exited.attempt());
        if (view.lingeringOn(exited.node()).containsKey(ref)) {
            view.gone(exited.node(), ref);
            stopsSent.remove(ref);
            requestPass();
        }
        TrackedJob job = view.job(exited.job());
        if (job == null || job.record.attempt() != exited.attempt() || !job.record.state().holdsGpus()) {
            return; // an exit of an attempt that is already settled
        }
        boolean allParts = job.partExited(exited.attempt(), exited.node());
        boolean succeeded = exited.cause() == ExitCause.COMPLETED && exited.exitCode() == 0;
        if (!allParts && succeeded) {
            return; // a gang succeeds once every part has; the others are still at work
        }
        askEntity(exited.job(), "exit", exited.attempt(), replyTo -> new JobCommand.MarkExited(exited.attempt(),
                exited.exitCode(), exited.cause(), exited.message(), exited.at(), replyTo));
        // A gang fails as a whole: the other parts are stopped, and keep their GPUs until they are gone.
        if (!allParts && job.stopSentFor != exited.attempt()) {
            job.stopSentFor = exited.attempt();
            Set<NodeId> others = new HashSet<>(job.held.keySet());
            others.removeAll(job.exitedParts);
            stopOnNodes(exited.job(), exited.attempt(), others, "another part of the gang ended");
        }
    }

    /** Sends a stop, again if one was sent longer ago than the kill grace and the workload still runs. */
    private void stopIfDue(ActorRef<AgentCommand> agent, AttemptRef ref, String reason, Instant now) {
        Instant last = stopsSent.get(ref);
        if (last == null || last.plus(settings.killGrace()).plus(settings.startGrace()).isBefore(now)) {
            stopsSent.put(ref, now);
            agent.tell(new AgentCommand.StopJob(ref.job(), ref.attempt(), reason, settings.killGrace()));
        }
    }

    private void nodeLost(NodeId node, String why) {
        NodeEntry entry = view.node(node);
        if (entry == null || entry.status() == NodeStatus.LOST) {
            return;
        }
        context.getLog().warn("Node {} lost: {}; requeueing its jobs", node, why);
        view.setStatus(node, NodeStatus.LOST);
        view.jobsOn(node).forEach(job -> requeue(job, "node " + node + " was lost: " + why));
    }

    private void requeue(TrackedJob job, String reason) {
        int attempt = job.reservingAttempt > 0 ? job.reservingAttempt : job.record.attempt();
        askEntity(job.id(), "requeue", attempt, replyTo -> new JobCommand.Requeue(attempt, reason,
                Instant.now(), replyTo));
    }

    // ---- timers ------------------------------------------------------------------------

    private Behavior<SchedulerCommand> onTick() {
        Instant now = Instant.now();
        stopsSent.values().removeIf(sent -> sent.isBefore(now.minus(STOP_MEMORY)));
        for (NodeEntry node : List.copyOf(view.nodes())) {
            boolean silent = node.lastSeen() != null
                    && node.lastSeen().plus(settings.agentTimeout()).isBefore(now);
            if (node.agent() != null && node.status() != NodeStatus.LOST && silent) {
                nodeLost(node.id(), "no heartbeat for " + settings.agentTimeout().toSeconds() + " s");
            } else if (node.status() == NodeStatus.LOST) {
                boolean graceOver = node.agent() != null
                        || recoveredAt.plus(settings.agentTimeout()).isBefore(now);
                if (graceOver) { // jobs still held on a lost node: the requeue was lost or has not landed yet
                    view.jobsOn(node.id()).stream().filter(job -> job.record.state().holdsGpus())
                            .forEach(job -> requeue(job, "node " + node.id() + " did not come back"));
                }
            }
        }
        requestPass();
        return Behaviors.same();
    }

    // ---- the pass ----------------------------------------------------------------------

    /**
     * Asks for a pass after the changes already queued (a message to self goes behind them, so
     * they batch up). Passes are at least {@code min-pass-interval} apart: under a stream of
     * submits, one pass serves many of them instead of each paying for a walk of the queue.
     */
    private void requestPass() {
        if (passRequested) {
            return;
        }
        passRequested = true;
        long wait = settings.minPassInterval().toNanos() - (System.nanoTime() - lastPassEndedNanos);
        if (wait <= 0) {
            context.getSelf().tell(RunPass.INSTANCE);
        } else {
            timers.startSingleTimer(RunPass.INSTANCE, java.time.Duration.ofNanos(wait));
        }
    }

    private Behavior<SchedulerCommand> onRunPass() {
        passRequested = false;
        if (view.queue().isEmpty()) { // preemption and placement only ever serve waiting jobs
            return Behaviors.same();
        }
        long started = System.nanoTime();
        try {
            pass();
        } finally {
            lastPassEndedNanos = System.nanoTime();
        }
        long millis = (lastPassEndedNanos - started) / 1_000_000;
        if (millis >= SLOW_PASS_MILLIS) {
            context.getLog().warn("Slow scheduling pass: {} ms with {} jobs pending on {} nodes", millis,
                    view.queue().size(), view.nodes().size());
        }
        return Behaviors.same();
    }

    private void pass() {
        long now = Instant.now().getEpochSecond();
        Plan plan = policy.plan(view.snapshot(now));
        if (plan.snapshotVersion() != view.version()) {
            throw new IllegalStateException("plan of version " + plan.snapshotVersion() + " at " + view.version());
        }
        lastPlan = plan;
        plan.preemptions().forEach(this::preempt);
        plan.resizes().forEach(this::resize);
        boolean refused = false;
        for (Placement placement : plan.placements()) {
            refused |= !place(placement, now);
        }
        if (refused) {
            requestPass(); // the plan was partly stale: plan again on the view as it is now
        }
    }

    private boolean place(Placement placement, long now) {
        TrackedJob job = view.job(placement.job());
        if (job == null) {
            return false;
        }
        int attempt = job.record.attempt() + 1;
        if (!view.reserve(placement, attempt, now)) {
            return false;
        }
        Map<NodeId, List<Integer>> allocation = Allocations.toLists(placement.allocation());
        askEntity(placement.job(), "schedule", attempt,
                replyTo -> new JobCommand.Schedule(attempt, allocation, Instant.now(), replyTo));
        return true;
    }

    private void preempt(Preemption preemption) {
        TrackedJob victim = view.job(preemption.victim());
        if (victim != null && victim.record.state().holdsGpus() && victim.record.state() != JobState.SUSPENDING) {
            int attempt = victim.record.attempt();
            askEntity(victim.id(), "suspend", attempt, replyTo -> new JobCommand.Suspend(attempt,
                    "preempted for " + preemption.beneficiary() + ": " + preemption.reason(), Instant.now(), replyTo));
        }
    }

    /**
     * A shrink frees GPUs for others: the job is checkpointed, stopped and requeued, and restarts
     * at the size the next pass gives it. Growth is left alone: restarting a running job only to
     * widen it is not worth the lost work until resizing in place exists.
     */
    private void resize(Resize resize) {
        if (resize.newGpuCount() < resize.oldGpuCount()) {
            TrackedJob job = view.job(resize.job());
            if (job != null && job.record.state().holdsGpus() && job.record.state() != JobState.SUSPENDING) {
                int attempt = job.record.attempt();
                askEntity(job.id(), "suspend", attempt, replyTo -> new JobCommand.Suspend(attempt,
                        "shrunk to " + resize.newGpuCount() + " GPUs: " + resize.reason(), Instant.now(), replyTo));
            }
        }
    }

    // ---- entity answers ------------------------------------------------------------------

    private void askEntity(JobId job, String command, int attempt,
                           Function<ActorRef<JobReply>, JobCommand> message) {
        context.ask(JobReply.class, entities.entity(job), settings.askTimeout(), message::apply,
                (reply, failure) -> new EntityAnswered(job, command, attempt, reply, failure));
    }

    private Behavior<SchedulerCommand> onEntityAnswered(EntityAnswered answer) {
        if (answer.failure() != null) {
            context.getLog().warn("Job {}: no answer to {} of attempt {} ({}); asking for its record",
                    answer.job(), answer.command(), answer.attempt(), answer.failure().toString());
            askEntity(answer.job(), "refresh", answer.attempt(), JobCommand.Get::new);
            return Behaviors.same();
        }
        if (answer.reply() instanceof JobReply.Accepted accepted) {
            if (answer.command().equals("refresh")) {
                refreshed(accepted.job(), answer.attempt());
                return Behaviors.same();
            }
            // The reply can overtake the entity's notification (that one goes through the singleton
            // proxy): follow the record now, so the agent's answer to the start finds it placed.
            onJobChanged(accepted.job());
            if (answer.command().equals("schedule") && placedAt(accepted.job(), answer.attempt())) {
                startOnAgents(accepted.job()); // a repeat (unchanged) was not started either if its answer was lost
            }
        } else {
            if (answer.command().equals("schedule")) { // refused (cancelled meanwhile) or unknown
                view.cancelReservation(answer.job(), answer.attempt());
                requestPass();
            }
            if (answer.reply() instanceof JobReply.Refused refused && refused.job() != null) {
                onJobChanged(refused.job()); // the refusal carries the record: a notification may have been lost
            }
            context.getLog().debug("Job {}: {} of attempt {} refused", answer.job(), answer.command(),
                    answer.attempt());
        }
        return Behaviors.same();
    }

    /** The record after a lost answer: if a placement never landed, its reservation goes. */
    private void refreshed(Job job, int attempt) {
        if (job.state() == JobState.PENDING && job.attempt() < attempt) {
            view.cancelReservation(job.id(), attempt);
        }
        onJobChanged(job);
        if (placedAt(job, attempt)) {
            startOnAgents(job); // the placement landed but its answer was lost: nobody told the agents yet
        }
    }

    private static boolean placedAt(Job job, int attempt) {
        return job.state() == JobState.SCHEDULED && job.attempt() == attempt;
    }

    private void startOnAgents(Job job) {
        for (NodeId nodeId : job.allocation().keySet()) {
            NodeEntry node = view.node(nodeId);
            if (node != null && node.agent() != null) {
                node.agent().tell(new AgentCommand.StartJob(job.id(), job.attempt(), job.spec(), job.allocation(),
                        agentInbox));
            }
        }
    }

    // ---- operators ---------------------------------------------------------------------

    private Behavior<SchedulerCommand> onChangeNode(ChangeNode change) {
        NodeEntry node = view.node(change.node());
        if (node == null || node.agent() == null) {
            change.replyTo().tell(new NodeAnswer(null));
            return Behaviors.same();
        }
        NodeStatus status = switch (change.action()) {
            case CORDON -> NodeStatus.CORDONED;
            case DRAIN -> NodeStatus.DRAINING;
            case UNCORDON -> NodeStatus.READY;
        };
        if (node.status() != NodeStatus.LOST) {
            view.setStatus(node.id(), status);
        }
        if (change.action() == NodeAction.DRAIN) {
            for (TrackedJob job : view.jobsOn(node.id())) {
                if (job.record.state().holdsGpus() && job.record.state() != JobState.SUSPENDING) {
                    int attempt = job.record.attempt();
                    askEntity(job.id(), "suspend", attempt, replyTo -> new JobCommand.Suspend(attempt,
                            "node " + node.id() + " is draining", Instant.now(), replyTo));
                }
            }
        }
        requestPass();
        change.replyTo().tell(new NodeAnswer(ViewQueries.summary(view, view.node(node.id()))));
        return Behaviors.same();
    }
}
