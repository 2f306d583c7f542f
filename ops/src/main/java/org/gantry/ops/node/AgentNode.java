package org.gantry.ops.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.gantry.agent.AgentMemory;
import org.gantry.agent.AgentSettings;
import org.gantry.agent.NodeAgent;
import org.gantry.agent.isolation.Isolation;
import org.gantry.agent.objects.Artifacts;
import org.gantry.agent.objects.Checkpoints;
import org.gantry.agent.run.Runners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent JVM's life: join the cluster and run the node agent; when the cluster drops this
 * node (the control plane was lost: {@link ControlPlaneWatch}, or the downing provider, downed
 * it), join again, as a new incarnation, until the control plane is back. Ends when the JVM is asked to stop.
 *
 * <p>The workloads belong to the JVM, not to an incarnation: every incarnation gets the same
 * {@link AgentMemory} and adopts what the previous one ran, so running jobs keep running
 * through a control-plane restart. They die with the JVM, through their watchdogs.
 */
public final class AgentNode {
    private static final Logger LOG = LoggerFactory.getLogger(AgentNode.class);
    private static final Duration REJOIN_PAUSE = Duration.ofSeconds(1);
    /** With a {@link ControlPlaneWatch}: back in the restarted control plane's cluster before the lease lapses. */
    private static final Duration FAST_REJOIN_PAUSE = Duration.ofMillis(250);

    private AgentNode() {}

    public static void run(NodeOptions options, AgentSettings settings, Isolation isolation)
            throws InterruptedException {
        var stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopping.set(true), "gantry-agent-stop"));
        Runners runners = Runners.standard(options.host(), isolation);
        AgentMemory memory = new AgentMemory();
        Duration rejoinAfter = ControlPlaneWatch.rejoinAfter(NodeConfig.of(options));
        // Watching, the agent also asks the seeds every second, not every 5 s.
        Config overrides = rejoinAfter == null ? ConfigFactory.empty()
                : ConfigFactory.parseString("pekko.cluster.seed-node-timeout = 1s");
        Duration pause = rejoinAfter == null ? REJOIN_PAUSE : FAST_REJOIN_PAUSE;
        while (!stopping.get()) {
            ActorSystem<Void> system = GantryNode.start(options, overrides);
            if (rejoinAfter != null) {
                ControlPlaneWatch.start(system, rejoinAfter);
            }
            system.systemActorOf(NodeAgent.create(settings, runners, memory, Checkpoints::overCluster,
                    Artifacts::overCluster), "agent", Props.empty());
            // The next incarnation starts only once this system is gone: one user of the memory at a time.
            system.getWhenTerminated().toCompletableFuture().join();
            if (memory.refusal() != null) {
                throw new IllegalStateException("the control plane refused this agent: " + memory.refusal());
            }
            if (!stopping.get()) {
                LOG.warn("Agent {} left the cluster (control plane lost?); joining {} again, keeping {} workloads "
                        + "running", settings.node(), options.seeds(), memory.runningCount());
                Thread.sleep(pause.toMillis());
            }
        }
    }
}
