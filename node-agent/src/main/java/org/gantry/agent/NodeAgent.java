package org.gantry.agent;

import java.time.Duration;
import java.time.Instant;
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
import org.gantry.agent.AgentInternal.TimeLimitReached;
import org.gantry.agent.AgentInternal.WorkloadEnded;
import org.gantry.agent.gpu.GpuInventory;
import org.gantry.agent.log.LogReader;
import org.gantry.agent.run.Allocations;
import org.gantry.agent.run.Execution;
import org.gantry.agent.run.Launch;
import org.gantry.agent.run.LaunchFailure;
import org.gantry.agent.run.Runners;
import org.gantry.agent.run.WorkDirs;
import org.gantry.api.cluster.NodeInfo;
import org.gantry.api.cluster.NodeStatus;
import org.gantry.api.protocol.AgentCommand;
import org.gantry.api.protocol.AgentCommand.Describe;
import org.gantry.api.protocol.AgentCommand.ReadLog;
import org.gantry.api.protocol.AgentCommand.StartJob;
import org.gantry.api.protocol.AgentCommand.StopJob;
import org.gantry.api.protocol.AgentEvent;
import org.gantry.api.protocol.AgentEvent.AgentReport;
import org.gantry.api.protocol.AgentEvent.WorkloadExited;
import org.gantry.api.protocol.AgentEvent.WorkloadStarted;
import org.gantry.api.protocol.AgentKeys;
import org.gantry.api.protocol.ExitCause;

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

    private NodeAgent(AgentSettings settings, Runners runners, AgentMemory memory, boolean leaveRunning,
                      ActorContext<Object> context, TimerScheduler<Object> timers) {
        this.settings = settings;
        this.runners = runners;
        this.memory = memory;
        this.running = memory.running;
        this.history = memory.history;
        this.leaveRunning = leaveRunning;
        this.dirs = new WorkDirs(settings.workDir());
        this.context = context;
        this.timers = timers;
        this.self = context.getSelf().narrow();
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
        return create(settings, runners, new AgentMemory(), false);
    }

    /**
     * An incarnation of the agent of a JVM that outlives its actor systems: it adopts whatever
     * {@code memory} holds from the previous incarnation, and leaves its workloads running when
     * it stops (the JVM's own end still kills processes, through the watchdog). Give each
     * incarnation the same memory, and start one only after the previous one's system has
     * terminated.
     */
    public static Behavior<AgentCommand> create(AgentSettings settings, Runners runners, AgentMemory memory) {
        return create(settings, runners, memory, true);
    }

    private static Behavior<AgentCommand> create(AgentSettings settings, Runners runners, AgentMemory memory,
                                                 boolean leaveRunning) {
        Behavior<Object> agent = Behaviors.setup(context -> Behaviors.withTimers(timers ->
                new NodeAgent(settings, runners, memory, leaveRunning, context, timers).start()));
        return Behaviors.supervise(agent).onFailure(Exception.class, SupervisorStrategy.resume()).narrow();
    }

    private Behavior<Object> start() {
        context.getSystem().receptionist().tell(Receptionist.register(AgentKeys.AGENTS, self));
        timers.startTimerWithFixedDelay(Heartbeat.TICK, Heartbeat.TICK, settings.heartbeatInterval());
        context.getLog().info("node agent {} up: {} GPUs, work dir {}", settings.node(),
                settings.gpus().devices().size(), settings.workDir());
        adopt();
        return Behaviors.receive(Object.class)
                .onMessage(Describe.class, this::onDescribe)
                .onMessage(StartJob.class, this::onStart)
                .onMessage(StopJob.class, this::onStop)
                .onMessage(ReadLog.class, this::onReadLog)
                .onMessage(Heartbeat.class, tick -> onHeartbeat())
                .onMessage(WorkloadEnded.class, this::onEnded)
                .onMessage(GraceOver.class, this::onGraceOver)
                .onMessage(TimeLimitReached.class, this::onTimeLimit)
                .onSignal(PostStop.class, signal -> onPostStop())
                .build();
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
        Execution execution;
        List<Integer> gpus;
        try {
            gpus = Allocations.ownGpus(settings.node(), start.allocation(), settings.gpus().devices());
            Launch launch = new Launch(start.job(), start.attempt(), settings.node(), gpus, start.allocation(),
                    start.rendezvous(), dirs, settings.killGrace());
            execution = runners.launch(launch, start.spec().workload());
        } catch (LaunchFailure | RuntimeException e) {
            // A workload that cannot start must not take the agent down with it.
            context.getLog().info("attempt {} could not start: {}", key, e.getMessage());
            settle(key, -1, ExitCause.LAUNCH_FAILED, String.valueOf(e.getMessage()), start.control());
            return Behaviors.same();
        }
        Instant now = Instant.now();
        RunningAttempt attempt = new RunningAttempt(key, gpus, now, start.spec().timeLimit(), execution,
                start.control());
        running.put(key, attempt);
        watch(attempt, now);
        start.control().tell(new WorkloadStarted(settings.node(), key.job(), key.attempt(), now));
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
        Instant now = Instant.now();
        for (RunningAttempt attempt : running.values()) {
            watch(attempt, now);
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
        AttemptKey key = attempt.key;
        context.pipeToSelf(attempt.execution.exited(), (code, failure) -> new WorkloadEnded(key, code, failure));
        Duration timeLeft = attempt.timeLeft(now);
        if (timeLeft != null) {
            TimeLimitReached due = new TimeLimitReached(key);
            timers.startSingleTimer(due, due, timeLeft);
        }
    }

    private Behavior<Object> onStop(StopJob stop) {
        AttemptKey key = new AttemptKey(stop.job(), stop.attempt());
        RunningAttempt attempt = running.get(key);
        if (attempt != null) {
            Duration grace = stop.grace() == null || stop.grace().isNegative() ? settings.killGrace() : stop.grace();
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

    private Behavior<Object> onEnded(WorkloadEnded ended) {
        RunningAttempt attempt = running.remove(ended.key());
        if (attempt == null) {
            return Behaviors.same();
        }
        timers.cancel(new GraceOver(ended.key()));
        timers.cancel(new TimeLimitReached(ended.key()));
        if (ended.failure() != null) {
            settle(ended.key(), -1, attempt.cause(), "lost track of the workload: " + ended.failure().getMessage(),
                    attempt.control());
        } else {
            settle(ended.key(), ended.exitCode(), attempt.cause(), attempt.describeExit(ended.exitCode()),
                    attempt.control());
        }
        return Behaviors.same();
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
        WorkloadExited exit = new WorkloadExited(settings.node(), key.job(), key.attempt(), exitCode, cause, message,
                Instant.now());
        history.record(key, exit, control);
        tellExit(exit, control);
    }

    /**
     * An exit goes to the control plane that started the attempt and, when another one has
     * described us since (a failover), to that one too: repeats are harmless, losses are not.
     */
    private void tellExit(WorkloadExited exit, ActorRef<AgentEvent> control) {
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
                NodeStatus.READY, gpus.problem());
        return new AgentReport(info, self, running.values().stream().map(RunningAttempt::toRunning).toList(),
                exits, Instant.now());
    }
}
