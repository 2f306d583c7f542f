package org.gantry.ops.node;

import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Down;
import org.apache.pekko.cluster.typed.Subscribe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's side of a control-plane restart. A restarted control plane forms a new cluster,
 * which an agent can only join as a new incarnation, and it must do so before its lease lapses
 * (11 s) or its jobs are stopped. Waiting for the split brain resolver (failure detection, then
 * {@code stable-after}) took 8 s on its own; so once the control node has been unreachable for
 * {@code gantry.node.rejoin-after}, the agent downs itself, and {@link AgentNode} joins again,
 * keeping its workloads. A control node reachable again by then changes nothing; one that was
 * only slow sees the agent leave and come back, which keeps its jobs.
 */
final class ControlPlaneWatch {
    private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneWatch.class);

    /** What the watch hears: the cluster's reachability news, and its own timer. */
    private sealed interface Message permits Reachability, Rejoin {}

    private record Reachability(ClusterEvent.ReachabilityEvent event) implements Message {}

    private enum Rejoin implements Message { DUE }

    private ControlPlaneWatch() {}

    static final String REJOIN_AFTER = "gantry.node.rejoin-after";

    /** {@code gantry.node.rejoin-after}, or null when it is off. */
    static Duration rejoinAfter(com.typesafe.config.Config config) {
        return config.getString(REJOIN_AFTER).equals("off") ? null : config.getDuration(REJOIN_AFTER);
    }

    /** Watches the control plane from this agent's system; {@code after} is {@link #rejoinAfter}'s. */
    static void start(ActorSystem<?> system, Duration after) {
        system.systemActorOf(behavior(after), "control-plane-watch", Props.empty());
    }

    private static Behavior<Message> behavior(Duration after) {
        return Behaviors.setup(context -> {
            Cluster cluster = Cluster.get(context.getSystem());
            cluster.subscriptions().tell(Subscribe.create(context.messageAdapter(ClusterEvent.ReachabilityEvent.class,
                    Reachability::new), ClusterEvent.ReachabilityEvent.class));
            return Behaviors.withTimers(timers -> Behaviors.receiveMessage(message -> {
                if (message instanceof Reachability reachability
                        && reachability.event() instanceof ClusterEvent.UnreachableMember unreachable
                        && isControl(unreachable.member())) {
                    timers.startSingleTimer(Rejoin.DUE, Rejoin.DUE, after);
                } else if (message == Rejoin.DUE && noControlReachable(cluster.state())) {
                    LOG.warn("The control plane has been unreachable for {}: leaving this cluster to join the one "
                            + "it forms when it restarts, before this node's lease lapses", after);
                    cluster.manager().tell(new Down(cluster.selfMember().address()));
                }
                return Behaviors.same();
            }));
        });
    }

    /** With several control nodes, one unreachable is not the control plane lost. */
    private static boolean noControlReachable(ClusterEvent.CurrentClusterState state) {
        for (Member member : state.getMembers()) {
            if (isControl(member) && !state.getUnreachable().contains(member)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isControl(Member member) {
        return member.hasRole(NodeRoles.CONTROL);
    }
}
