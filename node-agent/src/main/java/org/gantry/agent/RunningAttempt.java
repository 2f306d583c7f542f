package org.gantry.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.agent.output.OutputWatch;
import org.gantry.agent.run.Execution;
import org.gantry.agent.run.Launch;
import org.gantry.api.job.CheckpointPolicy;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.TrainingProgress;
import org.gantry.api.protocol.AgentEvent;
import org.gantry.api.protocol.ExitCause;
import org.gantry.api.protocol.RunningWorkload;
import org.gantry.api.protocol.ServingEndpoint;

/**
 * An attempt the agent runs now, and whether it has been asked to stop. Mutable, and touched
 * only by the agent actor (one incarnation at a time, see {@link AgentMemory}).
 */
final class RunningAttempt {
    final AttemptKey key;
    final List<Integer> gpus;
    final Instant startedAt;
    /** From the spec; null when it has none. */
    final Duration timeLimit;
    /** Its process; a serving attempt's is replaced when its replica process is restarted in place. */
    Execution execution;
    /** The spec's checkpoint policy; null when it has none. */
    final CheckpointPolicy checkpoint;
    /** Whether its checkpoint directory leaves the node (a simulated workload has none to ship). */
    final boolean shipsCheckpoints;
    /** A shipment of its checkpoint directory is under way. */
    boolean shipping;
    /**
     * Its workload ended, and its exit waits to be reported: for its last checkpoint to be
     * shipped or, when {@link #publishing}, for its model to be stored and registered.
     */
    AgentInternal.WorkloadEnded endedAwaitingShip;
    /** A trainer that succeeded: its exit waits for its model's publication, not for a shipment. */
    boolean publishing;
    /** The shipment under way (or next) is the last, of what the ended workload left. */
    boolean lastShipment;
    /** Where its exit goes: the control plane that started it; null once that one is unreachable. */
    private ActorRef<AgentEvent> control;
    private ExitCause stopCause;
    private String stopReason;
    private Duration grace;
    /** When the grace period of the stop is over. */
    private Instant killAt;
    private boolean killed;
    /** Follows its stdout for a trainer's progress and a server's ready replicas; null for a simulated run. */
    final OutputWatch output;
    /** For a serving attempt: where its replicas are reached and the token they demand; else null. */
    final Serving serving;

    /** The spec it runs: what a finished training attempt's model is published under. */
    JobSpec spec;
    /** What it was launched with: a serving attempt's replica process is launched again with it. */
    Launch launch;
    /** A serving attempt's replica process restarts; null for other workloads, which are never restarted here. */
    RestartBudget restarts;
    /** Counts its processes: 0 for the first, one more per restart in place. */
    private int run;
    /** The exit code of its replica process while it is dead and waits to be restarted; null while it runs. */
    private Integer deadExit;
    /** Why it was not restarted again, for its exit's message; null when that never came up. */
    private String notRestarted;

    /** A serving attempt's replicas: on {@code host}, behind {@code token}. */
    record Serving(String host, String token) {}

    RunningAttempt(AttemptKey key, List<Integer> gpus, Instant startedAt, Duration timeLimit, Execution execution,
                   ActorRef<AgentEvent> control, CheckpointPolicy checkpoint, boolean shipsCheckpoints,
                   OutputWatch output, Serving serving) {
        this.output = output;
        this.serving = serving;
        this.checkpoint = checkpoint;
        this.shipsCheckpoints = shipsCheckpoints;
        this.key = key;
        this.gpus = List.copyOf(gpus);
        this.startedAt = startedAt;
        this.timeLimit = timeLimit;
        this.execution = execution;
        this.control = control;
    }

    int run() {
        return run;
    }

    /** Its replica process died on its own and waits to be restarted: its replicas serve nothing meanwhile. */
    void died(int exitCode) {
        deadExit = exitCode;
        output.processEnded();
    }

