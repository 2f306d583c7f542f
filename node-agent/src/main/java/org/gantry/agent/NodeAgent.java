package org.gantry.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.gantry.agent.AgentInternal.Published;
import org.gantry.agent.objects.Artifacts;
import org.gantry.agent.objects.ObjectTransfer;
import org.gantry.agent.output.OutputWatch;
import org.gantry.api.job.DjlServeWorkload;
import org.gantry.api.job.DjlTrainWorkload;
import org.gantry.api.job.Workload;
import org.gantry.api.protocol.AgentCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.gantry.agent.AgentInternal.GraceOver;
import org.gantry.agent.AgentInternal.Heartbeat;
import org.gantry.agent.AgentInternal.ReadyCheck;
import org.gantry.agent.AgentInternal.RestartDue;
import org.gantry.agent.AgentInternal.Restored;
import org.gantry.agent.AgentInternal.ShipDue;
import org.gantry.agent.AgentInternal.Shipped;
import org.gantry.agent.AgentInternal.TimeLimitReached;
import org.gantry.agent.AgentInternal.WorkloadEnded;
import org.gantry.agent.gpu.GpuInventory;
import org.gantry.agent.log.LogReader;
import org.gantry.agent.objects.Checkpoints;
import org.gantry.agent.run.Allocations;
import org.gantry.agent.run.DjlServeRunner;
import org.gantry.agent.run.Execution;
import org.gantry.agent.run.Launch;
import org.gantry.agent.run.LaunchFailure;
import org.gantry.agent.run.Runners;
import org.gantry.agent.isolation.ResourceLimits;
import org.gantry.agent.run.WorkDirs;
import org.gantry.api.cluster.NodeInfo;
import org.gantry.api.cluster.NodeIsolation;
import org.gantry.api.cluster.NodeStatus;
import org.gantry.api.job.JobResources;
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.job.TrainingProgress;
import org.gantry.api.protocol.AgentCommand;
import org.gantry.api.protocol.AgentCommand.Describe;
import org.gantry.api.protocol.AgentCommand.ReadLog;
import org.gantry.api.protocol.AgentCommand.NameTaken;
import org.gantry.api.protocol.AgentCommand.RenewLease;
import org.gantry.agent.AgentInternal.LeaseCheck;
import org.gantry.agent.run.LeaseFile;
import org.gantry.api.protocol.AgentCommand.StartJob;
import org.gantry.api.protocol.AgentCommand.StopJob;
import org.gantry.api.protocol.AgentEvent;
import org.gantry.api.protocol.AgentEvent.AgentReport;
import org.gantry.api.protocol.AgentEvent.WorkloadExited;
import org.gantry.api.protocol.AgentEvent.WorkloadStarted;
import org.gantry.api.protocol.AgentKeys;
import org.gantry.api.protocol.MemberRoles;
import org.gantry.api.protocol.identity.CommandSignature;
import org.gantry.api.protocol.identity.CommandVerifier;
import org.gantry.api.protocol.ExitCause;
import org.gantry.api.protocol.RunningWorkload;

/**
 * The node agent: starts, stops and watches the workloads the control plane assigns to this
 * node, and reports what it runs. A thin actor over plain objects ({@link Runners},
 * {@link ExitHistory}, {@link LogReader}); the actor is what serialises access to them.
 *
 * <p>Inside, the actor takes {@code Object}: the public {@link AgentCommand} plus its own
 * {@link AgentInternal} messages. {@link #create} narrows it, so others can send only commands.
 *
 * <p>What it runs lives in an {@link AgentMemory}. An agent with a memory of its own kills its
 * workloads when it stops; one given a memory that outlives it leaves them running for the next
 * incarnation, which adopts them when it starts.
 */
public final class NodeAgent {
    /** How far back heartbeats repeat exits. */
    private static final java.time.Duration HEARTBEAT_EXITS = java.time.Duration.ofMinutes(2);
    /** How often a restarted replica process's output is read for its ready lines, and for how long at most. */
    private static final Duration READY_CHECK = Duration.ofMillis(200);
    private static final Duration READY_CHECK_FOR = Duration.ofMinutes(2);
    /** Why an attempt stopped when the node's lease lapsed. */
    private static final String LEASE_LAPSED = "the node lost contact with the control plane (its lease lapsed)";
    private final AgentSettings settings;
    private final Runners runners;
    private final WorkDirs dirs;
    private final ActorContext<Object> context;
    private final TimerScheduler<Object> timers;
    private final ActorRef<AgentCommand> self;
    private final AgentMemory memory;
    /** The memory's, under short names. */
    private final Map<AttemptKey, RunningAttempt> running;
    private final ExitHistory history;
    /** Whether the workloads outlive this actor: true when the memory was handed in. */
    private final boolean leaveRunning;
    /** The control plane that last asked to be told: heartbeats go there. */
    private ActorRef<AgentEvent> reportTo;
    /** Where checkpoint directories go between attempts. */
    private final Checkpoints checkpoints;
    /** Where trained models go, and served ones come from. */
    private final Artifacts artifacts;
    private final SecureRandom tokens = new SecureRandom();
    /** Who may command this agent: control-plane members only. */
    private final MemberRoles members;
    /** With cluster TLS: whether a command that makes this agent act was signed for it, lately, by a control plane. */
    private final CommandVerifier signatures;
    /** Attempts whose checkpoint is being restored before they start; reported as running. */
    private final Map<AttemptKey, Restoring> restoring = new HashMap<>();

    /** A start waiting for its restore: the attempt counts as running (starting) meanwhile. */
    private record Restoring(StartJob start, List<Integer> gpus, Instant since) {}

