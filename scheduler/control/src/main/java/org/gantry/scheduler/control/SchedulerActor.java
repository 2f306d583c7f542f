package org.gantry.scheduler.control;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
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
import org.gantry.api.protocol.AgentEvent;
import org.gantry.api.protocol.AgentKeys;
import org.gantry.api.service.ClusterService.NodeAction;
import org.gantry.scheduler.control.SchedulerCommand.*;
import org.gantry.scheduler.control.job.JobCommand;
import org.gantry.scheduler.control.secret.SecretSeal;
import org.gantry.scheduler.control.job.JobReply;
import org.gantry.scheduler.control.usage.UsageRecorder;
import org.gantry.scheduler.policy.Placement;
import org.gantry.scheduler.policy.Plan;
import org.gantry.scheduler.policy.Policies;
import org.gantry.scheduler.policy.Preemption;
import org.gantry.scheduler.policy.Resize;
import org.gantry.scheduler.policy.SchedulingPolicy;
import org.gantry.scheduler.policy.state.DurationKnowledge;

/**
 * The scheduler: a cluster singleton and a thin shell around {@link ControlView} and the pure
 * policy. It rebuilds the view from the job records at start (stashing everything else until
 * then), follows every record the entities persist, leaves nodes and their agents to its
 * {@link AgentLiaison}, and after each batch of changes runs one pass — snapshot, plan, apply.
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
    /** Between two passes, this many times the last one's duration: planning takes at most 1/(1+this). */
    private static final long PASS_SPACING = 5;
    private final ActorContext<SchedulerCommand> context;
    private final SchedulerSettings settings;
    private final JobGateway entities;
    private final SchedulingPolicy policy;
    private final ControlView view;
    private final AgentLiaison agents;
    private final SubmitGate submitGate;
    private final ServingDirectory servingDirectory;
    private final ControlMetrics metrics;
    private final FiguresBoard figures;
    private final Instant recoveredAt;
    private final UsageRecorder usage;
    private TimerScheduler<SchedulerCommand> timers;
    private Plan lastPlan;
    private final StartForecasts forecasts = new StartForecasts();
    private boolean passRequested;
    private long lastPassEndedNanos;
    private long lastPassNanos;

    private SchedulerActor(ActorContext<SchedulerCommand> context, SchedulerSettings settings, JobGateway entities,
                           SubmitGate submitGate, ServingDirectory servingDirectory, ControlMetrics metrics,
                           FiguresBoard figures, UsageRecorder usage, SecretSeal seal, Recovered recovered) {
        this.context = context;
        this.metrics = metrics;
        this.figures = figures;
        this.usage = usage;
        this.settings = settings;
        this.entities = entities;
        this.submitGate = submitGate;
        this.servingDirectory = servingDirectory;
        this.policy = Policies.named(settings.policy(), settings.minRun().toSeconds());
        this.view = new ControlView(policy.order(), DurationKnowledge.forOrder(policy.order()), metrics);
        view.pendingCounts().cap(settings.maxPendingPerTenant());
        this.agents = new AgentLiaison(view, settings, context.getLog(),
                context.messageAdapter(AgentEvent.class, FromAgent::new), new AgentLiaison.Scheduling() {
                    @Override
                    public void askEntity(JobId job, String command, int attempt,
                                          Function<ActorRef<JobReply>, JobCommand> message) {
                        SchedulerActor.this.askEntity(job, command, attempt, message);
                    }

                    @Override
                    public void requestPass() {
                        SchedulerActor.this.requestPass();
                    }

                    @Override
                    public void nodeRegistered() {
                        publishSubmitRules(); // its pool may be new
                    }

                    @Override
                    public void checkNodesIn(NodeId node, java.time.Duration delay) {
                        var due = new SchedulerCommand.LeaseLapsed(node);
                        timers.startSingleTimer(due, due, delay);
                    }
                }, context.getSystem().address().getHost().orElse("127.0.0.1"), servingDirectory, metrics, seal,
                org.gantry.api.protocol.MemberRoles.of(context.getSystem()),
                org.gantry.api.protocol.identity.CommandSigner.of(context.getSystem().classicSystem()));
        this.recoveredAt = Instant.now();
        view.setTenants(recovered.tenants());
        recovered.jobs().forEach(job -> view.update(job, recoveredAt));
        publishSubmitRules();
        // Scheduling need not wait for the predictor's history: until it comes, estimates are its defaults.
        context.pipeToSelf(recovered.succeeded(), (succeeded, failure) -> {
            if (failure != null) {
                context.getLog().warn("Could not read finished jobs for the duration predictor", failure);
            }
            return new SucceededRead(failure == null ? succeeded : List.of());
        });
        context.getLog().info("Scheduler recovered {} live jobs ({} pending), {} tenants; policy {}",
                recovered.jobs().size(), view.queue().size(), recovered.tenants().size(), policy.name());
    }

    /**
     * @param submitGate where this node's submit path reads the rules this scheduler publishes
     * @param servingDirectory where this node's predict route reads the ready replicas it publishes
     * @param metrics    counts passes, starts, ends, preemptions, resizes, requeues, heartbeats, lost nodes
     * @param figures    where this node's metrics endpoint reads the view counted up, once a tick
     * @param usage      where the GPU time tenants hold is accrued and written
     * @param seal       opens a job's sealed secret values for the agents that start it, and only for them
     * @param recovery   reads the job records and tenants back; the scheduler answers nothing but
     *                   {@code GetReady} (false) until it completes
     */
    public static Behavior<SchedulerCommand> create(SchedulerSettings settings, JobGateway entities,
                                                    SubmitGate submitGate, ServingDirectory servingDirectory,
                                                    ControlMetrics metrics, FiguresBoard figures,
                                                    UsageRecorder usage, SecretSeal seal,
                                                    Supplier<CompletionStage<Recovered>> recovery) {
        return Behaviors.withStash(100_000, stash -> Behaviors.setup(context -> {
            context.pipeToSelf(recovery.get(), (recovered, failure) -> failure == null ? recovered
                    : new RecoveryFailed(failure));
            return recovering(context, stash, settings, entities, submitGate, servingDirectory, metrics, figures,
                    usage, seal);
        }));
    }

    private static Behavior<SchedulerCommand> recovering(ActorContext<SchedulerCommand> context,
                                                         StashBuffer<SchedulerCommand> stash,
                                                         SchedulerSettings settings, JobGateway entities,
                                                         SubmitGate submitGate,
                                                         ServingDirectory servingDirectory,
                                                         ControlMetrics metrics, FiguresBoard figures,
                                                         UsageRecorder usage, SecretSeal seal) {
        return Behaviors.receive(SchedulerCommand.class)
                .onMessage(Recovered.class, recovered -> Behaviors.withTimers(timers -> {
                    SchedulerActor scheduler = new SchedulerActor(context, settings, entities, submitGate,
                            servingDirectory, metrics, figures, usage, seal, recovered);
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
        publishFigures();
        usage.start(System.currentTimeMillis());
        accountUsage();
        timers.startTimerWithFixedDelay(FlushUsage.INSTANCE, usage.flushInterval());
        requestPass();
        return Behaviors.intercept(() -> new AfterEachMessage(this::accountUsage), active());
    }

    /**
     * GPU-hours accrue exactly when the meter sees every change of what tenants hold: usage moves
     * only while a message is handled, so it looks after each one (a map comparison when nothing moved).
     */
    private void accountUsage() {
        usage.observe(System.currentTimeMillis(), view.usage(), view.quotas());
    }

    private Behavior<SchedulerCommand> onFlushUsage() {
        usage.flush(System.currentTimeMillis()).whenComplete((done, failure) -> {
            if (failure != null) {
                context.getSystem().log().warn("Could not write GPU usage: {}", failure.toString());
            }
        });
        return Behaviors.same();
    }

    private Behavior<SchedulerCommand> onStopped() {
        try {
            usage.flush(System.currentTimeMillis()); // a clean stop keeps the last seconds too
        } catch (RuntimeException e) {
            context.getLog().warn("Could not write GPU usage at stop: {}", e.toString());
        }
        return forgetSubmitRules();
    }

    private Behavior<SchedulerCommand> active() {
        return Behaviors.receive(SchedulerCommand.class)
                .onMessage(JobChanged.class, changed -> onJobChanged(changed.job()))
                .onMessage(FromAgent.class, message -> {
                    agents.onEvent(message.event());
                    return Behaviors.same();
                })
                .onMessage(AgentsListed.class, listed -> {
                    agents.onListing(listed.agents());
                    return Behaviors.same();
                })
                .onMessage(SucceededRead.class, read -> {
                    view.learnFrom(read.succeeded());
                    context.getLog().info("Duration predictor learned from {} finished jobs", read.succeeded().size());
                    return Behaviors.same();
                })
                .onMessage(TenantsChanged.class, changed -> {
                    view.setTenants(changed.tenants());
                    publishSubmitRules();
                    requestPass();
                    return Behaviors.same();
                })
                .onMessageEquals(RunPass.INSTANCE, this::onRunPass)
                .onMessageEquals(Tick.INSTANCE, this::onTick)
                .onMessage(SchedulerCommand.LeaseLapsed.class, lapsed -> {
                    agents.checkNodes(Instant.now(), recoveredAt);
                    return Behaviors.same();
                })
                .onMessageEquals(FlushUsage.INSTANCE, this::onFlushUsage)
                .onMessage(EntityAnswered.class, this::onEntityAnswered)
                .onMessage(ChangeNode.class, this::onChangeNode)
                .onMessage(GetReady.class, ask -> reply(ask.replyTo(), true))
                .onMessage(GetQueue.class, ask -> reply(ask.replyTo(),
                        new QueueAnswer(ViewQueries.queue(view, lastPlan, forecasts, ask.tenant(), ask.query()))))
                .onMessage(Explain.class, ask -> reply(ask.replyTo(),
                        new ExplainAnswer(ViewQueries.explain(view, lastPlan, forecasts, ask.job()))))
                .onMessage(ForecastDone.class, done -> {
                    forecasts.done(done.estimates(), System.currentTimeMillis());
                    return Behaviors.same();
                })
                .onMessage(Preview.class, ask -> reply(ask.replyTo(), new PreviewAnswer(SubmitPreviews.of(view,
                        ask.spec(), ask.spec().tenant(), policy, Instant.now().getEpochSecond()))))
                .onMessage(GetNodes.class, ask -> reply(ask.replyTo(), new NodesAnswer(ViewQueries.nodes(view, ask.viewer()))))
                .onMessage(GetPools.class, ask -> reply(ask.replyTo(),
                        new PoolsAnswer(ViewQueries.pools(view), ViewQueries.knownPools(view))))
                .onMessage(GetDemand.class, ask -> reply(ask.replyTo(),
                        new DemandAnswer(ViewQueries.demand(view, ask.pool(), ask.nodes(), ask.gpusPerNode()))))
                .onMessage(GetStanding.class, ask -> reply(ask.replyTo(), ViewQueries.standing(view, ask.tenant())))
                .onMessage(CheckSubmit.class, ask -> {
                    SubmitRules rules = ViewQueries.submitRules(view);
                    return reply(ask.replyTo(), new SubmitCheck(rules.problem(ask.tenant(), ask.pool()),
                            rules.pendingProblem(ask.tenant())));
                })
                .onMessage(LocateAgent.class, ask -> {
                    NodeEntry node = view.node(ask.node());
                    boolean reachable = node != null && node.status() != NodeStatus.LOST;
                    return reply(ask.replyTo(), new AgentLocation(reachable ? node.agent() : null));
                })
                .onSignal(PostStop.class, stopped -> onStopped())
                .onSignal(PreRestart.class, restarting -> forgetSubmitRules())
                .build();
    }

    private static <T> Behavior<SchedulerCommand> reply(ActorRef<T> to, T answer) {
        to.tell(answer);
        return Behaviors.same();
    }

    private void publishSubmitRules() {
        submitGate.publish(ViewQueries.submitRules(view));
    }

    /**
     * Counts the view up for the metrics endpoint: once a tick (and at start), not per scrape, so
     * a walk over every live job costs the scheduler at most one walk per tick however often it is scraped.
     */
    private void publishFigures() {
        figures.publish(ViewFigures.of(view, System.currentTimeMillis()));
    }

    private Behavior<SchedulerCommand> forgetSubmitRules() {
        submitGate.clear();
        servingDirectory.clear();
        figures.clear();
        return Behaviors.same();
    }

    // ---- following the records -------------------------------------------------------

    private Behavior<SchedulerCommand> onJobChanged(Job job) {
        view.update(job, Instant.now());
        if (view.pendingCounts().takeCapCrossed()) {
            publishSubmitRules(); // a tenant reached its cap on waiting jobs, or left it
        }
        boolean mustStop = job.state().holdsGpus() && (job.cancelRequested() || job.state() == JobState.SUSPENDING);
        if (mustStop) {
            String why = job.cancelRequested() ? "cancelled" : String.valueOf(job.reason());
            agents.stopOnce(job.id(), job.attempt(), job.allocation().keySet(), why);
        }
        requestPass();
        return Behaviors.same();
    }

    // ---- timers ------------------------------------------------------------------------

    private Behavior<SchedulerCommand> onTick() {
        agents.checkNodes(Instant.now(), recoveredAt);
        if (figures.wanted(System.currentTimeMillis())) {
            publishFigures();
        }
        forecastStarts();
        requestPass();
        return Behaviors.same();
    }

    /** Runs the queue forward in the background now and then, for start estimates (never inside a pass). */
    private void forecastStarts() {
        long nowMillis = System.currentTimeMillis();
        if (!forecasts.due(nowMillis, !view.queue().isEmpty())) {
            return;
        }
        long nowSeconds = nowMillis / 1000;
        context.pipeToSelf(forecasts.start(view.snapshot(nowSeconds), view.recentArrivals(nowSeconds), policy,
                        nowMillis),
                (estimates, failure) -> {
                    if (failure != null) {
                        context.getLog().warn("Start forecast failed; estimates stay as they were", failure);
                    }
                    return new ForecastDone(estimates == null ? java.util.Map.of() : estimates);
                });
    }

    // ---- the pass ----------------------------------------------------------------------

    /**
     * Asks for a pass after the changes already queued (a message to self goes behind them, so
     * they batch up). An idle scheduler plans at once; a busy one waits {@value #PASS_SPACING}
     * times as long as its last pass took (at most {@code min-pass-interval}) since that pass
     * ended, so planning takes at most a sixth of its time and a stream of changes is planned
     * in batches, the larger the slower the passes.
     */
    private void requestPass() {
        if (passRequested) {
            return;
        }
        passRequested = true;
        long spacing = Math.min(settings.minPassInterval().toNanos(), lastPassNanos * PASS_SPACING);
        long wait = spacing - (System.nanoTime() - lastPassEndedNanos);
        if (wait <= 0) {
            context.getSelf().tell(RunPass.INSTANCE);
        } else {
            timers.startSingleTimer(RunPass.INSTANCE, java.time.Duration.ofNanos(wait));
        }
    }

    private Behavior<SchedulerCommand> onRunPass() {
        passRequested = false;
        if (view.queue().isEmpty() && !view.mayGrow()) { // only waiting jobs and growth need a plan
            return Behaviors.same();
        }
        long started = System.nanoTime();
        try {
            pass();
        } finally {
            lastPassEndedNanos = System.nanoTime();
            lastPassNanos = lastPassEndedNanos - started;
            metrics.passCompleted(lastPassNanos);
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
        view.requireCurrent(plan);
        lastPlan = plan;
        plan.preemptions().forEach(this::preempt);
        plan.resizes().forEach(resize -> resize(resize, now));
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
            metrics.preempted(preemption.code());
            askEntity(victim.id(), "suspend", attempt, replyTo -> new JobCommand.Suspend(attempt,
                    "preempted for " + preemption.beneficiary() + ": " + preemption.reason(), Instant.now(), replyTo));
        }
    }

    /**
     * An elastic job's resize: checkpoint, stop, and restart at the new width on the GPUs the plan
     * chose, as its next attempt, without going back to the queue. The view books the GPUs it
     * gains at once (a shrink's stay booked until the old attempt is gone); the entity places the
     * next attempt when the agent reports the stop, and {@link #onEntityAnswered} starts it.
     * Growth waits {@code elastic-regrow-after} since the job's last resize, so a job that was just
     * shrunk for a waiting job does not grow back the moment that job leaves the queue, and back.
     */
    private void resize(Resize resize, long now) {
        TrackedJob job = view.job(resize.job());
        if (job == null) {
            return;
        }
        boolean grows = resize.newGpuCount() > resize.oldGpuCount();
        if (grows && job.lastResizedAt > 0 && now - job.lastResizedAt < settings.elasticRegrowAfter().toSeconds()) {
            return;
        }
        if (!view.reserveResize(resize)) {
            return; // stale: the next pass plans on the view as it is (no pass asked for here: no loop)
        }
        job.lastResizedAt = now;
        metrics.resized(grows ? ControlMetrics.RESIZE_GROW : ControlMetrics.RESIZE_SHRINK);
        int attempt = job.record.attempt();
        Map<NodeId, List<Integer>> to = Allocations.toLists(resize.to());
        askEntity(job.id(), "resize", attempt,
                replyTo -> new JobCommand.Resize(attempt, to, resize.reason(), Instant.now(), replyTo));
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
            // After a lost resize answer, the record tells whether the GPUs it booked are still wanted.
            String refresh = answer.command().equals("resize") ? "refresh-resize" : "refresh";
            askEntity(answer.job(), refresh, answer.attempt(), JobCommand.Get::new);
            return Behaviors.same();
        }
        if (answer.reply() instanceof JobReply.Accepted accepted) {
            if (answer.command().startsWith("refresh")) {
                if (answer.command().equals("refresh-resize") && !resizing(accepted.job(), answer.attempt())) {
                    view.dropResize(answer.job(), answer.attempt());
                    requestPass();
                }
                refreshed(accepted.job(), answer.attempt());
                return Behaviors.same();
            }
            // The reply can overtake the entity's notification (that one goes through the singleton
            // proxy): follow the record now, so the agent's answer to the start finds it placed.
            // The notification stays, as the reply is lost if this incarnation stops meanwhile.
            onJobChanged(accepted.job());
            if (answer.command().equals("schedule") && placedAt(accepted.job(), answer.attempt())) {
                agents.startOnAgents(accepted.job()); // a repeat (unchanged) was not started either if its answer was lost
            }
            if (answer.command().equals("exit") && placedAt(accepted.job(), answer.attempt() + 1)) {
                agents.startOnAgents(accepted.job()); // the stop of a resize is over: its next attempt starts
            }
        } else {
            if (answer.command().equals("schedule")) { // refused (cancelled meanwhile) or unknown
                view.cancelReservation(answer.job(), answer.attempt());
                requestPass();
            }
            if (answer.command().equals("resize")) { // refused (stopping or ended meanwhile) or unknown
                view.dropResize(answer.job(), answer.attempt());
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
        if (placedAt(job, attempt) || placedAt(job, attempt + 1)) {
            // The placement (or the restart after a resize) landed but its answer was lost: nobody told the agents yet.
            agents.startOnAgents(job);
        }
    }

    /** Whether the record shows attempt {@code attempt} stopping for a resize. */
    private static boolean resizing(Job job, int attempt) {
        return job.attempt() == attempt && job.state() == JobState.SUSPENDING && !job.resizeTo().isEmpty();
    }

    private static boolean placedAt(Job job, int attempt) {
        return job.state() == JobState.SCHEDULED && job.attempt() == attempt;
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
        for (TrackedJob job : view.jobsOn(node.id())) {
            // A drain stops every job; a cordon only those being resized, which would otherwise
            // restart on the node: a plain suspension requeues them instead.
            boolean resizing = job.resizeTarget != null || !job.record.resizeTo().isEmpty();
            boolean stop = change.action() == NodeAction.DRAIN
                    ? job.record.state().holdsGpus() && (job.record.state() != JobState.SUSPENDING || resizing)
                    : change.action() == NodeAction.CORDON && resizing;
            if (stop) {
                int attempt = job.record.attempt();
                if (change.action() == NodeAction.DRAIN) {
                    metrics.requeued(ControlMetrics.REQUEUE_NODE_DRAINED);
                }
                String why = "node " + node.id() + (change.action() == NodeAction.DRAIN ? " is draining" : " is cordoned");
                askEntity(job.id(), "suspend", attempt, replyTo -> new JobCommand.Suspend(attempt, why, Instant.now(),
                        replyTo));
            }
        }
        requestPass();
        change.replyTo().tell(new NodeAnswer(ViewQueries.summary(view, view.node(node.id()))));
        return Behaviors.same();
    }
}
