package org.gantry.ops.node;

import com.typesafe.config.Config;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job records in a local RocksDB belong to one control node. When a second control node joins
 * a cluster whose job records are local, the newer of the two stops, saying why, rather than
 * hosting job entities whose history the other holds.
 */
public final class SingleControlGuard {
    public static final String LOCAL_JOURNAL = "gantry.rocksdb.journal";
    private static final Logger LOG = LoggerFactory.getLogger(SingleControlGuard.class);

    /** Why a control node on a local journal may not join others; used before and after joining. */
    public static final String WHY = "job records are in this node's local RocksDB (" + LOCAL_JOURNAL + "), "
            + "which one control node owns: run a single control node, or configure a journal all control "
            + "nodes share (pekko.persistence.journal.plugin)";

    private SingleControlGuard() {}

    public static boolean usesLocalJournal(Config config) {
        return LOCAL_JOURNAL.equals(config.getString("pekko.persistence.journal.plugin"));
    }

    /** Watches the cluster, when this node's job records are local. */
    public static void watch(ActorSystem<?> system) {
        if (usesLocalJournal(system.settings().config())) {
            system.systemActorOf(behavior(), "single-control-guard", Props.empty());
        }
    }

    private static Behavior<ClusterEvent.MemberUp> behavior() {
        return Behaviors.setup(context -> {
            Cluster cluster = Cluster.get(context.getSystem());
            cluster.subscriptions().tell(Subscribe.create(context.getSelf(), ClusterEvent.MemberUp.class));
            return Behaviors.receiveMessage(up -> {
                Member self = cluster.selfMember();
                Member other = up.member();
                if (!other.equals(self) && other.hasRole(NodeRoles.CONTROL) && self.hasRole(NodeRoles.CONTROL)
                        && other.isOlderThan(self)) {
                    LOG.error("Stopping: control node {} is already in this cluster, and {}", other.address(), WHY);
                    CoordinatedShutdown.get(Adapter.toClassic(context.getSystem()))
                            .run(CoordinatedShutdown.unknownReason());
                }
                return Behaviors.same();
            });
        });
    }
}