    private NodeAgent(AgentSettings settings, Runners runners, AgentMemory memory, boolean leaveRunning,
                      Checkpoints.Factory checkpoints, Artifacts.Factory artifacts, ActorContext<Object> context,
                      TimerScheduler<Object> timers) {
        this.settings = settings;
        this.runners = runners;
        this.memory = memory;
        this.running = memory.running;
        this.history = memory.history;
        this.leaveRunning = leaveRunning;
        this.dirs = new WorkDirs(settings.workDir(), runners.isolation().jobsRoot(settings.workDir()));
        this.context = context;
        this.timers = timers;
        this.self = context.getSelf().narrow();
        this.checkpoints = checkpoints.create(context.getSystem(), dirs.root().resolve("outbox"));
        this.artifacts = artifacts.create(context.getSystem(), dirs.root().resolve("outbox"));
        this.members = MemberRoles.of(context.getSystem());
        this.signatures = CommandVerifier.of(context.getSystem().classicSystem(), settings.node().value());
    }

    public static Behavior<AgentCommand> create(AgentSettings settings) {
        return create(settings, Runners.standard());
    }

    /**
     * With other runners: for tests, or an agent that runs more kinds of workload. A message
     * that makes a handler throw (a malformed command from the wire, say) is dropped and the
     * agent resumes: stopping would kill every workload here, restarting would forget them.
     */
    public static Behavior<AgentCommand> create(AgentSettings settings, Runners runners) {
        return create(settings, runners, new AgentMemory(), false, LOCAL_CHECKPOINTS, LOCAL_ARTIFACTS);
    }

    /**
     * An incarnation of the agent of a JVM that outlives its actor systems: it adopts whatever
     * {@code memory} holds from the previous incarnation, and leaves its workloads running when
     * it stops (the JVM's own end still kills processes, through the watchdog). Give each
     * incarnation the same memory, and start one only after the previous one's system has
     * terminated.
     */
    public static Behavior<AgentCommand> create(AgentSettings settings, Runners runners, AgentMemory memory) {
        return create(settings, runners, memory, true, LOCAL_CHECKPOINTS, LOCAL_ARTIFACTS);
    }

    /**
     * As {@link #create(AgentSettings, Runners, AgentMemory)}, with checkpoints and models that
     * leave the node: {@code Checkpoints::overCluster} ships checkpoints to the control plane's
     * object store, so the next attempt of a job resumes from its newest checkpoint on whichever
     * node it lands; {@code Artifacts::overCluster} keeps trained models there and brings served
     * ones to this node.
     */
    public static Behavior<AgentCommand> create(AgentSettings settings, Runners runners, AgentMemory memory,
                                                Checkpoints.Factory checkpoints, Artifacts.Factory artifacts) {
        return create(settings, runners, memory, true, checkpoints, artifacts);
    }

    /** As {@link #create(AgentSettings, Runners)}, with checkpoints and models that leave the node (see above). */
    public static Behavior<AgentCommand> create(AgentSettings settings, Runners runners,
                                                Checkpoints.Factory checkpoints, Artifacts.Factory artifacts) {
        return create(settings, runners, new AgentMemory(), false, checkpoints, artifacts);
    }

    private static final Checkpoints.Factory LOCAL_CHECKPOINTS = (system, scratch) -> Checkpoints.LOCAL;
    private static final Artifacts.Factory LOCAL_ARTIFACTS = (system, scratch) -> Artifacts.LOCAL;

    private static Behavior<AgentCommand> create(AgentSettings settings, Runners runners, AgentMemory memory,
                                                 boolean leaveRunning, Checkpoints.Factory checkpoints,
                                                 Artifacts.Factory artifacts) {
        Behavior<Object> agent = Behaviors.setup(context -> Behaviors.withTimers(timers ->
                new NodeAgent(settings, runners, memory, leaveRunning, checkpoints, artifacts, context, timers)
                        .start()));
        return Behaviors.supervise(agent).onFailure(Exception.class, SupervisorStrategy.resume()).narrow();
    }

    private Behavior<Object> start() {
        context.getSystem().receptionist().tell(Receptionist.register(AgentKeys.AGENTS, self));
        timers.startTimerWithFixedDelay(Heartbeat.TICK, Heartbeat.TICK, settings.heartbeatInterval());
        context.getLog().info("node agent {} up: {} GPUs, work dir {}", settings.node(),
                settings.gpus().devices().size(), settings.workDir());
        prepareWorkDir();
        adopt();
        return Behaviors.receive(Object.class)
                .onMessage(Describe.class, describe -> fromControl(describe, describe.control())
                        ? onDescribe(describe) : Behaviors.same())
                .onMessage(NameTaken.class, taken -> fromControl(taken, taken.control())
                        && signed(taken, "node " + taken.node(), taken.signature())
                        ? onNameTaken(taken) : Behaviors.same())
                .onMessage(StartJob.class, start -> fromControl(start, start.control())
                        && signed(start, "job " + start.job(), start.signature()) ? onStart(start) : Behaviors.same())
                .onMessage(StopJob.class, stop -> fromControl(stop, stop.control())
                        && signed(stop, "job " + stop.job(), stop.signature()) ? onStop(stop) : Behaviors.same())
                .onMessage(ReadLog.class, read -> fromControl(read, read.replyTo())
                        ? onReadLog(read) : Behaviors.same())
                .onMessage(RenewLease.class, renewal -> fromControl(renewal, renewal.control())
                        && signed(renewal, "node " + renewal.node(), renewal.signature())
                        ? onRenewLease(renewal) : Behaviors.same())
                .onMessageEquals(LeaseCheck.DUE, this::onLeaseCheck)
                .onMessage(Heartbeat.class, tick -> onHeartbeat())
                .onMessage(WorkloadEnded.class, this::onEnded)
                .onMessage(GraceOver.class, this::onGraceOver)
                .onMessage(TimeLimitReached.class, this::onTimeLimit)
                .onMessage(Restored.class, this::onRestored)
                .onMessage(ShipDue.class, this::onShipDue)
                .onMessage(Shipped.class, this::onShipped)
                .onMessage(Published.class, this::onPublished)
                .onMessage(RestartDue.class, this::onRestartDue)
                .onMessage(ReadyCheck.class, this::onReadyCheck)
                .onSignal(PostStop.class, signal -> onPostStop())
                .build();
    }

