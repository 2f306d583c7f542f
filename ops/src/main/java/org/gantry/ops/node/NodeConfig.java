package org.gantry.ops.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration of a Gantry JVM: the launcher's options over {@code gantry-node.conf} over
 * every module's {@code reference.conf}. System properties ({@code -Dpekko...}, through
 * {@code GANTRY_JAVA_OPTS}) override everything.
 */
public final class NodeConfig {
    public static final String SYSTEM_NAME = "gantry";

    private NodeConfig() {}

    public static Config of(NodeOptions options) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("pekko.cluster.roles", List.copyOf(options.roles()));
        settings.put("pekko.remote.artery.canonical.hostname", options.host());
        settings.put("pekko.remote.artery.canonical.port", options.clusterPort());
        settings.put("pekko.cluster.seed-nodes", options.seeds().stream()
                .map(seed -> "pekko://" + SYSTEM_NAME + "@" + seed).toList());
        String rocks = options.dataDir().resolve("rocksdb").toAbsolutePath().toString();
        settings.put("gantry.storage.dir", rocks);
        settings.put("gantry.rocksdb.journal.dir", rocks);
        settings.put("gantry.rocksdb.snapshot.dir", rocks);
        if (options.clusterTls() != null) {
            settings.putAll(options.clusterTls().pekkoSettings());
        }
        return ConfigFactory.systemProperties()
                .withFallback(ConfigFactory.parseMap(settings))
                .withFallback(ConfigFactory.parseResources("gantry-node.conf"))
                .withFallback(ConfigFactory.parseResources("reference.conf"))
                .resolve();
    }
}
