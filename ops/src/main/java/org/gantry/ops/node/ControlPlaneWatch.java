package org.gantry.ops.node;

import com.typesafe.config.Config;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
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
 * (11 s) or its jobs are stopped. Waiting for the downing provider (failure detection, then
 * {@code stable-after}) takes 8 s on its own; so once the control node has been unreachable for
 * {@code gantry.node.rejoin-after}, the agent downs itself, and {@link AgentNode} joins again,
 * keeping its workloads. A control node reachable again by then changes nothing; one that was
 * only slow sees the agent leave and come back, which keeps its jobs. An agent whose own JVM was
 * frozen finds everything unreachable when it wakes: the watch notices the freeze by its own
 * late pulse and waits for fresh heartbeats before it judges.
 */
final class ControlPlaneWatch {
    private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneWatch.class);

    /** What the watch hears: the cluster's reachability news, and its own timers. */
    private sealed interface Message permits Reachability, Rejoin, Tick {}

    private record Reachability(ClusterEvent.ReachabilityEvent event) implements Message {}

    private enum Rejoin implements Message { DUE }

    /** The watch's pulse, by which it notices that its own JVM was frozen. */
    private enum Tick implements Message { BEAT }

    private static final Duration BEAT = Duration.ofMillis(100);
    /** A beat this late means the JVM was frozen (SIGSTOP, a long GC pause), not the network slow. */
    private static final long FROZEN_NANOS = Duration.ofSeconds(1).toNanos();
    /**
     * After a freeze the failure detector finds every member unreachable until their next
     * heartbeats arrive (1 s apart): no reason to leave, so the watch looks again after this.
     */
    private static final Duration AFTER_A_FREEZE = Duration.ofSeconds(3);

    private ControlPlaneWatch() {}

    static final String REJOIN_AFTER = "gantry.node.rejoin-after";

    /** {@code gantry.node.rejoin-after}, or null when it is off. */
    static Duration rejoinAfter(Config config) {
        return config.getString(REJOIN_AFTER).equals("off") ? null : config.getDuration(REJOIN_AFTER);
    }

    /** Watches the control plane from this agent's system; {@code after} is {@link #rejoinAfter}'s. */
    static void start(ActorSystem<?> system, Duration after) {
        system.systemActorOf(behavior(after), "control-plane-watch", Props.empty());
    }

    private static Behavior<Message> behavior(Duration after) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> new Watching(context, timers, after)));
    }

    /** The watch at work: one actor, so its clock readings need no guarding. */
    private static final class Watching extends AbstractBehavior<Message> {
        private final TimerScheduler<Message> timers;
        private final Duration after;
        private final Cluster cluster;
        private long lastBeat = System.nanoTime();
        private long frozenUntil;

        Watching(ActorContext<Message> context, TimerScheduler<Message> timers, Duration after) {
            super(context);
            this.timers = timers;
            this.after = after;
            this.cluster = Cluster.get(context.getSystem());
            cluster.subscriptions().tell(Subscribe.create(context.messageAdapter(ClusterEvent.ReachabilityEvent.class,
                    Reachability::new), ClusterEvent.ReachabilityEvent.class));
            timers.startTimerWithFixedDelay(Tick.BEAT, Tick.BEAT, BEAT);
        }

        @Override
        public Receive<Message> createReceive() {
            return newReceiveBuilder()
                    .onMessageEquals(Tick.BEAT, this::onBeat)
                    .onMessage(Reachability.class, this::onReachability)
                    .onMessageEquals(Rejoin.DUE, this::onRejoinDue)
                    .build();
        }

        private Behavior<Message> onBeat() {
            long now = System.nanoTime();
            if (now - lastBeat > FROZEN_NANOS) {
                frozenUntil = now + AFTER_A_FREEZE.toNanos();
            }
            lastBeat = now;
            return this;
        }

        private Behavior<Message> onReachability(Reachability reachability) {
            if (reachability.event() instanceof ClusterEvent.UnreachableMember unreachable
                    && isControl(unreachable.member())) {
                timers.startSingleTimer(Rejoin.DUE, Rejoin.DUE, after);
            }
            return this;
        }

        private Behavior<Message> onRejoinDue() {
            if (!noControlReachable(cluster.state())) {
                return this;
            }
            long now = System.nanoTime();
            if (now < frozenUntil || now - lastBeat > FROZEN_NANOS) {
                // This JVM was frozen: the silence may be its own. Look again once heartbeats had a chance.
                timers.startSingleTimer(Rejoin.DUE, Rejoin.DUE, AFTER_A_FREEZE.plus(after));
            } else {
                LOG.warn("The control plane has been unreachable for {}: leaving this cluster to join the one it "
                        + "forms when it restarts, before this node's lease lapses", after);
                cluster.manager().tell(new Down(cluster.selfMember().address()));
            }
            return this;
        }
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