    /**
     * The control plane refused this agent: another live agent holds its name. Taking over that
     * node's jobs would be worse than not serving, so this agent's actor system ends, and the
     * process with it (see {@link AgentMemory#refusal}).
     */
    private Behavior<Object> onNameTaken(NameTaken refused) {
        context.getLog().error("The control plane refused this agent: {}", refused.reason());
        memory.refuse(refused.reason());
        context.getSystem().terminate();
        return Behaviors.stopped();
    }

    /**
     * Commands are taken only from control-plane members: anything else that reached the
     * cluster port (another agent, say) must not start processes here or read job logs. The
     * refusal is logged by kind and sender, never with the command, which may carry secrets.
     */
    private boolean fromControl(AgentCommand command, ActorRef<?> sender) {
        if (members.sentBy(sender, MemberRoles.CONTROL)) {
            return true;
        }
        context.getLog().warn("node agent {} refused a {} from {}: not a member with the '{}' role", settings.node(),
                command.getClass().getSimpleName(), MemberRoles.describe(sender), MemberRoles.CONTROL);
        return false;
    }

    /**
     * With cluster TLS, a start, stop or name refusal counts only when a control plane signed it for this node
     * lately ({@link CommandVerifier}): any member may name the control plane's actor as sender.
     * Refusals are logged with why, never with the command.
     */
    private boolean signed(AgentCommand command, String about, CommandSignature signature) {
        Optional<String> refusal = signatures.refusal(command, signature);
        refusal.ifPresent(why -> context.getLog().warn("node agent {} refused a {} for {}: {}", settings.node(),
                command.getClass().getSimpleName(), about, why));
        return refusal.isEmpty();
    }

    /** Private work dir; and a loud word when jobs run unconfined, which the node's reports repeat. */
    private void prepareWorkDir() {
        try {
            runners.isolation().prepareWorkDir(settings.workDir());
        } catch (IOException e) {
            context.getLog().warn("cannot make work dir {} private: {}", settings.workDir(), e.getMessage());
        }
        if (!memory.lease.everHeld()) {
            try {
                LeaseFile.clear(dirs.lease()); // an earlier agent's, long lapsed: it would fence what this one starts
            } catch (IOException e) {
                context.getLog().warn("cannot remove the old lease file {}: {}", dirs.lease(), e.getMessage());
            }
        }
        NodeIsolation isolation = runners.isolation().describe();
        if (isolation.isolated()) {
            context.getLog().info("node agent {}: {}", settings.node(), isolation.detail());
        } else {
            context.getLog().warn("node agent {}: JOBS ARE NOT ISOLATED: {}", settings.node(), isolation.detail());
        }
    }

    /** A (new) control plane learns everything this agent still remembers: it may have missed much. */
    private Behavior<Object> onDescribe(Describe describe) {
        reportTo = describe.control();
        reportTo.tell(report(history.recent()));
        return Behaviors.same();
    }

    /** Heartbeats repeat only the last minutes of exits: enough to heal a lost message, and small. */
    private Behavior<Object> onHeartbeat() {
        Instant now = Instant.now();
        history.prune(now);
        if (reportTo != null) {
            reportTo.tell(report(history.since(now.minus(HEARTBEAT_EXITS))));
        }
        return Behaviors.same();
    }

    /** The control plane heard a report: the lease runs on, and the watchdogs learn its new end. */
    private Behavior<Object> onRenewLease(RenewLease renewal) {
        if (!settings.node().equals(renewal.node())) {
            context.getLog().warn("node agent {} ignored a lease renewal for node {}", settings.node(), renewal.node());
            return Behaviors.same();
        }
        long now = System.nanoTime();
        boolean wasLapsed = memory.lease.lapsed(now);
        Duration gap = Duration.ofMillis(memory.lease.sinceLastRenewal(now).toMillis());
        if (!memory.lease.renewed(renewal.reportedAt(), renewal.lease(), renewal.grace(), now)) {
            return Behaviors.same();
        }
        try {
            LeaseFile.write(dirs.lease(), memory.lease.remaining(now), memory.lease.grace());
        } catch (IOException e) {
            // The watchdogs keep the lapse they read last: they would stop workloads early, never late.
            context.getLog().warn("node agent {} cannot write its lease file {}: {}", settings.node(), dirs.lease(),
                    e.getMessage());
        }
        armLeaseCheck(now);
        if (wasLapsed) {
            context.getLog().info("node agent {}: the control plane renewed its lease after {} without; work may "
                    + "start here again", settings.node(), RunningAttempt.text(gap));
        } else if (gap.compareTo(settings.heartbeatInterval().multipliedBy(3)) > 0) {
            // The control plane was out of reach (restarting, say), but back within the lease: nothing stopped.
            context.getLog().info("node agent {}: lease renewed after {} without a renewal, within its lease of {}",
                    settings.node(), RunningAttempt.text(gap), RunningAttempt.text(renewal.lease()));
        }
        return Behaviors.same();
    }