    /** Whether its replica process is dead, waiting to be restarted. */
    boolean dead() {
        return deadExit != null;
    }

    /** The dead process's exit code; only while {@link #dead()}. */
    int deadExit() {
        return deadExit;
    }

    /**
     * Its replica process runs again, as the next run. Its output is not read here: the dead
     * one's was read in {@link #died}, and what the new one printed already is its own.
     */
    void restarted(Execution next) {
        execution = next;
        run++;
        deadExit = null;
    }

    /** Its replica process was not restarted again, for {@code why}: its exit says so. */
    void notRestarted(String why) {
        notRestarted = why;
    }

    boolean stopping() {
        return stopCause != null;
    }

    /** The first stop decides the cause: a stop after the time limit fired stays a time limit. */
    void stop(ExitCause cause, String reason, Duration grace) {
        if (stopCause == null) {
            this.stopCause = cause;
            this.stopReason = reason;
            this.grace = grace;
            this.killAt = Instant.now().plus(grace);
        }
    }

    ActorRef<AgentEvent> control() {
        return control;
    }

    /** Its control plane's ref is dead (a new agent incarnation adopted it). */
    void forgetControl() {
        control = null;
    }

    /** A control plane that starts it again, while it has none, is where its exit goes. */
    void claimIfUnclaimed(ActorRef<AgentEvent> control) {
        if (this.control == null) {
            this.control = control;
        }
    }

    /** What is left of its time limit (zero when past it), or null when it has none. */
    Duration timeLeft(Instant now) {
        return timeLimit == null ? null : left(startedAt.plus(timeLimit), now);
    }

    /** What is left of the stop's grace period (zero when over), or null when it is not stopping. */
    Duration graceLeft(Instant now) {
        return killAt == null ? null : left(killAt, now);
    }

    private static Duration left(Instant due, Instant now) {
        Duration left = Duration.between(now, due);
        return left.isNegative() ? Duration.ZERO : left;
    }

    void killed() {
        killed = true;
    }

    ExitCause cause() {
        return stopCause == null ? ExitCause.COMPLETED : stopCause;
    }

    String describeExit(int exitCode) {
        String restarts = notRestarted != null ? "; not restarted: " + notRestarted
                : this.restarts != null && this.restarts.total() > 0 ? "; its replica process had been restarted "
                + RestartBudget.times(this.restarts.total()) : "";
        String note = execution.exitNote();
        if (note != null) {
            restarts = "; " + note + restarts;
        }
        if (stopCause == null) {
            return "exited with code " + exitCode + restarts;
        }
        String how = killed ? "killed after a grace period of " + text(grace) : "exited with code " + exitCode;
        return (stopCause == ExitCause.TIME_LIMIT ? "" : "stopped: ") + stopReason + "; " + how + restarts;
    }

    /** What a report says of it: with the latest epochs of a trainer and the ready replicas of a server. */
    RunningWorkload toRunning() {
        if (output == null) {
            return new RunningWorkload(key.job(), key.attempt(), gpus, startedAt);
        }
        output.poll();
        List<ServingEndpoint> endpoints = serving == null || dead() ? List.of() : output.ready().stream()
                .map(ready -> new ServingEndpoint(ready.replica(),
                        "http://" + serving.host() + ":" + ready.port() + "/predict", serving.token(), ready.version()))
                .toList();
        return new RunningWorkload(key.job(), key.attempt(), gpus, startedAt, endpoints, output.epochs());
    }

    /**
     * A trainer's epochs, read to the end of its output: its exit carries the newest, which no
     * report may have carried (it ended between heartbeats, or while no control plane was known).
     */
    List<TrainingProgress> epochs() {
        if (output == null) {
            return List.of();
        }
        output.poll();
        return output.epochs();
    }

    /** {@code PT1M30S} reads as {@code 1m30s}. */
    static String text(Duration duration) {
        return duration.toString().substring(2).toLowerCase();
    }
}
