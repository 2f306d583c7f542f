package org.gantry.ops.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.gantry.scheduler.control.secret.PrivateFiles;
import org.slf4j.LoggerFactory;

/** Starts a Gantry JVM's actor system and puts it in the cluster: joins the seeds, or itself when there are none. */
public final class GantryNode {
    private GantryNode() {}

    public static ActorSystem<Void> start(NodeOptions options) {
        return start(options, ConfigFactory.empty());
    }

    /** With {@code overrides} above everything else in the node's configuration (tests, embedding). */
    public static ActorSystem<Void> start(NodeOptions options, Config overrides) {
        // Logging is set up here, on one thread: set up by whichever of Pekko's threads logs first,
        // SLF4J replays the calls made meanwhile and prints three warning lines at every start.
        LoggerFactory.getILoggerFactory();
        PrivateFiles.directory(options.dataDir()); // journal, tokens, keys, logs: the owner's alone
        Config config = overrides.withFallback(NodeConfig.of(options));
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), NodeConfig.SYSTEM_NAME, config);
        if (options.seeds().isEmpty()) {
            Cluster cluster = Cluster.get(system);
            cluster.manager().tell(Join.create(cluster.selfMember().address()));
        }
        return system;
    }

    /** The address other nodes pass as {@code --seed} to join this one. */
    public static String seedAddress(ActorSystem<?> system) {
        var address = Cluster.get(system).selfMember().address();
        return address.getHost().orElse("?") + ":" + address.getPort().orElse(0);
    }
}