    private void armLeaseCheck(long nowNanos) {
        if (memory.lease.everHeld()) {
            timers.startSingleTimer(LeaseCheck.DUE, LeaseCheck.DUE, memory.lease.remaining(nowNanos));
        }
    }

    /**
     * The lease lapsed: the control plane will soon count this node lost and run its jobs
     * elsewhere, so they stop here first, with the lease's grace to write a checkpoint (shorter
     * than a stop under way would give). Attempts still restoring never start.
     */
    private Behavior<Object> onLeaseCheck() {
        long now = System.nanoTime();
        if (!memory.lease.lapsed(now)) {
            armLeaseCheck(now); // renewed meanwhile
            return Behaviors.same();
        }
        if (running.isEmpty() && restoring.isEmpty()) {
            return Behaviors.same();
        }
        Duration grace = memory.lease.grace();
        context.getLog().warn("node agent {}: its lease lapsed, no word from the control plane; stopping {} "
                + "attempts, with {} to write a checkpoint, so that they can run elsewhere", settings.node(),
                running.size() + restoring.size(), RunningAttempt.text(grace));
        for (Map.Entry<AttemptKey, Restoring> waiting : List.copyOf(restoring.entrySet())) {
            restoring.remove(waiting.getKey());
            settle(waiting.getKey(), -1, ExitCause.LEASE_LAPSED, LEASE_LAPSED + ", before it started",
                    waiting.getValue().start().control());
        }
        Instant wallNow = Instant.now();
        for (RunningAttempt attempt : List.copyOf(running.values())) {
            Duration graceLeft = attempt.graceLeft(wallNow);
            if (!attempt.stopping()) {
                beginStop(attempt, ExitCause.LEASE_LAPSED, LEASE_LAPSED, grace);
            } else if (graceLeft != null && graceLeft.compareTo(grace) > 0) {
                GraceOver over = new GraceOver(attempt.key); // a stop under way must not outlast the lease's grace
                timers.startSingleTimer(over, over, grace);
            }
        }
        return Behaviors.same();
    }

    private Behavior<Object> onStart(StartJob start) {
        AttemptKey key = new AttemptKey(start.job(), start.attempt());
        if (reportTo == null) {
            // Until some control plane describes us, report to the one that gives us work.
            reportTo = start.control();
        }
        RunningAttempt known = running.get(key);
        if (known != null) {
            known.claimIfUnclaimed(start.control());
            return Behaviors.same();
        }
        Optional<ExitHistory.Ended> ended = history.find(key);
        if (ended.isPresent()) {
            tellExit(ended.get().exit(), start.control());
            return Behaviors.same();
        }
        if (restoring.containsKey(key)) {
            return Behaviors.same();
        }
        if (memory.lease.lapsed(System.nanoTime())) {
            // The control plane will count this node lost and run the job elsewhere: it must not start here too.
            settle(key, -1, ExitCause.LEASE_LAPSED, "not started: node " + settings.node() + " had lost contact "
                    + "with the control plane (its lease had lapsed)", start.control());
            return Behaviors.same();
        }
        if (!restoresCheckpoint(start) && !(start.spec().workload() instanceof DjlServeWorkload)
                && uploadedDataset(start) == null) {
            launch(key, start);
            return Behaviors.same();
        }
        List<Integer> ownGpus;
        try {
            ownGpus = Allocations.ownGpus(settings.node(), start.allocation(), settings.gpus().devices());
        } catch (LaunchFailure | RuntimeException e) {
            launch(key, start); // fails the launch, saying why
            return Behaviors.same();
        }
        // The newest checkpoint, from whichever node shipped it, a served model and a trainer's
        // uploaded dataset are in place before the process starts.
        restoring.put(key, new Restoring(start, ownGpus, Instant.now()));
        CompletionStage<Optional<ObjectTransfer.Fetched>> restored = restoresCheckpoint(start)
                ? checkpoints.restoreLatest(start.job(), dirs.checkpoints(start.job()),
                        context.getSystem().dispatchers().lookup(DispatcherSelector.blocking()))
                : CompletableFuture.completedFuture(Optional.empty());
        if (start.spec().workload() instanceof DjlServeWorkload serve) {
            restored = restored.thenCompose(fetched -> fetchServedModel(start, serve).thenApply(version -> fetched));
        }
        String dataset = uploadedDataset(start);
        if (dataset != null) {
            restored = restored.thenCompose(fetched -> artifacts.fetchDataset(start.spec().tenant(), dataset, start.job(),
                    dirs.dataset(start.job(), start.attempt())).thenApply(bytes -> fetched));
        }
        context.pipeToSelf(restored, (fetched, failure) -> new Restored(key, fetched, failure));
        return Behaviors.same();
    }

    /** The uploaded dataset a {@code djl-train} attempt trains on, or null (none, or a file on the node). */
    private static String uploadedDataset(StartJob start) {
        return start.spec().workload() instanceof DjlTrainWorkload train ? train.dataset() : null;
    }

    /**
     * The model version a serving attempt serves, into its run directory, with the token its
     * replicas will demand (an owner-only file the runner hands them through the environment).
     */
    private CompletionStage<Integer> fetchServedModel(StartJob start, DjlServeWorkload serve) {
        Path model = dirs.servedModel(start.job(), start.attempt());
        return artifacts.fetchModel(start.spec().tenant(), serve.model(), serve.version(), model)
                .thenApplyAsync(version -> {
                    try {
                        Files.writeString(dirs.servedModelVersion(start.job(), start.attempt()), version.toString());
                        byte[] secret = new byte[24];
                        tokens.nextBytes(secret);
                        Path token = dirs.servingToken(start.job(), start.attempt());
                        Files.deleteIfExists(token);
                        Files.createFile(token, PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rw-------")));
                        Files.writeString(token, HexFormat.of().formatHex(secret));
                        return version;
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot keep the served model's version and token: "
                                + e.getMessage(), e);
                    }
                }, context.getSystem().dispatchers().lookup(DispatcherSelector.blocking()));
    }

