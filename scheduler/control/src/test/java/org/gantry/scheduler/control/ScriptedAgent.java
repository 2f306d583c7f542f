package org.gantry.scheduler.control;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.gantry.api.cluster.GpuDevice;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.NodeInfo;
import org.gantry.api.cluster.NodeStatus;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.ProcessWorkload;
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.job.TrainingProgress;
import org.gantry.api.protocol.AgentCommand;
import org.gantry.api.protocol.AgentEvent;
import org.gantry.api.protocol.AgentKeys;
import org.gantry.api.protocol.ExitCause;
import org.gantry.api.protocol.LogChunk;
import org.gantry.api.protocol.RunningWorkload;

/**
 * A stand-in node agent for the control plane's tests: it speaks the real protocol through the
 * real receptionist and "runs" a workload by waiting its simulated seconds (any other kind:
 * 100 ms), then exiting 0. A process workload {@code ["exit-on", NODE, CODE]} exits CODE after
 * 200 ms on NODE and runs on every other node until stopped. A stop takes {@code stopDelay} to
 * take effect, like a workload saving a checkpoint in its grace period. Every run is written
 * to {@code usage} (node, GPUs, from, to), so tests can check that no GPU was used twice at once.
 * A process workload {@code ["epochs-then-exit", N]} exits 0 after 100 ms, its exit carrying N
 * epochs that no report did: a trainer whose agent had no control plane to report to.
 * The real agent is tested in node-agent and end to end.
 */
final class ScriptedAgent {
    /** One workload's use of a node's GPUs, in nanoTime. */
    record Use(String node, List<Integer> gpus, String job, long from, long to) {}

    private record Finish(String key, int code, ExitCause cause, List<TrainingProgress> epochs) {
        Finish(String key, int code, ExitCause cause) {
            this(key, code, cause, List.of());
        }
    }

    private record Attempt(AgentCommand.StartJob start, Instant at) {}

    private ScriptedAgent() {}

    static Behavior<AgentCommand> create(String node, int gpus) {
        return create(node, gpus, Duration.ZERO, new java.util.concurrent.ConcurrentLinkedQueue<>());
    }

    static Behavior<AgentCommand> create(String node, int gpus, Duration stopDelay, java.util.Queue<Use> usage) {
        return create(node, gpus, stopDelay, usage, new java.util.concurrent.ConcurrentLinkedQueue<>());
    }

    /** As above, every start it is sent added to {@code starts}, as it came. */
    static Behavior<AgentCommand> create(String node, int gpus, Duration stopDelay, java.util.Queue<Use> usage,
                                         java.util.Queue<AgentCommand.StartJob> starts) {
        return create(node, gpus, stopDelay, usage, starts, new java.util.concurrent.ConcurrentLinkedQueue<>());
    }

