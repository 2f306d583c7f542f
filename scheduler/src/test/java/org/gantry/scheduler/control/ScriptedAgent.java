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
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.protocol.AgentCommand;
import org.gantry.api.protocol.AgentEvent;
import org.gantry.api.protocol.AgentKeys;
import org.gantry.api.protocol.ExitCause;
import org.gantry.api.protocol.LogChunk;
import org.gantry.api.protocol.RunningWorkload;

/**
 * A stand-in node agent for the control plane's tests: it speaks the real protocol through the
 * real receptionist and "runs" a workload by waiting its simulated seconds (any other kind:
 * 100 ms), then exiting 0. The real agent is tested in node-agent and end to end.
 */
final class ScriptedAgent {
    private record Finish(String key) {}

    private record Attempt(AgentCommand.StartJob start, Instant at) {}

    private ScriptedAgent() {}

    static Behavior<AgentCommand> create(String node, int gpus) {
        return Behaviors.<Object>setup(context -> {
            ActorRef<AgentCommand> self = context.getSelf().narrow();
            context.getSystem().receptionist().tell(Receptionist.register(AgentKeys.AGENTS, self));
            NodeInfo info = new NodeInfo(NodeId.of(node), PoolId.DEFAULT,
                    java.util.stream.IntStream.range(0, gpus).mapToObj(i -> new GpuDevice(i, "Test-GPU", 1024, true))
                            .toList(), Map.of(), NodeStatus.READY);
            Map<String, Attempt> running = new HashMap<>();
            ActorRef<AgentEvent>[] control = new ActorRef[1];
            return Behaviors.withTimers(timers -> {
                timers.startTimerWithFixedDelay("heartbeat", "heartbeat", Duration.ofMillis(500));
                return Behaviors.receive(Object.class)
                        .onMessage(AgentCommand.Describe.class, describe -> {
                            control[0] = describe.control();
                            describe.control().tell(report(info, self, running));
                            return Behaviors.same();
                        })
                        .onMessageEquals("heartbeat", () -> {
                            if (control[0] != null) {
                                control[0].tell(report(info, self, running));
                            }
                            return Behaviors.same();
                        })
                        .onMessage(AgentCommand.StartJob.class, start -> {
                            String key = start.job() + "#" + start.attempt();
                            if (!running.containsKey(key)) {
                                running.put(key, new Attempt(start, Instant.now()));
                                start.control().tell(new AgentEvent.WorkloadStarted(info.id(), start.job(),
                                        start.attempt(), Instant.now()));
                                long millis = start.spec().workload() instanceof SimulatedWorkload simulated
                                        ? simulated.seconds() * 1000L : 100;
                                timers.startSingleTimer(key, new Finish(key), Duration.ofMillis(millis));
                            }
                            return Behaviors.same();
                        })
                        .onMessage(Finish.class, finish -> exit(info, running.remove(finish.key()), 0,
                                ExitCause.COMPLETED))
                        .onMessage(AgentCommand.StopJob.class, stop -> {
                            String key = stop.job() + "#" + stop.attempt();
                            timers.cancel(key);
                            return exit(info, running.remove(key), 143, ExitCause.STOPPED);
                        })
                        .onMessage(AgentCommand.ReadLog.class, read -> {
                            read.replyTo().tell(LogChunk.notFound(read.offset()));
                            return Behaviors.same();
                        })
                        .build();
            });
        }).narrow();
    }

    private static Behavior<Object> exit(NodeInfo info, Attempt attempt, int code, ExitCause cause) {
        if (attempt != null) {
            attempt.start().control().tell(new AgentEvent.WorkloadExited(info.id(), attempt.start().job(),
                    attempt.start().attempt(), code, cause, cause.name().toLowerCase(), Instant.now()));
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