    private Behavior<Object> onRestored(Restored restored) {
        Restoring waiting = restoring.remove(restored.key());
        if (waiting == null) {
            return Behaviors.same(); // stopped while its checkpoint came
        }
        if (restored.failure() != null) {
            // Starting from nothing would silently throw away the work the checkpoint holds.
            settle(restored.key(), -1, ExitCause.LAUNCH_FAILED, "could not prepare the attempt (its checkpoint, "
                    + "the model it serves or the dataset it trains on): " + rootMessage(restored.failure()), waiting.start().control());
            return Behaviors.same();
        }
        restored.fetched().ifPresent(fetched -> context.getLog().info("attempt {} resumes from checkpoint step {}: "
                + "{} files, {} bytes", restored.key(), fetched.step(), fetched.files(), fetched.bytes()));
        launch(restored.key(), waiting.start());
        return Behaviors.same();
    }

    private void launch(AttemptKey key, StartJob start) {
        Execution execution;
        List<Integer> gpus;
        Launch launch;
        try {
            gpus = Allocations.ownGpus(settings.node(), start.allocation(), settings.gpus().devices());
            launch = new Launch(start.job(), start.attempt(), settings.node(), gpus, start.allocation(),
                    start.rendezvous(), dirs, settings.killGrace(), start.spec().tenant(),
                    limits(start.spec().resources()));
            execution = runners.launch(launch, start.spec().workload());
        } catch (LaunchFailure | RuntimeException e) {
            // A workload that cannot start must not take the agent down with it.
            context.getLog().info("attempt {} could not start: {}", key, e.getMessage());
            settle(key, -1, ExitCause.LAUNCH_FAILED, String.valueOf(e.getMessage()), start.control());
            return;
        }
        Instant now = Instant.now();
        Workload workload = start.spec().workload();
        OutputWatch output = workload instanceof SimulatedWorkload ? null : new OutputWatch(dirs.log(key.job(),
                key.attempt(), AgentCommand.LogStream.STDOUT));
        RunningAttempt.Serving serving = workload instanceof DjlServeWorkload
                ? new RunningAttempt.Serving(runners.djlServe().host(), servingToken(key)) : null;
        RunningAttempt attempt = new RunningAttempt(key, gpus, now, start.spec().timeLimit(), execution,
                start.control(), start.spec().checkpoint(), shipsCheckpoints(start) && leadsGang(start), output,
                serving);
        attempt.spec = start.spec();
        attempt.launch = launch;
        if (workload instanceof DjlServeWorkload) {
            attempt.restarts = new RestartBudget(runners.djlServe().restarts());
        }
        running.put(key, attempt);
        watch(attempt, now);
        armShipping(attempt);
        start.control().tell(new WorkloadStarted(settings.node(), key.job(), key.attempt(), now, self));
    }

    /** The spec's memory and CPUs; the process limit is the node's. */
    private static ResourceLimits limits(JobResources resources) {
        return new ResourceLimits(resources.memoryBytes(), resources.cpus(), 0);
    }

    private String servingToken(AttemptKey key) {
        try {
            return Files.readString(dirs.servingToken(key.job(), key.attempt())).strip();
        } catch (IOException e) {
            return ""; // the runner refused to launch without it, so this is never reached with none
        }
    }

    /** Whether the attempt's checkpoint directory is restored and shipped: a simulated run writes none. */
    private boolean shipsCheckpoints(StartJob start) {
        return checkpoints.shipped() && !(start.spec().workload() instanceof SimulatedWorkload);
    }

    /**
     * Whether the job's newest checkpoint is fetched from the store before the attempt starts.
     * Only attempts that ship do, and not a first attempt: checkpoints are shipped by attempts of
     * the job, so before its second there is none (the first attempt's own, were its start sent
     * again after it ran, is in this node's checkpoint directory still). That spares every first
     * start two round trips to the control plane.
     */
    private boolean restoresCheckpoint(StartJob start) {
        return shipsCheckpoints(start) && start.attempt() > 1;
    }

    /**
     * Whether this node is rank 0 of the attempt (the first node by name, as {@code RANK} counts):
     * only its checkpoint directory is shipped, as torch's convention has rank 0 save, so ranks'
     * uploads never race to be the newest; every rank restores that one.
     */
    private boolean leadsGang(StartJob start) {
        return new java.util.TreeSet<>(start.allocation().keySet()).first().equals(settings.node());
    }

    /** Ships the checkpoint directory every interval of the spec's checkpoint policy, while it runs. */
    private void armShipping(RunningAttempt attempt) {
        if (attempt.shipsCheckpoints && attempt.checkpoint != null) {
            ShipDue due = new ShipDue(attempt.key);
            timers.startTimerWithFixedDelay(due, due, attempt.checkpoint.interval());
        }
    }

    private Behavior<Object> onShipDue(ShipDue due) {
        RunningAttempt attempt = running.get(due.key());
        if (attempt != null && !attempt.shipping && !attempt.stopping() && attempt.endedAwaitingShip == null) {
            ship(attempt);
        }
        return Behaviors.same();
    }