    /**
     * As above, with the nanoTime of every lease renewal it is sent added to {@code renewals}.
     * Sent (upcast) the string {@code "mute"} it stops reporting, {@code "unmute"} it starts
     * again, and {@code "leave"} it stops, leaving the receptionist: an agent cut off or gone.
     */
    static Behavior<AgentCommand> create(String node, int gpus, Duration stopDelay, java.util.Queue<Use> usage,
                                         java.util.Queue<AgentCommand.StartJob> starts,
                                         java.util.Queue<Long> renewals) {
        return Behaviors.<Object>setup(context -> {
            ActorRef<AgentCommand> self = context.getSelf().narrow();
            context.getSystem().receptionist().tell(Receptionist.register(AgentKeys.AGENTS, self));
            NodeInfo info = new NodeInfo(NodeId.of(node), PoolId.DEFAULT,
                    java.util.stream.IntStream.range(0, gpus).mapToObj(i -> new GpuDevice(i, "Test-GPU", 1024, true))
                            .toList(), Map.of(), NodeStatus.READY);
            Map<String, Attempt> running = new HashMap<>();
            ActorRef<AgentEvent>[] control = new ActorRef[1];
            boolean[] muted = new boolean[1];
            return Behaviors.withTimers(timers -> {
                timers.startTimerWithFixedDelay("heartbeat", "heartbeat", Duration.ofMillis(500));
                return Behaviors.receive(Object.class)
                        .onMessage(AgentCommand.Describe.class, describe -> {
                            control[0] = describe.control();
                            describe.control().tell(report(info, self, running));
                            return Behaviors.same();
                        })
                        .onMessageEquals("mute", () -> {
                            muted[0] = true;
                            return Behaviors.same();
                        })
                        .onMessageEquals("unmute", () -> {
                            muted[0] = false;
                            return Behaviors.same();
                        })
                        .onMessageEquals("leave", Behaviors::stopped)
                        .onMessage(AgentCommand.RenewLease.class, renewal -> {
                            renewals.add(System.nanoTime());
                            return Behaviors.same();
                        })
                        .onMessageEquals("heartbeat", () -> {
                            if (control[0] != null && !muted[0]) {
                                control[0].tell(report(info, self, running));
                            }
                            return Behaviors.same();
                        })
                        .onMessage(AgentCommand.StartJob.class, start -> {
                            starts.add(start);
                            String key = start.job() + "#" + start.attempt();
                            if (!running.containsKey(key)) {
                                running.put(key, new Attempt(start, Instant.now()));
                                start.control().tell(new AgentEvent.WorkloadStarted(info.id(), start.job(),
                                        start.attempt(), Instant.now(), self));
                                long millis = start.spec().workload() instanceof SimulatedWorkload simulated
                                        ? simulated.seconds() * 1000L : 100;
                                int code = 0;
                                if (start.spec().workload() instanceof ProcessWorkload process
                                        && process.command().get(0).equals("exit-on")) {
                                    boolean here = process.command().get(1).equals(node);
                                    millis = here ? 200 : 3_600_000;
                                    code = here ? Integer.parseInt(process.command().get(2)) : 0;
                                }
                                List<TrainingProgress> epochs = List.of();
                                if (start.spec().workload() instanceof ProcessWorkload process
                                        && process.command().get(0).equals("epochs-then-exit")) {
                                    int n = Integer.parseInt(process.command().get(1));
                                    epochs = java.util.stream.IntStream.rangeClosed(1, n)
                                            .mapToObj(epoch -> new TrainingProgress(epoch, n, 1.0 / epoch, 0.5, 0.5))
                                            .toList();
                                }
                                timers.startSingleTimer(key, new Finish(key, code, ExitCause.COMPLETED, epochs),
                                        Duration.ofMillis(millis));
                            }
                            return Behaviors.same();
                        })
                        .onMessage(Finish.class, finish -> exit(info, self, running.remove(finish.key()),
                                finish, usage))
                        .onMessage(AgentCommand.StopJob.class, stop -> {
                            String key = stop.job() + "#" + stop.attempt();
                            if (running.containsKey(key)) {
                                timers.startSingleTimer(key, new Finish(key, 143, ExitCause.STOPPED), stopDelay);
                            }
                            return Behaviors.same();
                        })
                        .onMessage(AgentCommand.ReadLog.class, read -> {
                            read.replyTo().tell(LogChunk.notFound(read.offset()));
                            return Behaviors.same();
                        })
                        .build();
            });
        }).narrow();
    }

    private static Behavior<Object> exit(NodeInfo info, ActorRef<AgentCommand> self, Attempt attempt, Finish finish,
                                         java.util.Queue<Use> usage) {
        if (attempt != null) {
            long ran = java.time.Duration.between(attempt.at(), Instant.now()).toNanos();
            long to = System.nanoTime();
            usage.add(new Use(info.id().value(), attempt.start().allocation().get(info.id()),
                    attempt.start().job().value(), to - ran, to));
            attempt.start().control().tell(new AgentEvent.WorkloadExited(info.id(), attempt.start().job(),
                    attempt.start().attempt(), finish.code(), finish.cause(), finish.cause().name().toLowerCase(),
                    Instant.now(), self, finish.epochs()));
        }
        return Behaviors.same();
    }

    private static AgentEvent.AgentReport report(NodeInfo info, ActorRef<AgentCommand> self,
                                                 Map<String, Attempt> running) {
        List<RunningWorkload> now = running.values().stream().map(a -> new RunningWorkload(a.start().job(),
                a.start().attempt(), a.start().allocation().get(info.id()), a.at())).toList();
        return new AgentEvent.AgentReport(info, self, now, List.of(), Instant.now());
    }
}