    private void ship(RunningAttempt attempt) {
        attempt.shipping = true;
        AttemptKey key = attempt.key;
        context.pipeToSelf(checkpoints.ship(key.job(), key.attempt(), dirs.checkpoints(key.job())),
                (shipped, failure) -> new Shipped(key, shipped, failure));
    }

    private Behavior<Object> onShipped(Shipped shipped) {
        RunningAttempt attempt = running.get(shipped.key());
        if (attempt == null) {
            return Behaviors.same();
        }
        attempt.shipping = false;
        String note;
        if (shipped.failure() != null) {
            note = "; shipping its checkpoint failed: " + rootMessage(shipped.failure());
            context.getLog().warn("attempt {}: shipping its checkpoint failed: {}", shipped.key(),
                    rootMessage(shipped.failure()));
        } else if (shipped.shipped().isPresent()) {
            var stored = shipped.shipped().get();
            note = "; checkpoint of " + stored.stored().size() + " bytes shipped";
            context.getLog().info("attempt {}: checkpoint step {} shipped, {} files, {} bytes", shipped.key(),
                    stored.stored().step(), stored.files(), stored.stored().size());
        } else {
            note = "";
        }
        if (attempt.endedAwaitingShip == null || attempt.publishing) {
            return Behaviors.same(); // a periodic shipment; a trainer's exit waits for its model, not this
        }
        if (!attempt.lastShipment) {
            // A periodic shipment was under way when the workload ended: now the last one, of what it left.
            attempt.lastShipment = true;
            ship(attempt);
            return Behaviors.same();
        }
        running.remove(shipped.key());
        report(attempt, attempt.endedAwaitingShip, note);
        return Behaviors.same();
    }

    /**
     * Takes over what a previous incarnation left running. A workload that ended while no
     * incarnation was alive has its {@code exited()} complete already: piping it settles it now.
     */
    private void adopt() {
        if (running.isEmpty() && history.recent().isEmpty()) {
            return;
        }
        memory.forgetControlPlanes();
        armLeaseCheck(System.nanoTime());
        Instant now = Instant.now();
        for (RunningAttempt attempt : running.values()) {
            // A shipment the previous incarnation started reports to it, not to us: start over.
            attempt.shipping = false;
            if (attempt.publishing) {
                // Its publication answers the previous incarnation: publish again (the registry
                // answers a repeat with the version the first one made).
                publish(attempt);
                continue;
            }
            if (attempt.endedAwaitingShip != null) {
                attempt.lastShipment = true;
                ship(attempt);
                continue;
            }
            if (attempt.dead()) {
                // Its replica process died and the restart's timer went with the previous incarnation.
                RestartDue due = new RestartDue(attempt.key);
                timers.startSingleTimer(due, due, Duration.ZERO);
                armTimeLimit(attempt, now);
            } else {
                watch(attempt, now);
            }
            armShipping(attempt);
            Duration graceLeft = attempt.graceLeft(now);
            if (graceLeft != null) {
                GraceOver over = new GraceOver(attempt.key);
                timers.startSingleTimer(over, over, graceLeft);
            }
        }
        context.getLog().info("node agent {} adopted {} running attempts {}", settings.node(), running.size(),
                running.keySet());
    }

    /** Pipes the attempt's end to this actor, and arms its time limit for the time it has left. */
    private void watch(RunningAttempt attempt, Instant now) {
        watchExit(attempt);
        armTimeLimit(attempt, now);
    }

    /** Pipes the end of the attempt's current process (its run) to this actor. */
    private void watchExit(RunningAttempt attempt) {
        AttemptKey key = attempt.key;
        int run = attempt.run();
        context.pipeToSelf(attempt.execution.exited(), (code, failure) -> new WorkloadEnded(key, run, code, failure));
    }

    private void armTimeLimit(RunningAttempt attempt, Instant now) {
        AttemptKey key = attempt.key;
        Duration timeLeft = attempt.timeLeft(now);
        if (timeLeft != null) {
            TimeLimitReached due = new TimeLimitReached(key);
            timers.startSingleTimer(due, due, timeLeft);
        }
    }

    private Behavior<Object> onStop(StopJob stop) {
        AttemptKey key = new AttemptKey(stop.job(), stop.attempt());
        Restoring waiting = restoring.remove(key);
        if (waiting != null) {
            settle(key, -1, ExitCause.STOPPED, "stopped while its checkpoint was being restored, before it started",
                    waiting.start().control());
            return Behaviors.same();
        }
        RunningAttempt attempt = running.get(key);
        if (attempt != null) {
            // A job that checkpoints gets its policy's grace to write a last one; others the stop's.
            Duration grace = attempt.checkpoint != null ? attempt.checkpoint.gracePeriod()
                    : stop.grace() == null || stop.grace().isNegative() ? settings.killGrace() : stop.grace();
            beginStop(attempt, ExitCause.STOPPED, stop.reason() == null ? "stop requested" : stop.reason(), grace);
            return Behaviors.same();
        }
        Optional<ExitHistory.Ended> ended = history.find(key);
        if (ended.isPresent()) {
            tellExit(ended.get().exit(), ended.get().control());
        } else {
            // Remembered like any exit: a start that arrives after this stop must not run.
            settle(key, -1, ExitCause.STOPPED, "stopped: the attempt was not running on node " + settings.node(),
                    null);
        }
        return Behaviors.same();
    }

    private Behavior<Object> onTimeLimit(TimeLimitReached due) {
        RunningAttempt attempt = running.get(due.key());
        if (attempt != null) {
            beginStop(attempt, ExitCause.TIME_LIMIT, "ran past its time limit of "
                    + RunningAttempt.text(attempt.timeLimit), settings.killGrace());
        }
        return Behaviors.same();
    }

    /** SIGTERM now, SIGKILL when the grace period is over; a second stop changes neither. */
    private void beginStop(RunningAttempt attempt, ExitCause cause, String reason, Duration grace) {
        if (attempt.stopping()) {
            return;
        }
        context.getLog().info("stopping attempt {}: {}", attempt.key, reason);
        attempt.stop(cause, reason, grace);
        if (attempt.dead()) {
            // Its replica process died and waits to be restarted: nothing to signal, it ends now.
            timers.cancel(new RestartDue(attempt.key));
            ended(attempt, new WorkloadEnded(attempt.key, attempt.run(), attempt.deadExit(), null));
            return;
        }
        attempt.execution.terminate();
        GraceOver over = new GraceOver(attempt.key);
        timers.startSingleTimer(over, over, grace);
    }

    private Behavior<Object> onGraceOver(GraceOver over) {
        RunningAttempt attempt = running.get(over.key());
        if (attempt != null) {
            attempt.killed();
            attempt.execution.kill();
        }
        return Behaviors.same();
    }

    /** An attempt's process ended: a serving replica process may start again in place, anything else is over. */
    private Behavior<Object> onEnded(WorkloadEnded ended) {
        RunningAttempt attempt = running.get(ended.key());
        if (attempt == null || attempt.endedAwaitingShip != null || ended.run() != attempt.run() || attempt.dead()) {
            return Behaviors.same();
        }
        if (!attempt.stopping() && memory.lease.lapsed(System.nanoTime())) {
            // Its watchdog stopped it, the lease having lapsed (this JVM was frozen, or slower to see it).
            attempt.stop(ExitCause.LEASE_LAPSED, LEASE_LAPSED + " (its watchdog stopped it)", memory.lease.grace());
        }
        if (!restartInPlace(attempt, ended)) {
            ended(attempt, ended);
        }
        return Behaviors.same();
    }

    /**
     * A serving attempt's replica process that died while nobody stopped it starts again in place
     * after a backoff, within its {@link RestartBudget}; the attempt goes on meanwhile, its
     * replicas withdrawn from reports (at once: a report goes now), so the control plane routes
     * around them and the job's other replicas, on other nodes, keep serving. A process that
     * refused its config, model or token would refuse again: that ends the attempt, as does a
     * spent budget. Whether it was restarted.
     */
    private boolean restartInPlace(RunningAttempt attempt, WorkloadEnded ended) {
        if (attempt.restarts == null || attempt.stopping() || ended.failure() != null || ended.exitCode() == null) {
            return false;
        }
        if (ended.exitCode() == DjlServeRunner.SERVER_REFUSED) {
            attempt.notRestarted("the server refused its config, model or token, and would again");
            return false;
        }
        Optional<Duration> backoff = attempt.restarts.grant(Instant.now());
        if (backoff.isEmpty()) {
            attempt.notRestarted(attempt.restarts.spent());
            return false;
        }
        attempt.died(ended.exitCode());
        context.getLog().warn("attempt {}: its replica process exited with code {} while serving; starting it again "
                + "in {} (restart {})", attempt.key, ended.exitCode(), RunningAttempt.text(backoff.get()),
                attempt.restarts.total());
        RestartDue due = new RestartDue(attempt.key);
        timers.startSingleTimer(due, due, backoff.get());
        reportNow();
        return true;
    }

    private Behavior<Object> onRestartDue(RestartDue due) {
        RunningAttempt attempt = running.get(due.key());
        if (attempt == null || !attempt.dead() || attempt.stopping()) {
            return Behaviors.same();
        }
        Execution next;
        try {
            next = runners.launch(attempt.launch, attempt.spec.workload());
        } catch (LaunchFailure | RuntimeException e) {
            context.getLog().warn("attempt {}: its replica process could not be started again: {}", due.key(),
                    e.getMessage());
            attempt.notRestarted("starting it again failed: " + e.getMessage());
            ended(attempt, new WorkloadEnded(attempt.key, attempt.run(), attempt.deadExit(), null));
            return Behaviors.same();
        }
        attempt.restarted(next);
        watchExit(attempt);
        ReadyCheck check = new ReadyCheck(attempt.key, Instant.now().plus(READY_CHECK_FOR));
        timers.startTimerWithFixedDelay(check, check, READY_CHECK);
        context.getLog().info("attempt {}: replica process started again (run {})", due.key(), attempt.run());
        return Behaviors.same();
    }

    /** The control plane learns that a restarted replica process is ready without waiting for a heartbeat. */
    private Behavior<Object> onReadyCheck(ReadyCheck check) {
        RunningAttempt attempt = running.get(check.key());
        if (attempt == null || attempt.dead() || attempt.stopping() || attempt.endedAwaitingShip != null
                || Instant.now().isAfter(check.until())) {
            timers.cancel(check);
            return Behaviors.same();
        }
        attempt.output.poll();
        if (!attempt.output.ready().isEmpty()) {
            timers.cancel(check);
            reportNow();
        }
        return Behaviors.same();
    }

    /** A report now, between heartbeats: a change the control plane should route by at once. */
    private void reportNow() {
        if (reportTo != null) {
            reportTo.tell(report(history.since(Instant.now().minus(HEARTBEAT_EXITS))));
        }
    }

    /**
     * The attempt's workload is over for good. One that did not succeed (stopped for preemption,
     * drain, resize or cancel; failed; out of time) ships what its checkpoint directory holds
     * before its exit is reported: the next attempt, placed once the exit is known, must find this
     * checkpoint. Meanwhile it still counts as running here, so the control plane waits for it
     * rather than requeueing it.
     */
    private void ended(RunningAttempt attempt, WorkloadEnded ended) {
        timers.cancel(new GraceOver(ended.key()));
        timers.cancel(new TimeLimitReached(ended.key()));
        timers.cancel(new ShipDue(ended.key()));
        boolean succeeded = ended.failure() == null && attempt.cause() == ExitCause.COMPLETED
                && ended.exitCode() != null && ended.exitCode() == 0;
        if (attempt.shipsCheckpoints && !succeeded) {
            attempt.endedAwaitingShip = ended;
            if (!attempt.shipping) {
                attempt.lastShipment = true;
                ship(attempt);
            }
            return;
        }
        if (succeeded && attempt.spec != null && attempt.spec.workload() instanceof DjlTrainWorkload) {
            // The job succeeds only once its model is stored and registered: the exit waits for that.
            attempt.endedAwaitingShip = ended;
            attempt.publishing = true;
            publish(attempt);
            return;
        }
        running.remove(ended.key());
        report(attempt, ended, "");
    }

    private void publish(RunningAttempt attempt) {
        AttemptKey key = attempt.key;
        DjlTrainWorkload train = (DjlTrainWorkload) attempt.spec.workload();
        context.pipeToSelf(artifacts.publishModel(attempt.spec.tenant(), train.model(), key.job(), key.attempt(),
                        dirs.model(key.job(), key.attempt())),
                (version, failure) -> new Published(key, version, failure));
    }

    private Behavior<Object> onPublished(Published published) {
        RunningAttempt attempt = running.get(published.key());
        if (attempt == null) {
            return Behaviors.same();
        }
        running.remove(published.key());
        if (published.failure() != null) {
            context.getLog().warn("attempt {} trained, but its model could not be kept: {}", published.key(),
                    rootMessage(published.failure()));
            settle(published.key(), 1, ExitCause.COMPLETED, "trained, but the model could not be stored or "
                    + "registered: " + rootMessage(published.failure()), attempt.control(), attempt.epochs());
            return Behaviors.same();
        }
        report(attempt, attempt.endedAwaitingShip, "; model saved as version " + published.version());
        return Behaviors.same();
    }

    private void report(RunningAttempt attempt, WorkloadEnded ended, String note) {
        if (ended.failure() != null) {
            settle(ended.key(), -1, attempt.cause(), "lost track of the workload: " + ended.failure().getMessage()
                    + note, attempt.control(), attempt.epochs());
        } else {
            settle(ended.key(), ended.exitCode(), attempt.cause(), attempt.describeExit(ended.exitCode()) + note,
                    attempt.control(), attempt.epochs());
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private Behavior<Object> onReadLog(ReadLog read) {
        AttemptKey key = new AttemptKey(read.job(), read.attempt());
        boolean over = !running.containsKey(key);
        read.replyTo().tell(LogReader.read(dirs.log(read.job(), read.attempt(), read.stream()), read.offset(),
                read.maxBytes(), over));
        return Behaviors.same();
    }

    /**
     * An agent that owns its memory takes its workloads with it, as its death would through the
     * watchdog; one whose memory outlives it leaves them to the next incarnation.
     */
    private Behavior<Object> onPostStop() {
        if (leaveRunning) {
            if (!running.isEmpty()) {
                context.getLog().info("node agent {} stops, leaving {} attempts running for its next incarnation",
                        settings.node(), running.size());
            }
        } else {
            running.values().forEach(attempt -> attempt.execution.kill());
        }
        return Behaviors.same();
    }

    private void settle(AttemptKey key, int exitCode, ExitCause cause, String message, ActorRef<AgentEvent> control) {
        settle(key, exitCode, cause, message, control, List.of());
    }

    private void settle(AttemptKey key, int exitCode, ExitCause cause, String message, ActorRef<AgentEvent> control,
                        List<TrainingProgress> epochs) {
        WorkloadExited exit = new WorkloadExited(settings.node(), key.job(), key.attempt(), exitCode, cause, message,
                Instant.now(), self, epochs);
        history.record(key, exit, control);
        tellExit(exit, control);
    }

    /**
     * An exit goes to the control plane that started the attempt and, when another one has
     * described us since (a failover), to that one too: repeats are harmless, losses are not.
     */
    private void tellExit(WorkloadExited remembered, ActorRef<AgentEvent> control) {
        WorkloadExited exit = remembered.toldBy(self);
        if (control != null) {
            control.tell(exit);
        }
        if (reportTo != null && !reportTo.equals(control)) {
            reportTo.tell(exit);
        }
        if (control == null && reportTo == null) {
            context.getLog().warn("no control plane to tell of {}", exit);
        }
    }

    private AgentReport report(List<WorkloadExited> exits) {
        GpuInventory.Reading gpus = settings.gpus().read();
        NodeInfo info = new NodeInfo(settings.node(), settings.pool(), gpus.devices(), settings.labels(),
                NodeStatus.READY, gpus.problem(), runners.isolation().describe());
        List<RunningWorkload> runs = new ArrayList<>(running.values().stream()
                .map(RunningAttempt::toRunning).toList());
        restoring.forEach((key, waiting) -> runs.add(new RunningWorkload(key.job(), key.attempt(), waiting.gpus(),
                waiting.since())));
        // Exits an earlier incarnation remembered name its agent, whose system is gone: this one tells them.
        AgentReport report = new AgentReport(info, self, runs, exits.stream().map(exit -> exit.toldBy(self)).toList(),
                Instant.now());
        memory.lease.sent(report.at(), System.nanoTime());
        return report;
    }
}
